/**
 * The tables both SRM PDFs print – top risks, overdue measures, activities not acceptable – and
 * the section titles above them. The summary cuts them to its row budget; the report prints all.
 */
import { RISK_LABELS, type Risk } from '../rules';
import {
  type NumberedRisk,
  type OverdueMeasure,
  overrideNote,
  pcText,
  type SrmActivity,
  type SrmRisk,
} from './content';
import { type Doc, FONT, INK, line, titleCase } from './style';
import type { Cell, Column, Cursor } from './table';

const DAY_MS = 86_400_000;

/** A risk level as a table cell: colour chip and label. */
export const levelCell = (
  value: { level: SrmRisk['effective']['level']; label: string },
  bold = false,
): Cell => ({
  text: value.label,
  level: value.level,
  bold,
});

/** Top risks: number, title, inherent, residual (effective, override flagged), expected, note. */
export function topRiskColumns(noteLimit: number | null): Column<NumberedRisk>[] {
  return [
    { header: '#', width: 18, cell: (r) => ({ text: String(r.no), bold: true }) },
    { header: 'Risk', width: 0, cell: (r) => r.risk.title },
    { header: 'Inherent', width: 64, cell: (r) => levelCell(r.risk.inherent) },
    {
      header: 'Residual',
      width: 70,
      cell: (r) => ({
        ...levelCell(r.risk.effective, true),
        text: `${r.risk.effective.label}${r.risk.override ? '*' : ''}`,
      }),
    },
    { header: 'Expected', width: 64, cell: (r) => levelCell(r.risk.expected) },
    {
      header: 'Note',
      width: 150,
      cell: (r) => {
        const note = overrideNote(r.risk);
        if (!note) return '';
        return {
          text:
            noteLimit && note.length > noteLimit ? `${note.slice(0, noteLimit - 1).trimEnd()}\u2026` : note,
          color: INK.alert,
        };
      },
    },
  ];
}

/** Whole days between an agreed date and the generation time. */
export function daysLate(agreedDate: string | null, at: Date): string {
  if (!agreedDate) return '';
  const days = Math.floor((at.getTime() - Date.parse(`${agreedDate.slice(0, 10)}T00:00:00Z`)) / DAY_MS);
  return days > 0 ? `${days} d` : '';
}

/** Overdue measures: title, the risk it treats, agreed date, days late, owner. */
export function overdueColumns(generatedAt: Date): Column<OverdueMeasure>[] {
  return [
    {
      header: 'Measure',
      width: 0,
      cell: (o) => `${o.measure.title}${o.measure.mandatory ? ' (mandatory)' : ''}`,
    },
    { header: 'Risk', width: 160, cell: (o) => `${o.riskNo}. ${o.riskTitle}` },
    { header: 'Agreed date', width: 56, cell: (o) => o.measure.agreedDate?.slice(0, 10) ?? '' },
    {
      header: 'Late',
      width: 38,
      align: 'right',
      cell: (o) => ({ text: daysLate(o.measure.agreedDate, generatedAt), color: INK.alert }),
    },
    { header: 'Owner', width: 56, cell: (o) => o.measure.ownerOrganizationCode ?? 'unassigned' },
  ];
}

/** Activities not acceptable: title, organization, PC, residual and what would make them acceptable. */
export function unacceptableColumns(): Column<SrmActivity>[] {
  return [
    { header: 'Activity', width: 0, cell: (a) => a.title },
    { header: 'Agency', width: 48, cell: (a) => a.organizationCode },
    { header: 'PC', width: 34, cell: (a) => pcText(a.pcLevel) },
    { header: 'Residual', width: 70, cell: (a) => levelCell(a.residual, true) },
    { header: 'Remedy', width: 200, cell: (a) => a.remedy ?? a.reason },
  ];
}

/** Every activity with the acceptability decision and its reason (report). */
export function activityColumns(): Column<SrmActivity>[] {
  return [
    { header: 'Activity', width: 0, cell: (a) => a.title },
    { header: 'Agency', width: 44, cell: (a) => a.organizationCode },
    {
      header: 'Period',
      width: 56,
      cell: (a) => `${a.periodStart.slice(0, 10)} to ${a.periodEnd.slice(0, 10)}`,
    },
    { header: 'PC', width: 30, cell: (a) => pcText(a.pcLevel) },
    { header: 'Residual', width: 62, cell: (a) => levelCell(a.residual) },
    {
      header: 'Decision',
      width: 62,
      cell: (a) =>
        a.acceptable
          ? { text: 'Acceptable', bold: true }
          : { text: 'NOT acceptable', bold: true, color: INK.alert },
    },
    { header: 'Reason', width: 150, cell: activityReason },
  ];
}

function activityReason(a: SrmActivity): string {
  const parts = [a.reason];
  if (a.remedy) parts.push(`Remedy: ${a.remedy}`);
  const eh = a.executiveHeadApproval;
  if (eh)
    parts.push(`Executive Head approval: ${eh.by}, ${eh.on.slice(0, 10)}${eh.note ? ` (${eh.note})` : ''}`);
  return parts.join('. ');
}

/** Every measure of a risk (report); evidence goes under the row. */
export function measureColumns(): Column<SrmRisk['measures'][number]>[] {
  return [
    { header: 'Measure', width: 0, cell: (m) => m.title },
    { header: 'Kind', width: 46, cell: (m) => titleCase(m.kind) },
    { header: 'Type', width: 54, cell: (m) => (m.mandatory ? 'Mandatory' : 'Recommended') },
    {
      header: 'Status',
      width: 78,
      cell: (m) =>
        m.overdue
          ? { text: `${titleCase(m.status)}, OVERDUE`, color: INK.alert, bold: true }
          : titleCase(m.status),
    },
    { header: 'Agreed', width: 48, cell: (m) => m.agreedDate?.slice(0, 10) ?? '' },
    { header: 'Implemented', width: 54, cell: (m) => m.implementedOn?.slice(0, 10) ?? '' },
    { header: 'Owner', width: 40, cell: (m) => m.ownerOrganizationCode ?? '' },
    {
      header: 'Cost',
      width: 44,
      align: 'right',
      cell: (m) => (m.costUsd === null ? '' : usdShort(m.costUsd)),
    },
    {
      header: 'Eff.',
      width: 26,
      align: 'right',
      cell: (m) => (m.effectiveness === null ? '' : `${m.effectiveness}/5`),
    },
  ];
}

const usdShort = (value: number) => `$${Math.round(value).toLocaleString('en-US')}`;

/** A section title with an optional note in smaller type to its right. */
export function drawSectionTitle(
  doc: Doc,
  cursor: Cursor,
  x: number,
  width: number,
  title: string,
  note = '',
): void {
  doc.font(FONT.bold).fontSize(9.5);
  const w = Math.min(width, doc.widthOfString(title) + 8);
  line(doc, title, x, cursor.y, w, { font: FONT.bold, size: 9.5, color: INK.accent });
  if (note) line(doc, note, x + w, cursor.y + 2, width - w, { size: 6.8, color: INK.muted });
  cursor.y += 14;
}

/** The acceptable-risk table of DOMAIN.md §5 as a key beside the matrix; returns the height used. */
export function drawAcceptableRiskKey(doc: Doc, x: number, y: number, width: number): number {
  line(doc, 'Acceptable residual risk', x, y, width, { font: FONT.bold, size: 8, color: INK.accent });
  const rows: [Risk, string][] = [
    ['unacceptable', 'never'],
    ['very_high', 'PC1 + Executive Head'],
    ['high', 'PC1\u2013PC2'],
    ['medium', 'PC1\u2013PC3'],
    ['low', 'any PC'],
    ['very_low', 'any PC'],
  ];
  let at = y + 13;
  for (const [level, text] of rows) {
    line(doc, RISK_LABELS[level], x, at, 52, { font: FONT.bold, size: 6.8 });
    line(doc, text, x + 54, at, width - 54, { size: 6.8 });
    at += 10.5;
  }
  return at - y;
}
