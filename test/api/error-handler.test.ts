// The error handler masks what it does not recognise: a bug answers 500 with the house's code
// and Chinese message, and the internal message and stack go to the log, never to the caller.
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../api/app';
import type { AppDeps } from '../../api/types';

const INTERNAL = 'relation "corrections" does not exist (postgres://county:s3cret@10.0.0.5/county)';

let app: FastifyInstance;
const logged: string[] = [];

beforeAll(async () => {
  // Nothing here reaches the database or the engine: the route below fails before either.
  const deps = { db: {}, temporal: {}, taskQueue: 'unused', warningWorkingDays: 2, queryCodeSecret: 'unused' } as unknown as AppDeps;
  const stream = new Writable({
    write(chunk, _encoding, done) {
      logged.push(String(chunk));
      done();
    },
  });
  app = await buildApp(deps, { logger: { level: 'error', stream }, webRoot: false });
  app.get('/boom', { config: { public: true } }, async () => {
    throw new Error(INTERNAL);
  });
  app.get('/bug', { config: { public: true } }, async () => (undefined as unknown as { id: string }).id);
});
afterAll(async () => app?.close());

describe('error handler: 5xx', () => {
  it.each(['/boom', '/bug'])('GET %s answers 500 INTERNAL_ERROR in Chinese, nothing internal leaked', async (url) => {
    const res = await app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({
      statusCode: 500,
      code: 'INTERNAL_ERROR',
      error: 'Internal Server Error',
      message: '服务器内部错误，已记录，请联系管理员',
    });
    expect(res.body).not.toContain('s3cret');
    expect(res.body).not.toContain('corrections');
    expect(res.body).not.toContain('TypeError');
    expect(res.body).not.toMatch(/\bat \S+:\d+/);
  });

  it('records the masked error in the log, with its message', async () => {
    logged.length = 0;
    await app.inject({ method: 'GET', url: '/boom' });
    const lines = logged.map((l) => JSON.parse(l) as { msg: string; err?: { message: string; stack: string } });
    expect(lines.find((l) => l.msg === 'unhandled error')?.err?.message).toBe(INTERNAL);
  });
});
