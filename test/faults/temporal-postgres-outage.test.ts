// Fault: the Temporal server's own PostgreSQL is unreachable for 30 s while filings keep coming
// (the application's database stays up). The API refuses with 503 and Retry-After, never a 500;
// once PostgreSQL is back the same server process carries on, and every filing (the refused ones
// retried with their request ids) ends as exactly one process with its deadline.
// Real Temporal server only (its persistence on a PostgreSQL of this test's own): the
// production-shape round runs it; the dev server keeps its state in SQLite.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Answer, accepted, expectAcceptedOrUnavailable, expectOneProcessEach, file, retryUntilAccepted } from '../helpers/filings';
import { type PrivatePostgres, privatePostgres } from '../helpers/private-postgres';
import { type ServedStack, servedStack, type Stack } from '../helpers/stack';

let pg: PrivatePostgres;
let stack: Stack;
let client: Client;
let call: ServedStack['call'];

beforeAll(async () => {
  if (process.env.TEST_TEMPORAL !== 'server') {
    throw new Error(
      '此测试需要真正的 Temporal 服务器：npm test -- --config vitest.production-shape.config.ts (TEST_TEMPORAL_SERVER_REQUIRED)',
    );
  }
  pg = await privatePostgres();
  ({ stack, call, client } = await servedStack({ worker: false, temporalPostgresUrl: pg.url }));
  await stack.spawnWorker().ready;
});
afterAll(async () => {
  await stack?.close();
  await pg?.destroy();
});

describe("Temporal's PostgreSQL unreachable for 30 s", () => {
  it('503 with Retry-After while it is down; the same server recovers and every filing ends as one process', async () => {
    const answers: Answer[] = [];
    for (let i = 0; i < 5; i++) answers.push(await file(call));
    expect(answers.map((a) => a.status)).toEqual(Array(5).fill(201));

    pg.stop();
    const downAt = Date.now();
    while (Date.now() - downAt < 30_000) {
      answers.push(await file(call));
      await sleep(500);
    }
    const duringOutage = answers.slice(5);
    pg.start();
    const upAt = Date.now();
    // Filings go through again once the server has its database back (shards, namespace cache).
    do {
      answers.push(await file(call));
      if (accepted(answers.at(-1)!)) break;
      await sleep(1000);
    } while (Date.now() - upAt < 120_000);
    expect(answers.at(-1)!.status).toBe(201);
    console.info(
      `[faults] Temporal 的 PostgreSQL 停 30 秒：期间提交 ${duringOutage.length} 件，受理 ${duringOutage.filter(accepted).length}，` +
        `503 ${duringOutage.filter((a) => a.status === 503).length}，最长应答 ${Math.max(...duringOutage.map((a) => a.ms))} ms；` +
        `恢复后 ${((Date.now() - upAt) / 1000).toFixed(1)} 秒重新受理 (TEMPORAL_POSTGRES_OUTAGE)`,
    );
    expect(stack.server.child.exitCode).toBeNull(); // the same process, not a restart
    expectAcceptedOrUnavailable(answers);
    const refused = answers.filter((a) => a.status === 503);
    expect(refused.length).toBeGreaterThan(0);
    expectAcceptedOrUnavailable(await retryUntilAccepted(call, refused));
    await expectOneProcessEach(
      stack,
      client,
      answers.map((a) => a.requestId),
    );
  });
});
