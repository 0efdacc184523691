// 第四十五条: the deadline board (every open deadline, least time left first) and the yearly
// evaluation of each department, as JSON or CSV. Both read the registry, never Temporal.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { beijingIso } from '../../domain/deadline';
import { evaluate, evaluationCsv } from '../../domain/evaluation';
import { departmentScope } from '../../domain/roles';
import { beijingDate, deadlineLevel, workingDaysBetween } from '../../domain/working-days';
import { loadCalendar } from '../../db/repositories/calendar.repo';
import { evaluationFigures, listOpenDeadlines } from '../../db/repositories/supervision.repo';
import { PROCESS_TYPES } from '../../domain/vocabulary';
import { callerOf } from '../plugins/auth';
import { errors } from '../schemas/common';
import { DeadlineItem, DeadlineQuery, DepartmentEvaluation, EvaluationQuery } from '../schemas/supervision.schema';

/**
 * Rectification is itself the supervision measure: counted as open orders and criticisms, not as a
 * rate. Penalty cases (第五十二条, 第五十三条) are the authority's measures against parties outside
 * the county's departments: no department is evaluated on them.
 */
const EVALUATED_TYPES = PROCESS_TYPES.filter((t) => t !== 'rectification' && t !== 'penalty_case');

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps;

  app.get(
    '/deadlines',
    {
      config: { roles: ['department_staff', 'department_head', 'authority_reviewer', 'auditor'], auditRead: true },
      schema: {
        summary: '期限看板：所有未办结流程的期限，按剩余时间排列（读流程登记表）',
        tags: ['supervision'],
        querystring: DeadlineQuery,
        response: { 200: Type.Object({ now: Type.String(), items: Type.Array(DeadlineItem) }), ...errors() },
      },
    },
    async (request) => {
      const q = request.query;
      const now = new Date();
      const [rows, calendar] = await Promise.all([
        listOpenDeadlines(db, {
          departments: departmentScope(callerOf(request)),
          departmentCode: q.departmentCode,
          type: q.type,
          level: q.level,
          now,
          limit: q.limit,
          offset: q.offset,
        }),
        loadCalendar(db),
      ]);
      const today = beijingDate(now.getTime());
      return {
        now: beijingIso(now.getTime()),
        items: rows.map((p) => ({
          workflowId: p.workflowId,
          type: p.type,
          departmentCode: p.departmentCode,
          subjectId: p.subjectId,
          stage: p.stage,
          dueDate: p.dueDate!,
          endsAt: beijingIso(p.endsAt!.getTime()),
          level: deadlineLevel(now.getTime(), p.warningAt?.getTime() ?? p.endsAt!.getTime(), p.endsAt!.getTime()),
          provisional: p.provisional,
          timeLeftSeconds: Math.floor((p.endsAt!.getTime() - now.getTime()) / 1000),
          workingDaysLeft: workingDaysBetween(calendar, today, p.dueDate!),
        })),
      };
    },
  );

  app.get(
    '/evaluation',
    {
      config: { roles: ['authority_reviewer', 'auditor', 'county_government'], auditRead: true },
      schema: {
        summary: '年度评价（第四十五条）：各部门各流程按时办结率、超期、违规、整改与年度报告报送（JSON 或 CSV）',
        tags: ['supervision'],
        querystring: EvaluationQuery,
        response: {
          200: {
            description: 'JSON，或 format=csv 时为带中文表头的 CSV（UTF-8，带 BOM）',
            content: {
              'application/json': {
                schema: Type.Object({ year: Type.Integer(), generatedAt: Type.String(), departments: Type.Array(DepartmentEvaluation) }),
              },
              'text/csv': { schema: Type.String() },
            },
          },
          ...errors(),
        },
      },
    },
    async (request, reply) => {
      const { year, format } = request.query;
      const now = new Date();
      const f = await evaluationFigures(db, year, now);
      const rows = evaluate({
        year,
        today: beijingDate(now.getTime()),
        types: EVALUATED_TYPES,
        ...f,
        reports: f.reports.map((r) => ({ ...r, submittedOn: r.submittedAt ? beijingDate(r.submittedAt.getTime()) : null })),
      });
      if (format === 'csv') {
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="evaluation-${year}.csv"`)
          .send(`\uFEFF${evaluationCsv(EVALUATED_TYPES, rows)}`);
      }
      return { year, generatedAt: beijingIso(now.getTime()), departments: rows };
    },
  );
};

export default routes;
