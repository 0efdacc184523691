// Issue 16: edge values that used to reach the database or the calendar and come back as a
// masked 500. Each is now refused at the edge with 400 and a code saying what was wrong.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiStack, type ApiStack } from '../helpers/api';

let api: ApiStack;
beforeAll(async () => {
  api = await apiStack();
});
afterAll(async () => api?.close());

describe('edge input', () => {
  it.each([
    ['/v1/calendar/deadline?from=9999-12-31&workingDays=10', 'querystring.from'],
    ['/v1/calendar/deadline?from=0001-01-01&workingDays=10', 'querystring.from'],
    ['/v1/violations?from=0001-01-01', 'querystring.from'],
    ['/v1/violations?to=2100-01-01', 'querystring.to'],
  ])('%s: 400 DATE_OUT_OF_RANGE', async (url, path) => {
    const res = await api.call('reviewer', 'GET', url);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'DATE_OUT_OF_RANGE', message: '日期应在 2000-01-01 至 2099-12-31 之间' });
    expect(res.json().details.map((d: { path: string }) => d.path)).toContain(path);
  });

  it('a malformed date keeps the format message', async () => {
    const res = await api.call('reviewer', 'GET', '/v1/calendar/deadline?from=2025-02-30&workingDays=10');
    expect(res.json()).toMatchObject({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      details: [{ path: 'querystring.from', message: '日期格式应为 YYYY-MM-DD，且为真实日期' }],
    });
  });

  it.each([
    ['reviewer', 'GET', '/v1/catalog/versions/3000000000'],
    ['reviewer', 'GET', '/v1/catalog/diff?from=1&to=3000000000'],
    ['market-staff', 'POST', '/v1/notifications/99999999999999999999/read'],
  ] as const)('%s %s %s: 400, not a 500', async (user, method, url) => {
    const res = await api.call(user, method, url, method === 'POST' ? {} : undefined);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
  });

  it('the last day in range still counts: 2099-12-01 plus 10 working days', async () => {
    const res = await api.call('reviewer', 'GET', '/v1/calendar/deadline?from=2099-12-01&workingDays=10');
    expect(res.statusCode).toBe(200);
    // 2099-12-01 is a Tuesday; no schedule is loaded for 2099, so only weekends are off: 12-15.
    expect(res.json()).toMatchObject({ due: '2099-12-15', provisional: true });
  });
});
