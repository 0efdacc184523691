// Issue 16: behind the production compose's TLS proxy every request arrives from the proxy. The
// API then takes the caller's address from X-Forwarded-For, but only from the proxies it is told
// to trust (TRUST_PROXY); otherwise the header is ignored and nobody picks their own bucket.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiStack, type ApiStack } from '../helpers/api';
import { tokenOf } from '../helpers/actors';

const get = (api: ApiStack, forwardedFor: string) =>
  api.app.inject({
    method: 'GET',
    url: '/v1/me',
    // inject's socket is 127.0.0.1: the proxy's address in this test
    headers: { authorization: `Bearer ${tokenOf('reviewer')}`, 'x-forwarded-for': forwardedFor },
  });

describe('X-Forwarded-For', () => {
  let trusting: ApiStack;
  let plain: ApiStack;
  beforeAll(async () => {
    [trusting, plain] = await Promise.all([
      apiStack(undefined, { rateLimit: 3, trustProxy: ['127.0.0.1'] }),
      apiStack(undefined, { rateLimit: 3 }),
    ]);
  });
  afterAll(async () => Promise.all([trusting?.close(), plain?.close()]));

  it('from a trusted proxy names the caller: each address has its own bucket of 3 a minute', async () => {
    for (let i = 0; i < 3; i++) expect((await get(trusting, '10.1.1.1')).statusCode).toBe(200);
    const held = await get(trusting, '10.1.1.1');
    expect(held.statusCode).toBe(429);
    expect(held.json().code).toBe('RATE_LIMITED');
    expect((await get(trusting, '10.2.2.2')).statusCode).toBe(200);
  });

  it('without TRUST_PROXY is ignored: changing it does not buy a fresh bucket', async () => {
    for (let i = 0; i < 3; i++) expect((await get(plain, `10.3.3.${i}`)).statusCode).toBe(200);
    expect((await get(plain, '10.4.4.4')).statusCode).toBe(429);
  });
});
