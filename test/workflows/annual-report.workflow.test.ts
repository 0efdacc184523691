// 第四十六条 on the time-skipping server, its clock starting on 2025-12-01 (the schedule's day):
// departments by 2025-12-31, the authority by 2026-01-15, the county government by 2026-01-31.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { getProcess } from '../../db/repositories/registry.repo';
import { annualReports, countyReports, notifications, violations } from '../../db/schema';
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

const content = (summary: string): DepartmentReportContent => ({
  catalogEntries: 2,
  catalogUpdatesOnTime: 1,
  catalogUpdatesLate: 0,
  sharingRequestsServed: 0,
  correctionsHandled: 3,
  correctionsOnTime: 2,
  securityWork: '完成等级保护测评',
  summary,
});

async function withYear(body: (h: Awaited<ReturnType<typeof start>>) => Promise<void>) {
  const { worker, taskQueue } = await createTestWorker(env, database.db);
  await worker.runUntil(async () => body(await start(taskQueue)));
}
async function start(taskQueue: string) {
  const handle = await env.client.workflow.start('annualReportWorkflow', {
    taskQueue,
    workflowId: annualReportWorkflowId(2025),
    args: [{ year: 2025 }],
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
  it('a year with a late department and a late city submission: reminders, violations of 第四十六条, the county report compiled', async () => {
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
        expect((await notices('annual_report_reminder')).map((n) => n.departmentCode).sort()).toEqual(['civil', 'market']),
      );
      await h.executeUpdate(submitDepartmentReport, { args: [{ actor: actors.market, content: content('按期报送') }] });
      expect(await refusal(h.executeUpdate(submitDepartmentReport, { args: [{ actor: actors.market, content: content('再报') }] }))).toBe(
        'REPORT_ALREADY_SUBMITTED',
      );

      await advanceTo('2025-12-29T09:00:00+08:00');
      // The second reminder reaches only the department that has not reported.
      await eventually(async () =>
        expect((await notices('annual_report_reminder')).filter((n) => n.key.endsWith('reminder-2')).map((n) => n.departmentCode)).toEqual([
          'civil',
        ]),
      );

      await advanceTo('2026-01-02T09:00:00+08:00');
      await eventually(async () => expect((await getProcess(database.db, h.workflowId))?.stage).toBe('authority_compiling'));
      expect(await database.db.select().from(violations)).toEqual([
        expect.objectContaining({
          // 第四十六条第一款 binds the department; a timeliness finding, not a 第四十九条 violation
          article: '第四十六条第一款',
          partyKind: 'department',
          findingClass: 'timeliness',
          supervisor: 'authority',
          departmentCode: 'civil',
          kind: 'annual_report_missed:civil',
          dueDate: '2025-12-31',
        }),
      ]);
      expect(await getProcess(database.db, h.workflowId)).toMatchObject({ dueDate: '2026-01-15', level: 'normal' });

      const lateReport = await h.executeUpdate(submitDepartmentReport, { args: [{ actor: actors.civil, content: content('补报') }] });
      expect(lateReport.late).toBe(true);
      await advanceTo('2026-01-10T09:00:00+08:00');
      const compiled = await h.executeUpdate(submitCountyReport, { args: [{ actor: actors.reviewer, summary: '全县年度情况' }] });
      expect(compiled).toMatchObject({ year: 2025, missing: [], totals: { correctionsHandled: 6, catalogEntries: 4 } });

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
      expect((await notices('city_submission_late'))[0]).toMatchObject({ departmentCode: null, role: 'county_government' });
      await h.executeUpdate(submitToCity, { args: [{ actor: actors.county, note: '已报市政府' }] });
      expect(await h.result()).toEqual({
        year: 2025,
        lateOrMissingDepartments: ['civil'],
        countyReportLate: false,
        citySubmissionLate: true,
      });
      await recordHistory(h, 'annual-report-late-department-late-city');

      const rows = await database.db.select().from(annualReports).where(eq(annualReports.year, 2025));
      expect(rows.map((r) => [r.departmentCode, r.late])).toEqual([
        ['civil', true],
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
      await h.executeUpdate(submitDepartmentReport, { args: [{ actor: actors.civil, content: content('提前报送') }] });
      expect(await refusal(h.executeUpdate(submitCountyReport, { args: [{ actor: actors.county, summary: '越权' }] }))).toBe(
        'FORBIDDEN_ROLE_STEP',
      );
      await eventually(async () => expect((await h.query(getAnnualReportState))?.stage).toBe('authority_compiling'));
      await h.executeUpdate(submitCountyReport, { args: [{ actor: actors.reviewer, summary: '全县年度情况' }] });
      await h.executeUpdate(submitToCity, { args: [{ actor: actors.county, note: '已报市政府' }] });
      expect(await h.result()).toEqual({ year: 2025, lateOrMissingDepartments: [], countyReportLate: false, citySubmissionLate: false });
      expect(await database.db.select().from(violations)).toEqual([]);
      expect(await database.db.select().from(notifications)).toEqual([]);

      const second = await env.client.workflow.execute('annualReportWorkflow', {
        taskQueue: h.taskQueue,
        workflowId: 'annual-report-manual-again',
        args: [{ year: 2025 }],
      });
      expect(second).toEqual({ year: 2025, duplicateOf: h.workflowId });
      expect(
        await database.db
          .select()
          .from(annualReports)
          .where(and(eq(annualReports.year, 2025), eq(annualReports.workflowId, 'annual-report-manual-again'))),
      ).toEqual([]);
    });
  });
});
