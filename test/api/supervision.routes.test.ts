// The deadline board, the violations list and the 2025 evaluation, checked against seeded
// registry, violation, order and report rows whose answers this file computes on its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { annualReports, rectificationOrders } from '../../db/schema';
import { addCalendarDays, beijingDate } from '../../domain/working-days';
import { apiStack, type ApiStack } from '../helpers/api';
import { type SeedProcess, seedProcess, seedViolation } from '../helpers/supervision';

let api: ApiStack;
const today = beijingDate(Date.now());
const day = (n: number) => addCalendarDays(today, n);

type Seed = SeedProcess & {
  id?: string;
  violation?: { occurredAt: string; article?: string };
  order?: { status: 'open' | 'criticized'; criticizedAt?: string };
};

const SEEDS: Seed[] = [
  // open: the board
  {
    departmentCode: 'market',
    type: 'correction',
    due: day(-5),
    warningOn: day(-7),
    violation: { occurredAt: '2025-11-20T00:00:00+08:00' },
  },
  {
    departmentCode: 'civil',
    type: 'catalog_update',
    due: day(-1),
    warningOn: day(-2),
    violation: { occurredAt: '2026-01-05T00:00:00+08:00' },
  },
  { departmentCode: 'market', type: 'catalog_update', due: day(1), warningOn: day(0) },
  { departmentCode: 'civil', type: 'correction', due: day(10), warningOn: day(8) },
  { departmentCode: 'market', type: 'correction', due: day(20), warningOn: day(18) },
  // closed: the evaluation of 2025 (Beijing time)
  {
    departmentCode: 'market',
    type: 'correction',
    due: '2025-02-27',
    status: 'closed',
    closedAt: '2025-03-01T10:00:00+08:00',
    violation: { occurredAt: '2025-02-28T00:00:00+08:00' },
    order: { status: 'open' },
  },
  { departmentCode: 'market', type: 'correction', due: '2025-05-10', status: 'closed', closedAt: '2025-05-01T10:00:00+08:00' },
  { departmentCode: 'market', type: 'correction', due: '2026-01-05', status: 'closed', closedAt: '2025-12-31T23:00:00+08:00' },
  { departmentCode: 'market', type: 'correction', due: '2026-01-05', status: 'closed', closedAt: '2026-01-01T00:30:00+08:00' },
  {
    departmentCode: 'civil',
    type: 'catalog_update',
    due: '2025-05-20',
    status: 'closed',
    closedAt: '2025-06-01T10:00:00+08:00',
    violation: { occurredAt: '2025-05-21T00:00:00+08:00', article: '第四十九条(四)' },
  },
  {
    departmentCode: 'civil',
    type: 'catalog_update',
    due: '2024-12-19',
    status: 'closed',
    closedAt: '2024-12-31T10:00:00+08:00',
    violation: { occurredAt: '2024-12-20T00:00:00+08:00' },
    order: { status: 'criticized', criticizedAt: '2025-01-10T00:00:00+08:00' },
  },
];
const violationIds = new Map<Seed, number>();

beforeAll(async () => {
  api = await apiStack();
  const { db } = api.database;
  for (const s of SEEDS) {
    s.id = await seedProcess(db, s);
    if (!s.violation) continue;
    const vid = await seedViolation(db, { workflowId: s.id, departmentCode: s.departmentCode, ...s.violation });
    violationIds.set(s, vid);
    if (s.order) {
      await db.insert(rectificationOrders).values({
        id: `ZG-seed-${vid}`,
        violationId: vid,
        departmentCode: s.departmentCode,
        workflowId: `rectification-ZG-seed-${vid}`,
        requirement: '整改',
        periodWorkingDays: 5,
        status: s.order.status,
        issuedBy: 'seed',
        issuedAt: new Date('2025-01-02T09:00:00+08:00'),
        criticizedAt: s.order.criticizedAt ? new Date(s.order.criticizedAt) : null,
      });
    }
  }
  await db.insert(annualReports).values({
    year: 2025,
    departmentCode: 'market',
    workflowId: 'annual-report-2025',
    dueDate: '2025-12-31',
    submittedAt: new Date('2025-12-30T10:00:00+08:00'),
    late: false,
  });
});
afterAll(async () => api?.close());

const endsAt = (s: Seed) => Date.parse(`${addCalendarDays(s.due, 1)}T00:00:00+08:00`);
const levelOf = (s: Seed, now: number) =>
  now >= endsAt(s) ? 'overdue' : now >= Date.parse(`${s.warningOn ?? s.due}T00:00:00+08:00`) ? 'warning' : 'normal';
const openSeeds = () => SEEDS.filter((s) => s.status !== 'closed').sort((a, b) => endsAt(a) - endsAt(b) || a.id!.localeCompare(b.id!));

describe('GET /v1/deadlines', () => {
  it('every open deadline, least time left first, with its level and the seconds left (negative when overdue)', async () => {
    const before = Date.now();
    const res = await api.call('reviewer', 'GET', '/v1/deadlines');
    expect(res.statusCode).toBe(200);
    const { items } = res.json() as {
      items: { workflowId: string; level: string; timeLeftSeconds: number; workingDaysLeft: number; dueDate: string }[];
    };
    expect(items.map((i) => i.workflowId)).toEqual(openSeeds().map((s) => s.id));
    expect(items.map((i) => i.level)).toEqual(openSeeds().map((s) => levelOf(s, before)));
    expect(items.map((i) => i.level)).toEqual(['overdue', 'overdue', 'warning', 'normal', 'normal']);
    items.forEach((item, n) => {
      const expected = (endsAt(openSeeds()[n]!) - before) / 1000;
      expect(item.timeLeftSeconds).toBeGreaterThan(expected - 10);
      expect(item.timeLeftSeconds).toBeLessThanOrEqual(Math.ceil(expected));
    });
    expect(items[0]!.timeLeftSeconds).toBeLessThan(-4 * 86_400);
    expect(items[0]!.workingDaysLeft).toBe(0);
    expect(items[4]!.workingDaysLeft).toBeGreaterThan(items[3]!.workingDaysLeft);
  });

  it('filters by level, type and department; a department sees only its own; paging keeps the order', async () => {
    const now = Date.now();
    for (const level of ['overdue', 'warning', 'normal'] as const) {
      const ids = (await api.call('auditor', 'GET', `/v1/deadlines?level=${level}`))
        .json()
        .items.map((i: { workflowId: string }) => i.workflowId);
      expect(ids, level).toEqual(
        openSeeds()
          .filter((s) => levelOf(s, now) === level)
          .map((s) => s.id),
      );
    }
    const ids = async (user: string, query = '') =>
      (await api.call(user, 'GET', `/v1/deadlines${query}`)).json().items.map((i: { workflowId: string }) => i.workflowId);
    expect(await ids('auditor', '?type=correction&departmentCode=market')).toEqual(
      openSeeds()
        .filter((s) => s.type === 'correction' && s.departmentCode === 'market')
        .map((s) => s.id),
    );
    expect(await ids('civil-staff')).toEqual(
      openSeeds()
        .filter((s) => s.departmentCode === 'civil')
        .map((s) => s.id),
    );
    expect(await ids('civil-head', '?departmentCode=market')).toEqual([]);
    expect(await ids('reviewer', '?limit=2&offset=1')).toEqual(
      openSeeds()
        .slice(1, 3)
        .map((s) => s.id),
    );
  });

  it('401, 403 and 400', async () => {
    expect((await api.call(null, 'GET', '/v1/deadlines')).statusCode).toBe(401);
    expect((await api.call('applicant', 'GET', '/v1/deadlines')).statusCode).toBe(403);
    expect((await api.call('county', 'GET', '/v1/deadlines')).statusCode).toBe(403);
    expect((await api.call('reviewer', 'GET', '/v1/deadlines?level=red')).json()).toMatchObject({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
    });
    expect((await api.call('reviewer', 'GET', '/v1/deadlines?colour=red')).statusCode).toBe(400);
  });
});

const withViolations = () =>
  SEEDS.filter((s) => s.violation).sort((a, b) => Date.parse(b.violation!.occurredAt) - Date.parse(a.violation!.occurredAt));

describe('GET /v1/violations', () => {
  it('newest first, with article, process, department, due date and the order if any; departments see their own', async () => {
    const res = await api.call('reviewer', 'GET', '/v1/violations');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as {
      id: number;
      process: { workflowId: string };
      rectificationOrder: { id: string; status: string } | null;
    }[];
    expect(items.map((i) => i.process.workflowId)).toEqual(withViolations().map((s) => s.id));
    const criticized = SEEDS.find((s) => s.order?.status === 'criticized')!;
    expect(items.find((i) => i.process.workflowId === criticized.id)).toMatchObject({
      id: violationIds.get(criticized),
      article: '第四十九条(八)',
      kind: 'correction_overdue',
      departmentCode: 'civil',
      dueDate: '2024-12-20',
      occurredAt: '2024-12-20T00:00:00+08:00',
      process: { type: 'catalog_update' },
      rectificationOrder: { id: `ZG-seed-${violationIds.get(criticized)}`, status: 'criticized', periodWorkingDays: 5 },
    });
    expect(items.filter((i) => i.rectificationOrder === null)).toHaveLength(3);

    const market = (await api.call('market-staff', 'GET', '/v1/violations?departmentCode=civil')).json().items;
    expect(market).toEqual([]);
    const own = (await api.call('market-head', 'GET', '/v1/violations'))
      .json()
      .items.map((i: { process: { workflowId: string } }) => i.process.workflowId);
    expect(own).toEqual(
      withViolations()
        .filter((s) => s.departmentCode === 'market')
        .map((s) => s.id),
    );
  });

  it('filters by article and by Beijing dates, both ends included; 400 for bad dates', async () => {
    const ids = async (q: string) =>
      (await api.call('auditor', 'GET', `/v1/violations${q}`))
        .json()
        .items.map((i: { process: { workflowId: string } }) => i.process.workflowId);
    expect(await ids(`?article=${encodeURIComponent('第四十九条(四)')}`)).toEqual(
      withViolations()
        .filter((s) => s.violation!.article)
        .map((s) => s.id),
    );
    const in2025 = withViolations()
      .filter((s) => s.violation!.occurredAt.startsWith('2025'))
      .map((s) => s.id);
    expect(await ids('?from=2025-01-01&to=2025-12-31')).toEqual(in2025);
    expect(await ids('?from=2025-02-28&to=2025-02-28')).toEqual(
      withViolations()
        .filter((s) => s.violation!.occurredAt.startsWith('2025-02-28'))
        .map((s) => s.id),
    );
    expect(await ids('?limit=1&offset=1')).toEqual(
      withViolations()
        .slice(1, 2)
        .map((s) => s.id),
    );
    expect((await api.call('auditor', 'GET', '/v1/violations?from=2025-02-30')).statusCode).toBe(400);
    expect((await api.call('auditor', 'GET', '/v1/violations?from=2025-03-01&to=2025-01-01')).json()).toMatchObject({
      statusCode: 400,
      code: 'DATE_RANGE',
    });
    expect((await api.call('county', 'GET', '/v1/violations')).statusCode).toBe(403);
  });
});

describe('GET /v1/evaluation', () => {
  const inYear = (iso: string | undefined, year: number) =>
    !!iso &&
    Date.parse(iso) >= Date.parse(`${year}-01-01T00:00:00+08:00`) &&
    Date.parse(iso) < Date.parse(`${year + 1}-01-01T00:00:00+08:00`);

  /** What the 2025 evaluation must say, from the seeds alone. */
  function expected(code: string, type: string) {
    const closed = SEEDS.filter((s) => s.departmentCode === code && s.type === type && s.status === 'closed' && inYear(s.closedAt, 2025));
    const onTime = closed.filter((s) => !s.violation).length;
    return {
      type,
      closed: closed.length,
      onTime,
      onTimeRate: closed.length ? Math.round((onTime / closed.length) * 10_000) / 10_000 : null,
      overdueOpen: SEEDS.filter((s) => s.departmentCode === code && s.type === type && s.status !== 'closed' && endsAt(s) <= Date.now())
        .length,
    };
  }

  it('per department and process type: closed in 2025, on time, rate, overdue now; violations, orders, criticisms, annual report', async () => {
    const res = await api.call('county', 'GET', '/v1/evaluation?year=2025');
    expect(res.statusCode).toBe(200);
    const body = res.json() as { year: number; departments: { departmentCode: string; processes: unknown[] }[] };
    expect(body.year).toBe(2025);
    expect(body.departments.map((d) => d.departmentCode)).toEqual(['civil', 'market']);
    for (const code of ['civil', 'market']) {
      const d = body.departments.find((x) => x.departmentCode === code)!;
      expect(d.processes.slice(0, 2)).toEqual([expected(code, 'correction'), expected(code, 'catalog_update')]);
      expect(d).toMatchObject({
        violations: SEEDS.filter((s) => s.departmentCode === code && inYear(s.violation?.occurredAt, 2025)).length,
        openRectifications: SEEDS.filter((s) => s.departmentCode === code && s.order?.status === 'open').length,
        criticized: SEEDS.filter((s) => s.departmentCode === code && inYear(s.order?.criticizedAt, 2025)).length,
        annualReportOnTime: code === 'market' ? true : null,
      });
    }
    // The figures as a reader checks them: market closed 3 corrections in 2025, 1 late.
    expect(body.departments[1]!.processes[0]).toEqual({ type: 'correction', closed: 3, onTime: 2, onTimeRate: 0.6667, overdueOpen: 1 });
  });

  it('CSV: a Chinese header row and one row per department', async () => {
    const res = await api.call('auditor', 'GET', '/v1/evaluation?year=2025&format=csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toMatch(
      /^部门代码,部门名称,数据校核年内办结数,数据校核按时办结数,数据校核按时办结率,数据校核当前超期未办结数,目录更新年内办结数,/,
    );
    expect(lines[0]).toMatch(/年内违规数,未结整改通知数,年内通报批评数,年度报告按时报送,汇聚得分,共享得分,应用得分,安全得分,总分,排名$/);
    expect(lines).toHaveLength(3);
    expect(lines[2]).toMatch(/^market,县市场监督管理局,3,2,66\.67%,1,0,0,—,0,/);
    expect(lines[2]).toMatch(/,2,1,0,是,[0-9.]+,[0-9.]+,[0-9.]+,[0-9.]+,[0-9.]+,[12]$/);
    expect(lines[1]).toMatch(/^civil,县民政局,0,0,—,0,1,0,0\.00%,1,.*,1,0,1,—,[0-9.]+,[0-9.]+,[0-9.]+,[0-9.]+,[0-9.]+,[12]$/);
  });

  it('a department reads its own row only; 403 for applicants; 400 without a year or with a bad format', async () => {
    expect((await api.call(null, 'GET', '/v1/evaluation?year=2025')).statusCode).toBe(401);
    const own = await api.call('market-head', 'GET', '/v1/evaluation?year=2025');
    expect(own.statusCode).toBe(200);
    expect(own.json().departments.map((d: { departmentCode: string }) => d.departmentCode)).toEqual(['market']);
    expect(own.json()).toMatchObject({ authority: null, countyGovernment: null });
    expect((await api.call('applicant', 'GET', '/v1/evaluation?year=2025')).statusCode).toBe(403);
    expect((await api.call('reviewer', 'GET', '/v1/evaluation')).statusCode).toBe(400);
    expect((await api.call('reviewer', 'GET', '/v1/evaluation?year=2025&format=xlsx')).statusCode).toBe(400);
    expect((await api.call('reviewer', 'GET', '/v1/evaluation?year=25')).statusCode).toBe(400);
  });
});
