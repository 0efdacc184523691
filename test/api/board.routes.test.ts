// The supervision board and 督办 (issue 15), on registry rows seeded around Monday 2026-03-16
// (Beijing). Every figure below is counted by hand from the seeds and the 2026 calendar: March
// 2026 has no holiday, so its working days are Monday to Friday.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, notifications, processEvents, supervisionUrges } from '../../db/schema';
import { apiStack, type ApiStack } from '../helpers/api';
import { type SeedProcess, seedProcess, seedViolation } from '../helpers/supervision';

let api: ApiStack;
const ids: Record<string, string> = {};

const SEEDS: Record<string, SeedProcess & { late?: boolean }> = {
  // open, on 2026-03-16
  A: { departmentCode: 'market', type: 'correction', due: '2026-03-10' }, // overdue: 11, 12, 13, 16 → 4 working days
  E: { departmentCode: 'market', type: 'catalog_update', stage: 'under_review', due: '2026-03-12' }, // overdue: 13, 16 → 2; the authority holds it
  B: { departmentCode: 'market', type: 'catalog_update', due: '2026-03-17', warningOn: '2026-03-16' }, // warning
  D: { departmentCode: 'civil', type: 'correction', due: '2026-03-13' }, // overdue: 16 → 1
  C: { departmentCode: 'civil', type: 'correction', due: '2026-03-31', warningOn: '2026-03-27' }, // normal
  // closed
  M1: { departmentCode: 'market', due: '2026-01-09', status: 'closed', closedAt: '2026-01-12T10:00:00+08:00', late: true },
  M2: { departmentCode: 'market', due: '2026-02-27', status: 'closed', closedAt: '2026-02-26T10:00:00+08:00' },
  M3: { departmentCode: 'market', due: '2026-03-06', status: 'closed', closedAt: '2026-03-05T10:00:00+08:00' },
  // 2025-12-31 23:30 Beijing is still December in Beijing (15:30 UTC), and not in 2026's rates
  M0: { departmentCode: 'market', due: '2026-01-05', status: 'closed', closedAt: '2025-12-31T23:30:00+08:00' },
  // 2026-02-01 00:30 Beijing is 2026-01-31 UTC: February in Beijing
  C1: { departmentCode: 'civil', due: '2026-02-06', status: 'closed', closedAt: '2026-02-01T00:30:00+08:00' },
  C2: { departmentCode: 'civil', due: '2026-02-20', status: 'closed', closedAt: '2026-02-16T10:00:00+08:00' },
};

beforeAll(async () => {
  api = await apiStack('2026-03-16T10:00:00+08:00');
  const { db } = api.database;
  for (const [name, s] of Object.entries(SEEDS)) {
    ids[name] = await seedProcess(db, s);
    if (s.late)
      await seedViolation(db, { workflowId: ids[name]!, departmentCode: s.departmentCode, occurredAt: `${s.due}T00:00:00+08:00` });
  }
});
afterAll(async () => api?.close());

describe('GET /v1/supervision/board', () => {
  it('counts red, yellow and green, ranks departments by on-time rate, trends six months and lays out the due dates', async () => {
    const res = await api.call('reviewer', 'GET', '/v1/supervision/board');
    expect(res.statusCode).toBe(200);
    const board = res.json();
    expect(board.year).toBe(2026);
    expect(board.totals).toEqual({ normal: 1, warning: 1, overdue: 3 });
    // civil: 2 closed in 2026, none late → 100 %; market: 3 closed, M1 late → 2/3 = 66.7 %
    expect(board.departments).toEqual([
      { code: 'civil', name: '县民政局', normal: 1, warning: 0, overdue: 1, closed: 2, late: 0, onTimeRate: 100, rank: 1 },
      { code: 'market', name: '县市场监督管理局', normal: 0, warning: 1, overdue: 2, closed: 3, late: 1, onTimeRate: 66.7, rank: 2 },
    ]);
    expect(board.trend).toEqual([
      { month: '2025-10', closed: 0, late: 0, onTimeRate: null },
      { month: '2025-11', closed: 0, late: 0, onTimeRate: null },
      { month: '2025-12', closed: 1, late: 0, onTimeRate: 100 },
      { month: '2026-01', closed: 1, late: 1, onTimeRate: 0 },
      { month: '2026-02', closed: 3, late: 0, onTimeRate: 100 },
      { month: '2026-03', closed: 1, late: 0, onTimeRate: 100 },
    ]);
    expect(board.month).toBe('2026-03');
    expect(board.dueByDay).toEqual([
      { date: '2026-03-10', normal: 0, warning: 0, overdue: 1 },
      { date: '2026-03-12', normal: 0, warning: 0, overdue: 1 },
      { date: '2026-03-13', normal: 0, warning: 0, overdue: 1 },
      { date: '2026-03-17', normal: 0, warning: 1, overdue: 0 },
      { date: '2026-03-31', normal: 1, warning: 0, overdue: 0 },
    ]);
  });

  it('a department sees only its own; filters by department and month; 400 for a bad month; 403 for applicants', async () => {
    const own = (await api.call('market-staff', 'GET', '/v1/supervision/board')).json();
    expect(own.totals).toEqual({ normal: 0, warning: 1, overdue: 2 });
    expect(own.departments.map((d: { code: string }) => d.code)).toEqual(['market']);
    const civil = (await api.call('auditor', 'GET', '/v1/supervision/board?departmentCode=civil&month=2026-04')).json();
    expect(civil.totals).toEqual({ normal: 1, warning: 0, overdue: 1 });
    expect(civil.dueByDay).toEqual([]);
    expect((await api.call('reviewer', 'GET', '/v1/supervision/board?month=2026-13')).statusCode).toBe(400);
    expect((await api.call('applicant', 'GET', '/v1/supervision/board')).statusCode).toBe(403);
  });
});

describe('GET /v1/deadlines overdue in working days', () => {
  it('counts the working days after the due day, and those left before it', async () => {
    const items = (await api.call('reviewer', 'GET', '/v1/deadlines')).json().items as {
      workflowId: string;
      overdueWorkingDays: number;
      workingDaysLeft: number;
      urgeable: boolean;
    }[];
    const of = (name: string) => items.find((i) => i.workflowId === ids[name])!;
    expect(of('A').overdueWorkingDays).toBe(4);
    expect(of('E').overdueWorkingDays).toBe(2);
    expect(of('D').overdueWorkingDays).toBe(1);
    expect(of('B')).toMatchObject({ overdueWorkingDays: 0, workingDaysLeft: 1 });
    // 17–20, 23–27, 30, 31 March
    expect(of('C')).toMatchObject({ overdueWorkingDays: 0, workingDaysLeft: 11 });
    // the authority may urge the departments' yellow and red rows, not the green one nor its own (E)
    expect(['A', 'B', 'C', 'D', 'E'].map((n) => of(n).urgeable)).toEqual([true, true, false, true, false]);
  });
});

describe('POST /v1/supervision/urges', () => {
  const urge = (user: string, name: string, requestId: string, note = '请于两个工作日内办结') =>
    api.call(user, 'POST', '/v1/supervision/urges', { requestId, workflowId: ids[name] ?? name, note });

  it('the authority urges a department: one record, one notice, one timeline event, audited; a repeat changes nothing', async () => {
    const res = await urge('reviewer', 'A', 'urge-A-0001');
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ workflowId: ids.A, holderKind: 'department', departmentCode: 'market' });
    expect((await urge('reviewer', 'A', 'urge-A-0001')).json().id).toBe(res.json().id);
    const { db } = api.database;
    expect(await db.select().from(supervisionUrges).where(eq(supervisionUrges.workflowId, ids.A!))).toHaveLength(1);
    const notices = await db.select().from(notifications).where(eq(notifications.workflowId, ids.A!));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({
      departmentCode: 'market',
      message: `县大数据发展局督办：数据校核 ${ids.A} 已超期 4 个工作日，请抓紧办理。督办意见：请于两个工作日内办结`,
    });
    const events = await db
      .select()
      .from(processEvents)
      .where(and(eq(processEvents.workflowId, ids.A!), eq(processEvents.kind, 'supervision_urged')));
    expect(events).toHaveLength(1);
    const audited = await db.select().from(auditLog).where(eq(auditLog.action, 'POST /v1/supervision/urges'));
    expect(audited.filter((a) => a.target === ids.A)).toHaveLength(2);
    // the market department reads it, and the board shows it was urged
    const inbox = (await api.call('market-staff', 'GET', '/v1/notifications')).json();
    expect(JSON.stringify(inbox)).toContain('已超期 4 个工作日');
    const item = (await api.call('reviewer', 'GET', '/v1/deadlines'))
      .json()
      .items.find((i: { workflowId: string }) => i.workflowId === ids.A);
    expect(item.urged.count).toBe(1);
  });

  it('the county government urges the authority; each only the party it supervises', async () => {
    const county = await urge('county', 'E', 'urge-E-0001');
    expect(county.statusCode).toBe(201);
    expect(county.json()).toMatchObject({ holderKind: 'authority', departmentCode: 'county-data' });
    expect((await urge('reviewer', 'E', 'urge-E-0002')).json()).toMatchObject({ statusCode: 403, code: 'URGE_NOT_SUPERVISOR' });
    expect((await urge('county', 'D', 'urge-D-0001')).json()).toMatchObject({ statusCode: 403, code: 'URGE_NOT_SUPERVISOR' });
  });

  it('refuses a green deadline, a closed process, an unknown one, a blank note and other roles', async () => {
    expect((await urge('reviewer', 'C', 'urge-C-0001')).json()).toMatchObject({ statusCode: 409, code: 'URGE_NOT_DUE' });
    expect((await urge('reviewer', 'M2', 'urge-M2-0001')).json()).toMatchObject({ statusCode: 409, code: 'PROCESS_CLOSED' });
    expect((await urge('reviewer', 'correction-nope', 'urge-X-0001')).statusCode).toBe(404);
    expect((await urge('reviewer', 'D', 'urge-D-0002', '   ')).json()).toMatchObject({ statusCode: 422, code: 'REASON_REQUIRED' });
    expect((await urge('market-head', 'A', 'urge-A-0002')).statusCode).toBe(403);
    expect((await urge('auditor', 'A', 'urge-A-0003')).statusCode).toBe(403);
    expect(await api.database.db.select().from(supervisionUrges)).toHaveLength(2);
  });
});
