import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
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

export async function getDemand(db: DbOrTx, id: number): Promise<DemandRow | null> {
  const [row] = await db.select().from(demandItems).where(eq(demandItems.id, id));
  return row ?? null;
}

/** The demand became this sharing request: set once, a retry with the same request finds it set. */
export async function linkDemand(db: DbOrTx, id: number, sharingRequestId: string): Promise<void> {
  await db
    .update(demandItems)
    .set({ sharingRequestId })
    .where(and(eq(demandItems.id, id), isNull(demandItems.sharingRequestId)));
}
