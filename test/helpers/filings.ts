// Filings through the API while the engine is failing, and the check that none was lost or
// doubled: the Temporal-server fault tests (killed, its PostgreSQL down) share these.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from '@temporalio/client';
import { and, count, inArray, isNotNull } from 'drizzle-orm';
import { expect } from 'vitest';
import { corrections, processes } from '../../db/schema';
import { correctionWorkflowId } from '../../workflows/options';
import { correctionFiling } from './corrections';
import type { ServedStack, Stack } from './stack';
import { eventually } from './wait';

export interface Answer {
  requestId: string;
  status: number;
  code?: string;
  retryAfter: string | null;
  ms: number;
}

export const accepted = (a: Answer) => a.status === 201 || a.status === 200;

/** POST /v1/corrections as market staff; a new request id unless one is given (a client's retry). */
export async function file(call: ServedStack['call'], requestId?: string): Promise<Answer> {
  const filing = correctionFiling(requestId ? { requestId } : {});
  const started = Date.now();
  const res = await call('market-staff', 'POST', '/v1/corrections', filing);
  return {
    requestId: filing.requestId,
    status: res.status,
    code: res.body.code,
    retryAfter: res.headers.get('retry-after'),
    ms: Date.now() - started,
  };
}

/** Every answer is an acceptance or a 503 TEMPORAL_UNAVAILABLE with Retry-After: never a 500. */
export function expectAcceptedOrUnavailable(answers: Answer[]): void {
  expect(answers.filter((a) => !accepted(a) && a.status !== 503)).toEqual([]);
  for (const a of answers.filter((x) => x.status === 503)) expect(a).toMatchObject({ code: 'TEMPORAL_UNAVAILABLE', retryAfter: '5' });
}

/**
 * The clients of refused filings retry with their request ids, a second apart, until accepted:
 * the engine may answer again before all its history shards are back. Returns every retry's answer.
 */
export async function retryUntilAccepted(call: ServedStack['call'], refused: Answer[], timeoutMs = 60_000): Promise<Answer[]> {
  const until = Date.now() + timeoutMs;
  const answers: Answer[] = [];
  await Promise.all(
    refused.map(async ({ requestId }) => {
      for (;;) {
        const a = await file(call, requestId);
        answers.push(a);
        if (accepted(a) || Date.now() > until) return;
        await sleep(1000);
      }
    }),
  );
  return answers;
}

/** Every filing: one correction row, one registry row with its deadline, and one workflow run in Temporal's visibility. */
export async function expectOneProcessEach(stack: Stack, client: Client, requestIds: string[]): Promise<void> {
  const workflowIds = [...new Set(requestIds)].map(correctionWorkflowId);
  const db = stack.database.db;
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
  await eventually(async () => {
    const runs = new Map<string, number>();
    // correction runs only: the worker also opens the reporting year by itself in December and January
    for await (const w of client.workflow.list({ query: `TaskQueue = '${stack.env.taskQueue}' AND WorkflowType = 'correctionWorkflow'` })) {
      runs.set(w.workflowId, (runs.get(w.workflowId) ?? 0) + 1);
    }
    expect(runs.size).toBe(workflowIds.length);
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
  }, 60_000);
}

/**
 * A correction filed over HTTP and verified as corrected by market staff, its workflow completed:
 * a closed process with personal data in its history (ID number, name, summary, before/after).
 */
export async function closedCorrection(
  call: ServedStack['call'],
  client: Client,
  over: { subject?: { kind: 'person'; idNumber: string; name: string }; summary?: string; change?: { before: string; after: string } } = {},
): Promise<{ id: string; workflowId: string }> {
  const filed = await call('applicant', 'POST', '/v1/corrections', correctionFiling(over.subject ? { subject: over.subject } : {}));
  expect(filed.status).toBe(201);
  const { id, workflowId } = filed.body as { id: string; workflowId: string };
  await eventually(async () => expect((await call('market-staff', 'GET', `/v1/corrections/${id}`)).body.deadline).not.toBeNull());
  const done = await call('market-staff', 'POST', `/v1/corrections/${id}/verification`, {
    outcome: 'corrected',
    summary: over.summary ?? '已更正',
    changes: [{ item: '住所', ...(over.change ?? { before: '旧住所', after: '新住所' }) }],
  });
  expect(done).toMatchObject({ status: 200, body: { stage: 'completed' } });
  await client.workflow.getHandle(workflowId).result();
  return { id, workflowId };
}
