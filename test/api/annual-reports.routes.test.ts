import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addNotifications } from '../../db/repositories/notifications.repo';
import { annualReports, countyReports, notifications } from '../../db/schema';
import { apiStack, type ApiStack } from '../helpers/api';
import { eventually } from '../helpers/wait';

let api: ApiStack;
beforeAll(async () => {
  // 2025-12-02, Beijing time: inside the departments' period of 2025.
  api = await apiStack('2025-12-02T09:00:00+08:00');
});
afterAll(async () => api?.close());

const report = (summary = '本年度按期完成目录更新与数据校核') => ({
  catalogEntries: 2,
  catalogUpdatesOnTime: 1,
  catalogUpdatesLate: 0,
  sharingRequestsServed: 0,
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
    const first = await api.call('admin', 'POST', '/v1/annual-reports/2025/start');
    const again = await api.call('admin', 'POST', '/v1/annual-reports/2025/start');
    expect(first.json()).toEqual({ workflowId: 'annual-report-2025' });
    expect(again.json()).toEqual(first.json());
    await eventually(async () => expect((await api.call('reviewer', 'GET', '/v1/annual-reports/2025')).statusCode).toBe(200));
  });

  it('a department reads its pre-filled draft and submits its own report once; other departments get 404', async () => {
    const draft = await api.call('market-staff', 'GET', '/v1/annual-reports/2025/departments/market/draft');
    expect(draft.statusCode).toBe(200);
    expect(draft.json()).toMatchObject({ catalogEntries: expect.any(Number), correctionsHandled: 0, summary: '' });
    expect((await api.call('civil-staff', 'GET', '/v1/annual-reports/2025/departments/market/draft')).statusCode).toBe(404);
    expect((await api.call('reviewer', 'GET', '/v1/annual-reports/2025/departments/market/draft')).statusCode).toBe(403);

    expect((await api.call('civil-staff', 'POST', '/v1/annual-reports/2025/departments/market', report())).statusCode).toBe(404);
    const invalid = await api.call('market-staff', 'POST', '/v1/annual-reports/2025/departments/market', {
      ...report(),
      summary: '',
      extra: 1,
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().details).toEqual(expect.arrayContaining([{ path: 'body.extra', message: '不允许的字段' }]));

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
    await eventually(async () =>
      expect((await api.call('reviewer', 'GET', '/v1/annual-reports/2025')).json().stage).toBe('authority_compiling'),
    );
    expect((await api.call('reviewer', 'GET', '/v1/inbox')).json().items).toContainEqual(
      expect.objectContaining({ action: 'submit_county_report' }),
    );

    const compiled = await api.call('reviewer', 'POST', '/v1/annual-reports/2025/county-report', { summary: '全县年度情况' });
    expect(compiled.statusCode).toBe(200);
    expect(compiled.json()).toMatchObject({ year: 2025, missing: [], totals: { correctionsHandled: 8 } });
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
});
