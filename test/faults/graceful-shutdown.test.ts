// Fault: SIGTERM to a worker process under load (a deploy, a scale-down). Worker.run() stops
// polling, lets in-flight tasks finish within shutdownGraceTime (10 s in worker.ts) and the
// process exits 0; the next worker finishes the rest, every step written once.
import { randomUUID } from 'node:crypto';
import { and, count, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processEvents, processes } from '../../db/schema';
import { type ServedStack, servedStack, type Stack } from '../helpers/stack';
import { eventually } from '../helpers/wait';

let stack: Stack;
let call: ServedStack['call'];

beforeAll(async () => {
  // No worker here: the test spawns worker processes itself.
  ({ stack, call } = await servedStack({ worker: false }));
});
afterAll(async () => stack?.close());

describe('SIGTERM to a worker process under load', () => {
  it('drains within its grace time and exits 0; nothing lost, nothing twice', async () => {
    const filed = await Promise.all(
      Array.from({ length: 30 }, () =>
        call('civil-staff', 'POST', '/v1/corrections', {
          requestId: randomUUID(), departmentCode: 'civil', resourceCode: 'CIV-001', dataItems: ['姓名'], description: '姓名有误',
          subject: { kind: 'person', idNumber: '11010519491231002X', name: '张三' },
        }),
      ),
    );
    expect(filed.map((f) => f.status)).toEqual(Array(30).fill(201));
    const workflowIds = filed.map((f) => f.body.workflowId as string);
    const db = stack.database.db;
    const count_ = async (kind: string) =>
      (await db.select({ n: count() }).from(processEvents).where(and(inArray(processEvents.workflowId, workflowIds), eq(processEvents.kind, kind))))[0]!.n;

    const first = stack.spawnWorker();
    await eventually(async () => expect(await count_('filed')).toBeGreaterThan(0), 60_000);
    const termAt = Date.now();
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    const drainedMs = Date.now() - termAt;
    console.info(`[faults] SIGTERM 后 ${drainedMs} ms 退出，已登记 ${await count_('filed')}/30 (WORKER_DRAINED)`);
    expect(drainedMs).toBeLessThan(12_000);

    const second = stack.spawnWorker();
    await second.ready;
    await eventually(async () => expect(await count_('filed')).toBe(30), 90_000);
    const verified = await Promise.all(
      filed.map((f) => call('civil-staff', 'POST', `/v1/corrections/${f.body.id}/verification`, { outcome: 'confirmed', summary: '核查无误', changes: [] })),
    );
    expect(verified.map((v) => v.status)).toEqual(Array(30).fill(200));
    expect(await count_('verified')).toBe(30);
    expect(await db.select({ n: count() }).from(processes).where(and(inArray(processes.workflowId, workflowIds), eq(processes.status, 'closed')))).toEqual([{ n: 30 }]);
  });
});
