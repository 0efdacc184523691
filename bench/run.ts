// `npm run bench`: side-by-side ratios on one throwaway stack (issue 6). Every comparison runs
// its two sides interleaved in this one run; figures from different runs are never compared.
// Writes bench/results.json and prints the Markdown table the README carries.
// BENCH_DATABASE_URL (optional): a throwaway PostgreSQL database for the registry comparison;
// the bench migrates it and adds 100 000 rows, removed at the end.
// BENCH_TEMPORAL=server (with BENCH_DATABASE_URL): on the real Temporal server on PostgreSQL
// (the production shape) instead of the dev server; writes bench/results-temporal-server.json.
import { randomUUID } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@temporalio/client';
import { Type } from '@sinclair/typebox';
// CommonJS package: under Node's ESM loader only its default export is there.
import chineseDays from 'chinese-days';
import { inArray, sql } from 'drizzle-orm';
import { buildApp } from '../api/app';
import { startApi } from '../api/server';
import { createDatabase, type Database } from '../db/client';
import { loadCalendar } from '../db/repositories/calendar.repo';
import { seedDemo } from '../db/seed';
import { departments, processes } from '../db/schema';
import { addWorkingDays } from '../domain/working-days';
import { readEnv } from '../env';
import { actorOf } from '../test/helpers/actors';
import { freePort } from '../test/helpers/ports';
import { devServerEngine, realServerEngine } from '../test/helpers/stack';
import { eventually } from '../test/helpers/wait';
import type { CorrectionInput } from '../workflows/correction.workflow';
import { decideExtension, recordVerification, requestExtension } from '../workflows/messages';
import { correctionWorkflowId } from '../workflows/options';
import { startWorker } from '../worker';
import { interleave, median, mergeResults, percentile, pool, round, timed } from './stats';
import { BENCH_SECRETS, benchDataConverter } from './secrets';

const ROOT = path.resolve(import.meta.dirname, '..');
const ROUNDS = 5;

function expect200(res: Response): void {
  if (res.status !== 200) throw new Error(`health ${res.status}`);
}

type Row = { benchmark: string; a: string; b: string; metric: string; aValue: number; bValue: number; ratio: number; note?: string };
const rows: Row[] = [];
function report(r: Omit<Row, 'ratio'>): void {
  const row = { ...r, aValue: round(r.aValue, 3), bValue: round(r.bValue, 3), ratio: round(r.aValue / r.bValue, 3) };
  rows.push(row);
  console.log(
    `  ${row.benchmark}: ${row.a} ${row.aValue} vs ${row.b} ${row.bValue} ${row.metric} → ${row.ratio}×${row.note ? `（${row.note}）` : ''}`,
  );
}

const tmp = await mkdtemp(path.join(os.tmpdir(), 'bench-'));
/** The API, the worker and the raw client share one bench-only key. */
const onServer = process.env.BENCH_TEMPORAL === 'server';
if (onServer && !process.env.BENCH_DATABASE_URL)
  throw new Error('BENCH_TEMPORAL=server 需要 BENCH_DATABASE_URL (BENCH_DATABASE_URL_REQUIRED)');
const engine = onServer ? await realServerEngine(tmp, process.env.BENCH_DATABASE_URL) : devServerEngine(tmp, await freePort());
const engineName = onServer ? 'Temporal 服务器 1.32.2（PostgreSQL，4 个历史分片）' : '开发服务器（SQLite + WAL）';
const temporalPort = engine.port;
const server = engine.spawn();
const databases: Database[] = [];
const closers: (() => Promise<void>)[] = [];
let stackDatabase = 'PGlite';

try {
  const connection = await server.ready();
  await engine.prepare(connection);
  // The raw client encrypts like the API's: the ratio compares the API's overhead, not the codec's.
  const client = new Client({ connection, dataConverter: benchDataConverter() });
  const open = async (url?: string) => {
    const db = await createDatabase(url ? { url, poolSize: 10 } : { dataDir: 'memory://' });
    databases.push(db);
    await db.migrate();
    await seedDemo(db.db);
    return db;
  };
  const pglite = await open();
  const pg = process.env.BENCH_DATABASE_URL ? await open(process.env.BENCH_DATABASE_URL) : undefined;
  // The stack runs on PostgreSQL when one is given (the production shape), else on PGlite.
  const database = pg ?? pglite;
  stackDatabase = pg ? 'PostgreSQL' : 'PGlite';
  console.log(`准备：${engineName}、${stackDatabase}、工作节点、API (BENCH_SETUP)`);
  const vars = {
    TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`,
    TEMPORAL_TASK_QUEUE: 'bench',
    PORT: String(await freePort()),
    LOG_LEVEL: 'error',
    ...BENCH_SECRETS,
    // The load is one user's: measure the system, not the per-user start quota.
    START_QUOTA_PER_MINUTE: '100000',
  };
  const env = readEnv(vars);
  let api: { url: string };
  if (pg) {
    // As in production: the worker and the API in processes of their own, so neither shares
    // this process's event loop with the load it is measured under.
    const part = (script: string) => {
      const child = spawn(process.execPath, ['--import', 'tsx', script], {
        cwd: ROOT,
        env: { ...process.env, ...vars, DATABASE_URL: process.env.BENCH_DATABASE_URL },
        stdio: 'ignore',
      });
      closers.push(async () => {
        child.kill('SIGTERM');
        await once(child, 'exit');
      });
    };
    part('worker.ts');
    part('api/server.ts');
    api = { url: `http://127.0.0.1:${env.port}` };
    await eventually(async () => expect200(await fetch(`${api.url}/health`)), 60_000);
  } else {
    // PGlite allows one connection: everything in this process, as npm start runs it.
    const worker = await startWorker(env, database);
    closers.push(() => worker.shutdown());
    const started = await startApi(env, database);
    closers.push(() => started.close());
    api = started;
  }

  const staff = await actorOf(database.db, 'market-staff');
  const head = await actorOf(database.db, 'market-head');
  const applicant = await actorOf(database.db, 'applicant');
  const http = async (user: string, method: string, url: string, body?: unknown) => {
    const res = await fetch(`${api.url}${url}`, {
      method,
      headers: { authorization: `Bearer demo-${user}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${url} → ${res.status} ${text}`);
    return JSON.parse(text) as Record<string, unknown>;
  };
  const filing = () => ({
    requestId: randomUUID(),
    departmentCode: 'market',
    resourceCode: 'MKT-001',
    dataItems: ['住所'],
    description: '基准测试',
    subject: { kind: 'person', idNumber: '11010519491231002X', name: '张三' },
  });
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const rawStart = (requestId = randomUUID(), taskQueue = env.taskQueue) => {
    const input: CorrectionInput = { correctionId: `BENCH-${requestId}`, departmentCode: 'market', receivedOn: today, filedBy: applicant };
    return client.workflow.start('correctionWorkflow', { taskQueue, workflowId: correctionWorkflowId(requestId), args: [input] });
  };
  /** Corrections filed through the API and counted (deadline in the registry), ready for a next step. */
  const ready = async (n: number): Promise<{ id: string; workflowId: string }[]> => {
    const filed = await Promise.all(Array.from({ length: n }, () => http('applicant', 'POST', '/v1/corrections', filing())));
    const ids = filed.map((f) => ({ id: f.id as string, workflowId: f.workflowId as string }));
    await eventually(async () => {
      const count = await database.db.$count(
        processes,
        inArray(
          processes.workflowId,
          ids.map((i) => i.workflowId),
        ),
      );
      if (count !== n) throw new Error(`${count}/${n}`);
    }, 60_000);
    return ids;
  };

  console.log('\n1. 发起吞吐：POST /v1/corrections 对比 client.workflow.start（并发 10）');
  {
    const n = 40;
    const s = await interleave(ROUNDS, {
      api: async () => n / (await pool(n, 10, () => http('applicant', 'POST', '/v1/corrections', filing()))),
      raw: async () => n / (await pool(n, 10, () => rawStart())),
    });
    report({
      benchmark: 'start throughput',
      a: 'API',
      b: 'raw client',
      metric: 'starts/s (median)',
      aValue: median(s.api),
      bValue: median(s.raw),
      note: '目标 ≥ 0.9',
    });
  }

  console.log('\n2. 单步串行时延：登记核查结果，API 对比 client executeUpdate');
  {
    const n = 30;
    const targets = await ready(2 * n);
    const result = { outcome: 'confirmed' as const, summary: '经核实无误', changes: [] };
    const s = await interleave(n, {
      api: async (i) => timed(() => http('market-staff', 'POST', `/v1/corrections/${targets[2 * i]!.id}/verification`, result)),
      raw: async (i) =>
        timed(() =>
          client.workflow
            .getHandle(targets[2 * i + 1]!.workflowId)
            .executeUpdate(recordVerification, { args: [{ actor: staff, ...result }] }),
        ),
    });
    report({
      benchmark: 'step latency p50',
      a: 'API',
      b: 'raw client',
      metric: 'ms',
      aValue: percentile(s.api, 50),
      bValue: percentile(s.raw, 50),
    });
    report({
      benchmark: 'step latency p95',
      a: 'API',
      b: 'raw client',
      metric: 'ms',
      aValue: percentile(s.api, 95),
      bValue: percentile(s.raw, 95),
    });
  }

  console.log('\n3. 审批往返：负责人批准延期，API 对比 client executeUpdate');
  {
    const n = 30;
    const targets = await ready(2 * n);
    await Promise.all(
      targets.map((t) =>
        client.workflow.getHandle(t.workflowId).executeUpdate(requestExtension, { args: [{ actor: staff, days: 2, reason: '基准测试' }] }),
      ),
    );
    const s = await interleave(n, {
      api: async (i) =>
        timed(() => http('market-head', 'POST', `/v1/corrections/${targets[2 * i]!.id}/extensions/decision`, { approve: true })),
      raw: async (i) =>
        timed(() =>
          client.workflow
            .getHandle(targets[2 * i + 1]!.workflowId)
            .executeUpdate(decideExtension, { args: [{ actor: head, approve: true }] }),
        ),
    });
    report({
      benchmark: 'approval round trip p50',
      a: 'API',
      b: 'raw client',
      metric: 'ms',
      aValue: percentile(s.api, 50),
      bValue: percentile(s.raw, 50),
      note: '目标 ≤ 1.15',
    });
  }

  console.log('\n4. HTTP 栈开销：裸路由 / 认证+校验+审计的空操作 / 一次数据库读');
  {
    const app = await buildApp(
      {
        db: database.db,
        temporal: client,
        taskQueue: env.taskQueue,
        warningWorkingDays: 2,
        queryCodeSecret: 'bench-query-code-secret-0123456789abcdef',
        temporalReady: async () => true,
      },
      { rateLimit: 1_000_000, logger: false },
    );
    app.get('/bench/bare', { config: { public: true } }, async () => ({ ok: true }));
    app.post(
      '/bench/noop',
      { config: { roles: ['department_staff'] }, schema: { body: Type.Object({ n: Type.Integer() }, { additionalProperties: false }) } },
      async () => ({ ok: true }),
    );
    app.get('/bench/db-read', { config: { roles: ['department_staff'] } }, async () => ({
      n: (await database.db.select().from(departments)).length,
    }));
    await app.listen({ host: '127.0.0.1', port: 0 });
    closers.push(() => app.close());
    const { port } = app.server.address() as { port: number };
    const call = (method: string, url: string, body?: unknown) =>
      fetch(`http://127.0.0.1:${port}${url}`, {
        method,
        headers: { authorization: 'Bearer demo-market-staff', ...(body !== undefined && { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      }).then((r) => r.arrayBuffer());
    const n = 1000;
    const s = await interleave(ROUNDS, {
      bare: async () => n / (await pool(n, 10, () => call('GET', '/bench/bare'))),
      noop: async () => n / (await pool(n, 10, () => call('POST', '/bench/noop', { n: 1 }))),
      dbRead: async () => n / (await pool(n, 10, () => call('GET', '/bench/db-read'))),
    });
    report({
      benchmark: 'plugin stack',
      a: 'auth+validate+audit no-op',
      b: 'bare route',
      metric: 'req/s (median)',
      aValue: median(s.noop),
      bValue: median(s.bare),
    });
    report({
      benchmark: 'one database read',
      a: 'auth + 1 read',
      b: 'bare route',
      metric: 'req/s (median)',
      aValue: median(s.dbRead),
      bValue: median(s.bare),
    });
  }

  console.log('\n5. 期限看板：100 000 个未办结流程，GET /v1/deadlines?level=overdue');
  {
    const listSides: Record<string, (round: number) => Promise<number>> = {};
    const targets: [string, Database][] = [['PGlite', pglite]];
    if (pg) {
      targets.push(['PostgreSQL', pg]);
      closers.push(async () => {
        await pg.db.execute(sql`delete from processes where workflow_id like 'bench-%'`);
      });
    }
    for (const [name, db] of targets) {
      await db.db.execute(sql`delete from processes where workflow_id like 'bench-%'`);
      // Deadlines from 10 days ago to 50 days ahead: about one in six overdue, as on a real board.
      await db.db.execute(sql`
        insert into processes (workflow_id, type, department_code, subject_id, stage, status, due_date, ends_at, warning_at, level, calendar_version)
        select 'bench-' || g, 'correction', case when g % 2 = 0 then 'market' else 'civil' end, 'S' || g, 'verifying', 'open',
               (now() + ((g % 60) - 10) * interval '1 day')::date, now() + ((g % 60) - 10) * interval '1 day' + (g % 1440) * interval '1 minute',
               now() + ((g % 60) - 12) * interval '1 day', 'normal', 'bench'
        from generate_series(1, 100000) g`);
      await db.db.execute(sql`analyze processes`);
      const app = await buildApp(
        {
          db: db.db,
          temporal: client,
          taskQueue: env.taskQueue,
          warningWorkingDays: 2,
          queryCodeSecret: 'bench-query-code-secret-0123456789abcdef',
          temporalReady: async () => true,
        },
        { rateLimit: 1_000_000, logger: false },
      );
      closers.push(() => app.close());
      const latencies: number[] = [];
      listSides[name] = async () => {
        const ms = await timed(async () => {
          const res = await app.inject({
            method: 'GET',
            url: '/v1/deadlines?level=overdue&limit=50',
            headers: { authorization: 'Bearer demo-reviewer' },
          });
          if (res.statusCode !== 200) throw new Error(res.body);
        });
        latencies.push(ms);
        return ms;
      };
    }
    const s = await interleave(200, listSides);
    if (s.PostgreSQL) {
      report({
        benchmark: 'deadline board p50',
        a: 'PostgreSQL',
        b: 'PGlite',
        metric: 'ms',
        aValue: percentile(s.PostgreSQL, 50),
        bValue: percentile(s.PGlite!, 50),
      });
      report({
        benchmark: 'deadline board p95',
        a: 'PostgreSQL',
        b: 'PGlite',
        metric: 'ms',
        aValue: percentile(s.PostgreSQL, 95),
        bValue: percentile(s.PGlite!, 95),
        note: '目标：PostgreSQL p95 < 20 ms',
      });
    } else {
      console.log(
        `  PGlite p50 ${round(percentile(s.PGlite!, 50))} ms, p95 ${round(percentile(s.PGlite!, 95))} ms（未设 BENCH_DATABASE_URL，无 PostgreSQL 对照）`,
      );
    }
  }

  console.log('\n6. 工作节点内存：500 个等待中的校核流程（独立进程中测量）');
  {
    const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/worker-memory.ts'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, ...vars, ...(process.env.BENCH_DATABASE_URL && { DATABASE_URL: process.env.BENCH_DATABASE_URL }) },
    });
    if (run.status !== 0) throw new Error(`worker-memory failed:\n${run.stderr.slice(-2000)}`);
    const line = run.stdout.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
    if (!line) throw new Error(`worker-memory printed no result:\n${run.stdout.slice(-2000)}`);
    const measured = JSON.parse(line.slice('BENCH_RESULT '.length)) as { perWorkflowMb: number };
    report({
      benchmark: 'worker memory per cached workflow',
      a: 'measured',
      b: 'SDK estimate',
      metric: 'MB',
      aValue: measured.perWorkflowMb,
      bValue: 1,
      note: 'V8 堆，已 GC',
    });
  }

  console.log('\n7. 期限计算：addWorkingDays 对比 chinese-days findWorkday（10 个工作日）');
  {
    const cal = await loadCalendar(database.db);
    const days = Array.from({ length: 730 }, (_, i) => new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10));
    const n = 20_000;
    const s = await interleave(ROUNDS, {
      ours: async () =>
        ((await timed(async () => {
          for (let i = 0; i < n; i++) addWorkingDays(cal, days[i % days.length]!, 10);
        })) *
          1e6) /
        n,
      pkg: async () =>
        ((await timed(async () => {
          for (let i = 0; i < n; i++) chineseDays.findWorkday(10, days[i % days.length]!);
        })) *
          1e6) /
        n,
    });
    report({
      benchmark: 'deadline computation',
      a: 'addWorkingDays',
      b: 'chinese-days findWorkday',
      metric: 'ns/call (median)',
      aValue: median(s.ours),
      bValue: median(s.pkg),
    });
  }
} finally {
  for (const close of closers.reverse()) await close().catch(() => {});
  for (const db of databases) await db.close().catch(() => {});
  await server.stop();
  await engine.dispose();
  await rm(tmp, { recursive: true, force: true });
}

// Runs alone, after the stack above has stopped: its timing must not share the two cores.
// It does not touch the engine: once, in the dev-server run.
if (!onServer) {
  console.log('\n8. 时间跳跃测试套件总耗时（test/workflows）');
  const started = performance.now();
  const run = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', 'test/workflows'], { cwd: ROOT, encoding: 'utf8' });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`test/workflows failed:\n${run.stdout.slice(-2000)}`);
  report({ benchmark: 'time-skipping suite', a: 'measured', b: 'target', metric: 's', aValue: seconds, bValue: 60, note: '目标 < 60 s' });
}

const out = {
  command: onServer ? 'BENCH_TEMPORAL=server npm run bench' : 'npm run bench',
  engine: engineName,
  at: new Date().toISOString(),
  machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`,
  stackDatabase,
  rows,
};
await mergeResults(path.join(ROOT, onServer ? 'bench/results-temporal-server.json' : 'bench/results.json'), out);
console.log('\n| benchmark | A | B | metric | A | B | A/B |\n| --- | --- | --- | --- | --- | --- | --- |');
for (const r of rows) console.log(`| ${r.benchmark} | ${r.a} | ${r.b} | ${r.metric} | ${r.aValue} | ${r.bValue} | ${r.ratio} |`);
