// 第三十一条: the 共享目录. The authority publishes it with a catalog version; every department
// then browses and searches every department's entries of the published version — metadata
// only, never data, and never an entry added after that publication (unpublished) or withdrawn
// since (SPEC §3.7). Pure rules the API asks.
import type { CatalogEntry, SharingType } from './catalog';
import { type DomainError, domainError } from './errors';

/** A version is published once, in order: newer than the last published, not newer than the catalog. */
export function checkPublication(version: number, latest: number, lastPublished: number | null): DomainError | null {
  if (version < 1 || version > latest) return domainError('CATALOG_VERSION_UNKNOWN', `目录最新为第 ${latest} 版`);
  if (lastPublished !== null && version <= lastPublished)
    return domainError('DIRECTORY_ALREADY_PUBLISHED', `已发布至第 ${lastPublished} 版`);
  return null;
}

export interface DirectoryFilter {
  /** words looked for in the name, the data items and the summary */
  q?: string;
  departmentCode?: string;
  sharingType?: SharingType;
}

/**
 * The published entries a department may browse: those of the published version still active
 * in the catalog now (a withdrawn one would only lead to a refused request), filtered.
 */
export function directoryEntries(published: readonly CatalogEntry[], activeNow: ReadonlySet<string>, f: DirectoryFilter): CatalogEntry[] {
  const words = (f.q ?? '').trim().toLowerCase().split(/\s+/u).filter(Boolean);
  return published.filter((e) => {
    if (e.status !== 'active' || !activeNow.has(e.code)) return false;
    if (f.departmentCode && e.departmentCode !== f.departmentCode) return false;
    if (f.sharingType && e.sharingType !== f.sharingType) return false;
    const text = [e.name, e.code, e.summary, ...e.dataItems].join(' ').toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

/** A demand (需求清单, 第十六条) as matching reads it. */
export interface DemandToMatch {
  departmentCode: string;
  providerDepartmentCode: string | null;
  resourceCode: string | null;
  name: string;
  dataItems: readonly string[];
}

/**
 * SPEC §3.7: the published entries that may answer a demand, best first. A demand naming a
 * resource is answered by that entry alone; otherwise by another department's entries (the
 * named provider's, when it names one) sharing a data item or whose name contains, or is
 * contained in, the demand's. The office's own reading: 第十六条 sets no matching rule.
 */
export function matchDemand(d: DemandToMatch, entries: readonly CatalogEntry[]): CatalogEntry[] {
  if (d.resourceCode) return entries.filter((e) => e.code.toLowerCase() === d.resourceCode!.toLowerCase());
  const name = d.name.trim();
  const scored = entries
    .filter((e) => e.departmentCode !== d.departmentCode && (!d.providerDepartmentCode || e.departmentCode === d.providerDepartmentCode))
    .map((e) => {
      const shared = d.dataItems.filter((i) => e.dataItems.includes(i)).length;
      const named = name !== '' && (e.name.includes(name) || name.includes(e.name)) ? 1 : 0;
      return { e, score: shared * 2 + named };
    })
    .filter((m) => m.score > 0);
  return scored.sort((a, b) => b.score - a.score || a.e.code.localeCompare(b.e.code)).map((m) => m.e);
}

/** The items a request made from a demand asks: the demand's items the entry holds, or all the entry's when it names none it holds. */
export function demandRequestItems(d: Pick<DemandToMatch, 'dataItems'>, entry: Pick<CatalogEntry, 'dataItems'>): string[] {
  const held = d.dataItems.filter((i) => entry.dataItems.includes(i));
  return held.length > 0 ? held : [...entry.dataItems];
}
