import { Type } from '@sinclair/typebox';
import { IT_PROJECT_PERIOD_DAYS } from '../../domain/bounds';
import { Deadline, Level, workingDaysIn } from './common';

const Reason = Type.String({ minLength: 1, maxLength: 2000 });

export const ProjectCatalogItem = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$', description: '目录代码' }),
    name: Type.String({ minLength: 1, maxLength: 200, description: '目录名称' }),
    isNew: Type.Boolean({ description: 'true：本项目新增、尚未纳入目录的条目' }),
  },
  { additionalProperties: false },
);

/** 第四十七条第三款: the project and its pre-compiled 目录清单 (a 审批要件). */
export const ItProjectBody = Type.Object(
  {
    requestId: Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$', description: '客户端生成的请求号' }),
    name: Type.String({ minLength: 1, maxLength: 200, description: '项目名称' }),
    catalogList: Type.Array(ProjectCatalogItem, { minItems: 1, maxItems: 200 }),
  },
  { additionalProperties: false },
);

export const ReviewItProjectBody = Type.Object({ passed: Type.Boolean(), opinion: Reason }, { additionalProperties: false });
export const ApproveItProjectBody = Type.Object(
  { approved: Type.Boolean(), reason: Type.Optional(Reason) },
  { additionalProperties: false },
);
export const FundItProjectBody = Type.Object({ budgeted: Type.Boolean(), reason: Type.Optional(Reason) }, { additionalProperties: false });
export const EmptyBody = Type.Object({}, { additionalProperties: false });

export const ItProjectPeriodsBody = Type.Object(
  {
    review: workingDaysIn(IT_PROJECT_PERIOD_DAYS, '主管部门评审评估期限（工作日）'),
    approval: workingDaysIn(IT_PROJECT_PERIOD_DAYS, '发展改革部门立项审批期限（工作日）'),
    funding: workingDaysIn(IT_PROJECT_PERIOD_DAYS, '财政部门预算安排期限（工作日）'),
  },
  { additionalProperties: false },
);
export const ItProjectPeriods = Type.Object({
  review: Type.Integer(),
  approval: Type.Integer(),
  funding: Type.Integer(),
  /** always 本系统设置，非条例规定: 第四十七条 sets no period */
  basis: Type.String(),
});

const Decision = Type.Object({
  positive: Type.Boolean(),
  text: Type.Union([Type.String(), Type.Null()]),
  at: Type.String(),
  late: Type.Boolean(),
});

export const ItProjectSummary = Type.Object({
  id: Type.String(),
  workflowId: Type.String(),
  departmentCode: Type.String(),
  departmentName: Type.String(),
  name: Type.String(),
  createdAt: Type.String(),
});

export const ItProjectView = Type.Intersect([
  ItProjectSummary,
  Type.Object({
    stage: Type.String(),
    level: Level,
    deadline: Type.Union([Deadline, Type.Null()]),
    catalogList: Type.Array(ProjectCatalogItem),
    periods: ItProjectPeriods,
    review: Type.Union([Decision, Type.Null()]),
    approval: Type.Union([Decision, Type.Null()]),
    funding: Type.Union([Decision, Type.Null()]),
    refusedAcceptances: Type.Array(Type.Object({ at: Type.String(), missing: Type.Array(Type.String()) })),
  }),
]);

export const ItProjectList = Type.Object({ items: Type.Array(ItProjectSummary) });
export const CreatedItProject = Type.Object({ id: Type.String(), workflowId: Type.String(), created: Type.Boolean() });
export const ItProjectStageResult = Type.Object({ stage: Type.String() });
