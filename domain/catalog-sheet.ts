// 第十五条, 第十六条: a department's 目录清单 as a spreadsheet — one row per entry, the 第十五条
// fields under Chinese headers — read into the changes of one compilation application. Every
// row and field is checked and every error reported (row number, column, code, Chinese
// message); a sheet with any error becomes nothing. Pure: the API reads the XLSX or CSV bytes
// into rows of text and asks this module. The Chinese names of the fields live here too, for
// the console (web/src/catalog.ts) and the template.
import {
  BASE_DATABASE_NAMES,
  type BaseDatabase,
  type CatalogChange,
  type CatalogField,
  type CatalogMetadata,
  checkMetadata,
  SHARING_TYPE_NAMES,
} from './catalog';

export const FIELD_LABELS: Record<CatalogField, string> = {
  name: '资源名称',
  dataItems: '数据项',
  summary: '数据内容摘要',
  encodingFormat: '编码格式',
  sharingType: '共享类型',
  sharingBasis: '共享依据',
  sharingMethod: '共享方式',
  updateFrequency: '更新频度',
  securityLevel: '安全级别',
  usageRequirements: '使用要求',
  updateCycle: '更新周期',
  baseDatabase: '所属基础数据库',
};

/** The sheet's columns in order: the code, the version a changed entry is based on, then 第十五条's fields. */
export const SHEET_COLUMNS = [
  { key: 'code', header: '目录代码' },
  { key: 'baseVersion', header: '基于版本（新增留空）' },
  ...(Object.entries(FIELD_LABELS) as [CatalogField, string][]).map(([key, header]) => ({ key, header })),
] as const satisfies readonly { key: string; header: string }[];
export type SheetColumn = (typeof SHEET_COLUMNS)[number]['key'];

/** Data items in one cell are separated by 、，, ; or ； (a line break too). */
const ITEM_SEPARATOR = /[、，,;；\n]+/;
const CODE_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
/** The longest text each field takes: the same bounds as the API's schema (api/schemas/catalog.schema.ts). */
export const SHEET_MAX_LENGTH: Record<Exclude<CatalogField, 'dataItems' | 'sharingType' | 'baseDatabase'>, number> = {
  name: 200,
  summary: 2000,
  encodingFormat: 100,
  sharingBasis: 1000,
  sharingMethod: 200,
  updateFrequency: 100,
  securityLevel: 100,
  usageRequirements: 1000,
  updateCycle: 100,
};
export const SHEET_MAX_ROWS = 100;
export const DATA_ITEM_MAX_LENGTH = 100;

export const SHEET_ERROR_CODES = {
  SHEET_HEADER_MISSING: '缺少列',
  SHEET_EMPTY: '目录清单中没有条目',
  SHEET_TOO_MANY_ROWS: `一次最多导入 ${SHEET_MAX_ROWS} 条`,
  FIELD_REQUIRED: '必填',
  FIELD_TOO_LONG: '内容过长',
  CODE_FORMAT: '目录代码只能由字母、数字、下划线和连字符组成（不超过 64 位）',
  VERSION_FORMAT: '基于版本应为正整数，新增条目留空',
  SHARING_TYPE_UNKNOWN: '共享类型应为：无条件共享、有条件共享或不予共享',
  BASE_DATABASE_UNKNOWN: '所属基础数据库应为四个基础信息库之一，或留空',
  CODE_REPEATED: '目录代码在清单中重复出现',
} as const;
export type SheetErrorCode = keyof typeof SHEET_ERROR_CODES;

export interface SheetError {
  /** the spreadsheet's row number (the header is row 1); 0 for the sheet as a whole */
  row: number;
  /** the column's Chinese header; '' for the row or the sheet */
  column: string;
  code: string;
  message: string;
}

const headerOf = (key: SheetColumn): string => SHEET_COLUMNS.find((c) => c.key === key)!.header;
const sheetError = (row: number, key: SheetColumn | null, code: SheetErrorCode, detail?: string): SheetError => ({
  row,
  column: key ? headerOf(key) : '',
  code,
  message: detail ? `${SHEET_ERROR_CODES[code]}：${detail}` : SHEET_ERROR_CODES[code],
});

const byName = <K extends string>(names: Record<K, string>, text: string): K | undefined =>
  (Object.entries(names) as [K, string][]).find(([, n]) => n === text)?.[0];

/** One row (cells by column key, trimmed text) into its change, or every error it has. */
function readRow(cells: Record<SheetColumn, string>, row: number): { change: CatalogChange } | { errors: SheetError[] } {
  const errors: SheetError[] = [];
  const required = (key: Exclude<SheetColumn, 'baseVersion' | 'sharingBasis' | 'baseDatabase'>): string => {
    if (!cells[key]) errors.push(sheetError(row, key, 'FIELD_REQUIRED'));
    return cells[key];
  };
  const text = (key: keyof typeof SHEET_MAX_LENGTH, value: string): string => {
    if (value.length > SHEET_MAX_LENGTH[key]) errors.push(sheetError(row, key, 'FIELD_TOO_LONG', `不超过 ${SHEET_MAX_LENGTH[key]} 字`));
    return value;
  };
  const code = required('code');
  if (code && !CODE_PATTERN.test(code)) errors.push(sheetError(row, 'code', 'CODE_FORMAT'));
  const baseVersion = cells.baseVersion ? Number(cells.baseVersion) : undefined;
  if (baseVersion !== undefined && !(Number.isInteger(baseVersion) && baseVersion > 0))
    errors.push(sheetError(row, 'baseVersion', 'VERSION_FORMAT'));
  const dataItems = required('dataItems')
    .split(ITEM_SEPARATOR)
    .map((s) => s.trim())
    .filter(Boolean);
  if (dataItems.some((i) => i.length > DATA_ITEM_MAX_LENGTH)) {
    errors.push(sheetError(row, 'dataItems', 'FIELD_TOO_LONG', `每项不超过 ${DATA_ITEM_MAX_LENGTH} 字`));
  }
  const sharingType = byName(SHARING_TYPE_NAMES, required('sharingType'));
  if (cells.sharingType && !sharingType) errors.push(sheetError(row, 'sharingType', 'SHARING_TYPE_UNKNOWN'));
  const baseDatabase = cells.baseDatabase ? (byName(BASE_DATABASE_NAMES, cells.baseDatabase) ?? null) : null;
  if (cells.baseDatabase && !baseDatabase) errors.push(sheetError(row, 'baseDatabase', 'BASE_DATABASE_UNKNOWN'));
  const entry: CatalogMetadata = {
    name: text('name', required('name')),
    dataItems,
    summary: text('summary', required('summary')),
    encodingFormat: text('encodingFormat', required('encodingFormat')),
    sharingType: sharingType ?? 'unconditional',
    sharingBasis: cells.sharingBasis ? text('sharingBasis', cells.sharingBasis) : null,
    sharingMethod: text('sharingMethod', required('sharingMethod')),
    updateFrequency: text('updateFrequency', required('updateFrequency')),
    securityLevel: text('securityLevel', required('securityLevel')),
    usageRequirements: text('usageRequirements', required('usageRequirements')),
    updateCycle: text('updateCycle', required('updateCycle')),
    baseDatabase: baseDatabase as BaseDatabase | null,
  };
  // 第三十条: the sharing rules, once the row's own fields are readable.
  const breach = errors.length === 0 ? checkMetadata(entry) : null;
  if (breach) {
    const column: SheetColumn =
      breach.code === 'DATA_ITEMS_DUPLICATE' ? 'dataItems' : breach.code === 'SHARING_BASIS_REQUIRED' ? 'sharingBasis' : 'sharingType';
    errors.push({ row, column: headerOf(column), code: breach.code, message: breach.message });
  }
  if (errors.length > 0) return { errors };
  return { change: baseVersion === undefined ? { action: 'add', code, entry } : { action: 'change', code, baseVersion, entry } };
}

/**
 * The sheet's rows (the first is the header, each a list of cell texts) into one application's
 * changes, or every error found. Empty rows are skipped; columns are found by their header.
 */
export function readCatalogSheet(
  rows: readonly (readonly string[])[],
): { changes: CatalogChange[]; rows: number[] } | { errors: SheetError[] } {
  const [header = [], ...body] = rows.map((r) => r.map((c) => (c ?? '').trim()));
  const index = new Map(SHEET_COLUMNS.map((c) => [c.key, header.indexOf(c.header)]));
  const missing = SHEET_COLUMNS.filter((c) => index.get(c.key)! < 0);
  if (missing.length > 0)
    return { errors: missing.map((c) => ({ ...sheetError(1, null, 'SHEET_HEADER_MISSING', c.header), column: c.header })) };
  const filled = body.map((cells, i) => ({ cells, row: i + 2 })).filter(({ cells }) => cells.some(Boolean));
  if (filled.length === 0) return { errors: [sheetError(0, null, 'SHEET_EMPTY')] };
  if (filled.length > SHEET_MAX_ROWS) return { errors: [sheetError(0, null, 'SHEET_TOO_MANY_ROWS')] };
  const errors: SheetError[] = [];
  const changes: CatalogChange[] = [];
  const rowOfChange: number[] = [];
  const firstRowOf = new Map<string, number>();
  for (const { cells, row } of filled) {
    const byKey = Object.fromEntries(SHEET_COLUMNS.map((c) => [c.key, cells[index.get(c.key)!] ?? ''])) as Record<SheetColumn, string>;
    const read = readRow(byKey, row);
    if ('errors' in read) errors.push(...read.errors);
    else {
      changes.push(read.change);
      rowOfChange.push(row);
    }
    const seen = firstRowOf.get(byKey.code);
    if (byKey.code && seen !== undefined) errors.push(sheetError(row, 'code', 'CODE_REPEATED', `与第 ${seen} 行相同`));
    else if (byKey.code) firstRowOf.set(byKey.code, row);
  }
  // `rows[i]`: the sheet row of changes[i], so that a catalog check naming a change names its row.
  return errors.length > 0 ? { errors } : { changes, rows: rowOfChange };
}

/** A template's example row: the 第十五条 fields as an official fills them in. */
export const TEMPLATE_EXAMPLE: Record<SheetColumn, string> = {
  code: 'MKT-101',
  baseVersion: '',
  name: '食品经营许可信息',
  dataItems: '许可证编号、经营者名称、经营场所',
  summary: '本县食品经营许可的发证、变更、注销信息',
  encodingFormat: 'JSON（UTF-8）',
  sharingType: '无条件共享',
  sharingBasis: '',
  sharingMethod: '共享交换平台接口',
  updateFrequency: '实时',
  securityLevel: '内部',
  usageRequirements: '仅用于履行行政管理职能',
  updateCycle: '每日',
  baseDatabase: '',
};
