import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../api/app';
import { ephemeralSigner } from '../../db/audit-keys';
import type { Database } from '../../db/client';
import { tokenOf } from './actors';

/** Test-only key of the applicants' query codes. */
export const TEST_QUERY_CODE_SECRET = 'test-query-code-secret-0123456789abcdef';
import { testDatabase } from './db';
import { createTestWorker, timeSkippingEnvAt } from './temporal';

export interface ApiStack {
  app: FastifyInstance;
  database: Database;
  call(username: string | null, method: InjectOptions['method'], url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  /** stops the worker: workflows stay, nothing answers their tasks or queries */
  stopWorker(): Promise<void>;
  close(): Promise<void>;
}

/** buildApp over a real database and a time-skipping Temporal server with a running worker. */
export async function apiStack(
  startAt = new Date().toISOString(),
  opts: { startQuotaPerMinute?: number; rateLimit?: number; trustProxy?: string[]; codecCorsOrigins?: string[] } = {},
): Promise<ApiStack> {
  // the engine's clock starts at startAt now, not once the stack is up
  const startedAt = Date.now();
  const [env, database] = await Promise.all([timeSkippingEnvAt(startAt), testDatabase()]);
  // one key: the worker signs the audit log's heads, the API checks them
  const audit = { hash: 'sm3' as const, signer: ephemeralSigner() };
  const { worker, taskQueue } = await createTestWorker(env, database.db, { audit });
  const running = worker.run();
  // rules keyed on today's date read the test server's day, not the machine's
  const app = await buildApp(
    {
      db: database.db,
      temporal: env.client,
      taskQueue,
      warningWorkingDays: 2,
      queryCodeSecret: TEST_QUERY_CODE_SECRET,
      temporalReady: async () => {
        await env.connection.workflowService.getSystemInfo({});
        return true;
      },
      clock: () => Date.parse(startAt) + (Date.now() - startedAt),
      auditPublicKeys: [audit.signer.publicKeyPem],
    },
    // Tests file many cases as one user: limits off unless a test sets its own.
    {
      rateLimit: opts.rateLimit ?? 100_000,
      startQuotaPerMinute: opts.startQuotaPerMinute ?? 100_000,
      trustProxy: opts.trustProxy,
      codecCorsOrigins: opts.codecCorsOrigins,
    },
  );
  const stopWorker = async () => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await running;
  };
  return {
    app,
    database,
    stopWorker,
    call: (username, method, url, payload) =>
      app.inject({
        method,
        url,
        ...(payload !== undefined && { payload: payload as InjectOptions['payload'] }),
        headers: username ? { authorization: `Bearer ${tokenOf(username)}` } : {},
      }),
    async close() {
      await app.close();
      await stopWorker();
      await env.teardown();
      await database.close();
    },
  };
}

/** The tasks (action codes) the user's inbox lists for one subject, e.g. a project or compilation id. */
export const inboxTasksFor = async (api: ApiStack, username: string, subjectId: string): Promise<string[]> =>
  (await api.call(username, 'GET', '/v1/inbox'))
    .json()
    .items.filter((i: { process: { subjectId: string } }) => i.process.subjectId === subjectId)
    .map((i: { action: string }) => i.action);
