// SPEC §2: the working-day calendar. Anyone signed in may count a deadline; administrators
// correct days and load a year's schedule, after which every open deadline is recounted.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { computeDeadline } from '../../domain/deadline';
import { ROLES } from '../../domain/roles';
import { DEFAULT_RECEIPT_POLICY, inNoticeRange } from '../../domain/working-days';
import {
  currentCalendar,
  deleteOverride,
  listLoadedYears,
  listOverrides,
  loadCalendar,
  loadYear,
  upsertOverride,
} from '../../db/repositories/calendar.repo';
import { httpError } from '../errors';
import { CalendarYear, Deadline, errors, IsoDate } from '../schemas/common';
import { startOnce } from '../start-process';

const DayKind = Type.Union([Type.Literal('holiday'), Type.Literal('workday')], {
  description: 'holiday 休息日 / workday 工作日（含调休上班）',
});
const Changed = Type.Object({ calendarVersion: Type.String(), recountWorkflowId: Type.String() });

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, warningWorkingDays, receiptPolicy = DEFAULT_RECEIPT_POLICY } = app.deps;

  /** One propagation per calendar version: repeating the same change starts nothing new. */
  async function recountOpenDeadlines(): Promise<{ calendarVersion: string; recountWorkflowId: string }> {
    const { version } = await loadCalendar(db);
    const workflowId = `calendar-change-${version}`;
    // A calendar changed back to an earlier version recounts again: the id may run once more after its run closed.
    await startOnce(app.deps, { workflow: 'calendarChangeWorkflow', workflowId, args: [], idReuse: 'ALLOW_DUPLICATE' });
    return { calendarVersion: version, recountWorkflowId: workflowId };
  }

  app.get(
    '/calendar/deadline',
    {
      config: { roles: ROLES },
      schema: {
        summary: '计算“自某日起 N 个工作日内”的期限（起算日不计入）',
        tags: ['calendar'],
        querystring: Type.Object(
          { from: IsoDate, workingDays: Type.Integer({ minimum: 1, maximum: 366 }) },
          { additionalProperties: false },
        ),
        response: { 200: Deadline, ...errors() },
      },
    },
    async (request) =>
      computeDeadline(await loadCalendar(db), request.query.from, request.query.workingDays, warningWorkingDays, receiptPolicy),
  );

  app.get(
    '/calendar/current',
    {
      config: { roles: ROLES },
      schema: {
        summary: '现行工作日历的版本及其中文说明（所依据的国务院办公厅安排与调整处数）',
        tags: ['calendar'],
        response: { 200: Type.Object({ version: Type.String(), description: Type.String() }), ...errors() },
      },
    },
    async () => currentCalendar(db),
  );

  app.get(
    '/calendar/overrides',
    {
      config: { roles: ['system_admin', 'auditor', 'authority_reviewer'] },
      schema: {
        summary: '管理员维护的日历调整与已载入年份',
        tags: ['calendar'],
        response: {
          200: Type.Object({
            calendarVersion: Type.String(),
            overrides: Type.Array(Type.Object({ date: IsoDate, kind: DayKind, reason: Type.String() })),
            loadedYears: Type.Array(Type.Object({ year: Type.Integer(), source: Type.String() })),
          }),
          ...errors(),
        },
      },
    },
    async () => {
      const [calendar, overrides, years] = await Promise.all([loadCalendar(db), listOverrides(db), listLoadedYears(db)]);
      return {
        calendarVersion: calendar.version,
        overrides: overrides.map((o) => ({ date: o.date, kind: o.kind, reason: o.reason })),
        loadedYears: years.map((y) => ({ year: y.year, source: y.source })),
      };
    },
  );

  app.put(
    '/calendar/overrides/:date',
    {
      config: { roles: ['system_admin'] },
      schema: {
        summary: '更正某一天为休息日或工作日',
        tags: ['calendar'],
        params: Type.Object({ date: IsoDate }, { additionalProperties: false }),
        body: Type.Object({ kind: DayKind, reason: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false }),
        response: { 200: Changed, ...errors() },
      },
    },
    async (request) => {
      await upsertOverride(db, { date: request.params.date, ...request.body, createdBy: request.user!.userId });
      return recountOpenDeadlines();
    },
  );

  app.delete(
    '/calendar/overrides/:date',
    {
      config: { roles: ['system_admin'] },
      schema: {
        summary: '撤销某一天的更正',
        tags: ['calendar'],
        params: Type.Object({ date: IsoDate }, { additionalProperties: false }),
        response: { 200: Changed, ...errors(404) },
      },
    },
    async (request) => {
      if (!(await deleteOverride(db, request.params.date))) throw httpError(404, 'NOT_FOUND', `${request.params.date} 没有更正记录`);
      return recountOpenDeadlines();
    },
  );

  app.put(
    '/calendar/years/:year',
    {
      config: { roles: ['system_admin'] },
      schema: {
        summary: '载入某年国务院办公厅公布的放假与调休安排（该年期限不再为“暂定”）',
        tags: ['calendar'],
        params: Type.Object({ year: CalendarYear }, { additionalProperties: false }),
        body: Type.Object(
          {
            source: Type.String({ minLength: 1, maxLength: 200, description: '文件名称与文号，如 国办发明电〔2026〕X号' }),
            holidays: Type.Array(IsoDate, { maxItems: 60, uniqueItems: true }),
            workdays: Type.Array(IsoDate, { maxItems: 20, uniqueItems: true }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Changed, ...errors() },
      },
    },
    async (request) => {
      const { year } = request.params;
      const { holidays, workdays, source } = request.body;
      // A notice may move days of the adjacent December or January (the 2019 notice moved 2018-12-29 and 2018-12-31).
      const outside = [...holidays, ...workdays].filter((d) => !inNoticeRange(year, d));
      if (outside.length > 0) {
        throw httpError(
          400,
          'DATE_OUTSIDE_YEAR',
          `以下日期不属于 ${year} 年及相邻的 ${year - 1} 年 12 月、${year + 1} 年 1 月：${outside.join('、')}`,
        );
      }
      const both = holidays.filter((d) => workdays.includes(d));
      if (both.length > 0) throw httpError(400, 'DAY_LISTED_TWICE', `同一天不能既是休息日又是工作日：${both.join('、')}`);
      await loadYear(db, { year, holidays, workdays, source, loadedBy: request.user!.userId });
      return recountOpenDeadlines();
    },
  );
};

export default routes;
