// Issue 16: one account could start workflows by the dozen (40 in 8.5 s), and everyone behind
// one address shared the only bucket. Starts now count per user, after the per-address limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiStack, type ApiStack } from '../helpers/api';
import { correctionFiling } from '../helpers/corrections';

let api: ApiStack;
beforeAll(async () => {
  api = await apiStack(undefined, { startQuotaPerMinute: 3 });
});
afterAll(async () => api?.close());

describe('start quota', () => {
  it('a user starts 3 processes a minute; the 4th is 429 with Retry-After; another user and reads are not held back', async () => {
    for (let i = 0; i < 3; i++)
      expect((await api.call('market-staff', 'POST', '/v1/corrections', correctionFiling())).statusCode).toBe(201);
    const held = await api.call('market-staff', 'POST', '/v1/corrections', correctionFiling());
    expect(held.statusCode).toBe(429);
    expect(held.json()).toMatchObject({ code: 'START_QUOTA_EXCEEDED' });
    expect(held.json().message).toMatch(/^发起办理事项过于频繁：每人每分钟最多 3 件，请 \d+ 秒后再试$/);
    expect(Number(held.headers['retry-after'])).toBeGreaterThan(0);

    expect((await api.call('market-head', 'POST', '/v1/corrections', correctionFiling())).statusCode).toBe(201);
    expect((await api.call('market-staff', 'GET', '/v1/inbox')).statusCode).toBe(200);
  });
});
