import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { Database } from '../../db/client';
import { accountsApp, sessionOf, signInWith } from '../helpers/accounts';
import { actorOf } from '../helpers/actors';

let app: FastifyInstance;
let database: Database;
let close: () => Promise<void>;
// 2025-10-09 10:00 Beijing, moved by hand
let nowMs = Date.parse('2025-10-09T02:00:00Z');
beforeAll(async () => {
  ({ app, database, close } = await accountsApp({ clock: () => nowMs }));
});
afterAll(async () => close?.());

const as = (username: string, method: InjectOptions['method'], url: string, payload?: unknown) =>
  app.inject({
    method,
    url,
    headers: { authorization: `Bearer demo-${username}` },
    ...(payload !== undefined && { payload: payload as object }),
  });
const security = (method: InjectOptions['method'], url: string, payload?: unknown) => as('security-admin', method, url, payload);

describe('users and the one 主要负责人 of a department', () => {
  it('a second active head of 市场监管局 is 409 naming the one in office, on creation and on a role change', async () => {
    const created = await security('POST', '/v1/admin/users', {
      username: 'market-head-2',
      displayName: '市场监管局 钱副局长',
      role: 'department_head',
      departmentCode: 'market',
      password: 'Initial#Pass1',
    });
    expect(created.statusCode).toBe(409);
    expect(created.json()).toMatchObject({ code: 'HEAD_EXISTS', message: expect.stringContaining('市场监管局 李局长（market-head）') });
    const staff = await actorOf(database.db, 'market-staff');
    const promoted = await security('PATCH', `/v1/admin/users/${staff.userId}`, { role: 'department_head' });
    expect(promoted.statusCode).toBe(409);
    expect(promoted.json().code).toBe('HEAD_EXISTS');
  });

  it('two heads of one department asked for at once: one is made, the other is 409 HEAD_EXISTS naming it (not a 500)', async () => {
    // a department of its own, without a head: both requests pass the check before either writes
    expect((await security('POST', '/v1/admin/departments', { code: 'archives', name: '县档案馆', kind: 'department' })).statusCode).toBe(
      201,
    );
    const head = (username: string, displayName: string) => ({
      username,
      displayName,
      role: 'department_head',
      departmentCode: 'archives',
      password: 'Initial#Pass1',
    });
    const created = await Promise.all([
      security('POST', '/v1/admin/users', head('archives-head-a', '档案馆 赵馆长')),
      security('POST', '/v1/admin/users', head('archives-head-b', '档案馆 钱馆长')),
    ]);
    expect(created.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const winner = created.find((r) => r.statusCode === 201)!.json();
    const loser = created.find((r) => r.statusCode === 409)!.json();
    expect(loser).toMatchObject({ code: 'HEAD_EXISTS', message: expect.stringContaining(`${winner.displayName}（${winner.username}）`) });

    // the same race by role change, after the head is stood down (on PGlite's one connection these
    // two run one after the other: the race shows on PostgreSQL, where the loser got a 500)
    await security('PATCH', `/v1/admin/users/${winner.id}`, { role: 'department_staff' });
    const other = await security('POST', '/v1/admin/users', { ...head('archives-staff', '档案馆 孙科员'), role: 'department_staff' });
    const promoted = await Promise.all(
      [winner.id, other.json().id].map((id) => security('PATCH', `/v1/admin/users/${id}`, { role: 'department_head' })),
    );
    expect(promoted.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(promoted.find((r) => r.statusCode === 409)!.json().code).toBe('HEAD_EXISTS');
  });

  it('a new user signs in with the initial password and must change it first', async () => {
    const created = await security('POST', '/v1/admin/users', {
      username: 'civil-staff-2',
      displayName: '民政局 孙科员',
      role: 'department_staff',
      departmentCode: 'civil',
      password: 'Initial#Pass1',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ role: 'department_staff', mustChangePassword: true, active: true });
    const s = await sessionOf(app, 'civil-staff-2', 'Initial#Pass1');
    expect(s.signIn.json().mustChangePassword).toBe(true);
    expect((await s.call('GET', '/v1/inbox')).json().code).toBe('PASSWORD_CHANGE_REQUIRED');
  });

  it('a deactivated user is refused at the next request, by session and by token, although both lookups were cached', async () => {
    const s = await sessionOf(app, 'civil-staff');
    expect((await s.call('GET', '/v1/me')).statusCode).toBe(200);
    expect((await as('civil-staff', 'GET', '/v1/me')).statusCode).toBe(200);
    const { userId } = await actorOf(database.db, 'civil-staff');
    expect((await security('PATCH', `/v1/admin/users/${userId}`, { active: false })).json().active).toBe(false);
    expect((await s.call('GET', '/v1/me')).statusCode).toBe(401);
    expect((await as('civil-staff', 'GET', '/v1/me')).statusCode).toBe(401);
    expect((await signInWith(app, 'civil-staff')).statusCode).toBe(401);
  });

  it('a role change takes effect at the next request', async () => {
    const s = await sessionOf(app, 'reviewer');
    expect((await s.call('GET', '/v1/me')).json().role).toBe('authority_reviewer');
    const { userId } = await actorOf(database.db, 'reviewer');
    await security('PATCH', `/v1/admin/users/${userId}`, { role: 'auditor' });
    expect((await s.call('GET', '/v1/me')).json().role).toBe('auditor');
  });

  it('nobody changes their own role or account (403), nor issues a token to themselves', async () => {
    const { userId } = await actorOf(database.db, 'security-admin');
    const self = await security('PATCH', `/v1/admin/users/${userId}`, { role: 'audit_admin' });
    expect(self.statusCode).toBe(403);
    expect(self.json().code).toBe('SELF_ADMINISTRATION');
    const token = await security('POST', `/v1/admin/users/${userId}/tokens`, { label: 'x', roles: ['security_admin'], expiresInDays: 30 });
    expect(token.statusCode).toBe(403);
  });
});

describe('dated deputies (代理)', () => {
  it('acts as the head of 民政局 only from 2025-10-10 to 2025-10-12, both days included', async () => {
    const { userId } = await actorOf(database.db, 'civil-staff-2');
    const appointed = await security('POST', '/v1/admin/departments/civil/deputies', {
      userId,
      startsOn: '2025-10-10',
      endsOn: '2025-10-12',
    });
    expect(appointed.statusCode).toBe(201);
    // a token issued by the security administrator, in the staff role
    const issued = await security('POST', `/v1/admin/users/${userId}/tokens`, {
      label: '代理测试',
      roles: ['department_staff'],
      expiresInDays: 30,
    });
    expect(issued.statusCode).toBe(201);
    const roleOn = async (instant: string) => {
      nowMs = Date.parse(instant);
      const res = await app.inject({ method: 'GET', url: '/v1/me', headers: { authorization: `Bearer ${issued.json().token}` } });
      return res.json().role;
    };
    expect(await roleOn('2025-10-09T15:59:59Z')).toBe('department_staff'); // 10-09 23:59:59 Beijing
    expect(await roleOn('2025-10-09T16:00:00Z')).toBe('department_head'); // 10-10 00:00 Beijing
    expect(await roleOn('2025-10-12T15:59:59Z')).toBe('department_head'); // 10-12 23:59:59 Beijing
    expect(await roleOn('2025-10-12T16:00:00Z')).toBe('department_staff'); // 10-13 00:00 Beijing
  });

  it('is listed 未开始 before its first day, 生效中 on it, 已结束 after its last', async () => {
    const { userId } = await actorOf(database.db, 'civil-staff-2');
    const appointed = await security('POST', '/v1/admin/departments/civil/deputies', {
      userId,
      startsOn: '2025-11-03',
      endsOn: '2025-11-05',
    });
    const stateOn = async (instant: string) => {
      nowMs = Date.parse(instant);
      const items = (await security('GET', '/v1/admin/deputies')).json().items as { id: number; state: string }[];
      return items.find((d) => d.id === appointed.json().id)?.state;
    };
    expect(await stateOn('2025-11-02T15:59:59Z')).toBe('upcoming'); // 11-02 23:59:59 Beijing
    expect(await stateOn('2025-11-02T16:00:00Z')).toBe('acting'); // 11-03 00:00 Beijing
    expect(await stateOn('2025-11-05T16:00:00Z')).toBe('ended'); // 11-06 00:00 Beijing
    expect((await security('DELETE', `/v1/admin/deputies/${appointed.json().id}`)).statusCode).toBe(200);
    expect(await stateOn('2025-11-04T00:00:00Z')).toBeUndefined();
  });

  it('a deputy must be staff of that department; the end may not precede the start', async () => {
    const { userId } = await actorOf(database.db, 'market-staff');
    expect(
      (await security('POST', '/v1/admin/departments/civil/deputies', { userId, startsOn: '2025-10-10', endsOn: '2025-10-12' })).json()
        .code,
    ).toBe('DEPUTY_NOT_STAFF');
    expect(
      (await security('POST', '/v1/admin/departments/market/deputies', { userId, startsOn: '2025-10-12', endsOn: '2025-10-10' })).json()
        .code,
    ).toBe('DEPUTY_DATES');
  });
});

describe('tokens issued by the security administrator', () => {
  it('shown once, works, and is 401 at the next request after revocation', async () => {
    const { userId } = await actorOf(database.db, 'county');
    const issued = await security('POST', `/v1/admin/users/${userId}/tokens`, {
      label: '县政府接口',
      roles: ['county_government'],
      expiresInDays: 7,
    });
    expect(issued.statusCode).toBe(201);
    const { id, token, expiresAt } = issued.json();
    expect(expiresAt).toBe(new Date(nowMs + 7 * 86_400_000).toISOString());
    const call = () => app.inject({ method: 'GET', url: '/v1/me', headers: { authorization: `Bearer ${token}` } });
    expect((await call()).statusCode).toBe(200);
    const listed = (await security('GET', '/v1/admin/tokens')).json().items.find((t: { id: string }) => t.id === id);
    expect(listed).toMatchObject({ label: '县政府接口', roles: ['county_government'] });
    expect(JSON.stringify(listed)).not.toContain(token);
    expect((await security('DELETE', `/v1/admin/tokens/${id}`)).statusCode).toBe(200);
    expect((await call()).statusCode).toBe(401);
  });
});

describe('the operation log (audit administrator)', () => {
  it('lists what the administrators did, and nothing else, each operation in Chinese with who did it', async () => {
    const res = await as('audit-admin', 'GET', '/v1/admin/operation-log?limit=500');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { role: string; action: string; actionLabel: string; userName: string }[];
    expect(items).toContainEqual(
      expect.objectContaining({
        action: 'PATCH /v1/admin/users/:id',
        actionLabel: '调整用户的姓名、部门、角色，或停用、启用',
        role: 'security_admin',
        userName: '安全管理员',
      }),
    );
    expect(items).toContainEqual(expect.objectContaining({ action: 'DELETE /v1/admin/tokens/:id', actionLabel: '吊销访问令牌' }));
    expect(new Set(items.map((i) => i.role))).toEqual(new Set(['security_admin']));
  });

  it('pages by cursor and filters by role; a role outside the three administrators is a 400', async () => {
    const all = (await as('audit-admin', 'GET', '/v1/admin/operation-log?limit=500')).json().items as { id: number }[];
    expect(all.length).toBeGreaterThan(2);
    const first = (await as('audit-admin', 'GET', '/v1/admin/operation-log?limit=2')).json();
    expect(first.items.map((i: { id: number }) => i.id)).toEqual([all[0]!.id, all[1]!.id]);
    expect(first.nextCursor).toBe(all[1]!.id);
    const second = (await as('audit-admin', 'GET', `/v1/admin/operation-log?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.items[0].id).toBe(all[2]!.id);
    expect((await as('audit-admin', 'GET', '/v1/admin/operation-log?role=system_admin')).json().items).toEqual([]);
    expect((await as('audit-admin', 'GET', '/v1/admin/operation-log?role=auditor')).statusCode).toBe(400);
    // beyond a bigint: refused, never sent to the database
    expect((await as('audit-admin', 'GET', '/v1/admin/operation-log?cursor=99999999999999999999')).statusCode).toBe(400);
  });
});
