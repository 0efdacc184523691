import { and, asc, desc, eq, inArray, lte, sql, type SQL } from 'drizzle-orm';
import { type CatalogChange, type CatalogEntry, deriveResponsibilityList } from '../../domain/catalog';
import type { DbOrTx } from '../client';
import { catalogEntries, catalogEntryVersions, catalogVersions, departments, responsibilityLists } from '../schema';

type EntryRow = typeof catalogEntries.$inferSelect;

export async function getCatalogEntry(db: DbOrTx, code: string) {
  const [row] = await db.select().from(catalogEntries).where(eq(catalogEntries.code, code));
  return row ?? null;
}

export async function getDepartment(db: DbOrTx, code: string) {
  const [row] = await db.select().from(departments).where(eq(departments.code, code));
  return row ?? null;
}

/** 第六条: the county's data authority (县政务数据资源主管部门). */
export async function getAuthorityDepartment(db: DbOrTx) {
  const [row] = await db
    .select()
    .from(departments)
    .where(and(eq(departments.kind, 'authority'), eq(departments.active, true)))
    .limit(1);
  return row ?? null;
}

export const toEntry = ({ catalogVersion: _, ...e }: EntryRow): CatalogEntry => e;

/** The entries named by `codes` (matched without case, as the unique index), any department and status, by code. */
export async function entriesByCode(db: DbOrTx, codes: string[]): Promise<Map<string, CatalogEntry>> {
  if (codes.length === 0) return new Map();
  const lowered = codes.map((c) => c.toLowerCase());
  const rows = await db
    .select()
    .from(catalogEntries)
    .where(inArray(sql`lower(${catalogEntries.code})`, lowered));
  return new Map(rows.map((r) => [r.code, toEntry(r)]));
}

export function listEntries(db: DbOrTx, f: { departments?: string[]; status?: 'active' | 'withdrawn' }) {
  const where: SQL[] = [];
  if (f.departments) where.push(inArray(catalogEntries.departmentCode, f.departments));
  if (f.status) where.push(eq(catalogEntries.status, f.status));
  return db
    .select()
    .from(catalogEntries)
    .where(and(...where))
    .orderBy(asc(catalogEntries.code));
}

export async function latestCatalogVersion(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ version: catalogVersions.version }).from(catalogVersions).orderBy(desc(catalogVersions.version)).limit(1);
  return row?.version ?? 0;
}

export async function getCatalogVersion(db: DbOrTx, version: number) {
  const [row] = await db.select().from(catalogVersions).where(eq(catalogVersions.version, version));
  return row ?? null;
}

export const listCatalogVersions = (db: DbOrTx) => db.select().from(catalogVersions).orderBy(asc(catalogVersions.version));

/** The catalog as it stood at `version`: each entry at its latest version made by then, withdrawn ones left out. */
export async function catalogAt(db: DbOrTx, version: number, departmentCodes?: string[]): Promise<CatalogEntry[]> {
  const rows = await db
    .select()
    .from(catalogEntryVersions)
    .where(lte(catalogEntryVersions.catalogVersion, version))
    .orderBy(asc(catalogEntryVersions.code), asc(catalogEntryVersions.entryVersion));
  const latest = new Map<string, CatalogEntry>();
  for (const r of rows) latest.set(r.code, r.entry);
  return [...latest.values()].filter((e) => e.status === 'active' && (!departmentCodes || departmentCodes.includes(e.departmentCode)));
}

export const listEntryVersions = (db: DbOrTx, code: string) =>
  db.select().from(catalogEntryVersions).where(eq(catalogEntryVersions.code, code)).orderBy(asc(catalogEntryVersions.entryVersion));

/** The department's responsibility list at `version`, or the latest one. */
export async function getResponsibilityList(db: DbOrTx, departmentCode: string, version?: number) {
  const where = [eq(responsibilityLists.departmentCode, departmentCode)];
  if (version !== undefined) where.push(lte(responsibilityLists.catalogVersion, version));
  const [row] = await db
    .select()
    .from(responsibilityLists)
    .where(and(...where))
    .orderBy(desc(responsibilityLists.catalogVersion))
    .limit(1);
  return row ?? null;
}

/** Approvals take catalog versions one at a time, however many run at once. */
export const lockCatalog = (tx: DbOrTx) => tx.execute(sql`select pg_advisory_xact_lock(hashtext('catalog'))`);

async function regenerateResponsibilityList(tx: DbOrTx, departmentCode: string, version: number, at: string): Promise<void> {
  const entries = (await listEntries(tx, { departments: [departmentCode], status: 'active' })).map(toEntry);
  await tx
    .insert(responsibilityLists)
    .values({
      departmentCode,
      catalogVersion: version,
      items: deriveResponsibilityList(entries, departmentCode),
      generatedAt: new Date(at),
    })
    .onConflictDoNothing();
}

/** The catalog version an approved change was written as; null before its approval is written. */
export async function catalogVersionOfChange(db: DbOrTx, changeId: string): Promise<number | null> {
  const [row] = await db.select({ version: catalogVersions.version }).from(catalogVersions).where(eq(catalogVersions.changeId, changeId));
  return row?.version ?? null;
}

export interface CatalogVersionWrite {
  version: number;
  changeId: string;
  departmentCode: string;
  changes: CatalogChange[];
  /** the changed entries, in the order of `changes` */
  entries: CatalogEntry[];
  approvedBy: string;
  approvedAt: string;
}

/**
 * 第十八条: the next catalog version — its entries, their versions and the department's
 * regenerated responsibility list — inside the caller's transaction, which holds lockCatalog.
 */
export async function writeCatalogVersion(tx: DbOrTx, w: CatalogVersionWrite): Promise<void> {
  const codesBy = (action: CatalogChange['action']) => w.changes.filter((c) => c.action === action).map((c) => c.code);
  await tx.insert(catalogVersions).values({
    version: w.version,
    departmentCode: w.departmentCode,
    changeId: w.changeId,
    approvedBy: w.approvedBy,
    approvedAt: new Date(w.approvedAt),
    summary: { added: codesBy('add'), changed: codesBy('change'), withdrawn: codesBy('withdraw') },
  });
  for (const [i, entry] of w.entries.entries()) {
    await tx
      .insert(catalogEntries)
      .values({ ...entry, catalogVersion: w.version })
      .onConflictDoUpdate({ target: catalogEntries.code, set: { ...entry, catalogVersion: w.version } });
    await tx
      .insert(catalogEntryVersions)
      .values({ code: entry.code, entryVersion: entry.version, catalogVersion: w.version, action: w.changes[i]!.action, entry });
  }
  await regenerateResponsibilityList(tx, w.departmentCode, w.version, w.approvedAt);
}

/** Catalog version 1 from the entries as they stand, with every department's list; nothing when a version exists. */
export async function recordBaseline(db: DbOrTx, at: string): Promise<void> {
  await db.transaction(async (tx) => {
    await lockCatalog(tx);
    if ((await latestCatalogVersion(tx)) > 0) return;
    const entries = (await listEntries(tx, {})).map(toEntry);
    await tx
      .insert(catalogVersions)
      .values({ version: 1, approvedAt: new Date(at), summary: { added: entries.map((e) => e.code), changed: [], withdrawn: [] } });
    if (entries.length > 0) {
      await tx.insert(catalogEntryVersions).values(
        entries.map((entry) => ({
          code: entry.code,
          entryVersion: entry.version,
          catalogVersion: 1,
          action: 'baseline' as const,
          entry,
        })),
      );
    }
    for (const code of new Set(entries.map((e) => e.departmentCode))) await regenerateResponsibilityList(tx, code, 1, at);
  });
}
