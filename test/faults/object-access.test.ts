// Fault: one department's users (and roles that read but may not work) act on another
// department's correction. SPEC §1: what the caller may not see is 404 (existence is not
// disclosed), what it sees but may not work is 403. Nothing changes: no timeline event, no
// Temporal history event, the workflow still open. The API offers no cancel operation; a
// made-up cancel URL is a 404 like any unknown route.
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processEvents } from '../../db/schema';
import { type ServedStack, servedStack, type Stack } from '../helpers/stack';
import { eventually } from '../helpers/wait';

let stack: Stack;
let client: Client;
let call: ServedStack['call'];

beforeAll(async () => {
  ({ stack, client, call } = await servedStack());
});
afterAll(async () => stack?.close());

describe("another department's correction", () => {
  it('is 404 to read or work for civil users, 403 to work for the reviewer, and nothing changes', async () => {
    const filed = await call('market-staff', 'POST', '/v1/corrections', {
      requestId: randomUUID(),
      departmentCode: 'market',
      resourceCode: 'MKT-001',
      dataItems: ['住所'],
      description: '住所有误',
      subject: { kind: 'organisation', idNumber: '91350100M000100Y43', name: '某某商贸有限公司' },
    });
    const { id, workflowId } = filed.body as { id: string; workflowId: string };
    await eventually(async () => expect((await call('market-staff', 'GET', `/v1/corrections/${id}`)).body.stage).toBe('verifying'));
    const events = async () =>
      (await stack.database.db.select({ n: count() }).from(processEvents).where(eq(processEvents.workflowId, workflowId)))[0]!.n;
    const handle = client.workflow.getHandle(workflowId);
    const historyLength = async () => (await handle.fetchHistory()).events!.length;
    const [eventsBefore, historyBefore] = [await events(), await historyLength()];

    const verification = { outcome: 'confirmed', summary: '越权登记', changes: [] };
    const attempts: [string, string, string, unknown, number][] = [
      ['civil-staff', 'GET', `/v1/corrections/${id}`, undefined, 404],
      ['civil-staff', 'POST', `/v1/corrections/${id}/extensions`, { days: 3, reason: '越权延期' }, 404],
      ['civil-head', 'POST', `/v1/corrections/${id}/extensions/decision`, { approve: true }, 404],
      ['civil-staff', 'POST', `/v1/corrections/${id}/verification`, verification, 404],
      ['civil-head', 'POST', `/v1/corrections/${id}/verification`, verification, 404],
      ['civil-staff', 'GET', `/v1/processes/${workflowId}`, undefined, 404],
      ['civil-staff', 'GET', `/v1/processes/${workflowId}/history`, undefined, 403],
      // The applicant filed nothing here: not theirs to see.
      ['applicant', 'GET', `/v1/corrections/${id}`, undefined, 404],
      ['applicant', 'POST', `/v1/corrections/${id}/verification`, verification, 403],
      // The reviewer reads every department but works none.
      ['reviewer', 'POST', `/v1/corrections/${id}/verification`, verification, 403],
      ['reviewer', 'POST', `/v1/corrections/${id}/extensions/decision`, { approve: true }, 403],
      ['civil-head', 'POST', `/v1/corrections/${id}/cancel`, {}, 404],
      ['civil-head', 'DELETE', `/v1/corrections/${id}`, undefined, 404],
    ];
    for (const [user, method, url, body, status] of attempts) {
      const res = await call(user, method, url, body);
      expect({ user, method, url, status: res.status }).toEqual({ user, method, url, status });
      expect(res.body.message, `${user} ${method} ${url}`).toMatch(/\S/);
    }
    // 404 answers do not tell "not yours" from "does not exist".
    const missing = await call('civil-staff', 'GET', '/v1/corrections/JZ20250101DEADBEEF');
    const foreign = await call('civil-staff', 'GET', `/v1/corrections/${id}`);
    expect(foreign.body).toEqual(missing.body);
    expect((await call('civil-staff', 'GET', '/v1/processes')).body.items.map((p: { workflowId: string }) => p.workflowId)).not.toContain(
      workflowId,
    );

    expect(await events()).toBe(eventsBefore);
    expect(await historyLength()).toBe(historyBefore);
    expect((await handle.describe()).status.name).toBe('RUNNING');
    // The owner still works it.
    expect(await call('market-staff', 'POST', `/v1/corrections/${id}/verification`, verification)).toMatchObject({ status: 200 });
  });
});
