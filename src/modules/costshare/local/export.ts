/**
 * Exports of organizations' shares of local security budgets: CSV (RFC 4180, amounts as decimals),
 * XLSX (the platform's own writer) and PDF (pdfkit, standard fonts). Pure apart from pdfkit.
 */
import PDFDocument from 'pdfkit';
import { type CellValue, xlsxWorkbook } from '../../incidents/xlsx';
import type { ExportRow } from './billing.service';
import { centsToDecimal } from './rules';

const HEADER = [
  'Country',
  'Country name',
  'Year',
  'Status',
  'Organization',
  'Organization name',
  'Headcount',
  'Country headcount',
  'Currency',
  'Budget total',
  'Share',
  'Paid',
  'Outstanding',
  'Pay by',
  'Share final',
];

function cells(r: ExportRow, money: (c: number) => CellValue): CellValue[] {
  return [
    r.countryCode,
    r.countryName,
    r.year,
    r.status,
    r.organizationCode,
    r.organizationName,
    r.headcount,
    r.countryHeadcount,
    r.currency,
    money(r.budgetTotalCents),
    money(r.amountCents),
    money(r.paidCents),
    money(r.outstandingCents),
    r.payBy,
    r.final ? 'yes' : 'estimate',
  ];
}

/** A CSV field: quoted when needed; text that a spreadsheet would run as a formula is defused. */
function csvField(v: CellValue): string {
  if (v === null || v === undefined) return '';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: ExportRow[]): string {
  const out = [HEADER, ...rows.map((r) => cells(r, centsToDecimal))].map((row) =>
    row.map(csvField).join(','),
  );
  return `${out.join('\r\n')}\r\n`;
}

export function toXlsx(title: string, rows: ExportRow[]): Uint8Array {
  return xlsxWorkbook(
    'Shares',
    [[title], HEADER],
    rows.map((r) => cells(r, (c) => c / 100)),
  );
}

/** Text the standard PDF fonts can print (Latin-1); anything else becomes "?". */
const printable = (s: string) => s.normalize('NFC').replace(/[^\u0020-\u007e\u00a0-\u00ff]/g, '?');

/** An A4 landscape table with totals per currency; repeats the header on each page. */
export function toPdf(title: string, rows: ExportRow[], generatedAt = new Date()): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 36,
    info: { Title: printable(title), Creator: 'OpenSMIN', Producer: 'OpenSMIN', CreationDate: generatedAt },
  });
  const cols = [
    { h: 'Country', w: 50, v: (r: ExportRow) => r.countryCode },
    { h: 'Year', w: 36, v: (r: ExportRow) => String(r.year) },
    { h: 'Status', w: 62, v: (r: ExportRow) => r.status },
    { h: 'Organization', w: 130, v: (r: ExportRow) => `${r.organizationCode} ${r.organizationName}` },
    { h: 'Headcount', w: 70, v: (r: ExportRow) => `${r.headcount} / ${r.countryHeadcount}` },
    { h: 'Share', w: 90, v: (r: ExportRow) => `${centsToDecimal(r.amountCents)} ${r.currency}` },
    { h: 'Paid', w: 85, v: (r: ExportRow) => centsToDecimal(r.paidCents) },
    { h: 'Outstanding', w: 85, v: (r: ExportRow) => centsToDecimal(r.outstandingCents) },
    { h: 'Pay by', w: 65, v: (r: ExportRow) => r.payBy },
    { h: 'Final', w: 50, v: (r: ExportRow) => (r.final ? 'yes' : 'estimate') },
  ];
  const left = doc.page.margins.left;
  const bottom = doc.page.height - doc.page.margins.bottom;
  let y = doc.page.margins.top;
  const row = (values: string[], bold = false) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8.5);
    let x = left;
    values.forEach((v, i) => {
      doc.text(printable(v), x, y, { width: cols[i]!.w - 4, lineBreak: false, ellipsis: true });
      x += cols[i]!.w;
    });
    y += 14;
  };
  const header = () => {
    doc.font('Helvetica-Bold').fontSize(13).text(printable(title), left, y);
    y += 20;
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor('#555')
      .text(
        `Generated ${generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC. Calendar: circulated by 1 October, billed 15 November, paid by 1 March.`,
        left,
        y,
      );
    doc.fillColor('black');
    y += 16;
    row(
      cols.map((c) => c.h),
      true,
    );
  };
  header();
  for (const r of rows) {
    if (y > bottom - 30) {
      doc.addPage();
      y = doc.page.margins.top;
      header();
    }
    row(cols.map((c) => c.v(r)));
  }
  const byCurrency = new Map<string, { share: number; out: number }>();
  for (const r of rows) {
    const t = byCurrency.get(r.currency) ?? { share: 0, out: 0 };
    t.share += r.amountCents;
    t.out += r.outstandingCents;
    byCurrency.set(r.currency, t);
  }
  y += 6;
  if (rows.length === 0) row(['No shares to show.']);
  for (const [cur, t] of byCurrency)
    row(
      ['Total', '', '', '', '', `${centsToDecimal(t.share)} ${cur}`, '', centsToDecimal(t.out), '', ''],
      true,
    );
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}
