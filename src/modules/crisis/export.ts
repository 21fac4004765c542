/**
 * Exports of a relocation or evacuation list: CSV, XLSX (the incidents' small writer) and a
 * printable manifest (PDF, A4 landscape, the standard fonts). Pure renderers over a list detail.
 */
import { stringify } from 'csv-stringify/sync';
import PDFDocument from 'pdfkit';
import { type CellValue, xlsxWorkbook } from '../incidents/xlsx';
import { FONT, INK, line, pdfSafe, utcStamp } from '../srm/pdf/style';
import type { ListDetail, ListRow } from './lists.schema';

export const EXPORT_MEDIA = {
  csv: { type: 'text/csv; charset=utf-8', extension: 'csv' },
  xlsx: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' },
  pdf: { type: 'application/pdf', extension: 'pdf' },
} as const;
export type ExportFormat = keyof typeof EXPORT_MEDIA;

const STATUS_TEXT: Record<ListRow['status'], string> = {
  listed: 'Listed',
  confirmed: 'Confirmed',
  moved: 'Moved',
  declined: 'Declined',
  unreachable: 'Cannot reach',
};
const ROLL_TEXT: Record<ListRow['rollCall']['state'], string> = {
  safe: 'Safe',
  need_help: 'Needs help',
  pending: 'No answer yet',
  not_asked: 'Not asked',
};

export const statusText = (s: ListRow['status']) => STATUS_TEXT[s];
export const rollCallText = (s: ListRow['rollCall']['state']) => ROLL_TEXT[s];

interface Column {
  header: string;
  value: (r: ListRow, i: number) => CellValue;
}

export const COLUMNS: Column[] = [
  { header: 'No.', value: (_r, i) => i + 1 },
  { header: 'Name', value: (r) => r.name },
  { header: 'Organization', value: (r) => r.organization },
  { header: 'Recruitment', value: (r) => r.recruitment },
  { header: 'Kind', value: (r) => r.kind },
  { header: 'Sponsor', value: (r) => r.sponsor ?? '' },
  { header: 'Phone', value: (r) => r.phone ?? '' },
  { header: 'E-mail', value: (r) => r.email ?? '' },
  { header: 'Location', value: (r) => `${r.location}${r.source === 'travel' ? ' (travel)' : ''}` },
  { header: 'Eligible by', value: (r) => r.reason },
  { header: 'Status', value: (r) => STATUS_TEXT[r.status] },
  { header: 'Roll call', value: (r) => ROLL_TEXT[r.rollCall.state] },
  { header: 'Answered at', value: (r) => r.rollCall.at ?? '' },
  { header: 'Still present', value: (r) => (r.present ? 'yes' : 'no') },
];

/** Text a spreadsheet would run as a formula gets a leading apostrophe (formula injection). */
const FORMULA_START = /^[=+\-@\t\r]/;
const safeCell = (v: CellValue) => (typeof v === 'string' && FORMULA_START.test(v) ? `'${v}` : v);

const rowValues = (rows: readonly ListRow[]) => rows.map((r, i) => COLUMNS.map((c) => c.value(r, i)));

/**
 * CSV: text a spreadsheet would evaluate is defused with an apostrophe, which spreadsheets hide
 * (a phone number "+93…" so stays text and keeps its plus).
 */
export function listCsv(list: ListDetail): string {
  return stringify([
    COLUMNS.map((c) => c.header),
    ...rowValues(list.rows).map((r) => r.map((v) => safeCell(v) ?? '')),
  ]);
}

/** XLSX: cells are inline strings, never formulas, so nothing needs defusing. */
export function listXlsx(list: ListDetail): Uint8Array {
  return xlsxWorkbook(list.reference, [COLUMNS.map((c) => c.header)], rowValues(list.rows));
}

/** A4 landscape, in points. */
const PAGE = { width: 841.89, height: 595.28, margin: 28 } as const;
const ROW_H = 14;
const PDF_COLUMNS: { header: string; width: number; value: (r: ListRow, i: number) => string }[] = [
  { header: 'No.', width: 26, value: (_r, i) => String(i + 1) },
  { header: 'Name', width: 120, value: (r) => r.name },
  { header: 'Org.', width: 50, value: (r) => r.organization },
  { header: 'Recruitment', width: 62, value: (r) => r.recruitment },
  { header: 'Kind', width: 52, value: (r) => r.kind },
  { header: 'Sponsor', width: 100, value: (r) => r.sponsor ?? '' },
  { header: 'Phone', width: 84, value: (r) => r.phone ?? '' },
  { header: 'Location', width: 66, value: (r) => `${r.location}${r.source === 'travel' ? ' (T)' : ''}` },
  { header: 'Roll call', width: 78, value: (r) => ROLL_TEXT[r.rollCall.state] },
  { header: 'Status', width: 62, value: (r) => STATUS_TEXT[r.status] },
  { header: 'Check', width: 40, value: () => '[  ]' },
];

/**
 * The manifest: a header with the list's identity and totals, then one line per person, repeated
 * column heads on every page, page numbers and the time printed in the footer.
 */
export function listPdf(list: ListDetail, generatedAt = new Date()): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    bufferPages: true,
    info: {
      Title: pdfSafe(`${list.reference} ${list.title}`),
      Subject: `${list.kind === 'evacuation' ? 'Evacuation' : 'Relocation'} manifest`,
      Creator: 'OpenSMIN',
      Producer: 'OpenSMIN',
      CreationDate: generatedAt,
      ModDate: generatedAt,
    },
  });
  const x0 = PAGE.margin;
  const width = PAGE.width - 2 * PAGE.margin;
  const kind = list.kind === 'evacuation' ? 'EVACUATION MANIFEST' : 'RELOCATION MANIFEST';
  let y: number = PAGE.margin;
  line(doc, kind, x0, y, width, { font: FONT.bold, size: 9, color: INK.muted });
  y += 13;
  line(doc, `${list.reference} - ${list.title}`, x0, y, width, { font: FONT.bold, size: 14 });
  y += 20;
  const place = list.areaCode ? `${list.areaCode} (${list.countryCode})` : list.countryCode;
  const dest = [list.destination, list.destinationAreaCode, list.destinationCountry]
    .filter(Boolean)
    .join(', ');
  line(doc, `From: ${place}    To: ${dest}`, x0, y, width, { size: 10 });
  y += 14;
  line(
    doc,
    `Who-is-where read at ${utcStamp(new Date(list.asOf))}; refreshed ${utcStamp(new Date(list.refreshedAt))}; made by ${list.createdBy}`,
    x0,
    y,
    width,
    { size: 8, color: INK.muted },
  );
  y += 14;
  const t = list.totals;
  line(
    doc,
    `People: ${t.people} (personnel ${t.personnel}, dependants ${t.dependants})   Accounted for: ${t.accounted}   Need help: ${t.needHelp}   Not yet accounted for: ${t.notAccounted}   No longer present: ${t.noLongerPresent}`,
    x0,
    y,
    width,
    { font: FONT.bold, size: 9 },
  );
  y += 18;
  const heads = (yy: number) => {
    doc.rect(x0, yy - 2, width, ROW_H).fill(INK.band);
    let x = x0;
    for (const c of PDF_COLUMNS) {
      line(doc, c.header, x + 2, yy + 1, c.width - 4, { font: FONT.bold, size: 8 });
      x += c.width;
    }
    return yy + ROW_H;
  };
  y = heads(y);
  const bottom = PAGE.height - PAGE.margin - 20;
  list.rows.forEach((r, i) => {
    if (y + ROW_H > bottom) {
      doc.addPage({ size: 'A4', layout: 'landscape', margin: 0 });
      y = heads(PAGE.margin);
    }
    let x = x0;
    const color = r.rollCall.state === 'need_help' ? INK.alert : INK.text;
    for (const c of PDF_COLUMNS) {
      line(doc, c.value(r, i), x + 2, y + 1, c.width - 4, { size: 8, color });
      x += c.width;
    }
    doc
      .moveTo(x0, y + ROW_H - 2)
      .lineTo(x0 + width, y + ROW_H - 2)
      .lineWidth(0.3)
      .strokeColor(INK.rule)
      .stroke();
    y += ROW_H;
  });
  if (list.rows.length === 0)
    line(doc, 'No one on this list.', x0, y + 4, width, { size: 9, color: INK.muted });
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    line(
      doc,
      `${list.reference} - printed ${utcStamp(generatedAt)} - page ${i + 1} of ${range.count} - RESTRICTED: personal data`,
      x0,
      PAGE.height - PAGE.margin,
      width,
      { size: 7, color: INK.muted },
    );
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}
