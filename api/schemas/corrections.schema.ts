import { Type, type Static } from '@sinclair/typebox';
import { EXTENSION_DAYS } from '../../domain/bounds';
import { DOCUMENT_KINDS } from '../../domain/vocabulary';
import { codes, Deadline, IsoDate, Level, workingDaysIn } from './common';

const Code = (description: string) => Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$', description });

export const CreateCorrectionBody = Type.Object(
  {
    requestId: Type.String({
      minLength: 8,
      maxLength: 64,
      pattern: '^[A-Za-z0-9_-]+$',
      description: '客户端生成的请求号：同一请求号重复提交只产生一个流程',
    }),
    departmentCode: Code('数据提供部门代码'),
    resourceCode: Code('目录资源代码'),
    dataItems: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
      minItems: 1,
      maxItems: 50,
      uniqueItems: true,
      description: '有异议的数据项',
    }),
    description: Type.String({ minLength: 1, maxLength: 2000, description: '错误情形' }),
    evidence: Type.Optional(Type.String({ maxLength: 2000, description: '证明材料说明' })),
    subject: Type.Object(
      {
        kind: Type.Union([Type.Literal('person'), Type.Literal('organisation')]),
        documentKind: Type.Optional(codes(DOCUMENT_KINDS, '证件类型（第五十五条）；公民不填为居民身份证，组织为统一社会信用代码')),
        idNumber: Type.String({
          minLength: 1,
          maxLength: 32,
          description:
            '证件号码：公民身份号码（GB 11643）、护照、港澳台通行证或居住证、外国人永久居留身份证，或统一社会信用代码（GB 32100）',
        }),
        name: Type.String({ minLength: 1, maxLength: 100 }),
      },
      { additionalProperties: false },
    ),
    contact: Type.Optional(Type.String({ maxLength: 100 })),
    agent: Type.Optional(
      Type.Object(
        {
          authorisation: Type.String({
            minLength: 1,
            maxLength: 500,
            description: '代理人提出时：授权委托书编号及其说明（申请人就本人数据提出时不填）',
          }),
        },
        { additionalProperties: false },
      ),
    ),
    receivedOn: Type.Optional(
      Type.String({ format: 'date', description: '收到异议之日 YYYY-MM-DD（窗口登记时可补录，不得晚于今天）；缺省为今天' }),
    ),
  },
  { additionalProperties: false },
);
export type CreateCorrectionBody = Static<typeof CreateCorrectionBody>;

export const ExtensionBody = Type.Object(
  {
    days: workingDaysIn(EXTENSION_DAYS, '延长的工作日数'),
    reason: Type.String({ minLength: 1, maxLength: 1000 }),
  },
  { additionalProperties: false },
);

export const DecisionBody = Type.Object(
  {
    approve: Type.Boolean(),
    reason: Type.Optional(Type.String({ maxLength: 1000, description: '不同意时必填' })),
  },
  { additionalProperties: false },
);

export const VerificationBody = Type.Object(
  {
    outcome: Type.Union([Type.Literal('corrected'), Type.Literal('confirmed'), Type.Literal('partially_corrected')]),
    summary: Type.String({ minLength: 1, maxLength: 2000 }),
    changes: Type.Array(
      Type.Object(
        {
          item: Type.String({ minLength: 1, maxLength: 100 }),
          before: Type.String({ maxLength: 1000 }),
          after: Type.String({ maxLength: 1000 }),
        },
        { additionalProperties: false },
      ),
      { maxItems: 50 },
    ),
  },
  { additionalProperties: false },
);

/** An extension; to an applicant without the officials' ids and the internal reasons (reason, requestedBy, decidedBy, decisionReason). */
export const Extension = Type.Object({
  id: Type.Integer(),
  days: Type.Integer(),
  reason: Type.Optional(Type.String()),
  requestedBy: Type.Optional(Type.String()),
  requestedAt: Type.String(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('refused'), Type.Literal('lapsed')]),
  decidedBy: Type.Optional(Type.String()),
  decidedAt: Type.Optional(Type.String()),
  decisionReason: Type.Optional(Type.String()),
});

export const CorrectionView = Type.Object({
  id: Type.String({ description: '受理编号' }),
  workflowId: Type.String(),
  departmentCode: Type.String(),
  resourceCode: Type.String(),
  dataItems: Type.Array(Type.String()),
  description: Type.String(),
  subject: Type.Object({ kind: Type.String(), documentKind: Type.String(), name: Type.String(), idNumberMasked: Type.String() }),
  receivedOn: IsoDate,
  stage: Type.String({ description: 'verifying | extension_pending | overdue | completed | starting' }),
  level: Level,
  deadline: Type.Union([Deadline, Type.Null()]),
  originalDue: Type.Union([IsoDate, Type.Null()]),
  extensions: Type.Array(Extension),
  live: Type.Boolean({
    description: 'false：流程引擎未及时答复，阶段与期限取自流程登记表（延期记录照常取自延期表），原期限暂缺，稍后再取',
  }),
  outcome: Type.Union([Type.String(), Type.Null()]),
  outcomeDetail: Type.Union([Type.Unknown(), Type.Null()]),
  finishedAt: Type.Union([Type.String(), Type.Null()]),
});
export type CorrectionView = Static<typeof CorrectionView>;

export const CreatedCorrection = Type.Object({
  id: Type.String(),
  workflowId: Type.String(),
  receivedOn: IsoDate,
  created: Type.Boolean({ description: 'false：同一 requestId 的重复提交，返回原流程' }),
  queryCode: Type.String({ pattern: '^[0-9]{6}$', description: '查询码：与受理编号一起打印在回执上，申请人凭此查询办理状态' }),
});

/** What anyone holding the receipt number and query code may see: no personal data. */
export const PublicCorrectionView = Type.Object({
  id: Type.String(),
  receivedOn: IsoDate,
  departmentName: Type.String(),
  resourceName: Type.String(),
  stage: Type.String(),
  level: Level,
  due: Type.Union([IsoDate, Type.Null()]),
  provisional: Type.Boolean({ description: '期限跨越尚未载入官方安排的年份，暂按法定节假日和周末计算' }),
  endsAt: Type.Union([Type.String(), Type.Null()]),
  outcome: Type.Union([Type.String(), Type.Null()]),
  finishedAt: Type.Union([Type.String(), Type.Null()]),
});

export const DecisionResult = Type.Object({ extension: Extension, deadline: Deadline });
