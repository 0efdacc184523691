// 第十五条 to 第十七条, 第三十条: the data catalog as pure rules — an entry's metadata, the checks
// an application's changes must pass, the diff between two catalog versions, and the
// responsibility list (责任清单) derived from the catalog. No I/O: the API and the activities
// load the rows and ask these functions.
import { type DomainError, domainError } from './errors';
import { nameProblem, TEXT_PROBLEM_MESSAGES } from './text';

export const SHARING_TYPES = ['unconditional', 'conditional', 'not_shared'] as const;
export type SharingType = (typeof SHARING_TYPES)[number];

export const SHARING_TYPE_NAMES: Record<SharingType, string> = {
  unconditional: '无条件共享',
  conditional: '有条件共享',
  not_shared: '不予共享',
};

/** 第三十条(二): the base databases whose basic items every department needs. */
export const BASE_DATABASES = ['natural_person', 'legal_person', 'natural_resources_geo', 'e_license'] as const;
export type BaseDatabase = (typeof BASE_DATABASES)[number];

export const BASE_DATABASE_NAMES: Record<BaseDatabase, string> = {
  natural_person: '人口基础信息库',
  legal_person: '法人单位基础信息库',
  natural_resources_geo: '自然资源和空间地理基础信息库',
  e_license: '电子证照基础信息库',
};

export const CATALOG_FIELDS = [
  'name',
  'dataItems',
  'summary',
  'encodingFormat',
  'sharingType',
  'sharingBasis',
  'sharingMethod',
  'updateFrequency',
  'securityLevel',
  'usageRequirements',
  'updateCycle',
  'baseDatabase',
] as const;
export type CatalogField = (typeof CATALOG_FIELDS)[number];

/** 第十五条: what a department states about one entry. */
export interface CatalogMetadata {
  name: string;
  /** metadata and data items (数据项) */
  dataItems: string[];
  /** data content summary (数据内容) */
  summary: string;
  encodingFormat: string;
  sharingType: SharingType;
  /** 第三十条(一): law, administrative regulation, or national or city policy; required unless unconditional */
  sharingBasis: string | null;
  sharingMethod: string;
  updateFrequency: string;
  securityLevel: string;
  usageRequirements: string;
  updateCycle: string;
  /** set when the entry holds basic items of a base database (第三十条(二)) */
  baseDatabase: BaseDatabase | null;
}

/** An entry as the catalog holds it: its code and department, its metadata, its own version. */
export interface CatalogEntry extends CatalogMetadata {
  code: string;
  departmentCode: string;
  status: 'active' | 'withdrawn';
  /** the entry's own version: 1 when added, +1 on every approved change */
  version: number;
}

/**
 * One change of an application (第十八条). `baseVersion` is the entry version the department
 * edited: approval refuses the change if the entry moved on since (optimistic concurrency).
 */
export type CatalogChange =
  | { action: 'add'; code: string; entry: CatalogMetadata }
  | { action: 'change'; code: string; baseVersion: number; entry: CatalogMetadata }
  | { action: 'withdraw'; code: string; baseVersion: number; reason: string };

export type ChangeAction = CatalogChange['action'];

const needsBasis = (m: CatalogMetadata): boolean => m.sharingType !== 'unconditional';

/** 第三十条: the sharing rules one entry's metadata must satisfy on its own. */
export function checkMetadata(m: CatalogMetadata): DomainError | null {
  if (needsBasis(m) && !m.sharingBasis?.trim()) {
    return domainError('SHARING_BASIS_REQUIRED', `共享类型为${SHARING_TYPE_NAMES[m.sharingType]}`);
  }
  if (m.baseDatabase && m.sharingType !== 'unconditional') {
    return domainError('BASE_DATA_MUST_BE_UNCONDITIONAL', `所属基础数据库为${BASE_DATABASE_NAMES[m.baseDatabase]}`);
  }
  if (new Set(m.dataItems).size !== m.dataItems.length) return domainError('DATA_ITEMS_DUPLICATE');
  const names = [{ what: '资源名称', name: m.name }, ...m.dataItems.map((name) => ({ what: `数据项“${name}”`, name }))];
  for (const { what, name } of names) {
    const problem = nameProblem(name);
    if (problem) return domainError('NAME_INVALID', `${what}${TEXT_PROBLEM_MESSAGES[problem]}`);
  }
  return null;
}

/** Catalog codes are one county-wide namespace compared without case (mkt-001 is MKT-001). */
const sameCode = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** An application's changes on their own: each rule, then no code twice. Returns the first breach with its index. */
export function checkChanges(changes: readonly CatalogChange[]): (DomainError & { index: number }) | null {
  if (changes.length === 0) return { ...domainError('CHANGES_REQUIRED'), index: 0 };
  const seen = new Set<string>();
  for (const [index, c] of changes.entries()) {
    if (seen.has(c.code.toLowerCase())) return { ...domainError('CATALOG_CODE_DUPLICATE', `申请中 ${c.code} 出现多次`), index };
    seen.add(c.code.toLowerCase());
    if (c.action === 'withdraw') {
      if (!c.reason.trim()) return { ...domainError('REASON_REQUIRED', `撤销 ${c.code} 须说明理由`), index };
      continue;
    }
    const err = checkMetadata(c.entry);
    if (err) return { ...err, message: `${c.code}：${err.message}`, index };
  }
  return null;
}

/**
 * The changes against the catalog as it stands: added codes must be new county-wide, changed
 * and withdrawn entries must exist, belong to the department, and still be at `baseVersion`.
 * `current` holds every entry named by the changes (any department, any status), codes
 * matched without case.
 */
export function checkAgainstCatalog(
  departmentCode: string,
  changes: readonly CatalogChange[],
  current: ReadonlyMap<string, CatalogEntry>,
): (DomainError & { index: number }) | null {
  for (const [index, c] of changes.entries()) {
    const entry = current.get(c.code);
    if (c.action === 'add') {
      const taken = [...current.values()].find((e) => sameCode(e.code, c.code));
      if (taken) return { ...domainError('CATALOG_CODE_DUPLICATE', `目录中已有 ${taken.code}`), index };
      continue;
    }
    if (!entry || entry.departmentCode !== departmentCode || entry.status !== 'active') {
      return { ...domainError('CATALOG_ENTRY_UNKNOWN', c.code), index };
    }
    if (entry.version !== c.baseVersion) {
      return {
        ...domainError('CATALOG_ENTRY_CONFLICT', `${c.code} 申请基于第 ${c.baseVersion} 版，目录中已是第 ${entry.version} 版`),
        index,
      };
    }
  }
  return null;
}

/** The entries an approved application writes, each at its next version. */
export function applyChanges(
  departmentCode: string,
  changes: readonly CatalogChange[],
  current: ReadonlyMap<string, CatalogEntry>,
): CatalogEntry[] {
  return changes.map((c) => {
    const before = current.get(c.code);
    if (c.action === 'add') return { ...c.entry, code: c.code, departmentCode, status: 'active', version: 1 };
    if (!before) throw new Error(`entry ${c.code} vanished between check and apply`);
    if (c.action === 'withdraw') return { ...before, status: 'withdrawn', version: before.version + 1 };
    return { ...c.entry, code: c.code, departmentCode, status: 'active', version: before.version + 1 };
  });
}

// ---- versions and diff ------------------------------------------------------------------

export interface FieldChange {
  field: CatalogField;
  before: unknown;
  after: unknown;
}

export interface CatalogDiff {
  from: number;
  to: number;
  added: CatalogEntry[];
  removed: CatalogEntry[];
  changed: { code: string; fromVersion: number; toVersion: number; fields: FieldChange[] }[];
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** What changed between two catalog versions, each given as its active entries. */
export function diffCatalogs(from: number, a: readonly CatalogEntry[], to: number, b: readonly CatalogEntry[]): CatalogDiff {
  const before = new Map(a.map((e) => [e.code, e]));
  const after = new Map(b.map((e) => [e.code, e]));
  const byCode = (x: CatalogEntry, y: CatalogEntry) => (x.code < y.code ? -1 : 1);
  const changed: CatalogDiff['changed'] = [];
  for (const e of [...after.values()].sort(byCode)) {
    const old = before.get(e.code);
    if (!old || old.version === e.version) continue;
    const fields = CATALOG_FIELDS.filter((f) => !same(old[f], e[f])).map((f) => ({ field: f, before: old[f], after: e[f] }));
    changed.push({ code: e.code, fromVersion: old.version, toVersion: e.version, fields });
  }
  return {
    from,
    to,
    added: [...after.values()].filter((e) => !before.has(e.code)).sort(byCode),
    removed: [...before.values()].filter((e) => !after.has(e.code)).sort(byCode),
    changed,
  };
}

// ---- responsibility list (第十七条) -------------------------------------------------------

export interface ResponsibilityItem {
  code: string;
  name: string;
  /** 第二十条: the department collects these items, one source, many uses */
  dataItems: string[];
  updateFrequency: string;
  updateCycle: string;
  securityLevel: string;
  sharingType: SharingType;
}

/** 第十七条: a department's collection duties, one per active entry it provides, by code. */
export function deriveResponsibilityList(entries: readonly CatalogEntry[], departmentCode: string): ResponsibilityItem[] {
  return entries
    .filter((e) => e.departmentCode === departmentCode && e.status === 'active')
    .sort((x, y) => (x.code < y.code ? -1 : 1))
    .map((e) => ({
      code: e.code,
      name: e.name,
      dataItems: [...e.dataItems],
      updateFrequency: e.updateFrequency,
      updateCycle: e.updateCycle,
      securityLevel: e.securityLevel,
      sharingType: e.sharingType,
    }));
}

// ---- export -----------------------------------------------------------------------------
