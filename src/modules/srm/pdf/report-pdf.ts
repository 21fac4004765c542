/**
 * The detailed SRM report: the summary's overview with complete lists, then every risk with all
 * its measures, then every activity with its acceptability decision. Pages are laid out by the
 * code (never by pdfkit's automatic breaks), so the same SRM always gives the same pages.
 */
import { IMPACT_LABELS, LIKELIHOOD_LABELS } from '../rules';
import type { SrmDetail } from '../srm.schema';
import {
  documentTitle,
  type NumberedRisk,
  numberedRisks,
  overdueMeasures,
  STATUS_TEXT,
  topRisks,
  unacceptableActivities,
} from './content';
import {
  createDocument,
  drawFooter,
  drawHeader,
  drawKeyFigures,
  type SrmPdfOptions,
  toBuffer,
} from './document';
import { drawMatrixLegend, drawRiskMatrix } from './matrix-figure';
import {
  activityColumns,
  drawAcceptableRiskKey,
  drawSectionTitle,
  measureColumns,
  overdueColumns,
  topRiskColumns,
  unacceptableColumns,
} from './sections';
import {
  CONTENT_WIDTH,
  type Doc,
  day,
  FONT,
  INK,
  line,
  PAGE,
  pdfSafe,
  RISK_COLOURS,
  titleCase,
} from './style';
import { type Cursor, drawTable } from './table';

/** Top of the content on pages after the first, below the running header. */
const TOP = 48;
const BOTTOM = PAGE.height - 44;
const MATRIX_WIDTH = 360;
const X = PAGE.margin;

/** A cursor that starts a new page when asked; pages are numbered and finished at the end. */
function pageCursor(doc: Doc, y: number): Cursor {
  const cursor: Cursor = {
    y,
    room: () => BOTTOM - cursor.y,
    newPage: () => {
      doc.addPage({ size: 'A4', margin: 0 });
      cursor.y = TOP;
    },
  };
  return cursor;
}

/** The override of a risk in full: level, who, when, what was computed and why. */
function overrideText(risk: NumberedRisk['risk']): string | null {
  const o = risk.override;
  if (!o) return null;
  const who = `${o.by ? ` by ${o.by}` : ''} on ${day(o.at)}`;
  return `Override to ${o.label}${who} (computed ${risk.residual.label}): ${o.reason || 'no reason recorded'}`;
}

/** Height of a paragraph of `text` across the content width, capped at one page. */
function paragraphHeight(doc: Doc, text: string, size: number, font: string = FONT.regular): number {
  doc.font(font).fontSize(size);
  return Math.min(doc.heightOfString(pdfSafe(text), { width: CONTENT_WIDTH }), BOTTOM - TOP);
}

/** Wrapped text across the content width; moves to a new page first when it does not fit. */
function paragraph(
  doc: Doc,
  cursor: Cursor,
  text: string,
  style: { font?: string; size?: number; color?: string; indent?: number } = {},
): void {
  const size = style.size ?? 8;
  const indent = style.indent ?? 0;
  const width = CONTENT_WIDTH - indent;
  doc
    .font(style.font ?? FONT.regular)
    .fontSize(size)
    .fillColor(style.color ?? INK.text);
  const safe = pdfSafe(text);
  // A paragraph never runs past one page: the longest stored texts (4,000 characters) fit well.
  const h = Math.min(doc.heightOfString(safe, { width }), BOTTOM - TOP);
  if (cursor.room() < h) cursor.newPage();
  doc.text(safe, X + indent, cursor.y, { width, height: h, ellipsis: true });
  cursor.y += h + 3;
}

/**
 * Renders the detailed report (A4, several pages). Risks keep their SRM number throughout, the
 * same as in the summary and on the matrix.
 */
export async function renderSrmReportPdf(srm: SrmDetail, options: SrmPdfOptions = {}): Promise<Buffer> {
  const generatedAt = options.generatedAt ?? new Date();
  const doc = createDocument(srm, 'Security risk management: detailed report', generatedAt);
  let y = drawHeader(doc, srm, 'Security risk management \u00b7 detailed report', PAGE.margin);
  y = drawKeyFigures(doc, srm, y + 4) + 12;
  const matrixH = drawRiskMatrix(doc, srm, X, y, MATRIX_WIDTH);
  const legendX = X + MATRIX_WIDTH + 22;
  const legendW = X + CONTENT_WIDTH - legendX;
  const legendH = drawMatrixLegend(doc, legendX, y, legendW, srm.summary.byResidual);
  drawAcceptableRiskKey(doc, legendX, y + legendH + 8, legendW);
  const cursor = pageCursor(doc, y + matrixH + 10);

  const overview = (title: string, note: string, draw: () => void) => {
    if (cursor.room() < 60) cursor.newPage();
    drawSectionTitle(doc, cursor, X, CONTENT_WIDTH, title, note);
    draw();
    cursor.y += 10;
  };
  overview('Top risks', 'all risks, highest residual first \u00b7 * override', () =>
    drawTable(doc, cursor, X, CONTENT_WIDTH, topRiskColumns(200), topRisks(srm), {
      wrap: true,
      empty: 'No risks recorded yet.',
    }),
  );
  overview('Overdue measures', 'approved, agreed date passed, not implemented', () =>
    drawTable(doc, cursor, X, CONTENT_WIDTH, overdueColumns(generatedAt), overdueMeasures(srm), {
      wrap: true,
      empty: 'None: every approved measure is within its agreed date.',
    }),
  );
  overview('Activities not acceptable', 'residual risk above what the programme criticality allows', () =>
    drawTable(doc, cursor, X, CONTENT_WIDTH, unacceptableColumns(), unacceptableActivities(srm), {
      wrap: true,
      empty: 'None: every activity is acceptable at its residual risk and programme criticality.',
    }),
  );

  // The detail starts on its own page so that the overview always reads as one block.
  cursor.newPage();
  drawSectionTitle(doc, cursor, X, CONTENT_WIDTH, 'Risks and measures', 'in SRM order');
  if (!srm.risks.length) paragraph(doc, cursor, 'No risks recorded yet.', { color: INK.muted });
  for (const numbered of numberedRisks(srm)) drawRiskDetail(doc, cursor, numbered);

  cursor.y += 6;
  if (cursor.room() < 60) cursor.newPage();
  drawSectionTitle(
    doc,
    cursor,
    X,
    CONTENT_WIDTH,
    'Activities and acceptability',
    'Low/Very low: any PC \u00b7 Medium: PC1\u2013PC3 \u00b7 High: PC1\u2013PC2 \u00b7 Very high: PC1 with Executive Head approval \u00b7 Unacceptable: never',
  );
  drawTable(doc, cursor, X, CONTENT_WIDTH, activityColumns(), srm.activities, {
    wrap: true,
    empty: 'No activities recorded yet.',
  });

  finishPages(doc, srm, generatedAt);
  return toBuffer(doc);
}

/** One risk: heading, scales, levels, override, who is exposed, and its measures. */
function drawRiskDetail(doc: Doc, cursor: Cursor, { no, risk }: NumberedRisk): void {
  // Keep the heading, levels and notes together: about 60 points plus the wrapped notes. The
  // measures table then keeps its own header with its first row.
  const notes = [overrideText(risk), risk.exposed.trim() ? `Exposed: ${risk.exposed}` : null];
  const notesH = notes.reduce((h, text) => h + (text ? paragraphHeight(doc, text, 7.5) + 3 : 0), 0);
  if (cursor.room() < 60 + notesH) cursor.newPage();
  doc.save().rect(X, cursor.y, CONTENT_WIDTH, 18).fill(INK.band).restore();
  doc.save().rect(X, cursor.y, 4, 18).fill(RISK_COLOURS[risk.effective.level].fill).restore();
  line(doc, `${no}. ${risk.title}`, X + 9, cursor.y + 4.5, CONTENT_WIDTH - 130, {
    font: FONT.bold,
    size: 10,
    color: INK.accent,
  });
  line(
    doc,
    `Residual: ${risk.effective.label}${risk.override ? ' (override)' : ''}`,
    X,
    cursor.y + 5.5,
    CONTENT_WIDTH - 6,
    {
      font: FONT.bold,
      size: 8,
      align: 'right',
    },
  );
  cursor.y += 22;
  const facts = [
    `Category: ${titleCase(risk.category)}`,
    `Strategy: ${titleCase(risk.strategy)}`,
    `Likelihood: ${LIKELIHOOD_LABELS[risk.likelihood]}`,
    `Impact: ${IMPACT_LABELS[risk.impact]}`,
  ];
  line(doc, facts.join(' \u00b7 '), X, cursor.y, CONTENT_WIDTH, { size: 7.5, color: INK.muted });
  cursor.y += 11;
  const levels = [
    `Inherent: ${risk.inherent.label}`,
    `Residual (implemented measures): ${risk.residual.label}`,
    `Expected (approved measures implemented too): ${risk.expected.label}`,
  ];
  line(doc, levels.join(' \u00b7 '), X, cursor.y, CONTENT_WIDTH, { size: 7.5 });
  cursor.y += 11;
  if (notes[0]) paragraph(doc, cursor, notes[0], { font: FONT.bold, size: 7.5, color: INK.alert });
  if (notes[1]) paragraph(doc, cursor, notes[1], { size: 7.5 });
  cursor.y += 2;
  drawTable(doc, cursor, X, CONTENT_WIDTH, measureColumns(), risk.measures, {
    wrap: true,
    size: 7,
    detail: (m) => (m.evidence ? `Evidence: ${m.evidence}` : null),
    empty: 'No measures recorded.',
  });
  cursor.y += 12;
}

/** Running header on every page after the first, and the footer with "Page i of n" on all. */
function finishPages(doc: Doc, srm: SrmDetail, generatedAt: Date): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    if (i > range.start) {
      const right = `Detailed report \u00b7 ${STATUS_TEXT[srm.status]}`;
      line(doc, documentTitle(srm), X, 24, CONTENT_WIDTH - 140, {
        font: FONT.bold,
        size: 7.5,
        color: INK.accent,
      });
      line(doc, right, X + CONTENT_WIDTH - 140, 24, 140, { size: 7.5, color: INK.muted, align: 'right' });
      doc
        .save()
        .moveTo(X, 36)
        .lineTo(X + CONTENT_WIDTH, 36)
        .lineWidth(0.5)
        .stroke(INK.rule)
        .restore();
    }
    drawFooter(doc, generatedAt, i - range.start + 1, range.count);
  }
}
