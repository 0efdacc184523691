// 第四十五条, SPEC §6: the deadline board (every open deadline, least time left first), the
// supervision board's figures, and 督办 — all read from the registry, never Temporal. The yearly
// evaluation is evaluation.routes.ts.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { beijingIso } from '../../domain/deadline';
import { domainError } from '../../domain/errors';
import { departmentScope } from '../../domain/roles';
import { checkUrge, monthsEndingWith, onTimeRate, rankByOnTime } from '../../domain/supervision';
import { processTypeLabel } from '../../domain/vocabulary';
import { beijingDate, type DeadlineLevel, deadlineLevel, workingDaysBetween } from '../../domain/working-days';
import { boardFigures, recordUrge, urgesOf } from '../../db/repositories/board.repo';
import { loadCalendar } from '../../db/repositories/calendar.repo';
import { listDepartments } from '../../db/repositories/identity.repo';
import { getProcess } from '../../db/repositories/registry.repo';
import { listOpenDeadlines } from '../../db/repositories/supervision.repo';
import { domainRefusal, notFound } from '../errors';
import { callerOf } from '../plugins/auth';
import { errors } from '../schemas/common';
import { BoardQuery, BoardView, DeadlineItem, DeadlineQuery, UrgeBody, UrgeView } from '../schemas/supervision.schema';

const SUPERVISION_READERS = ['department_staff', 'department_head', 'authority_reviewer', 'auditor'] as const;
/** The months of the board's trend, the current one last. */
const TREND_MONTHS = 6;

const levelOf = (now: number, p: { warningAt: Date | null; endsAt: Date | null }): DeadlineLevel =>
  deadlineLevel(now, p.warningAt?.getTime() ?? p.endsAt!.getTime(), p.endsAt!.getTime());

const zeroLevels = () => ({ normal: 0, warning: 0, overdue: 0 });

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps;
  const clock = () => new Date(app.deps.clock?.() ?? Date.now());

  app.get(
    '/deadlines',
    {
      config: { roles: SUPERVISION_READERS, auditRead: true },
      schema: {
        summary: '期限看板：所有未办结流程的期限，按剩余时间排列（读流程登记表）',
        tags: ['supervision'],
        querystring: DeadlineQuery,
        response: { 200: Type.Object({ now: Type.String(), items: Type.Array(DeadlineItem) }), ...errors() },
      },
    },
    async (request) => {
      const q = request.query;
      const now = clock();
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
      const urged = await urgesOf(
        db,
        rows.map((p) => p.workflowId),
      );
      const today = beijingDate(now.getTime());
      const { role } = callerOf(request);
      return {
        now: beijingIso(now.getTime()),
        items: rows.map((p) => {
          const u = urged.get(p.workflowId);
          const level = levelOf(now.getTime(), p);
          return {
            workflowId: p.workflowId,
            type: p.type,
            departmentCode: p.departmentCode,
            subjectId: p.subjectId,
            stage: p.stage,
            dueDate: p.dueDate!,
            endsAt: beijingIso(p.endsAt!.getTime()),
            level,
            provisional: p.provisional,
            timeLeftSeconds: Math.floor((p.endsAt!.getTime() - now.getTime()) / 1000),
            workingDaysLeft: workingDaysBetween(calendar, today, p.dueDate!),
            // the due day itself is the last day of the period: overdue days are the working days after it
            overdueWorkingDays: workingDaysBetween(calendar, p.dueDate!, today),
            urged: u ? { count: u.count, lastAt: beijingIso(u.lastAt.getTime()) } : null,
            urgeable: !('refusal' in checkUrge(role, { status: 'open', stage: p.stage, level })),
          };
        }),
      };
    },
  );

  app.get(
    '/supervision/board',
    {
      config: { roles: SUPERVISION_READERS, auditRead: true },
      schema: {
        summary: '电子监察看板：红黄绿总数、各部门按时办结率及排名、月度趋势、期限日历',
        tags: ['supervision'],
        querystring: BoardQuery,
        response: { 200: BoardView, ...errors() },
      },
    },
    async (request) => {
      const q = request.query;
      const now = clock();
      const today = beijingDate(now.getTime());
      const year = Number(today.slice(0, 4));
      const month = q.month ?? today.slice(0, 7);
      const trendMonths = monthsEndingWith(today, TREND_MONTHS);
      const f = await boardFigures(db, {
        departments: departmentScope(callerOf(request)),
        departmentCode: q.departmentCode,
        type: q.type,
        now,
        year,
        trendMonths,
        month,
      });
      const totals = zeroLevels();
      for (const o of f.open) totals[o.level] += o.n;
      const departments = rankByOnTime(
        f.departments
          .filter((d) => !q.departmentCode || d.code === q.departmentCode)
          .map((d) => {
            const levels = zeroLevels();
            for (const o of f.open.filter((x) => x.departmentCode === d.code)) levels[o.level] += o.n;
            const c = f.closed.find((x) => x.departmentCode === d.code);
            const closed = c?.closed ?? 0;
            const late = c?.late ?? 0;
            return { code: d.code, name: d.name, ...levels, closed, late, onTimeRate: onTimeRate(closed, late) };
          }),
      ).sort((a, b) => (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER) || a.code.localeCompare(b.code));
      const days = new Map<string, ReturnType<typeof zeroLevels>>();
      for (const d of f.due) {
        const levels = days.get(d.date!) ?? zeroLevels();
        levels[d.level] += d.n;
        days.set(d.date!, levels);
      }
      return {
        now: beijingIso(now.getTime()),
        year,
        totals,
        departments,
        trend: trendMonths.map((m) => {
          const t = f.trend.find((x) => x.month === m);
          return { month: m, closed: t?.closed ?? 0, late: t?.late ?? 0, onTimeRate: onTimeRate(t?.closed ?? 0, t?.late ?? 0) };
        }),
        month,
        dueByDay: [...days].map(([date, levels]) => ({ date, ...levels })),
      };
    },
  );

  app.post(
    '/supervision/urges',
    {
      config: { roles: ['authority_reviewer', 'county_government'] },
      schema: {
        summary: '督办：监督主体督促当前环节的责任主体办理（通知其部门，记入时间线）',
        tags: ['supervision'],
        body: UrgeBody,
        response: { 201: UrgeView, ...errors(404, 409) },
      },
    },
    async (request, reply) => {
      const actor = callerOf(request);
      const { requestId, workflowId } = request.body;
      const note = request.body.note.trim();
      if (!note) throw domainRefusal(domainError('REASON_REQUIRED'));
      const process = await getProcess(db, workflowId);
      request.auditTarget = workflowId;
      if (!process) throw notFound('流程');
      const now = clock();
      const level = process.endsAt ? levelOf(now.getTime(), process) : 'normal';
      const checked = checkUrge(actor.role, { status: process.status, stage: process.stage, level });
      if ('refusal' in checked) throw domainRefusal(checked.refusal);
      const [departments, calendar] = await Promise.all([listDepartments(db), loadCalendar(db)]);
      const holderDepartment =
        checked.holder === 'department' ? process.departmentCode : departments.find((d) => d.kind === checked.holder && d.active)?.code;
      if (!holderDepartment) throw notFound('责任主体所在部门');
      const urger = departments.find((d) => d.code === actor.departmentCode)?.name ?? '监督主体';
      const overdueDays = workingDaysBetween(calendar, process.dueDate!, beijingDate(now.getTime()));
      const state = level === 'overdue' ? `已超期 ${overdueDays} 个工作日` : `将于 ${process.dueDate} 到期`;
      const urge = await recordUrge(db, {
        requestId,
        workflowId,
        stage: process.stage,
        holderKind: checked.holder,
        departmentCode: holderDepartment,
        note,
        actor,
        message: `${urger}督办：${processTypeLabel(process.type)} ${process.subjectId} ${state}，请抓紧办理。督办意见：${note}`,
      });
      return reply.status(201).send({
        id: urge.id,
        workflowId,
        holderKind: checked.holder,
        departmentCode: holderDepartment,
        urgedAt: beijingIso(urge.urgedAt.getTime()),
      });
    },
  );
};

export default routes;
