// 第十六条: the county 目录清单 and 需求清单 as the authority sends them to the city — the same
// rows and the same CSV bytes for the download and for the recorded submission, whose digest
// is taken over exactly those bytes.
import { type CsvCell, toCsv } from '../domain/csv';
import { CATALOG_FIELDS } from '../domain/catalog';
import { beijingIso } from '../domain/deadline';
import type { DbOrTx } from '../db/client';
import { latestCatalogVersion, listEntries, toEntry } from '../db/repositories/catalog.repo';
import { type DemandRow, listDemands } from '../db/repositories/demands.repo';

export const demandRow = (d: DemandRow) => ({ ...d, createdAt: beijingIso(d.createdAt.getTime()) });

// The export's columns: the entry's code and owner around its 第十五条 metadata, then its version.
const CATALOG_COLUMNS = ['code', 'name', 'departmentCode', ...CATALOG_FIELDS.filter((f) => f !== 'name'), 'version'];
const DEMAND_COLUMNS = [
  'id',
  'departmentCode',
  'providerDepartmentCode',
  'resourceCode',
  'name',
  'dataItems',
  'purpose',
  'duty',
  'createdAt',
] as const;

export type CountyListName = 'catalog' | 'demand';

/** The list at the latest catalog version: its rows, and its CSV file (UTF-8 with BOM, header row). */
export async function countyList(db: DbOrTx, list: CountyListName) {
  const catalogVersion = await latestCatalogVersion(db);
  const items = list === 'catalog' ? (await listEntries(db, { status: 'active' })).map(toEntry) : (await listDemands(db)).map(demandRow);
  const columns: readonly string[] = list === 'catalog' ? CATALOG_COLUMNS : DEMAND_COLUMNS;
  const csv = toCsv(
    columns,
    items.map((i) => columns.map((c) => (i as Record<string, CsvCell>)[c])),
  );
  return { catalogVersion, items, file: `\uFEFF${csv}`, rows: items.length };
}
