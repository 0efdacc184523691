// The console's files and its SPA fallback beside the API: the API's own prefixes keep their
// JSON 404, a malformed path is refused (not a 500), and no path escapes web/dist.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../api/app';
import type { Database } from '../../db/client';
import { TEST_QUERY_CODE_SECRET } from '../helpers/api';
import { testDatabase } from '../helpers/db';

let dir: string;
let database: Database;
let app: FastifyInstance;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'web-'));
  await mkdir(path.join(dir, 'dist/assets'), { recursive: true });
  await writeFile(path.join(dir, 'dist/index.html'), '<!doctype html><title>控制台</title>');
  await writeFile(path.join(dir, 'dist/assets/app-1234.js'), 'console.log(1)');
  await writeFile(path.join(dir, 'secret.txt'), 'outside the web root');
  database = await testDatabase();
  app = await buildApp(
    {
      db: database.db,
      temporal: undefined as never,
      taskQueue: 'unused',
      warningWorkingDays: 2,
      queryCodeSecret: TEST_QUERY_CODE_SECRET,
      temporalReady: async () => false,
    },
    { webRoot: path.join(dir, 'dist') },
  );
});
afterAll(async () => {
  await app?.close();
  await database?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('web console routes', () => {
  it('serves files, falls back to index.html, and leaves the API its JSON 404', async () => {
    const asset = await app.inject({ method: 'GET', url: '/assets/app-1234.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    const page = await app.inject({ method: 'GET', url: '/inbox' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('控制台');
    expect((await app.inject({ method: 'GET', url: '/v1/nothing-here' })).json()).toMatchObject({
      statusCode: 404,
      code: 'ROUTE_NOT_FOUND',
    });
  });

  it('a malformed escape is refused by the router (400, not 500), and ../ never reaches a file outside web/dist', async () => {
    expect((await app.inject({ method: 'GET', url: '/%E0%A4%A' })).statusCode).toBe(400);
    for (const url of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.body, url).not.toContain('outside the web root');
    }
  });

  it('sends the security headers: a CSP without inline script, no framing, nosniff, no referrer', async () => {
    const page = await app.inject({ method: 'GET', url: '/' });
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    // Plain HTTP here: HSTS only where a TLS proxy serves the console (PUBLIC_HTTPS=true).
    expect(page.headers['strict-transport-security']).toBeUndefined();
    const api = await app.inject({ method: 'GET', url: '/v1/nothing-here' });
    expect(api.headers['x-content-type-options']).toBe('nosniff');
  });
});
