// Run by bench/run.ts in a process of its own (`node --expose-gc --import tsx bench/worker-memory.ts`):
// a production worker, N waiting corrections in its cache, and the V8 heap before and after.
// Alone in its process, nothing else allocates or frees while it measures.
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { and, eq, inArray } from 'drizzle-orm';
import { createDatabase } from '../db/client';
import { processEvents } from '../db/schema';
import { seedDemo } from '../db/seed';
import { readEnv } from '../env';
import { actorOf } from '../test/helpers/actors';
import { eventually } from '../test/helpers/wait';
import type { CorrectionInput } from '../workflows/correction.workflow';
import { correctionWorkflowId } from '../workflows/options';
import { startWorker } from '../worker';
import { BENCH_SECRETS } from './secrets';
import { pool } from './stats';
import { dataConverterFor } from '../payload-codec';

const n = Number(process.env.BENCH_WORKFLOWS ?? 500);
const env = { ...readEnv({ PAYLOAD_KEYS: BENCH_SECRETS.PAYLOAD_KEYS, ...process.env }), taskQueue: `bench-memory-${randomUUID()}` };
const database = await createDatabase({ url: env.databaseUrl, dataDir: 'memory://' });
await database.migrate();
await seedDemo(database.db);
const connection = await Connection.connect({ address: env.temporalAddress });
const client = new Client({ connection, dataConverter: dataConverterFor(env.payloadKeys) });
const worker = await startWorker(env, database);
const applicant = await actorOf(database.db, 'applicant');

const heap = (): number => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
};

const before = heap();
const ids = Array.from({ length: n }, () => randomUUID());
await pool(n, 20, (i) => {
  const input: CorrectionInput = { correctionId: `MEM-${ids[i]}`, departmentCode: 'market', receivedOn: '2026-11-26', filedBy: applicant };
  return client.workflow.start('correctionWorkflow', {
    taskQueue: env.taskQueue,
    workflowId: correctionWorkflowId(ids[i]!),
    args: [input],
  });
});
await eventually(async () => {
  const count = await database.db.$count(
    processEvents,
    and(eq(processEvents.kind, 'filed'), inArray(processEvents.workflowId, ids.map(correctionWorkflowId))),
  );
  if (count !== n) throw new Error(`${count}/${n}`);
}, 120_000);
const after = heap();

await worker.shutdown();
await connection.close();
await database.close();
console.log(
  `BENCH_RESULT ${JSON.stringify({ workflows: n, heapBefore: before, heapAfter: after, perWorkflowMb: (after - before) / n / 1_048_576 })}`,
);
