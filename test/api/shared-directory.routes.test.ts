// 第三十一条 through the API: the authority publishes the 共享目录 with catalog version 1 (the
// demo county's three entries: MKT-001, MKT-002 of 县市场监督管理局, CIV-001 of 县民政局); every
// department then sees every department's published entries — metadata, never data — but not
// an entry added since (unpublished) nor one withdrawn since; and a request started from an
// entry runs to a grant whose data the requester reads.
import { createHash, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, catalogEntries, directoryPublications } from '../../db/schema';
import { DEMO_CATALOG } from '../../db/seed';
import { apiStack, type ApiStack } from '../helpers/api';
import { eventually } from '../helpers/wait';

let api: ApiStack;
beforeAll(async () => {
  api = await apiStack();
});
afterAll(async () => api?.close());

const codesOf = (res: { json(): { items: { code: string }[] } }) => res.json().items.map((i) => i.code);

describe('the 共享目录 (第三十一条)', () => {
  it('is empty until the authority publishes it; only the authority publishes, once per version', async () => {
    expect((await api.call('civil-staff', 'GET', '/v1/shared-directory')).json()).toEqual({ published: null, total: 0, items: [] });
    expect((await api.call('civil-staff', 'POST', '/v1/shared-directory/publications', {})).statusCode).toBe(403);
    expect((await api.call('reviewer', 'POST', '/v1/shared-directory/publications', { catalogVersion: 2 })).json()).toMatchObject({
      statusCode: 400,
      code: 'CATALOG_VERSION_UNKNOWN',
    });

    const published = await api.call('reviewer', 'POST', '/v1/shared-directory/publications', {});
    expect(published.statusCode).toBe(201);
    expect(published.json()).toMatchObject({ catalogVersion: 1, entryCount: 3 });
    expect((await api.call('reviewer', 'POST', '/v1/shared-directory/publications', { catalogVersion: 1 })).json()).toMatchObject({
      statusCode: 409,
      code: 'DIRECTORY_ALREADY_PUBLISHED',
    });
    expect(await api.database.db.select().from(directoryPublications)).toHaveLength(1);
    const [audited] = await api.database.db.select().from(auditLog).where(eq(auditLog.target, 'shared-directory-v1'));
    expect(audited).toMatchObject({ result: '201' });
  });

  it('a department sees every department’s published entries, metadata only; never an unpublished or a withdrawn one', async () => {
    const { db } = api.database;
    // Added to the catalog after the publication: not in the 共享目录 until the next one.
    await db.insert(catalogEntries).values({ ...DEMO_CATALOG[0]!, code: 'MKT-900', name: '未发布的资源', catalogVersion: 2 });
    // Withdrawn after the publication.
    await db.update(catalogEntries).set({ status: 'withdrawn' }).where(eq(catalogEntries.code, 'CIV-001'));

    const res = await api.call('civil-staff', 'GET', '/v1/shared-directory');
    expect(res.statusCode).toBe(200);
    expect(res.json().published).toMatchObject({ catalogVersion: 1 });
    expect(codesOf(res)).toEqual(['MKT-001', 'MKT-002']);
    const mkt2 = res.json().items[1];
    expect(mkt2).toEqual({
      code: 'MKT-002',
      name: '行政处罚信息',
      departmentCode: 'market',
      departmentName: '县市场监督管理局',
      dataItems: ['统一社会信用代码', '处罚决定书文号', '处罚类别', '处罚日期'],
      summary: '市场监管领域行政处罚决定',
      sharingType: 'conditional',
      sharingBasis: '《优化营商环境条例》第五十三条',
      sharingMethod: '共享交换平台接口',
      updateCycle: '每周',
      updateFrequency: '每周',
      usageRequirements: '仅用于履行行政管理职能',
      encodingFormat: 'JSON（UTF-8）',
    });

    expect((await api.call('civil-staff', 'GET', '/v1/shared-directory/entries/MKT-900')).statusCode).toBe(404);
    expect((await api.call('market-staff', 'GET', '/v1/shared-directory/entries/CIV-001')).statusCode).toBe(404);
    expect((await api.call('civil-staff', 'GET', '/v1/shared-directory/entries/MKT-001')).json()).toMatchObject({
      name: '市场主体登记信息',
      departmentName: '县市场监督管理局',
    });
    // The department's own catalog listing still answers 404 for another's entry.
    expect((await api.call('civil-staff', 'GET', '/v1/catalog/entries/MKT-001')).statusCode).toBe(404);
    await db.update(catalogEntries).set({ status: 'active' }).where(eq(catalogEntries.code, 'CIV-001'));
  });

  it('searches by words, department and sharing type; 400 for an unknown sharing type', async () => {
    const get = (qs: string) => api.call('civil-staff', 'GET', `/v1/shared-directory?${qs}`);
    expect(codesOf(await get(`q=${encodeURIComponent('处罚 日期')}`))).toEqual(['MKT-002']);
    expect(codesOf(await get(`q=${encodeURIComponent('公民身份号码')}`))).toEqual(['CIV-001']);
    expect(codesOf(await get('departmentCode=civil'))).toEqual(['CIV-001']);
    expect(codesOf(await get('sharingType=unconditional'))).toEqual(['MKT-001']);
    expect((await get('sharingType=open')).statusCode).toBe(400);
    const page = (await get('limit=1&offset=1')).json();
    expect(page.total).toBe(3);
    // by code: CIV-001, MKT-001, MKT-002; the second page of one
    expect(page.items.map((i: { code: string }) => i.code)).toEqual(['MKT-001']);
  });

  it('a request started from an entry: civil asks for MKT-002 as the directory shows it, market grants it, civil reads through the grant', async () => {
    const entry = (await api.call('civil-staff', 'GET', '/v1/shared-directory/entries/MKT-002')).json();
    const asked = await api.call('civil-staff', 'POST', '/v1/sharing/requests', {
      requestId: randomUUID(),
      resourceCode: entry.code,
      dataItems: entry.dataItems.slice(0, 2),
      purpose: '社会组织登记审查',
      duty: '社会组织登记管理（《社会团体登记管理条例》）',
    });
    expect(asked.statusCode).toBe(201);
    const request = asked.json();
    expect(request).toMatchObject({ status: 'pending', providerDepartment: 'market', resourceCode: 'MKT-002' });
    await eventually(async () =>
      expect((await api.call('market-staff', 'GET', `/v1/sharing/requests/${request.id}`)).json().deadline).not.toBeNull(),
    );
    const decided = await api.call('market-staff', 'POST', `/v1/sharing/requests/${request.id}/decision`, { decision: 'approve' });
    expect(decided.json()).toMatchObject({ status: 'granted', grant: { dataItems: ['统一社会信用代码', '处罚决定书文号'] } });
    const read = await api.call('civil-staff', 'GET', `/v1/sharing/grants/${decided.json().grant.id}/data`);
    expect(read.statusCode).toBe(200);
  });
});

describe('demands (需求清单) against the 共享目录 (SPEC §3.7)', () => {
  const demand = async (body: Record<string, unknown>) => {
    const res = await api.call('civil-staff', 'POST', '/v1/catalog/demands', {
      purpose: '社会组织登记审查',
      duty: '社会组织登记管理（《社会团体登记管理条例》）',
      ...body,
    });
    expect(res.statusCode).toBe(201);
    return res.json();
  };

  it('a matched demand becomes a sharing request in one step, once; an unmatched one is listed for the authority', async () => {
    const matched = await demand({
      providerDepartmentCode: 'market',
      name: '行政处罚信息',
      dataItems: ['处罚类别', '处罚日期', '执行情况'],
    });
    expect(matched.matches).toEqual([{ code: 'MKT-002', name: '行政处罚信息', departmentName: '县市场监督管理局' }]);
    const unmatched = await demand({ name: '不动产登记信息', dataItems: ['不动产单元号'] });
    expect(unmatched.matches).toEqual([]);

    const listed = (await api.call('reviewer', 'GET', '/v1/catalog/demands/unmatched')).json().items.map((d: { id: number }) => d.id);
    expect(listed).toContain(unmatched.id);
    expect(listed).not.toContain(matched.id);
    expect((await api.call('civil-staff', 'GET', '/v1/catalog/demands/unmatched')).statusCode).toBe(403);

    const url = `/v1/catalog/demands/${matched.id}/sharing-request`;
    expect((await api.call('civil-staff', 'POST', url, { requestId: randomUUID(), resourceCode: 'MKT-001' })).json()).toMatchObject({
      statusCode: 422,
      code: 'DEMAND_NOT_MATCHED',
    });
    expect((await api.call('market-staff', 'POST', url, { requestId: randomUUID(), resourceCode: 'MKT-002' })).statusCode).toBe(404);

    const requestId = randomUUID();
    const made = await api.call('civil-staff', 'POST', url, { requestId, resourceCode: 'MKT-002' });
    expect(made.statusCode).toBe(201);
    // the demand's items MKT-002 holds (执行情况 it does not), with the demand's purpose and duty
    expect(made.json()).toMatchObject({
      status: 'pending',
      resourceCode: 'MKT-002',
      requesterDepartment: 'civil',
      providerDepartment: 'market',
      dataItems: ['处罚类别', '处罚日期'],
      purpose: '社会组织登记审查',
    });
    const again = await api.call('civil-staff', 'POST', url, { requestId, resourceCode: 'MKT-002' });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(made.json().id);
    expect((await api.call('civil-staff', 'POST', url, { requestId: randomUUID(), resourceCode: 'MKT-002' })).json()).toMatchObject({
      statusCode: 409,
      code: 'DEMAND_ALREADY_REQUESTED',
    });
    const own = (await api.call('civil-staff', 'GET', '/v1/catalog/demands')).json().items;
    expect(own.find((d: { id: number }) => d.id === matched.id)).toMatchObject({ sharingRequestId: made.json().id });
  });
});

describe('the report to the city (第十六条)', () => {
  it('records the catalog version, day, who and the SHA-256 of each file as downloaded; audited; departments may not', async () => {
    const download = async (list: string) => {
      const res = await api.call('reviewer', 'GET', `/v1/catalog/export/${list}?format=csv`);
      expect(res.statusCode).toBe(200);
      return { digest: createHash('sha256').update(res.rawPayload).digest('hex'), lines: res.body.trim().split('\n').length };
    };
    const [catalog, demands] = [await download('catalog'), await download('demand')];
    // header + MKT-001, MKT-002, CIV-001 and the unpublished-but-active MKT-900; header + the two demands above
    expect([catalog.lines, demands.lines]).toEqual([5, 3]);

    expect((await api.call('civil-head', 'POST', '/v1/catalog/city-submissions', {})).statusCode).toBe(403);
    const res = await api.call('reviewer', 'POST', '/v1/catalog/city-submissions', { note: '2026 年度报送' });
    expect(res.statusCode).toBe(201);
    const reviewer = (await api.call('reviewer', 'GET', '/v1/me')).json();
    expect(res.json()).toMatchObject({
      catalogVersion: 1,
      submittedBy: reviewer.userId,
      catalogDigest: catalog.digest,
      catalogRows: 4,
      demandDigest: demands.digest,
      demandRows: 2,
      note: '2026 年度报送',
    });
    expect(res.json().submittedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const [audited] = await api.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.target, `city-submission-${res.json().id}`));
    expect(audited).toMatchObject({ result: '201' });
    expect((await api.call('auditor', 'GET', '/v1/catalog/city-submissions')).json().items).toHaveLength(1);
  });
});
