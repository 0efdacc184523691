// Export what the page shows: the rows on screen through the one CSV writer (domain/csv.ts:
// formulas escaped), UTF-8 with BOM so that spreadsheet programs on Chinese Windows read it right.
import { type CsvCell, toCsv } from '../../domain/csv';

export function downloadCsv(filename: string, header: string[], rows: CsvCell[][]): void {
  const url = URL.createObjectURL(new Blob([toCsv(header, rows, { bom: true })], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
