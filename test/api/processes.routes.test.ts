import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSealedHeads } from '../../workflows/messages';
import { auditLog } from '../../db/schema';
import { apiStack, type ApiStack } from '../helpers/api';
import { eventually } from '../helpers/wait';

let api: ApiStack;
let marketProcess: string;
let civilProcess: string;

async function file(department: string, resource: string, item: string): Promise<string> {
  const res = await api.call('applicant', 'POST', '/v1/corrections', {
    requestId: randomUUID(),
    departmentCode: department,
    resourceCode: resource,
    dataItems: [item],
    description: '数据有误',
    subject: { kind: 'person', idNumber: '11010519491231002X', name: '张三' },
  });
  expect(res.statusCode).toBe(201);
  const { workflowId } = res.json() as { workflowId: string };
  await eventually(async () => expect((await api.call('reviewer', 'GET', `/v1/processes/${workflowId}`)).statusCode).toBe(200));
  return workflowId;
}

beforeAll(async () => {
  api = await apiStack();
  marketProcess = await file('market', 'MKT-001', '住所');
  civilProcess = await file('civil', 'CIV-001', '姓名');
});
afterAll(async () => api?.close());

const ids = (res: { json(): { items: { workflowId?: string; process?: { workflowId: string } }[] } }) =>
  res.json().items.map((i) => i.workflowId ?? i.process!.workflowId);

describe('GET /v1/processes', () => {
  it('401 without a token; 403 for roles with no business there', async () => {
    expect((await api.call(null, 'GET', '/v1/processes')).statusCode).toBe(401);
    expect((await api.call('county', 'GET', '/v1/processes')).statusCode).toBe(403);
    expect((await api.call('admin', 'GET', '/v1/processes')).statusCode).toBe(403);
  });

  it('a department sees only its own processes, even when it asks for another', async () => {
    expect(ids(await api.call('market-staff', 'GET', '/v1/processes'))).toEqual([marketProcess]);
    expect(ids(await api.call('market-staff', 'GET', '/v1/processes?departmentCode=civil'))).toEqual([]);
    expect(ids(await api.call('civil-head', 'GET', '/v1/processes'))).toEqual([civilProcess]);
  });

  it('the authority and auditors see all; filters and paging apply; the applicant sees its filings', async () => {
    expect(ids(await api.call('reviewer', 'GET', '/v1/processes')).sort()).toEqual([civilProcess, marketProcess].sort());
    expect(ids(await api.call('auditor', 'GET', '/v1/processes?departmentCode=civil&type=correction&status=open&level=normal'))).toEqual([
      civilProcess,
    ]);
    expect(ids(await api.call('auditor', 'GET', '/v1/processes?level=overdue'))).toEqual([]);
    expect((await api.call('auditor', 'GET', '/v1/processes?limit=1')).json().items).toHaveLength(1);
    expect(ids(await api.call('applicant', 'GET', '/v1/processes')).sort()).toEqual([civilProcess, marketProcess].sort());
  });

  it('400 for unknown filters and bad values', async () => {
    expect((await api.call('auditor', 'GET', '/v1/processes?colour=red')).json()).toMatchObject({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
    });
    expect((await api.call('auditor', 'GET', '/v1/processes?level=purple')).statusCode).toBe(400);
    expect((await api.call('auditor', 'GET', '/v1/processes?limit=100000')).statusCode).toBe(400);
  });

  it('filters by each of the seven process types and by stage; 400 for a type or stage not in the vocabulary', async () => {
    for (const type of ['correction', 'catalog_update', 'rectification', 'annual_report', 'sharing_request', 'sharing_dispute', 'conflict'])
      expect((await api.call('auditor', 'GET', `/v1/processes?type=${type}`)).statusCode, type).toBe(200);
    expect(ids(await api.call('auditor', 'GET', '/v1/processes?type=catalog_update'))).toEqual([]);
    expect(ids(await api.call('auditor', 'GET', '/v1/processes?stage=verifying')).sort()).toEqual([civilProcess, marketProcess].sort());
    expect((await api.call('auditor', 'GET', '/v1/processes?type=sharing')).statusCode).toBe(400);
    expect((await api.call('auditor', 'GET', '/v1/processes?type=calendar_change')).statusCode).toBe(400);
    expect((await api.call('auditor', 'GET', '/v1/processes?stage=waiting')).statusCode).toBe(400);
    expect((await api.call('auditor', 'GET', '/v1/deadlines?type=sharing')).statusCode).toBe(400);
  });
});

describe('GET /v1/processes/:id and /history', () => {
  it('the timeline shows who acted (id and name), the deadline with its calendar version; other departments get 404', async () => {
    const res = await api.call('market-head', 'GET', `/v1/processes/${marketProcess}`);
    expect(res.statusCode).toBe(200);
    const [filed] = res.json().timeline;
    expect(filed).toMatchObject({
      kind: 'filed',
      actorRole: 'applicant',
      actorName: '申请人 张三',
      detail: { deadline: { calendarVersion: expect.stringMatching(/^chinese-days@/) } },
    });
    expect((await api.call('civil-staff', 'GET', `/v1/processes/${marketProcess}`)).statusCode).toBe(404);
    expect((await api.call('auditor', 'GET', '/v1/processes/correction-nope')).statusCode).toBe(404);
  });

  it('only auditors read the full history: timeline joined with the Temporal events; the read is audited', async () => {
    expect((await api.call('reviewer', 'GET', `/v1/processes/${marketProcess}/history`)).statusCode).toBe(403);
    expect((await api.call('market-head', 'GET', `/v1/processes/${marketProcess}/history`)).statusCode).toBe(403);
    const res = await api.call('auditor', 'GET', `/v1/processes/${marketProcess}/history`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.timeline[0]).toMatchObject({ kind: 'filed', actorName: '申请人 张三' });
    expect(body.temporalHistory.events[0]).toMatchObject({ eventId: '1', eventType: 'EVENT_TYPE_WORKFLOW_EXECUTION_STARTED' });
    expect(body.temporalHistory.events.map((e: { eventType: string }) => e.eventType)).toContain('EVENT_TYPE_ACTIVITY_TASK_COMPLETED');
    const reads = await api.database.db.select().from(auditLog).where(eq(auditLog.target, marketProcess));
    expect(reads).toContainEqual(expect.objectContaining({ role: 'auditor', action: 'GET /v1/processes/:id/history', result: '200' }));
  });
});

describe('GET /v1/inbox', () => {
  it('staff see what to verify in their own department; roles without work see nothing', async () => {
    const staff = await api.call('market-staff', 'GET', '/v1/inbox');
    expect(staff.json().items).toEqual([
      expect.objectContaining({ action: 'verify', process: expect.objectContaining({ workflowId: marketProcess, level: 'normal' }) }),
    ]);
    expect((await api.call('auditor', 'GET', '/v1/inbox')).json().items).toEqual([]);
    expect((await api.call(null, 'GET', '/v1/inbox')).statusCode).toBe(401);
  });
});

describe('GET /v1/audit/verify', () => {
  it('holds for the log as written; an edited entry is named; the log refuses UPDATE and DELETE', async () => {
    expect((await api.call('market-staff', 'GET', '/v1/audit/verify')).statusCode).toBe(403);
    const ok = await api.call('auditor', 'GET', '/v1/audit/verify');
    expect(ok.json()).toMatchObject({ ok: true });
    expect(ok.json().entries).toBeGreaterThan(2);

    const db = api.database.db;
    await expect(db.update(auditLog).set({ result: '200' }).where(eq(auditLog.id, 1))).rejects.toThrow();
    await expect(db.delete(auditLog).where(eq(auditLog.id, 1))).rejects.toThrow();

    // The seal workflow gives the entries their leaves and signs a head over them (SPEC §5).
    const { temporal, taskQueue } = api.app.deps;
    const seal = await temporal.workflow.start('auditSealWorkflow', {
      taskQueue,
      workflowId: `audit-seal-processes-${process.pid}`,
      args: [{ interval: '1 day' }],
    });
    await eventually(async () => expect(await seal.query(getSealedHeads)).toHaveLength(1));
    await seal.terminate('test over');
    // Someone with the table owner's rights switches the guard off and rewrites entry 2.
    await db.execute('alter table audit_log disable trigger audit_log_append_only');
    await db.update(auditLog).set({ result: '403' }).where(eq(auditLog.id, 2));
    await db.execute('alter table audit_log enable trigger audit_log_append_only');
    const broken = (await api.call('auditor', 'GET', '/v1/audit/verify')).json();
    expect(broken.ok).toBe(false);
    // entries are sequenced in id order from leaf 0: entry 2 is leaf 1
    expect(broken.problems).toEqual([{ reason: 'ENTRY_EDITED', message: '审计记录内容被修改', firstSeq: 1, count: 1 }]);
  });
});
