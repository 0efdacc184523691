// SPEC §2 on the time-skipping server: a correction received on Monday 2026-12-28 runs into
// 2027, a year chinese-days 1.5.7 has no schedule for (only the fixed statutory holiday 元旦
// 2027-01-01 is known), so its deadline is provisional and so is the finding when it passes.
// Loading the 2027 schedule with a longer New Year break recounts it: the finding is withdrawn.
// Every date below is counted by hand.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { loadYear } from '../../db/repositories/calendar.repo';
import { getProcess, listEvents } from '../../db/repositories/registry.repo';
import { violations } from '../../db/schema';
import type { Actor } from '../../domain/roles';
import { getCorrectionState, recordVerification } from '../../workflows/messages';
import { actorOf } from '../helpers/actors';
import { insertCorrection } from '../helpers/corrections';
import { testDatabase } from '../helpers/db';
import { recordHistory } from '../helpers/history';
import { advanceTo, createTestWorker, timeSkippingEnvAt } from '../helpers/temporal';
import { eventually } from '../helpers/wait';

const RECEIVED_ON = '2026-12-28';

let env: TestWorkflowEnvironment;
let database: Database;
let staff: Actor;
let admin: Actor;

beforeEach(async () => {
  [env, database] = await Promise.all([timeSkippingEnvAt('2026-12-28T10:00:00+08:00'), testDatabase()]);
  staff = await actorOf(database.db, 'market-staff');
  admin = await actorOf(database.db, 'admin');
});

afterEach(async () => {
  await env?.teardown();
  await database?.close();
});

const findingOf = async (workflowId: string) => {
  const rows = await database.db.select().from(violations).where(eq(violations.workflowId, workflowId));
  expect(rows).toHaveLength(1);
  return rows[0]!;
};

describe('a provisional finding revised by the loaded 2027 schedule', () => {
  it('provisional on 2027-01-12, withdrawn when the recount moves the deadline to 2027-01-15, recorded again when that passes too', async () => {
    const { worker, taskQueue } = await createTestWorker(env, database.db);
    await worker.runUntil(async () => {
      const row = await insertCorrection(database.db, staff, RECEIVED_ON);
      const h = await env.client.workflow.start('correctionWorkflow', {
        taskQueue,
        workflowId: row.workflowId,
        args: [{ correctionId: row.id, departmentCode: 'market', receivedOn: RECEIVED_ON, filedBy: staff }],
      });

      // 10 working days after Mon 12-28: 12-29 (1), 12-30 (2), 12-31 (3); Fri 2027-01-01 元旦
      // off; 01-04 (4), 01-05 (5), 01-06 (6), 01-07 (7), 01-08 (8), 01-11 (9), 01-12 (10).
      await eventually(async () =>
        expect((await h.query(getCorrectionState))?.deadline).toMatchObject({ due: '2027-01-12', provisional: true }),
      );

      // Wednesday 2027-01-13, 09:00: the provisional deadline has passed.
      await advanceTo(env, '2027-01-13T09:00:00+08:00');
      await eventually(async () =>
        expect(await getProcess(database.db, h.workflowId)).toMatchObject({ level: 'overdue', stage: 'overdue' }),
      );
      expect(await findingOf(h.workflowId)).toMatchObject({
        kind: 'correction_overdue',
        article: '第四十九条(八)',
        departmentCode: 'market',
        dueDate: '2027-01-12',
        status: 'provisional',
      });

      // The State Council's 2027 schedule (as loaded by PUT /v1/calendar/years/2027), here with
      // a New Year break of 01-01 and 01-04..01-06: 12-29 (1), 12-30 (2), 12-31 (3), 01-07 (4),
      // 01-08 (5), 01-11 (6), 01-12 (7), 01-13 (8), 01-14 (9), Fri 01-15 (10).
      await loadYear(database.db, {
        year: 2027,
        holidays: ['2027-01-01', '2027-01-04', '2027-01-05', '2027-01-06'],
        workdays: [],
        source: '测试：2027年部分节假日安排',
        loadedBy: admin.userId,
      });
      // Started, not awaited: awaiting a result lets the time-skipping server run the clock on.
      const change = await env.client.workflow.start('calendarChangeWorkflow', {
        taskQueue,
        workflowId: `calendar-change-${h.workflowId}`,
      });

      await eventually(async () => expect((await findingOf(h.workflowId)).status).toBe('withdrawn'));
      expect((await findingOf(h.workflowId)).dueDate).toBe('2027-01-15');
      // Today is 01-13: the new deadline ends at 24:00 on 01-15 and turns yellow on Thu 01-14.
      expect(await getProcess(database.db, h.workflowId)).toMatchObject({
        dueDate: '2027-01-15',
        endsAt: new Date('2027-01-16T00:00:00+08:00'),
        warningAt: new Date('2027-01-14T00:00:00+08:00'),
        provisional: false,
        level: 'normal',
        stage: 'verifying',
      });
      const revised = (await listEvents(database.db, h.workflowId)).filter((e) => e.kind === 'findings_revised');
      expect(revised).toHaveLength(1);
      expect(revised[0]!.detail).toMatchObject({
        supersededDue: '2027-01-12',
        due: '2027-01-15',
        revised: [
          {
            kind: 'correction_overdue',
            status: 'withdrawn',
            reason: '日历调整后重新计算期限：原期限 2027-01-12（暂定），新期限 2027-01-15；新期限尚未届满，撤回该项认定',
          },
        ],
      });

      // Saturday 2027-01-16: the recounted deadline has passed as well. The withdrawn row is
      // recorded again on the new due date, notified: 2027 is loaded, nothing is provisional.
      await advanceTo(env, '2027-01-16T09:00:00+08:00');
      await eventually(async () => expect((await findingOf(h.workflowId)).status).toBe('notified'));
      expect((await findingOf(h.workflowId)).dueDate).toBe('2027-01-15');
      expect(await getProcess(database.db, h.workflowId)).toMatchObject({ level: 'overdue', stage: 'overdue' });

      await h.executeUpdate(recordVerification, { args: [{ actor: staff, outcome: 'confirmed', summary: '经核实数据无误', changes: [] }] });
      expect(await h.result()).toMatchObject({ due: '2027-01-15', late: true });
      await recordHistory(h, 'correction-provisional-finding-withdrawn');
      await change.result();
      await recordHistory(change, 'calendar-change-recount');
    });
  });
});
