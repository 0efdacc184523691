// 第十五条 to 第十八条 as the console shows them: the Chinese names of an entry's metadata, a
// blank entry to fill in, and what an application changes against the catalog as it stands
// (the entries the API returns now), field by field.
import {
  BASE_DATABASE_NAMES,
  BASE_DATABASES,
  CATALOG_FIELDS,
  type CatalogChange,
  type CatalogEntry,
  type CatalogField,
  type CatalogMetadata,
  SHARING_TYPE_NAMES,
  SHARING_TYPES,
} from '../../domain/catalog';

export {
  BASE_DATABASE_NAMES,
  BASE_DATABASES,
  CATALOG_FIELDS,
  SHARING_TYPE_NAMES,
  SHARING_TYPES,
  type CatalogChange,
  type CatalogEntry,
  type CatalogField,
  type CatalogMetadata,
};

// The Chinese names of the fields are the spreadsheet template's headers too (domain/catalog-sheet.ts).
export { FIELD_LABELS } from '../../domain/catalog-sheet';
import { FIELD_LABELS } from '../../domain/catalog-sheet';

export const CHANGE_ACTION_NAMES: Record<CatalogChange['action'], string> = { add: '新增', change: '变更', withdraw: '撤销' };

/** What an application (第十六条 or 第十八条) changes, in one line: "新增 MKT-003、撤销 MKT-001". */
export const changedCodes = (a: { changes: CatalogChange[] }): string =>
  a.changes.map((c) => `${CHANGE_ACTION_NAMES[c.action]} ${c.code}`).join('、');

/** The authority's decision on an application, in words. */
export const decisionName = (a: { decision: 'approved' | 'returned' | null }): string =>
  a.decision === 'approved' ? '已批准' : a.decision === 'returned' ? '已退回' : '待审核';

export const TRIGGER_NAMES: Record<string, string> = { law_amended: '法律法规修改', functions_changed: '职能变更' };

/** A field's value as an official reads it. */
export function fieldText(field: CatalogField | 'status', value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.join('、');
  if (field === 'sharingType') return SHARING_TYPE_NAMES[value as keyof typeof SHARING_TYPE_NAMES] ?? String(value);
  if (field === 'baseDatabase') return BASE_DATABASE_NAMES[value as keyof typeof BASE_DATABASE_NAMES] ?? String(value);
  if (field === 'status') return value === 'active' ? '现行' : '已撤销';
  return String(value);
}

export const blankMetadata = (): CatalogMetadata => ({
  name: '',
  dataItems: [],
  summary: '',
  encodingFormat: '',
  sharingType: 'unconditional',
  sharingBasis: null,
  sharingMethod: '',
  updateFrequency: '',
  securityLevel: '',
  usageRequirements: '',
  updateCycle: '',
  baseDatabase: null,
});

/** The metadata of an entry, without its code, department, status and version. */
export const metadataOf = (e: CatalogMetadata): CatalogMetadata =>
  Object.fromEntries(CATALOG_FIELDS.map((f) => [f, Array.isArray(e[f]) ? [...(e[f] as string[])] : e[f]])) as unknown as CatalogMetadata;

export interface FieldDiff {
  field: CatalogField | 'status';
  label: string;
  before: string;
  after: string;
  changed: boolean;
}

export interface ChangeDiff {
  action: CatalogChange['action'];
  code: string;
  name: string;
  /** the entry version the department edited (change, withdraw) */
  baseVersion: number | null;
  /** the entry's version in the catalog now; null when it is not a current entry */
  currentVersion: number | null;
  /** the entry moved on since the department's base version, or is gone: approval would be refused */
  stale: boolean;
  reason: string | null;
  fields: FieldDiff[];
}

/**
 * Each change of an application against the current entries: an added entry shows every field
 * it states, a changed one the fields that differ (before and after), a withdrawn one its status.
 */
export function diffApplication(changes: readonly CatalogChange[], current: ReadonlyMap<string, CatalogEntry>): ChangeDiff[] {
  return changes.map((c) => {
    const now = current.get(c.code) ?? null;
    const base = { action: c.action, code: c.code, currentVersion: now?.version ?? null };
    if (c.action === 'add') {
      return {
        ...base,
        name: c.entry.name,
        baseVersion: null,
        stale: now !== null,
        reason: null,
        fields: CATALOG_FIELDS.map((f) => ({
          field: f,
          label: FIELD_LABELS[f],
          before: '—',
          after: fieldText(f, c.entry[f]),
          changed: true,
        })),
      };
    }
    const stale = !now || now.version !== c.baseVersion;
    if (c.action === 'withdraw') {
      return {
        ...base,
        name: now?.name ?? c.code,
        baseVersion: c.baseVersion,
        stale,
        reason: c.reason,
        fields: [
          {
            field: 'status',
            label: '状态',
            before: fieldText('status', now?.status ?? null),
            after: fieldText('status', 'withdrawn'),
            changed: true,
          },
        ],
      };
    }
    const fields = CATALOG_FIELDS.map((f) => {
      const before = fieldText(f, now?.[f] ?? null);
      const after = fieldText(f, c.entry[f]);
      return { field: f, label: FIELD_LABELS[f], before, after, changed: before !== after };
    }).filter((d) => d.changed);
    return { ...base, name: c.entry.name, baseVersion: c.baseVersion, stale, reason: null, fields };
  });
}
