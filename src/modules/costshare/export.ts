/**
 * Exports of an approved apportionment: the whole system (one row per organization) or one
 * organization (its row and the steps of its explanation), as CSV, XLSX or PDF. Pure renderers;
 * the XLSX writer is the one the incident exports use, the PDF is drawn with pdfkit.
 */
import { stringify } from 'csv-stringify/sync';
import PDFDocument from 'pdfkit';
import { type CellValue, xlsxWorkbook } from '../incidents/xlsx';
import type { ApportionmentView, Explanation } from './costshare.schema';

export type ExportFormat = 'csv' | 'xlsx' | 'pdf';
export const EXPORT_MEDIA: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

const HEADER = [
  'organization',
  'organization_name',
  'headcount',
  'own_headcount',
  'counted_in',
  'billed',
  'minimum_applied',
  'minimum_round',
  'amount',
  'share_percent',
  'rounding_cents',
];

/** "1234567.80" → "1,234,567.80" for the printed page. */
const grouped = (amount: string) => amount.replace(/\B(?=(\d{3})+(?!\d))(?=.*\.)/g, ',');

/** A text cell that a spreadsheet would evaluate (=, +, -, @ first) gets a leading apostrophe. */
const safe = (v: CellValue): CellValue => (typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

function rowsOf(view: ApportionmentView, organization?: string): CellValue[][] {
  return view.lines
    .filter((l) => !organization || l.organization === organization)
    .map((l) => [
      l.organization,
      l.organizationName,
      l.headcount,
      l.ownHeadcount,
      l.countedIn ?? '',
      l.billed ? 'yes' : 'no',
      l.minimumApplied ? 'yes' : 'no',
      l.minimumRound ?? '',
      l.amount,
      l.share.toFixed(4),
      l.roundingCents,
    ]);
}

function titleOf(view: ApportionmentView): string {
  const v = view.source.version;
  return `Jointly financed apportionment ${view.periodCode}${v ? `, version ${v.versionNo}` : ''}`;
}

export function exportCsv(view: ApportionmentView, explanation?: Explanation): string {
  const rows = rowsOf(view, explanation?.organization).map((r) => r.map(safe));
  let out = stringify([HEADER, ...rows]);
  if (!explanation)
    out += stringify([
      ['TOTAL', '', view.summary.billableHeadcount, '', '', '', '', '', view.summary.total, '100.0000', ''],
    ]);
  else
    out += stringify([
      [],
      ['step', 'explanation'],
      ...explanation.steps.map((s, i) => [i + 1, safe(s.text)]),
    ]);
  return out;
}

export function exportXlsx(view: ApportionmentView, explanation?: Explanation): Uint8Array {
  const rows: CellValue[][] = rowsOf(view, explanation?.organization).map((r) =>
    r.map((c, i) => (i === 8 ? Number(c) : c)),
  );
  if (!explanation)
    rows.push([
      'TOTAL',
      '',
      view.summary.billableHeadcount,
      '',
      '',
      '',
      '',
      '',
      Number(view.summary.total),
      100,
      '',
    ]);
  else {
    rows.push([]);
    rows.push(['Step', 'Explanation']);
    for (const [i, step] of explanation.steps.entries()) rows.push([i + 1, step.text]);
  }
  return xlsxWorkbook(view.periodCode, [[titleOf(view)], HEADER], rows);
}

/** A4 PDF: title, the figures, then the table (whole system) or the explanation (one organization). */
export function exportPdf(
  view: ApportionmentView,
  explanation?: Explanation,
  generatedAt = new Date(),
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 48,
    bufferPages: true,
    info: {
      Title: explanation ? `${titleOf(view)}: ${explanation.organization}` : titleOf(view),
      Creator: 'OpenSMIN',
      Producer: 'OpenSMIN',
      CreationDate: generatedAt,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const v = view.source.version;
  doc.font('Helvetica-Bold').fontSize(15).text(titleOf(view));
  doc.moveDown(0.3).font('Helvetica').fontSize(9);
  doc.text(
    `Total ${grouped(view.summary.total)} ${view.currency}; minimum contribution ${grouped(view.summary.minimum)}; ${view.summary.billableCount} billable organizations, field headcount ${view.summary.billableHeadcount}; ${view.summary.atMinimumCount} at the minimum.`,
  );
  if (v)
    doc.text(
      `Approved by ${v.approvedBy} on ${v.approvedAt.slice(0, 10)}${v.scenarioName ? ` (scenario ${v.scenarioName})` : ''}.${v.note ? ` ${v.note}` : ''}`,
    );
  doc.moveDown();
  const cols = [
    {
      h: 'Organization',
      w: 150,
      v: (l: ApportionmentView['lines'][number]) =>
        `${l.organization}${l.countedIn ? ` (in ${l.countedIn})` : ''}`,
    },
    { h: 'Headcount', w: 60, v: (l: ApportionmentView['lines'][number]) => String(l.headcount) },
    {
      h: 'Minimum',
      w: 55,
      v: (l: ApportionmentView['lines'][number]) => (l.minimumApplied ? 'yes' : l.billed ? '' : 'not billed'),
    },
    { h: 'Amount', w: 110, v: (l: ApportionmentView['lines'][number]) => grouped(l.amount) },
    { h: 'Share %', w: 60, v: (l: ApportionmentView['lines'][number]) => l.share.toFixed(4) },
  ];
  const drawRow = (cells: string[], bold = false) => {
    if (doc.y > doc.page.height - 72) doc.addPage();
    const y = doc.y;
    let x = doc.page.margins.left;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
    cells.forEach((c, i) => {
      const col = cols[i] as (typeof cols)[number];
      doc.text(c, x, y, { width: col.w - 6, align: i === 0 ? 'left' : 'right', lineBreak: false });
      x += col.w;
    });
    doc.x = doc.page.margins.left;
    doc.y = y + 14;
  };
  drawRow(
    cols.map((c) => c.h),
    true,
  );
  const lines = view.lines.filter((l) => !explanation || l.organization === explanation.organization);
  for (const l of lines) drawRow(cols.map((c) => c.v(l)));
  if (!explanation)
    drawRow(
      ['Total', String(view.summary.billableHeadcount), '', grouped(view.summary.total), '100.0000'],
      true,
    );
  if (explanation) {
    doc.moveDown();
    doc.font('Helvetica-Bold').fontSize(11).text(`How ${explanation.organization}'s figure is reached`);
    doc.font('Helvetica').fontSize(9);
    explanation.steps.forEach((s, i) => {
      doc.moveDown(0.3).text(`${i + 1}. ${s.text}`, {
        width: doc.page.width - doc.page.margins.left - doc.page.margins.right,
      });
    });
  }
  doc.end();
  return done;
}
