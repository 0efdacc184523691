// SPEC §2 on the time-skipping server, its clock on Sunday 1 November 2026, 08:30 Beijing time
// (the schedule's hour): chinese-days 1.5.7 has no 2027 schedule, so the admins are reminded.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { notifications } from '../../db/schema';
import { testDatabase } from '../helpers/db';
import { recordHistory } from '../helpers/history';
import { createTestWorker, timeSkippingEnvAt } from '../helpers/temporal';

let env: TestWorkflowEnvironment;
let database: Database;

beforeEach(async () => {
  [env, database] = await Promise.all([timeSkippingEnvAt('2026-11-01T08:30:00+08:00'), testDatabase()]);
});
afterEach(async () => {
  await env?.teardown();
  await database?.close();
});

describe('calendarReminderWorkflow', () => {
  // One run only: once the run completes, the server skips its idle clock by years.
  // Once a day however often it runs: test/db/calendar-reminder.test.ts.
  it('1 November 2026 with 2027 missing: one notice to the admins, dated by the workflow clock', async () => {
    const { worker, taskQueue } = await createTestWorker(env, database.db);
    await worker.runUntil(async () => {
      const h = await env.client.workflow.start('calendarReminderWorkflow', {
        taskQueue,
        workflowId: `calendar-year-reminder-test-${process.pid}`,
      });
      expect(await h.result()).toEqual({ year: 2027, date: '2026-11-01' });
      await recordHistory(h, 'calendar-reminder-2027-missing');
    });
    const rows = await database.db.select().from(notifications);
    expect(rows.map((r) => ({ key: r.key, role: r.role, departmentCode: r.departmentCode, kind: r.kind }))).toEqual([
      { key: 'calendar-year-2027-2026-11-01', role: 'system_admin', departmentCode: null, kind: 'calendar_year_missing' },
    ]);
  });
});
