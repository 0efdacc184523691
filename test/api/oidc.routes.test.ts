// Single sign-on by OpenID Connect (issue 17) under inject(), against a real OpenID provider in
// this process: off unless configured, the authorization code flow with PKCE, the refusals the
// login page shows, and the session a password sign-in would give.
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { auditLog, users } from '../../db/schema';
import { readEnv } from '../../env';
import { accountsApp, signInWith } from '../helpers/accounts';
import { freePort } from '../helpers/ports';
import { signInAtProvider, startOidcProvider, type TestProvider } from '../helpers/oidc-provider';

// never visited: inject() plays the browser coming back
const REDIRECT = 'http://127.0.0.1:3000/v1/session/oidc/callback';
// 2025-10-09 10:00 Beijing
const NOW = Date.parse('2025-10-09T02:00:00Z');

let provider: TestProvider;
let sso: { app: FastifyInstance; database: Database; close(): Promise<void> };
let plain: { app: FastifyInstance; close(): Promise<void> };

beforeAll(async () => {
  provider = await startOidcProvider({
    redirectUrl: REDIRECT,
    accounts: {
      zhang: { preferred_username: 'market-staff', department: 'market', county_role: 'keyuan' },
      impostor: { preferred_username: 'market-staff', department: 'market', county_role: 'security_admin' },
      anquan: { preferred_username: 'security-admin', county_role: 'keyuan' },
      stranger: { preferred_username: 'nobody-here', department: 'market', county_role: 'keyuan' },
      wang: { preferred_username: 'civil-staff', department: 'civil', county_role: 'keyuan' },
      zhao: { preferred_username: 'civil-head', department: 'market', county_role: 'fuzeren' },
      anonymous: { department: 'market', county_role: 'keyuan' },
    },
  });
  [sso, plain] = await Promise.all([accountsApp({ clock: () => NOW, oidc: readEnv(provider.env(REDIRECT)).oidc }), accountsApp()]);
});
afterAll(async () => {
  await Promise.all([sso?.close(), plain?.close()]);
  await provider?.close();
});

const TRANSACTION = 'county_sso';

/** The login page's button, the provider's pages as `login`, and the browser's return to the callback. */
async function ssoSignIn(login: string) {
  const start = await sso.app.inject({ method: 'GET', url: '/v1/session/oidc/start?next=/extensions' });
  const transaction = start.cookies.find((c) => c.name === TRANSACTION)!;
  const back = await signInAtProvider(start.headers.location as string, login, REDIRECT);
  return sso.app.inject({
    method: 'GET',
    url: `${back.pathname}${back.search}`,
    headers: { cookie: `${TRANSACTION}=${transaction.value}` },
  });
}

describe('SSO not configured', () => {
  it('the login page is told there is none; its routes are 404 SSO_DISABLED', async () => {
    const info = await plain.app.inject({ method: 'GET', url: '/v1/session/sso' });
    expect(info.json()).toEqual({ enabled: false, label: null });
    for (const url of ['/v1/session/oidc/start', '/v1/session/oidc/callback?state=x&code=y']) {
      const res = await plain.app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ code: 'SSO_DISABLED', message: '本系统未启用统一身份认证登录，请使用用户名和密码登录' });
    }
  });
});

describe('GET /v1/session/oidc/start', () => {
  it('a platform that does not answer: back to the login page with SSO_PROVIDER_FAILED, and the API keeps running', async () => {
    const issuer = `http://127.0.0.1:${await freePort()}`;
    // (its log line, the error the platform gave, is expected: not shown here)
    const down = await accountsApp({ logger: false, oidc: readEnv({ ...provider.env(REDIRECT), OIDC_ISSUER: issuer }).oidc });
    try {
      const res = await down.app.inject({ method: 'GET', url: '/v1/session/oidc/start' });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/login?ssoError=SSO_PROVIDER_FAILED');
      expect((await signInWith(down.app, 'market-head')).statusCode).toBe(200);
    } finally {
      await down.close();
    }
  });

  it('sends the browser to the provider with an authorization code request, PKCE S256, state and nonce', async () => {
    const info = await sso.app.inject({ method: 'GET', url: '/v1/session/sso' });
    expect(info.json()).toEqual({ enabled: true, label: '统一身份认证登录' });
    const res = await sso.app.inject({ method: 'GET', url: '/v1/session/oidc/start' });
    expect(res.statusCode).toBe(303);
    const to = new URL(res.headers.location as string);
    expect(to.origin).toBe(provider.issuer);
    expect(Object.fromEntries(to.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: 'county-console',
      redirect_uri: REDIRECT,
      scope: 'openid profile',
      code_challenge_method: 'S256',
    });
    // a S256 challenge is 43 base64url characters; state and nonce random
    expect(to.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(to.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(to.searchParams.get('nonce')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    const cookie = res.cookies.find((c) => c.name === TRANSACTION)!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/v1/session/oidc', maxAge: 600 });
    // the verifier travels in the signed cookie only, never to the provider's front channel
    expect(res.headers.location).not.toContain('code_verifier');
  });

  it('a next page on another site is refused (400), so the button cannot be made an open redirect', async () => {
    const res = await sso.app.inject({ method: 'GET', url: '/v1/session/oidc/start?next=//evil.example/' });
    expect(res.statusCode).toBe(400);
  });
});

describe('GET /v1/session/oidc/callback', () => {
  it('signs in the local user the claims name, opens the page asked for, with the session and CSRF token of a password sign-in', async () => {
    // a password reset pending: it is the platform's password that signed in, so no forced change
    await sso.database.db.update(users).set({ mustChangePassword: true }).where(eq(users.username, 'market-staff'));
    const res = await ssoSignIn('zhang');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/extensions');
    const session = res.cookies.find((c) => c.name === 'county_session')!;
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    const me = await sso.app.inject({ method: 'GET', url: '/v1/me', headers: { cookie: `county_session=${session.value}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      username: 'market-staff',
      role: 'department_staff',
      departmentCode: 'market',
      mustChangePassword: false,
    });
    expect(me.json().csrfToken).toEqual(expect.any(String));
    // a page past the password change opens (a password session would get 403 PASSWORD_CHANGE_REQUIRED)
    const tokens = await sso.app.inject({ method: 'GET', url: '/v1/me/tokens', headers: { cookie: `county_session=${session.value}` } });
    expect(tokens.statusCode).toBe(200);
    const [row] = await sso.database.db.select().from(users).where(eq(users.username, 'market-staff'));
    expect(row!.lastSignInAt?.toISOString()).toBe('2025-10-09T02:00:00.000Z');
    const entries = await sso.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'GET /v1/session/oidc/callback'), eq(auditLog.target, '/v1/session/market-staff')));
    expect(entries).toMatchObject([{ userId: row!.id, role: 'department_staff', result: '303' }]);
  });

  it('a state this browser did not start is 400 SSO_STATE_INVALID, with or without a transaction', async () => {
    const start = await sso.app.inject({ method: 'GET', url: '/v1/session/oidc/start' });
    const cookie = `${TRANSACTION}=${start.cookies.find((c) => c.name === TRANSACTION)!.value}`;
    const forged = await sso.app.inject({ method: 'GET', url: '/v1/session/oidc/callback?code=abc&state=forged', headers: { cookie } });
    expect(forged.statusCode).toBe(400);
    expect(forged.json()).toMatchObject({
      code: 'SSO_STATE_INVALID',
      message: '统一身份认证的登录请求已失效或来源不明，请回到登录页重新登录',
    });
    const state = new URL(start.headers.location as string).searchParams.get('state');
    const none = await sso.app.inject({ method: 'GET', url: `/v1/session/oidc/callback?code=abc&state=${state}` });
    expect(none.statusCode).toBe(400);
    expect(none.json().code).toBe('SSO_STATE_INVALID');
    // a transaction cookie altered in the browser fails its signature
    const altered = await sso.app.inject({
      method: 'GET',
      url: `/v1/session/oidc/callback?code=abc&state=${state}`,
      headers: { cookie: `${TRANSACTION}=${encodeURIComponent(JSON.stringify({ state }))}` },
    });
    expect(altered.json().code).toBe('SSO_STATE_INVALID');
  });

  it.each([
    ['a role claim of an administrator', 'impostor', 'SSO_ADMIN_REFUSED'],
    ['an administrator of ours, whatever the claim', 'anquan', 'SSO_ADMIN_REFUSED'],
    ['a user name no local user has', 'stranger', 'SSO_UNKNOWN_USER'],
    ['a department other than the one we hold', 'zhao', 'SSO_CLAIMS_MISMATCH'],
    ['no user name claim', 'anonymous', 'SSO_USERNAME_MISSING'],
  ])('%s goes back to the login page with %s and no session', async (_what, login, code) => {
    const res = await ssoSignIn(login);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/login?ssoError=${code}`);
    expect(res.cookies.find((c) => c.name === 'county_session')).toBeUndefined();
  });

  it('cancelled at the platform (error=access_denied): back to the login page with SSO_PROVIDER_REFUSED', async () => {
    const start = await sso.app.inject({ method: 'GET', url: '/v1/session/oidc/start' });
    const state = new URL(start.headers.location as string).searchParams.get('state')!;
    const query = new URLSearchParams({ error: 'access_denied', state, iss: provider.issuer });
    const res = await sso.app.inject({
      method: 'GET',
      url: `/v1/session/oidc/callback?${query}`,
      headers: { cookie: `${TRANSACTION}=${start.cookies.find((c) => c.name === TRANSACTION)!.value}` },
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/login?ssoError=SSO_PROVIDER_REFUSED');
  });

  it('a deactivated user is refused, and the refusal is in the audit log', async () => {
    await sso.database.db.update(users).set({ active: false }).where(eq(users.username, 'civil-staff'));
    const res = await ssoSignIn('wang');
    expect(res.headers.location).toBe('/login?ssoError=SSO_ACCOUNT_DISABLED');
    const entries = await sso.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.target, '/v1/session/civil-staff?ssoError=SSO_ACCOUNT_DISABLED'));
    expect(entries).toMatchObject([{ userId: null, result: '303' }]);
  });
});
