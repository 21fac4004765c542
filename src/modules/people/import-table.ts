/**
 * Reads an uploaded staff or training list (CSV or XLSX) into rows keyed by column name. Shared by
 * the people and training imports. Pure.
 *
 * Header names are lower-cased with spaces as underscores ("External ID" → external_id). An HXL
 * hashtag row under the header (first cell starting with '#') is skipped, as registry imports do.
 * A row with more cells than the header is kept and reported, never silently cut.
 */
import { AppError } from '../../server/errors';
import { readCsvRecords } from '../registry/import-parse';
import { readXlsx, type SheetRow } from './xlsx-read';

export interface TableRow {
  line: number;
  values: Record<string, string>;
  /** Set when the row has cells beyond the header's columns. */
  extraCells?: string;
}

export type TableFormat = 'csv' | 'xlsx';

/** XLSX files are zip archives: they start with "PK". */
export const looksLikeXlsx = (data: Uint8Array) => data.length > 3 && data[0] === 0x50 && data[1] === 0x4b;

export function readTable(data: Uint8Array | string): { format: TableFormat; rows: TableRow[] } {
  if (typeof data !== 'string' && looksLikeXlsx(data)) return { format: 'xlsx', rows: keyed(readXlsx(data)) };
  const text = typeof data === 'string' ? data : Buffer.from(data).toString('utf8');
  const records = readCsvRecords(text).map((r) => ({ line: r.info.lines, cells: r.record }));
  return { format: 'csv', rows: keyed(records) };
}

function keyed(sheet: SheetRow[]): TableRow[] {
  const nonEmpty = sheet.filter((r) => r.cells.some((c) => c !== ''));
  if (nonEmpty.length === 0)
    throw new AppError('validation', 'The file is empty', [{ field: 'file', message: 'no header row' }]);
  const header = nonEmpty[0]!.cells.map((h) => h.trim().toLowerCase().replace(/\s+/g, '_'));
  return nonEmpty
    .slice(1)
    .filter((r) => !(r.cells[0] ?? '').startsWith('#'))
    .map((r) => {
      const values: Record<string, string> = {};
      header.forEach((h, i) => {
        const v = (r.cells[i] ?? '').trim();
        if (h && v !== '') values[h] = v;
      });
      const extra = r.cells.slice(header.length).filter((c) => c !== '');
      return extra.length
        ? { line: r.line, values, extraCells: `${r.cells.length} cells, the header has ${header.length}` }
        : { line: r.line, values };
    });
}
