import { desc } from 'drizzle-orm';
import { type DirectoryFilter, directoryEntries } from '../../domain/shared-directory';
import type { DbOrTx } from '../client';
import { catalogAt, listEntries } from './catalog.repo';
import { citySubmissions, departments, directoryPublications } from '../schema';

export type DirectoryPublicationRow = typeof directoryPublications.$inferSelect;

/** The latest publication of the 共享目录, or null before the first. */
export async function latestPublication(db: DbOrTx): Promise<DirectoryPublicationRow | null> {
  const [row] = await db.select().from(directoryPublications).orderBy(desc(directoryPublications.catalogVersion)).limit(1);
  return row ?? null;
}

/** One row per version: a second publication of the same version writes nothing (null). */
export async function insertPublication(db: DbOrTx, p: DirectoryPublicationRow): Promise<DirectoryPublicationRow | null> {
  const [row] = await db.insert(directoryPublications).values(p).onConflictDoNothing().returning();
  return row ?? null;
}

export const listPublications = (db: DbOrTx) => db.select().from(directoryPublications).orderBy(desc(directoryPublications.catalogVersion));

/** Department names by code, for the directory's readers (the page never shows a code). */
export async function departmentNames(db: DbOrTx): Promise<Map<string, string>> {
  const rows = await db.select({ code: departments.code, name: departments.name }).from(departments);
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** The published directory, filtered; null before the first publication. */
export async function publishedDirectory(db: DbOrTx, f: DirectoryFilter) {
  const published = await latestPublication(db);
  if (!published) return null;
  const [entries, active] = await Promise.all([catalogAt(db, published.catalogVersion), listEntries(db, { status: 'active' })]);
  return { published, entries: directoryEntries(entries, new Set(active.map((e) => e.code)), f) };
}

export type CitySubmissionRow = typeof citySubmissions.$inferSelect;

export async function insertCitySubmission(db: DbOrTx, s: typeof citySubmissions.$inferInsert): Promise<CitySubmissionRow> {
  const [row] = await db.insert(citySubmissions).values(s).returning();
  return row!;
}

export const listCitySubmissions = (db: DbOrTx) => db.select().from(citySubmissions).orderBy(desc(citySubmissions.id));
