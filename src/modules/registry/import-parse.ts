import { parse } from 'csv-parse/sync';
import { AppError } from '../../server/errors';

/** One input record with the line (CSV) or feature number (GeoJSON) it came from. */
export interface RawRow {
  line: number;
  values: Record<string, unknown>;
}

/** One CSV record as read (cells trimmed) with the line it ends on. */
export interface CsvRecord {
  record: string[];
  info: { lines: number };
}

/**
 * Reads CSV text into records, trimmed, blank lines skipped; unreadable text is a 400 problem naming
 * the line. Shared by every CSV import (including HXL files, whose header rows vary).
 */
export function readCsvRecords(text: string): CsvRecord[] {
  try {
    return parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
    }) as unknown as CsvRecord[];
  } catch (e) {
    const err = e as { message: string; lines?: number };
    throw new AppError(
      'validation',
      `The CSV cannot be read${err.lines ? ` at line ${err.lines}` : ''}: ${err.message}`,
      [{ field: 'file', message: err.message }],
    );
  }
}

/**
 * Parses CSV text with a header row into records keyed by lower-cased, trimmed header names.
 * A row whose column count differs from the header is kept (and later rejected with its line),
 * never silently dropped. HXL hashtag rows (first cell starting with '#') are skipped.
 */
export function parseCsv(text: string): RawRow[] {
  const records = readCsvRecords(text);
  if (records.length === 0)
    throw new AppError('validation', 'The file is empty', [{ field: 'file', message: 'no header row' }]);
  const header = records[0]!.record.map((h) => h.trim().toLowerCase().replace(/\s+/g, '_'));
  return records
    .slice(1)
    .filter((r) => !(r.record[0] ?? '').startsWith('#'))
    .map((r) => {
      const values: Record<string, unknown> = {};
      header.forEach((h, i) => {
        const v = r.record[i];
        if (h && v !== undefined && v !== '') values[h] = v;
      });
      if (r.record.length !== header.length)
        values.__columns = `${r.record.length} columns, header has ${header.length}`;
      return { line: r.info.lines, values };
    });
}

/** Reads a GeoJSON FeatureCollection: each feature's properties plus its geometry as `polygon`. */
export function parseGeoJsonFeatures(body: unknown): RawRow[] {
  const fc = body as { type?: string; features?: unknown };
  if (fc?.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    throw new AppError('validation', 'Expected a GeoJSON FeatureCollection', [
      { field: 'type', message: 'must be "FeatureCollection" with a features array' },
    ]);
  }
  return fc.features.map((f, i) => {
    const feature = f as { properties?: Record<string, unknown> | null; geometry?: unknown };
    const props = Object.fromEntries(
      Object.entries(feature?.properties ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
    );
    return { line: i + 1, values: { ...props, polygon: feature?.geometry ?? null } };
  });
}
