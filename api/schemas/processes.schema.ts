import { Type } from '@sinclair/typebox';
import { IsoDate, Level, Pagination, ProcessTypeCode, StageCode, TaskKindCode } from './common';

export const ProcessView = Type.Object({
  workflowId: Type.String(),
  type: ProcessTypeCode,
  departmentCode: Type.String(),
  subjectId: Type.String({ description: '业务编号，如异议受理编号' }),
  stage: StageCode,
  status: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
  dueDate: Type.Union([IsoDate, Type.Null()]),
  endsAt: Type.Union([Type.String(), Type.Null()]),
  level: Level,
  provisional: Type.Boolean(),
  calendarVersion: Type.Union([Type.String(), Type.Null()]),
  startedAt: Type.String(),
  closedAt: Type.Union([Type.String(), Type.Null()]),
});

export const ProcessQuery = Type.Object(
  {
    type: Type.Optional(ProcessTypeCode),
    departmentCode: Type.Optional(Type.String({ maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' })),
    stage: Type.Optional(StageCode),
    level: Type.Optional(Level),
    status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed')])),
    number: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: '受理编号或事项编号的一部分（不区分大小写）' })),
    applicant: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: '申请人（数据校核的当事人）姓名或名称的一部分' })),
    from: Type.Optional(IsoDate),
    to: Type.Optional(IsoDate),
    sort: Type.Optional(
      Type.Union([Type.Literal('dueDate'), Type.Literal('startedAt')], {
        description: '排序：期限日或开始日期；缺省为未办结的期限最近者在前',
      }),
    ),
    order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')], { default: 'asc' })),
    ...Pagination,
  },
  { additionalProperties: false },
);

export const TimelineEvent = Type.Object({
  kind: Type.String(),
  occurredAt: Type.String(),
  actorUserId: Type.Union([Type.String(), Type.Null()]),
  actorName: Type.Union([Type.String(), Type.Null()], { description: '办理人姓名；系统自动办理时为 null' }),
  actorRole: Type.Union([Type.String(), Type.Null()]),
  actorDepartment: Type.Union([Type.String(), Type.Null()]),
  detail: Type.Unknown(),
});

export const ViolationView = Type.Object({
  article: Type.String(),
  kind: Type.String(),
  departmentCode: Type.String(),
  dueDate: Type.Union([IsoDate, Type.Null()]),
  occurredAt: Type.String(),
});

export const InboxItem = Type.Object({
  action: TaskKindCode,
  process: ProcessView,
});

/** SPEC §5: the engine's event history, or its archive once the engine no longer keeps it. */
export const TemporalHistory = Type.Object({
  events: Type.Array(Type.Unknown()),
  source: Type.Union([Type.Literal('engine'), Type.Literal('archive')], { description: 'engine：流程引擎；archive：办结时归档的副本' }),
  archive: Type.Union([
    Type.Null(),
    Type.Object({
      algorithm: Type.String(),
      digest: Type.String({ description: '归档内容的摘要，与审计日志中的记录核对一致' }),
      archivedAt: Type.String(),
      verified: Type.Literal(true),
    }),
  ]),
});
