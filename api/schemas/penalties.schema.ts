// 第三十八条, 第五十二条, 第五十三条: the registers and the penalty cases over HTTP, camelCase.
import { Type } from '@sinclair/typebox';
import {
  BREACH_ITEMS,
  CONDUCTS,
  PENALTY_PARTY_TYPES,
  PENALTY_RECTIFICATION_DAYS,
  SERVICE_UNIT_DUTIES,
  VIOLATOR_KINDS,
} from '../../domain/penalty';
import { DOCUMENT_KINDS, STAGES_OF } from '../../domain/vocabulary';
import { MAX_INTEGER_ID } from '../../domain/bounds';
import { BigintId, codes, Deadline, IsoDate, Level, Pagination, workingDaysIn } from './common';

const text = (maxLength: number, description?: string) => Type.String({ minLength: 1, maxLength, ...(description && { description }) });

export const DutyChecklist = Type.Object(
  Object.fromEntries(SERVICE_UNIT_DUTIES.map((d) => [d, Type.Boolean()])) as Record<
    (typeof SERVICE_UNIT_DUTIES)[number],
    ReturnType<typeof Type.Boolean>
  >,
  { additionalProperties: false, description: '第三十八条职责清单：true 为已落实' },
);

export const ServiceUnitBody = Type.Object(
  {
    name: text(200, '单位名称'),
    creditCode: Type.String({ minLength: 1, maxLength: 40, description: '统一社会信用代码（GB 32100-2015）' }),
    services: text(1000, '提供的政务数据资源管理建设、运行维护服务'),
    duties: DutyChecklist,
    checkedOn: IsoDate,
  },
  { additionalProperties: false },
);
export const DutiesBody = Type.Object({ duties: DutyChecklist, checkedOn: IsoDate }, { additionalProperties: false });

export const ServiceUnitView = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  creditCode: Type.String(),
  services: Type.String(),
  duties: DutyChecklist,
  /** the duties not met, for the authority's follow-up */
  unmetDuties: Type.Array(Type.String()),
  checkedOn: Type.String(),
  recordedBy: Type.String(),
  recordedAt: Type.String(),
});

export const ViolatorBody = Type.Object(
  {
    kind: codes(VIOLATOR_KINDS, 'natural_person：公民（居民身份证号码）；organisation：法人和其他组织（统一社会信用代码）'),
    name: text(200, '姓名或名称'),
    documentKind: Type.Optional(codes(DOCUMENT_KINDS, '证件类型（第五十五条）；公民不填为居民身份证，组织为统一社会信用代码')),
    identifier: Type.String({ minLength: 1, maxLength: 40, description: '证件号码或统一社会信用代码' }),
  },
  { additionalProperties: false },
);
export const ViolatorView = Type.Object({
  id: Type.Integer(),
  kind: codes(VIOLATOR_KINDS, '当事人类别'),
  name: Type.String(),
  documentKind: Type.String(),
  identifier: Type.String(),
  recordedBy: Type.String(),
  recordedAt: Type.String(),
});
export const ViolatorQuery = Type.Object(
  { kind: Type.Optional(codes(VIOLATOR_KINDS, '当事人类别')), ...Pagination },
  { additionalProperties: false },
);
export const PageQuery = Type.Object(Pagination, { additionalProperties: false });
export const RowIdParams = Type.Object({ id: BigintId }, { additionalProperties: false });

const PenaltyStageCode = codes(STAGES_OF.penalty_case, '处罚案件环节');

export const PenaltyCaseBody = Type.Object(
  {
    requestId: Type.String({
      minLength: 8,
      maxLength: 100,
      pattern: '^[A-Za-z0-9_-]+$',
      description: '客户端生成的请求号：重复提交返回同一案件',
    }),
    serviceUnitId: Type.Optional(BigintId),
    violatorId: Type.Optional(BigintId),
    conduct: Type.Optional(codes(CONDUCTS, '第五十三条：business 经营性行为，non_business 非经营性行为')),
    breaches: Type.Array(codes(BREACH_ITEMS, '违反的第三十八条职责或第五十条事项'), { minItems: 1, maxItems: BREACH_ITEMS.length }),
    facts: text(5000, '违法事实'),
    evidence: Type.Optional(Type.String({ maxLength: 5000, description: '证据' })),
  },
  { additionalProperties: false },
);
export const PenaltyCaseQuery = Type.Object(
  { partyType: Type.Optional(codes(PENALTY_PARTY_TYPES, '当事人类型')), stage: Type.Optional(PenaltyStageCode), ...Pagination },
  { additionalProperties: false },
);

export const NoticeBody = Type.Object({ notifiedOn: IsoDate, content: text(5000, '告知内容') }, { additionalProperties: false });
export const StatementBody = Type.Object({ statement: text(5000, '当事人的陈述申辩') }, { additionalProperties: false });
export const PenaltyOrderBody = Type.Object(
  { requirement: text(2000, '改正要求'), periodWorkingDays: workingDaysIn(PENALTY_RECTIFICATION_DAYS, '改正期限（工作日）') },
  { additionalProperties: false },
);
export const RectifiedBody = Type.Object({ report: text(5000, '当事人改正情况') }, { additionalProperties: false });
export const FineBody = Type.Object(
  {
    // The case's own range (第五十二条 or 第五十三条) is the workflow's check, answered with the range.
    amountYuan: Type.Integer({ minimum: 0, maximum: MAX_INTEGER_ID, description: '罚款金额（元）' }),
    consequences: text(5000, '造成的严重后果'),
  },
  { additionalProperties: false },
);
export const ConclusionBody = Type.Object({ reason: text(2000, '未造成严重后果、警告后结案的理由') }, { additionalProperties: false });
export const ReferralBody = Type.Object(
  { organ: text(200, '移送的司法机关'), reason: text(2000, '涉嫌犯罪的事实与理由') },
  { additionalProperties: false },
);

const record = (fields: Record<string, ReturnType<typeof Type.String> | ReturnType<typeof Type.Integer>>) =>
  Type.Union([Type.Object({ ...fields, by: Type.String(), at: Type.String() }), Type.Null()]);

export const PenaltyCaseView = Type.Object({
  id: Type.String(),
  workflowId: Type.String(),
  partyType: codes(PENALTY_PARTY_TYPES, '当事人类型'),
  party: Type.Object({ id: Type.Integer(), name: Type.String(), kind: Type.String(), identifier: Type.String() }),
  conduct: Type.Union([codes(CONDUCTS, '经营性或非经营性行为'), Type.Null()]),
  article: Type.String(),
  breaches: Type.Array(Type.Object({ code: Type.String(), article: Type.String(), label: Type.String() })),
  facts: Type.String(),
  evidence: Type.Union([Type.String(), Type.Null()]),
  fineRange: Type.Object({ minYuan: Type.Integer(), maxYuan: Type.Integer(), article: Type.String(), text: Type.String() }),
  stage: PenaltyStageCode,
  deadline: Type.Union([Deadline, Type.Null()]),
  level: Level,
  openedBy: Type.String(),
  openedAt: Type.String(),
  notice: Type.Union([
    Type.Object({ notifiedOn: Type.String(), content: Type.String(), statementDue: Type.Union([Type.String(), Type.Null()]) }),
    Type.Null(),
  ]),
  statements: Type.Array(Type.Object({ statement: Type.String(), by: Type.String(), at: Type.String() })),
  order: Type.Union([
    Type.Object({
      requirement: Type.String(),
      periodWorkingDays: Type.Integer(),
      orderedOn: Type.String(),
      due: Type.Union([Type.String(), Type.Null()]),
    }),
    Type.Null(),
  ]),
  rectification: record({ report: Type.String() }),
  warnedAt: Type.Union([Type.String(), Type.Null()]),
  fine: record({ amountYuan: Type.Integer(), consequences: Type.String() }),
  conclusion: record({ reason: Type.String() }),
  referral: record({ organ: Type.String(), reason: Type.String() }),
  closedAt: Type.Union([Type.String(), Type.Null()]),
});
