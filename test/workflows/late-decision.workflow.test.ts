// Issue 12, "what it must show" (第二十三条, SPEC §3.2): the worker stopped across the deadline,
// the head's approval sent while it is down, the worker restarted: the approval is refused
// (DECISION_AFTER_DEADLINE) and the violation of 第四十九条(八) recorded.
// The time-skipping server cannot show it: with no worker, the fired timer's workflow task is
// outstanding and the server will not move its clock (env.sleep never returns). So this runs on
// the dev server (real time), with a computeDeadline activity that ends the period a few
// seconds from now: everything else (workflow, validator, handler, recordViolation) is the real one.
import { setTimeout as sleep } from 'node:timers/promises';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities';
import type { Database } from '../../db/client';
import { getProcess } from '../../db/repositories/registry.repo';
import { violations } from '../../db/schema';
import { beijingIso, type Deadline } from '../../domain/deadline';
import type { Actor } from '../../domain/roles';
import { beijingDate } from '../../domain/working-days';
import { registerSearchAttributes } from '../../scripts/search-attributes';
import { decideExtension, getCorrectionState, requestExtension } from '../../workflows/messages';
import { actorOf } from '../helpers/actors';
import { insertCorrection } from '../helpers/corrections';
import { testDatabase } from '../helpers/db';
import { TEMPORAL_CLI, WORKFLOW_BUNDLE } from '../helpers/paths';
import { quietRuntime, updateRefusal } from '../helpers/temporal';
import { eventually } from '../helpers/wait';
import { TEST_DATA_CONVERTER } from '../helpers/codec';

let env: TestWorkflowEnvironment;
let database: Database;
let staff: Actor;
let head: Actor;

beforeEach(async () => {
  quietRuntime();
  [env, database] = await Promise.all([
    TestWorkflowEnvironment.createLocal({
      server: { executable: { type: 'existing-path', path: TEMPORAL_CLI } },
      client: { dataConverter: TEST_DATA_CONVERTER },
    }),
    testDatabase(),
  ]);
  await registerSearchAttributes(env.connection, env.namespace ?? 'default');
  staff = await actorOf(database.db, 'market-staff');
  head = await actorOf(database.db, 'market-head');
}, 120_000);
afterEach(async () => {
  await env?.teardown();
  await database?.close();
});

const PERIOD_MS = 15_000;

describe('a late decision while the worker is down', () => {
  it('approval sent after the deadline with no worker running: refused once a worker restarts, the violation recorded', async () => {
    const endsAtMs = Date.now() + PERIOD_MS;
    const deadline: Deadline = {
      due: beijingDate(endsAtMs),
      endsAt: beijingIso(endsAtMs),
      warningAt: beijingIso(endsAtMs - PERIOD_MS * 2),
      provisional: false,
      calendarVersion: 'late-decision-test',
    };
    const taskQueue = `late-decision-${process.pid}`;
    const worker = () =>
      Worker.create({
        connection: env.nativeConnection,
        taskQueue,
        workflowBundle: { codePath: WORKFLOW_BUNDLE },
        dataConverter: TEST_DATA_CONVERTER,
        activities: {
          ...createActivities({ db: database.db, client: env.client, warningWorkingDays: 2 }),
          computeDeadline: async () => deadline,
        },
      });
    const row = await insertCorrection(database.db, staff, deadline.due);

    const first = await worker();
    const h = await first.runUntil(async () => {
      const handle = await env.client.workflow.start('correctionWorkflow', {
        taskQueue,
        workflowId: row.workflowId,
        args: [{ correctionId: row.id, departmentCode: 'market', receivedOn: deadline.due, filedBy: staff }],
      });
      await eventually(async () => expect((await handle.query(getCorrectionState))?.deadline.endsAt).toBe(deadline.endsAt));
      await handle.executeUpdate(requestExtension, { args: [{ actor: staff, days: 3, reason: '需向原登记机关调取档案' }] });
      return handle;
    });
    expect(Date.now()).toBeLessThan(endsAtMs);

    // The worker is down across the deadline; the head approves after it.
    await sleep(endsAtMs - Date.now() + 2_000);
    const decision = h.executeUpdate(decideExtension, { args: [{ actor: head, approve: true, reason: '同意' }] });
    decision.catch(() => undefined);
    await sleep(1_000);

    // The worker restarts on the same task queue: one workflow task holds the fired timer and the update.
    const second = await worker();
    await second.runUntil(async () => {
      expect(await updateRefusal(decision)).toBe('DECISION_AFTER_DEADLINE');
      await eventually(async () =>
        expect(await getProcess(database.db, h.workflowId)).toMatchObject({ level: 'overdue', stage: 'overdue' }),
      );
      const found = await database.db.select().from(violations).where(eq(violations.workflowId, h.workflowId));
      expect(found).toMatchObject([{ kind: 'correction_overdue', article: '第四十九条(八)', dueDate: deadline.due, status: 'notified' }]);
      // The request lapsed with the deadline, which never moved.
      const state = await h.query(getCorrectionState);
      expect(state?.extensions.map((e) => e.status)).toEqual(['lapsed']);
      expect(state?.deadline.endsAt).toBe(deadline.endsAt);
    });
  }, 120_000);
});
