// An entry point of ours (worker.ts, api/server.ts) as its own `node --import tsx` process, as
// production runs it: the production-shape runner and the fault tests' worker processes.
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { logTail } from './dev-server';

const ROOT = path.resolve(import.meta.dirname, '..');

export interface EntryProcess {
  child: ChildProcess;
  logFile: string;
  /** resolves with the first whole stdout line holding `<code>_STARTED` (worker.ts prints WORKER_STARTED once its bundle is built) */
  ready: Promise<string>;
  /** resolves with the exit code or signal name */
  exited: Promise<number | string>;
}

export interface EntryOptions {
  /** relative to the repository root */
  script: string;
  env: NodeJS.ProcessEnv;
  /** stdout and stderr are appended here */
  logFile: string;
  /** WORKER, API: the ready line's code is `<code>_STARTED`, the errors' `<code>_NOT_READY`, `<code>_EXITED` */
  code: string;
  /** what it is called in errors */
  label: string;
  readyTimeoutMs?: number;
  /** its own process group: a terminal's Ctrl-C then reaches it only through whoever stops things in order */
  detached?: boolean;
}

export function spawnEntry(o: EntryOptions): EntryProcess {
  const log = openSync(o.logFile, 'a');
  const child = spawn(process.execPath, ['--import', 'tsx', o.script], {
    cwd: ROOT,
    env: o.env,
    detached: o.detached,
    stdio: ['ignore', 'pipe', log],
  });
  child.once('close', () => closeSync(log));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  const timeoutMs = o.readyTimeoutMs ?? 60_000;
  const ready = new Promise<string>((resolve, reject) => {
    let out = '';
    let found: string | undefined;
    const timer = setTimeout(
      () => reject(new Error(`${o.label} ${timeoutMs / 1000} 秒内未就绪 (${o.code}_NOT_READY):\n${logTail(o.logFile)}`)),
      timeoutMs,
    );
    child.stdout!.on('data', (chunk: Buffer) => {
      writeSync(log, chunk); // stdout is logged too: the ready line is read from the pipe
      if (found) return;
      out += chunk.toString();
      found = out
        .split('\n')
        .slice(0, -1)
        .find((l) => l.includes(`${o.code}_STARTED`)); // whole lines only
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    });
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`${o.label}已退出 (${how}) (${o.code}_EXITED):\n${logTail(o.logFile)}`));
    });
  });
  ready.catch(() => {}); // a process killed on purpose before it was ready is no failure
  return { child, logFile: o.logFile, ready, exited };
}
