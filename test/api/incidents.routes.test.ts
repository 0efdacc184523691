// Issue 16: a process whose activity cannot succeed is an incident the admin sees, with the
// error and the retry or terminate action; never a silent loop. The failure is real: a trigger
// makes PostgreSQL refuse the registry row of these processes with a check violation (23514).
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processes } from '../../db/schema';
import { apiStack, type ApiStack } from '../helpers/api';
import { correctionFiling } from '../helpers/corrections';
import { refuseRegistryRows } from '../helpers/db';
import { eventually } from '../helpers/wait';

let api: ApiStack;
let refusal: Awaited<ReturnType<typeof refuseRegistryRows>>;
beforeAll(async () => {
  api = await apiStack();
  refusal = await refuseRegistryRows(api.database.db, 'correction-incident-');
});
afterAll(async () => api?.close());

interface Incident {
  id: number;
  workflowId: string;
  activityType: string;
  attempt: number;
  permanent: boolean;
  summary: string;
  error: string;
  status: string;
  statusLabel: string;
  closingReason: string | null;
}

async function failingProcess(): Promise<Incident> {
  const filing = correctionFiling({ requestId: `incident-${randomUUID()}` });
  expect((await api.call('market-staff', 'POST', '/v1/corrections', filing)).statusCode).toBe(201);
  const workflowId = `correction-${filing.requestId}`;
  return eventually(async () => {
    const items = (await api.call('admin', 'GET', '/v1/incidents?status=open')).json().items as Incident[];
    const found = items.find((i) => i.workflowId === workflowId);
    expect(found).toBeDefined();
    return found!;
  });
}

describe('incidents of failing activities', () => {
  it('a permanent database refusal is an incident from its first attempt, in Chinese, with the database’s own error beside it', async () => {
    const incident = await failingProcess();
    expect(incident).toMatchObject({
      activityType: 'registerProcess',
      permanent: true,
      status: 'open',
      statusLabel: '待处理',
      closingReason: null,
    });
    expect(incident.summary).toMatch(/^违反数据完整性约束，重试无效（已尝试 \d+ 次）/);
    expect(incident.error).toContain('test: registry row refused');
    // the auditor reads it; departments and applicants do not
    expect((await api.call('auditor', 'GET', '/v1/incidents')).statusCode).toBe(200);
    for (const user of ['market-staff', 'reviewer', 'applicant'])
      expect((await api.call(user, 'GET', '/v1/incidents')).statusCode, user).toBe(403);
    expect((await api.call('auditor', 'POST', `/v1/incidents/${incident.id}/termination`, { reason: '审计' })).statusCode).toBe(403);
  });

  it('terminating needs a reason, ends the workflow and closes the incident once; 404 for an unknown one', async () => {
    const incident = await failingProcess();
    const blank = await api.call('admin', 'POST', `/v1/incidents/${incident.id}/termination`, { reason: '   ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json()).toMatchObject({ code: 'REASON_REQUIRED', message: '必须说明终止理由' });

    const done = await api.call('admin', 'POST', `/v1/incidents/${incident.id}/termination`, { reason: '登记数据无法修复，另行受理' });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'terminated', statusLabel: '已终止流程', closingReason: '登记数据无法修复，另行受理' });
    const described = await api.app.deps.temporal.workflow.getHandle(incident.workflowId).describe();
    expect(described.status.name).toBe('TERMINATED');

    const again = await api.call('admin', 'POST', `/v1/incidents/${incident.id}/termination`, { reason: '再次' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'INCIDENT_CLOSED', message: '该故障事件已终止流程，不能再操作' });
    expect((await api.call('admin', 'POST', '/v1/incidents/999999/termination', { reason: 'x' })).statusCode).toBe(404);
  });

  it('retry on an engine without the activity API says so in Chinese; the automatic retries go on (test/e2e/incident-retry.e2e.test.ts retries on the dev server)', async () => {
    const incident = await failingProcess();
    const res = await api.call('admin', 'POST', `/v1/incidents/${incident.id}/retry`);
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ code: 'RETRY_UNAVAILABLE' });
    expect((await api.call('market-staff', 'POST', `/v1/incidents/${incident.id}/retry`)).statusCode).toBe(403);
  });

  it('once the cause is removed the next attempt succeeds: the incident resolves and the process is registered', async () => {
    const incident = await failingProcess();
    await refusal.lift();
    try {
      await eventually(async () => {
        const items = (await api.call('admin', 'GET', '/v1/incidents?status=resolved')).json().items as Incident[];
        expect(items.map((i) => i.id)).toContain(incident.id);
      }, 60_000);
      expect(await api.database.db.select().from(processes).where(eq(processes.workflowId, incident.workflowId))).toHaveLength(1);
    } finally {
      await refusal.restore();
    }
  });
});
