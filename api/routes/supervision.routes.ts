// 第四十五条: the deadline board (every open deadline, least time left first), read from the
// registry, never Temporal. The yearly evaluation is evaluation.routes.ts.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { beijingIso } from '../../domain/deadline';
import { departmentScope } from '../../domain/roles';
import { beijingDate, deadlineLevel, workingDaysBetween } from '../../domain/working-days';
import { loadCalendar } from '../../db/repositories/calendar.repo';
import { listOpenDeadlines } from '../../db/repositories/supervision.repo';
import { callerOf } from '../plugins/auth';
import { errors } from '../schemas/common';
import { DeadlineItem, DeadlineQuery } from '../schemas/supervision.schema';

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
};

export default routes;
