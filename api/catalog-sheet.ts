// 第十六条: the 目录清单 spreadsheet as bytes. exceljs reads and writes XLSX (the format offices
// keep their lists in), csv-parse reads CSV (what other systems export); both end as rows of
// cell text for domain/catalog-sheet.ts. The template holds the 第十五条 fields under their
// Chinese headers, with one example row.
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { SHEET_COLUMNS, TEMPLATE_EXAMPLE } from '../domain/catalog-sheet';
import { toCsv } from '../domain/csv';

export const SHEET_FORMATS = ['xlsx', 'csv'] as const;
export type SheetFormat = (typeof SHEET_FORMATS)[number];

export const SHEET_MIME: Record<SheetFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/** A cell as the text an official typed: numbers and dates as shown, rich text joined, formulas by their result. */
function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? '');
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return cell.text ?? String(v);
}

/** The first worksheet's rows; null when the bytes are no workbook. */
async function xlsxRows(bytes: Buffer): Promise<string[][] | null> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return null;
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return null;
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    const cells: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) cells.push(cellText(row.getCell(c)));
    rows[n - 1] = cells;
  });
  return Array.from(rows, (r) => r ?? []);
}

/** CSV in UTF-8 (a BOM is allowed); null when it does not parse. */
function csvRows(bytes: Buffer): string[][] | null {
  try {
    return parse(bytes, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
  } catch {
    return null;
  }
}

export const sheetRows = (format: SheetFormat, bytes: Buffer): Promise<string[][] | null> | string[][] | null =>
  format === 'xlsx' ? xlsxRows(bytes) : csvRows(bytes);

/** The format a file name says; null for another. */
export const formatOf = (filename: string): SheetFormat | null => {
  const ext = filename.toLowerCase().split('.').pop();
  return ext === 'xlsx' || ext === 'csv' ? ext : null;
};

const headers = SHEET_COLUMNS.map((c) => c.header);
const example = SHEET_COLUMNS.map((c) => TEMPLATE_EXAMPLE[c.key]);

/** The template: the headers and one example row; the CSV with a BOM so that Excel reads it as UTF-8. */
export async function sheetTemplate(format: SheetFormat): Promise<Buffer> {
  if (format === 'csv') return Buffer.from(toCsv(headers, [example], { bom: true }), 'utf8');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('目录清单');
  sheet.addRow(headers).font = { bold: true };
  sheet.addRow(example);
  sheet.columns.forEach((col) => {
    col.width = 22;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
