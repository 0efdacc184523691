import { and, asc, eq, isNull } from 'drizzle-orm';
import type { CatalogChange } from '../../domain/catalog';
import { DEFAULT_RESUBMISSION_WORKING_DAYS, RESUBMISSION_WORKING_DAYS_SETTING } from '../../domain/catalog-update';
import type { DbOrTx } from '../client';
import { type Inserted, insertOnce } from '../insert-once';
import { catalogApplications, catalogChanges, catalogCompilations } from '../schema';
import { readSettings, writeSetting } from './settings.repo';

export type CatalogChangeRow = typeof catalogChanges.$inferSelect;
export type NewCatalogChange = typeof catalogChanges.$inferInsert;

/** Inserts the change unless its request id is known; either way returns the stored row. */
export function insertChangeOnce(db: DbOrTx, c: NewCatalogChange): Promise<Inserted<CatalogChangeRow>> {
  // No conflict target: the request id and the workflow id derived from it are both unique,
  // and a concurrent duplicate may collide on either first.
  return insertOnce(
    db.insert(catalogChanges).values(c).onConflictDoNothing().returning(),
    async () => (await db.select().from(catalogChanges).where(eq(catalogChanges.requestId, c.requestId)))[0],
    `catalog change ${c.requestId}`,
  );
}

// ---- settings -------------------------------------------------------------------------------

/** The authority's period for resubmitting a returned application, in working days (default 5). */
export async function resubmissionWorkingDays(db: DbOrTx): Promise<number> {
  return (
    (await readSettings(db, [RESUBMISSION_WORKING_DAYS_SETTING])).get(RESUBMISSION_WORKING_DAYS_SETTING) ??
    DEFAULT_RESUBMISSION_WORKING_DAYS
  );
}

export const setResubmissionWorkingDays = (db: DbOrTx, value: number, userId: string): Promise<void> =>
  writeSetting(db, RESUBMISSION_WORKING_DAYS_SETTING, value, userId);

export async function getChange(db: DbOrTx, id: string): Promise<CatalogChangeRow | null> {
  const [row] = await db.select().from(catalogChanges).where(eq(catalogChanges.id, id));
  return row ?? null;
}

export const listApplications = (db: DbOrTx, changeId: string) =>
  db.select().from(catalogApplications).where(eq(catalogApplications.changeId, changeId)).orderBy(asc(catalogApplications.n));

/** The n-th application of a change, as received (第十八条). */
export interface ReceivedApplication {
  changeId: string;
  n: number;
  changes: CatalogChange[];
  submittedByUserId: string;
  submittedAt: string;
  receivedOn: string;
  reviewDue: string;
}

/** Idempotent on (change, n): a retried activity writes nothing twice. */
export async function saveApplication(db: DbOrTx, a: ReceivedApplication): Promise<void> {
  await db
    .insert(catalogApplications)
    .values({ ...a, submittedAt: new Date(a.submittedAt) })
    .onConflictDoNothing();
}

/** Only the first decision on an application is kept; approval also stamps the change (or compilation) with its catalog version. */
export async function decideApplication(
  db: DbOrTx,
  d: {
    changeId: string;
    n: number;
    decision: 'approved' | 'returned';
    decidedByUserId: string;
    decidedAt: string;
    reason?: string;
    catalogVersion?: number;
  },
): Promise<void> {
  await db
    .update(catalogApplications)
    .set({ decision: d.decision, decidedByUserId: d.decidedByUserId, decidedAt: new Date(d.decidedAt), reason: d.reason ?? null })
    .where(and(eq(catalogApplications.changeId, d.changeId), eq(catalogApplications.n, d.n), isNull(catalogApplications.decision)));
  if (d.catalogVersion !== undefined) {
    await db.update(catalogChanges).set({ catalogVersion: d.catalogVersion }).where(eq(catalogChanges.id, d.changeId));
    // 第十六条: a compilation's applications are kept here too, under its own id.
    await db.update(catalogCompilations).set({ catalogVersion: d.catalogVersion }).where(eq(catalogCompilations.id, d.changeId));
  }
}
