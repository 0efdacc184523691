import { Type } from '@sinclair/typebox';
import { SHARING_DECISION_DAYS } from '../../domain/bounds';
import { DEFAULT_DECISION_WORKING_DAYS } from '../../domain/sharing';
import { Deadline, Level, Pagination, workingDaysIn } from './common';

const Text = (description: string, maxLength = 2000) => Type.String({ minLength: 1, maxLength, description });
const Items = Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { minItems: 1, maxItems: 200 });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const ResourceCode = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' });
const DepartmentCode = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });
const ClientRequestId = Type.String({
  minLength: 8,
  maxLength: 100,
  pattern: '^[A-Za-z0-9_-]+$',
  description: '客户端生成的请求编号：重复提交只产生一个事项',
});

export const SettingsBody = Type.Object(
  {
    decisionWorkingDays: workingDaysIn(SHARING_DECISION_DAYS, `有条件共享申请的答复期限（工作日），默认 ${DEFAULT_DECISION_WORKING_DAYS}`),
  },
  { additionalProperties: false },
);
export const SettingsView = Type.Object({ decisionWorkingDays: Type.Integer() });

export const SharingRequestBody = Type.Object(
  {
    requestId: ClientRequestId,
    resourceCode: ResourceCode,
    dataItems: Items,
    purpose: Text('用途（第四十九条(五)）', 500),
    duty: Text('所履行的行政管理职能（第四十九条(四)）', 500),
  },
  { additionalProperties: false },
);

export const SharingStatus = Type.Union([
  Type.Literal('pending'),
  Type.Literal('granted'),
  Type.Literal('granted_in_part'),
  Type.Literal('refused'),
]);

export const GrantView = Type.Object({
  id: Type.String(),
  sharingRequestId: Type.String(),
  requesterDepartment: Type.String(),
  providerDepartment: Type.String(),
  resourceCode: Type.String(),
  dataItems: Type.Array(Type.String()),
  purpose: Type.String(),
  source: Type.String(),
  /** a dispute's grant: who ordered it and alone may revoke it (authority_reviewer, county_government) */
  orderedRole: Nullable(Type.String()),
  grantedAt: Type.String(),
  revokedAt: Nullable(Type.String()),
  revokeReason: Nullable(Type.String()),
});

export const SharingRequestView = Type.Object({
  id: Type.String(),
  workflowId: Nullable(Type.String()),
  requesterDepartment: Type.String(),
  providerDepartment: Type.String(),
  resourceCode: Type.String(),
  dataItems: Type.Array(Type.String()),
  purpose: Type.String(),
  duty: Type.String(),
  sharingType: Type.String(),
  status: SharingStatus,
  reason: Nullable(Type.String()),
  deadline: Nullable(Deadline),
  level: Level,
  decidedLate: Nullable(Type.Boolean()),
  createdAt: Type.String(),
  grant: Nullable(GrantView),
  disputeId: Nullable(Type.String()),
});

export const SharingQuery = Type.Object({ status: Type.Optional(SharingStatus), ...Pagination }, { additionalProperties: false });
export const GrantQuery = Type.Object({ active: Type.Optional(Type.Boolean()), ...Pagination }, { additionalProperties: false });
export const PageQuery = Type.Object(Pagination, { additionalProperties: false });

export const DecisionBody = Type.Object(
  {
    decision: Type.Union([Type.Literal('approve'), Type.Literal('approve_in_part'), Type.Literal('refuse')]),
    dataItems: Type.Optional(Items),
    reason: Type.Optional(Text('不同意的理由', 2000)),
  },
  { additionalProperties: false },
);

export const ReasonBody = Type.Object({ reason: Text('理由') }, { additionalProperties: false });
export const DisputeBody = Type.Object({ grounds: Text('异议理由（第三十二条）') }, { additionalProperties: false });

export const SharedDataView = Type.Object({
  grant: GrantView,
  entry: Type.Object({
    code: Type.String(),
    name: Type.String(),
    departmentCode: Type.String(),
    summary: Type.String(),
    encodingFormat: Type.String(),
    sharingType: Type.String(),
    sharingMethod: Type.String(),
    updateFrequency: Type.String(),
    securityLevel: Type.String(),
    usageRequirements: Type.String(),
  }),
  dataItems: Type.Array(Type.String()),
});

export const DisputeView = Type.Object({
  id: Type.String(),
  sharingRequestId: Type.String(),
  workflowId: Type.String(),
  requesterDepartment: Type.String(),
  providerDepartment: Type.String(),
  resourceCode: Type.String(),
  grounds: Type.String(),
  status: Type.String(),
  /** the step's owner: authority_reviewer, county_government, or null once decided */
  owner: Nullable(Type.String()),
  deadline: Nullable(Deadline),
  level: Level,
  referralReason: Nullable(Type.String()),
  decidedRole: Nullable(Type.String()),
  decisionReason: Nullable(Type.String()),
  filedAt: Type.String(),
});

export const DisputeDecisionBody = Type.Object(
  {
    outcome: Type.Union([Type.Literal('upheld'), Type.Literal('overturned')], { description: 'upheld 维持不予共享；overturned 同意共享' }),
    dataItems: Type.Optional(Items),
    reason: Text('决定理由'),
  },
  { additionalProperties: false },
);

// 第二十六条
export const ConflictBody = Type.Object(
  {
    requestId: ClientRequestId,
    departments: Type.Array(DepartmentCode, { minItems: 1, maxItems: 20 }),
    resources: Type.Array(Type.Object({ code: ResourceCode, dataItems: Items }, { additionalProperties: false }), {
      minItems: 1,
      maxItems: 50,
    }),
    description: Text('不一致的情况'),
  },
  { additionalProperties: false },
);
export const PositionBody = Type.Object(
  { position: Text('本部门意见'), agrees: Type.Boolean({ description: '是否同意形成一致意见' }) },
  { additionalProperties: false },
);
export const ConflictDecisionBody = Type.Object({ decision: Text('协调核实的结论') }, { additionalProperties: false });

export const ConflictView = Type.Object({
  id: Type.String(),
  workflowId: Type.String(),
  departments: Type.Array(Type.String()),
  resources: Type.Array(Type.Object({ code: Type.String(), dataItems: Type.Array(Type.String()) })),
  description: Type.String(),
  status: Type.String(),
  deadline: Nullable(Deadline),
  level: Level,
  positions: Type.Array(
    Type.Object({ departmentCode: Type.String(), position: Type.String(), agrees: Type.Boolean(), recordedAt: Type.String() }),
  ),
  decision: Nullable(Type.String()),
  openedAt: Type.String(),
});
