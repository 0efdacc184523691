// 第四十五条: the authority's indicator sets, the results sent to the county government, and the
// departments' security register (第四十二条、第四十三条).
import { createHash } from 'node:crypto';
import { and, asc, desc, eq, gte, inArray, isNull, lte, type SQL } from 'drizzle-orm';
import type { IndicatorSet, SecurityRecordKind } from '../../domain/evaluation';
import type { Db, DbOrTx } from '../client';
import { evaluationIndicatorSets, evaluationSubmissions, securityRecords } from '../schema';
import { addNotifications } from './notifications.repo';

export type IndicatorSetRow = typeof evaluationIndicatorSets.$inferSelect;
export type SubmissionRow = typeof evaluationSubmissions.$inferSelect;
export type SecurityRecordRow = typeof securityRecords.$inferSelect;

export async function getIndicatorSet(db: DbOrTx, year: number): Promise<IndicatorSetRow | null> {
  const [row] = await db.select().from(evaluationIndicatorSets).where(eq(evaluationIndicatorSets.year, year));
  return row ?? null;
}

/** Writes the set of an unpublished year; null when the year is published (nothing written). */
export async function saveIndicatorSet(db: DbOrTx, year: number, set: IndicatorSet, by: string): Promise<IndicatorSetRow | null> {
  const values = { weights: set.weights, parameters: set.parameters, updatedBy: by, updatedAt: new Date() };
  const [row] = await db
    .insert(evaluationIndicatorSets)
    .values({ year, ...values })
    .onConflictDoUpdate({ target: evaluationIndicatorSets.year, set: values, setWhere: isNull(evaluationIndicatorSets.publishedAt) })
    .returning();
  return row ?? null;
}

/** Publishes the year's set once; null when there is no unpublished set of that year. */
export async function publishIndicatorSet(db: DbOrTx, year: number, by: string): Promise<IndicatorSetRow | null> {
  const [row] = await db
    .update(evaluationIndicatorSets)
    .set({ publishedBy: by, publishedAt: new Date() })
    .where(and(eq(evaluationIndicatorSets.year, year), isNull(evaluationIndicatorSets.publishedAt)))
    .returning();
  return row ?? null;
}

/** SHA-256 of the result's JSON text (UTF-8), hex: what the county government checks a copy against. */
export const resultDigest = (json: string): string => createHash('sha256').update(json, 'utf8').digest('hex');

/** Records the result sent and tells the county government's users, in one transaction. */
export function recordSubmission(db: Db, s: { year: number; result: Record<string, unknown>; by: string; message: string }) {
  const json = JSON.stringify(s.result);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(evaluationSubmissions)
      .values({ year: s.year, digest: resultDigest(json), result: json, submittedBy: s.by })
      .returning();
    await addNotifications(tx, [
      {
        workflowId: `evaluation-${s.year}`,
        key: `submission-${row!.id}`,
        departmentCode: null,
        role: 'county_government',
        kind: 'evaluation_submitted',
        message: `${s.message}（摘要 ${row!.digest.slice(0, 16)}）`,
      },
    ]);
    return row!;
  });
}

export const listSubmissions = (db: DbOrTx, year: number) =>
  db
    .select()
    .from(evaluationSubmissions)
    .where(eq(evaluationSubmissions.year, year))
    .orderBy(desc(evaluationSubmissions.submittedAt), desc(evaluationSubmissions.id));

export async function addSecurityRecord(
  db: DbOrTx,
  r: { departmentCode: string; kind: SecurityRecordKind; heldOn: string; summary: string; recordedBy: string },
): Promise<SecurityRecordRow> {
  const [row] = await db.insert(securityRecords).values(r).returning();
  return row!;
}

export interface SecurityRecordFilter {
  departments?: string[];
  departmentCode?: string;
  kind?: SecurityRecordKind;
  year?: number;
  limit: number;
  offset: number;
}

/** Newest first. */
export function listSecurityRecords(db: DbOrTx, f: SecurityRecordFilter) {
  const where: SQL[] = [];
  if (f.departments) where.push(inArray(securityRecords.departmentCode, f.departments));
  if (f.departmentCode) where.push(eq(securityRecords.departmentCode, f.departmentCode));
  if (f.kind) where.push(eq(securityRecords.kind, f.kind));
  if (f.year) where.push(gte(securityRecords.heldOn, `${f.year}-01-01`), lte(securityRecords.heldOn, `${f.year}-12-31`));
  return db
    .select()
    .from(securityRecords)
    .where(and(...where))
    .orderBy(desc(securityRecords.heldOn), asc(securityRecords.id))
    .limit(f.limit)
    .offset(f.offset);
}
