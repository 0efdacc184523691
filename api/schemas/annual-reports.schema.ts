import { Type } from '@sinclair/typebox';
import { Deadline } from './common';

export const YearParams = Type.Object({ year: Type.Integer({ minimum: 2019, maximum: 2100 }) }, { additionalProperties: false });
export const YearDepartmentParams = Type.Object(
  { year: Type.Integer({ minimum: 2019, maximum: 2100 }), code: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }) },
  { additionalProperties: false },
);

const count = (description: string) => Type.Integer({ minimum: 0, maximum: 10_000_000, description });

export const ReportContent = Type.Object(
  {
    catalogEntries: count('目录条目数'),
    catalogUpdatesOnTime: count('按时完成的目录更新'),
    catalogUpdatesLate: count('超期的目录更新'),
    sharingRequestsServed: count('办理的共享申请'),
    correctionsHandled: count('办结的数据校核'),
    correctionsOnTime: count('按时办结的数据校核'),
    securityWork: Type.String({ maxLength: 5000, description: '安全管理工作' }),
    summary: Type.String({ minLength: 1, maxLength: 10_000, description: '年度工作总结' }),
  },
  { additionalProperties: false },
);

export const SubmissionRecord = Type.Object({ by: Type.String(), at: Type.String(), late: Type.Boolean() });

export const YearView = Type.Object({
  year: Type.Integer(),
  workflowId: Type.String(),
  stage: Type.String(),
  deadline: Type.Union([Deadline, Type.Null()]),
  departments: Type.Array(
    Type.Object({
      departmentCode: Type.String(),
      dueDate: Type.String(),
      submittedAt: Type.Union([Type.String(), Type.Null()]),
      late: Type.Union([Type.Boolean(), Type.Null()]),
    }),
  ),
  countyReport: Type.Union([
    Type.Object({
      submittedAt: Type.String(),
      late: Type.Boolean(),
      citySubmittedAt: Type.Union([Type.String(), Type.Null()]),
      cityLate: Type.Union([Type.Boolean(), Type.Null()]),
      compiled: Type.Unknown(),
    }),
    Type.Null(),
  ]),
});

export const NotificationView = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  message: Type.String(),
  workflowId: Type.String(),
  departmentCode: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  read: Type.Boolean(),
});
