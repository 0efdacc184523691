// 第十五条 to 第十八条 through the API: registering a change, applying, reviewing, reading the
// catalog, its versions, diff and responsibility lists; demand lists and the exports.
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditForTarget } from '../../db/repositories/audit.repo';
import { auditLog, catalogEntries, processSettings } from '../../db/schema';
import { beijingDate } from '../../domain/working-days';
import { apiStack, type ApiStack } from '../helpers/api';
import { addEntry, changeEntry, seededMetadata } from '../helpers/catalog';
import { eventually } from '../helpers/wait';

let api: ApiStack;
const today = beijingDate(Date.now());

const registration = (over: Record<string, unknown> = {}) => ({
  requestId: randomUUID(),
  trigger: 'functions_changed',
  changeDate: today,
  legalBasis: '县政府机构改革方案',
  description: '划入食品经营许可职能',
  ...over,
});

/** Registers a change and waits until its workflow has counted the deadline. */
async function register(username = 'market-staff', over: Record<string, unknown> = {}) {
  const res = await api.call(username, 'POST', '/v1/catalog/changes', registration(over));
  expect(res.statusCode).toBe(201);
  const body = res.json() as { id: string; workflowId: string };
  await eventually(async () =>
    expect((await api.call('reviewer', 'GET', `/v1/catalog/changes/${body.id}`)).json().deadline).not.toBeNull(),
  );
  return body;
}

const apply = (id: string, changes: unknown[], username = 'market-staff') =>
  api.call(username, 'POST', `/v1/catalog/changes/${id}/applications`, { changes });
const review = (id: string, body: unknown, username = 'reviewer') => api.call(username, 'POST', `/v1/catalog/changes/${id}/review`, body);

let change: { id: string; workflowId: string };

beforeAll(async () => {
  api = await apiStack();
  change = await register();
});
afterAll(async () => api?.close());

describe('POST /v1/catalog/changes', () => {
  it('401 without a token; 403 for roles that do not register changes', async () => {
    expect((await api.call(null, 'POST', '/v1/catalog/changes', registration())).statusCode).toBe(401);
    for (const user of ['auditor', 'county', 'applicant', 'admin']) {
      expect((await api.call(user, 'POST', '/v1/catalog/changes', registration())).json()).toMatchObject({
        statusCode: 403,
        code: 'FORBIDDEN_ROLE',
      });
    }
  });

  it('201 starts one process for the own department; the same request id again answers 200 with the same process', async () => {
    const body = registration();
    const first = await api.call('market-head', 'POST', '/v1/catalog/changes', body);
    expect(first.statusCode).toBe(201);
    const again = await api.call('market-head', 'POST', '/v1/catalog/changes', body);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: first.json().id, workflowId: `catalog-update-${body.requestId}`, created: false });
    expect((await api.call('market-staff', 'POST', '/v1/catalog/changes', body)).json().code).toBe('REQUEST_ID_CONFLICT');
  });

  it('a department registers only its own changes; the authority registers for a named department', async () => {
    expect((await api.call('market-staff', 'POST', '/v1/catalog/changes', registration({ departmentCode: 'civil' }))).json()).toMatchObject(
      { statusCode: 403, code: 'FORBIDDEN_DEPARTMENT' },
    );
    expect((await api.call('reviewer', 'POST', '/v1/catalog/changes', registration())).json()).toMatchObject({
      statusCode: 400,
      code: 'DEPARTMENT_REQUIRED',
    });
    const forCivil = await api.call('reviewer', 'POST', '/v1/catalog/changes', registration({ departmentCode: 'civil' }));
    expect(forCivil.statusCode).toBe(201);
    await eventually(async () =>
      expect((await api.call('civil-staff', 'GET', `/v1/catalog/changes/${forCivil.json().id}`)).json()).toMatchObject({
        departmentCode: 'civil',
        stage: 'awaiting_application',
      }),
    );
  });

  it('400 for an unknown department, a change date in the future, a malformed date, an unknown field', async () => {
    expect(
      (await api.call('reviewer', 'POST', '/v1/catalog/changes', registration({ departmentCode: 'county-gov' }))).json(),
    ).toMatchObject({ statusCode: 400, code: 'UNKNOWN_DEPARTMENT' });
    expect(
      (await api.call('market-staff', 'POST', '/v1/catalog/changes', registration({ changeDate: '2999-01-04' }))).json(),
    ).toMatchObject({ statusCode: 400, code: 'CHANGE_DATE_IN_FUTURE' });
    expect(
      (await api.call('market-staff', 'POST', '/v1/catalog/changes', registration({ changeDate: '2025-02-30' }))).json(),
    ).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect((await api.call('market-staff', 'POST', '/v1/catalog/changes', registration({ colour: 'red' }))).json()).toMatchObject({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
    });
  });
});

describe('GET /v1/catalog/changes/:id', () => {
  it("the department and the authority read it with its deadline; other departments get 404; auditors' reads are audited", async () => {
    const res = await api.call('market-staff', 'GET', `/v1/catalog/changes/${change.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      departmentCode: 'market',
      stage: 'awaiting_application',
      level: 'normal',
      changeDate: today,
      applications: [],
      catalogVersion: null,
    });
    expect((await api.call('civil-head', 'GET', `/v1/catalog/changes/${change.id}`)).statusCode).toBe(404);
    expect((await api.call('auditor', 'GET', '/v1/catalog/changes/ML-none')).statusCode).toBe(404);
    expect((await api.call('applicant', 'GET', `/v1/catalog/changes/${change.id}`)).statusCode).toBe(403);
    expect((await api.call('auditor', 'GET', `/v1/catalog/changes/${change.id}`)).statusCode).toBe(200);
    const reads = await api.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.target, change.workflowId), eq(auditLog.role, 'auditor')));
    expect(reads).toContainEqual(expect.objectContaining({ action: 'GET /v1/catalog/changes/:id', result: '200' }));
  });
});

describe('POST /v1/catalog/changes/:id/applications — validation rules', () => {
  it.each([
    ['a code already in the catalog', [addEntry('CIV-001')], 400, 'CATALOG_CODE_DUPLICATE'],
    ['the same code twice', [addEntry('MKT-007'), addEntry('MKT-007')], 400, 'CATALOG_CODE_DUPLICATE'],
    [
      'conditional sharing without a basis (第三十条(一))',
      [changeEntry('MKT-002', 1, { sharingBasis: null })],
      400,
      'SHARING_BASIS_REQUIRED',
    ],
    ['not_shared without a basis', [addEntry('MKT-008', { sharingType: 'not_shared', sharingBasis: '' })], 400, 'SHARING_BASIS_REQUIRED'],
    [
      'a base-database entry not unconditional (第三十条(二))',
      [changeEntry('MKT-001', 1, { sharingType: 'conditional', sharingBasis: '某政策' })],
      400,
      'BASE_DATA_MUST_BE_UNCONDITIONAL',
    ],
    ['a data item twice', [addEntry('MKT-009', { dataItems: ['名称', '名称'] })], 400, 'DATA_ITEMS_DUPLICATE'],
    ["another department's entry", [changeEntry('CIV-001', 1, {})], 400, 'CATALOG_ENTRY_UNKNOWN'],
    [
      'an entry that does not exist',
      [{ action: 'withdraw', code: 'MKT-404', baseVersion: 1, reason: '停止采集' }],
      400,
      'CATALOG_ENTRY_UNKNOWN',
    ],
    ['a stale base version', [changeEntry('MKT-002', 5, {})], 409, 'CATALOG_ENTRY_CONFLICT'],
    ['no changes', [], 400, 'VALIDATION_FAILED'],
    ['an unknown sharing type', [addEntry('MKT-010', { sharingType: 'sometimes' as never })], 400, 'VALIDATION_FAILED'],
  ])('%s → %i %s', async (_name, changes, status, code) => {
    const res = await apply(change.id, changes);
    expect(res.statusCode).toBe(status);
    expect(res.json().code).toBe(code);
    if (code !== 'VALIDATION_FAILED') expect(res.json().details[0].path).toMatch(/^body\.changes\.\d+$/);
  });

  it('401, 403 for the authority and others, 404 for another department', async () => {
    expect(
      (await api.call(null, 'POST', `/v1/catalog/changes/${change.id}/applications`, { changes: [addEntry('MKT-011')] })).statusCode,
    ).toBe(401);
    expect((await apply(change.id, [addEntry('MKT-011')], 'reviewer')).json().code).toBe('FORBIDDEN_ROLE');
    expect((await apply(change.id, [addEntry('MKT-011')], 'auditor')).json().code).toBe('FORBIDDEN_ROLE');
    expect((await apply(change.id, [addEntry('MKT-011')], 'civil-staff')).statusCode).toBe(404);
  });
});

describe('application, return, resubmission, approval', () => {
  it('runs the whole process through the API, and each state shows in the inbox, the rows and the audit log', async () => {
    const submitted = await apply(change.id, [addEntry('MKT-003'), changeEntry('MKT-001', 1, { updateCycle: '实时' })]);
    expect(submitted.statusCode).toBe(201);
    expect(submitted.json()).toMatchObject({ n: 1, receivedOn: today, late: false });
    expect((await apply(change.id, [addEntry('MKT-012')])).json()).toMatchObject({ statusCode: 409, code: 'APPLICATION_UNDER_REVIEW' });

    const inbox = (await api.call('reviewer', 'GET', '/v1/inbox')).json().items;
    expect(inbox).toContainEqual(
      expect.objectContaining({
        action: 'review_catalog_application',
        process: expect.objectContaining({ workflowId: change.workflowId, type: 'catalog_update', stage: 'under_review' }),
      }),
    );
    expect(
      (await api.call('auditor', 'GET', '/v1/processes?type=catalog_update&stage=under_review'))
        .json()
        .items.map((p: { workflowId: string }) => p.workflowId),
    ).toEqual([change.workflowId]);

    expect((await review(change.id, { approve: true }, 'market-head')).json().code).toBe('FORBIDDEN_ROLE');
    expect((await review(change.id, { approve: false })).json()).toMatchObject({ statusCode: 422, code: 'REASON_REQUIRED' });
    expect((await review(change.id, { approve: false, reason: 'MKT-003 缺少安全级别说明' })).json()).toEqual({
      stage: 'returned',
      n: 1,
      catalogVersion: null,
    });
    expect((await review(change.id, { approve: true })).json()).toMatchObject({ statusCode: 409, code: 'NO_APPLICATION_UNDER_REVIEW' });
    const staffInbox = (await api.call('market-staff', 'GET', '/v1/inbox')).json().items;
    expect(staffInbox).toContainEqual(
      expect.objectContaining({
        action: 'submit_catalog_application',
        process: expect.objectContaining({ workflowId: change.workflowId, stage: 'returned' }),
      }),
    );

    expect(
      (await apply(change.id, [addEntry('MKT-003', { securityLevel: '公开' }), changeEntry('MKT-001', 1, { updateCycle: '实时' })])).json(),
    ).toMatchObject({ n: 2 });
    expect((await review(change.id, { approve: true })).json()).toEqual({ stage: 'approved', n: 2, catalogVersion: 2 });
    expect((await review(change.id, { approve: true })).json()).toMatchObject({ statusCode: 409, code: 'PROCESS_CLOSED' });

    const view = (await api.call('market-staff', 'GET', `/v1/catalog/changes/${change.id}`)).json();
    expect(view).toMatchObject({ stage: 'approved', catalogVersion: 2 });
    expect(view.applications.map((a: { n: number; decision: string; reason: string | null }) => [a.n, a.decision, a.reason])).toEqual([
      [1, 'returned', 'MKT-003 缺少安全级别说明'],
      [2, 'approved', null],
    ]);
    const [mkt3] = await api.database.db.select().from(catalogEntries).where(eq(catalogEntries.code, 'MKT-003'));
    expect(mkt3).toMatchObject({ departmentCode: 'market', securityLevel: '公开', version: 1, catalogVersion: 2 });
    // In the order written: PostgreSQL returns an unordered select in any order.
    const writes = await listAuditForTarget(api.database.db, change.workflowId);
    expect(writes.filter((w) => w.action === 'POST /v1/catalog/changes/:id/review').map((w) => w.result)).toEqual([
      '422',
      '200',
      '409',
      '200',
      '409',
    ]);
    // Against the URL: the refusal by role (before the process was looked up, so no attempt of
    // its own) and the five reviews' write-ahead attempts, each written before the review acted.
    const byUrl = await api.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.target, `/v1/catalog/changes/${change.id}/review`));
    expect(byUrl.map((e) => [e.role, e.result]).sort()).toEqual([
      ['authority_reviewer', 'attempt'],
      ['authority_reviewer', 'attempt'],
      ['authority_reviewer', 'attempt'],
      ['authority_reviewer', 'attempt'],
      ['authority_reviewer', 'attempt'],
      ['department_head', '403'],
    ]);
  });
});

describe('catalog reads: entries, versions, diff, responsibility lists', () => {
  it("entries: a department sees its own; the authority the county's; another department's entry is 404", async () => {
    const own = (await api.call('market-staff', 'GET', '/v1/catalog/entries')).json();
    expect(own.items.map((e: { code: string }) => e.code)).toEqual(['MKT-001', 'MKT-002', 'MKT-003']);
    expect(own.catalogVersion).toBe(2);
    expect((await api.call('market-staff', 'GET', '/v1/catalog/entries?departmentCode=civil')).json().items).toEqual([]);
    expect((await api.call('reviewer', 'GET', '/v1/catalog/entries')).json().items).toHaveLength(4);
    expect((await api.call('market-staff', 'GET', '/v1/catalog/entries/CIV-001')).statusCode).toBe(404);
    expect((await api.call('applicant', 'GET', '/v1/catalog/entries')).statusCode).toBe(403);
    expect((await api.call(null, 'GET', '/v1/catalog/entries')).statusCode).toBe(401);
    const mkt1 = (await api.call('auditor', 'GET', '/v1/catalog/entries/MKT-001')).json();
    expect(mkt1.entry).toMatchObject({ version: 2, updateCycle: '实时' });
    expect(
      mkt1.versions.map((v: { entryVersion: number; catalogVersion: number; action: string }) => [
        v.entryVersion,
        v.catalogVersion,
        v.action,
      ]),
    ).toEqual([
      [1, 1, 'baseline'],
      [2, 2, 'change'],
    ]);
  });

  it('versions and diff: for the authority and auditors only; any past version; field-level diff; audited', async () => {
    expect((await api.call('market-head', 'GET', '/v1/catalog/versions')).json().code).toBe('FORBIDDEN_ROLE');
    const versions = (await api.call('auditor', 'GET', '/v1/catalog/versions')).json().items;
    expect(versions.map((v: { version: number; departmentCode: string | null }) => [v.version, v.departmentCode])).toEqual([
      [1, null],
      [2, 'market'],
    ]);
    expect(versions[1].summary).toEqual({ added: ['MKT-003'], changed: ['MKT-001'], withdrawn: [] });
    const v1 = (await api.call('reviewer', 'GET', '/v1/catalog/versions/1')).json();
    expect(v1.items.map((e: { code: string }) => e.code)).toEqual(['CIV-001', 'MKT-001', 'MKT-002']);
    expect((await api.call('reviewer', 'GET', '/v1/catalog/versions/99')).statusCode).toBe(404);

    const diff = (await api.call('auditor', 'GET', '/v1/catalog/diff?from=1&to=2')).json();
    expect(diff.added.map((e: { code: string }) => e.code)).toEqual(['MKT-003']);
    expect(diff.removed).toEqual([]);
    expect(diff.changed).toEqual([
      {
        code: 'MKT-001',
        fromVersion: 1,
        toVersion: 2,
        fields: [{ field: 'updateCycle', before: seededMetadata('MKT-001').updateCycle, after: '实时' }],
      },
    ]);
    expect((await api.call('auditor', 'GET', '/v1/catalog/diff?from=2&to=1')).json()).toMatchObject({
      statusCode: 400,
      code: 'VERSION_ORDER',
    });
    expect((await api.call('auditor', 'GET', '/v1/catalog/diff?from=1&to=7')).statusCode).toBe(404);
    expect((await api.call('auditor', 'GET', '/v1/catalog/diff?from=1')).json().code).toBe('VALIDATION_FAILED');
    const reads = await api.database.db.select().from(auditLog).where(eq(auditLog.target, 'catalog-diff-1-2'));
    expect(reads).toEqual([expect.objectContaining({ role: 'auditor', action: 'GET /v1/catalog/diff', result: '200' })]);
  });

  it('responsibility lists: regenerated with version 2; any earlier one by version; 404 across departments', async () => {
    const now = (await api.call('market-head', 'GET', '/v1/catalog/responsibility-lists/market')).json();
    expect(now).toMatchObject({ departmentCode: 'market', catalogVersion: 2 });
    expect(now.items.map((i: { code: string }) => i.code)).toEqual(['MKT-001', 'MKT-002', 'MKT-003']);
    const before = (await api.call('auditor', 'GET', '/v1/catalog/responsibility-lists/market?version=1')).json();
    expect(before.items.map((i: { code: string }) => i.code)).toEqual(['MKT-001', 'MKT-002']);
    expect((await api.call('market-staff', 'GET', '/v1/catalog/responsibility-lists/civil')).statusCode).toBe(404);
    expect((await api.call('reviewer', 'GET', '/v1/catalog/responsibility-lists/nowhere')).statusCode).toBe(404);
  });
});

describe('demand lists and exports (第十六条)', () => {
  const demand = (over: Record<string, unknown> = {}) => ({
    providerDepartmentCode: 'civil',
    resourceCode: 'CIV-001',
    name: '婚姻登记信息',
    dataItems: ['登记类别'],
    purpose: '个体工商户登记核验',
    duty: '市场主体登记',
    ...over,
  });

  it('a department records what it needs from others; each rule has its 400', async () => {
    const res = await api.call('market-staff', 'POST', '/v1/catalog/demands', demand());
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ departmentCode: 'market', providerDepartmentCode: 'civil', resourceCode: 'CIV-001' });
    expect(
      (
        await api.call('market-staff', 'POST', '/v1/catalog/demands', demand({ providerDepartmentCode: 'market', resourceCode: undefined }))
      ).json().code,
    ).toBe('DEMAND_OWN_DEPARTMENT');
    expect((await api.call('market-staff', 'POST', '/v1/catalog/demands', demand({ providerDepartmentCode: 'nowhere' }))).json().code).toBe(
      'UNKNOWN_DEPARTMENT',
    );
    expect((await api.call('market-staff', 'POST', '/v1/catalog/demands', demand({ resourceCode: 'MKT-001' }))).json().code).toBe(
      'UNKNOWN_RESOURCE',
    );
    expect((await api.call('market-staff', 'POST', '/v1/catalog/demands', demand({ purpose: '' }))).json().code).toBe('VALIDATION_FAILED');
    expect((await api.call('reviewer', 'POST', '/v1/catalog/demands', demand())).json().code).toBe('FORBIDDEN_ROLE');
    expect((await api.call(null, 'POST', '/v1/catalog/demands', demand())).statusCode).toBe(401);
  });

  it("departments read their own demand list; the authority the county's", async () => {
    expect((await api.call('civil-staff', 'GET', '/v1/catalog/demands')).json().items).toEqual([]);
    expect((await api.call('market-head', 'GET', '/v1/catalog/demands')).json().items).toHaveLength(1);
    expect((await api.call('reviewer', 'GET', '/v1/catalog/demands')).json().items).toHaveLength(1);
    expect((await api.call('county', 'GET', '/v1/catalog/demands')).statusCode).toBe(403);
  });

  it('the authority exports the catalog list and the demand list as JSON and CSV', async () => {
    expect((await api.call('market-head', 'GET', '/v1/catalog/export/catalog')).json().code).toBe('FORBIDDEN_ROLE');
    const json = await api.call('reviewer', 'GET', '/v1/catalog/export/catalog?format=json');
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    expect(json.json()).toMatchObject({ list: 'catalog', catalogVersion: 2 });
    expect(json.json().items.map((e: { code: string }) => e.code)).toEqual(['CIV-001', 'MKT-001', 'MKT-002', 'MKT-003']);

    const csv = await api.call('reviewer', 'GET', '/v1/catalog/export/catalog?format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="catalog-v2.csv"');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe(
      'code,name,departmentCode,dataItems,summary,encodingFormat,sharingType,sharingBasis,sharingMethod,updateFrequency,securityLevel,usageRequirements,updateCycle,baseDatabase,version',
    );
    expect(lines).toHaveLength(5);
    expect(lines[2]).toMatch(/^MKT-001,市场主体登记信息,market,统一社会信用代码;名称;法定代表人;住所;经营范围,/);

    const demands = await api.call('auditor', 'GET', '/v1/catalog/export/demand?format=csv');
    const rows = demands.body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(rows[0]).toBe('id,departmentCode,providerDepartmentCode,resourceCode,name,dataItems,purpose,duty,createdAt');
    expect(rows[1]).toMatch(/^\d+,market,civil,CIV-001,婚姻登记信息,登记类别,个体工商户登记核验,市场主体登记,/);
    expect((await api.call('reviewer', 'GET', '/v1/catalog/export/lists')).statusCode).toBe(400);
  });

  it('a demand written as a spreadsheet formula is exported as text (issue 16)', async () => {
    const res = await api.call(
      'market-staff',
      'POST',
      '/v1/catalog/demands',
      demand({ name: '=HYPERLINK("http://x","点击")', purpose: '@SUM(A1)' }),
    );
    expect(res.statusCode).toBe(201);
    const csv = (await api.call('reviewer', 'GET', '/v1/catalog/export/demand?format=csv')).body;
    expect(csv).toContain(`,"'=HYPERLINK(""http://x"",""点击"")",登记类别,'@SUM(A1),市场主体登记,`);
  });
});

describe('GET and PUT /v1/catalog/settings (第十八条: the resubmission period)', () => {
  it('5 working days by default; only the authority changes it, within 1–20, and the row records who did', async () => {
    expect((await api.call('market-staff', 'GET', '/v1/catalog/settings')).json()).toEqual({ resubmissionWorkingDays: 5 });
    expect((await api.call('market-head', 'PUT', '/v1/catalog/settings', { resubmissionWorkingDays: 7 })).json()).toMatchObject({
      statusCode: 403,
      code: 'FORBIDDEN_ROLE',
    });
    for (const resubmissionWorkingDays of [0, 21]) {
      expect((await api.call('reviewer', 'PUT', '/v1/catalog/settings', { resubmissionWorkingDays })).json()).toMatchObject({
        statusCode: 400,
        code: 'RESUBMISSION_PERIOD_RANGE',
        message: '目录更新申请退回后重新提交期限应为 1–20 个工作日',
      });
    }
    const put = await api.call('reviewer', 'PUT', '/v1/catalog/settings', { resubmissionWorkingDays: 7 });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toEqual({ resubmissionWorkingDays: 7 });
    expect((await api.call('auditor', 'GET', '/v1/catalog/settings')).json()).toEqual({ resubmissionWorkingDays: 7 });
    const [row] = await api.database.db.select().from(processSettings).where(eq(processSettings.key, 'catalog_resubmission_working_days'));
    expect(row).toMatchObject({ value: 7, updatedBy: expect.any(String) });
    // Put back: other tests' returns count with the default.
    await api.call('reviewer', 'PUT', '/v1/catalog/settings', { resubmissionWorkingDays: 5 });
  });
});
