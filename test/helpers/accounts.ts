// A browser-like client of the API under inject(): signs in with a password, keeps the session
// cookie, and sends the CSRF token on state-changing requests unless told not to.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Client } from '@temporalio/client';
import { buildApp, type AppOptions } from '../../api/app';
import type { Database } from '../../db/client';
import { TEST_QUERY_CODE_SECRET } from './api';
import { TEST_PASSWORD, testDatabase } from './db';

export interface SessionClient {
  signIn: LightMyRequestResponse;
  cookie: string;
  csrf: string;
  call(method: InjectOptions['method'], url: string, payload?: unknown, opts?: { csrf?: boolean }): Promise<LightMyRequestResponse>;
}

export const signInWith = (app: FastifyInstance, username: string, password = TEST_PASSWORD) =>
  app.inject({ method: 'POST', url: '/v1/session', payload: { username, password } });

export async function sessionOf(app: FastifyInstance, username: string, password = TEST_PASSWORD): Promise<SessionClient> {
  const signIn = await signInWith(app, username, password);
  if (signIn.statusCode !== 200) throw new Error(`sign-in of ${username}: ${signIn.statusCode} ${signIn.body}`);
  const cookie = signIn.cookies.find((c) => c.name === 'county_session');
  const client: SessionClient = {
    signIn,
    cookie: `county_session=${cookie!.value}`,
    csrf: signIn.json().csrfToken,
    call: (method, url, payload, opts = {}) =>
      app.inject({
        method,
        url,
        ...(payload !== undefined && { payload: payload as InjectOptions['payload'] }),
        headers: { cookie: client.cookie, ...(opts.csrf !== false && { 'x-csrf-token': client.csrf }) },
      }),
  };
  return client;
}

/** The API over a seeded database and no workflow engine: enough for accounts, which start no workflow. */
export async function accountsApp(
  opts: AppOptions & { clock?: () => number } = {},
): Promise<{ app: FastifyInstance; database: Database; close(): Promise<void> }> {
  const database = await testDatabase();
  const { clock, ...appOptions } = opts;
  const app = await buildApp(
    {
      db: database.db,
      temporal: {} as Client,
      taskQueue: 'unused',
      warningWorkingDays: 2,
      queryCodeSecret: TEST_QUERY_CODE_SECRET,
      temporalReady: async () => false,
      clock,
    },
    { rateLimit: 100_000, webRoot: false, ...appOptions },
  );
  return {
    app,
    database,
    async close() {
      await app.close();
      await database.close();
    },
  };
}
