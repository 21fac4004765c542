/**
 * A minimal XLSX reader: the first worksheet's cells as text, row by row. Pure.
 *
 * Why our own: see incidents/xlsx.ts (the full spreadsheet libraries carry advisories or a deep
 * dependency tree). An HR list needs only cell text: shared strings, inline strings, numbers and
 * booleans. Formulas are read as their cached value, never evaluated. Dates stay Excel serial
 * numbers; the importers convert them where a date is expected (`excelDate`).
 */
import { strFromU8, unzipSync } from 'fflate';
import { AppError } from '../../server/errors';

/** A sheet row: its 1-based row number in the sheet and its cells (column A first). */
export interface SheetRow {
  line: number;
  cells: string[];
}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML text with its entities and character references decoded. */
export function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) =>
    e[0] === '#'
      ? String.fromCodePoint(e[1] === 'x' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)))
      : ENTITY[e]!,
  );
}

/** The text of every <t> in a fragment (rich text runs are several <t>), joined. */
const textOf = (xml: string) =>
  [...xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t(?:\s[^>]*)?\/>/g)]
    .map((m) => unescapeXml(m[1] ?? ''))
    .join('');

/** Zero-based column index of a cell reference: "A1" → 0, "AB7" → 27. */
export function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref.replace(/\d+$/, '')) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

const fileProblem = (message: string) => new AppError('validation', message, [{ field: 'file', message }]);

/** The first worksheet's path, through the workbook's relationships (sheet1.xml as a fallback). */
function firstSheetPath(files: Record<string, Uint8Array>): string {
  const wb = files['xl/workbook.xml'];
  const rels = files['xl/_rels/workbook.xml.rels'];
  if (wb && rels) {
    const rid = /<sheet\b[^>]*\br:id="([^"]+)"/.exec(strFromU8(wb))?.[1];
    const rel = [...strFromU8(rels).matchAll(/<Relationship\b[^>]*>/g)].find((m) =>
      m[0].includes(`Id="${rid}"`),
    );
    const target = rel && /Target="([^"]+)"/.exec(rel[0])?.[1];
    if (target) return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  }
  return 'xl/worksheets/sheet1.xml';
}

/** Reads the first worksheet of an .xlsx file; an unreadable file is one 400 problem. */
export function readXlsx(data: Uint8Array): SheetRow[] {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(data, { filter: (f) => f.name.startsWith('xl/') });
  } catch (e) {
    throw fileProblem(`The file is not an XLSX workbook: ${(e as Error).message}`);
  }
  const sheet = files[firstSheetPath(files)];
  if (!sheet) throw fileProblem('The workbook has no worksheet');
  const sst = files['xl/sharedStrings.xml'];
  const shared = sst ? [...strFromU8(sst).matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => textOf(m[1]!)) : [];
  const rows: SheetRow[] = [];
  let implicitLine = 0;
  for (const row of strFromU8(sheet).matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const line = Number(/\br="(\d+)"/.exec(row[1]!)?.[1] ?? implicitLine + 1);
    implicitLine = line;
    const cells: string[] = [];
    let next = 0;
    for (const c of (row[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = c[1]!;
      const ref = /\br="([A-Z]+\d*)"/.exec(attrs)?.[1];
      const col = ref ? columnIndex(ref) : next;
      next = col + 1;
      const type = /\bt="(\w+)"/.exec(attrs)?.[1] ?? 'n';
      const body = c[2] ?? '';
      const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      let value = '';
      if (type === 's') value = shared[Number(v)] ?? '';
      else if (type === 'inlineStr') value = textOf(body);
      else if (type === 'b') value = v === '1' ? 'TRUE' : 'FALSE';
      else value = v === undefined ? '' : unescapeXml(v);
      cells[col] = value.trim();
    }
    rows.push({ line, cells: Array.from(cells, (x) => x ?? '') });
  }
  return rows;
}

/** An Excel date serial (days since 1899-12-30) as YYYY-MM-DD; other text unchanged. */
export function excelDate(value: string): string {
  if (!/^\d{4,6}(\.\d+)?$/.test(value)) return value;
  const days = Math.floor(Number(value));
  return new Date(Date.UTC(1899, 11, 30) + days * 86_400_000).toISOString().slice(0, 10);
}
