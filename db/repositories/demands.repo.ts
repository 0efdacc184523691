import { asc, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { demandItems } from '../schema';

export type DemandRow = typeof demandItems.$inferSelect;

export async function insertDemand(db: DbOrTx, d: typeof demandItems.$inferInsert): Promise<DemandRow> {
  const [row] = await db.insert(demandItems).values(d).returning();
  return row!;
}

/** 第十六条: the demand list of these departments, or the county's when undefined. */
export const listDemands = (db: DbOrTx, departments?: string[]) =>
  db
    .select()
    .from(demandItems)
    .where(departments ? inArray(demandItems.departmentCode, departments) : undefined)
    .orderBy(asc(demandItems.departmentCode), asc(demandItems.id));
