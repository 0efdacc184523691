// Issue 18: seconds until one calendar change has recounted every open process, at growing
// numbers of open processes, in one run (each size adds processes to the ones already open),
// printed as ratios per 10×. PostgreSQL (BENCH_DATABASE_URL, a throwaway database), the dev
// server, the worker and the API in processes of their own, as in production.
// BENCH_CALENDAR_SIZES (default "1000,10000,50000"). Merges its rows into bench/results.json.
//   BENCH_DATABASE_URL=postgres://…/throwaway node scripts/bootstrap.mjs exec tsx bench/calendar-change.ts
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@temporalio/client';
import { and, eq, sql } from 'drizzle-orm';
import { createDatabase } from '../db/client';
import { seedDemo } from '../db/seed';
import { processes } from '../db/schema';
import { readEnv } from '../env';
import { actorOf } from '../test/helpers/actors';
import { freePort } from '../test/helpers/ports';
import { devServerEngine } from '../test/helpers/stack';
import { eventually } from '../test/helpers/wait';
import type { CorrectionInput } from '../workflows/correction.workflow';
import { correctionWorkflowId } from '../workflows/options';
import { mergeResults, pool, round } from './stats';
import { BENCH_SECRETS, benchDataConverter } from './secrets';

const ROOT = path.resolve(import.meta.dirname, '..');
const url = process.env.BENCH_DATABASE_URL;
if (!url) throw new Error('需要 BENCH_DATABASE_URL（一个可丢弃的 PostgreSQL 库）(BENCH_DATABASE_URL_REQUIRED)');
const sizes = (process.env.BENCH_CALENDAR_SIZES ?? '1000,10000,50000').split(',').map(Number);

const tmp = await mkdtemp(path.join(os.tmpdir(), 'bench-calendar-'));
const engine = devServerEngine(tmp, await freePort());
const server = engine.spawn();
const children: ReturnType<typeof spawn>[] = [];
const database = await createDatabase({ url, poolSize: 10 });
const measured: { open: number; seconds: number; signalled: number }[] = [];
try {
  const connection = await server.ready();
  await engine.prepare(connection);
  const client = new Client({ connection, dataConverter: benchDataConverter() });
  await database.migrate();
  await seedDemo(database.db);
  await database.db.execute(sql`truncate calendar_overrides`);
  // A fresh count each run: the processes of an earlier run have no workflow any more.
  await database.db.execute(sql`update processes set status = 'closed' where status = 'open'`);
  const vars = {
    TEMPORAL_ADDRESS: `127.0.0.1:${engine.port}`,
    TEMPORAL_TASK_QUEUE: `bench-calendar-${randomUUID()}`,
    PORT: String(await freePort()),
    LOG_LEVEL: 'error',
    ...BENCH_SECRETS,
    START_QUOTA_PER_MINUTE: '100000',
    DATABASE_URL: url,
  };
  const env = readEnv(vars);
  for (const script of ['worker.ts', 'api/server.ts']) {
    children.push(spawn(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, env: { ...process.env, ...vars }, stdio: 'ignore' }));
  }
  const api = `http://127.0.0.1:${env.port}`;
  await eventually(async () => {
    if ((await fetch(`${api}/health`)).status !== 200) throw new Error('not ready');
  }, 60_000);

  const applicant = await actorOf(database.db, 'applicant');
  const receivedOn = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  // Corrections only: the annual report the worker opens in December counts calendar days, not this calendar.
  const openCount = async (version?: string) =>
    database.db.$count(
      processes,
      and(eq(processes.status, 'open'), eq(processes.type, 'correction'), version ? eq(processes.calendarVersion, version) : undefined),
    );
  const nextYear = Number(receivedOn.slice(0, 4)) + 1;
  let open = await openCount();

  for (const [i, size] of sizes.entries()) {
    const add = size - open;
    console.log(`准备 ${size} 个在办流程（新增 ${add}）…`);
    await pool(add, 20, () => {
      const requestId = randomUUID();
      const input: CorrectionInput = { correctionId: `BENCH-${requestId}`, departmentCode: 'market', receivedOn, filedBy: applicant };
      return client.workflow.start('correctionWorkflow', {
        taskQueue: env.taskQueue,
        workflowId: correctionWorkflowId(requestId),
        args: [input],
      });
    });
    await eventually(async () => {
      if ((await openCount()) < size) throw new Error('registering');
    }, 3_600_000);
    open = await openCount();

    // One override of a day next year: a new calendar version for every open process.
    const started = performance.now();
    const res = await fetch(`${api}/v1/calendar/overrides/${nextYear}-06-${String(10 + i).padStart(2, '0')}`, {
      method: 'PUT',
      headers: { authorization: 'Bearer demo-admin', 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'holiday', reason: '基准测试：日历调整' }),
    });
    if (res.status !== 200) throw new Error(`PUT override → ${res.status} ${await res.text()}`);
    const { calendarVersion, recountWorkflowId } = (await res.json()) as { calendarVersion: string; recountWorkflowId: string };
    await eventually(async () => {
      const done = await openCount(calendarVersion);
      if (done < open) throw new Error(`${done}/${open}`);
    }, 3_600_000);
    const seconds = (performance.now() - started) / 1000;
    const { signalled } = (await client.workflow.getHandle(recountWorkflowId).result()) as { signalled: number };
    measured.push({ open, seconds: round(seconds, 1), signalled });
    console.log(`  ${open} 个在办流程：${round(seconds, 1)} 秒全部重算（通知 ${signalled} 个）`);
  }
} finally {
  for (const child of children) {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
  await database.close().catch(() => {});
  await server.stop();
  await rm(tmp, { recursive: true, force: true });
}

const rows = measured.slice(1).map((m, i) => ({
  benchmark: 'calendar change, all recounted',
  a: `${m.open} open`,
  b: `${measured[i]!.open} open`,
  metric: 's',
  aValue: m.seconds,
  bValue: measured[i]!.seconds,
  ratio: round(m.seconds / measured[i]!.seconds, 3),
  note: `流程数 ×${round(m.open / measured[i]!.open, 1)}；线性即同倍`,
}));
await mergeResults(path.join(ROOT, 'bench/results.json'), {
  calendarChange: {
    command: `BENCH_DATABASE_URL=… BENCH_CALENDAR_SIZES=${sizes.join(',')} node scripts/bootstrap.mjs exec tsx bench/calendar-change.ts`,
    engine: '开发服务器（SQLite + WAL）',
    at: new Date().toISOString(),
    machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}, 与另外 7 个工程会话共用`,
    measured,
    rows,
  },
});
console.log('\n| open processes | seconds until all recounted | signalled |\n| --- | --- | --- |');
for (const m of measured) console.log(`| ${m.open} | ${m.seconds} | ${m.signalled} |`);
for (const r of rows) console.log(`${r.a} / ${r.b}: ${r.ratio}×`);
