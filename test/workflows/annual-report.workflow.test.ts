// 第四十六条 on the time-skipping server, its clock starting on 2025-12-01 (the schedule's day):
// departments by 2025-12-31 (the authority's own department report too), the authority's county
// report by 2026-01-15, the county government by 2026-01-31. Calendar dates: 2025-12-31 is a
// Wednesday, 2026-01-15 a Thursday, 2026-01-31 a Saturday, and still the last day.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { getProcess } from '../../db/repositories/registry.repo';
import { annualReports, catalogEntries, countyReports, notifications, violations } from '../../db/schema';
import type { DepartmentReportContent } from '../../domain/annual-report';
import type { Actor } from '../../domain/roles';
import { getAnnualReportState, submitCountyReport, submitDepartmentReport, submitToCity } from '../../workflows/messages';
import { annualReportWorkflowId } from '../../workflows/options';
import { actorOf } from '../helpers/actors';
import { testDatabase } from '../helpers/db';
import { createTestWorker, timeSkippingEnvAt } from '../helpers/temporal';
import { eventually } from '../helpers/wait';
import { recordHistory } from '../helpers/history';

let env: TestWorkflowEnvironment;
let database: Database;
let actors: Record<'market' | 'civil' | 'reviewer' | 'county', Actor>;

beforeEach(async () => {
  [env, database] = await Promise.all([timeSkippingEnvAt('2025-12-01T00:00:05+08:00'), testDatabase()]);
  actors = {
    market: await actorOf(database.db, 'market-staff'),
    civil: await actorOf(database.db, 'civil-head'),
    reviewer: await actorOf(database.db, 'reviewer'),
    county: await actorOf(database.db, 'county'),
  };
});
afterEach(async () => {
  await env?.teardown();
  await database?.close();
});

const content = (summary: string, figures: Partial<DepartmentReportContent> = {}): DepartmentReportContent => ({
  catalogEntries: 2,
  catalogUpdatesOnTime: 1,
  catalogUpdatesLate: 0,
  sharingRequestsServed: 0,
  sharingRequestsDecided: 0,
  sharingRequestsMade: 0,
  correctionsHandled: 3,
  correctionsOnTime: 2,
  securityWork: '完成等级保护测评',
  summary,
  ...figures,
});
/** What the seeded county holds in 2025: no closed cases, no sharing requests; catalog entries per department. */
const nothingElse = {
  catalogUpdatesOnTime: 0,
  catalogUpdatesLate: 0,
  sharingRequestsServed: 0,
  sharingRequestsDecided: 0,
  sharingRequestsMade: 0,
  correctionsHandled: 0,
  correctionsOnTime: 0,
};

async function withYear(body: (h: Awaited<ReturnType<typeof start>>) => Promise<void>) {
  const { worker, taskQueue } = await createTestWorker(env, database.db);
  await worker.runUntil(async () => body(await start(taskQueue)));
}
async function start(taskQueue: string, year = 2025) {
  const handle = await env.client.workflow.start('annualReportWorkflow', {
    taskQueue,
    workflowId: annualReportWorkflowId(year),
    args: [{ year }],
  });
  await eventually(async () => expect(await handle.query(getAnnualReportState)).not.toBeNull());
  return Object.assign(handle, { taskQueue });
}
const advanceTo = async (iso: string) => env.sleep(Date.parse(iso) - (await env.currentTimeMs()));
const refusal = async (p: Promise<unknown>) => {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  return ((err as WorkflowUpdateFailedError).cause as { type?: string }).type;
};
const notices = (kind: string) => database.db.select().from(notifications).where(eq(notifications.kind, kind));

describe('annualReportWorkflow', () => {
  it('a year with a late department, the authority late with its own report and a late city submission: reminders, 第四十六条 findings, notices naming the supervisor', async () => {
    await withYear(async (h) => {
      expect((await h.query(getAnnualReportState))?.deadline).toMatchObject({
        due: '2025-12-31',
        endsAt: '2026-01-01T00:00:00+08:00',
        warningAt: '2025-12-28T00:00:00+08:00',
      });
      expect(await refusal(h.executeUpdate(submitCountyReport, { args: [{ actor: actors.reviewer, summary: '太早' }] }))).toBe(
        'REPORT_NOT_YET',
      );

      await advanceTo('2025-12-22T09:00:00+08:00');
      await eventually(async () =>
        // the authority (county-data) is itself a 政务部门 and is reminded of its own report
        expect((await notices('annual_report_reminder')).map((n) => n.departmentCode).sort()).toEqual(['civil', 'county-data', 'market']),
      );
      await h.executeUpdate(submitDepartmentReport, { args: [{ actor: actors.market, content: content('按期报送') }] });
      expect(await refusal(h.executeUpdate(submitDepartmentReport, { args: [{ actor: actors.market, content: content('再报') }] }))).toBe(
        'REPORT_ALREADY_SUBMITTED',
      );

      await advanceTo('2025-12-29T09:00:00+08:00');
      // The second reminder reaches only the department that has not reported.
      await eventually(async () =>
        expect(
          (await notices('annual_report_reminder'))
            .filter((n) => n.key.endsWith('reminder-2'))
            .map((n) => n.departmentCode)
            .sort(),
        ).toEqual(['civil', 'county-data']),
      );

      await advanceTo('2026-01-02T09:00:00+08:00');
      await eventually(async () => expect((await getProcess(database.db, h.workflowId))?.stage).toBe('authority_compiling'));
      expect(await database.db.select().from(violations).orderBy(violations.departmentCode)).toEqual([
        expect.objectContaining({
          // 第四十六条第一款 binds the department; a timeliness finding, not a 第四十九条 violation
          article: '第四十六条第一款',
          partyKind: 'department',
          findingClass: 'timeliness',
          supervisor: 'authority',
          departmentCode: 'civil',
          kind: 'annual_report_missed:civil',
          dueDate: '2025-12-31',
          status: 'notified',
        }),
        expect.objectContaining({
          // the authority's own report: the same 政务部门 duty, charged to its own code, and
          // supervised by the county government (the authority does not supervise itself)
          article: '第四十六条第一款',
          partyKind: 'department',
          findingClass: 'timeliness',
          supervisor: 'county_government',
          departmentCode: 'county-data',
          kind: 'annual_report_missed:county-data',
          dueDate: '2025-12-31',
          status: 'notified',
        }),
      ]);
      expect((await notices('annual_report_missed')).map((n) => [n.departmentCode, n.role, n.message]).sort()).toEqual([
        [
          null,
          'county_government',
          '县政务数据资源主管部门未在 2025年12月31日 前报送本部门 2025 年度政务数据资源管理情况，已记录（第四十六条第一款），由县人民政府监督',
        ],
        ['civil', null, '未在 2025年12月31日 前报送 2025 年度报告，已记录（第四十六条第一款）；请尽快补报'],
        ['county-data', null, '未在 2025年12月31日 前报送 2025 年度报告，已记录（第四十六条第一款），报县人民政府监督；请尽快补报'],
      ]);
      expect(await getProcess(database.db, h.workflowId)).toMatchObject({ dueDate: '2026-01-15', level: 'normal' });

      const lateReport = await h.executeUpdate(submitDepartmentReport, { args: [{ actor: actors.civil, content: content('补报') }] });
      expect(lateReport.late).toBe(true);
      const authorityLate = await h.executeUpdate(submitDepartmentReport, {
        args: [{ actor: actors.reviewer, content: content('主管部门本部门补报') }],
      });
      expect(authorityLate.late).toBe(true);
      await advanceTo('2026-01-10T09:00:00+08:00');
      const compiled = await h.executeUpdate(submitCountyReport, { args: [{ actor: actors.reviewer, summary: '全县年度情况' }] });
      // The totals are the system's own counts (3 seeded catalog entries: MKT-001, MKT-002, CIV-001;
      // no closed cases), not the typed 2 + 2 + 2 entries and 3 + 3 + 3 corrections.
      expect(compiled).toMatchObject({
        year: 2025,
        missing: [],
        totals: { ...nothingElse, catalogEntries: 3 },
      });
      expect(
        (compiled.differences as { departmentCode: string; figure: string; reported: number; system: number }[]).filter(
          (d) => d.figure === 'catalogEntries',
        ),
      ).toEqual([
        expect.objectContaining({ departmentCode: 'civil', reported: 2, system: 1, difference: 1 }),
        expect.objectContaining({ departmentCode: 'county-data', reported: 2, system: 0, difference: 2 }),
      ]);

      await advanceTo('2026-02-01T09:00:00+08:00');
      await eventually(async () =>
        expect(await database.db.select().from(violations).where(eq(violations.kind, 'city_submission_late'))).toHaveLength(1),
      );
      // The city submission is the county government's own duty (第四十六条第二款), supervised by the city.
      expect((await database.db.select().from(violations).where(eq(violations.kind, 'city_submission_late')))[0]).toMatchObject({
        article: '第四十六条第二款',
        partyKind: 'county_government',
        supervisor: 'city',
      });
      // the county government and the authority are both told, each notice naming the supervisor (the city)
      expect((await notices('city_submission_late')).map((n) => [n.departmentCode, n.role, n.message]).sort()).toEqual([
        [
          null,
          'authority_reviewer',
          '县人民政府未在 2026年1月31日 前向市人民政府报送 2025 年度报告，已记录（第四十六条第二款），由市人民政府监督',
        ],
        [null, 'county_government', '2025 年度报告未在 2026年1月31日 前报送市人民政府，已记录（第四十六条第二款），报市人民政府监督'],
      ]);
      await h.executeUpdate(submitToCity, { args: [{ actor: actors.county, note: '已报市政府' }] });
      expect(await h.result()).toEqual({
        year: 2025,
        lateOrMissingDepartments: ['civil', 'county-data'],
        countyReportLate: false,
        citySubmissionLate: true,
      });
      await recordHistory(h, 'annual-report-authority-own-report-late-city');

      const rows = await database.db.select().from(annualReports).where(eq(annualReports.year, 2025));
      expect(rows.map((r) => [r.departmentCode, r.late])).toEqual([
        ['civil', true],
        ['county-data', true],
        ['market', false],
      ]);
      expect(await database.db.select().from(countyReports)).toEqual([
        expect.objectContaining({ year: 2025, late: false, cityLate: true }),
      ]);
      expect(await getProcess(database.db, h.workflowId)).toMatchObject({ status: 'closed', stage: 'completed' });
    });
  });

  it('everyone early: no reminders, no violations, done before the year ends; a second start for 2025 stops at once', async () => {
    await withYear(async (h) => {
      await advanceTo('2025-12-05T10:00:00+08:00');
      await h.executeUpdate(submitDepartmentReport, { args: [{ actor: actors.market, content: content('提前报送') }] });
      // a second start for 2025 while the first runs (an administrator's beside the schedule's) stops at once
      // (started, not executed: awaiting its result would let the server skip to the first one's reminders)
      const second = await env.client.workflow.start('annualReportWorkflow', {
        taskQueue: h.taskQueue,
        workflowId: 'annual-report-manual-again',
        args: [{ year: 2025 }],
      });
      await eventually(async () => expect((await second.describe()).status.name).toBe('COMPLETED'));
      expect(await second.query(getAnnualReportState)).toBeNull();
      expect(
        await database.db
          .select()
          .from(annualReports)
          .where(and(eq(annualReports.year, 2025), eq(annualReports.workflowId, 'annual-report-manual-again'))),
      ).toEqual([]);
      await h.executeUpdate(submitDepartmentReport, { args: [{ actor: actors.civil, content: content('提前报送') }] });
      // the authority has not filed its own report yet: the departments' period still runs
      expect((await h.query(getAnnualReportState))?.stage).toBe('departments_reporting');
      expect(
        await refusal(h.executeUpdate(submitDepartmentReport, { args: [{ actor: actors.county, content: content('县政府不报') }] })),
      ).toBe('FORBIDDEN_DEPARTMENT');
      await h.executeUpdate(submitDepartmentReport, { args: [{ actor: actors.reviewer, content: content('主管部门本部门报告') }] });
      expect(await refusal(h.executeUpdate(submitCountyReport, { args: [{ actor: actors.county, summary: '越权' }] }))).toBe(
        'FORBIDDEN_ROLE_STEP',
      );
      await eventually(async () => expect((await h.query(getAnnualReportState))?.stage).toBe('authority_compiling'));
      await h.executeUpdate(submitCountyReport, { args: [{ actor: actors.reviewer, summary: '全县年度情况' }] });
      await h.executeUpdate(submitToCity, { args: [{ actor: actors.county, note: '已报市政府' }] });
      expect(await h.result()).toEqual({ year: 2025, lateOrMissingDepartments: [], countyReportLate: false, citySubmissionLate: false });
      expect(await database.db.select().from(violations)).toEqual([]);
      expect(await database.db.select().from(notifications)).toEqual([]);
    });
  });

  it('a department typing 9 999 catalog entries where the system counts 6: the county report holds 6 and shows the difference', async () => {
    // market: MKT-001 and MKT-002 seeded, four more here: 6 active entries. civil: CIV-001. The authority: none.
    await database.db
      .insert(catalogEntries)
      .values([3, 4, 5, 6].map((n) => ({ code: `MKT-00${n}`, name: `市场监管数据 ${n}`, departmentCode: 'market', dataItems: ['名称'] })));
    await withYear(async (h) => {
      await advanceTo('2025-12-10T10:00:00+08:00');
      await h.executeUpdate(submitDepartmentReport, {
        args: [{ actor: actors.market, content: content('市场监管局', { ...nothingElse, catalogEntries: 9999 }) }],
      });
      await h.executeUpdate(submitDepartmentReport, {
        args: [{ actor: actors.civil, content: content('民政局', { ...nothingElse, catalogEntries: 1 }) }],
      });
      await h.executeUpdate(submitDepartmentReport, {
        args: [{ actor: actors.reviewer, content: content('主管部门', { ...nothingElse, catalogEntries: 0 }) }],
      });
      await eventually(async () => expect((await h.query(getAnnualReportState))?.stage).toBe('authority_compiling'));
      const compiled = await h.executeUpdate(submitCountyReport, { args: [{ actor: actors.reviewer, summary: '全县年度情况' }] });
      // 6 + 1 + 0, never 9 999 + 1 + 0
      expect(compiled.totals).toEqual({ ...nothingElse, catalogEntries: 7 });
      expect(compiled.differences).toEqual([
        { departmentCode: 'market', figure: 'catalogEntries', label: '目录条目数', reported: 9999, system: 6, difference: 9993 },
      ]);
      const market = (
        compiled.departments as { departmentCode: string; content: { catalogEntries: number }; system: { catalogEntries: number } }[]
      ).find((d) => d.departmentCode === 'market');
      expect(market).toMatchObject({ content: { catalogEntries: 9999 }, system: { catalogEntries: 6 } });
      const [row] = await database.db.select().from(countyReports).where(eq(countyReports.year, 2025));
      expect(row?.compiled).toMatchObject({ totals: { catalogEntries: 7 } });
    });
  });

  it('a year after the current one (2031 on 2025-12-01) and a year whose dates are over (2024) open nothing', async () => {
    const { worker, taskQueue } = await createTestWorker(env, database.db);
    await worker.runUntil(async () => {
      const future = await env.client.workflow.execute('annualReportWorkflow', {
        taskQueue,
        workflowId: annualReportWorkflowId(2031),
        args: [{ year: 2031 }],
      });
      expect(future).toEqual({ year: 2031, refused: 'REPORT_YEAR_IN_FUTURE' });
      // 2024's last date was 2025-01-31
      const past = await env.client.workflow.execute('annualReportWorkflow', {
        taskQueue,
        workflowId: annualReportWorkflowId(2024),
        args: [{ year: 2024 }],
      });
      expect(past).toEqual({ year: 2024, refused: 'REPORT_YEAR_OVER' });
    });
    expect(await database.db.select().from(annualReports)).toEqual([]);
    expect(await getProcess(database.db, annualReportWorkflowId(2031))).toBeNull();
  });
});
