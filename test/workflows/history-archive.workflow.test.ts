// SPEC §5 on the time-skipping server: one archiver round over two processes the registry has
// closed: one whose execution has completed (archived, with its audit entry) and one the
// engine never had (named missing, nothing written).
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { auditLog, processes, processHistoryArchives } from '../../db/schema';
import { testDatabase } from '../helpers/db';
import { recordHistory } from '../helpers/history';
import { createTestWorker, timeSkippingEnvAt } from '../helpers/temporal';

let env: TestWorkflowEnvironment;
let database: Database;

beforeEach(async () => {
  [env, database] = await Promise.all([timeSkippingEnvAt('2026-11-02T10:00:00+08:00'), testDatabase()]);
});
afterEach(async () => {
  await env?.teardown();
  await database?.close();
});

const closedRow = (workflowId: string) => ({
  workflowId,
  type: 'correction' as const,
  departmentCode: 'market',
  subjectId: workflowId,
  stage: 'completed' as const,
  status: 'closed' as const,
  closedAt: new Date('2026-11-02T02:00:00Z'),
});

describe('historyArchiveWorkflow', () => {
  it('archives the completed execution once, names the one the engine lacks, skips nothing else', async () => {
    const done = `correction-archived-${process.pid}`;
    const gone = `correction-gone-${process.pid}`;
    await database.db.insert(processes).values([closedRow(done), closedRow(gone)]);
    const { worker, taskQueue } = await createTestWorker(env, database.db);
    await worker.runUntil(async () => {
      // Any completed execution under the process's id will do: the archiver reads what the engine holds.
      await env.client.workflow.execute('calendarReminderWorkflow', { taskQueue, workflowId: done });
      const h = await env.client.workflow.start('historyArchiveWorkflow', { taskQueue, workflowId: `history-archive-test-${process.pid}` });
      expect(await h.result()).toEqual({ archived: [done], running: [], missing: [gone] });
      await recordHistory(h, 'history-archive-round');
    });
    const rows = await database.db.select().from(processHistoryArchives);
    expect(rows.map((r) => [r.workflowId, r.algorithm, r.events])).toEqual([[done, 'sha256', expect.any(Number)]]);
    const entries = await database.db.select().from(auditLog).where(eq(auditLog.target, done));
    expect(entries.map((e) => [e.action, e.result, (e.detail as { digest: string }).digest])).toEqual([
      ['ARCHIVE process-history', 'archived', rows[0]!.digest],
    ]);
    expect(await database.db.select().from(auditLog).where(eq(auditLog.target, gone))).toEqual([]);
  });
});
