// Fault: the Temporal server process dies (SIGKILL) in the middle of a burst of filings through
// the API and is started again on the same data. Every filing the API accepted (201/200) ends as
// exactly one process with its deadline; every one it refused got 503 TEMPORAL_UNAVAILABLE with
// Retry-After, never a 500; a refused one retried with its request id ends as one process too.
// The real server on PostgreSQL in the production-shape round (TEST_TEMPORAL=server), the dev
// server on its SQLite file in the fault round.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from '@temporalio/client';
import { and, count, inArray, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corrections, processes } from '../../db/schema';
import { correctionWorkflowId } from '../../workflows/options';
import { correctionFiling } from '../helpers/corrections';
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

interface Answer {
  requestId: string;
  status: number;
  code?: string;
  retryAfter: string | null;
}

describe('Temporal server SIGKILLed during a burst of filings', () => {
  it('accepted filings end as one process each with a deadline; refused ones got 503 with Retry-After', async () => {
    const answers: Answer[] = [];
    let done = false;
    // Three clients filing one after another; the rate limit (600 a minute) stays far off.
    const lane = async () => {
      while (!done) {
        const filing = correctionFiling();
        const res = await call('market-staff', 'POST', '/v1/corrections', filing);
        answers.push({ requestId: filing.requestId, status: res.status, code: res.body.code, retryAfter: res.headers.get('retry-after') });
        await sleep(100);
      }
    };
    const lanes = Promise.all([lane(), lane(), lane()]);
    const accepted = () => answers.filter((a) => a.status === 201 || a.status === 200);
    try {
      await eventually(async () => expect(accepted().length).toBeGreaterThanOrEqual(15), 60_000);
      stack.server.child.kill('SIGKILL');
      const killedAt = Date.now();
      const beforeKill = answers.length;
      // Down long enough for every lane to be refused a few times.
      await sleep(3000);
      await stack.restartServer();
      console.info(
        `[faults] Temporal 服务器被 SIGKILL，${((Date.now() - killedAt) / 1000).toFixed(1)} 秒后重新应答 (TEMPORAL_SERVER_RESTARTED)`,
      );
      const acceptedAtRestart = accepted().length;
      await eventually(async () => expect(accepted().length).toBeGreaterThanOrEqual(acceptedAtRestart + 15), 90_000);
      expect(answers.length).toBeGreaterThan(beforeKill);
    } finally {
      done = true;
      await lanes;
    }

    const refused = answers.filter((a) => a.status === 503);
    const ok = accepted();
    console.info(
      `[faults] 提交 ${answers.length} 件：受理 ${ok.length}，拒绝 ${refused.length}（503），其他 ${answers.length - ok.length - refused.length} (TEMPORAL_KILL_BURST)`,
    );
    expect(answers.filter((a) => a.status !== 503 && a.status !== 201 && a.status !== 200)).toEqual([]);
    expect(refused.length).toBeGreaterThan(0);
    for (const a of refused) expect(a).toMatchObject({ code: 'TEMPORAL_UNAVAILABLE', retryAfter: '5' });

    // The clients retry the refused filings with their request ids once the engine answers.
    const retried = await Promise.all(
      refused.map((a) => call('market-staff', 'POST', '/v1/corrections', correctionFiling({ requestId: a.requestId }))),
    );
    expect(retried.map((r) => r.status)).toEqual(refused.map(() => 200));

    const workflowIds = answers.map((a) => correctionWorkflowId(a.requestId));
    const db = stack.database.db;
    // Every filing: one correction row and one registry row with its deadline (the registration activity ran once).
    await eventually(async () => {
      const [withDeadline] = await db
        .select({ n: count() })
        .from(processes)
        .where(and(inArray(processes.workflowId, workflowIds), isNotNull(processes.dueDate), isNotNull(processes.endsAt)));
      expect(withDeadline!.n).toBe(workflowIds.length);
    }, 120_000);
    expect(await db.select({ n: count() }).from(corrections).where(inArray(corrections.workflowId, workflowIds))).toEqual([
      { n: workflowIds.length },
    ]);
    // And exactly one workflow run per filing in Temporal's own records (visibility).
    await eventually(async () => {
      const runs = new Map<string, number>();
      for await (const w of client.workflow.list({ query: `TaskQueue = '${stack.env.taskQueue}'` })) {
        runs.set(w.workflowId, (runs.get(w.workflowId) ?? 0) + 1);
      }
      expect(runs.size).toBe(workflowIds.length);
      expect([...runs.values()].every((n) => n === 1)).toBe(true);
    }, 60_000);
    console.info(`[faults] ${workflowIds.length} 件各有一个流程和期限，Temporal 中各一次运行 (TEMPORAL_KILL_PROCESSES)`);
  });
});
