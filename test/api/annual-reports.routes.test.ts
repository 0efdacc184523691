import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addNotifications } from '../../db/repositories/notifications.repo';
import { annualReports, countyReports, notifications, sharingRequests, users } from '../../db/schema';
import { apiStack, type ApiStack } from '../helpers/api';
import { eventually } from '../helpers/wait';

let api: ApiStack;
beforeAll(async () => {
  // 2025-12-02, Beijing time: inside the departments' period of 2025.
  api = await apiStack('2025-12-02T09:00:00+08:00');
  // 2025's sharing (第二十九条 to 第三十一条): civil asked market twice (one answered on 2025-11-05,
  // one pending), market asked civil once (pending).
  const [civilStaff] = await api.database.db.select().from(users).where(eq(users.username, 'civil-staff'));
  const [marketStaff] = await api.database.db.select().from(users).where(eq(users.username, 'market-staff'));
  const ask = (id: string, requester: string, provider: string, resourceCode: string, by: string, decided: boolean) => ({
    id,
    requestId: `req-${id}`,
    requesterDepartment: requester,
    providerDepartment: provider,
    resourceCode,
    dataItems: ['处罚日期'],
    purpose: '核查',
    duty: '行政审批',
    sharingType: 'conditional' as const,
    status: decided ? ('granted' as const) : ('pending' as const),
    ...(decided && { decidedBy: 'market-head', decidedAt: new Date('2025-11-05T10:00:00+08:00'), decidedLate: false }),
    createdBy: by,
    createdAt: new Date('2025-11-03T10:00:00+08:00'),
  });
  await api.database.db
    .insert(sharingRequests)
    .values([
      ask('s1', 'civil', 'market', 'MKT-002', civilStaff!.id, true),
      ask('s2', 'civil', 'market', 'MKT-002', civilStaff!.id, false),
      ask('s3', 'market', 'civil', 'CIV-001', marketStaff!.id, false),
    ]);
});
afterAll(async () => api?.close());

const report = (summary = '本年度按期完成目录更新与数据校核') => ({
  catalogEntries: 2,
  catalogUpdatesOnTime: 1,
  catalogUpdatesLate: 0,
  sharingRequestsServed: 0,
  sharingRequestsDecided: 0,
  sharingRequestsMade: 0,
  correctionsHandled: 4,
  correctionsOnTime: 4,
  securityWork: '开展数据安全自查',
  summary,
});

describe('annual reports API (第四十六条)', () => {
  it('404 before the year is opened; only admins open it, and opening twice is one process', async () => {
    expect((await api.call('reviewer', 'GET', '/v1/annual-reports/2025')).json()).toMatchObject({
      statusCode: 404,
      code: 'REPORT_YEAR_NOT_OPEN',
    });
    expect((await api.call('reviewer', 'POST', '/v1/annual-reports/2025/start')).statusCode).toBe(403);
    // Today is 2025-12-02 (Beijing): 2026 and 2031 have not come; 2024's last date (2025-01-31) is over.
    for (const year of [2026, 2031]) {
      const future = await api.call('admin', 'POST', `/v1/annual-reports/${year}/start`);
      expect(future.statusCode).toBe(400);
      expect(future.json()).toMatchObject({
        code: 'REPORT_YEAR_IN_FUTURE',
        message: `不能开始或报送今年以后年度的年度报告：${year} 年尚未到来（今天是 2025-12-02）`,
      });
    }
    expect((await api.call('admin', 'POST', '/v1/annual-reports/2024/start')).json()).toMatchObject({
      statusCode: 409,
      code: 'REPORT_YEAR_OVER',
      message: '该年度报告的报送期限均已届满，不能再开始：2024 年度的最后期限为 2025-01-31',
    });
    expect(await api.database.db.select().from(annualReports).where(eq(annualReports.year, 2031))).toEqual([]);
    const first = await api.call('admin', 'POST', '/v1/annual-reports/2025/start');
    const again = await api.call('admin', 'POST', '/v1/annual-reports/2025/start');
    expect(first.json()).toEqual({ workflowId: 'annual-report-2025' });
    expect(again.json()).toEqual(first.json());
    await eventually(async () => expect((await api.call('reviewer', 'GET', '/v1/annual-reports/2025')).statusCode).toBe(200));
    // the authority is among the departments tracked: it files its own report (第四十六条第一款)
    const [authorityRow] = await api.database.db.select().from(annualReports).where(eq(annualReports.departmentCode, 'county-data'));
    expect(authorityRow).toMatchObject({ year: 2025, dueDate: '2025-12-31', submittedAt: null });
  });

  it('a department reads its pre-filled draft and submits its own report once; other departments get 404', async () => {
    const draft = await api.call('market-staff', 'GET', '/v1/annual-reports/2025/departments/market/draft');
    expect(draft.statusCode).toBe(200);
    // every figure from the system's own tables: MKT-001 and MKT-002; civil's two requests to market
    // (one answered), market's one to civil; no closed cases in 2025
    expect(draft.json()).toEqual({
      catalogEntries: 2,
      catalogUpdatesOnTime: 0,
      catalogUpdatesLate: 0,
      sharingRequestsServed: 2,
      sharingRequestsDecided: 1,
      sharingRequestsMade: 1,
      correctionsHandled: 0,
      correctionsOnTime: 0,
      securityWork: '',
      summary: '',
    });
    expect((await api.call('civil-staff', 'GET', '/v1/annual-reports/2025/departments/civil/draft')).json()).toMatchObject({
      catalogEntries: 1,
      sharingRequestsServed: 1,
      sharingRequestsDecided: 0,
      sharingRequestsMade: 2,
    });
    expect((await api.call('civil-staff', 'GET', '/v1/annual-reports/2025/departments/market/draft')).statusCode).toBe(404);
    // the authority's reviewers draft the authority's own report, no other department's
    expect((await api.call('reviewer', 'GET', '/v1/annual-reports/2025/departments/market/draft')).statusCode).toBe(404);
    expect((await api.call('reviewer', 'GET', '/v1/annual-reports/2025/departments/county-data/draft')).json()).toMatchObject({
      catalogEntries: 0,
      sharingRequestsServed: 0,
    });
    expect((await api.call('county', 'GET', '/v1/annual-reports/2025/departments/county-gov/draft')).statusCode).toBe(403);
    expect((await api.call('market-staff', 'GET', '/v1/annual-reports/2026/departments/market/draft')).json()).toMatchObject({
      statusCode: 400,
      code: 'REPORT_YEAR_IN_FUTURE',
    });

    expect((await api.call('civil-staff', 'POST', '/v1/annual-reports/2025/departments/market', report())).statusCode).toBe(404);
    const invalid = await api.call('market-staff', 'POST', '/v1/annual-reports/2025/departments/market', {
      ...report(),
      summary: '',
      extra: 1,
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().details).toEqual(expect.arrayContaining([{ path: 'body.extra', message: '不允许的字段' }]));

    const tooMany = await api.call('market-staff', 'POST', '/v1/annual-reports/2025/departments/market', {
      ...report(),
      catalogEntries: 9_999_999,
    });
    expect(tooMany.json()).toMatchObject({ statusCode: 400, code: 'REPORT_FIGURE_RANGE' });
    const inconsistent = await api.call('market-staff', 'POST', '/v1/annual-reports/2025/departments/market', {
      ...report(),
      correctionsHandled: 3,
      correctionsOnTime: 4,
    });
    expect(inconsistent.json()).toMatchObject({
      statusCode: 422,
      code: 'REPORT_FIGURES_INCONSISTENT',
      message: '年度报告数据前后不一致：按时办结的数据校核不能多于办结的数据校核',
    });
    const future = await api.call('market-staff', 'POST', '/v1/annual-reports/2031/departments/market', report());
    expect(future.json()).toMatchObject({ statusCode: 400, code: 'REPORT_YEAR_IN_FUTURE' });
    expect((await api.call('county', 'POST', '/v1/annual-reports/2025/departments/county-gov', report())).statusCode).toBe(403);

    const submitted = await api.call('market-head', 'POST', '/v1/annual-reports/2025/departments/market', report());
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json()).toMatchObject({ late: false });
    const twice = await api.call('market-staff', 'POST', '/v1/annual-reports/2025/departments/market', report());
    expect(twice.json()).toMatchObject({ statusCode: 409, code: 'REPORT_ALREADY_SUBMITTED' });
    const [row] = await api.database.db.select().from(annualReports).where(eq(annualReports.departmentCode, 'market'));
    expect(row).toMatchObject({ year: 2025, late: false, content: expect.objectContaining({ correctionsHandled: 4 }) });
  });

  it('the authority sees who has reported; a department sees only itself; the county steps follow in order', async () => {
    const board = await api.call('reviewer', 'GET', '/v1/annual-reports/2025');
    expect(board.json()).toMatchObject({ stage: 'departments_reporting', deadline: { due: '2025-12-31' } });
    expect(
      board
        .json()
        .departments.map((d: { departmentCode: string; submittedAt: string | null }) => [d.departmentCode, d.submittedAt !== null]),
    ).toEqual([
      ['civil', false],
      ['county-data', false],
      ['market', true],
    ]);
    expect(
      (await api.call('civil-staff', 'GET', '/v1/annual-reports/2025'))
        .json()
        .departments.map((d: { departmentCode: string }) => d.departmentCode),
    ).toEqual(['civil']);

    expect((await api.call('reviewer', 'POST', '/v1/annual-reports/2025/county-report', { summary: '汇总' })).json().code).toBe(
      'REPORT_NOT_YET',
    );
    expect((await api.call('market-staff', 'POST', '/v1/annual-reports/2025/county-report', { summary: '汇总' })).statusCode).toBe(403);
    await api.call('civil-staff', 'POST', '/v1/annual-reports/2025/departments/civil', report('民政局年度情况'));
    // the authority's own department report, filed by its reviewer; until then the period runs
    expect((await api.call('reviewer', 'GET', '/v1/annual-reports/2025')).json().stage).toBe('departments_reporting');
    expect((await api.call('reviewer', 'POST', '/v1/annual-reports/2025/departments/market', report())).statusCode).toBe(404);
    const own = await api.call('reviewer', 'POST', '/v1/annual-reports/2025/departments/county-data', report('主管部门本部门年度情况'));
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ late: false });
    await eventually(async () =>
      expect((await api.call('reviewer', 'GET', '/v1/annual-reports/2025')).json().stage).toBe('authority_compiling'),
    );
    expect((await api.call('reviewer', 'GET', '/v1/inbox')).json().items).toContainEqual(
      expect.objectContaining({ action: 'submit_county_report' }),
    );

    // reported vs system, side by side: market typed 4 corrections and no sharing; the system counts
    // no closed correction, 2 requests received, 1 answered, 1 made
    expect((await api.call('market-staff', 'GET', '/v1/annual-reports/2025/figures')).statusCode).toBe(403);
    expect((await api.call('reviewer', 'GET', '/v1/annual-reports/2024/figures')).json().code).toBe('REPORT_YEAR_NOT_OPEN');
    const figures = await api.call('reviewer', 'GET', '/v1/annual-reports/2025/figures');
    expect(figures.statusCode).toBe(200);
    const market = figures.json().departments.find((d: { departmentCode: string }) => d.departmentCode === 'market');
    expect(market.system).toMatchObject({ catalogEntries: 2, sharingRequestsServed: 2, correctionsHandled: 0 });
    expect(market.reported).toMatchObject({ catalogEntries: 2, correctionsHandled: 4 });
    expect(
      market.differences.map((d: { figure: string; reported: number; system: number; difference: number }) => [
        d.figure,
        d.reported,
        d.system,
        d.difference,
      ]),
    ).toEqual([
      ['catalogUpdatesOnTime', 1, 0, 1],
      ['sharingRequestsServed', 0, 2, -2],
      ['sharingRequestsDecided', 0, 1, -1],
      ['sharingRequestsMade', 0, 1, -1],
      ['correctionsHandled', 4, 0, 4],
      ['correctionsOnTime', 4, 0, 4],
    ]);
    expect((await api.call('county', 'GET', '/v1/annual-reports/2025/figures')).statusCode).toBe(200);

    const compiled = await api.call('reviewer', 'POST', '/v1/annual-reports/2025/county-report', { summary: '全县年度情况' });
    expect(compiled.statusCode).toBe(200);
    // the system's counts, not the typed 4 + 4 + 4 corrections
    expect(compiled.json()).toMatchObject({
      year: 2025,
      missing: [],
      totals: {
        catalogEntries: 3,
        catalogUpdatesOnTime: 0,
        catalogUpdatesLate: 0,
        sharingRequestsServed: 3,
        sharingRequestsDecided: 1,
        sharingRequestsMade: 3,
        correctionsHandled: 0,
        correctionsOnTime: 0,
      },
    });
    expect((await api.call('reviewer', 'POST', '/v1/annual-reports/2025/city-submission', { note: '' })).statusCode).toBe(403);
    const city = await api.call('county', 'POST', '/v1/annual-reports/2025/city-submission', { note: '已报市政府' });
    expect(city.json()).toMatchObject({ late: false });
    expect(await api.database.db.select().from(countyReports)).toEqual([
      expect.objectContaining({ year: 2025, late: false, cityLate: false }),
    ]);
    expect((await api.call('county', 'GET', '/v1/annual-reports/2025')).json().countyReport).toMatchObject({
      late: false,
      cityLate: false,
    });
  });
});

describe('GET /v1/notifications', () => {
  it('shows each user what is addressed to its department or, county-wide, to its role; marks read per user', async () => {
    await addNotifications(api.database.db, [
      { workflowId: 'wf-n', key: 'k1', departmentCode: 'market', role: null, kind: 'test_notice', message: '市场监管局通知' },
      { workflowId: 'wf-n', key: 'k2', departmentCode: null, role: 'authority_reviewer', kind: 'test_notice', message: '主管部门通知' },
    ]);
    const kinds = async (user: string) =>
      ((await api.call(user, 'GET', '/v1/notifications')).json().items as { message: string; kind: string }[])
        .filter((n) => n.kind === 'test_notice')
        .map((n) => n.message);
    expect(await kinds('market-staff')).toEqual(['市场监管局通知']);
    expect(await kinds('civil-staff')).toEqual([]);
    expect(await kinds('reviewer')).toEqual(['主管部门通知']);
    expect((await api.call(null, 'GET', '/v1/notifications')).statusCode).toBe(401);

    const [mine] = await api.database.db.select().from(notifications).where(eq(notifications.key, 'k1'));
    expect((await api.call('civil-staff', 'POST', `/v1/notifications/${mine!.id}/read`)).statusCode).toBe(404);
    expect((await api.call('market-head', 'POST', `/v1/notifications/${mine!.id}/read`)).statusCode).toBe(204);
    const items = (await api.call('market-head', 'GET', '/v1/notifications')).json().items as { id: number; read: boolean }[];
    expect(items.find((n) => n.id === mine!.id)?.read).toBe(true);
    expect(
      ((await api.call('market-staff', 'GET', '/v1/notifications')).json().items as { id: number; read: boolean }[]).find(
        (n) => n.id === mine!.id,
      )?.read,
    ).toBe(false);
  });

  it('reads a notice stored raw (written before the outbox rendered texts) with names and Chinese dates', async () => {
    await api.database.db.insert(notifications).values({
      workflowId: 'wf-legacy',
      key: 'k1',
      departmentCode: 'market',
      role: null,
      kind: 'test_legacy',
      message: '部门 civil 申请共享 MKT-002，请于 2025-10-10 前作出决定',
    });
    const items = (await api.call('market-staff', 'GET', '/v1/notifications')).json().items as { kind: string; message: string }[];
    expect(items.filter((n) => n.kind === 'test_legacy').map((n) => n.message)).toEqual([
      '县民政局 申请共享 行政处罚信息（MKT-002），请于 2025年10月10日 前作出决定',
    ]);
  });
});
