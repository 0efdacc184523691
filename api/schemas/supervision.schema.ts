import { Type, type Static } from '@sinclair/typebox';
import { RECTIFICATION_PERIOD_DAYS } from '../../domain/bounds';
import { FINDING_CLASSES, FINDING_STATUSES, PARTY_KINDS, SUPERVISORS } from '../../domain/responsibility';
import { codes, Deadline, IsoDate, Level, Pagination, ProcessTypeCode, StageCode, workingDaysIn } from './common';

const DepartmentCode = Type.String({ maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });

export const ViolationIdParams = Type.Object({ id: Type.String({ pattern: '^[1-9][0-9]{0,17}$' }) }, { additionalProperties: false });

export const ViolationQuery = Type.Object(
  {
    departmentCode: Type.Optional(DepartmentCode),
    article: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    from: Type.Optional(IsoDate),
    to: Type.Optional(IsoDate),
    ...Pagination,
  },
  { additionalProperties: false },
);

export const RectificationStatus = Type.Union([Type.Literal('open'), Type.Literal('rectified'), Type.Literal('criticized')]);

export const RectificationView = Type.Object({
  id: Type.String(),
  violationId: Type.Integer(),
  workflowId: Type.String(),
  departmentCode: Type.String(),
  requirement: Type.String(),
  periodWorkingDays: Type.Integer(),
  status: RectificationStatus,
  issuedBy: Type.String(),
  issuedAt: Type.String(),
  deadline: Type.Union([Deadline, Type.Null()]),
  level: Level,
  report: Type.Union([Type.String(), Type.Null()]),
  reportedBy: Type.Union([Type.String(), Type.Null()]),
  reportedAt: Type.Union([Type.String(), Type.Null()]),
  criticizedAt: Type.Union([Type.String(), Type.Null()]),
  acceptedBy: Type.Union([Type.String(), Type.Null()]),
  acceptedAt: Type.Union([Type.String(), Type.Null()]),
  rejectionReason: Type.Union([Type.String(), Type.Null()]),
  rejectedAt: Type.Union([Type.String(), Type.Null()]),
  /** 通报批评: the circular issued for this order */
  circular: Type.Union([Type.Object({ id: Type.Integer(), number: Type.String(), issuedOn: Type.String() }), Type.Null()]),
});

export const ViolationView = Type.Object({
  id: Type.Integer(),
  article: Type.String(),
  kind: Type.String({ description: '违规情形代码，如 correction_overdue、catalog_review_overdue_2' }),
  process: Type.Object({ workflowId: Type.String(), type: ProcessTypeCode }),
  departmentCode: Type.String({ description: '被认定的责任主体所在部门（主管部门、县政府亦为其本部门代码）' }),
  partyKind: codes(PARTY_KINDS, '责任主体类别（SPEC §6）'),
  supervisor: codes(SUPERVISORS, '监督主体：主管部门、县政府或市政府'),
  findingClass: codes(FINDING_CLASSES, 'violation：违规行为；timeliness：时限未履行'),
  rectifiable: Type.Boolean({ description: '适用第五十一条（政务部门的第四十九条违规）' }),
  orderable: Type.Boolean({ description: '现在可以责令限期整改：适用第五十一条、已认定、尚未下达' }),
  status: codes(FINDING_STATUSES, '认定状态；只有 confirmed 计入评价与整改'),
  dueDate: Type.Union([IsoDate, Type.Null()]),
  occurredAt: Type.String(),
  rectificationOrder: Type.Union([
    Type.Object({ id: Type.String(), status: RectificationStatus, periodWorkingDays: Type.Integer(), issuedAt: Type.String() }),
    Type.Null(),
  ]),
});

export const OrderBody = Type.Object(
  {
    requirement: Type.String({ minLength: 1, maxLength: 2000, description: '整改要求' }),
    periodWorkingDays: workingDaysIn(RECTIFICATION_PERIOD_DAYS, '整改期限（工作日），自下达之日起算'),
  },
  { additionalProperties: false },
);
export type OrderBody = Static<typeof OrderBody>;

export const ReportBody = Type.Object(
  { report: Type.String({ minLength: 1, maxLength: 4000, description: '整改情况' }) },
  { additionalProperties: false },
);

// 第五十一条: the authority's acceptance, the circular of 通报批评, the referral for 处分.
export const AcceptanceBody = Type.Object(
  {
    accept: Type.Boolean({ description: 'true：验收通过，整改完成；false：不予验收，整改通知继续有效' }),
    reason: Type.Optional(Type.String({ maxLength: 2000, description: '验收意见；不予验收时必填' })),
  },
  { additionalProperties: false },
);

export const ReferralBody = Type.Object(
  {
    organ: Type.String({ minLength: 1, maxLength: 200, description: '有权机关' }),
    persons: Type.String({ minLength: 1, maxLength: 2000, description: '责任人员及职务' }),
    referredOn: IsoDate,
    reason: Type.String({ minLength: 1, maxLength: 4000, description: '移送理由' }),
    serious: Type.Optional(Type.Boolean({ description: '情节严重：未经通报批评也可移送' })),
  },
  { additionalProperties: false },
);

export const ReferralView = Type.Object({
  orderId: Type.String(),
  organ: Type.String(),
  persons: Type.String(),
  referredOn: Type.String(),
  reason: Type.String(),
  serious: Type.Boolean(),
  recordedBy: Type.String(),
  recordedAt: Type.String(),
});

export const CircularView = Type.Object({
  id: Type.Integer(),
  number: Type.String(),
  year: Type.Integer(),
  issuedOn: Type.String(),
  orderId: Type.String(),
  violationId: Type.Integer(),
  departmentCode: Type.String(),
  issuedBy: Type.String(),
  text: Type.String(),
});

export const CircularIdParams = Type.Object({ id: Type.String({ pattern: '^[1-9][0-9]{0,9}$' }) }, { additionalProperties: false });

export const CircularQuery = Type.Object(
  { year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2099 })), departmentCode: Type.Optional(DepartmentCode), ...Pagination },
  { additionalProperties: false },
);

export const RectificationQuery = Type.Object(
  { departmentCode: Type.Optional(DepartmentCode), status: Type.Optional(RectificationStatus), ...Pagination },
  { additionalProperties: false },
);

export const DeadlineQuery = Type.Object(
  { departmentCode: Type.Optional(DepartmentCode), type: Type.Optional(ProcessTypeCode), level: Type.Optional(Level), ...Pagination },
  { additionalProperties: false },
);

export const DeadlineItem = Type.Object({
  workflowId: Type.String(),
  type: ProcessTypeCode,
  departmentCode: Type.String(),
  subjectId: Type.String(),
  stage: StageCode,
  dueDate: IsoDate,
  endsAt: Type.String(),
  level: Level,
  provisional: Type.Boolean(),
  timeLeftSeconds: Type.Integer({ description: '距期限届满的秒数，已超期为负数' }),
  workingDaysLeft: Type.Integer({ description: '今天之后到期限日（含）的工作日数；已超期为 0' }),
});
