// Fault: the same filing sent 20 times at once (a double-click, a client retrying on timeout).
// The request id is the idempotency key: one correction row, one workflow, one answer.
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corrections, processEvents, processes } from '../../db/schema';
import { type ServedStack, servedStack, type Stack } from '../helpers/stack';
import { eventually } from '../helpers/wait';

let stack: Stack;
let client: Client;
let call: ServedStack['call'];

beforeAll(async () => {
  ({ stack, client, call } = await servedStack());
});
afterAll(async () => stack?.close());

describe('POST /v1/corrections × 20 with one requestId', () => {
  it('makes one row and one workflow, and every caller gets the same id and workflowId', async () => {
    const requestId = randomUUID();
    const body = {
      requestId,
      departmentCode: 'market',
      resourceCode: 'MKT-001',
      dataItems: ['住所'],
      description: '住所有误',
      subject: { kind: 'organisation', idNumber: '91350100M000100Y43', name: '某某商贸有限公司' },
      agent: { authorisation: '某某商贸有限公司授权委托书' },
    };
    const answers = await Promise.all(Array.from({ length: 20 }, () => call('applicant', 'POST', '/v1/corrections', body)));

    // The first insert wins (201, created: true); the other 19 find its row (200, created: false).
    expect(answers.map((a) => a.status).sort()).toEqual([...Array(19).fill(200), 201]);
    expect(answers.filter((a) => a.body.created)).toHaveLength(1);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(new Set(answers.map((a) => a.body.workflowId)).size).toBe(1);
    const { id, workflowId } = answers[0]!.body as { id: string; workflowId: string };

    const db = stack.database.db;
    expect(await db.select().from(corrections).where(eq(corrections.requestId, requestId))).toHaveLength(1);
    // One execution in Temporal, started once.
    const runs = [];
    for await (const run of client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) runs.push(run);
    expect(runs).toHaveLength(1);
    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    expect(history.events!.filter((e) => e.workflowExecutionStartedEventAttributes)).toHaveLength(1);
    // The workflow registers itself once.
    await eventually(async () => {
      expect(await db.select().from(processes).where(eq(processes.workflowId, workflowId))).toHaveLength(1);
      expect((await db.select().from(processEvents).where(eq(processEvents.workflowId, workflowId))).map((e) => e.kind)).toEqual(['filed']);
    });
    expect((await call('applicant', 'GET', `/v1/corrections/${id}`)).body).toMatchObject({ id, workflowId, stage: 'verifying' });
  });
});
