// The npm start shape end to end: the Temporal CLI dev server (SQLite file, WAL), the real
// database (PostgreSQL when TEST_DATABASE_URL is set, as in .ci/run), the worker and the API
// on real ports. HTTP → workflow → rows → the auditors' history endpoint.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, corrections, processEvents, processes } from '../../db/schema';
import { type ServedStack, servedStack, type Stack } from '../helpers/stack';
import { eventually } from '../helpers/wait';

let stack: Stack;
let call: ServedStack['call'];

beforeAll(async () => {
  ({ stack, call } = await servedStack());
});

afterAll(async () => stack?.close());

describe('npm start stack', () => {
  it('a correction filed over HTTP runs in Temporal, lands in the database and reads back as history', async () => {
    expect((await call(null, 'GET', '/health')).status).toBe(200);

    const filed = await call('applicant', 'POST', '/v1/corrections', {
      requestId: randomUUID(),
      departmentCode: 'civil',
      resourceCode: 'CIV-001',
      dataItems: ['姓名'],
      description: '姓名登记为错字',
      subject: { kind: 'person', idNumber: '11010519491231002X', name: '张三' },
    });
    expect(filed.status).toBe(201);
    const { id, workflowId } = filed.body as { id: string; workflowId: string };

    const state = await eventually(async () => {
      const res = await call('civil-staff', 'GET', `/v1/corrections/${id}`);
      expect(res.body.deadline).not.toBeNull();
      return res.body;
    });
    expect(state).toMatchObject({ stage: 'verifying', level: 'normal', deadline: { provisional: expect.any(Boolean) } });

    const done = await call('civil-staff', 'POST', `/v1/corrections/${id}/verification`, {
      outcome: 'corrected',
      summary: '已更正',
      changes: [{ item: '姓名', before: '张叁', after: '张三' }],
    });
    expect(done).toMatchObject({ status: 200, body: { stage: 'completed', late: false } });

    const db = stack.database.db;
    expect(await db.select().from(corrections).where(eq(corrections.id, id))).toEqual([expect.objectContaining({ outcome: 'corrected' })]);
    expect(await db.select().from(processes).where(eq(processes.workflowId, workflowId))).toEqual([
      expect.objectContaining({ status: 'closed', stage: 'completed' }),
    ]);
    expect((await db.select().from(processEvents).where(eq(processEvents.workflowId, workflowId))).map((e) => e.kind)).toEqual([
      'filed',
      'verified',
    ]);

    const history = await call('auditor', 'GET', `/v1/processes/${workflowId}/history`);
    expect(history.status).toBe(200);
    const types = history.body.temporalHistory.events.map((e: { eventType: string }) => e.eventType);
    expect(types[0]).toBe('EVENT_TYPE_WORKFLOW_EXECUTION_STARTED');
    expect(types).toContain('EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED');
    await eventually(async () => {
      const closed = await call('auditor', 'GET', `/v1/processes/${workflowId}/history`);
      expect(closed.body.temporalHistory.events.at(-1).eventType).toBe('EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED');
    });
    expect(await db.select().from(auditLog).where(eq(auditLog.target, workflowId))).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'POST /v1/corrections', result: '201' }),
        expect.objectContaining({ role: 'auditor', result: '200' }),
      ]),
    );
  });
});
