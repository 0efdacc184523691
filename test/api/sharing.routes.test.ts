// 第二十六条, 第二十九条 to 第三十二条 through the API: requests answered by sharing type, the
// provider's decision, disputes up to the county government, grants read (audited) and
// revoked, conflicts; and who sees what — a third department sees nothing of it.
import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../db/repositories/identity.repo';
import { apiTokens, auditLog, catalogEntries, departments, sharingGrants, users } from '../../db/schema';
import { DEMO_CATALOG } from '../../db/seed';
import { apiStack, type ApiStack } from '../helpers/api';
import { eventually } from '../helpers/wait';

let api: ApiStack;
const TAX_TOKEN = 'test-tax-staff-token';

beforeAll(async () => {
  api = await apiStack();
  const { db } = api.database;
  // A third department, and a not_shared resource of the civil department.
  await db.insert(departments).values({ code: 'tax', name: '县税务局', kind: 'department' });
  const [u] = await db
    .insert(users)
    .values({ username: 'tax-staff', displayName: '税务局 科员', role: 'department_staff', departmentCode: 'tax' })
    .returning();
  await db.insert(apiTokens).values({ tokenHash: hashToken(TAX_TOKEN), userId: u!.id, label: 'test' });
  await db.insert(catalogEntries).values({
    ...DEMO_CATALOG[2]!,
    code: 'CIV-009',
    name: '收养登记信息',
    sharingType: 'not_shared',
    sharingBasis: '《中华人民共和国收养法》保密规定',
    dataItems: ['收养人', '被收养人'],
  });
});
afterAll(async () => api?.close());

const asTax = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
  api.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${TAX_TOKEN}` },
    ...(payload !== undefined && { payload: payload as object }),
  });

const ask = (username: string, resourceCode: string, dataItems: string[], over: Record<string, unknown> = {}) =>
  api.call(username, 'POST', '/v1/sharing/requests', {
    requestId: randomUUID(),
    resourceCode,
    dataItems,
    purpose: '社会组织登记审查',
    duty: '社会组织登记管理',
    ...over,
  });

describe('POST /v1/sharing/requests', () => {
  it('400 for each rule: own resource, unknown items, unknown entry, blank purpose, repeated items, unknown field', async () => {
    const code = async (res: Promise<{ json(): { code: string; statusCode: number } }>) => (await res).json();
    expect(await code(ask('market-staff', 'MKT-002', ['处罚类别']))).toMatchObject({ statusCode: 400, code: 'SHARING_OWN_RESOURCE' });
    expect(await code(ask('civil-staff', 'MKT-002', ['身高']))).toMatchObject({ statusCode: 400, code: 'SHARING_ITEMS_UNKNOWN' });
    expect(await code(ask('civil-staff', 'NOPE-1', ['名称']))).toMatchObject({ statusCode: 400, code: 'CATALOG_ENTRY_UNKNOWN' });
    expect(await code(ask('civil-staff', 'MKT-002', ['处罚类别'], { purpose: '   ' }))).toMatchObject({
      statusCode: 400,
      code: 'SHARING_PURPOSE_REQUIRED',
    });
    expect(await code(ask('civil-staff', 'MKT-002', ['处罚类别', '处罚类别']))).toMatchObject({
      statusCode: 400,
      code: 'DATA_ITEMS_DUPLICATE',
    });
    expect(await code(ask('civil-staff', 'MKT-002', ['处罚类别'], { duty: undefined }))).toMatchObject({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
    });
    expect(await code(ask('civil-staff', 'MKT-002', ['处罚类别'], { extra: 1 }))).toMatchObject({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
    });
  });

  it('unconditional: 201 granted at once with a grant row; the same requestId again is 200 with the same request', async () => {
    const requestId = randomUUID();
    const res = await ask('civil-staff', 'MKT-001', ['统一社会信用代码', '名称'], { requestId });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      status: 'granted',
      workflowId: null,
      providerDepartment: 'market',
      grant: { dataItems: ['统一社会信用代码', '名称'], source: 'unconditional', revokedAt: null },
    });
    const again = await ask('civil-staff', 'MKT-001', ['名称'], { requestId });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(res.json().id);
  });

  it('not_shared: 201 refused citing the basis, no grant', async () => {
    const res = await ask('market-staff', 'CIV-009', ['收养人']);
    expect(res.json()).toMatchObject({ status: 'refused', reason: '该资源不予共享，依据：《中华人民共和国收养法》保密规定', grant: null });
  });
});

describe("conditional requests, the authority's period, the provider's decision", () => {
  it('the authority sets 7 working days (1–20; 400 otherwise, 403 for departments); a request then waits for the provider with that deadline', async () => {
    expect((await api.call('market-head', 'PUT', '/v1/sharing/settings', { decisionWorkingDays: 7 })).statusCode).toBe(403);
    for (const decisionWorkingDays of [0, 21]) {
      expect((await api.call('reviewer', 'PUT', '/v1/sharing/settings', { decisionWorkingDays })).json()).toMatchObject({
        statusCode: 400,
        code: 'SHARING_DEADLINE_RANGE',
        message: '共享申请答复期限应为 1–20 个工作日',
      });
    }
    expect((await api.call('civil-staff', 'GET', '/v1/sharing/settings')).json()).toEqual({ decisionWorkingDays: 5 });
    expect((await api.call('reviewer', 'PUT', '/v1/sharing/settings', { decisionWorkingDays: 7 })).json()).toEqual({
      decisionWorkingDays: 7,
    });

    const res = await ask('civil-staff', 'MKT-002', ['统一社会信用代码', '处罚类别']);
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ status: 'pending', workflowId: `sharing-request-${created.id}` });
    const { db } = api.database;
    await eventually(async () =>
      expect((await api.call('civil-staff', 'GET', `/v1/sharing/requests/${created.id}`)).json().deadline).not.toBeNull(),
    );
    const row = await db.query.sharingRequests.findFirst({ where: (t, { eq: is }) => is(t.id, created.id) });
    expect(row?.decisionWorkingDays).toBe(7);

    // The provider's inbox; the requester is refused with 403, a third department sees nothing.
    const inbox = (await api.call('market-staff', 'GET', '/v1/inbox')).json().items;
    expect(inbox).toContainEqual(
      expect.objectContaining({ action: 'decide_sharing_request', process: expect.objectContaining({ workflowId: created.workflowId }) }),
    );
    expect(
      (await api.call('civil-staff', 'POST', `/v1/sharing/requests/${created.id}/decision`, { decision: 'approve' })).json(),
    ).toMatchObject({ statusCode: 403, code: 'NOT_PROVIDER' });
    expect((await asTax('POST', `/v1/sharing/requests/${created.id}/decision`, { decision: 'approve' })).statusCode).toBe(404);
    expect((await asTax('GET', `/v1/sharing/requests/${created.id}`)).statusCode).toBe(404);
    expect((await asTax('GET', '/v1/sharing/requests')).json().items).toEqual([]);
    expect((await api.call('county', 'GET', `/v1/sharing/requests/${created.id}`)).statusCode).toBe(403);

    expect(
      (
        await api.call('market-staff', 'POST', `/v1/sharing/requests/${created.id}/decision`, {
          decision: 'approve_in_part',
          dataItems: ['处罚日期'],
        })
      ).json(),
    ).toMatchObject({ statusCode: 422, code: 'SHARING_PARTIAL_ITEMS' });
    const decided = await api.call('market-staff', 'POST', `/v1/sharing/requests/${created.id}/decision`, {
      decision: 'approve_in_part',
      dataItems: ['处罚类别'],
    });
    expect(decided.statusCode).toBe(200);
    expect(decided.json()).toMatchObject({
      status: 'granted_in_part',
      decidedLate: false,
      grant: { dataItems: ['处罚类别'], source: 'provider' },
    });
    expect(
      (await api.call('market-staff', 'POST', `/v1/sharing/requests/${created.id}/decision`, { decision: 'approve' })).json(),
    ).toMatchObject({ statusCode: 409, code: 'PROCESS_CLOSED' });

    // SPEC §3.7: a partial grant is disputed like a refusal; the authority widens it; only it may revoke the ordered grant.
    const filed = await api.call('civil-staff', 'POST', `/v1/sharing/requests/${created.id}/dispute`, {
      grounds: '审查需要统一社会信用代码',
    });
    expect(filed.statusCode).toBe(201);
    const dispute = filed.json();
    await eventually(async () =>
      expect((await api.call('reviewer', 'GET', `/v1/sharing/disputes/${dispute.id}`)).json().deadline).not.toBeNull(),
    );
    expect(
      (
        await api.call('reviewer', 'POST', `/v1/sharing/disputes/${dispute.id}/decision`, {
          outcome: 'overturned',
          dataItems: ['统一社会信用代码'],
          reason: '缩小',
        })
      ).json(),
    ).toMatchObject({ statusCode: 422, code: 'DISPUTE_ITEMS_NARROWER' });
    const overturned = await api.call('reviewer', 'POST', `/v1/sharing/disputes/${dispute.id}/decision`, {
      outcome: 'overturned',
      reason: '登记审查需要核验信用代码',
    });
    expect(overturned.json()).toMatchObject({ status: 'overturned', decidedRole: 'authority_reviewer' });
    const { grant } = (await api.call('civil-staff', 'GET', `/v1/sharing/requests/${created.id}`)).json();
    expect(grant).toMatchObject({ source: 'dispute', orderedRole: 'authority_reviewer', dataItems: ['统一社会信用代码', '处罚类别'] });
    const byProvider = await api.call('market-head', 'POST', `/v1/sharing/grants/${grant.id}/revocation`, { reason: '不再提供' });
    expect(byProvider.statusCode).toBe(403);
    expect(byProvider.json()).toMatchObject({ code: 'GRANT_ORDERED_BY_DISPUTE', message: expect.stringContaining('只能由主管部门撤销') });
    expect((await db.select().from(sharingGrants).where(eq(sharingGrants.id, grant.id)))[0]?.revokedAt).toBeNull();
  });
});

describe('grants: reads of shared data are audited; revocation stops them', () => {
  it('the requester reads (200, audited with requester, purpose and grant); the provider revokes; the next read is 403 and logged too', async () => {
    const created = (await ask('civil-head', 'MKT-001', ['名称', '住所'], { purpose: '养老机构设立审查' })).json();
    const grantId = created.grant.id as string;
    const url = `/v1/sharing/grants/${grantId}/data`;

    const read = await api.call('civil-staff', 'GET', url);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({
      dataItems: ['名称', '住所'],
      entry: { code: 'MKT-001', name: '市场主体登记信息', departmentCode: 'market' },
      grant: { id: grantId },
    });
    expect((await api.call('market-staff', 'GET', url)).json()).toMatchObject({ statusCode: 403, code: 'NOT_REQUESTER' });
    expect((await asTax('GET', url)).statusCode).toBe(404);

    expect((await api.call('civil-staff', 'POST', `/v1/sharing/grants/${grantId}/revocation`, { reason: '不要了' })).json()).toMatchObject({
      statusCode: 403,
      code: 'NOT_PROVIDER',
    });
    const revoked = await api.call('market-head', 'POST', `/v1/sharing/grants/${grantId}/revocation`, { reason: '用途已完成' });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ revokeReason: '用途已完成' });
    expect((await api.call('reviewer', 'POST', `/v1/sharing/grants/${grantId}/revocation`, { reason: '再撤' })).json()).toMatchObject({
      statusCode: 409,
      code: 'GRANT_ALREADY_REVOKED',
    });

    expect((await api.call('civil-staff', 'GET', url)).json()).toMatchObject({ statusCode: 403, code: 'GRANT_REVOKED' });
    const [grant] = await api.database.db.select().from(sharingGrants).where(eq(sharingGrants.id, grantId));
    expect(grant?.revokedAt).not.toBeNull();

    const reads = await api.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.target, grantId), eq(auditLog.action, 'READ_SHARED_DATA')))
      .orderBy(asc(auditLog.id));
    expect(reads.map((r) => [r.departmentCode, r.result, r.detail?.code ?? null])).toEqual([
      ['civil', '200', null],
      ['market', '403', 'NOT_REQUESTER'],
      ['civil', '403', 'GRANT_REVOKED'],
    ]);
    expect(reads[0]?.detail).toMatchObject({
      grantId,
      requesterDepartment: 'civil',
      purpose: '养老机构设立审查',
      resourceCode: 'MKT-001',
      dataItems: ['名称', '住所'],
    });
    expect((await api.call('auditor', 'GET', '/v1/audit/verify')).json()).toMatchObject({ ok: true });
  });
});

describe('disputes (第三十二条): the county government sees only what is referred to it', () => {
  it('a refusal disputed by the requester (201, once); the authority refers it; the county government overturns it: a grant', async () => {
    const refused = (await ask('market-staff', 'CIV-009', ['收养人', '被收养人'])).json();
    expect(
      (await api.call('civil-staff', 'POST', `/v1/sharing/requests/${refused.id}/dispute`, { grounds: '本部门提供' })).json(),
    ).toMatchObject({ statusCode: 403, code: 'NOT_REQUESTER' });
    const filed = await api.call('market-staff', 'POST', `/v1/sharing/requests/${refused.id}/dispute`, {
      grounds: '市场主体登记需核验收养关系',
    });
    expect(filed.statusCode).toBe(201);
    const dispute = filed.json();
    expect(dispute).toMatchObject({
      status: 'dispute_coordinating',
      owner: 'authority_reviewer',
      requesterDepartment: 'market',
      providerDepartment: 'civil',
    });
    expect(
      (await api.call('market-staff', 'POST', `/v1/sharing/requests/${refused.id}/dispute`, { grounds: '再次' })).json(),
    ).toMatchObject({ statusCode: 409, code: 'DISPUTE_EXISTS' });

    await eventually(async () =>
      expect((await api.call('reviewer', 'GET', '/v1/inbox')).json().items).toContainEqual(
        expect.objectContaining({ action: 'coordinate_sharing_dispute' }),
      ),
    );
    expect((await api.call('county', 'GET', `/v1/sharing/disputes/${dispute.id}`)).statusCode).toBe(404);
    expect((await api.call('county', 'GET', '/v1/sharing/disputes')).json().items).toEqual([]);
    expect(
      (await api.call('county', 'POST', `/v1/sharing/disputes/${dispute.id}/decision`, { outcome: 'overturned', reason: '应共享' }))
        .statusCode,
    ).toBe(404);
    expect((await asTax('GET', `/v1/sharing/disputes/${dispute.id}`)).statusCode).toBe(404);

    const referred = await api.call('reviewer', 'POST', `/v1/sharing/disputes/${dispute.id}/referral`, {
      reason: '涉及法律适用，报请县政府决定',
    });
    expect(referred.json()).toMatchObject({ status: 'dispute_referred', owner: 'county_government' });
    expect((await api.call('county', 'GET', '/v1/sharing/disputes')).json().items.map((d: { id: string }) => d.id)).toEqual([dispute.id]);
    expect((await api.call('county', 'GET', '/v1/inbox')).json().items).toContainEqual(
      expect.objectContaining({ action: 'decide_sharing_dispute' }),
    );
    expect(
      (await api.call('reviewer', 'POST', `/v1/sharing/disputes/${dispute.id}/decision`, { outcome: 'upheld', reason: '维持' })).json(),
    ).toMatchObject({ statusCode: 403, code: 'FORBIDDEN_ROLE_STEP' });

    const decided = await api.call('county', 'POST', `/v1/sharing/disputes/${dispute.id}/decision`, {
      outcome: 'overturned',
      dataItems: ['收养人'],
      reason: '核验所需，限定数据项共享',
    });
    expect(decided.json()).toMatchObject({ status: 'overturned', decidedRole: 'county_government', owner: null });
    expect((await api.call('market-staff', 'GET', `/v1/sharing/requests/${refused.id}`)).json()).toMatchObject({
      status: 'refused',
      disputeId: dispute.id,
      grant: { source: 'dispute', dataItems: ['收养人'] },
    });
    expect(
      (await api.call('county', 'POST', `/v1/sharing/disputes/${dispute.id}/decision`, { outcome: 'upheld', reason: '改' })).json(),
    ).toMatchObject({ statusCode: 409, code: 'PROCESS_CLOSED' });

    // SPEC §3.7: the county government ordered this grant; the provider and the authority may not revoke it, the county government may.
    const { grant } = (await api.call('market-staff', 'GET', `/v1/sharing/requests/${refused.id}`)).json();
    for (const who of ['civil-staff', 'reviewer']) {
      const res = await api.call(who, 'POST', `/v1/sharing/grants/${grant.id}/revocation`, { reason: '不再提供' });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ code: 'GRANT_ORDERED_BY_DISPUTE', message: expect.stringContaining('只能由县人民政府撤销') });
    }
    const revoked = await api.call('county', 'POST', `/v1/sharing/grants/${grant.id}/revocation`, { reason: '核验已完成' });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ orderedRole: 'county_government', revokeReason: '核验已完成' });
    expect(revoked.json().revokedAt).not.toBeNull();
  });
});

describe('conflicts (第二十六条)', () => {
  it('opened by a department concerned; only the departments concerned see it; positions until all agree close it', async () => {
    const body = {
      requestId: randomUUID(),
      departments: ['market', 'civil'],
      resources: [{ code: 'MKT-001', dataItems: ['住所'] }],
      description: '同一社会组织住所不一致',
    };
    expect((await asTax('POST', '/v1/conflicts', { ...body, requestId: randomUUID() })).json()).toMatchObject({
      statusCode: 403,
      code: 'FORBIDDEN_DEPARTMENT',
    });
    expect(
      (await api.call('market-staff', 'POST', '/v1/conflicts', { ...body, requestId: randomUUID(), departments: ['market'] })).json(),
    ).toMatchObject({ statusCode: 400, code: 'CONFLICT_DEPARTMENTS' });
    expect(
      (
        await api.call('market-staff', 'POST', '/v1/conflicts', {
          ...body,
          requestId: randomUUID(),
          resources: [{ code: 'MKT-001', dataItems: ['身高'] }],
        })
      ).json(),
    ).toMatchObject({ statusCode: 400, code: 'CONFLICT_RESOURCES' });
    const res = await api.call('market-staff', 'POST', '/v1/conflicts', body);
    expect(res.statusCode).toBe(201);
    const conflict = res.json();
    expect(conflict).toMatchObject({ status: 'conflict_negotiating', departments: ['market', 'civil'], positions: [] });
    expect((await api.call('market-staff', 'POST', '/v1/conflicts', body)).statusCode).toBe(200);

    expect((await asTax('GET', `/v1/conflicts/${conflict.id}`)).statusCode).toBe(404);
    expect((await asTax('GET', '/v1/conflicts')).json().items).toEqual([]);
    await eventually(async () =>
      expect((await api.call('civil-staff', 'GET', '/v1/inbox')).json().items).toContainEqual(
        expect.objectContaining({ action: 'record_conflict_position' }),
      ),
    );
    expect(
      (await api.call('reviewer', 'POST', `/v1/conflicts/${conflict.id}/decision`, { decision: '以市场监管为准' })).json(),
    ).toMatchObject({ statusCode: 409, code: 'CONFLICT_STAGE' });

    await api.call('civil-staff', 'POST', `/v1/conflicts/${conflict.id}/positions`, { position: '同意以市场监管登记为准', agrees: true });
    expect((await api.call('civil-staff', 'GET', '/v1/inbox')).json().items).not.toContainEqual(
      expect.objectContaining({ action: 'record_conflict_position' }),
    );
    const closed = await api.call('market-head', 'POST', `/v1/conflicts/${conflict.id}/positions`, {
      position: '以本局登记为准',
      agrees: true,
    });
    expect(closed.json()).toMatchObject({
      status: 'agreed',
      positions: [
        { departmentCode: 'civil', agrees: true },
        { departmentCode: 'market', agrees: true },
      ],
    });
    expect(
      (await api.call('civil-staff', 'POST', `/v1/conflicts/${conflict.id}/positions`, { position: '改主意', agrees: false })).json(),
    ).toMatchObject({ statusCode: 409, code: 'PROCESS_CLOSED' });
  });
});
