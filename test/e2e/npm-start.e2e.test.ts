// Issue 16: `npm start` (scripts/start.ts, as the bootstrap runs it) from a fresh data folder.
// With TEMPORAL_ADDRESS it used to fail creating data/pglite; with any dev server on 7233 it
// attached to it silently, another checkout's included. Now it uses the server it is given,
// and otherwise only reuses a dev server this checkout started, or starts its own elsewhere.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type DevServer, spawnDevServer } from '../../scripts/dev-server';
import { ROOT, TEMPORAL_CLI } from '../helpers/paths';
import { freePort } from '../helpers/ports';
import { quietRuntime } from '../helpers/temporal';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const clean of cleanups.splice(0).reverse()) await clean().catch(() => {});
});

/** A dev server of "another checkout": its own SQLite file in its own folder. */
async function otherDevServer(port: number): Promise<DevServer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'other-checkout-'));
  const server = spawnDevServer({ cli: TEMPORAL_CLI, port, dbFile: path.join(dir, 'dev.sqlite'), logFile: path.join(dir, 'dev.log') });
  cleanups.push(async () => {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  });
  await (await server.ready()).close();
  return server;
}

/** Runs scripts/start.ts with a fresh DATA_DIR until it prints READY; returns what it printed. */
async function npmStart(env: Record<string, string>): Promise<{ child: ChildProcess; out: () => string; apiUrl: string }> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'npm-start-'));
  const apiPort = await freePort();
  let out = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: path.join(dataDir, 'data'), PORT: String(apiPort), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  cleanups.push(async () => {
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
    child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });
  const until = Date.now() + 100_000;
  while (!out.includes('(READY)')) {
    if (child.exitCode !== null || Date.now() > until) throw new Error(`npm start 未就绪:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, out: () => out, apiUrl: `http://127.0.0.1:${apiPort}` };
}

describe('npm start', () => {
  quietRuntime();

  it('with TEMPORAL_ADDRESS on a fresh clone: creates its data folder, uses that server, serves the API, stops cleanly', async () => {
    const port = await freePort();
    await otherDevServer(port);
    const { child, out, apiUrl } = await npmStart({ TEMPORAL_ADDRESS: `127.0.0.1:${port}` });
    expect(out()).toContain(`Temporal gRPC:  127.0.0.1:${port}（外部服务器 (TEMPORAL_ADDRESS)）`);
    expect((await fetch(`${apiUrl}/health`)).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out()).toContain('(STOPPED)');
  });

  it("with another checkout's dev server on 7233: starts its own elsewhere and says so", async () => {
    await otherDevServer(7233);
    const { out, apiUrl } = await npmStart({});
    expect(out()).toContain('(TEMPORAL_PORT_TAKEN)');
    expect(out()).not.toContain('(TEMPORAL_REUSED)');
    const address = /Temporal gRPC: {2}127\.0\.0\.1:(\d+)（本次启动的开发服务器/.exec(out());
    expect(address, out()).not.toBeNull();
    expect(Number(address![1])).not.toBe(7233);
    expect((await fetch(`${apiUrl}/health`)).status).toBe(200);
  });
});
