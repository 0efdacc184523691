// 第十六条: the compilations of departments' 目录清单. Their applications live beside those of
// 第十八条 changes (catalog-changes.repo.ts listApplications, keyed by the compilation's id).
import { and, desc, eq, getTableColumns, inArray, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { type Inserted, insertOnce } from '../insert-once';
import { catalogCompilations, catalogEntries, departments } from '../schema';

export type CatalogCompilationRow = typeof catalogCompilations.$inferSelect;
export type NewCatalogCompilation = typeof catalogCompilations.$inferInsert;

/** Inserts the compilation unless its request id is known; either way returns the stored row. */
export function insertCompilationOnce(db: DbOrTx, c: NewCatalogCompilation): Promise<Inserted<CatalogCompilationRow>> {
  return insertOnce(
    db.insert(catalogCompilations).values(c).onConflictDoNothing().returning(),
    async () => (await db.select().from(catalogCompilations).where(eq(catalogCompilations.requestId, c.requestId)))[0],
    `catalog compilation ${c.requestId}`,
  );
}

/** A compilation with its department's name, for pages that never show a department code. */
export type NamedCompilationRow = CatalogCompilationRow & { departmentName: string };

const named = (db: DbOrTx) =>
  db
    .select({ ...getTableColumns(catalogCompilations), departmentName: departments.name })
    .from(catalogCompilations)
    .innerJoin(departments, eq(departments.code, catalogCompilations.departmentCode));

export async function getCompilation(db: DbOrTx, id: string): Promise<NamedCompilationRow | null> {
  const [row] = await named(db).where(eq(catalogCompilations.id, id));
  return row ?? null;
}

/** Newest first; `scope` undefined: every department. */
export function listCompilations(db: DbOrTx, scope?: string[]): Promise<NamedCompilationRow[]> {
  const where: SQL[] = [];
  if (scope) where.push(inArray(catalogCompilations.departmentCode, scope));
  return named(db)
    .where(and(...where))
    .orderBy(desc(catalogCompilations.createdAt))
    .limit(500);
}

/** How many active entries the department's catalog holds (a first compilation needs none). */
export async function activeEntryCount(db: DbOrTx, departmentCode: string): Promise<number> {
  const rows = await db
    .select({ code: catalogEntries.code })
    .from(catalogEntries)
    .where(and(eq(catalogEntries.departmentCode, departmentCode), eq(catalogEntries.status, 'active')));
  return rows.length;
}
