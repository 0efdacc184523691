// 第四十七条: the IT projects as filed, with their department's name for the pages.
import { desc, eq, getTableColumns, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { type Inserted, insertOnce } from '../insert-once';
import { departments, itProjects } from '../schema';

export type ItProjectRow = typeof itProjects.$inferSelect;
export type NamedItProjectRow = ItProjectRow & { departmentName: string };

/** Inserts the project unless its request id is known; either way returns the stored row. */
export function insertItProjectOnce(db: DbOrTx, p: typeof itProjects.$inferInsert): Promise<Inserted<ItProjectRow>> {
  return insertOnce(
    db.insert(itProjects).values(p).onConflictDoNothing().returning(),
    async () => (await db.select().from(itProjects).where(eq(itProjects.requestId, p.requestId)))[0],
    `it project ${p.requestId}`,
  );
}

const named = (db: DbOrTx) =>
  db
    .select({ ...getTableColumns(itProjects), departmentName: departments.name })
    .from(itProjects)
    .innerJoin(departments, eq(departments.code, itProjects.departmentCode));

export async function getItProject(db: DbOrTx, id: string): Promise<NamedItProjectRow | null> {
  const [row] = await named(db).where(eq(itProjects.id, id));
  return row ?? null;
}

/** Newest first; `scope` undefined: every department. */
export const listItProjects = (db: DbOrTx, scope?: string[]): Promise<NamedItProjectRow[]> =>
  named(db)
    .where(scope ? inArray(itProjects.departmentCode, scope) : undefined)
    .orderBy(desc(itProjects.createdAt))
    .limit(500);
