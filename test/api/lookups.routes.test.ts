// The names the console shows instead of codes (issue 15): departments by name, the calendar in
// words, and refusals that name the caller's role in Chinese.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiStack, type ApiStack } from '../helpers/api';

let api: ApiStack;
beforeAll(async () => {
  api = await apiStack();
});
afterAll(async () => api?.close());

describe('GET /v1/departments', () => {
  it('every department with its Chinese name and kind, to any signed-in role; 401 without a token', async () => {
    for (const user of ['applicant', 'market-staff', 'auditor', 'admin']) {
      const res = await api.call(user, 'GET', '/v1/departments');
      expect(res.statusCode, user).toBe(200);
      expect(res.json().items).toEqual(
        expect.arrayContaining([
          { code: 'market', name: '县市场监督管理局', kind: 'department', active: true },
          { code: 'civil', name: '县民政局', kind: 'department', active: true },
          { code: 'county-data', name: '县大数据发展局', kind: 'authority', active: true },
          { code: 'county-gov', name: '县人民政府', kind: 'county_government', active: true },
        ]),
      );
    }
    expect((await api.call(null, 'GET', '/v1/departments')).statusCode).toBe(401);
  });
});

describe('GET /v1/calendar/current', () => {
  it('names the State Council schedule it follows, then counts an administrator’s correction', async () => {
    const before = (await api.call('market-staff', 'GET', '/v1/calendar/current')).json();
    // chinese-days 1.5.7 carries schedules up to 2026; the test database has no override.
    expect(before.description).toBe('国务院办公厅 2026 年安排');
    const put = await api.call('admin', 'PUT', '/v1/calendar/overrides/2026-12-31', { kind: 'holiday', reason: '县政府通知' });
    expect(put.statusCode).toBe(200);
    const after = (await api.call('applicant', 'GET', '/v1/calendar/current')).json();
    expect(after).toEqual({ version: put.json().calendarVersion, description: '国务院办公厅 2026 年安排，另有 1 处调整' });
    expect(after.version).not.toBe(before.version);
  });
});

describe('role refusals', () => {
  it('name the role in Chinese, never its code', async () => {
    const res = await api.call('applicant', 'GET', '/v1/deadlines');
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'FORBIDDEN_ROLE', message: '当前角色（申请人）无权执行此操作' });
    const staff = await api.call('market-staff', 'GET', '/v1/calendar/overrides');
    expect(staff.json().message).toBe('当前角色（部门工作人员）无权执行此操作');
  });
});
