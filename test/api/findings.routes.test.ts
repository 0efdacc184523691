// SPEC §3.6 through the API: the authority registers a 政务部门's conduct, the party files its
// statement (陈述申辩), the supervisor decides; others are refused. The engine's clock starts on
// Thursday 2025-09-25: the statement is due 5 working days later, Thursday 2025-10-09 (Sun 09-28
// worked, National Day 10-01..08 off).
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, processes, violations } from '../../db/schema';
import { findingWorkflowId } from '../../workflows/options';
import { apiStack, type ApiStack } from '../helpers/api';
import { seedProcess, seedViolation } from '../helpers/supervision';
import { eventually } from '../helpers/wait';

let api: ApiStack;

beforeAll(async () => {
  api = await apiStack('2025-09-25T10:00:00+08:00');
});
afterAll(async () => api?.close());

const filing = (over: Record<string, unknown> = {}) => ({
  departmentCode: 'market',
  kind: 'conduct_49_3',
  facts: '重复采集已可通过共享获取的企业登记信息',
  evidence: ['现场检查记录（2025-09-20）', '采集表样张.pdf'],
  basis: '《云阳县政务数据资源管理暂行办法》第四十九条(三)',
  ...over,
});

/** Registers a finding against market and waits until its statement period is counted. */
async function register(): Promise<number> {
  const res = await api.call('reviewer', 'POST', '/v1/findings', filing());
  expect(res.statusCode).toBe(201);
  const { id } = res.json();
  await eventually(async () => expect((await api.call('reviewer', 'GET', `/v1/findings/${id}`)).json().statementDue).toBe('2025-10-09'));
  return id;
}

describe('POST /v1/findings', () => {
  it('201: the authority registers 第四十九条(三) conduct; the finding, its process and the audit entry are written; the party is told', async () => {
    const res = await api.call('reviewer', 'POST', '/v1/findings', filing());
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      origin: 'registered',
      kind: 'conduct_49_3',
      kindLabel: '重复采集、多头采集可共享获取的政务数据资源',
      article: '第四十九条(三)',
      departmentCode: 'market',
      partyKind: 'department',
      supervisor: 'authority',
      findingClass: 'violation',
      status: 'notified',
      facts: '重复采集已可通过共享获取的企业登记信息',
      evidence: ['现场检查记录（2025-09-20）', '采集表样张.pdf'],
      statement: null,
      decision: null,
    });
    expect(body.caseId).toMatch(/^WG\d{8}[0-9A-F]{8}$/);
    expect(body.workflowId).toBe(`finding-${body.caseId}`);

    const read = await eventually(async () => {
      const r = (await api.call('market-staff', 'GET', `/v1/findings/${body.id}`)).json();
      expect(r.statementDue).toBe('2025-10-09');
      return r;
    });
    expect(read).toMatchObject({ notifiedOn: '2025-09-25', stage: 'statement_period', statusLabel: '已告知，陈述申辩期内' });

    const { db } = api.database;
    const [process] = await db.select().from(processes).where(eq(processes.workflowId, body.workflowId));
    expect(process).toMatchObject({ type: 'finding', departmentCode: 'market', subjectId: body.caseId, dueDate: '2025-10-09' });
    const audited = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'POST /v1/findings'), eq(auditLog.target, body.workflowId)));
    expect(audited.map((a) => [a.role, a.result])).toEqual([['authority_reviewer', '201']]);
    const inbox = (await api.call('market-staff', 'GET', '/v1/inbox')).json().items;
    expect(inbox.filter((i: { process: { workflowId: string } }) => i.process.workflowId === body.workflowId)).toMatchObject([
      { action: 'file_finding_statement' },
    ]);
  });

  it('400 for a bad body, an unknown kind or department; 422 against the authority, the county government or with blank facts; 403 for others', async () => {
    for (const body of [
      filing({ facts: undefined }),
      filing({ kind: 'conduct_49_8' }),
      filing({ kind: 'correction_overdue' }),
      filing({ evidence: [] }),
      filing({ extra: 1 }),
      filing({ basis: '' }),
    ]) {
      expect((await api.call('reviewer', 'POST', '/v1/findings', body)).json(), JSON.stringify(body)).toMatchObject({
        statusCode: 400,
        code: 'VALIDATION_FAILED',
      });
    }
    expect((await api.call('reviewer', 'POST', '/v1/findings', filing({ departmentCode: 'nowhere' }))).json()).toMatchObject({
      statusCode: 400,
      code: 'UNKNOWN_DEPARTMENT',
      message: '部门不存在',
    });
    for (const departmentCode of ['county-data', 'county-gov']) {
      expect((await api.call('reviewer', 'POST', '/v1/findings', filing({ departmentCode }))).json()).toMatchObject({
        statusCode: 422,
        code: 'FINDING_TARGET_NOT_DEPARTMENT',
        message: '只能对在用的政务部门登记违规行为，主管部门不对本部门或县人民政府登记',
      });
    }
    expect((await api.call('reviewer', 'POST', '/v1/findings', filing({ facts: '   ' }))).json()).toMatchObject({
      statusCode: 422,
      code: 'FINDING_FACTS_REQUIRED',
    });
    for (const user of ['market-head', 'county', 'auditor']) {
      expect((await api.call(user, 'POST', '/v1/findings', filing())).statusCode, user).toBe(403);
    }
    const written = await api.database.db.select().from(violations).where(eq(violations.kind, 'conduct_49_3'));
    expect(written.every((v) => v.departmentCode === 'market')).toBe(true);
  });
});

describe('GET /v1/findings/:id', () => {
  it('the party, the authority and auditors read it; another department and the county government get 404; unknown 404, malformed 400', async () => {
    const id = await register();
    for (const user of ['market-staff', 'market-head', 'reviewer', 'auditor']) {
      expect((await api.call(user, 'GET', `/v1/findings/${id}`)).statusCode, user).toBe(200);
    }
    for (const user of ['civil-staff', 'county']) {
      expect((await api.call(user, 'GET', `/v1/findings/${id}`)).json(), user).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    }
    expect((await api.call('reviewer', 'GET', '/v1/findings/999999')).statusCode).toBe(404);
    expect((await api.call('reviewer', 'GET', '/v1/findings/abc')).statusCode).toBe(400);
    expect((await api.call('market-staff', 'POST', '/v1/findings/999999/statement', { statement: '申辩' })).statusCode).toBe(404);
    expect((await api.call('reviewer', 'POST', '/v1/findings/999999/decision', { confirm: true, reason: '理由' })).statusCode).toBe(404);
  });
});

describe('POST /v1/findings/:id/statement and /decision', () => {
  it('the party states once (409 again), the authority annuls with a reason (409 again); refusals are Chinese with stable codes', async () => {
    const id = await register();
    const statement = (user: string, body: unknown) => api.call(user, 'POST', `/v1/findings/${id}/statement`, body);
    const decision = (user: string, body: unknown) => api.call(user, 'POST', `/v1/findings/${id}/decision`, body);

    expect((await decision('reviewer', { confirm: true, reason: '事实清楚' })).json()).toMatchObject({
      statusCode: 422,
      code: 'FINDING_DECISION_NOT_YET',
      message: '陈述申辩期届满或当事部门提出陈述申辩之前，不能作出认定',
    });
    expect((await statement('civil-staff', { statement: '申辩' })).statusCode).toBe(404);
    expect((await statement('reviewer', { statement: '代为申辩' })).json()).toMatchObject({
      statusCode: 403,
      code: 'NOT_FINDING_PARTY',
      message: '只有被认定违规的部门可以提出陈述申辩',
    });
    for (const body of [{}, { statement: '' }, { statement: '申辩', extra: 1 }]) {
      expect((await statement('market-staff', body)).statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await statement('market-staff', { statement: '   ' })).json()).toMatchObject({ statusCode: 422, code: 'STATEMENT_REQUIRED' });

    const stated = await statement('market-staff', { statement: '系系统对接前的历史数据，已停止采集' });
    expect(stated.statusCode).toBe(200);
    expect(stated.json()).toMatchObject({
      status: 'contested',
      stage: 'awaiting_finding_decision',
      statementDue: '2025-10-09',
      statement: { statement: '系系统对接前的历史数据，已停止采集' },
    });
    expect((await statement('market-head', { statement: '再次申辩' })).json()).toMatchObject({
      statusCode: 409,
      code: 'STATEMENT_ALREADY_FILED',
      message: '已提出过陈述申辩，不能再次提出',
    });

    for (const body of [{ confirm: false }, { confirm: false, reason: '' }, { confirm: 'no', reason: '理由' }]) {
      expect((await decision('reviewer', body)).statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await decision('reviewer', { confirm: false, reason: '  ' })).json()).toMatchObject({
      statusCode: 422,
      code: 'REASON_REQUIRED',
    });
    expect((await decision('county', { confirm: false, reason: '理由' })).statusCode).toBe(404);
    expect((await decision('market-head', { confirm: false, reason: '理由' })).statusCode).toBe(403);

    const decided = await decision('reviewer', { confirm: false, reason: '经核实为历史数据迁移，不构成重复采集' });
    expect(decided.statusCode).toBe(200);
    expect(decided.json()).toMatchObject({
      status: 'annulled',
      statusLabel: '已撤销',
      stage: 'finding_annulled',
      decision: { confirm: false, reason: '经核实为历史数据迁移，不构成重复采集', byLapse: false },
    });
    expect((await decision('reviewer', { confirm: true, reason: '改为认定' })).json()).toMatchObject({
      statusCode: 409,
      code: 'FINDING_ALREADY_DECIDED',
    });
    const [row] = await api.database.db.select().from(violations).where(eq(violations.id, id));
    expect(row?.status).toBe('annulled');
    const audited = await api.database.db.select().from(auditLog).where(eq(auditLog.action, 'POST /v1/findings/:id/decision'));
    expect(audited.map((a) => a.result)).toEqual(expect.arrayContaining(['422', '400', '404', '403', '200', '409']));
  });

  it('a finding against the authority: its reviewers state its case, the county government decides, the authority is refused (403)', async () => {
    const { db } = api.database;
    const source = await seedProcess(db, { type: 'catalog_update', departmentCode: 'market', due: '2025-09-24', level: 'overdue' });
    const id = await seedViolation(db, {
      workflowId: source,
      departmentCode: 'county-data',
      occurredAt: '2025-09-25T00:00:00+08:00',
      kind: 'catalog_review_overdue_1',
      article: '第十八条第二款',
      partyKind: 'authority',
      findingClass: 'timeliness',
      status: 'notified',
    });
    const { temporal, taskQueue } = api.app.deps;
    await temporal.workflow.start('findingWorkflow', {
      taskQueue,
      workflowId: findingWorkflowId(id),
      args: [
        {
          violationId: id,
          kind: 'catalog_review_overdue_1',
          article: '第十八条第二款',
          partyKind: 'authority',
          departmentCode: 'county-data',
          origin: 'automatic',
          provisional: false,
          sourceWorkflowId: source,
        },
      ],
    });
    await eventually(async () => expect((await api.call('county', 'GET', `/v1/findings/${id}`)).json().statementDue).toBe('2025-10-09'));
    expect((await api.call('market-staff', 'POST', `/v1/findings/${id}/statement`, { statement: '代为申辩' })).statusCode).toBe(404);
    const stated = await api.call('reviewer', 'POST', `/v1/findings/${id}/statement`, { statement: '申请材料不全，已退回补正' });
    expect(stated.json()).toMatchObject({ origin: 'automatic', status: 'contested', sourceWorkflowId: source });
    expect(
      (await api.call('reviewer', 'POST', `/v1/findings/${id}/decision`, { confirm: false, reason: '本部门无责' })).json(),
    ).toMatchObject({
      statusCode: 403,
      code: 'NOT_FINDING_DECIDER',
      message: '只有被认定方的监督主体可以认定或撤销该违规：主管部门不认定针对本部门的违规，由县人民政府认定',
    });
    const inbox = (await api.call('county', 'GET', '/v1/inbox')).json().items;
    expect(inbox.filter((i: { process: { workflowId: string } }) => i.process.workflowId === findingWorkflowId(id))).toMatchObject([
      { action: 'decide_finding' },
    ]);
    const decided = await api.call('county', 'POST', `/v1/findings/${id}/decision`, { confirm: true, reason: '补正不中止审核期限' });
    expect(decided.json()).toMatchObject({ status: 'confirmed', decision: { confirm: true, byLapse: false } });
  });

  it('409 for a finding recorded before findings had a workflow (confirmed by migration 0009)', async () => {
    const { db } = api.database;
    const source = await seedProcess(db, {
      departmentCode: 'market',
      due: '2025-09-01',
      status: 'closed',
      closedAt: '2025-09-05T10:00:00+08:00',
    });
    const id = await seedViolation(db, { workflowId: source, departmentCode: 'market', occurredAt: '2025-09-02T00:00:00+08:00' });
    expect((await api.call('market-staff', 'POST', `/v1/findings/${id}/statement`, { statement: '申辩' })).json()).toMatchObject({
      statusCode: 409,
      code: 'FINDING_ALREADY_DECIDED',
    });
    expect((await api.call('market-staff', 'GET', `/v1/findings/${id}`)).json()).toMatchObject({
      status: 'confirmed',
      origin: 'automatic',
      stage: null,
      workflowId: findingWorkflowId(id),
    });
  });
});
