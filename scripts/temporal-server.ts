// The real Temporal server on PostgreSQL, as `npm run start:production-shape` and the
// production-shape test round run it: the pinned release built from the Go module proxy into
// .tools/temporal-server (once), its schema and namespace set up by deploy/temporal/setup.sh
// (the script docker compose runs too), and its development-postgres12.yaml adapted into a
// config of our own (ports, database, credentials) beside the server's data.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { type DevServer, logTail, superviseServer } from './dev-server';

const ROOT = path.resolve(import.meta.dirname, '..');
/** Same release as the temporalio/server and admin-tools images of docker-compose.yml. */
export const TEMPORAL_SERVER_VERSION = 'v1.32.2';
// The server needs Go ≥ 1.26.10; the module proxy serves this toolchain (PLATFORM-NOTES).
const GO_TOOLCHAIN = 'go1.27.3';
const MODULE = 'go.temporal.io/server';
const HOME = path.join(ROOT, '.tools/temporal-server');
const STAMP = path.join(HOME, 'VERSION');
export const SERVER_BIN = path.join(HOME, 'bin/server');
const SQL_TOOL = path.join(HOME, 'bin/sql');
/** The module's own files the server and setup.sh read, kept beside the binaries: the module cache may be cleaned. */
const BASE_CONFIG = path.join(HOME, 'config/development-postgres12.yaml');
const SCHEMA_DIR = path.join(HOME, 'schema/postgresql/v12');
const SETUP_SCRIPT = path.join(ROOT, 'deploy/temporal/setup.sh');
const TEMPORAL_CLI = path.join(ROOT, '.tools/temporal/bin/temporal');
/** Fixed when a cluster is first created; docker-compose.yml's NUM_HISTORY_SHARDS is the same. */
export const HISTORY_SHARDS = 4;

export const serverBuilt = (): boolean =>
  existsSync(SERVER_BIN) &&
  existsSync(SQL_TOOL) &&
  existsSync(BASE_CONFIG) &&
  existsSync(SCHEMA_DIR) &&
  readStamp() === TEMPORAL_SERVER_VERSION;
const readStamp = () => (existsSync(STAMP) ? readFileSync(STAMP, 'utf8').trim() : undefined);

/** Builds the pinned server and temporal-sql-tool unless present; returns the seconds it took, 0 when cached. */
export function ensureServerBuilt(say: (zh: string, code: string) => void): number {
  if (serverBuilt()) return 0;
  const started = Date.now();
  const env = { ...process.env, GOTOOLCHAIN: GO_TOOLCHAIN, GOBIN: path.join(HOME, 'bin') };
  say(
    `从 Go 模块代理构建 ${MODULE} ${TEMPORAL_SERVER_VERSION} 的 server 与 tools/sql（首次需数分钟，之后用缓存）`,
    'TEMPORAL_SERVER_BUILD',
  );
  for (const cmd of ['cmd/server', 'cmd/tools/sql']) {
    const built = spawnSync('go', ['install', `${MODULE}/${cmd}@${TEMPORAL_SERVER_VERSION}`], { cwd: ROOT, env, stdio: 'inherit' });
    if (built.status !== 0) throw new Error(`go install ${MODULE}/${cmd}@${TEMPORAL_SERVER_VERSION} 失败 (TEMPORAL_SERVER_BUILD_FAILED)`);
  }
  const download = spawnSync('go', ['mod', 'download', '-json', `${MODULE}@${TEMPORAL_SERVER_VERSION}`], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
  });
  if (download.status !== 0) throw new Error(`go mod download 失败 (TEMPORAL_MODULE_MISSING): ${download.stderr}`);
  const moduleDir = (JSON.parse(download.stdout) as { Dir: string }).Dir;
  cpSync(path.join(moduleDir, 'config/development-postgres12.yaml'), BASE_CONFIG);
  cpSync(path.join(moduleDir, 'schema/postgresql/v12'), SCHEMA_DIR, { recursive: true });
  writeFileSync(STAMP, `${TEMPORAL_SERVER_VERSION}\n`);
  return (Date.now() - started) / 1000;
}

export interface TemporalPostgres {
  host: string;
  port: number;
  user: string;
  password: string;
  /** defaults: temporal, temporal_visibility (as docker compose) */
  database?: string;
  visibilityDatabase?: string;
}

/** Every port the server listens on; all on loopback. */
export interface TemporalPorts {
  frontend: number;
  frontendHttp: number;
  history: number;
  matching: number;
  worker: number;
  frontendMembership: number;
  historyMembership: number;
  matchingMembership: number;
  workerMembership: number;
  pprof: number;
  metrics: number;
}

/** The module's defaults: a production-shape run takes them, tests take free ports. */
export const DEFAULT_PORTS: TemporalPorts = {
  frontend: 7233,
  frontendHttp: 7243,
  history: 7234,
  matching: 7235,
  worker: 7239,
  frontendMembership: 6933,
  historyMembership: 6934,
  matchingMembership: 6935,
  workerMembership: 6939,
  pprof: 7936,
  metrics: 8000,
};

export interface TemporalServerOptions {
  /** the server's --root: config/ is written here, its log beside it */
  root: string;
  postgres: TemporalPostgres;
  ports: TemporalPorts;
  logLevel?: string;
}

const databases = (pg: TemporalPostgres) => ({
  main: pg.database ?? 'temporal',
  visibility: pg.visibilityDatabase ?? 'temporal_visibility',
});

/** Replaces `from` exactly `times` times: a changed upstream file fails loudly instead of running half-adapted. */
function replaceExactly(text: string, from: string, to: string, times = 1): string {
  const found = text.split(from).length - 1;
  if (found !== times) throw new Error(`配置模板中 “${from}” 出现 ${found} 次，应为 ${times} 次 (TEMPORAL_CONFIG_TEMPLATE)`);
  return text.replaceAll(from, to);
}

/** root/config/development.yaml from the module's development-postgres12.yaml (the module cache stays untouched). */
export function writeServerConfig(o: TemporalServerOptions): void {
  const { main, visibility } = databases(o.postgres);
  const p = o.ports;
  const q = JSON.stringify; // a JSON string is a valid YAML scalar
  let yaml = readFileSync(BASE_CONFIG, 'utf8');
  const edits: [string, string, number?][] = [
    ['level: info', `level: ${o.logLevel ?? 'warn'}`],
    ['numHistoryShards: 4', `numHistoryShards: ${HISTORY_SHARDS}`],
    ['connectAddr: "127.0.0.1:5432"', `connectAddr: ${q(`${o.postgres.host}:${o.postgres.port}`)}`, 2],
    ['user: "temporal"', `user: ${q(o.postgres.user)}`, 2],
    ['password: "temporal"', `password: ${q(o.postgres.password)}`, 2],
    ['databaseName: "temporal"', `databaseName: ${q(main)}`],
    ['databaseName: "temporal_visibility"', `databaseName: ${q(visibility)}`],
    ['port: 7936', `port: ${p.pprof}`],
    ['listenAddress: "127.0.0.1:8000"', `listenAddress: "127.0.0.1:${p.metrics}"`],
    ['grpcPort: 7233', `grpcPort: ${p.frontend}`],
    ['httpPort: 7243', `httpPort: ${p.frontendHttp}`],
    ['grpcPort: 7234', `grpcPort: ${p.history}`],
    ['grpcPort: 7235', `grpcPort: ${p.matching}`],
    ['grpcPort: 7239', `grpcPort: ${p.worker}`],
    ['membershipPort: 6933', `membershipPort: ${p.frontendMembership}`],
    ['membershipPort: 6934', `membershipPort: ${p.historyMembership}`],
    ['membershipPort: 6935', `membershipPort: ${p.matchingMembership}`],
    ['membershipPort: 6939', `membershipPort: ${p.workerMembership}`],
    ['rpcAddress: "localhost:7233"', `rpcAddress: "127.0.0.1:${p.frontend}"`],
  ];
  for (const [from, to, times] of edits) yaml = replaceExactly(yaml, from, to, times);
  mkdirSync(path.join(o.root, 'config/dynamicconfig'), { recursive: true });
  writeFileSync(path.join(o.root, 'config/development.yaml'), yaml, { mode: 0o600 });
  // The server's production defaults; the module's development-sql.yaml turns on preview features.
  writeFileSync(
    path.join(o.root, 'config/dynamicconfig/development-sql.yaml'),
    '# scripts/temporal-server.ts: the server defaults, nothing overridden.\n{}\n',
  );
}

/**
 * deploy/temporal/setup.sh PHASE with our tools. Its whole output (temporal-sql-tool logs every
 * statement) is appended to `logFile`; with `echo`, its own [temporal-setup] lines go to stdout too.
 */
export function runSetup(
  phase: 'schema' | 'namespace',
  o: TemporalServerOptions & { namespace?: string; logFile: string; echo?: boolean },
): Promise<void> {
  const { main, visibility } = databases(o.postgres);
  const env = {
    ...process.env,
    TEMPORAL_SQL_TOOL: SQL_TOOL,
    TEMPORAL_SCHEMA_DIR: SCHEMA_DIR,
    TEMPORAL_CLI,
    POSTGRES_SEEDS: o.postgres.host,
    DB_PORT: String(o.postgres.port),
    POSTGRES_USER: o.postgres.user,
    SQL_PASSWORD: o.postgres.password,
    TEMPORAL_DB: main,
    TEMPORAL_VISIBILITY_DB: visibility,
    TEMPORAL_ADDRESS: `127.0.0.1:${o.ports.frontend}`,
    TEMPORAL_NAMESPACE: o.namespace ?? 'default',
  };
  const log = openSync(o.logFile, 'a');
  const child = spawn('sh', [SETUP_SCRIPT, phase], { cwd: ROOT, env, stdio: ['ignore', 'pipe', log] });
  let pending = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    writeSync(log, chunk);
    if (!o.echo) return;
    const lines = (pending + chunk.toString()).split('\n');
    pending = lines.pop()!;
    for (const line of lines) if (line.startsWith('[temporal-setup]')) console.log(line);
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      closeSync(log);
      if (code === 0) resolve();
      else
        reject(
          new Error(`deploy/temporal/setup.sh ${phase} 退出码 ${code} (TEMPORAL_SETUP_FAILED)，日志 ${o.logFile}:\n${logTail(o.logFile)}`),
        );
    });
  });
}

/** `server start` on the config written by writeServerConfig; its own process group, so Ctrl-C reaches it only through us. */
export function spawnTemporalServer(o: TemporalServerOptions, logFile = path.join(o.root, 'server.log')): DevServer {
  const log = openSync(logFile, 'a');
  writeSync(log, `\n--- ${new Date().toISOString()} server start ---\n`);
  const child: ChildProcess = spawn(SERVER_BIN, ['--root', o.root, '--config', 'config', '--env', 'development', 'start'], {
    cwd: o.root,
    detached: true,
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  return superviseServer(child, `127.0.0.1:${o.ports.frontend}`, logFile, `Temporal 服务器 ${TEMPORAL_SERVER_VERSION}`);
}
