// Fault: the Temporal dev server stops and comes back on the same SQLite file. While it is
// down the API says so at once (503 TEMPORAL_UNAVAILABLE with Retry-After, readiness 503,
// liveness 200); afterwards open processes and their timers carry on, and a filing refused
// during the outage goes through when the client retries with the same request id.
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corrections, processEvents } from '../../db/schema';
import { type HttpResult, type ServedStack, servedStack, type Stack } from '../helpers/stack';
import { eventually } from '../helpers/wait';
import { TEST_DATA_CONVERTER } from '../helpers/codec';

let stack: Stack;
let client: Client;
let call: ServedStack['call'];
let napWorker: Worker;
let napRun: Promise<void>;
const napQueue = `nap-${randomUUID()}`;

beforeAll(async () => {
  ({ stack, client, call } = await servedStack());
  const connection = await NativeConnection.connect({ address: stack.env.temporalAddress });
  napWorker = await Worker.create({
    connection,
    taskQueue: napQueue,
    workflowsPath: new URL('./workflows/nap.workflow.ts', import.meta.url).pathname,
    dataConverter: TEST_DATA_CONVERTER,
  });
  napRun = napWorker.run().finally(() => connection.close());
});
afterAll(async () => {
  if (napWorker?.getState() === 'RUNNING') napWorker.shutdown();
  await napRun?.catch(() => {});
  await stack?.close();
});

const filing = (requestId = randomUUID()) => ({
  requestId,
  departmentCode: 'civil',
  resourceCode: 'CIV-001',
  dataItems: ['姓名'],
  description: '姓名登记为错字',
  subject: { kind: 'person', idNumber: '11010519491231002X', name: '张三' },
});

/** The answer and how long it took. */
async function timed(p: Promise<HttpResult>): Promise<HttpResult & { ms: number }> {
  const started = Date.now();
  const res = await p;
  return { ...res, ms: Date.now() - started };
}

describe('dev server stopped and restarted on the same SQLite file', () => {
  it('answers 503 fast while down; processes, timers and retried filings continue after', async () => {
    const open = (await call('civil-staff', 'POST', '/v1/corrections', filing())).body as { id: string; workflowId: string };
    await eventually(async () => expect((await call('civil-staff', 'GET', `/v1/corrections/${open.id}`)).body.stage).toBe('verifying'));
    const nap = await client.workflow.start('napWorkflow', { taskQueue: napQueue, workflowId: `nap-${randomUUID()}`, args: [8000] });

    await stack.stopServer();
    const downAt = Date.now();

    const retried = filing();
    const post = await timed(call('civil-staff', 'POST', '/v1/corrections', retried));
    const history = await timed(call('auditor', 'GET', `/v1/processes/${open.workflowId}/history`));
    const extension = await timed(call('civil-staff', 'POST', `/v1/corrections/${open.id}/extensions`, { days: 2, reason: '调取档案' }));
    const status = await timed(call('civil-staff', 'GET', `/v1/corrections/${open.id}`));
    const health = await timed(call(null, 'GET', '/health'));
    const live = await timed(call(null, 'GET', '/health/live'));
    console.info(
      `[faults] 停机期间耗时 ms: POST ${post.ms}, GET history ${history.ms}, POST extension ${extension.ms}, GET status ${status.ms}, /health ${health.ms}, /health/live ${live.ms} (TEMPORAL_DOWN_TIMINGS)`,
    );
    for (const res of [post, history, extension]) {
      expect(res).toMatchObject({ status: 503, body: { code: 'TEMPORAL_UNAVAILABLE' } });
      expect(res.headers.get('retry-after')).toBe('5');
      expect(res.ms).toBeLessThan(2000);
    }
    // 第二十三条第三款: the status is still shown, from the registry.
    expect(status).toMatchObject({ status: 200, body: { id: open.id, stage: 'verifying' } });
    expect(status.ms).toBeLessThan(4000);
    expect(health).toMatchObject({ status: 503, body: { temporal: { ok: false }, database: { ok: true } } });
    expect(health.headers.get('retry-after')).toBe('5');
    expect(health.ms).toBeLessThan(2500);
    expect(live).toMatchObject({ status: 200 });
    // The refused filing left its row (inserted before the start), but no process.
    expect(await stack.database.db.select().from(corrections).where(eq(corrections.requestId, retried.requestId))).toHaveLength(1);

    await stack.restartServer();
    console.info(`[faults] 开发服务器停机 ${((Date.now() - downAt) / 1000).toFixed(1)} 秒后恢复 (TEMPORAL_RESTARTED)`);
    await eventually(async () => expect((await call(null, 'GET', '/health')).status).toBe(200), 30_000);

    // The client retries with the same request id: the same row, now with its process.
    const again = await call('civil-staff', 'POST', '/v1/corrections', retried);
    expect(again).toMatchObject({ status: 200, body: { created: false, workflowId: `correction-${retried.requestId}` } });
    await eventually(async () => {
      const kinds = (await stack.database.db.select().from(processEvents).where(eq(processEvents.workflowId, again.body.workflowId))).map(
        (e) => e.kind,
      );
      expect(kinds).toEqual(['filed']);
    }, 30_000);

    // The timer started before the outage fires after it.
    expect(await nap.result()).toBe('woke');
    const done = await call('civil-staff', 'POST', `/v1/corrections/${open.id}/verification`, {
      outcome: 'confirmed',
      summary: '核查无误',
      changes: [],
    });
    expect(done).toMatchObject({ status: 200, body: { stage: 'completed' } });
    expect(await client.workflow.getHandle(open.workflowId).result()).toMatchObject({ correctionId: open.id, outcome: 'confirmed' });
  });
});
