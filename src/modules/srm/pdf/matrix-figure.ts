/**
 * The risk matrix picture: the SRM's own 5×5 matrix coloured by risk level, each risk drawn as a
 * numbered mark at its residual position and, where that differs, a hollow mark where it started.
 */
import {
  DEFAULT_MATRIX,
  IMPACT_LABELS,
  IMPACTS,
  type Impact,
  impactRank,
  LIKELIHOOD_LABELS,
  LIKELIHOODS,
  type Likelihood,
  likelihoodRank,
  RISK_LABELS,
  RISKS,
  type Risk,
  residual,
  validateMatrix,
} from '../rules';
import type { SrmDetail } from '../srm.schema';
import { numberedRisks } from './content';
import { type Doc, FONT, INK, line, RISK_COLOURS } from './style';

/** How a risk is marked: residual computed from implemented measures, residual by override, inherent. */
export type MarkKind = 'residual' | 'override' | 'inherent';

/** One mark on the matrix: risk number, kind and cell. */
export interface MatrixMark {
  no: number;
  kind: MarkKind;
  likelihood: Likelihood;
  impact: Impact;
}

/** The level of a cell as configured, or null where the stored matrix lacks a known level. */
export function cellLevel(matrix: SrmDetail['matrix'], l: Likelihood, i: Impact): Risk | null {
  const value = matrix[l]?.[i];
  return value !== undefined && (RISKS as readonly string[]).includes(value) ? (value as Risk) : null;
}

/** The cell nearest to `from` (fewest steps) whose level is `level`, or null when none has it. */
function nearestCellOf(matrix: SrmDetail['matrix'], level: Risk, from: { l: number; i: number }) {
  let best: { l: number; i: number; d: number } | null = null;
  for (let l = 0; l < LIKELIHOODS.length; l++) {
    for (let i = 0; i < IMPACTS.length; i++) {
      if (cellLevel(matrix, LIKELIHOODS[l]!, IMPACTS[i]!) !== level) continue;
      const d = Math.abs(l - from.l) + Math.abs(i - from.i);
      if (!best || d < best.d) best = { l, i, d };
    }
  }
  return best;
}

/**
 * Where each risk is drawn. The residual position follows the implemented measures (prevention
 * lowers likelihood, mitigation impact). An override sets a level, not a position, so the mark
 * goes to the nearest cell of that level and is drawn differently; the same happens if the stored
 * level and the computed position ever disagree, so that the picture never contradicts the tables.
 * The inherent mark is left out where it would sit under the residual one.
 */
export function matrixMarks(srm: SrmDetail): MatrixMark[] {
  const checked = validateMatrix(srm.matrix);
  const positions = checked.ok ? checked.matrix : DEFAULT_MATRIX;
  const marks: MatrixMark[] = [];
  for (const { no, risk } of numberedRisks(srm)) {
    const computed = residual(positions, risk, risk.measures);
    let at = { l: likelihoodRank(computed.likelihood), i: impactRank(computed.impact) };
    if (cellLevel(srm.matrix, computed.likelihood, computed.impact) !== risk.effective.level) {
      at = nearestCellOf(srm.matrix, risk.effective.level, at) ?? at;
    }
    const likelihood = LIKELIHOODS[at.l]!;
    const impact = IMPACTS[at.i]!;
    marks.push({ no, kind: risk.override ? 'override' : 'residual', likelihood, impact });
    if (likelihood !== risk.likelihood || impact !== risk.impact) {
      marks.push({ no, kind: 'inherent', likelihood: risk.likelihood, impact: risk.impact });
    }
  }
  return marks;
}

const MARK_RADIUS = 5.8;
const PITCH = 13.5;

/** One mark centred at (cx, cy); the number is always printed inside it. */
export function drawMark(doc: Doc, kind: MarkKind, cx: number, cy: number, label: string): void {
  doc.save().lineWidth(1);
  if (kind === 'inherent') {
    doc.circle(cx, cy, MARK_RADIUS).fillAndStroke(INK.white, INK.accent);
  } else if (kind === 'override') {
    const r = MARK_RADIUS + 1.4;
    doc.polygon([cx, cy - r], [cx + r, cy], [cx, cy + r], [cx - r, cy]).fillAndStroke(INK.accent, INK.white);
  } else {
    doc.circle(cx, cy, MARK_RADIUS).fillAndStroke(INK.accent, INK.white);
  }
  doc.restore();
  const colour = kind === 'inherent' ? INK.accent : INK.white;
  doc
    .font(FONT.bold)
    .fontSize(label.length > 2 ? 5 : 6.5)
    .fillColor(colour);
  const h = doc.currentLineHeight();
  doc.text(label, cx - 8, cy - h / 2 + 0.6, { width: 16, align: 'center', lineBreak: false });
}

/** Geometry of the matrix picture for a given width; the summary and the report share it. */
export function matrixGeometry(width: number) {
  const axis = 12;
  const rowLabel = 58;
  const cell = (width - axis - rowLabel) / IMPACTS.length;
  const cellH = Math.max(36, Math.round(cell * 0.74));
  const height = 14 + cellH * LIKELIHOODS.length + 26;
  return { axis, rowLabel, cell, cellH, height };
}

/**
 * Draws the matrix with its marks at (x, y) within `width`; returns the height used. Rows run from
 * Very likely at the top to Very unlikely, columns from Negligible to Critical, as on paper forms.
 */
export function drawRiskMatrix(doc: Doc, srm: SrmDetail, x: number, y: number, width: number): number {
  const g = matrixGeometry(width);
  const gridX = x + g.axis + g.rowLabel;
  const gridY = y + 14;
  line(doc, `Risk matrix ${srm.matrixNumber}`, x, y, width, { font: FONT.bold, size: 9, color: INK.accent });
  const marks = matrixMarks(srm);
  const rows = [...LIKELIHOODS].reverse();
  rows.forEach((l, r) => {
    const cy = gridY + r * g.cellH;
    line(doc, LIKELIHOOD_LABELS[l], x + g.axis, cy + g.cellH / 2 - 3.5, g.rowLabel - 4, {
      size: 7,
      align: 'right',
    });
    IMPACTS.forEach((i, c) => {
      const cx = gridX + c * g.cell;
      const level = cellLevel(srm.matrix, l, i);
      const colours = level ? RISK_COLOURS[level] : { fill: '#dddddd', text: INK.text };
      doc
        .save()
        .lineWidth(0.75)
        .rect(cx, cy, g.cell, g.cellH)
        .fillAndStroke(colours.fill, INK.white)
        .restore();
      line(doc, level ? RISK_LABELS[level] : 'unset', cx + 3, cy + 2.5, g.cell - 6, {
        size: 5.8,
        color: colours.text,
      });
      const here = marks
        .filter((m) => m.likelihood === l && m.impact === i)
        .sort((a, b) => Number(a.kind === 'inherent') - Number(b.kind === 'inherent') || a.no - b.no);
      drawCellMarks(doc, here, cx, cy + 9, g.cell, g.cellH - 9);
    });
  });
  // Axis titles: likelihood rotated along the rows, impact under the columns.
  const midY = gridY + (g.cellH * LIKELIHOODS.length) / 2;
  doc.save().rotate(-90, { origin: [x + 4, midY] });
  line(doc, 'LIKELIHOOD', x + 4 - 40, midY - 4, 80, {
    font: FONT.bold,
    size: 6.5,
    color: INK.muted,
    align: 'center',
  });
  doc.restore();
  const bottom = gridY + g.cellH * LIKELIHOODS.length;
  IMPACTS.forEach((i, c) => {
    line(doc, IMPACT_LABELS[i], gridX + c * g.cell, bottom + 3, g.cell, { size: 7, align: 'center' });
  });
  line(doc, 'IMPACT', gridX, bottom + 14, g.cell * IMPACTS.length, {
    font: FONT.bold,
    size: 6.5,
    color: INK.muted,
    align: 'center',
  });
  return g.height;
}

/** Lays the marks of one cell out in a grid; when they do not all fit, the last slot says "+N". */
function drawCellMarks(doc: Doc, marks: MatrixMark[], x: number, y: number, w: number, h: number): void {
  if (!marks.length) return;
  const cols = Math.max(1, Math.floor((w - 2) / PITCH));
  const rows = Math.max(1, Math.floor((h - 1) / PITCH));
  const slots = cols * rows;
  const shown = marks.length > slots ? marks.slice(0, slots - 1) : marks;
  const left = x + (w - cols * PITCH) / 2 + PITCH / 2;
  const top = y + (h - rows * PITCH) / 2 + PITCH / 2;
  shown.forEach((m, k) => {
    drawMark(doc, m.kind, left + (k % cols) * PITCH, top + Math.floor(k / cols) * PITCH, String(m.no));
  });
  if (shown.length < marks.length) {
    const k = shown.length;
    const cx = left + (k % cols) * PITCH;
    const cy = top + Math.floor(k / cols) * PITCH;
    line(doc, `+${marks.length - shown.length}`, cx - 8, cy - 3, 16, {
      font: FONT.bold,
      size: 6.5,
      align: 'center',
    });
  }
}

/**
 * The legend of marks and colours in a column `width` wide, with the number of risks at each
 * residual level when `counts` is given; returns the height used.
 */
export function drawMatrixLegend(
  doc: Doc,
  x: number,
  y: number,
  width: number,
  counts?: Partial<Record<Risk, number>>,
): number {
  let at = y;
  line(doc, 'Legend', x, at, width, { font: FONT.bold, size: 8, color: INK.accent });
  at += 13;
  const items: [MarkKind, string][] = [
    ['residual', 'Residual risk (implemented measures)'],
    ['override', 'Residual risk set by an override'],
    ['inherent', 'Inherent risk, where different'],
  ];
  for (const [kind, text] of items) {
    drawMark(doc, kind, x + 7, at + 4, 'n');
    line(doc, text, x + 18, at + 0.5, width - 18, { size: 7 });
    at += 15;
  }
  line(doc, 'n = risk number in the tables', x, at, width, { size: 6.5, color: INK.muted });
  at += 16;
  if (counts) {
    line(doc, 'Risks by residual level', x, at, width, { font: FONT.bold, size: 8, color: INK.accent });
    at += 13;
  }
  for (const level of [...RISKS].reverse()) {
    doc.save().lineWidth(0.5).rect(x, at, 14, 9).fillAndStroke(RISK_COLOURS[level].fill, INK.rule).restore();
    line(doc, RISK_LABELS[level], x + 18, at + 1, width - 40, { size: 7 });
    if (counts) {
      const n = counts[level] ?? 0;
      line(doc, String(n), x + width - 20, at + 1, 20, {
        font: n ? FONT.bold : FONT.regular,
        size: 7,
        align: 'right',
      });
    }
    at += 12;
  }
  return at - y;
}
