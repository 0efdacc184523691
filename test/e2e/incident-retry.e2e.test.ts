// Issue 16 on the dev server, which has Temporal's activity API: an activity that keeps failing
// is an incident; once the cause is removed, the admin's retry runs it at once rather than at the
// next backoff (by the fifth attempt the next automatic one is at least 16 seconds away).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { correctionFiling } from '../helpers/corrections';
import { refuseRegistryRows } from '../helpers/db';
import { type ServedStack, servedStack, type Stack } from '../helpers/stack';
import { eventually } from '../helpers/wait';

let stack: Stack;
let call: ServedStack['call'];
let refusal: Awaited<ReturnType<typeof refuseRegistryRows>>;

beforeAll(async () => {
  ({ stack, call } = await servedStack());
  refusal = await refuseRegistryRows(stack.database.db, 'correction-retry-');
});
afterAll(async () => stack?.close());

describe('an incident retried by the admin', () => {
  it('runs the failed activity again at once: the incident resolves and the process is registered', async () => {
    const filing = correctionFiling({ requestId: `retry-${randomUUID()}` });
    expect((await call('market-staff', 'POST', '/v1/corrections', filing)).status).toBe(201);
    const workflowId = `correction-${filing.requestId}`;
    const incident = await eventually(async () => {
      const items = (await call('admin', 'GET', '/v1/incidents?status=open')).body.items as {
        id: number;
        workflowId: string;
        attempt: number;
      }[];
      const found = items.find((i) => i.workflowId === workflowId);
      expect(found?.attempt).toBeGreaterThanOrEqual(5);
      return found!;
    }, 60_000);

    await refusal.lift();
    const retried = Date.now();
    expect((await call('admin', 'POST', `/v1/incidents/${incident.id}/retry`)).status).toBe(202);
    await eventually(async () => {
      const items = (await call('admin', 'GET', '/v1/incidents?status=resolved')).body.items as { id: number }[];
      expect(items.map((i) => i.id)).toContain(incident.id);
    }, 15_000);
    expect(Date.now() - retried).toBeLessThan(12_000);
    expect((await call('market-staff', 'GET', `/v1/processes/${workflowId}`)).status).toBe(200);
  }, 120_000);
});
