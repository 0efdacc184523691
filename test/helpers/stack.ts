// The npm start shape for end-to-end and fault tests: the Temporal CLI dev server on a temp
// SQLite file (WAL), the test database, workers in this process or as child processes
// (`node --import tsx worker.ts`, as in production), and the API on a real loopback port.
// With TEST_TEMPORAL=server (vitest.production-shape.config.ts) the engine is the real Temporal
// server on PostgreSQL instead (scripts/temporal-server.ts: its own databases and ports per stack).
// close() stops everything it started, also after a failed test.
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { startApi } from '../../api/server';
import { createDatabase, type Database } from '../../db/client';
import { type Env, readEnv } from '../../env';
import { type DevServer, spawnDevServer } from '../../scripts/dev-server';
import { type EntryProcess, spawnEntry } from '../../scripts/entry-process';
import { registerSearchAttributes, searchAttributesReady } from '../../scripts/search-attributes';
import {
  DEFAULT_PORTS,
  runSetup,
  serverBuilt,
  spawnTemporalServer,
  type TemporalPorts,
  type TemporalServerOptions,
  writeServerConfig,
} from '../../scripts/temporal-server';
import { type RunningWorker, startWorker } from '../../worker';
import { testDatabase } from './db';
import { TEMPORAL_CLI } from './paths';
import { quietRuntime } from './temporal';
import { freePort, freeSmallintPort } from './ports';
import { TEST_QUERY_CODE_SECRET } from './api';
import { TEST_DATA_CONVERTER, TEST_PAYLOAD_KEYS } from './codec';

export type WorkerProcess = EntryProcess;

export interface Stack {
  dir: string;
  env: Env;
  database: Database & { url?: string };
  /** the dev server, or the real server with TEST_TEMPORAL=server */
  server: DevServer;
  /** SIGTERM to the server; its SQLite file or PostgreSQL databases stay */
  stopServer(): Promise<void>;
  /** the server again, same ports, same data */
  restartServer(): Promise<void>;
  /** startWorker() in this process */
  startWorker(): Promise<RunningWorker>;
  /** `node --import tsx worker.ts` with this stack's address, database and task queue; killed by close(). Needs TEST_DATABASE_URL. */
  spawnWorker(): WorkerProcess;
  startApi(): Promise<{ url: string; close(): Promise<void> }>;
  /** a Temporal client on the dev server, closed with the stack */
  client(): Promise<Client>;
  close(): Promise<void>;
}

/**
 * Fault tests with separate worker processes need a database that two processes can open:
 * PGlite allows one connection. Failing here, not skipping, keeps a missing setup visible.
 */
export function requirePostgres(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    throw new Error(
      '需要 PostgreSQL：工作节点作为独立进程运行，PGlite 只允许一个连接。请设置 TEST_DATABASE_URL，例如 ' +
        'TEST_DATABASE_URL=postgres://county:county@127.0.0.1:5432/postgres npm run test:faults（.ci/run 会设置）(TEST_DATABASE_URL_REQUIRED)',
    );
  }
  return url;
}

/** A Temporal server a stack (or the benchmarks) starts, stops and starts again on the same data. */
export interface Engine {
  port: number;
  spawn(): DevServer;
  /** after the first spawn answers: namespace and search attributes */
  prepare(connection: Connection): Promise<void>;
  /** after the server stopped */
  dispose(): Promise<void>;
}

export function devServerEngine(dir: string, port: number): Engine {
  return {
    port,
    spawn: () => spawnDevServer({ cli: TEMPORAL_CLI, port, dbFile: path.join(dir, 'dev.sqlite'), logFile: path.join(dir, 'dev.log') }),
    prepare: (connection) => registerSearchAttributes(connection, 'default'),
    dispose: async () => {},
  };
}

/** The real server on two databases of its own in TEST_DATABASE_URL's PostgreSQL (or `postgresUrl`'s), schema by deploy/temporal/setup.sh. */
export async function realServerEngine(dir: string, postgresUrl = requirePostgres()): Promise<Engine> {
  const url = new URL(postgresUrl);
  if (!serverBuilt()) {
    throw new Error('未找到 Temporal 服务器：请先执行 npm run start:production-shape -- --build-only (TEMPORAL_SERVER_MISSING)');
  }
  const suffix = `${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const ports = { ...DEFAULT_PORTS };
  const taken = new Set<number>();
  for (const name of Object.keys(ports) as (keyof TemporalPorts)[]) ports[name] = await freeSmallintPort(taken);
  const opts: TemporalServerOptions = {
    root: dir,
    ports,
    postgres: {
      host: url.hostname,
      port: Number(url.port || 5432),
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      database: `temporal_${suffix}`,
      visibilityDatabase: `temporal_visibility_${suffix}`,
    },
  };
  const setup = (phase: 'schema' | 'namespace') => runSetup(phase, { ...opts, logFile: path.join(dir, 'setup.log') });
  writeServerConfig(opts);
  await setup('schema');
  return {
    port: ports.frontend,
    spawn: () => spawnTemporalServer(opts),
    async prepare(connection) {
      await setup('namespace');
      await searchAttributesReady(connection, 'default');
    },
    async dispose() {
      const admin = await createDatabase({ url: url.toString(), poolSize: 1 });
      try {
        for (const db of [opts.postgres.database, opts.postgres.visibilityDatabase])
          await admin.db.execute(`drop database if exists ${db} with (force)`);
      } finally {
        await admin.close();
      }
    },
  };
}

export interface StackOptions {
  /** TEST_TEMPORAL=server only: the PostgreSQL of the Temporal server, when not the application's */
  temporalPostgresUrl?: string;
  /** settings of this stack's API and worker beside the test defaults (e.g. SESSION_IDLE_MINUTES) */
  env?: Record<string, string>;
}

export async function devStack(opts: StackOptions = {}): Promise<Stack> {
  quietRuntime();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'stack-'));
  const engine =
    process.env.TEST_TEMPORAL === 'server' ? await realServerEngine(dir, opts.temporalPostgresUrl) : devServerEngine(dir, await freePort());
  const env = readEnv({
    TEMPORAL_ADDRESS: `127.0.0.1:${engine.port}`,
    TEMPORAL_TASK_QUEUE: `stack-${randomUUID()}`,
    LOG_LEVEL: 'warn',
    QUERY_CODE_SECRET: TEST_QUERY_CODE_SECRET,
    PAYLOAD_KEYS: TEST_PAYLOAD_KEYS,
    SESSION_SECRET: TEST_QUERY_CODE_SECRET,
    // Tests file many cases as one user (50 at once in the fault tests): no start quota.
    START_QUOTA_PER_MINUTE: '100000',
    ...opts.env,
  });
  const closers: (() => Promise<unknown>)[] = [];
  const children = new Set<ChildProcess>();
  let server = engine.spawn();
  let database: (Database & { url?: string }) | undefined;

  const stack: Stack = {
    dir,
    env,
    get database() {
      return database!;
    },
    get server() {
      return server;
    },
    stopServer: () => server.stop(),
    async restartServer() {
      server = engine.spawn();
      await (await server.ready()).close();
    },
    async startWorker() {
      const worker = await startWorker(env, database!);
      closers.push(() => worker.shutdown());
      return worker;
    },
    spawnWorker() {
      // Thrown inside the test that needs it, so the test fails (a beforeAll failure would
      // leave its tests reported as skipped).
      if (!database!.url) requirePostgres();
      const worker = spawnEntry({
        script: 'worker.ts',
        code: 'WORKER',
        label: '工作节点进程',
        logFile: path.join(dir, `worker-${children.size + 1}-${Date.now()}.log`),
        env: {
          ...process.env,
          TEMPORAL_ADDRESS: env.temporalAddress,
          TEMPORAL_TASK_QUEUE: env.taskQueue,
          DATABASE_URL: database!.url,
          PAYLOAD_KEYS: TEST_PAYLOAD_KEYS,
          LOG_LEVEL: 'warn',
        },
      });
      children.add(worker.child);
      void worker.exited.then(() => children.delete(worker.child));
      return worker;
    },
    async startApi() {
      // Port 0: the system picks a free one at listen, so no parallel test can take it in between;
      // a stack whose address must be known before (a provider's redirect URL) sets PORT itself.
      const api = await startApi({ ...env, port: opts.env?.PORT ? env.port : 0 }, database!);
      closers.push(() => api.close());
      return api;
    },
    async client() {
      const connection = await Connection.connect({ address: env.temporalAddress });
      closers.push(() => connection.close());
      return new Client({ connection, dataConverter: TEST_DATA_CONVERTER });
    },
    async close() {
      // Last started, first stopped; every step runs even when an earlier one fails.
      for (const close of closers.reverse()) await close().catch(() => {});
      for (const child of children) child.kill('SIGKILL');
      await server.stop().catch(() => {});
      await engine.dispose().catch(() => {});
      await database?.close().catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };

  try {
    const [connection, db] = await Promise.all([server.ready(), testDatabase()]);
    database = db;
    await engine.prepare(connection);
    await connection.close();
  } catch (err) {
    await stack.close();
    throw err;
  }
  return stack;
}

export interface HttpResult {
  status: number;
  headers: Headers;
  body: Record<string, any>;
}

/** fetch against a listening API as a demo user (token `demo-<user>`), JSON in and out. */
export const httpCaller =
  (baseUrl: string) =>
  async (user: string | null, method: string, url: string, body?: unknown): Promise<HttpResult> => {
    const res = await fetch(`${baseUrl}${url}`, {
      method,
      headers: { ...(user && { authorization: `Bearer demo-${user}` }), ...(body !== undefined && { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, any> };
  };

export interface ServedStack {
  stack: Stack;
  url: string;
  call: ReturnType<typeof httpCaller>;
  client: Client;
}

/** devStack with the API listening and, unless `worker: false`, a worker in this process. */
export async function servedStack(opts: StackOptions & { worker?: boolean } = {}): Promise<ServedStack> {
  const stack = await devStack(opts);
  try {
    if (opts.worker !== false) await stack.startWorker();
    const { url } = await stack.startApi();
    return { stack, url, call: httpCaller(url), client: await stack.client() };
  } catch (err) {
    await stack.close();
    throw err;
  }
}
