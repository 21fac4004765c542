/**
 * A small table for the SRM PDFs: one-line rows for the summary, where the row budget is fixed in
 * advance, and wrapped rows with page breaks and repeated headers for the report.
 */
import type { Risk } from '../rules';
import { type Doc, FONT, INK, line, pdfSafe, RISK_COLOURS } from './style';

/** A cell's content; `level` adds the risk colour chip before the (always printed) text. */
export interface Cell {
  text: string;
  level?: Risk;
  bold?: boolean;
  color?: string;
}

/** A table column: header, width and how to get a row's cell. */
export interface Column<T> {
  header: string;
  /** Width in points; 0 takes what the other columns leave. */
  width: number;
  align?: 'left' | 'right' | 'center';
  cell: (row: T) => string | Cell;
}

/** Where the next thing goes, and how to get more room (a new page, for the report). */
export interface Cursor {
  y: number;
  /** Points left above the bottom limit of the current page. */
  room(): number;
  /** Starts a new page and moves y to its top. */
  newPage(): void;
}

/** How a table is drawn. */
export interface TableOptions<T> {
  /** Wrap long cell text over several lines (report); otherwise cut it to one line (summary). */
  wrap?: boolean;
  /** Font size of the rows. */
  size?: number;
  /** A full-width note under a row, e.g. a measure's evidence. */
  detail?: (row: T) => string | null;
  /** How many rows were left out, printed as "+N more". */
  more?: number;
  /** Printed instead of rows when there are none. */
  empty?: string;
}

const PAD = 2.5;
const CHIP = 7;

const asCell = (value: string | Cell): Cell => (typeof value === 'string' ? { text: value } : value);

/** Row height of a one-line table at `size`: the summary budgets its page with it. */
export const lineRowHeight = (size = 7.5) => size + 2 * PAD + 1;

/** The largest height a wrapped row may take: a row never runs over a page. */
const MAX_ROW = 600;

/** Draws the table at the cursor and moves the cursor below it. */
export function drawTable<T>(
  doc: Doc,
  cursor: Cursor,
  x: number,
  width: number,
  columns: Column<T>[],
  rows: T[],
  options: TableOptions<T> = {},
): void {
  const size = options.size ?? 7.5;
  const fixed = columns.reduce((sum, c) => sum + c.width, 0);
  const flex = columns.filter((c) => c.width === 0).length;
  const widths = columns.map((c) => (c.width === 0 ? Math.max(20, (width - fixed) / flex) : c.width));
  const headerH = lineRowHeight(size);

  const drawHead = () => {
    doc.save().rect(x, cursor.y, width, headerH).fill(INK.accent).restore();
    let cx = x;
    columns.forEach((c, k) => {
      line(doc, c.header, cx + PAD, cursor.y + PAD + 0.5, widths[k]! - 2 * PAD, {
        font: FONT.bold,
        size: size - 0.5,
        color: INK.white,
        align: c.align ?? 'left',
      });
      cx += widths[k]!;
    });
    cursor.y += headerH;
  };

  const textWidth = (cell: Cell, k: number) => widths[k]! - 2 * PAD - (cell.level ? CHIP + 3 : 0);
  const heightOf = (row: T) => {
    if (!options.wrap) return lineRowHeight(size);
    let h = 0;
    columns.forEach((c, k) => {
      const cell = asCell(c.cell(row));
      doc.font(cell.bold ? FONT.bold : FONT.regular).fontSize(size);
      h = Math.max(h, doc.heightOfString(pdfSafe(cell.text) || ' ', { width: textWidth(cell, k) }));
    });
    return Math.min(MAX_ROW, h + 2 * PAD);
  };
  const detailHeight = (text: string) => {
    doc.font(FONT.italic).fontSize(size - 0.5);
    return Math.min(MAX_ROW, doc.heightOfString(pdfSafe(text), { width: width - 6 * PAD }) + 2 * PAD);
  };

  const fullHeight = (row: T) => {
    const detail = options.detail?.(row) ?? null;
    return heightOf(row) + (detail ? detailHeight(detail) : 0);
  };
  const first = rows[0];
  // The header never stands alone at the foot of a page.
  if (cursor.room() < headerH + (first === undefined ? headerH : fullHeight(first))) cursor.newPage();
  drawHead();
  if (!rows.length) {
    line(doc, options.empty ?? 'None.', x + PAD, cursor.y + PAD, width - 2 * PAD, { size, color: INK.muted });
    cursor.y += lineRowHeight(size);
  }

  rows.forEach((row, r) => {
    const detail = options.detail?.(row) ?? null;
    const rowH = heightOf(row);
    const detailH = detail ? detailHeight(detail) : 0;
    if (cursor.room() < rowH + detailH) {
      cursor.newPage();
      drawHead();
    }
    if (r % 2 === 1)
      doc
        .save()
        .rect(x, cursor.y, width, rowH + detailH)
        .fill(INK.band)
        .restore();
    let cx = x;
    columns.forEach((c, k) => {
      const cell = asCell(c.cell(row));
      drawCell(doc, cell, cx + PAD, cursor.y + PAD, textWidth(cell, k), rowH - 2 * PAD, size, {
        wrap: options.wrap ?? false,
        align: c.align ?? 'left',
      });
      cx += widths[k]!;
    });
    cursor.y += rowH;
    if (detail) {
      doc
        .font(FONT.italic)
        .fontSize(size - 0.5)
        .fillColor(INK.muted);
      doc.text(pdfSafe(detail), x + 3 * PAD, cursor.y + PAD - 1, {
        width: width - 6 * PAD,
        height: detailH,
        ellipsis: true,
      });
      cursor.y += detailH;
    }
  });
  doc
    .save()
    .moveTo(x, cursor.y)
    .lineTo(x + width, cursor.y)
    .lineWidth(0.5)
    .stroke(INK.rule)
    .restore();
  if (options.more) {
    line(doc, `+${options.more} more`, x + PAD, cursor.y + PAD, width - 2 * PAD, {
      font: FONT.italic,
      size,
      color: INK.muted,
    });
    cursor.y += lineRowHeight(size);
  }
}

function drawCell(
  doc: Doc,
  cell: Cell,
  x: number,
  y: number,
  width: number,
  height: number,
  size: number,
  how: { wrap: boolean; align: 'left' | 'right' | 'center' },
): void {
  let tx = x;
  if (cell.level) {
    doc
      .save()
      .rect(x, y + 0.5, CHIP, CHIP)
      .fillAndStroke(RISK_COLOURS[cell.level].fill, INK.rule)
      .restore();
    tx += CHIP + 3;
  }
  const font = cell.bold ? FONT.bold : FONT.regular;
  const color = cell.color ?? INK.text;
  if (!how.wrap) {
    line(doc, cell.text, tx, y, width, { font, size, color, align: how.align });
    return;
  }
  doc.font(font).fontSize(size).fillColor(color);
  doc.text(pdfSafe(cell.text), tx, y, { width, height: height + 1, ellipsis: true, align: how.align });
}
