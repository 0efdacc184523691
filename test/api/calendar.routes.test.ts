import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiStack, type ApiStack } from '../helpers/api';
import { eventually } from '../helpers/wait';
import { correctionFiling } from '../helpers/corrections';

let api: ApiStack;
beforeAll(async () => {
  api = await apiStack();
});
afterAll(async () => api?.close());

describe('GET /v1/calendar/deadline', () => {
  it('counts across National Day 2025 and Spring Festival 2026 on the official schedule', async () => {
    const national = await api.call('market-staff', 'GET', '/v1/calendar/deadline?from=2025-09-26&workingDays=10');
    expect(national.statusCode).toBe(200);
    expect(national.json()).toMatchObject({ due: '2025-10-16', endsAt: '2025-10-17T00:00:00+08:00', provisional: false });
    // 2026 春节: Feb 15–23 off, Feb 14 and Feb 28 (Saturdays) worked.
    expect((await api.call('applicant', 'GET', '/v1/calendar/deadline?from=2026-02-12&workingDays=10')).json().due).toBe('2026-03-04');
  });

  it('marks a deadline in an unpublished year provisional; 元旦 2027-01-01 is off even so', async () => {
    // Thu 2026-12-24: 12-25 (1) 12-28..31 (2-5) 01-01 元旦 01-04..08 (6-10)
    expect((await api.call('auditor', 'GET', '/v1/calendar/deadline?from=2026-12-24&workingDays=10')).json()).toMatchObject({
      due: '2027-01-08',
      provisional: true,
    });
  });

  it('400 for impossible dates, out-of-range counts and unknown parameters; 401 without a token', async () => {
    for (const q of [
      'from=2025-02-30&workingDays=10',
      'from=2025-09-26&workingDays=0',
      'from=2025-09-26&workingDays=abc',
      'from=26/09/2025&workingDays=10',
      'from=2025-09-26&workingDays=10&x=1',
    ]) {
      const res = await api.call('market-staff', 'GET', `/v1/calendar/deadline?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    }
    expect((await api.call(null, 'GET', '/v1/calendar/deadline?from=2025-09-26&workingDays=10')).statusCode).toBe(401);
  });
});

describe('calendar administration', () => {
  it('only admins change the calendar', async () => {
    for (const user of ['market-staff', 'market-head', 'reviewer', 'auditor', 'applicant']) {
      expect((await api.call(user, 'PUT', '/v1/calendar/overrides/2026-12-31', { kind: 'holiday', reason: 'x' })).statusCode, user).toBe(
        403,
      );
    }
  });

  it('loading the 2027 schedule ends the provisional mark; an override moves a due date; open processes are told to recount', async () => {
    const filed = await api.call('applicant', 'POST', '/v1/corrections', correctionFiling());
    const { workflowId } = filed.json() as { workflowId: string };
    const process = async () => (await api.call('auditor', 'GET', `/v1/processes/${workflowId}`)).json().process;
    await eventually(async () => expect((await process()).calendarVersion).toBeTruthy());
    const before = await process();

    const loaded = await api.call('admin', 'PUT', '/v1/calendar/years/2027', {
      source: '国务院办公厅关于2027年部分节假日安排的通知（演示数据）',
      holidays: ['2027-01-01'],
      workdays: [],
    });
    expect(loaded.statusCode).toBe(200);
    expect(loaded.json().recountWorkflowId).toBe(`calendar-change-${loaded.json().calendarVersion}`);
    expect((await api.call('auditor', 'GET', '/v1/calendar/deadline?from=2026-12-24&workingDays=10')).json()).toMatchObject({
      due: '2027-01-08',
      provisional: false,
    });

    // Its own due date: made a holiday, the period ends one working day later.
    const override = await api.call('admin', 'PUT', `/v1/calendar/overrides/${before.dueDate}`, {
      kind: 'holiday',
      reason: '临时调整（测试）',
    });
    expect(override.statusCode).toBe(200);
    await eventually(async () => {
      const after = await process();
      expect(after.calendarVersion).toBe(override.json().calendarVersion);
      expect(after.dueDate > before.dueDate).toBe(true);
    });
    const listed = await api.call('auditor', 'GET', '/v1/calendar/overrides');
    expect(listed.json().overrides).toContainEqual({ date: before.dueDate, kind: 'holiday', reason: '临时调整（测试）' });
    expect(listed.json().loadedYears).toEqual([{ year: 2027, source: expect.any(String) }]);

    expect((await api.call('admin', 'DELETE', `/v1/calendar/overrides/${before.dueDate}`)).statusCode).toBe(200);
    await eventually(async () => expect((await process()).dueDate).toBe(before.dueDate));
    expect((await api.call('admin', 'DELETE', '/v1/calendar/overrides/2030-01-02')).statusCode).toBe(404);
  });

  it('a notice may move days of the adjacent December and January (the 2019 notice moved 2018-12-29 and 2018-12-31)', async () => {
    const res = await api.call('admin', 'PUT', '/v1/calendar/years/2029', {
      source: '国务院办公厅关于2029年部分节假日安排的通知（演示数据）',
      holidays: ['2028-12-31', '2029-01-01'],
      workdays: ['2028-12-30'],
    });
    expect(res.statusCode).toBe(200);
    const listed = (await api.call('auditor', 'GET', '/v1/calendar/overrides')).json().overrides as { date: string; kind: string }[];
    expect(listed.filter((o) => o.date.startsWith('2028-12'))).toEqual([
      expect.objectContaining({ date: '2028-12-30', kind: 'workday' }),
      expect.objectContaining({ date: '2028-12-31', kind: 'holiday' }),
    ]);
    // Sat 2028-12-30 is worked: Fri 12-29 + 1 working day is that Saturday.
    expect((await api.call('auditor', 'GET', '/v1/calendar/deadline?from=2028-12-29&workingDays=1')).json().due).toBe('2028-12-30');
  });

  it('400 when a loaded year lists days of another year or one day twice', async () => {
    const other = await api.call('admin', 'PUT', '/v1/calendar/years/2028', { source: 'x', holidays: ['2027-10-01'], workdays: [] });
    expect(other.json()).toMatchObject({ statusCode: 400, code: 'DATE_OUTSIDE_YEAR' });
    expect(other.json().message).toBe('以下日期不属于 2028 年及相邻的 2027 年 12 月、2029 年 1 月：2027-10-01');
    const twice = await api.call('admin', 'PUT', '/v1/calendar/years/2028', {
      source: 'x',
      holidays: ['2028-10-01'],
      workdays: ['2028-10-01'],
    });
    expect(twice.json()).toMatchObject({ statusCode: 400, code: 'DAY_LISTED_TWICE' });
  });
});

describe('GET /health', () => {
  it('200 when Temporal and the database answer; liveness and docs need no token', async () => {
    expect((await api.call(null, 'GET', '/health')).json()).toEqual({ status: 'ok', temporal: { ok: true }, database: { ok: true } });
    expect((await api.call(null, 'GET', '/health/live')).statusCode).toBe(200);
    const docs = await api.call(null, 'GET', '/docs/json');
    expect(docs.statusCode).toBe(200);
    expect(Object.keys(docs.json().paths)).toEqual(
      expect.arrayContaining(['/v1/corrections', '/v1/processes/{id}/history', '/v1/calendar/deadline', '/v1/inbox']),
    );
  });
});
