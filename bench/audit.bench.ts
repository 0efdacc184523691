// Issue 13 item 5: the audited write route against a bare route, 10 concurrent writers, on
// PostgreSQL, while the sequencer signs a head every second as the seal workflow would. Both
// sides run interleaved in this one run. Writes bench/results-audit.json (target ≥ 0.6×; the
// hash chain under one global lock gave 0.18×).
// BENCH_DATABASE_URL: a PostgreSQL server; a throwaway database is created on it and dropped.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { Type } from '@sinclair/typebox';
import { buildApp } from '../api/app';
import { ephemeralSigner } from '../db/audit-keys';
import { createDatabase } from '../db/client';
import { makeHead } from '../db/repositories/audit.repo';
import { seedDemo } from '../db/seed';
import { interleave, median, pool, round } from './stats';

const url = process.env.BENCH_DATABASE_URL || 'postgres://county:county@127.0.0.1:5432/postgres';
const name = `bench_audit_${process.pid}`;
const admin = await createDatabase({ url, poolSize: 1 });
await admin.db.execute(`create database ${name}`);
const scoped = new URL(url);
scoped.pathname = `/${name}`;
const database = await createDatabase({ url: scoped.toString(), poolSize: 10 });
const keys = { hash: 'sm3' as const, signer: ephemeralSigner() };
let sealing = true;
try {
  await database.migrate();
  await seedDemo(database.db);
  const app = await buildApp(
    {
      db: database.db,
      // neither route reaches the engine
      temporal: {} as Client,
      taskQueue: 'bench',
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
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as { port: number };
  const call = (method: string, route: string, body?: unknown) =>
    fetch(`http://127.0.0.1:${port}${route}`, {
      method,
      headers: { authorization: 'Bearer demo-market-staff', ...(body !== undefined && { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then((r) => {
      if (r.status !== 200) throw new Error(`${route}: ${r.status}`);
      return r.arrayBuffer();
    });
  const sealer = (async () => {
    while (sealing) {
      await makeHead(database.db, keys);
      await new Promise((r) => setTimeout(r, 1000));
    }
  })();
  const n = 1000;
  const s = await interleave(5, {
    bare: async () => n / (await pool(n, 10, () => call('GET', '/bench/bare'))),
    audited: async () => n / (await pool(n, 10, () => call('POST', '/bench/noop', { n: 1 }))),
  });
  sealing = false;
  await sealer;
  const head = await makeHead(database.db, keys);
  const result = {
    benchmark: 'audited write route vs bare route (PostgreSQL, 10 concurrent writers)',
    auditedReqPerSec: round(median(s.audited), 1),
    bareReqPerSec: round(median(s.bare), 1),
    ratio: round(median(s.audited) / median(s.bare), 3),
    target: 0.6,
    samples: s,
    sealedTreeSize: head.treeSize,
    measuredAt: new Date().toISOString(),
  };
  console.log(`审计写入路由 ${result.auditedReqPerSec} 次/秒，裸路由 ${result.bareReqPerSec} 次/秒 → ${result.ratio}×（目标 ≥ 0.6×）`);
  await writeFile(path.join(import.meta.dirname, 'results-audit.json'), `${JSON.stringify(result, null, 2)}\n`);
  await app.close();
} finally {
  sealing = false;
  await database.close();
  await admin.db.execute(`drop database ${name} with (force)`);
  await admin.close();
}
