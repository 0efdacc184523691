// The database unreachable for 30 s: the API answers 503 with Retry-After at once, readiness
// fails while liveness passes, and a step that was under way when it went finishes once it
// is back — written once, nothing partial. On a PostgreSQL server of this test's own.
import { WorkflowUpdateStage } from '@temporalio/client';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corrections, processEvents, processes } from '../../db/schema';
import { recordVerification } from '../../workflows/messages';
import { actorOf } from '../helpers/actors';
import { type PrivatePostgres, privatePostgres } from '../helpers/private-postgres';
import { type ServedStack, servedStack } from '../helpers/stack';
import { eventually } from '../helpers/wait';
import { correctionFiling } from '../helpers/corrections';

let pg: PrivatePostgres;
let served: ServedStack;

beforeAll(async () => {
  pg = await privatePostgres();
  // This file's own server: testDatabase() (in the stack) creates its database there.
  process.env.TEST_DATABASE_URL = pg.url;
  served = await servedStack();
});
afterAll(async () => {
  await served?.stack.close();
  await pg?.destroy();
});

describe('database unreachable for 30 s', () => {
  it('503 with Retry-After while it is down; the step under way finishes once, after it is back', async () => {
    const { call, client } = served;
    const db = served.stack.database.db;
    const filed = await call('applicant', 'POST', '/v1/corrections', correctionFiling());
    expect(filed.status).toBe(201);
    const { id, workflowId } = filed.body as { id: string; workflowId: string };
    await eventually(async () => expect((await call('market-staff', 'GET', `/v1/corrections/${id}`)).body.deadline).not.toBeNull());
    const staff = await actorOf(db, 'market-staff');

    pg.stop();
    const downAt = Date.now();
    const started = Date.now();
    const refused = await call('market-staff', 'GET', `/v1/corrections/${id}`);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(refused).toMatchObject({ status: 503, body: { code: 'DATABASE_UNAVAILABLE' } });
    expect(refused.headers.get('retry-after')).toBe('5');
    expect((await call(null, 'GET', '/health')).body).toMatchObject({ database: { ok: false }, temporal: { ok: true } });
    expect((await call(null, 'GET', '/health/live')).status).toBe(200);

    // The step under way: the workflow accepts the result, its activity cannot write and retries.
    const update = await client.workflow.getHandle(workflowId).startUpdate(recordVerification, {
      args: [{ actor: staff, outcome: 'confirmed', summary: '经核实无误', changes: [] }],
      waitForStage: WorkflowUpdateStage.ACCEPTED,
    });
    await new Promise((r) => setTimeout(r, Math.max(0, 30_000 - (Date.now() - downAt))));
    pg.start();

    const state = await update.result();
    expect(state.stage).toBe('completed');
    await eventually(async () => expect((await call('market-staff', 'GET', `/v1/corrections/${id}`)).status).toBe(200));
    expect(await db.select().from(corrections).where(eq(corrections.id, id))).toEqual([expect.objectContaining({ outcome: 'confirmed' })]);
    expect((await db.select().from(processEvents).where(eq(processEvents.workflowId, workflowId))).map((e) => e.kind)).toEqual([
      'filed',
      'verified',
    ]);
    expect(await db.select().from(processes).where(eq(processes.workflowId, workflowId))).toEqual([
      expect.objectContaining({ status: 'closed' }),
    ]);
    expect((await call(null, 'GET', '/health')).status).toBe(200);
  });
});
