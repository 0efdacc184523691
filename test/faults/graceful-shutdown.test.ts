// Fault: SIGTERM to a worker process, and to the API process, under load (a deploy, a scale-down). Worker.run() stops
// polling, lets in-flight tasks finish within shutdownGraceTime (10 s in worker.ts) and the
// process exits 0; the next worker finishes the rest, every step written once.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { and, count, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corrections, processEvents, processes } from '../../db/schema';
import { TEST_QUERY_CODE_SECRET } from '../helpers/api';
import { ROOT } from '../helpers/paths';
import { freePort } from '../helpers/ports';
import { httpCaller, requirePostgres, type ServedStack, servedStack, type Stack } from '../helpers/stack';
import { eventually } from '../helpers/wait';
import { correctionFiling } from '../helpers/corrections';
import { TEST_PAYLOAD_KEYS } from '../helpers/codec';

/** The major version in a start line's `Node.js vNN.x.y`. */
const nodeMajorIn = (line: string): number => Number(/Node\.js v(\d+)\./.exec(line)?.[1] ?? Number.NaN);

let stack: Stack;
let call: ServedStack['call'];

beforeAll(async () => {
  // No worker here: the test spawns worker processes itself.
  ({ stack, call } = await servedStack({ worker: false }));
});
afterAll(async () => stack?.close());

describe('SIGTERM to a worker process under load', () => {
  it('drains within its grace time and exits 0; nothing lost, nothing twice', async () => {
    const filed = await Promise.all(
      Array.from({ length: 30 }, () =>
        call('civil-staff', 'POST', '/v1/corrections', {
          requestId: randomUUID(),
          departmentCode: 'civil',
          resourceCode: 'CIV-001',
          dataItems: ['姓名'],
          description: '姓名有误',
          subject: { kind: 'person', idNumber: '11010519491231002X', name: '张三' },
        }),
      ),
    );
    expect(filed.map((f) => f.status)).toEqual(Array(30).fill(201));
    const workflowIds = filed.map((f) => f.body.workflowId as string);
    const db = stack.database.db;
    const count_ = async (kind: string) =>
      (
        await db
          .select({ n: count() })
          .from(processEvents)
          .where(and(inArray(processEvents.workflowId, workflowIds), eq(processEvents.kind, kind)))
      )[0]!.n;

    const first = stack.spawnWorker();
    await eventually(async () => expect(await count_('filed')).toBeGreaterThan(0), 60_000);
    const termAt = Date.now();
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    const drainedMs = Date.now() - termAt;
    console.info(`[faults] SIGTERM 后 ${drainedMs} ms 退出，已登记 ${await count_('filed')}/30 (WORKER_DRAINED)`);
    expect(drainedMs).toBeLessThan(12_000);

    const second = stack.spawnWorker();
    // Issue 20: the worker process runs on the node the bootstrap installed, not the machine's.
    expect(nodeMajorIn(await second.ready)).toBeGreaterThanOrEqual(24);
    await eventually(async () => expect(await count_('filed')).toBe(30), 90_000);
    const verified = await Promise.all(
      filed.map((f) =>
        call('civil-staff', 'POST', `/v1/corrections/${f.body.id}/verification`, {
          outcome: 'confirmed',
          summary: '核查无误',
          changes: [],
        }),
      ),
    );
    expect(verified.map((v) => v.status)).toEqual(Array(30).fill(200));
    expect(await count_('verified')).toBe(30);
    expect(
      await db
        .select({ n: count() })
        .from(processes)
        .where(and(inArray(processes.workflowId, workflowIds), eq(processes.status, 'closed'))),
    ).toEqual([{ n: 30 }]);
  });
});

describe('SIGTERM to the API process under load', () => {
  it('finishes the requests it accepted, refuses new ones, exits 0; every 201 has its row', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const child = spawn(process.execPath, ['--import', 'tsx', 'api/server.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        TEMPORAL_ADDRESS: stack.env.temporalAddress,
        TEMPORAL_TASK_QUEUE: stack.env.taskQueue,
        DATABASE_URL: requirePostgres() && stack.database.url,
        PORT: String(port),
        LOG_LEVEL: 'warn',
        QUERY_CODE_SECRET: TEST_QUERY_CODE_SECRET,
        PAYLOAD_KEYS: TEST_PAYLOAD_KEYS,
        SESSION_SECRET: TEST_QUERY_CODE_SECRET,
        START_QUOTA_PER_MINUTE: '100000',
      },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      await eventually(async () => expect((await fetch(`${url}/health/live`)).status).toBe(200), 60_000);
      await eventually(async () => expect(out).toContain('API_STARTED'), 5_000);
      expect(nodeMajorIn(out)).toBeGreaterThanOrEqual(24);
      const caller = httpCaller(url);
      const requests = Array.from({ length: 20 }, () =>
        caller('market-staff', 'POST', '/v1/corrections', correctionFiling()).then(
          (r) => r.status,
          () => 'refused' as const,
        ),
      );
      await new Promise((r) => setTimeout(r, 30));
      const termAt = Date.now();
      child.kill('SIGTERM');
      const outcomes = await Promise.all(requests);
      expect(await exited).toBe(0);
      console.info(`[faults] API 在 SIGTERM 后 ${Date.now() - termAt} ms 退出：${JSON.stringify(outcomes)} (API_DRAINED)`);
      expect(Date.now() - termAt).toBeLessThan(10_000);
      // Accepted requests complete; later ones on open connections get Fastify's 503 while it
      // closes, new connections are refused. Nothing half done.
      expect(
        outcomes.every((o) => o === 201 || o === 503 || o === 'refused'),
        JSON.stringify(outcomes),
      ).toBe(true);
      const created = outcomes.filter((o) => o === 201).length;
      expect(created).toBeGreaterThan(0);
      const rows = await stack.database.db.select({ n: count() }).from(corrections).where(eq(corrections.description, '住所有误'));
      expect(rows[0]!.n).toBe(created);
      await expect(fetch(`${url}/health/live`)).rejects.toThrow();
    } finally {
      child.kill('SIGKILL');
    }
  });
});
