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
  overdueWorkingDays: Type.Integer({ description: '期限日之后到今天（含）的工作日数：已超期的工作日数，未超期为 0' }),
  urged: Type.Union([Type.Object({ count: Type.Integer(), lastAt: Type.String() }), Type.Null()], {
    description: '督办次数与最近一次督办时间',
  }),
  urgeable: Type.Boolean({ description: '调用者现在可以督办（是当前责任主体的监督主体，且为黄色预警或红色超期）' }),
});

// The supervision board (issue 15): totals by level, departments ranked by on-time rate, a trend, due dates by day.
export const BoardQuery = Type.Object(
  {
    departmentCode: Type.Optional(DepartmentCode),
    type: Type.Optional(ProcessTypeCode),
    month: Type.Optional(Type.String({ pattern: '^20[0-9]{2}-(0[1-9]|1[0-2])$', description: '期限日历的月份 YYYY-MM，缺省为本月' })),
  },
  { additionalProperties: false },
);

const LevelCounts = { normal: Type.Integer(), warning: Type.Integer(), overdue: Type.Integer() };
const Rate = Type.Union([Type.Number(), Type.Null()], { description: '按时办结率（%，一位小数）；没有办结的为 null' });

export const BoardView = Type.Object({
  now: Type.String(),
  year: Type.Integer({ description: '按时办结率统计的年度（北京时间）' }),
  totals: Type.Object(LevelCounts, { description: '未办结期限的绿（正常）、黄（预警）、红（超期）数' }),
  departments: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      ...LevelCounts,
      closed: Type.Integer({ description: '本年度办结数' }),
      late: Type.Integer({ description: '其中经认定超期的' }),
      onTimeRate: Rate,
      rank: Type.Union([Type.Integer(), Type.Null()]),
    }),
  ),
  trend: Type.Array(Type.Object({ month: Type.String(), closed: Type.Integer(), late: Type.Integer(), onTimeRate: Rate })),
  month: Type.String(),
  dueByDay: Type.Array(Type.Object({ date: IsoDate, ...LevelCounts })),
});

export const UrgeBody = Type.Object(
  {
    requestId: Type.String({
      minLength: 8,
      maxLength: 64,
      pattern: '^[A-Za-z0-9_-]+$',
      description: '客户端生成的请求号：重复提交只督办一次',
    }),
    workflowId: Type.String({ minLength: 1, maxLength: 200 }),
    note: Type.String({ minLength: 1, maxLength: 1000, description: '督办意见' }),
  },
  { additionalProperties: false },
);

export const UrgeView = Type.Object({
  id: Type.Integer(),
  workflowId: Type.String(),
  holderKind: codes(PARTY_KINDS, '被督办的责任主体类别'),
  departmentCode: Type.String({ description: '被督办（收到通知）的部门' }),
  urgedAt: Type.String(),
});
