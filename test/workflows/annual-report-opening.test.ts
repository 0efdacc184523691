// 第四十六条: a system installed between 1 December and 31 January opens the year under way at
// worker start (worker.ts ensureCurrentYearOpen), instead of waiting for next 1 December's
// schedule. On the time-skipping server, its clock set to the day of installation (Beijing time).
import { WorkflowNotFoundError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { getProcess } from '../../db/repositories/registry.repo';
import { annualReports, notifications, violations } from '../../db/schema';
import type { DepartmentReportContent } from '../../domain/annual-report';
import { getAnnualReportState, submitCountyReport, submitDepartmentReport, submitToCity } from '../../workflows/messages';
import { ensureCurrentYearOpen } from '../../worker';
import { actorOf } from '../helpers/actors';
import { testDatabase } from '../helpers/db';
import { recordHistory } from '../helpers/history';
import { createTestWorker, timeSkippingEnvAt } from '../helpers/temporal';
import { eventually } from '../helpers/wait';

let env: TestWorkflowEnvironment | undefined;
let database: Database | undefined;
afterEach(async () => {
  await env?.teardown();
  await database?.close();
  env = undefined;
  database = undefined;
});

async function installedOn(iso: string) {
  [env, database] = await Promise.all([timeSkippingEnvAt(iso), testDatabase()]);
  return { env, database, ...(await createTestWorker(env, database.db)) };
}

describe('ensureCurrentYearOpen (worker start)', () => {
  it('installed on 2026-12-02: the 2026 year is open at once, due 2026-12-31; two starts at once and a later one leave one process', async () => {
    const { env, database, worker, taskQueue } = await installedOn('2026-12-02T10:00:00+08:00');
    await worker.runUntil(async () => {
      const now = await env.currentTimeMs();
      // two workers starting together: one starts the year, the other finds it
      const outcomes = await Promise.all([
        ensureCurrentYearOpen(env.client, database.db, taskQueue, now),
        ensureCurrentYearOpen(env.client, database.db, taskQueue, now),
      ]);
      expect(outcomes.map((o) => o?.outcome).sort()).toEqual(['exists', 'started']);
      expect(outcomes.every((o) => o?.year === 2026)).toBe(true);
      await eventually(async () =>
        expect(await getProcess(database.db, 'annual-report-2026')).toMatchObject({
          type: 'annual_report',
          subjectId: '2026',
          stage: 'departments_reporting',
          dueDate: '2026-12-31',
          level: 'normal',
        }),
      );
      // the authority is tracked with the departments; the county government files no department report
      const rows = await database.db.select().from(annualReports).where(eq(annualReports.year, 2026));
      expect(rows.map((r) => [r.departmentCode, r.workflowId, r.dueDate])).toEqual([
        ['civil', 'annual-report-2026', '2026-12-31'],
        ['county-data', 'annual-report-2026', '2026-12-31'],
        ['market', 'annual-report-2026', '2026-12-31'],
      ]);
      // a restart a week later finds the year open
      expect(await ensureCurrentYearOpen(env.client, database.db, taskQueue, Date.parse('2026-12-09T08:00:00+08:00'))).toEqual({
        year: 2026,
        outcome: 'exists',
      });
      expect((await env.client.workflow.getHandle('annual-report-2026').describe()).status.name).toBe('RUNNING');
    });
  });

  it('installed on 2026-11-20: nothing is opened; the 1 December schedule will', async () => {
    const { env, database, worker, taskQueue } = await installedOn('2026-11-20T10:00:00+08:00');
    await worker.runUntil(async () => {
      expect(await ensureCurrentYearOpen(env.client, database.db, taskQueue, await env.currentTimeMs())).toBeNull();
      await expect(env.client.workflow.getHandle('annual-report-2026').describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);
    });
    expect(await database.db.select().from(annualReports)).toEqual([]);
  });

  it('from 1 February (Beijing time) nothing is under way: 2027-01-31T16:30Z is already 2027-02-01 00:30 in Beijing', async () => {
    const { env, database, worker, taskQueue } = await installedOn('2026-11-20T10:00:00+08:00');
    await worker.runUntil(async () => {
      expect(await ensureCurrentYearOpen(env.client, database.db, taskQueue, Date.parse('2027-02-01T00:00:00+08:00'))).toBeNull();
      expect(await ensureCurrentYearOpen(env.client, database.db, taskQueue, Date.parse('2027-01-31T16:30:00Z'))).toBeNull();
    });
    expect(await database.db.select().from(annualReports)).toEqual([]);
  });

  it('installed on 2026-01-10: 2025 opens at the authority’s step; 31 December and the reminders before the opening charge and tell no one', async () => {
    const { env, database, worker, taskQueue } = await installedOn('2026-01-10T09:00:00+08:00');
    const content: DepartmentReportContent = {
      catalogEntries: 2,
      catalogUpdatesOnTime: 0,
      catalogUpdatesLate: 0,
      sharingRequestsServed: 0,
      sharingRequestsDecided: 0,
      sharingRequestsMade: 0,
      correctionsHandled: 0,
      correctionsOnTime: 0,
      securityWork: '',
      summary: '系统启用后补报',
    };
    await worker.runUntil(async () => {
      expect(await ensureCurrentYearOpen(env.client, database.db, taskQueue, await env.currentTimeMs())).toEqual({
        year: 2025,
        outcome: 'started',
      });
      const h = env.client.workflow.getHandle('annual-report-2025');
      // 2025-12-31 had passed: straight to the authority's county report, due 2026-01-15
      await eventually(async () =>
        expect(await getProcess(database.db, h.workflowId)).toMatchObject({ stage: 'authority_compiling', dueDate: '2026-01-15' }),
      );
      expect(await database.db.select().from(violations)).toEqual([]);
      // reminders of 2025-12-21, 2025-12-28 and 2026-01-05 fell before the opening
      expect(await database.db.select().from(notifications)).toEqual([]);
      expect((await h.query(getAnnualReportState))?.departments).toEqual(['civil', 'county-data', 'market']);

      const late = await h.executeUpdate(submitDepartmentReport, {
        args: [{ actor: await actorOf(database.db, 'market-staff'), content }],
      });
      expect(late.late).toBe(true);
      await h.executeUpdate(submitCountyReport, { args: [{ actor: await actorOf(database.db, 'reviewer'), summary: '全县年度情况' }] });
      await h.executeUpdate(submitToCity, { args: [{ actor: await actorOf(database.db, 'county'), note: '已报市政府' }] });
      expect(await h.result()).toEqual({
        year: 2025,
        lateOrMissingDepartments: ['civil', 'county-data', 'market'],
        countyReportLate: false,
        citySubmissionLate: false,
      });
      expect(await database.db.select().from(violations)).toEqual([]);
      await recordHistory(h, 'annual-report-opened-in-january');
    });
  });
});
