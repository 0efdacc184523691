// 第四十七条: the IT projects as filed, with their department's name for the pages.
import { desc, eq, getTableColumns, inArray } from 'drizzle-orm';
import { IT_PROJECT_PERIOD_SETTINGS, IT_PROJECT_PERIODS, type ItProjectPeriods } from '../../domain/it-project';
import type { DbOrTx } from '../client';
import { type Inserted, insertOnce } from '../insert-once';
import { departments, itProjects } from '../schema';
import { readSettings, writeSetting } from './settings.repo';

const PERIODS = Object.keys(IT_PROJECT_PERIOD_SETTINGS) as (keyof ItProjectPeriods)[];

/** The periods in force: the authority's settings, the defaults where it has set none. */
export async function itProjectPeriods(db: DbOrTx): Promise<ItProjectPeriods> {
  const set = await readSettings(db, Object.values(IT_PROJECT_PERIOD_SETTINGS));
  return Object.fromEntries(
    PERIODS.map((k) => [k, set.get(IT_PROJECT_PERIOD_SETTINGS[k]) ?? IT_PROJECT_PERIODS[k]]),
  ) as unknown as ItProjectPeriods;
}

/** Sets all three periods at once, in one transaction: a project filed meanwhile sees the old three or the new. */
export async function setItProjectPeriods(db: DbOrTx, periods: ItProjectPeriods, userId: string): Promise<void> {
  await db.transaction(async (tx) => {
    for (const k of PERIODS) await writeSetting(tx, IT_PROJECT_PERIOD_SETTINGS[k], periods[k], userId);
  });
}

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
