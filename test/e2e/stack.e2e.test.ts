// The npm start shape end to end: the Temporal CLI dev server (SQLite file, WAL), the real
// database (PostgreSQL when TEST_DATABASE_URL is set, as in .ci/run), the worker and the API
// on real ports. HTTP → workflow → rows → the auditors' history endpoint.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../api/server';
import type { Database } from '../../db/client';
import { auditLog, corrections, processEvents, processes } from '../../db/schema';
import { readEnv } from '../../env';
import { registerSearchAttributes } from '../../scripts/search-attributes';
import { type DevServer, spawnDevServer } from '../../scripts/dev-server';
import { startWorker, type RunningWorker } from '../../worker';
import { testDatabase } from '../helpers/db';
import { TEMPORAL_CLI } from '../helpers/paths';
import { freePort } from '../helpers/ports';
import { eventually } from '../helpers/wait';

let dir: string;
let server: DevServer;
let database: Database;
let worker: RunningWorker;
let api: { url: string; close(): Promise<void> };

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'e2e-'));
  const [temporalPort, apiPort] = [await freePort(), await freePort()];
  server = spawnDevServer({ cli: TEMPORAL_CLI, port: temporalPort, dbFile: path.join(dir, 'dev.sqlite'), logFile: path.join(dir, 'dev.log') });
  const [connection, db] = await Promise.all([server.ready(), testDatabase()]);
  database = db;
  await registerSearchAttributes(connection, 'default');
  await connection.close();
  const env = readEnv({ TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`, TEMPORAL_TASK_QUEUE: `e2e-${randomUUID()}`, PORT: String(apiPort), LOG_LEVEL: 'warn' });
  worker = await startWorker(env, database);
  api = await startApi(env, database);
});

afterAll(async () => {
  await api?.close();
  await worker?.shutdown();
  await database?.close();
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

const call = async (user: string, method: string, url: string, body?: unknown) => {
  const res = await fetch(`${api.url}${url}`, {
    method,
    headers: { authorization: `Bearer demo-${user}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
};

describe('npm start stack', () => {
  it('a correction filed over HTTP runs in Temporal, lands in the database and reads back as history', async () => {
    expect((await fetch(`${api.url}/health`)).status).toBe(200);

    const filed = await call('applicant', 'POST', '/v1/corrections', {
      requestId: randomUUID(), departmentCode: 'civil', resourceCode: 'CIV-001', dataItems: ['姓名'], description: '姓名登记为错字',
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
      outcome: 'corrected', summary: '已更正', changes: [{ item: '姓名', before: '张叁', after: '张三' }],
    });
    expect(done).toMatchObject({ status: 200, body: { stage: 'completed', late: false } });

    const db = database.db;
    expect(await db.select().from(corrections).where(eq(corrections.id, id))).toEqual([expect.objectContaining({ outcome: 'corrected' })]);
    expect(await db.select().from(processes).where(eq(processes.workflowId, workflowId))).toEqual([expect.objectContaining({ status: 'closed', stage: 'completed' })]);
    expect((await db.select().from(processEvents).where(eq(processEvents.workflowId, workflowId))).map((e) => e.kind)).toEqual(['filed', 'verified']);

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
      expect.arrayContaining([expect.objectContaining({ action: 'POST /v1/corrections', result: '201' }), expect.objectContaining({ role: 'auditor', result: '200' })]),
    );
  });
});
