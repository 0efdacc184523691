import { Type } from '@sinclair/typebox';
import { RESUBMISSION_PERIOD_DAYS } from '../../domain/bounds';
import { BASE_DATABASES, SHARING_TYPES } from '../../domain/catalog';
import { DEFAULT_RESUBMISSION_WORKING_DAYS } from '../../domain/catalog-update';
import { Deadline, IntegerId, IsoDate, Level, workingDaysIn } from './common';

const literals = <T extends string>(values: readonly T[]) => Type.Unsafe<T>(Type.Union(values.map((v) => Type.Literal(v))));
// Null first in each nullable union: the API's ajv coerces types, and would turn null into "".
const Text = (maxLength: number, description?: string) => Type.String({ minLength: 1, maxLength, ...(description && { description }) });

export const EntryCode = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$', description: '目录代码，全县唯一' });
export const DepartmentCode = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });

/** 第十五条: the metadata of one entry. */
export const CatalogMetadata = Type.Object(
  {
    name: Text(200),
    dataItems: Type.Array(Text(100), { minItems: 1, maxItems: 200, description: '元数据与数据项' }),
    summary: Text(2000, '数据内容摘要'),
    encodingFormat: Text(100, '编码格式'),
    sharingType: literals(SHARING_TYPES),
    sharingBasis: Type.Union([Type.Null(), Type.String({ maxLength: 1000 })], {
      description: '有条件共享、不予共享时必填：法律、行政法规或国家、市级政策依据（第三十条）',
    }),
    sharingMethod: Text(200, '共享方式'),
    updateFrequency: Text(100, '更新频度'),
    securityLevel: Text(100, '安全级别'),
    usageRequirements: Text(1000, '使用要求'),
    updateCycle: Text(100, '更新周期'),
    baseDatabase: Type.Union([Type.Null(), literals(BASE_DATABASES)], {
      description: '所属基础数据库；其基础信息项应无条件共享（第三十条(二)）',
    }),
  },
  { additionalProperties: false },
);

export const CatalogChange = Type.Union([
  Type.Object({ action: Type.Literal('add'), code: EntryCode, entry: CatalogMetadata }, { additionalProperties: false }),
  Type.Object(
    {
      action: Type.Literal('change'),
      code: EntryCode,
      baseVersion: IntegerId('所修改条目的版本号：审核通过时若条目已变动则拒绝（409）'),
      entry: CatalogMetadata,
    },
    { additionalProperties: false },
  ),
  Type.Object(
    { action: Type.Literal('withdraw'), code: EntryCode, baseVersion: IntegerId(), reason: Text(1000) },
    { additionalProperties: false },
  ),
]);

export const CatalogEntryView = Type.Intersect([
  CatalogMetadata,
  Type.Object({
    code: Type.String(),
    departmentCode: Type.String(),
    status: literals(['active', 'withdrawn'] as const),
    version: Type.Integer(),
  }),
]);

export const RegisterChangeBody = Type.Object(
  {
    requestId: Type.String({
      minLength: 8,
      maxLength: 64,
      pattern: '^[A-Za-z0-9_-]+$',
      description: '客户端生成的请求号：同一请求号重复提交只产生一个流程',
    }),
    departmentCode: Type.Optional(
      Type.String({ ...DepartmentCode, description: '须更新目录的部门；主管部门代为登记时必填，部门登记时缺省为本部门' }),
    ),
    trigger: Type.Union([Type.Literal('law_amended'), Type.Literal('functions_changed')], {
      description: 'law_amended 法律法规修改 / functions_changed 职能变更',
    }),
    changeDate: Type.String({ format: 'date', description: '法律法规修改或职能变更之日 D（不得晚于今天）' }),
    legalBasis: Text(1000, '修改的法律法规或职能调整文件'),
    description: Text(2000),
  },
  { additionalProperties: false },
);

export const SubmitApplicationBody = Type.Object(
  { changes: Type.Array(CatalogChange, { minItems: 1, maxItems: 100 }) },
  { additionalProperties: false },
);

export const ReviewBody = Type.Object(
  { approve: Type.Boolean(), reason: Type.Optional(Type.String({ maxLength: 2000, description: '退回时必填' })) },
  { additionalProperties: false },
);

export const CatalogSettingsBody = Type.Object(
  {
    resubmissionWorkingDays: workingDaysIn(
      RESUBMISSION_PERIOD_DAYS,
      `目录更新申请退回后重新提交的期限（工作日，自退回之日起算），默认 ${DEFAULT_RESUBMISSION_WORKING_DAYS}`,
    ),
  },
  { additionalProperties: false },
);
export const CatalogSettingsView = Type.Object({ resubmissionWorkingDays: Type.Integer() });

export const SubmissionView = Type.Object({
  n: Type.Integer(),
  receivedOn: IsoDate,
  late: Type.Boolean(),
  reviewDeadline: Deadline,
});

export const ReviewResult = Type.Object({
  stage: Type.String(),
  n: Type.Integer(),
  catalogVersion: Type.Union([Type.Integer(), Type.Null()]),
});

export const CreatedChange = Type.Object({
  id: Type.String(),
  workflowId: Type.String(),
  created: Type.Boolean({ description: 'false：同一 requestId 的重复提交，返回原流程' }),
});

export const ApplicationView = Type.Object({
  n: Type.Integer(),
  changes: Type.Array(Type.Unknown()),
  submittedAt: Type.String(),
  receivedOn: IsoDate,
  reviewDue: IsoDate,
  decision: Type.Union([Type.Literal('approved'), Type.Literal('returned'), Type.Null()]),
  decidedAt: Type.Union([Type.String(), Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
});

export const ChangeView = Type.Object({
  id: Type.String(),
  workflowId: Type.String(),
  departmentCode: Type.String(),
  trigger: Type.String(),
  changeDate: IsoDate,
  legalBasis: Type.String(),
  description: Type.String(),
  stage: Type.String({ description: 'awaiting_application | under_review | returned | approved | starting' }),
  level: Level,
  deadline: Type.Union([Deadline, Type.Null()]),
  catalogVersion: Type.Union([Type.Integer(), Type.Null()]),
  applications: Type.Array(ApplicationView),
});

export const VersionView = Type.Object({
  version: Type.Integer(),
  departmentCode: Type.Union([Type.String(), Type.Null()]),
  changeId: Type.Union([Type.String(), Type.Null()]),
  approvedBy: Type.Union([Type.String(), Type.Null()]),
  approvedAt: Type.String(),
  summary: Type.Object({ added: Type.Array(Type.String()), changed: Type.Array(Type.String()), withdrawn: Type.Array(Type.String()) }),
});

export const VersionParams = Type.Object({ version: IntegerId() }, { additionalProperties: false });
export const DiffQuery = Type.Object({ from: IntegerId(), to: IntegerId() }, { additionalProperties: false });
export const EntryParams = Type.Object({ code: EntryCode }, { additionalProperties: false });
export const DepartmentParams = Type.Object({ departmentCode: DepartmentCode }, { additionalProperties: false });

export const CatalogDiffView = Type.Object({
  from: Type.Integer(),
  to: Type.Integer(),
  added: Type.Array(CatalogEntryView),
  removed: Type.Array(CatalogEntryView),
  changed: Type.Array(
    Type.Object({
      code: Type.String(),
      fromVersion: Type.Integer(),
      toVersion: Type.Integer(),
      fields: Type.Array(Type.Object({ field: Type.String(), before: Type.Unknown(), after: Type.Unknown() })),
    }),
  ),
});

export const ResponsibilityListView = Type.Object({
  departmentCode: Type.String(),
  catalogVersion: Type.Integer(),
  generatedAt: Type.String(),
  items: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      dataItems: Type.Array(Type.String()),
      updateFrequency: Type.String(),
      updateCycle: Type.String(),
      securityLevel: Type.String(),
      sharingType: Type.String(),
    }),
  ),
});

export const DemandBody = Type.Object(
  {
    providerDepartmentCode: Type.Optional(DepartmentCode),
    resourceCode: Type.Optional(EntryCode),
    name: Text(200, '所需数据资源'),
    dataItems: Type.Array(Text(100), { maxItems: 200, default: [] }),
    purpose: Text(1000, '用途'),
    duty: Text(1000, '所履行的行政管理职能'),
  },
  { additionalProperties: false },
);

export const DemandView = Type.Object({
  id: Type.Integer(),
  departmentCode: Type.String(),
  providerDepartmentCode: Type.Union([Type.String(), Type.Null()]),
  resourceCode: Type.Union([Type.String(), Type.Null()]),
  name: Type.String(),
  dataItems: Type.Array(Type.String()),
  purpose: Type.String(),
  duty: Type.String(),
  createdAt: Type.String(),
  /** SPEC §3.7: the sharing request it became, once it did */
  sharingRequestId: Type.Union([Type.String(), Type.Null()]),
  /** the published 共享目录 entries that may answer it, best first */
  matches: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), departmentName: Type.String() })),
});

export const DemandRequestBody = Type.Object(
  {
    requestId: Type.String({ minLength: 8, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$', description: '客户端生成的请求号' }),
    resourceCode: EntryCode,
  },
  { additionalProperties: false },
);

export const ExportQuery = Type.Object(
  { format: Type.Union([Type.Literal('json'), Type.Literal('csv')], { default: 'json' }) },
  { additionalProperties: false },
);
export const ExportParams = Type.Object(
  { list: Type.Union([Type.Literal('catalog'), Type.Literal('demand')]) },
  { additionalProperties: false },
);
