/**
 * The one-page SRM summary for the Security Management Team (DOMAIN.md §4 "outputs asked for").
 * Everything is placed on a fixed A4 grid and every list is cut to a row budget with "+N more",
 * so the summary is one page whatever the SRM holds.
 */
import type { SrmDetail } from '../srm.schema';
import {
  type NumberedRisk,
  type OverdueMeasure,
  overdueMeasures,
  type SrmActivity,
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
  drawAcceptableRiskKey,
  drawSectionTitle,
  overdueColumns,
  topRiskColumns,
  unacceptableColumns,
} from './sections';
import { CONTENT_WIDTH, type Doc, PAGE } from './style';
import { type Column, type Cursor, drawTable, lineRowHeight } from './table';

/** Width of the matrix picture; the legend takes the rest of the row. */
const MATRIX_WIDTH = 360;
/** Lowest y the tables may reach: the footer sits below. */
const BOTTOM = PAGE.height - 44;
const SECTION_GAP = 8;
const SECTION_TITLE = 14;
/** Rows every non-empty section keeps before the others grow. */
const MIN_ROWS = 4;

/**
 * Shares `capacity` rows between sections holding `counts` items, in priority order. Each section
 * first gets up to MIN_ROWS (one at least, for "None." or "+N more"), then the rest goes to the
 * sections in order. A result smaller than its count includes the "+N more" row.
 */
export function allocateRows(counts: readonly number[], capacity: number): number[] {
  const need = counts.map((c) => Math.max(1, c));
  const rows = need.map((n) => Math.min(n, MIN_ROWS));
  let left = capacity - rows.reduce((a, b) => a + b, 0);
  need.forEach((n, k) => {
    const extra = Math.max(0, Math.min(n - rows[k]!, left));
    rows[k]! += extra;
    left -= extra;
  });
  return rows;
}

interface Section<T> {
  title: string;
  note: string;
  columns: Column<T>[];
  items: T[];
  empty: string;
}

/**
 * Renders the one-page summary: header with approval and review state, key figures, the risk
 * matrix with every risk plotted, the top risks, overdue measures and activities not acceptable.
 */
export async function renderSrmSummaryPdf(srm: SrmDetail, options: SrmPdfOptions = {}): Promise<Buffer> {
  const generatedAt = options.generatedAt ?? new Date();
  const doc = createDocument(srm, 'Security risk management: one-page summary for the SMT', generatedAt);
  const x = PAGE.margin;
  let y = drawHeader(
    doc,
    srm,
    'Security risk management \u00b7 summary for the Security Management Team',
    PAGE.margin,
  );
  y = drawKeyFigures(doc, srm, y + 4) + 12;
  const matrixH = drawRiskMatrix(doc, srm, x, y, MATRIX_WIDTH);
  const legendX = x + MATRIX_WIDTH + 22;
  const legendW = x + CONTENT_WIDTH - legendX;
  const legendH = drawMatrixLegend(doc, legendX, y, legendW, srm.summary.byResidual);
  drawAcceptableRiskKey(doc, legendX, y + legendH + 8, legendW);
  y += matrixH + 10;

  const top: Section<NumberedRisk> = {
    title: 'Top risks',
    note: 'highest residual first \u00b7 residual counts implemented measures; expected = if approved ones were too \u00b7 * override',
    columns: topRiskColumns(90),
    items: topRisks(srm),
    empty: 'No risks recorded yet.',
  };
  const overdue: Section<OverdueMeasure> = {
    title: 'Overdue measures',
    note: 'approved, agreed date passed, not implemented \u00b7 longest overdue first',
    columns: overdueColumns(generatedAt),
    items: overdueMeasures(srm),
    empty: 'None: every approved measure is within its agreed date.',
  };
  const unacceptable: Section<SrmActivity> = {
    title: 'Activities not acceptable',
    note: 'residual risk above what the programme criticality allows',
    columns: unacceptableColumns(),
    items: unacceptableActivities(srm),
    empty: 'None: every activity is acceptable at its residual risk and programme criticality.',
  };

  const rowH = lineRowHeight();
  const fixed = 3 * (SECTION_TITLE + rowH) + 2 * SECTION_GAP;
  const capacity = Math.floor((BOTTOM - y - fixed) / rowH);
  const [topRows, overdueRows, unacceptableRows] = allocateRows(
    [top.items.length, overdue.items.length, unacceptable.items.length],
    capacity,
  );
  const cursor: Cursor = {
    y,
    room: () => BOTTOM - cursor.y,
    newPage: () => {
      // The budget above makes this unreachable; a second page would break the summary's promise.
      throw new Error('SRM summary overflowed its page');
    },
  };
  drawSummarySection(doc, cursor, top, topRows!);
  cursor.y += SECTION_GAP;
  drawSummarySection(doc, cursor, overdue, overdueRows!);
  cursor.y += SECTION_GAP;
  drawSummarySection(doc, cursor, unacceptable, unacceptableRows!);
  drawFooter(doc, generatedAt, 1, 1);
  return toBuffer(doc);
}

function drawSummarySection<T>(doc: Doc, cursor: Cursor, s: Section<T>, rows: number): void {
  const shown = s.items.length <= rows ? s.items.length : Math.max(0, rows - 1);
  drawSectionTitle(doc, cursor, PAGE.margin, CONTENT_WIDTH, s.title, s.note);
  drawTable(doc, cursor, PAGE.margin, CONTENT_WIDTH, s.columns, s.items.slice(0, shown), {
    more: s.items.length - shown,
    empty: s.empty,
  });
}
