import { and, asc, eq, isNull } from 'drizzle-orm';
import type { ExtensionRequest, VerificationResult } from '../../domain/correction';
import type { DbOrTx } from '../client';
import { type Inserted, insertOnce } from '../insert-once';
import { correctionExtensions, corrections } from '../schema';

export type CorrectionRow = typeof corrections.$inferSelect;
export type NewCorrection = typeof corrections.$inferInsert;

/**
 * Inserts the correction unless its request id is known. Either way returns the stored row,
 * so a repeated request answers with the first one's process.
 */
export function insertCorrectionOnce(db: DbOrTx, c: NewCorrection): Promise<Inserted<CorrectionRow>> {
  // No conflict target: the request id and the workflow id derived from it are both unique,
  // and a concurrent duplicate may collide on either first.
  return insertOnce(
    db.insert(corrections).values(c).onConflictDoNothing().returning(),
    async () => (await db.select().from(corrections).where(eq(corrections.requestId, c.requestId)))[0],
    `correction ${c.requestId}`,
  );
}

export async function getCorrection(db: DbOrTx, id: string): Promise<CorrectionRow | null> {
  const [row] = await db.select().from(corrections).where(eq(corrections.id, id));
  return row ?? null;
}

export const listCorrectionIdsFiledBy = async (db: DbOrTx, userId: string): Promise<string[]> =>
  (await db.select({ id: corrections.id }).from(corrections).where(eq(corrections.filedByUserId, userId))).map((r) => r.id);

/** Idempotent: only the first result is kept. */
export async function saveVerificationResult(db: DbOrTx, id: string, r: VerificationResult, finishedAt: string): Promise<void> {
  await db
    .update(corrections)
    .set({ outcome: r.outcome, outcomeDetail: { summary: r.summary, changes: r.changes }, finishedAt: new Date(finishedAt) })
    .where(and(eq(corrections.id, id), isNull(corrections.outcome)));
}

/** An extension as its latest step left it; keyed by workflow and extension id, so a retry writes the same row. */
export async function saveExtension(db: DbOrTx, workflowId: string, e: ExtensionRequest): Promise<void> {
  const decided = {
    status: e.status,
    decidedBy: e.decidedBy ?? null,
    decidedAt: e.decidedAt ? new Date(e.decidedAt) : null,
    decisionReason: e.decisionReason ?? null,
  };
  await db
    .insert(correctionExtensions)
    .values({
      workflowId,
      extensionId: e.id,
      days: e.days,
      reason: e.reason,
      requestedBy: e.requestedBy,
      requestedAt: new Date(e.requestedAt),
      ...decided,
    })
    .onConflictDoUpdate({ target: [correctionExtensions.workflowId, correctionExtensions.extensionId], set: decided });
}

/** A correction's extensions in the order asked, shaped as the workflow holds them. */
export async function listExtensions(db: DbOrTx, workflowId: string): Promise<ExtensionRequest[]> {
  const rows = await db
    .select()
    .from(correctionExtensions)
    .where(eq(correctionExtensions.workflowId, workflowId))
    .orderBy(asc(correctionExtensions.extensionId));
  return rows.map((r) => ({
    id: r.extensionId,
    days: r.days,
    reason: r.reason,
    requestedBy: r.requestedBy,
    requestedAt: r.requestedAt.toISOString(),
    status: r.status,
    ...(r.decidedBy !== null && { decidedBy: r.decidedBy }),
    ...(r.decidedAt !== null && { decidedAt: r.decidedAt.toISOString() }),
    ...(r.decisionReason !== null && { decisionReason: r.decisionReason }),
  }));
}
