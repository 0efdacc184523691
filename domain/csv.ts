// The one CSV writer of every export (API downloads and the console's own). csv-stringify quotes
// what needs quoting and, with escape_formulas, prefixes ' to a cell that Excel or WPS would run
// as a formula (=, +, -, @, their full-width forms, tab, CR): a catalog entry named
// =HYPERLINK(...) stays text. Windows line ends, which spreadsheet programs expect.
import { stringify } from 'csv-stringify/sync';

export type CsvCell = string | number | boolean | null | undefined | readonly (string | number)[];

/** Lists become one cell joined by ';'. `bom` for files officials open directly (UTF-8 on Chinese Windows). */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[], opts: { bom?: boolean } = {}): string {
  const cell = (v: CsvCell): string | number | boolean =>
    v === null || v === undefined ? '' : Array.isArray(v) ? v.join(';') : (v as string | number | boolean);
  return stringify([header.map(String), ...rows.map((r) => r.map(cell))], {
    escape_formulas: true,
    record_delimiter: 'windows',
    // csv-stringify 6.9 leaves a lone \n unquoted once records end in \r\n: a spreadsheet would split the row.
    quoted_match: /[\r\n]/,
    bom: opts.bom ?? false,
  });
}
