// SPEC §5: the archived engine history of each closed process. Its digest is written twice: on
// the row and, in the same transaction, as an audit-log entry; the log is the witness a
// rewritten row (history and digest changed together) cannot match.
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db, DbOrTx } from '../client';
import { processes, processHistoryArchives } from '../schema';
import { HISTORY_ARCHIVED_ACTION } from '../../domain/audit-log';
import { appendAudit, listAuditForTarget } from './audit.repo';

/** The digest of an archive, carried on its row and in the detail of its audit entry. */
export const ARCHIVE_DIGEST_ALGORITHM = 'sha256';

const digestOf = (json: string) => createHash(ARCHIVE_DIGEST_ALGORITHM).update(json, 'utf8').digest('hex');

export type HistoryArchiveRow = typeof processHistoryArchives.$inferSelect;

/** Closed processes with no archive yet, oldest closure first. */
export const listClosedWithoutArchive = (db: DbOrTx, limit: number) =>
  db
    .select({ workflowId: processes.workflowId })
    .from(processes)
    .leftJoin(processHistoryArchives, eq(processHistoryArchives.workflowId, processes.workflowId))
    .where(and(eq(processes.status, 'closed'), isNull(processHistoryArchives.workflowId)))
    .orderBy(asc(processes.closedAt))
    .limit(limit);

/**
 * Stores one history (its JSON as historyToJSON wrote it) and its audit entry together; a second
 * call for the same workflow writes nothing (false).
 */
export async function saveHistoryArchive(db: Db, a: { workflowId: string; runId: string; events: number; json: string }): Promise<boolean> {
  const digest = digestOf(a.json);
  return db.transaction(async (tx) => {
    const written = await tx
      .insert(processHistoryArchives)
      .values({
        workflowId: a.workflowId,
        runId: a.runId,
        events: a.events,
        algorithm: ARCHIVE_DIGEST_ALGORITHM,
        digest,
        history: gzipSync(a.json),
      })
      .onConflictDoNothing()
      .returning({ workflowId: processHistoryArchives.workflowId });
    if (written.length === 0) return false;
    await appendAudit(tx, {
      userId: null,
      role: null,
      departmentCode: null,
      action: HISTORY_ARCHIVED_ACTION,
      target: a.workflowId,
      result: 'archived',
      detail: { runId: a.runId, events: a.events, algorithm: ARCHIVE_DIGEST_ALGORITHM, digest },
    });
    return true;
  });
}

export type ArchiveReading =
  | { ok: true; json: string; row: HistoryArchiveRow }
  /** DIGEST_NOT_RECORDED: no audit entry names it; DIGEST_MISMATCH: the content, the row or the entry disagree */
  | { ok: false; reason: 'DIGEST_NOT_RECORDED' | 'DIGEST_MISMATCH'; row: HistoryArchiveRow };

/** The archive of a process, checked against its own digest and the one the audit log recorded; null when there is none. */
export async function readHistoryArchive(db: DbOrTx, workflowId: string): Promise<ArchiveReading | null> {
  const [row] = await db.select().from(processHistoryArchives).where(eq(processHistoryArchives.workflowId, workflowId));
  if (!row) return null;
  const recorded = (await listAuditForTarget(db, workflowId)).find((e) => e.action === HISTORY_ARCHIVED_ACTION)?.detail?.digest;
  if (typeof recorded !== 'string') return { ok: false, reason: 'DIGEST_NOT_RECORDED', row };
  let json: string;
  try {
    json = gunzipSync(row.history).toString('utf8');
  } catch {
    return { ok: false, reason: 'DIGEST_MISMATCH', row };
  }
  const actual = createHash(row.algorithm).update(json, 'utf8').digest('hex');
  return actual === row.digest && actual === recorded ? { ok: true, json, row } : { ok: false, reason: 'DIGEST_MISMATCH', row };
}
