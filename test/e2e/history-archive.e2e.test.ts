// SPEC §5, 第四十八条: a closed process's history outlives the engine. On the dev server: a
// correction runs to its end, the archiver stores its history, the workflow is deleted from the
// engine (`temporal workflow delete`), and the auditors still read the full history and the
// timeline through the API, checked against the digest in the audit log.
import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
import { WorkflowNotFoundError } from '@temporalio/client';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, processHistoryArchives } from '../../db/schema';
import { HISTORY_ARCHIVE_SCHEDULE_ID } from '../../workflows/options';
import { closedCorrection } from '../helpers/filings';
import { TEMPORAL_CLI } from '../helpers/paths';
import { type ServedStack, servedStack } from '../helpers/stack';
import { eventually } from '../helpers/wait';

let served: ServedStack;
beforeAll(async () => {
  served = await servedStack();
  // The rounds here are the test's own: the schedule's would archive a process the last test needs unarchived.
  await served.client.schedule.getHandle(HISTORY_ARCHIVE_SCHEDULE_ID).pause('测试自行执行归档');
});
afterAll(async () => served?.stack.close());

/** `temporal workflow delete` (it asks to confirm: --yes), then until the engine no longer knows it: deletion is asynchronous. */
async function deleteFromEngine(workflowId: string): Promise<void> {
  const address = served.stack.env.temporalAddress;
  await promisify(execFile)(TEMPORAL_CLI, ['workflow', 'delete', '--address', address, '--workflow-id', workflowId, '--yes']);
  await eventually(async () => {
    await expect(served.client.workflow.getHandle(workflowId).describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);
  }, 90_000);
}

const archiveRound = () =>
  served.client.workflow.execute('historyArchiveWorkflow', {
    taskQueue: served.stack.env.taskQueue,
    workflowId: `archive-test-${randomUUID()}`,
  });

describe('history archive', () => {
  it('the worker schedules the archiver every 15 minutes', async () => {
    const description = await served.client.schedule.getHandle(HISTORY_ARCHIVE_SCHEDULE_ID).describe();
    expect(description.spec.intervals).toMatchObject([{ every: 15 * 60 * 1000 }]);
    expect(description.action).toMatchObject({ type: 'startWorkflow', workflowType: 'historyArchiveWorkflow' });
  });

  it('a deleted closed workflow still reads as its full history and timeline, digest verified; a changed archive is refused by name', {
    timeout: 180_000,
  }, async () => {
    const { call, client, stack } = served;
    const db = stack.database.db;
    const { workflowId } = await closedCorrection(call, client);
    const fromEngine = await call('auditor', 'GET', `/v1/processes/${workflowId}/history`);
    expect(fromEngine.body.temporalHistory).toMatchObject({ source: 'engine', archive: null });
    const engineEvents = fromEngine.body.temporalHistory.events as { eventId: string; eventType: string }[];
    expect(engineEvents.at(-1)!.eventType).toBe('EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED');

    const round = await archiveRound();
    expect(round.archived).toContain(workflowId);
    // A second round finds nothing more to do for it: one archive, one audit entry.
    expect((await archiveRound()).archived).not.toContain(workflowId);
    const entries = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.target, workflowId), eq(auditLog.action, 'ARCHIVE process-history')));
    expect(entries).toHaveLength(1);
    const [row] = await db.select().from(processHistoryArchives).where(eq(processHistoryArchives.workflowId, workflowId));
    // An independent check of the digest: sha256 of the stored history, unzipped.
    const stored = gunzipSync(row!.history).toString('utf8');
    const digest = createHash('sha256').update(stored).digest('hex');
    expect(entries[0]!.detail).toMatchObject({ algorithm: 'sha256', digest, events: engineEvents.length });
    expect(row!.history.byteLength).toBeLessThan(Buffer.byteLength(stored));

    await deleteFromEngine(workflowId);

    const fromArchive = await call('auditor', 'GET', `/v1/processes/${workflowId}/history`);
    expect(fromArchive.status).toBe(200);
    expect(fromArchive.body.temporalHistory).toMatchObject({ source: 'archive', archive: { algorithm: 'sha256', digest, verified: true } });
    expect(fromArchive.body.temporalHistory.events).toEqual(engineEvents);
    expect(fromArchive.body.timeline.map((e: { kind: string }) => e.kind)).toEqual(['filed', 'verified']);
    const overview = await call('market-head', 'GET', `/v1/processes/${workflowId}`);
    expect(overview.status).toBe(200);
    expect(overview.body.timeline.map((e: { kind: string }) => e.kind)).toEqual(['filed', 'verified']);

    // History and digest rewritten together on the row: the audit log's digest no longer matches.
    await db.execute(
      sql`update process_history_archives set history = ${gzipSync('{"events":[]}')}, digest = ${sha256('{"events":[]}')} where workflow_id = ${workflowId}`,
    );
    const changed = await call('auditor', 'GET', `/v1/processes/${workflowId}/history`);
    expect(changed).toMatchObject({ status: 500, body: { code: 'HISTORY_ARCHIVE_DIGEST_MISMATCH' } });
    expect(changed.body.message).toContain('摘要不符');
  });

  it('a closed process gone from the engine without an archive: 404 naming it, and the timeline still reads', {
    timeout: 180_000,
  }, async () => {
    const { call, client } = served;
    const { workflowId } = await closedCorrection(call, client);
    await deleteFromEngine(workflowId);
    expect((await archiveRound()).missing).toContain(workflowId);
    const res = await call('auditor', 'GET', `/v1/processes/${workflowId}/history`);
    expect(res).toMatchObject({ status: 404, body: { code: 'HISTORY_NOT_ARCHIVED' } });
    expect((await call('auditor', 'GET', `/v1/processes/${workflowId}`)).status).toBe(200);
  });
});

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
