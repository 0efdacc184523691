// `npm run start:production-shape`: the docker-compose topology without Docker (run by
// scripts/bootstrap.mjs on Node 24). PostgreSQL (PRODUCTION_SHAPE_DATABASE_URL) → the pinned
// Temporal server, built once into .tools/temporal-server → deploy/temporal/setup.sh schema →
// the server (4 history shards, SQL visibility) → setup.sh namespace → migrations (db/migrate.ts)
// → workers and the API, each its own process. Ctrl-C or SIGTERM stops them in the reverse order.
// `--build-only` builds (or finds) the server and exits: .ci/run does this before its round.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { createDatabase } from '../db/client';
import { seedDemo } from '../db/seed';
import { readEnv } from '../env';
import type { DevServer } from './dev-server';
import { type EntryProcess, spawnEntry } from './entry-process';
import { localPayloadKeys, localSecret } from './local-secret';
import { searchAttributesReady } from './search-attributes';
import {
  DEFAULT_PORTS,
  ensureServerBuilt,
  HISTORY_SHARDS,
  runSetup,
  spawnTemporalServer,
  TEMPORAL_SERVER_VERSION,
  type TemporalPorts,
  type TemporalServerOptions,
  writeServerConfig,
} from './temporal-server';

const say = (zh: string, code: string) => console.log(`[production-shape] ${zh} (${code})…`);
const note = (zh: string, code: string) => console.log(`[production-shape] ${zh} (${code})`);
/** A failed step: Chinese for people, an English code for searching logs. */
class StepError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const started: { server?: DevServer; workers: EntryProcess[]; api?: EntryProcess; postgresCluster?: string } = { workers: [] };
let stopping: Promise<never> | undefined;
let stopRequested = false;
/** Between start-up steps: after a Ctrl-C nothing new is started (shutdown() stops what runs). */
const checkStop = () => {
  if (stopRequested) throw new StepError('STOPPING', '启动被中止');
};

const mask = (url: URL) => {
  const copy = new URL(url);
  if (copy.password) copy.password = '***';
  return copy.toString();
};

/** SIGTERM, then SIGKILL after `graceMs`; resolves once it has exited. */
async function terminate(p: EntryProcess, graceMs: number): Promise<void> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  p.child.kill('SIGTERM');
  const timer = setTimeout(() => p.child.kill('SIGKILL'), graceMs);
  await p.exited;
  clearTimeout(timer);
}

/** API first (no new work), then the workers (they drain, shutdownGraceTime 10 s), then Temporal. */
async function stopAll(): Promise<void> {
  const parts: [string, string, (() => Promise<void>) | undefined][] = [
    ['API_STOP', '停止 API', started.api && (() => terminate(started.api!, 15_000))],
    [
      'WORKER_STOP',
      '停止工作节点',
      started.workers.length ? async () => void (await Promise.all(started.workers.map((w) => terminate(w, 20_000)))) : undefined,
    ],
    ['TEMPORAL_STOP', '停止 Temporal 服务器', started.server && (() => started.server!.stop())],
    [
      'PG_STOP',
      `停止本次启动的 PostgreSQL ${started.postgresCluster}`,
      started.postgresCluster ? async () => void spawnSync('pg_ctlcluster', [...started.postgresCluster!.split(' '), 'stop']) : undefined,
    ],
  ];
  for (const [code, zh, stop] of parts) {
    if (!stop) continue;
    say(zh, code);
    await stop().catch((err) => console.error(`[production-shape] ${zh}出错 (${code}_FAILED): ${String(err)}`));
  }
}

function shutdown(exitCode: number): Promise<never> {
  stopRequested = true;
  stopping ??= stopAll().then(() => {
    note('已全部停止', 'STOPPED');
    process.exit(exitCode);
  });
  return stopping;
}

// One Ctrl-C reaches us up to three times (terminal, npm, bootstrap): repeats within a second are one press.
let firstSignalAt = 0;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (!stopRequested) {
      firstSignalAt = Date.now();
      note('正在按顺序停止', 'STOPPING');
      void shutdown(0);
    } else if (Date.now() - firstSignalAt > 1000) {
      console.error('[production-shape] 强制退出 (FORCED_EXIT)');
      for (const p of [started.api, ...started.workers]) p?.child.kill('SIGKILL');
      started.server?.child.kill('SIGKILL');
      process.exit(130);
    }
  });
}

/** Connects as the admin; when nothing listens and we are root on Debian, starts the cluster on that port as .ci/run does. */
async function adminConnection(admin: URL): Promise<postgres.Sql> {
  const connect = async () => {
    const sql = postgres(admin.toString(), { max: 1, onnotice: () => {}, connect_timeout: 5 });
    await sql`select 1`;
    return sql;
  };
  try {
    return await connect();
  } catch (err) {
    const refused = (err as { code?: string }).code === 'ECONNREFUSED';
    if (!refused || process.getuid?.() !== 0 || !existsSync('/usr/bin/pg_lsclusters')) {
      throw new StepError('POSTGRES_UNREACHABLE', `无法连接 PostgreSQL ${mask(admin)}: ${(err as Error).message}`);
    }
    const port = admin.port || '5432';
    const cluster = spawnSync('pg_lsclusters', ['-h'], { encoding: 'utf8' })
      .stdout.split('\n')
      .map((l) => l.trim().split(/\s+/))
      .find((f) => f[2] === port);
    if (!cluster) throw new StepError('POSTGRES_UNREACHABLE', `端口 ${port} 上没有 PostgreSQL，也没有该端口的 Debian 集群`);
    say(`启动 PostgreSQL ${cluster[0]} ${cluster[1]}，端口 ${port}`, 'PG_START');
    if (spawnSync('pg_ctlcluster', [cluster[0]!, cluster[1]!, 'start'], { stdio: 'inherit' }).status !== 0) {
      throw new StepError('PG_START_FAILED', `pg_ctlcluster ${cluster[0]} ${cluster[1]} start 失败`);
    }
    started.postgresCluster = `${cluster[0]} ${cluster[1]}`;
    return connect().catch((again: unknown) => {
      throw new StepError('POSTGRES_LOGIN_FAILED', `PostgreSQL 已启动，但无法以 ${mask(admin)} 登录: ${(again as Error).message}`);
    });
  }
}

async function main(): Promise<void> {
  const t0 = Date.now();
  const buildSeconds = ensureServerBuilt(say);
  note(
    buildSeconds
      ? `Temporal 服务器 ${TEMPORAL_SERVER_VERSION} 构建完成，用时 ${buildSeconds.toFixed(0)} 秒`
      : `Temporal 服务器 ${TEMPORAL_SERVER_VERSION} 已构建，跳过`,
    buildSeconds ? 'TEMPORAL_SERVER_BUILT' : 'TEMPORAL_SERVER_CACHED',
  );
  if (process.argv.includes('--build-only')) return;

  const env = readEnv();
  const adminUrl = process.env.PRODUCTION_SHAPE_DATABASE_URL;
  if (!adminUrl) {
    throw new StepError(
      'PRODUCTION_SHAPE_DATABASE_URL_REQUIRED',
      '请设置 PRODUCTION_SHAPE_DATABASE_URL：一个可建角色和数据库的 PostgreSQL 账号，例如 postgres://county:county@127.0.0.1:5432/postgres',
    );
  }
  const admin = new URL(adminUrl);
  const home = path.join(env.dataDir, 'production-shape');
  const logs = path.join(home, 'logs');
  mkdirSync(logs, { recursive: true });
  const workerCount = Number(process.env.PRODUCTION_SHAPE_WORKERS || 2);
  // The frontend port moves all of the server's ports by the same offset (a dev server may hold 7233).
  const shift = Number(process.env.PRODUCTION_SHAPE_TEMPORAL_PORT || DEFAULT_PORTS.frontend) - DEFAULT_PORTS.frontend;
  const ports = Object.fromEntries(Object.entries(DEFAULT_PORTS).map(([k, v]) => [k, v + shift])) as unknown as TemporalPorts;

  // As docker-compose's deploy/postgres-init: role `temporal` (CREATEDB, makes its own two
  // databases in setup.sh) and the application's database.
  say(`准备 PostgreSQL ${mask(admin)}`, 'PG_PREPARE');
  const temporalPassword = localSecret(home, 'temporal-db-password');
  const appDatabase = process.env.PRODUCTION_SHAPE_APP_DATABASE || 'county_data';
  if (!/^[a-z_][a-z0-9_]*$/.test(appDatabase))
    throw new StepError('CONFIG_INVALID', `PRODUCTION_SHAPE_APP_DATABASE=${appDatabase} 应为小写字母、数字和下划线`);
  const sql = await adminConnection(admin);
  try {
    const [role] = await sql`select 1 from pg_roles where rolname = 'temporal'`;
    await sql.unsafe(`${role ? 'alter' : 'create'} role temporal login createdb password '${temporalPassword}'`);
    const [db] = await sql`select 1 from pg_database where datname = ${appDatabase}`;
    if (!db) await sql.unsafe(`create database ${appDatabase}`);
  } finally {
    await sql.end();
  }
  const appUrl = new URL(admin);
  appUrl.pathname = `/${appDatabase}`;

  const server: TemporalServerOptions = {
    root: path.join(home, 'temporal'),
    ports,
    postgres: { host: admin.hostname, port: Number(admin.port || 5432), user: 'temporal', password: temporalPassword },
    logLevel: 'warn',
  };
  writeServerConfig(server);
  const setupLog = path.join(logs, 'temporal-setup.log');
  say('Temporal 数据库建库与升级 (deploy/temporal/setup.sh schema)', 'TEMPORAL_SCHEMA');
  await runSetup('schema', { ...server, logFile: setupLog, echo: true });

  const serverLog = path.join(logs, 'temporal-server.log');
  say(`启动 Temporal 服务器 ${TEMPORAL_SERVER_VERSION}，${HISTORY_SHARDS} 个历史分片，日志 ${serverLog}`, 'TEMPORAL_START');
  const t1 = Date.now();
  checkStop();
  started.server = spawnTemporalServer(server, serverLog);
  const connection = await started.server.ready({ timeoutMs: 120_000, aborted: () => stopRequested });
  note(`Temporal 服务器 ${((Date.now() - t1) / 1000).toFixed(1)} 秒后应答`, 'TEMPORAL_READY');
  started.server.child.once('exit', (code, signal) => {
    if (stopRequested) return;
    console.error(`[production-shape] Temporal 服务器意外退出 (TEMPORAL_EXITED): ${code ?? signal}，日志 ${serverLog}`);
    void shutdown(1);
  });
  say('命名空间与搜索属性 (deploy/temporal/setup.sh namespace)', 'TEMPORAL_NAMESPACE');
  try {
    await runSetup('namespace', { ...server, namespace: env.temporalNamespace, logFile: setupLog, echo: true });
    // The workers and the API start processes at once: wait until the frontend knows the attributes.
    await searchAttributesReady(connection, env.temporalNamespace);
  } finally {
    await connection.close();
  }

  const temporalAddress = `127.0.0.1:${ports.frontend}`;
  const appEnv = {
    ...process.env,
    DATABASE_URL: appUrl.toString(),
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_NAMESPACE: env.temporalNamespace,
    TEMPORAL_TASK_QUEUE: env.taskQueue,
    LOG_LEVEL: env.logLevel,
    PAYLOAD_KEYS: process.env.PAYLOAD_KEYS || localPayloadKeys(home),
  };
  checkStop();
  say('执行数据库迁移 (db/migrate.ts)', 'DB_MIGRATE');
  const migrate = spawnSync(process.execPath, ['--import', 'tsx', 'db/migrate.ts'], { env: appEnv, stdio: 'inherit' });
  if (migrate.status !== 0) throw new StepError('DB_MIGRATE_FAILED', '数据库迁移失败');
  if (env.seedDemo) {
    say('写入演示数据 (SEED_DEMO=true，仅供试用)', 'DB_SEED');
    const database = await createDatabase({ url: appUrl.toString() });
    await seedDemo(database.db).finally(() => database.close());
  }

  const watch = (p: EntryProcess, what: string) =>
    void p.exited.then((how) => {
      if (stopRequested) return;
      console.error(`[production-shape] ${what}意外退出 (PROCESS_EXITED): ${how}，日志 ${p.logFile}`);
      void shutdown(1);
    });
  checkStop();
  say(`启动 ${workerCount} 个工作节点进程`, 'WORKER_START');
  for (let i = 1; i <= workerCount; i++) {
    const worker = spawnEntry({
      script: 'worker.ts',
      code: 'WORKER',
      label: `工作节点 ${i}`,
      logFile: path.join(logs, `worker-${i}.log`),
      env: appEnv,
      detached: true,
    });
    started.workers.push(worker);
    watch(worker, `工作节点 ${i} `);
  }
  await Promise.all(started.workers.map((w) => w.ready));

  checkStop();
  say('启动 API 进程', 'API_START');
  started.api = spawnEntry({
    script: 'api/server.ts',
    code: 'API',
    label: 'API',
    logFile: path.join(logs, 'api.log'),
    env: {
      ...appEnv,
      HOST: env.host,
      PORT: String(env.port),
      QUERY_CODE_SECRET: env.queryCodeSecret ?? localSecret(home, 'query-code-secret'),
      SESSION_SECRET: env.sessionSecret ?? localSecret(home, 'session-secret'),
    },
    detached: true,
  });
  watch(started.api, 'API ');
  await started.api.ready;
  checkStop();

  const apiUrl = `http://${env.host === '0.0.0.0' ? '127.0.0.1' : env.host}:${env.port}`;
  console.log(
    [
      '',
      `生产形态已就绪，启动用时 ${((Date.now() - t0) / 1000).toFixed(1)} 秒 (READY)`,
      `  API:            ${apiUrl}（进程 ${started.api.child.pid}）`,
      `  OpenAPI 文档:   ${apiUrl}/docs`,
      `  Temporal gRPC:  ${temporalAddress}（服务器 ${TEMPORAL_SERVER_VERSION}，PostgreSQL 持久化与可见性，${HISTORY_SHARDS} 个历史分片）`,
      `  工作节点:       ${started.workers.length} 个进程（${started.workers.map((w) => w.child.pid).join(', ')}），任务队列 ${env.taskQueue}`,
      `  数据库:         ${mask(appUrl)}`,
      `  日志:           ${logs}`,
      '',
      '按 Ctrl-C 按顺序停止（API → 工作节点 → Temporal）。',
    ].join('\n'),
  );
}

main().catch((err: unknown) => {
  if (stopRequested) return;
  if (err instanceof StepError) console.error(`[production-shape] 启动失败 (${err.code}): ${err.message}`);
  else console.error('[production-shape] 启动失败 (START_FAILED):', err);
  return shutdown(1);
});
