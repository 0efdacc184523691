// Issue 18 on the time-skipping server: a calendar change pages through the open processes by
// keyset and continues as new, here in pages of 2 and 2 pages a run, so five open corrections
// take three pages over two runs. One of them was terminated behind the registry's back: it is
// skipped, not retried for ever. Every date below is counted by hand.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { upsertOverride } from '../../db/repositories/calendar.repo';
import { getProcess } from '../../db/repositories/registry.repo';
import type { Actor } from '../../domain/roles';
import { getCalendarChangeProgress, getCorrectionState } from '../../workflows/messages';
import { actorOf } from '../helpers/actors';
import { insertCorrection } from '../helpers/corrections';
import { testDatabase } from '../helpers/db';
import { recordHistory } from '../helpers/history';
import { createTestWorker, timeSkippingEnvAt } from '../helpers/temporal';
import { eventually } from '../helpers/wait';

const RECEIVED_ON = '2025-09-26';

let env: TestWorkflowEnvironment;
let database: Database;
let staff: Actor;
let admin: Actor;

beforeEach(async () => {
  [env, database] = await Promise.all([timeSkippingEnvAt('2025-09-26T10:00:00+08:00'), testDatabase()]);
  staff = await actorOf(database.db, 'market-staff');
  admin = await actorOf(database.db, 'admin');
});

afterEach(async () => {
  await env?.teardown();
  await database?.close();
});

describe('calendarChangeWorkflow', () => {
  it('recounts every open process page by page across runs, skipping one that closed', async () => {
    const { worker, taskQueue } = await createTestWorker(env, database.db);
    await worker.runUntil(async () => {
      const handles = [];
      for (let i = 0; i < 5; i += 1) {
        const row = await insertCorrection(database.db, staff, RECEIVED_ON);
        handles.push(
          await env.client.workflow.start('correctionWorkflow', {
            taskQueue,
            workflowId: row.workflowId,
            args: [{ correctionId: row.id, departmentCode: 'market', receivedOn: RECEIVED_ON, filedBy: staff }],
          }),
        );
      }
      // 10 working days from Fri 09-26: 09-28 (Sun, worked) 1, 09-29 2, 09-30 3, National Day
      // 10-01..08 off, 10-09 4, 10-10 5, 10-11 (Sat, worked) 6, 10-13 7, 10-14 8, 10-15 9, 10-16 10.
      for (const h of handles) {
        await eventually(async () => expect((await getProcess(database.db, h.workflowId))?.dueDate).toBe('2025-10-16'));
      }
      const [closed, ...open] = handles;
      await closed!.terminate('测试：登记簿未及记录的结束');

      // The admin makes Wednesday 10-15 a holiday: 10-16 is day 9, Fri 10-17 day 10.
      await upsertOverride(database.db, { date: '2025-10-15', kind: 'holiday', reason: '测试：临时休息', createdBy: admin.userId });
      const change = await env.client.workflow.start('calendarChangeWorkflow', {
        taskQueue,
        workflowId: `calendar-change-test-${closed!.workflowId}`,
        args: [{ pageSize: 2, pagesPerRun: 2 }],
      });

      for (const h of open) {
        await eventually(async () => expect((await h.query(getCorrectionState))?.deadline.due).toBe('2025-10-17'));
        await eventually(async () =>
          expect(await getProcess(database.db, h.workflowId)).toMatchObject({
            dueDate: '2025-10-17',
            endsAt: new Date('2025-10-18T00:00:00+08:00'),
          }),
        );
      }
      // Five rows, two a page: pages of 2, 2 and 1; the third page is the second run's.
      expect(await change.result()).toMatchObject({ signalled: 4, pages: 3, runs: 1, done: true, superseded: false });
      expect(await change.query(getCalendarChangeProgress)).toMatchObject({ signalled: 4, pages: 3, runs: 1 });
      // The terminated one keeps its old count: nothing runs that could recount it.
      expect((await getProcess(database.db, closed!.workflowId))?.dueDate).toBe('2025-10-16');
      await recordHistory(env.client.workflow.getHandle(change.workflowId, change.firstExecutionRunId), 'calendar-change-paged');
    });
  });
});
