import { Type } from '@sinclair/typebox';
import { REPORT_FIGURE_LABELS, REPORT_FIGURES, type ReportFigure } from '../../domain/annual-report';
import { REPORT_FIGURE } from '../../domain/bounds';
import { DOMAIN_ERROR_KEYWORD, Deadline } from './common';

export const YearParams = Type.Object({ year: Type.Integer({ minimum: 2019, maximum: 2100 }) }, { additionalProperties: false });
export const YearDepartmentParams = Type.Object(
  { year: Type.Integer({ minimum: 2019, maximum: 2100 }), code: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }) },
  { additionalProperties: false },
);

/** One figure of a report, within the domain's bound (domain/bounds.ts REPORT_FIGURE). */
const figure = (f: ReportFigure) =>
  Type.Integer({
    minimum: REPORT_FIGURE.min,
    maximum: REPORT_FIGURE.max,
    description: `${REPORT_FIGURE_LABELS[f]}（${REPORT_FIGURE.min}–${REPORT_FIGURE.max}）`,
    [DOMAIN_ERROR_KEYWORD]: 'REPORT_FIGURE_RANGE',
  });
const figures = Object.fromEntries(REPORT_FIGURES.map((f) => [f, figure(f)])) as Record<ReportFigure, ReturnType<typeof figure>>;

export const ReportFigures = Type.Object(figures);

export const ReportContent = Type.Object(
  {
    ...figures,
    securityWork: Type.String({ maxLength: 5000, description: '安全管理工作' }),
    summary: Type.String({ minLength: 1, maxLength: 10_000, description: '年度工作总结' }),
  },
  { additionalProperties: false },
);

/** Each department's reported figures beside the system's own, and the figures that differ. */
export const YearFigures = Type.Object({
  year: Type.Integer(),
  departments: Type.Array(
    Type.Object({
      departmentCode: Type.String(),
      submitted: Type.Boolean(),
      late: Type.Union([Type.Boolean(), Type.Null()]),
      reported: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
      system: ReportFigures,
      differences: Type.Array(
        Type.Object({
          figure: Type.String(),
          label: Type.String(),
          reported: Type.Integer(),
          system: Type.Integer(),
          difference: Type.Integer(),
        }),
      ),
    }),
  ),
});

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
