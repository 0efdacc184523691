import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { ExtensionRequest, VerificationResult } from '../../domain/correction';
import type { DbOrTx } from '../client';
import { type Inserted, insertOnce } from '../insert-once';
import { correctionExtensions, corrections, queryCodeAttempts } from '../schema';

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

/** The end of the receipt's query-code lock, when it is locked at `now`. */
export async function queryCodeLockedUntil(db: DbOrTx, correctionId: string, now: Date): Promise<Date | null> {
  const [row] = await db.select().from(queryCodeAttempts).where(eq(queryCodeAttempts.correctionId, correctionId));
  return row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null;
}

/**
 * One more wrong code for the receipt, counted in one statement so concurrent guesses all count.
 * The failure that reaches the limit locks the receipt and starts the count again; it returns
 * the lock (its end and how many locks the receipt has had), otherwise null.
 */
export async function recordQueryCodeFailure(
  db: DbOrTx,
  correctionId: string,
  now: Date,
  limit: { failures: number; minutes: number },
): Promise<{ until: Date; lockouts: number } | null> {
  const reached = sql`${queryCodeAttempts.failures} + 1 >= ${limit.failures}`;
  const until = new Date(now.getTime() + limit.minutes * 60_000);
  const [row] = await db
    .insert(queryCodeAttempts)
    .values({ correctionId, failures: 1 })
    .onConflictDoUpdate({
      target: queryCodeAttempts.correctionId,
      set: {
        failures: sql`case when ${reached} then 0 else ${queryCodeAttempts.failures} + 1 end`,
        lockedUntil: sql`case when ${reached} then ${until.toISOString()}::timestamptz else ${queryCodeAttempts.lockedUntil} end`,
        lockouts: sql`${queryCodeAttempts.lockouts} + case when ${reached} then 1 else 0 end`,
      },
    })
    .returning();
  return row && row.failures === 0 && row.lockedUntil ? { until: row.lockedUntil, lockouts: row.lockouts } : null;
}

/** A right code: the count of wrong ones starts again. */
export async function clearQueryCodeFailures(db: DbOrTx, correctionId: string): Promise<void> {
  await db.update(queryCodeAttempts).set({ failures: 0 }).where(eq(queryCodeAttempts.correctionId, correctionId));
}
