// 第四十七条 through the API: the 目录清单 checked at filing (an entry named as existing must be in
// the catalog, one named as new must not), who sees a project, 立项 refused without a passed
// review, the steps by role through to 验收 refused (422 naming the missing entry) and accepted.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogEntries, itProjects } from '../../db/schema';
import { eq } from 'drizzle-orm';
import { apiStack, type ApiStack, inboxTasksFor } from '../helpers/api';
import { eventually } from '../helpers/wait';

let api: ApiStack;
beforeAll(async () => {
  api = await apiStack();
});
afterAll(async () => api?.close());

const file = (username: string, catalogList: unknown[]) =>
  api.call(username, 'POST', '/v1/it-projects', { requestId: randomUUID(), name: '市场监管智慧监管平台', catalogList });
const MKT_001 = { code: 'MKT-001', name: '市场主体登记信息', isNew: false };
const MKT_030 = { code: 'MKT-030', name: '智慧监管检查记录', isNew: true };

/** The project's id once its workflow has registered it. */
async function filed(catalogList: unknown[]): Promise<string> {
  const res = await file('market-staff', catalogList);
  expect(res.statusCode).toBe(201);
  const { id } = res.json() as { id: string };
  await eventually(async () => expect((await api.call('market-staff', 'GET', `/v1/it-projects/${id}`)).json().stage).toBe('under_review'));
  return id;
}

describe('/v1/it-projects', () => {
  it('4xx naming the entries before anything is written', async () => {
    const before = (await api.database.db.select().from(itProjects)).length;
    const unknown = await file('market-staff', [{ ...MKT_001, code: 'MKT-099' }]);
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json()).toMatchObject({
      code: 'PROJECT_CATALOG_ENTRY_UNKNOWN',
      message: '以下目录条目不在县政务数据资源目录中，请核对代码或标注为新增：MKT-099',
    });
    expect((await file('market-staff', [{ ...MKT_001, isNew: true }])).json()).toMatchObject({
      statusCode: 422,
      code: 'PROJECT_CATALOG_ENTRY_EXISTS',
    });
    expect((await file('market-staff', [MKT_001, MKT_001])).json()).toMatchObject({
      statusCode: 400,
      code: 'PROJECT_CATALOG_LIST_DUPLICATE',
    });
    expect((await file('market-staff', [])).statusCode).toBe(400);
    expect((await file('dev-reform-staff', [MKT_001])).statusCode).toBe(403);
    expect(await api.database.db.select().from(itProjects)).toHaveLength(before);
  });

  it('a negative review ends the project: 立项 answers 422 PROJECT_REVIEW_NOT_PASSED', async () => {
    const id = await filed([MKT_001]);
    expect((await api.call('dev-reform-staff', 'POST', `/v1/it-projects/${id}/approval`, { approved: true })).json()).toMatchObject({
      statusCode: 409,
      code: 'PROJECT_REVIEW_MISSING',
    });
    const reviewed = await api.call('reviewer', 'POST', `/v1/it-projects/${id}/review`, {
      passed: false,
      opinion: '与已建系统重复，不符合集约建设要求',
    });
    expect(reviewed.json()).toEqual({ stage: 'project_stopped' });
    expect((await api.call('dev-reform-staff', 'POST', `/v1/it-projects/${id}/approval`, { approved: true })).json()).toMatchObject({
      statusCode: 422,
      code: 'PROJECT_REVIEW_NOT_PASSED',
    });
  });

  it('reviewed, approved, budgeted; 验收 422 while MKT-030 is missing, then accepted; seen by the approvers, not by another department', async () => {
    const id = await filed([MKT_001, MKT_030]);
    // The authority's inbox asks for the project's own task (评审评估), not a catalog review it shares a stage with.
    expect(await inboxTasksFor(api, 'reviewer', id)).toEqual(['review_it_project']);
    expect((await api.call('civil-staff', 'GET', `/v1/it-projects/${id}`)).statusCode).toBe(404);
    expect((await api.call('finance-staff', 'GET', '/v1/it-projects')).json().items.map((i: { id: string }) => i.id)).toContain(id);
    const view = (await api.call('dev-reform-staff', 'GET', `/v1/it-projects/${id}`)).json();
    expect(view).toMatchObject({
      departmentName: '县市场监督管理局',
      periods: { review: 15, approval: 20, funding: 20, basis: '本系统设置，非条例规定' },
    });

    expect((await api.call('finance-staff', 'POST', `/v1/it-projects/${id}/review`, { passed: true, opinion: '同意' })).statusCode).toBe(
      403,
    );
    expect((await api.call('reviewer', 'POST', `/v1/it-projects/${id}/review`, { passed: true, opinion: '同意' })).json()).toEqual({
      stage: 'project_approving',
    });
    expect((await api.call('dev-reform-staff', 'POST', `/v1/it-projects/${id}/approval`, { approved: true })).json()).toEqual({
      stage: 'project_funding',
    });
    expect((await api.call('finance-staff', 'POST', `/v1/it-projects/${id}/funding`, { budgeted: false })).json()).toMatchObject({
      statusCode: 422,
      code: 'REASON_REQUIRED',
    });
    expect((await api.call('finance-staff', 'POST', `/v1/it-projects/${id}/funding`, { budgeted: true })).json()).toEqual({
      stage: 'project_building',
    });

    const refused = await api.call('reviewer', 'POST', `/v1/it-projects/${id}/acceptance`, {});
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'PROJECT_CATALOG_INCOMPLETE', message: expect.stringContaining('：MKT-030') });

    const [base] = await api.database.db.select().from(catalogEntries).where(eq(catalogEntries.code, 'MKT-001'));
    await api.database.db.insert(catalogEntries).values({ ...base!, code: 'MKT-030', name: MKT_030.name });
    expect((await api.call('reviewer', 'POST', `/v1/it-projects/${id}/acceptance`, {})).json()).toEqual({ stage: 'completed' });
    const after = (await api.call('market-staff', 'GET', `/v1/it-projects/${id}`)).json();
    expect(after).toMatchObject({ stage: 'completed', refusedAcceptances: [{ missing: ['MKT-030'] }] });
    expect((await api.call('reviewer', 'POST', `/v1/it-projects/${id}/acceptance`, {})).json().code).toBe('PROCESS_CLOSED');
  });
});

describe('/v1/it-projects/settings: the authority’s periods (第四十七条 sets none)', () => {
  it('the authority sets them; a project filed afterwards counts with them, one filed before keeps its own', async () => {
    const before = await filed([MKT_001]);
    expect((await api.call('market-staff', 'PUT', '/v1/it-projects/settings', { review: 5, approval: 9, funding: 11 })).statusCode).toBe(
      403,
    );
    const refused = await api.call('reviewer', 'PUT', '/v1/it-projects/settings', { review: 0, approval: 9, funding: 11 });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: 'IT_PROJECT_PERIOD_RANGE', message: '政务信息化项目各环节办理期限应为 1–60 个工作日' });

    const set = await api.call('reviewer', 'PUT', '/v1/it-projects/settings', { review: 1, approval: 9, funding: 11 });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toEqual({ review: 1, approval: 9, funding: 11, basis: '本系统设置，非条例规定' });
    expect((await api.call('finance-staff', 'GET', '/v1/it-projects/settings')).json()).toEqual(set.json());

    const after = await filed([MKT_001]);
    const [oldView, newView] = await Promise.all(
      [before, after].map(async (id) => (await api.call('reviewer', 'GET', `/v1/it-projects/${id}`)).json()),
    );
    expect(oldView.periods).toMatchObject({ review: 15, approval: 20, funding: 20 });
    expect(newView.periods).toMatchObject({ review: 1, approval: 9, funding: 11 });
    // filed the same day: one working day for review ends before fifteen do
    expect(newView.deadline.due < oldView.deadline.due).toBe(true);
    const [row] = await api.database.db.select().from(itProjects).where(eq(itProjects.id, after));
    expect(row!.periods).toEqual({ review: 1, approval: 9, funding: 11 });
    // put back for the tests that follow in this file's stack
    await api.call('reviewer', 'PUT', '/v1/it-projects/settings', { review: 15, approval: 20, funding: 20 });
  });
});
