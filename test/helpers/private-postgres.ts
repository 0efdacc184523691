// A PostgreSQL server of a test's own, from Debian's binaries, on a free loopback port: a
// fault test can stop and start it without disturbing the cluster the other tests share.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './ports';

export interface PrivatePostgres {
  url: string;
  stop(): void;
  start(): void;
  destroy(): Promise<void>;
}

function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  if (!versions[0]) throw new Error('需要 Debian 的 postgresql 软件包（.ci/run 会安装）(POSTGRES_MISSING)');
  return path.join(root, versions[0], 'bin');
}

export async function privatePostgres(): Promise<PrivatePostgres> {
  const bin = binDir();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pg-'));
  const port = await freePort();
  // The server refuses to run as root: as root, run it as the postgres user.
  const root = process.getuid?.() === 0;
  if (root) {
    const { uid, gid } = JSON.parse(
      execFileSync('sh', ['-c', 'printf \'{"uid":%s,"gid":%s}\' "$(id -u postgres)" "$(id -g postgres)"']).toString(),
    ) as { uid: number; gid: number };
    chownSync(dir, uid, gid);
  }
  const run = (cmd: string, args: string[]) =>
    execFileSync(root ? 'runuser' : cmd, root ? ['-u', 'postgres', '--', cmd, ...args] : args, { stdio: 'pipe', timeout: 60_000 });
  const data = path.join(dir, 'data');
  run(path.join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'county', '--no-sync', '-E', 'UTF8']);
  const pgCtl = (...args: string[]) => run(path.join(bin, 'pg_ctl'), ['-D', data, '-w', ...args]);
  const start = () =>
    pgCtl('-l', path.join(dir, 'server.log'), '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start');
  start();
  return {
    url: `postgres://county@127.0.0.1:${port}/postgres`,
    start,
    stop: () => pgCtl('-m', 'fast', 'stop'),
    async destroy() {
      try {
        pgCtl('-m', 'immediate', 'stop');
      } catch {
        // already stopped
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
