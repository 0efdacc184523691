import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { catalogEntries, departments } from '../schema';

export async function getCatalogEntry(db: DbOrTx, code: string) {
  const [row] = await db.select().from(catalogEntries).where(eq(catalogEntries.code, code));
  return row ?? null;
}

export async function getDepartment(db: DbOrTx, code: string) {
  const [row] = await db.select().from(departments).where(eq(departments.code, code));
  return row ?? null;
}
