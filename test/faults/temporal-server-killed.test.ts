// Fault: the Temporal server process dies (SIGKILL) in the middle of a burst of filings through
// the API and is started again on the same data. Every filing the API accepted (201/200) ends as
// exactly one process with its deadline; every one it refused got 503 TEMPORAL_UNAVAILABLE with
// Retry-After, never a 500; a refused one retried with its request id ends as one process too.
// The real server on PostgreSQL in the production-shape round (TEST_TEMPORAL=server), the dev
// server on its SQLite file in the fault round.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Answer, accepted, expectAcceptedOrUnavailable, expectOneProcessEach, file, retryUntilAccepted } from '../helpers/filings';
import { type ServedStack, servedStack, type Stack } from '../helpers/stack';
import { eventually } from '../helpers/wait';

let stack: Stack;
let client: Client;
let call: ServedStack['call'];

beforeAll(async () => {
  ({ stack, call, client } = await servedStack({ worker: false }));
  await stack.spawnWorker().ready;
});
afterAll(async () => stack?.close());

describe('Temporal server SIGKILLed during a burst of filings', () => {
  it('accepted filings end as one process each with a deadline; refused ones got 503 with Retry-After', async () => {
    const answers: Answer[] = [];
    let done = false;
    // Three clients filing one after another; the rate limit (600 a minute) stays far off.
    const lane = async () => {
      while (!done) {
        answers.push(await file(call));
        await sleep(100);
      }
    };
    const lanes = Promise.all([lane(), lane(), lane()]);
    const acceptedCount = () => answers.filter(accepted).length;
    try {
      await eventually(async () => expect(acceptedCount()).toBeGreaterThanOrEqual(15), 60_000);
      stack.server.child.kill('SIGKILL');
      const killedAt = Date.now();
      // Down long enough for every lane to be refused a few times.
      await sleep(3000);
      await stack.restartServer();
      console.info(
        `[faults] Temporal 服务器被 SIGKILL，${((Date.now() - killedAt) / 1000).toFixed(1)} 秒后重新应答 (TEMPORAL_SERVER_RESTARTED)`,
      );
      const acceptedAtRestart = acceptedCount();
      await eventually(async () => expect(acceptedCount()).toBeGreaterThanOrEqual(acceptedAtRestart + 15), 90_000);
    } finally {
      done = true;
      await lanes;
    }

    const refused = answers.filter((a) => a.status === 503);
    console.info(
      `[faults] 提交 ${answers.length} 件：受理 ${answers.filter(accepted).length}，拒绝 ${refused.length}（503），其他 ${answers.length - answers.filter(accepted).length - refused.length} (TEMPORAL_KILL_BURST)`,
    );
    expectAcceptedOrUnavailable(answers);
    expect(refused.length).toBeGreaterThan(0);
    const retries = await retryUntilAccepted(call, refused);
    expectAcceptedOrUnavailable(retries);
    await expectOneProcessEach(
      stack,
      client,
      answers.map((a) => a.requestId),
    );
    console.info(`[faults] ${answers.length} 件各有一个流程和期限，Temporal 中各一次运行 (TEMPORAL_KILL_PROCESSES)`);
  });
});
