// 第四十五条: the evaluation, its indicator sets and submissions, and the security register.
import { type Static, Type } from '@sinclair/typebox';
import { DIMENSIONS, PARAMETER_BOUNDS, SECURITY_RECORD_KINDS } from '../../domain/evaluation';
import { FINDING_KINDS } from '../../domain/vocabulary';
import { codes, IsoDate, Pagination, ProcessTypeCode } from './common';

const DepartmentCode = Type.String({ maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });

export const EvaluationYear = Type.Integer({ minimum: 2019, maximum: 2100, description: '评价年度' });
export const YearParams = Type.Object({ year: EvaluationYear }, { additionalProperties: false });

export const EvaluationQuery = Type.Object(
  {
    year: EvaluationYear,
    format: Type.Union([Type.Literal('json'), Type.Literal('csv')], { default: 'json' }),
  },
  { additionalProperties: false },
);

const Score = Type.Number({ minimum: 0, maximum: 100, description: '0–100，两位小数' });
const Weight = Type.Integer({ minimum: 0, maximum: 100 });

export const Weights = Type.Object(
  Object.fromEntries(DIMENSIONS.map((d) => [d, Weight])) as Record<(typeof DIMENSIONS)[number], typeof Weight>,
  { additionalProperties: false, description: '汇聚 gathering、共享 sharing、应用 application、安全 security 的权重，合计 100' },
);

/** A parameter within its domain bound. */
const bounded = (key: keyof typeof PARAMETER_BOUNDS, description: string) =>
  Type.Integer({ minimum: PARAMETER_BOUNDS[key].min, maximum: PARAMETER_BOUNDS[key].max, description });

export const Parameters = Type.Object(
  {
    gatheringPenaltyPerFinding: bounded('gatheringPenaltyPerFinding', '汇聚：每项已认定的第四十九条(八)违规扣分'),
    sharingPenaltyPerOverturned: bounded('sharingPenaltyPerOverturned', '共享：每项被争议决定撤销的拒绝扣分'),
    applicationRequestsTarget: bounded('applicationRequestsTarget', '应用：年内通过系统提出共享申请的目标数'),
    securityAssessmentsRequired: bounded('securityAssessmentsRequired', '安全：年内应开展的风险评估次数'),
    securityDrillsRequired: bounded('securityDrillsRequired', '安全：年内应开展的应急演练次数'),
  },
  { additionalProperties: false },
);

export const IndicatorSetBody = Type.Object({ weights: Weights, parameters: Type.Optional(Parameters) }, { additionalProperties: false });
export type IndicatorSetBody = Static<typeof IndicatorSetBody>;

export const IndicatorSetView = Type.Object({
  year: Type.Integer(),
  weights: Weights,
  parameters: Parameters,
  isDefault: Type.Boolean({ description: '该年度尚未设定指标，适用默认指标' }),
  updatedBy: Type.Union([Type.String(), Type.Null()]),
  updatedAt: Type.Union([Type.String(), Type.Null()]),
  publishedBy: Type.Union([Type.String(), Type.Null()]),
  publishedAt: Type.Union([Type.String(), Type.Null()]),
});

const Count = Type.Integer({ minimum: 0 });

export const DepartmentEvaluation = Type.Object({
  departmentCode: Type.String(),
  departmentName: Type.String(),
  processes: Type.Array(
    Type.Object({
      type: ProcessTypeCode,
      closed: Count,
      onTime: Count,
      onTimeRate: Type.Union([Type.Number(), Type.Null()]),
      overdueOpen: Count,
    }),
  ),
  violations: Type.Integer({ description: '年内本部门已认定的违规与时限问题数' }),
  openRectifications: Count,
  criticized: Count,
  annualReportOnTime: Type.Union([Type.Boolean(), Type.Null()]),
  gathering: Type.Object({ closed: Count, onTime: Count, findings: Count, score: Score }, { description: '汇聚（责任清单履行）' }),
  sharing: Type.Object({ answered: Count, onTime: Count, overturned: Count, score: Score }, { description: '共享' }),
  application: Type.Object(
    { requests: Count, annualReportOnTime: Type.Union([Type.Boolean(), Type.Null()]), score: Score },
    { description: '应用' },
  ),
  security: Type.Object({ riskAssessments: Count, drills: Count, score: Score }, { description: '安全（第四十二条、第四十三条）' }),
  total: Score,
  rank: Type.Integer({ minimum: 1 }),
});

export const PartySection = Type.Object({
  partyKind: Type.Union([Type.Literal('authority'), Type.Literal('county_government')]),
  supervisor: Type.Union([Type.Literal('county_government'), Type.Literal('city')]),
  departmentCode: Type.String(),
  departmentName: Type.String(),
  findings: Type.Array(Type.Object({ kind: codes(FINDING_KINDS, '违规情形'), label: Type.String(), article: Type.String(), n: Count })),
  confirmedFindings: Count,
  overdueOpen: Type.Array(Type.Object({ type: ProcessTypeCode, n: Count })),
});

export const EvaluationView = Type.Object({
  year: Type.Integer(),
  generatedAt: Type.String(),
  indicators: IndicatorSetView,
  departments: Type.Array(DepartmentEvaluation),
  ranking: Type.Array(Type.Object({ rank: Type.Integer(), departmentCode: Type.String(), departmentName: Type.String(), total: Score })),
  authority: Type.Union([PartySection, Type.Null()], { description: '主管部门自身的评价（县政府监督），县政府、审计与主管部门可见' }),
  countyGovernment: Type.Union([PartySection, Type.Null()], { description: '县政府自身的评价（市政府监督），县政府与审计可见' }),
});

export const SubmissionView = Type.Object({
  id: Type.Integer(),
  year: Type.Integer(),
  digest: Type.String({ description: '所报送评价结果 JSON 文本（UTF-8）的 SHA-256（十六进制）' }),
  submittedBy: Type.String(),
  submittedAt: Type.String(),
  result: Type.Unknown(),
});

export const SecurityRecordKind = codes(
  SECURITY_RECORD_KINDS,
  'risk_assessment：安全风险评估（第四十二条）；emergency_drill：应急演练（第四十三条）',
);

export const SecurityRecordBody = Type.Object(
  {
    kind: SecurityRecordKind,
    heldOn: IsoDate,
    summary: Type.String({ minLength: 1, maxLength: 4000, description: '概要' }),
  },
  { additionalProperties: false },
);
export type SecurityRecordBody = Static<typeof SecurityRecordBody>;

export const SecurityRecordQuery = Type.Object(
  {
    departmentCode: Type.Optional(DepartmentCode),
    kind: Type.Optional(SecurityRecordKind),
    year: Type.Optional(EvaluationYear),
    ...Pagination,
  },
  { additionalProperties: false },
);

export const SecurityRecordView = Type.Object({
  id: Type.Integer(),
  departmentCode: Type.String(),
  kind: SecurityRecordKind,
  kindLabel: Type.String(),
  heldOn: IsoDate,
  summary: Type.String(),
  recordedBy: Type.String(),
  recordedAt: Type.String(),
});
