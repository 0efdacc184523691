import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { apiTokens, sessions, users } from '../../db/schema';
import { hashToken } from '../../db/repositories/identity.repo';
import type { Database } from '../../db/client';
import { accountsApp, sessionOf, signInWith } from '../helpers/accounts';
import { TEST_PASSWORD } from '../helpers/db';

let app: FastifyInstance;
let database: Database;
let close: () => Promise<void>;
// The test's own wall clock, moved by hand: 2025-10-09 10:00 Beijing.
let nowMs = Date.parse('2025-10-09T02:00:00Z');
beforeAll(async () => {
  ({ app, database, close } = await accountsApp({
    clock: () => nowMs,
    lockout: { maxFailures: 3, lockMinutes: 10 },
    sessionIdleMinutes: 30,
  }));
});
afterAll(async () => close?.());

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('POST /v1/session (password sign-in)', () => {
  it('sets an httpOnly, SameSite=Strict session cookie and answers who signed in, with a CSRF token', async () => {
    const res = await signInWith(app, 'market-staff');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      username: 'market-staff',
      role: 'department_staff',
      departmentCode: 'market',
      mustChangePassword: false,
    });
    expect(res.json().csrfToken).toEqual(expect.any(String));
    const cookie = res.cookies.find((c) => c.name === 'county_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    // plain HTTP here: no Secure flag (it is set when the console is served over HTTPS)
    expect(cookie.secure).toBeFalsy();
    const [row] = await database.db.select().from(users).where(eq(users.username, 'market-staff'));
    expect(row!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row!.lastSignInAt?.toISOString()).toBe('2025-10-09T02:00:00.000Z');
  });

  it('the next sign-in shows the previous one (上次登录)', async () => {
    nowMs += 60_000;
    const res = await signInWith(app, 'market-staff');
    expect(res.json().previousSignIn).toEqual({ at: '2025-10-09T02:00:00.000Z', ip: '127.0.0.1' });
  });

  it('a wrong password is 401 naming the attempts left; the 3rd failure locks the account for 10 minutes, the right password included', async () => {
    const wrong = await signInWith(app, 'civil-staff', 'Wrong-Passw0rd');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ code: 'SIGN_IN_FAILED', message: '用户名或密码错误（再失败 2 次将锁定账号）' });
    expect((await signInWith(app, 'civil-staff', 'Wrong-Passw0rd')).statusCode).toBe(401);
    const third = await signInWith(app, 'civil-staff', 'Wrong-Passw0rd');
    expect(third.statusCode).toBe(423);
    // locked at 10:01 Beijing + 10 minutes
    expect(third.json()).toMatchObject({
      code: 'ACCOUNT_LOCKED',
      message: '连续登录失败次数过多，账号已锁定至 2025-10-09 10:11（北京时间）',
    });
    expect((await signInWith(app, 'civil-staff')).statusCode).toBe(423);
    nowMs += 10 * 60_000;
    expect((await signInWith(app, 'civil-staff')).statusCode).toBe(200);
  });

  it('an unknown user is told exactly what a wrong password is told', async () => {
    const res = await signInWith(app, 'nobody');
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'SIGN_IN_FAILED', message: '用户名或密码错误' });
  });
});

describe('CSRF and the session cookie', () => {
  it('a state-changing request of a cookie session without the CSRF token is 403; with it, it passes', async () => {
    const s = await sessionOf(app, 'market-head');
    const refused = await s.call('DELETE', '/v1/session', undefined, { csrf: false });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'CSRF_INVALID' });
    const forged = await app.inject({ method: 'DELETE', url: '/v1/session', headers: { cookie: s.cookie, 'x-csrf-token': 'forged' } });
    expect(forged.statusCode).toBe(403);
    expect((await s.call('GET', '/v1/me')).statusCode).toBe(200);
    expect((await s.call('DELETE', '/v1/session')).statusCode).toBe(200);
    // signed out: the cookie signs no one in any more
    expect((await s.call('GET', '/v1/me')).statusCode).toBe(401);
  });

  it('a session unused for the idle timeout (30 minutes) has ended; one in use stays', async () => {
    const s = await sessionOf(app, 'reviewer');
    nowMs += 29 * 60_000;
    expect((await s.call('GET', '/v1/me')).statusCode).toBe(200);
    nowMs += 29 * 60_000;
    expect((await s.call('GET', '/v1/me')).statusCode).toBe(200);
    nowMs += 30 * 60_000;
    const expired = await s.call('GET', '/v1/me');
    expect(expired.statusCode).toBe(401);
    expect(expired.json().code).toBe('UNAUTHENTICATED');
  });

  it('the store holds no session id in the clear', async () => {
    const s = await sessionOf(app, 'county');
    const sid = decodeURIComponent(s.cookie.split('=')[1]!).split('.')[0]!;
    const rows = await database.db.select({ idHash: sessions.idHash }).from(sessions);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.idHash)).not.toContain(sid);
  });
});

describe('forced password change', () => {
  it('after a reset nothing but the change is allowed; a weak password is 422 naming the rule; the change frees the account', async () => {
    await database.db.update(users).set({ mustChangePassword: true }).where(eq(users.username, 'civil-head'));
    const s = await sessionOf(app, 'civil-head');
    expect(s.signIn.json().mustChangePassword).toBe(true);
    const blocked = await s.call('GET', '/v1/me/tokens');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('PASSWORD_CHANGE_REQUIRED');
    const weak = await s.call('PUT', '/v1/me/password', { currentPassword: TEST_PASSWORD, newPassword: 'abcdefgh1' });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().message).toBe('新密码不符合要求：应至少包含大写字母、小写字母、数字、其他字符中的 3 类');
    const wrong = await s.call('PUT', '/v1/me/password', { currentPassword: 'not-it', newPassword: 'Civil#Head2025' });
    expect(wrong.json().code).toBe('CURRENT_PASSWORD_WRONG');
    expect((await s.call('PUT', '/v1/me/password', { currentPassword: TEST_PASSWORD, newPassword: 'Civil#Head2025' })).statusCode).toBe(
      200,
    );
    expect((await s.call('GET', '/v1/me/tokens')).statusCode).toBe(200);
    expect((await signInWith(app, 'civil-head', TEST_PASSWORD)).statusCode).toBe(401);
    expect((await signInWith(app, 'civil-head', 'Civil#Head2025')).statusCode).toBe(200);
  });
});

describe('personal access tokens', () => {
  it('a revoked token is 401 at the next request, although its lookup was cached', async () => {
    expect((await app.inject({ method: 'GET', url: '/v1/me', headers: bearer('demo-civil-staff') })).statusCode).toBe(200);
    const s = await sessionOf(app, 'civil-staff');
    const [mine] = (await s.call('GET', '/v1/me/tokens')).json().items;
    expect(mine).toMatchObject({ label: '演示令牌', revokedAt: null });
    // a token id that is no UUID is a 400 naming the parameter, not a query the database refuses
    expect((await s.call('DELETE', '/v1/me/tokens/0')).json()).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect((await s.call('DELETE', `/v1/me/tokens/${mine.id}`)).statusCode).toBe(200);
    const after = await app.inject({ method: 'GET', url: '/v1/me', headers: bearer('demo-civil-staff') });
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('UNAUTHENTICATED');
  });

  it('an expired token is 401, also when it expires while its lookup is cached', async () => {
    const [u] = await database.db.select().from(users).where(eq(users.username, 'auditor'));
    await database.db.insert(apiTokens).values({
      tokenHash: hashToken('expiring-token-1'),
      userId: u!.id,
      label: 'x',
      roles: ['auditor'],
      expiresAt: new Date(nowMs + 60_000),
    });
    expect((await app.inject({ method: 'GET', url: '/v1/me', headers: bearer('expiring-token-1') })).statusCode).toBe(200);
    nowMs += 60_000;
    expect((await app.inject({ method: 'GET', url: '/v1/me', headers: bearer('expiring-token-1') })).statusCode).toBe(401);
  });

  it('a token works only while its user holds one of its roles', async () => {
    const [u] = await database.db.select().from(users).where(eq(users.username, 'county'));
    await database.db.insert(apiTokens).values({ tokenHash: hashToken('scoped-token-1'), userId: u!.id, label: 'x', roles: ['auditor'] });
    const res = await app.inject({ method: 'GET', url: '/v1/me', headers: bearer('scoped-token-1') });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'TOKEN_SCOPE', message: '该令牌不适用于当前角色（县人民政府）' });
  });
});
