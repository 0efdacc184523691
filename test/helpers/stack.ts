// The npm start shape for end-to-end and fault tests: the Temporal CLI dev server on a temp
// SQLite file (WAL), the test database, workers in this process or as child processes
// (`node --import tsx worker.ts`, as in production), and the API on a real loopback port.
// close() stops everything it started, also after a failed test.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { closeSync, openSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { startApi } from '../../api/server';
import type { Database } from '../../db/client';
import { type Env, readEnv } from '../../env';
import { type DevServer, logTail, spawnDevServer } from '../../scripts/dev-server';
import { registerSearchAttributes } from '../../scripts/search-attributes';
import { type RunningWorker, startWorker } from '../../worker';
import { testDatabase } from './db';
import { ROOT, TEMPORAL_CLI } from './paths';
import { quietRuntime } from './temporal';
import { freePort } from './ports';
import { TEST_QUERY_CODE_SECRET } from './api';

export interface WorkerProcess {
  child: ChildProcess;
  logFile: string;
  /** resolves with the line worker.ts prints as WORKER_STARTED (after Worker.create: its bundle is built) */
  ready: Promise<string>;
  /** resolves with the exit code or signal name */
  exited: Promise<number | string>;
}

export interface Stack {
  dir: string;
  env: Env;
  database: Database & { url?: string };
  server: DevServer;
  /** SIGTERM to the dev server; its SQLite file stays */
  stopServer(): Promise<void>;
  /** the dev server again, same port, same SQLite file */
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

export async function devStack(): Promise<Stack> {
  quietRuntime();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'stack-'));
  const [temporalPort, apiPort] = [await freePort(), await freePort()];
  const serverOpts = { cli: TEMPORAL_CLI, port: temporalPort, dbFile: path.join(dir, 'dev.sqlite'), logFile: path.join(dir, 'dev.log') };
  const env = readEnv({
    TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`,
    TEMPORAL_TASK_QUEUE: `stack-${randomUUID()}`,
    PORT: String(apiPort),
    LOG_LEVEL: 'warn',
    QUERY_CODE_SECRET: TEST_QUERY_CODE_SECRET,
    // Tests file many cases as one user (50 at once in the fault tests): no start quota.
    START_QUOTA_PER_MINUTE: '100000',
  });
  const closers: (() => Promise<unknown>)[] = [];
  const children = new Set<ChildProcess>();
  let server = spawnDevServer(serverOpts);
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
      server = spawnDevServer(serverOpts);
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
      const logFile = path.join(dir, `worker-${children.size + 1}-${Date.now()}.log`);
      const log = openSync(logFile, 'a');
      const child = spawn(process.execPath, ['--import', 'tsx', 'worker.ts'], {
        cwd: ROOT,
        env: {
          ...process.env,
          TEMPORAL_ADDRESS: env.temporalAddress,
          TEMPORAL_TASK_QUEUE: env.taskQueue,
          DATABASE_URL: database!.url,
          LOG_LEVEL: 'warn',
        },
        stdio: ['ignore', 'pipe', log],
      });
      closeSync(log);
      children.add(child);
      const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
      void exited.then(() => children.delete(child));
      const ready = new Promise<string>((resolve, reject) => {
        let out = '';
        const timer = setTimeout(() => reject(new Error(`工作节点进程 60 秒内未就绪 (WORKER_NOT_READY):\n${logTail(logFile)}`)), 60_000);
        child.stdout!.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const line = out
            .split('\n')
            .slice(0, -1)
            .find((l) => l.includes('WORKER_STARTED')); // whole lines only
          if (line) {
            clearTimeout(timer);
            resolve(line);
          }
        });
        void exited.then((how) => {
          clearTimeout(timer);
          reject(new Error(`工作节点进程已退出 (${how}) (WORKER_EXITED):\n${logTail(logFile)}`));
        });
      });
      ready.catch(() => {}); // a worker killed on purpose before it was ready is no failure
      return { child, logFile, ready, exited };
    },
    async startApi() {
      const api = await startApi(env, database!);
      closers.push(() => api.close());
      return api;
    },
    async client() {
      const connection = await Connection.connect({ address: env.temporalAddress });
      closers.push(() => connection.close());
      return new Client({ connection });
    },
    async close() {
      // Last started, first stopped; every step runs even when an earlier one fails.
      for (const close of closers.reverse()) await close().catch(() => {});
      for (const child of children) child.kill('SIGKILL');
      await server.stop().catch(() => {});
      await database?.close().catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };

  try {
    const [connection, db] = await Promise.all([server.ready(), testDatabase()]);
    database = db;
    await registerSearchAttributes(connection, 'default');
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
export async function servedStack(opts: { worker?: boolean } = {}): Promise<ServedStack> {
  const stack = await devStack();
  try {
    if (opts.worker !== false) await stack.startWorker();
    const { url } = await stack.startApi();
    return { stack, url, call: httpCaller(url), client: await stack.client() };
  } catch (err) {
    await stack.close();
    throw err;
  }
}
