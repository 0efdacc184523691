// A real OpenID provider in the test process (oidc-provider), standing in for a county's
// 统一身份认证 platform: one confidential client that must use PKCE, the test's accounts, and the
// library's development login and consent pages (any password is accepted there).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export const TEST_CLIENT = { id: 'county-console', secret: 'test-oidc-client-secret-0123456789' };

/** The platform's word for our roles, as a county's platform might spell them (OIDC_ROLE_MAP). */
export const TEST_ROLE_MAP = 'keyuan:department_staff,fuzeren:department_head';

export interface TestProvider {
  issuer: string;
  /** the API's OIDC_* settings against this provider */
  env(redirectUrl: string): Record<string, string>;
  close(): Promise<void>;
}

/**
 * `accounts`: login name at the provider → its claims (user name, department, role). `host`: the
 * name the browser and the API reach the provider by; `localhost` makes it another site than the
 * console on 127.0.0.1, as the platform is in a county.
 */
export async function startOidcProvider(opts: {
  redirectUrl: string;
  accounts: Record<string, Record<string, string>>;
  host?: string;
}): Promise<TestProvider> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://${opts.host ?? '127.0.0.1'}:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: TEST_CLIENT.id,
        client_secret: TEST_CLIENT.secret,
        redirect_uris: [opts.redirectUrl],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    pkce: { required: () => true },
    claims: { openid: ['sub'], profile: ['preferred_username', 'name', 'department', 'county_role'] },
    async findAccount(_ctx, sub) {
      const claims = opts.accounts[sub];
      return claims && { accountId: sub, claims: async () => ({ sub, ...claims }) };
    },
    cookies: { keys: ['test-oidc-provider-cookie-key'] },
    // lifetimes of its own (seconds), so the library does not note its defaults on every sign-in
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
  });
  server.on('request', provider.callback());
  return {
    issuer,
    env: (redirectUrl) => ({
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: TEST_CLIENT.id,
      OIDC_CLIENT_SECRET: TEST_CLIENT.secret,
      OIDC_REDIRECT_URL: redirectUrl,
      OIDC_DEPARTMENT_CLAIM: 'department',
      OIDC_ROLE_CLAIM: 'county_role',
      OIDC_ROLE_MAP: TEST_ROLE_MAP,
    }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Signs in at the provider as `login` the way a browser would (its login form, then its consent
 * form), starting from the authorization URL; answers the URL the provider sends the browser back to.
 */
export async function signInAtProvider(authorizationUrl: string, login: string, redirectUrl: string): Promise<URL> {
  const jar = new Map<string, string>();
  let url = new URL(authorizationUrl);
  let form: URLSearchParams | undefined;
  for (let step = 0; step < 12; step++) {
    const res = await fetch(url, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(form && { 'content-type': 'application/x-www-form-urlencoded' }),
      },
      body: form,
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const at = pair!.indexOf('=');
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    const location = res.headers.get('location');
    if (location) {
      url = new URL(location, url);
      form = undefined;
      if (url.href.startsWith(redirectUrl)) return url;
      continue;
    }
    const html = await res.text();
    const action = html.match(/<form[^>]*action="([^"]+)"/)?.[1];
    const prompt = html.match(/name="prompt" value="(\w+)"/)?.[1];
    if (!action || !prompt) throw new Error(`provider page without its form (${res.status}): ${html.slice(0, 300)}`);
    url = new URL(action, url);
    form = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'any' } : { prompt });
  }
  throw new Error('the provider never sent the browser back');
}
