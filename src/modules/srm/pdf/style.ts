/**
 * Shared look of the SRM PDFs: page geometry, fonts, the risk colour scale and text helpers that
 * keep every string printable with the standard PDF fonts and on one line when asked to.
 */
import type { Risk } from '../rules';

/** The pdfkit document every drawing helper takes. */
export type Doc = PDFKit.PDFDocument;

/** A4 portrait in points. */
export const PAGE = { width: 595.28, height: 841.89, margin: 36 } as const;
/** Width between the side margins. */
export const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;

/** The standard PDF fonts: embedded by every reader, nothing fetched or shipped. */
export const FONT = { regular: 'Helvetica', bold: 'Helvetica-Bold', italic: 'Helvetica-Oblique' } as const;

/** Text and line colours; `alert` marks what needs action (review due, overdue, not acceptable). */
export const INK = {
  text: '#1a1a1a',
  muted: '#5a5f66',
  rule: '#c9ced6',
  band: '#eef1f5',
  accent: '#1d3557',
  alert: '#b00020',
  white: '#ffffff',
} as const;

/**
 * Six steps from greens to dark red. The fills are light enough for dark text except the last,
 * which takes white text; the label is always printed as well, so colour is never the only cue.
 */
export const RISK_COLOURS: Record<Risk, { fill: string; text: string }> = {
  very_low: { fill: '#66bd63', text: INK.text },
  low: { fill: '#c4e59a', text: INK.text },
  medium: { fill: '#fee08b', text: INK.text },
  high: { fill: '#fdae61', text: INK.text },
  very_high: { fill: '#e4553c', text: INK.text },
  unacceptable: { fill: '#7f0000', text: INK.white },
};

/** Characters the standard fonts can show beyond Latin-1: pdfkit's WinAnsi extras. */
const WIN_ANSI_EXTRAS = new Set(
  '\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178',
);
const REPLACEMENTS: Record<string, string> = {
  '\u2192': '->',
  '\u2190': '<-',
  '\u2264': '<=',
  '\u2265': '>=',
  '\u2212': '-',
  '\u00a0': ' ',
  // Latin letters that have no decomposition into a base letter and an accent.
  '\u0141': 'L',
  '\u0142': 'l',
  '\u0110': 'D',
  '\u0111': 'd',
  '\u0131': 'i',
  '\u0126': 'H',
  '\u0127': 'h',
};

const printable = (c: string) => {
  const code = c.codePointAt(0) ?? 0;
  return (code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRAS.has(c);
};

/**
 * Makes a string printable with the standard (WinAnsi) fonts: pdfkit would otherwise emit garbage
 * for other characters. Accented letters outside Latin-1 lose their accent, anything else becomes
 * "?" – user text in other scripts needs an embedded Unicode font, which these outputs avoid.
 */
export function pdfSafe(value: string): string {
  let out = '';
  for (const c of value.normalize('NFC').replace(/\s+/g, ' ')) {
    if (printable(c)) out += c;
    else if (REPLACEMENTS[c] !== undefined) out += REPLACEMENTS[c];
    else {
      const base = c.normalize('NFD').replace(/\p{M}/gu, '');
      out += base && [...base].every(printable) ? base : '?';
    }
  }
  return out;
}

/** Cuts `value` with an ellipsis so that it fits `width` in the current font and size. */
export function fitText(doc: Doc, value: string, width: number): string {
  const safe = pdfSafe(value).trim();
  if (doc.widthOfString(safe) <= width) return safe;
  const ellipsis = '\u2026';
  let lo = 0;
  let hi = safe.length;
  // Binary search on the prefix length: widths grow with length.
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (doc.widthOfString(safe.slice(0, mid).trimEnd() + ellipsis) <= width) lo = mid;
    else hi = mid - 1;
  }
  return lo === 0 ? '' : safe.slice(0, lo).trimEnd() + ellipsis;
}

/** One line of text at (x, y), cut to `width`; never wraps and never adds a page. */
export function line(
  doc: Doc,
  value: string,
  x: number,
  y: number,
  width: number,
  style: { font?: string; size?: number; color?: string; align?: 'left' | 'right' | 'center' } = {},
): void {
  doc
    .font(style.font ?? FONT.regular)
    .fontSize(style.size ?? 8)
    .fillColor(style.color ?? INK.text);
  doc.text(fitText(doc, value, width), x, y, { width, lineBreak: false, align: style.align ?? 'left' });
}

/** The date part of an ISO date or timestamp. */
export const day = (value: string | null | undefined): string => (value ? value.slice(0, 10) : '');

/** A timestamp as "YYYY-MM-DD HH:MM UTC" – the PDFs do not depend on the server's time zone. */
export const utcStamp = (d: Date): string => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** "armed_conflict" → "Armed conflict". */
export const titleCase = (value: string): string =>
  value ? value.charAt(0).toUpperCase() + value.slice(1).replace(/_/g, ' ') : value;
