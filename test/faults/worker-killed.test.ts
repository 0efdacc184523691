// Fault: the worker process dies (SIGKILL: no drain, no goodbye) while activities run, and
// between two steps of a process. A new worker process takes over; Temporal retries what was
// in flight and replays the rest. The unique keys of the registry (process_events
// (workflow_id, event_key), processes.workflow_id) make every retried write land once.
import type { Client } from '@temporalio/client';
import { and, count, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corrections, processEvents, processes } from '../../db/schema';
import type { CorrectionResult } from '../../workflows/correction.workflow';
import { type ServedStack, servedStack, type Stack } from '../helpers/stack';
import { eventually } from '../helpers/wait';
import { correctionFiling } from '../helpers/corrections';

let stack: Stack;
let client: Client;
let call: ServedStack['call'];

beforeAll(async () => {
  // No worker here: the test spawns worker processes itself.
  ({ stack, call, client } = await servedStack({ worker: false }));
});
afterAll(async () => stack?.close());

const filing = () => correctionFiling();

/** How many timeline events of `kind` each of these workflows has. */
async function eventCounts(workflowIds: string[], kind: string): Promise<Map<string, number>> {
  const rows = await stack.database.db
    .select({ workflowId: processEvents.workflowId, n: count() })
    .from(processEvents)
    .where(and(inArray(processEvents.workflowId, workflowIds), eq(processEvents.kind, kind)))
    .groupBy(processEvents.workflowId);
  return new Map(rows.map((r) => [r.workflowId, r.n]));
}

/** No workflow task of these workflows failed: a determinism error would show up as one. */
async function expectNoTaskFailures(workflowIds: string[]): Promise<void> {
  for (const id of workflowIds) {
    const { events } = await client.workflow.getHandle(id).fetchHistory();
    expect(
      events!.filter((e) => e.workflowTaskFailedEventAttributes),
      id,
    ).toEqual([]);
  }
}

describe('worker SIGKILLed mid-activity', () => {
  it('50 corrections: a new worker process finishes them, each registry row and event written once', async () => {
    // Filed with no worker polling, so the first worker meets all 50 at once.
    const filed = await Promise.all(Array.from({ length: 50 }, () => call('market-staff', 'POST', '/v1/corrections', filing())));
    expect(filed.map((f) => f.status)).toEqual(Array(50).fill(201));
    const ids = filed.map((f) => f.body as { id: string; workflowId: string });
    const workflowIds = ids.map((i) => i.workflowId);
    const db = stack.database.db;
    const registered = async () =>
      (await db.select({ n: count() }).from(processes).where(inArray(processes.workflowId, workflowIds)))[0]!.n;

    const first = stack.spawnWorker();
    // Killed as soon as the first registry row lands: the others are mid-activity or queued.
    await eventually(async () => expect(await registered()).toBeGreaterThan(0), 60_000);
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    const atKill = await registered();
    console.info(`[faults] SIGKILL 时已登记 ${atKill}/50 (WORKER_KILLED_AT)`);
    expect(atKill).toBeLessThan(50);

    const killedAt = Date.now();
    const second = stack.spawnWorker();
    await second.ready;
    // Activities lost with the first worker come back after their start-to-close timeout (30 s).
    await eventually(async () => {
      expect(await registered()).toBe(50);
      const filedEvents = await eventCounts(workflowIds, 'filed');
      expect(filedEvents.size).toBe(50);
    }, 90_000);
    console.info(`[faults] 新工作节点 ${((Date.now() - killedAt) / 1000).toFixed(1)} 秒内补齐 50 个流程 (WORKER_RECOVERED)`);
    expect([...(await eventCounts(workflowIds, 'filed')).values()]).toEqual(Array(50).fill(1));

    const verified = await Promise.all(
      ids.map(({ id }) =>
        call('market-staff', 'POST', `/v1/corrections/${id}/verification`, { outcome: 'confirmed', summary: '核查无误', changes: [] }),
      ),
    );
    expect(verified.map((v) => v.status)).toEqual(Array(50).fill(200));
    const results = await Promise.all(workflowIds.map((id) => client.workflow.getHandle(id).result() as Promise<CorrectionResult>));
    expect(results.map((r) => r.correctionId).sort()).toEqual(ids.map((i) => i.id).sort());
    expect(results.every((r) => r.outcome === 'confirmed' && !r.late)).toBe(true);
    expect([...(await eventCounts(workflowIds, 'verified')).values()]).toEqual(Array(50).fill(1));
    expect(
      await db
        .select({ n: count() })
        .from(processes)
        .where(and(inArray(processes.workflowId, workflowIds), eq(processes.status, 'closed'))),
    ).toEqual([{ n: 50 }]);
    expect(
      await db
        .select({ n: count() })
        .from(corrections)
        .where(and(inArray(corrections.workflowId, workflowIds), eq(corrections.outcome, 'confirmed'))),
    ).toEqual([{ n: 50 }]);
    await expectNoTaskFailures(workflowIds);
    second.child.kill('SIGKILL');
    await second.exited;
  });
});

describe('worker SIGKILLed between steps', () => {
  it('after an extension request: a later worker replays the history and takes the decision', async () => {
    const first = stack.spawnWorker();
    await first.ready;
    const { body: created } = await call('market-staff', 'POST', '/v1/corrections', filing());
    const { id, workflowId } = created as { id: string; workflowId: string };
    await eventually(async () => expect((await eventCounts([workflowId], 'filed')).get(workflowId)).toBe(1), 30_000);
    const asked = await call('market-staff', 'POST', `/v1/corrections/${id}/extensions`, { days: 5, reason: '需向登记机关调取原始档案' });
    expect(asked).toMatchObject({ status: 201, body: { id: 1, status: 'pending' } });

    first.child.kill('SIGKILL');
    await first.exited;
    // With no worker the counter still answers, from the registry.
    const meanwhile = await call('market-staff', 'GET', `/v1/corrections/${id}`);
    expect(meanwhile).toMatchObject({ status: 200, body: { stage: 'extension_pending' } });

    // The new worker has an empty cache: its first task for this workflow replays it from event 1.
    const second = stack.spawnWorker();
    await second.ready;
    const decided = await call('market-head', 'POST', `/v1/corrections/${id}/extensions/decision`, { approve: true });
    expect(decided).toMatchObject({ status: 200, body: { extension: { id: 1, status: 'approved' } } });
    expect(decided.body.deadline.due > meanwhile.body.deadline.due).toBe(true);
    const done = await call('market-staff', 'POST', `/v1/corrections/${id}/verification`, {
      outcome: 'corrected',
      summary: '已更正',
      changes: [{ item: '住所', before: '甲', after: '乙' }],
    });
    expect(done).toMatchObject({ status: 200, body: { stage: 'completed', late: false } });
    expect(await client.workflow.getHandle(workflowId).result()).toMatchObject({
      correctionId: id,
      outcome: 'corrected',
      due: decided.body.deadline.due,
    });

    const kinds = (
      await stack.database.db.select().from(processEvents).where(eq(processEvents.workflowId, workflowId)).orderBy(processEvents.id)
    ).map((e) => e.kind);
    expect(kinds).toEqual(['filed', 'extension_requested', 'extension_approved', 'deadline_set', 'verified']);
    await expectNoTaskFailures([workflowId]);
  });
});
