// The authority's settings for periods the regulation leaves open (process_settings): one
// integer a key, each read with the default that holds until the authority sets its own.
import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { processSettings } from '../schema';

/** The values set for these keys; a key the authority has not set is absent. */
export async function readSettings(db: DbOrTx, keys: readonly string[]): Promise<Map<string, number>> {
  const rows = await db
    .select({ key: processSettings.key, value: processSettings.value })
    .from(processSettings)
    .where(inArray(processSettings.key, [...keys]));
  return new Map(rows.map((r) => [r.key, r.value]));
}

/** Sets one key, recording who set it and when. */
export async function writeSetting(db: DbOrTx, key: string, value: number, userId: string): Promise<void> {
  const row = { key, value, updatedBy: userId, updatedAt: new Date() };
  await db.insert(processSettings).values(row).onConflictDoUpdate({ target: processSettings.key, set: row });
}
