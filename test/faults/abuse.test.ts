// Fault: abuse. A client over the rate limit gets 429 with the rate-limit headers; a client
// that opens a connection and then goes silent is cut off at the connection timeout instead of
// holding a socket. Small limits through buildApp's options; the real plugin stack otherwise.
import net from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../api/app';
import type { Database } from '../../db/client';
import { testDatabase } from '../helpers/db';
import { TEST_QUERY_CODE_SECRET } from '../helpers/api';

let database: Database;
let app: FastifyInstance;

beforeAll(async () => {
  database = await testDatabase();
  // No Temporal needed: neither fault reaches a workflow. A client that is never called.
  app = await buildApp(
    {
      db: database.db,
      temporal: undefined as never,
      taskQueue: 'unused',
      warningWorkingDays: 2,
      queryCodeSecret: TEST_QUERY_CODE_SECRET,
      temporalReady: async () => false,
    },
    { rateLimit: 5, connectionTimeout: 1000, requestTimeout: 1000 },
  );
  await app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('abuse', () => {
  it('the 6th request in a minute is 429 with limit, remaining, reset and retry-after', async () => {
    const get = () => app.inject({ method: 'GET', url: '/v1/inbox', headers: { authorization: 'Bearer demo-market-staff' } });
    const allowed = [];
    for (let i = 0; i < 5; i++) allowed.push(await get());
    expect(allowed.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200]);
    expect(allowed.map((r) => r.headers['x-ratelimit-remaining'])).toEqual(['4', '3', '2', '1', '0']);
    const refused = await get();
    expect(refused.statusCode).toBe(429);
    expect(refused.headers).toMatchObject({ 'x-ratelimit-limit': '5', 'x-ratelimit-remaining': '0' });
    expect(Number(refused.headers['x-ratelimit-reset'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.json()).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED', message: expect.stringMatching(/请求过于频繁/) });
  });

  it('a client that sends half a request and goes silent is disconnected at the timeout', async () => {
    const { port } = app.server.address() as net.AddressInfo;
    const socket = net.connect(port, '127.0.0.1');
    const opened = Date.now();
    socket.on('connect', () => socket.write('POST /v1/corrections HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n'));
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.on('error', () => {});
    // Bounded: the test fails rather than hangs if the server never closes it.
    const closedAfter = await new Promise<number>((resolve, reject) => {
      const guard = setTimeout(() => reject(new Error('连接 10 秒后仍未被关闭 (SLOW_CLIENT_NOT_CLOSED)')), 10_000);
      socket.on('close', () => {
        clearTimeout(guard);
        resolve(Date.now() - opened);
      });
    }).finally(() => socket.destroy());
    expect(closedAfter).toBeGreaterThanOrEqual(900);
    expect(closedAfter).toBeLessThan(5000);
    // Closed without a request ever reaching a route.
    expect(received).not.toMatch(/HTTP\/1.1 2\d\d/);
  });
});
