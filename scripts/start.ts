// `npm start`: the whole local stack in one process (run by scripts/bootstrap.mjs).
// Temporal dev server (unless TEMPORAL_ADDRESS is set) → database, migrations, demo data →
// worker and API side by side: PGlite allows one connection, so they share one Database.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Connection } from '@temporalio/client';
import { DefaultLogger, type LogLevel, Runtime } from '@temporalio/worker';
import { startApi } from '../api/server';
import { createDatabase, type Database } from '../db/client';
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from '../db/seed';
import { type Env, readEnv } from '../env';
import { type RunningWorker, startWorker } from '../worker';
import { type DevServer, portFrom, probeTemporal, spawnDevServer } from './dev-server';
import { localPayloadKeys, localSecret } from './local-secret';
import { parsePayloadKeys } from '../payload-codec';
import { registerSearchAttributes } from './search-attributes';

const ROOT = path.resolve(import.meta.dirname, '..');
const TEMPORAL_CLI = path.join(ROOT, '.tools/temporal/bin/temporal');
// Preferred ports of our dev server; taken ones (another checkout's server) give way to free ones.
const DEV_PORT = 7233;
const DEV_UI_PORT = 8233;

/** A failed start-up step: a Chinese message for people, an English code for searching logs. */
class StepError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
/** Ctrl-C arrived while starting: not a failure. */
class Aborted extends Error {}

const started: {
  devServer?: DevServer;
  api?: { url: string; close(): Promise<void> };
  worker?: RunningWorker;
  database?: Database;
} = {};
let stopRequested = false;
let ready = false;
let stopping: Promise<never> | undefined;

async function step<T>(code: string, zh: string, fn: () => Promise<T>): Promise<T> {
  if (stopRequested) throw new Aborted();
  console.log(`[start] ${zh} (${code})…`);
  try {
    return await fn();
  } catch (err) {
    if (err instanceof StepError || err instanceof Aborted) throw err;
    throw new StepError(code, `${zh}失败`, { cause: err });
  }
}

/** Written beside the dev server's data once it answers: the only server `npm start` reuses. */
interface DevServerMark {
  pid: number;
  port: number;
  uiPort: number;
}

/** Is `pid` alive and a dev server on this checkout's SQLite file (not another checkout's)? */
function runsOn(pid: number, dbFile: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(dbFile);
  } catch {
    return false;
  }
}

type StartedDevServer = { connection: Connection; reused: boolean; port: number; uiPort: number; dbFile: string; logFile: string };

/** Reuses the dev server an earlier `npm start` of this checkout left running, else starts one with its data under dataDir. */
async function devServer(env: Env): Promise<StartedDevServer> {
  const dir = path.join(env.dataDir, 'temporal');
  const dbFile = path.join(dir, 'dev-server.sqlite');
  const logFile = path.join(dir, 'dev-server.log');
  const markFile = path.join(dir, 'dev-server.json');
  const mark = existsSync(markFile) ? (JSON.parse(readFileSync(markFile, 'utf8')) as DevServerMark) : undefined;
  if (mark && runsOn(mark.pid, dbFile)) {
    const connection = await probeTemporal(`127.0.0.1:${mark.port}`);
    if (connection) return { connection, reused: true, port: mark.port, uiPort: mark.uiPort, dbFile, logFile };
  }

  const [port, uiPort] = [await portFrom(DEV_PORT), await portFrom(DEV_UI_PORT)];
  if (port !== DEV_PORT) {
    console.log(
      `[start] 端口 ${DEV_PORT} 已被其他程序占用（例如另一个检出目录的开发服务器），不沿用它，改在 ${port} 启动本目录的开发服务器 (TEMPORAL_PORT_TAKEN)`,
    );
  }
  const server = spawnDevServer({ cli: TEMPORAL_CLI, port, uiPort, dbFile, logFile });
  started.devServer = server;
  process.stdout.write('[start] 等待 Temporal 开发服务器就绪 (TEMPORAL_WAIT) ');
  try {
    const connection = await server.ready({ onWait: () => process.stdout.write('.'), aborted: () => stopRequested });
    process.stdout.write(' 就绪\n');
    writeFileSync(markFile, JSON.stringify({ pid: server.child.pid!, port, uiPort } satisfies DevServerMark));
    return { connection, reused: false, port, uiPort, dbFile, logFile };
  } catch (err) {
    process.stdout.write('\n');
    if (stopRequested) throw new Aborted();
    throw new StepError('TEMPORAL_NOT_READY', (err as Error).message);
  }
}

/** Stops in order — API, worker, database, dev server — each even when an earlier one failed. */
async function stopAll(): Promise<void> {
  const parts: [string, string, (() => Promise<void>) | undefined][] = [
    ['API_CLOSE', '关闭 API', started.api && (() => started.api!.close())],
    ['WORKER_SHUTDOWN', '停止工作节点', started.worker && (() => started.worker!.shutdown())],
    ['DB_CLOSE', '关闭数据库', started.database && (() => started.database!.close())],
    ['TEMPORAL_STOP', '停止 Temporal 开发服务器', started.devServer && (() => started.devServer!.stop())],
  ];
  for (const [code, zh, stop] of parts) {
    if (!stop) continue;
    console.log(`[start] ${zh} (${code})…`);
    await stop().catch((err) => console.error(`[start] ${zh}出错 (${code}_FAILED): ${String(err)}`));
  }
}

function shutdown(exitCode: number): Promise<never> {
  stopRequested = true;
  stopping ??= stopAll().then(() => {
    console.log('[start] 已全部停止 (STOPPED)');
    process.exit(exitCode);
  });
  return stopping;
}

function printError(err: unknown): void {
  if (err instanceof StepError) {
    console.error(`[start] 启动失败 (${err.code}): ${err.message}`);
    if (err.cause) console.error(err.cause);
  } else {
    console.error('[start] 启动失败 (START_FAILED):', err);
  }
}

// One Ctrl-C reaches this process up to three times (terminal, npm, bootstrap): repeats within
// a second are the same press; a later one forces the exit.
let firstSignalAt = 0;
function onSignal(): void {
  if (!stopRequested) {
    stopRequested = true;
    firstSignalAt = Date.now();
    console.log('\n[start] 正在停止，再按一次 Ctrl-C 强制退出 (STOPPING)');
    if (ready) void shutdown(0);
    return;
  }
  if (Date.now() - firstSignalAt < 1000) return;
  console.error('[start] 强制退出 (FORCED_EXIT)');
  started.devServer?.child.kill('SIGTERM');
  process.exit(130);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, onSignal);

function workerLogLevel(level: string): LogLevel {
  const upper = level.toUpperCase();
  return (['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR'] as const).find((l) => l === upper) ?? 'ERROR';
}

function databaseWhere(env: Env, database: Database): string {
  if (database.kind === 'pglite') return `PGlite，目录 ${path.join(env.dataDir, 'pglite')}`;
  const url = new URL(env.databaseUrl!);
  if (url.password) url.password = '***';
  return `PostgreSQL，${url.toString()}`;
}

async function main(): Promise<void> {
  let env: Env = await step('CONFIG', '读取配置', async () => readEnv());
  // We stop the worker ourselves, in order, instead of the SDK's own signal handlers.
  Runtime.install({ logger: new DefaultLogger(workerLogLevel(env.logLevel)), shutdownSignals: [] });

  let temporalNote: string;
  let temporalUi: string | undefined;
  if (process.env.TEMPORAL_ADDRESS) {
    const connection = await step('TEMPORAL_CONNECT', `连接 Temporal ${env.temporalAddress}`, async () => {
      const c = await probeTemporal(env.temporalAddress);
      if (!c) throw new StepError('TEMPORAL_UNREACHABLE', `TEMPORAL_ADDRESS=${env.temporalAddress} 无响应`);
      return c;
    });
    // Registering is allowed on a dev server; a managed server may refuse: the admin's job then.
    await registerSearchAttributes(connection, env.temporalNamespace).catch((err) =>
      console.warn(`[start] 未能注册搜索属性 (SEARCH_ATTRIBUTES_SKIPPED): ${String(err)}`),
    );
    await connection.close();
    temporalNote = '外部服务器 (TEMPORAL_ADDRESS)';
  } else {
    const dev = await step('TEMPORAL_START', '启动 Temporal 开发服务器', () => devServer(env));
    // Our dev server listens on 127.0.0.1 only: do not let "localhost" resolve to ::1.
    env = { ...env, temporalAddress: `127.0.0.1:${dev.port}` };
    if (dev.reused)
      console.log(`[start] 沿用本目录上次启动、仍在运行的开发服务器 ${env.temporalAddress}，数据 ${dev.dbFile} (TEMPORAL_REUSED)`);
    await step('SEARCH_ATTRIBUTES', '注册搜索属性', async () => {
      try {
        await registerSearchAttributes(dev.connection, env.temporalNamespace);
      } finally {
        await dev.connection.close();
      }
    });
    temporalNote = dev.reused
      ? `沿用本目录已在运行的开发服务器，数据 ${dev.dbFile}`
      : `本次启动的开发服务器，数据 ${dev.dbFile}，日志 ${dev.logFile}`;
    temporalUi = `http://127.0.0.1:${dev.uiPort}`;
  }

  const database = await step('DB_OPEN', '打开数据库', () => createDatabase({ url: env.databaseUrl, dataDir: env.dataDir }));
  started.database = database;
  await step('DB_MIGRATE', '执行数据库迁移', () => database.migrate());
  // npm start is the local run: demo departments, users and tokens, whatever SEED_DEMO says.
  await step('DB_SEED', '写入演示数据（仅供本地演示）', () => seedDemo(database.db));
  env = {
    ...env,
    seedDemo: true,
    queryCodeSecret: env.queryCodeSecret ?? localSecret(env.dataDir, 'query-code-secret'),
    sessionSecret: env.sessionSecret ?? localSecret(env.dataDir, 'session-secret'),
  };
  if (env.payloadKeys.length === 0) env = { ...env, payloadKeys: parsePayloadKeys(localPayloadKeys(env.dataDir)) };

  const worker = await step('WORKER_START', '启动工作节点', () => startWorker(env, database));
  started.worker = worker;
  worker.done.then(
    () => {
      if (!stopRequested) {
        console.error('[start] 工作节点意外停止 (WORKER_STOPPED)');
        void shutdown(1);
      }
    },
    (err) => {
      if (!stopRequested) {
        console.error('[start] 工作节点出错 (WORKER_FAILED):', err);
        void shutdown(1);
      }
    },
  );
  started.devServer?.child.once('exit', (code, signal) => {
    if (stopRequested) return;
    console.error(`[start] Temporal 开发服务器意外退出 (TEMPORAL_EXITED): ${code ?? signal}`);
    void shutdown(1);
  });

  const api = await step('API_START', '启动 API', () => startApi(env, database));
  started.api = api;
  if (stopRequested) throw new Aborted();
  ready = true;

  const pad = (s: string, n: number) => s + ' '.repeat(Math.max(1, n - [...s].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e7f ? 2 : 1), 0)));
  const lines = [
    '',
    '本地环境已就绪 (READY)',
    `  API:            ${api.url}`,
    `  OpenAPI 文档:   ${api.url}/docs`,
    `  Temporal gRPC:  ${env.temporalAddress}（${temporalNote}）`,
    ...(temporalUi ? [`  Temporal UI:    ${temporalUi}`] : []),
    `  数据库:         ${databaseWhere(env, database)}`,
    '',
    `演示用户（演示数据，令牌与初始密码公开，仅供本地使用）：控制台用用户名和初始密码 ${DEMO_PASSWORD} 登录，首次登录须修改密码`,
    `  ${pad('用户名', 14)}${pad('姓名', 22)}${pad('角色', 20)}令牌`,
    ...DEMO_USERS.map((u) => `  ${pad(u.username, 14)}${pad(u.displayName, 22)}${pad(u.role, 20)}${u.token}`),
    '',
    '示例:',
    `  curl -H "Authorization: Bearer demo-market-staff" ${api.url}/v1/inbox`,
    '',
    '按 Ctrl-C 停止。',
  ];
  console.log(lines.join('\n'));
}

main().catch(async (err: unknown) => {
  if (err instanceof Aborted) return shutdown(0);
  printError(err);
  return shutdown(1);
});
