// Fault: new workflow code meets old histories. (1) The checked-in correction histories replay,
// and a correction driven through the same steps on a real worker with maxCachedWorkflows: 0
// (every workflow task replays the whole history from event 1) completes with no task failure.
// (2) A reordered workflow without patched() fails replay of a recorded v1 history; the same
// change behind patched() passes.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { DeterminismViolationError } from '@temporalio/workflow';
import { NativeConnection, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities';
import { listEvents } from '../../db/repositories/registry.repo';
import { decideExtension, recordVerification, requestExtension } from '../../workflows/messages';
import type { CorrectionInput } from '../../workflows/correction.workflow';
import { actorOf } from '../helpers/actors';
import { insertCorrection } from '../helpers/corrections';
import { ROOT, WORKFLOW_BUNDLE } from '../helpers/paths';
import { devStack, type Stack } from '../helpers/stack';
import { TEST_DATA_CONVERTER } from '../helpers/codec';

let stack: Stack;
let client: Client;
let connection: NativeConnection;
const HISTORIES = path.join(ROOT, 'test/workflows/histories');
const orderWorkflows = (version: string) => new URL(`./workflows/order-${version}.workflow.ts`, import.meta.url).pathname;

beforeAll(async () => {
  stack = await devStack();
  client = await stack.client();
  connection = await NativeConnection.connect({ address: stack.env.temporalAddress });
});
afterAll(async () => {
  await connection?.close();
  await stack?.close();
});

/** No workflow task failed: a determinism error would show up as one. */
const taskFailures = async (workflowId: string) =>
  ((await client.workflow.getHandle(workflowId).fetchHistory()).events ?? []).filter((e) => e.workflowTaskFailedEventAttributes);

describe('correction histories', () => {
  it('every checked-in history replays against the current bundle', async () => {
    const files = (await readdir(HISTORIES)).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const history = JSON.parse(await readFile(path.join(HISTORIES, file), 'utf8'));
      await Worker.runReplayHistory({ workflowBundle: { codePath: WORKFLOW_BUNDLE }, dataConverter: TEST_DATA_CONVERTER }, history, file);
    }
  });

  it('the recorded path (extension asked, approved, verified) on a real worker with maxCachedWorkflows: 0', async () => {
    const db = stack.database.db;
    const [staff, head] = await Promise.all([actorOf(db, 'market-staff'), actorOf(db, 'market-head')]);
    const taskQueue = `replay-${randomUUID()}`;
    const worker = await Worker.create({
      connection,
      taskQueue,
      workflowBundle: { codePath: WORKFLOW_BUNDLE },
      dataConverter: TEST_DATA_CONVERTER,
      activities: createActivities({ db, client, warningWorkingDays: 2 }),
      // No cache: each activation rebuilds the workflow by replaying its history from the start.
      maxCachedWorkflows: 0,
    });
    const row = await insertCorrection(db, staff, new Date().toISOString().slice(0, 10));
    const input: CorrectionInput = { correctionId: row.id, departmentCode: row.departmentCode, receivedOn: row.receivedOn, filedBy: staff };
    const handle = await client.workflow.start('correctionWorkflow', { taskQueue, workflowId: row.workflowId, args: [input] });
    const result = await worker.runUntil(async () => {
      await handle.executeUpdate(requestExtension, { args: [{ actor: staff, days: 5, reason: '需调取原始档案' }] });
      const decided = await handle.executeUpdate(decideExtension, { args: [{ actor: head, approve: true }] });
      expect(decided.extension.status).toBe('approved');
      await handle.executeUpdate(recordVerification, {
        args: [{ actor: staff, outcome: 'corrected', summary: '已更正', changes: [{ item: '住所', before: '甲', after: '乙' }] }],
      });
      return handle.result();
    });
    expect(result).toMatchObject({ correctionId: row.id, outcome: 'corrected', late: false });
    expect(await taskFailures(row.workflowId)).toEqual([]);
    expect((await listEvents(db, row.workflowId)).map((e) => e.kind)).toEqual([
      'filed',
      'extension_requested',
      'extension_approved',
      'deadline_set',
      'verified',
    ]);
    // And the history this run wrote replays like the checked-in one.
    await Worker.runReplayHistory(
      { workflowBundle: { codePath: WORKFLOW_BUNDLE }, dataConverter: TEST_DATA_CONVERTER },
      await handle.fetchHistory(),
      row.workflowId,
    );
  });
});

describe('a reordered workflow and patched()', () => {
  let v1History: Awaited<ReturnType<ReturnType<Client['workflow']['getHandle']>['fetchHistory']>>;

  beforeAll(async () => {
    const taskQueue = `order-${randomUUID()}`;
    const worker = await Worker.create({
      connection,
      taskQueue,
      workflowsPath: orderWorkflows('v1'),
      dataConverter: TEST_DATA_CONVERTER,
      activities: { stepA: async () => 'a', stepB: async () => 'b' },
    });
    const workflowId = `order-v1-${randomUUID()}`;
    expect(await worker.runUntil(client.workflow.execute('orderWorkflow', { taskQueue, workflowId }))).toEqual(['a', 'b']);
    v1History = await client.workflow.getHandle(workflowId).fetchHistory();
  });

  it('v2 without patched() fails replay of the v1 history with a determinism error', async () => {
    await expect(
      Worker.runReplayHistory({ workflowsPath: orderWorkflows('v2-unpatched'), dataConverter: TEST_DATA_CONVERTER }, v1History, 'order-v1'),
    ).rejects.toBeInstanceOf(DeterminismViolationError);
  });

  it('v2 behind patched() replays the v1 history', async () => {
    await Worker.runReplayHistory(
      { workflowsPath: orderWorkflows('v2-patched'), dataConverter: TEST_DATA_CONVERTER },
      v1History,
      'order-v1',
    );
  });
});
