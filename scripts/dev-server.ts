// The Temporal CLI dev server as npm start and the end-to-end test run it: a SQLite file with
// the WAL pragmas of the SDK's own CI (plain file mode times out under load).
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Connection } from '@temporalio/client';

export interface DevServerOptions {
  cli: string;
  port: number;
  /** omitted: headless */
  uiPort?: number;
  dbFile: string;
  logFile: string;
}

export interface DevServer {
  child: ChildProcess;
  /** resolves with a connection once the frontend answers; rejects if it exits or stays silent */
  ready(opts?: { timeoutMs?: number; onWait?: () => void; aborted?: () => boolean }): Promise<Connection>;
  /** SIGTERM, then SIGKILL after 10 s */
  stop(): Promise<void>;
}

/** A Temporal frontend that answers getSystemInfo, or undefined. */
export async function probeTemporal(address: string): Promise<Connection | undefined> {
  let connection: Connection | undefined;
  try {
    connection = await Connection.connect({ address, connectTimeout: '1 second' });
    await connection.workflowService.getSystemInfo({});
    return connection;
  } catch {
    await connection?.close().catch(() => {});
    return undefined;
  }
}

export function logTail(file: string, lines = 15): string {
  if (!existsSync(file)) return '';
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

export function spawnDevServer(o: DevServerOptions): DevServer {
  mkdirSync(path.dirname(o.dbFile), { recursive: true });
  mkdirSync(path.dirname(o.logFile), { recursive: true });
  const log = openSync(o.logFile, 'a');
  writeSync(log, `\n--- ${new Date().toISOString()} start-dev ---\n`);
  const child = spawn(
    o.cli,
    [
      'server',
      'start-dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(o.port),
      ...(o.uiPort ? ['--ui-port', String(o.uiPort)] : ['--headless']),
      '--db-filename',
      o.dbFile,
      '--sqlite-pragma',
      'journal_mode=WAL',
      '--sqlite-pragma',
      'synchronous=OFF',
      '--log-level',
      'warn',
    ],
    // Own process group: Ctrl-C in the terminal must not stop it before the worker has drained.
    { detached: true, stdio: ['ignore', log, log] },
  );
  closeSync(log);
  return superviseServer(child, `127.0.0.1:${o.port}`, o.logFile, 'Temporal 开发服务器');
}

/** ready() and stop() of a Temporal server process we started (the dev server or scripts/temporal-server.ts). */
export function superviseServer(child: ChildProcess, address: string, logFile: string, label: string): DevServer {
  let spawnError: Error | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', (err) => {
      spawnError = err;
      resolve();
    });
  });
  const running = () => child.exitCode === null && child.signalCode === null && !spawnError;

  return {
    child,
    async ready({ timeoutMs = 60_000, onWait, aborted } = {}) {
      const until = Date.now() + timeoutMs;
      while (Date.now() < until && running() && !aborted?.()) {
        const tick = sleep(1000);
        const connection = await probeTemporal(address);
        if (connection) return connection;
        onWait?.();
        await Promise.race([tick, exited]);
      }
      const why = spawnError
        ? `无法启动 (${spawnError.message})`
        : !running()
          ? '已退出'
          : aborted?.()
            ? '启动被中止'
            : `${timeoutMs / 1000} 秒内未响应`;
      throw new Error(`${label}${why} (TEMPORAL_NOT_READY)，日志 ${logFile}:\n${logTail(logFile)}`);
    },
    async stop() {
      if (!running()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** `preferred` when nothing listens on it at 127.0.0.1, else a port the system picks. */
export function portFrom(preferred: number): Promise<number> {
  const tryListen = (port: number) =>
    new Promise<number | null>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(null));
      server.listen(port, '127.0.0.1', () => {
        const got = (server.address() as { port: number }).port;
        server.close(() => resolve(got));
      });
    });
  return tryListen(preferred).then((p) => p ?? tryListen(0).then((q) => q!));
}
