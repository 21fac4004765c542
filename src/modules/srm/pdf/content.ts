/**
 * What the SRM PDFs show, chosen and ordered without any drawing so that the summary and the
 * report agree and the choices can be tested on their own.
 */
import { riskRank } from '../rules';
import type { SrmDetail } from '../srm.schema';

/** A risk, a measure and an activity of an SrmDetail. */
export type SrmRisk = SrmDetail['risks'][number];
export type SrmMeasure = SrmRisk['measures'][number];
export type SrmActivity = SrmDetail['activities'][number];

/**
 * A risk with its number: its place in the SRM (1-based). The number stays the same in the
 * summary, the report and the matrix picture, whatever order a table uses.
 */
export interface NumberedRisk {
  no: number;
  risk: SrmRisk;
}

/** An overdue measure with the number and title of the risk it treats. */
export interface OverdueMeasure {
  measure: SrmMeasure;
  riskNo: number;
  riskTitle: string;
}

/** The SRM's risks with their numbers, in SRM order. */
export const numberedRisks = (srm: SrmDetail): NumberedRisk[] =>
  srm.risks.map((risk, i) => ({ no: i + 1, risk }));

/** Highest effective residual first; then highest inherent; then the SRM's own order. */
export function topRisks(srm: SrmDetail): NumberedRisk[] {
  return numberedRisks(srm).sort(
    (a, b) =>
      riskRank(b.risk.effective.level) - riskRank(a.risk.effective.level) ||
      riskRank(b.risk.inherent.level) - riskRank(a.risk.inherent.level) ||
      a.no - b.no,
  );
}

/** Overdue measures, the longest overdue (earliest agreed date) first. */
export function overdueMeasures(srm: SrmDetail): OverdueMeasure[] {
  const rows = numberedRisks(srm).flatMap(({ no, risk }) =>
    risk.measures.filter((m) => m.overdue).map((measure) => ({ measure, riskNo: no, riskTitle: risk.title })),
  );
  return rows.sort(
    (a, b) => (a.measure.agreedDate ?? '').localeCompare(b.measure.agreedDate ?? '') || a.riskNo - b.riskNo,
  );
}

/** Activities whose residual risk is not acceptable for their programme criticality, worst first. */
export function unacceptableActivities(srm: SrmDetail): SrmActivity[] {
  return srm.activities
    .map((activity, i) => ({ activity, i }))
    .filter(({ activity }) => !activity.acceptable)
    .sort((a, b) => riskRank(b.activity.residual.level) - riskRank(a.activity.residual.level) || a.i - b.i)
    .map(({ activity }) => activity);
}

/** "PC2", or "no PC" where none was assessed. */
export const pcText = (pc: number | null): string => (pc === null ? 'no PC' : `PC${pc}`);

/** The override note of a risk: what was computed and why a person decided otherwise. */
export function overrideNote(risk: SrmRisk): string | null {
  if (!risk.override) return null;
  const reason = risk.override.reason.trim() || 'no reason recorded';
  return `override (computed ${risk.residual.label}): ${reason}`;
}

/** SRM status as printed. */
export const STATUS_TEXT: Record<SrmDetail['status'], string> = {
  draft: 'Draft',
  approved: 'Approved',
  endorsed: 'Endorsed',
  superseded: 'Superseded',
};

/** The approval chain in one line: SMT consultation, DO approval, desk endorsement. */
export function approvalText(srm: SrmDetail): string {
  const parts = [
    srm.smtConsultedOn ? `SMT consulted ${srm.smtConsultedOn.slice(0, 10)}` : 'SMT not yet consulted',
    srm.approvedAt ? `approved ${srm.approvedAt.slice(0, 10)}` : 'not approved',
    srm.endorsedAt ? `endorsed ${srm.endorsedAt.slice(0, 10)}` : 'not endorsed',
  ];
  return parts.join(' \u00b7 ');
}

/** "Country – Area" (or the country alone for a country SRM). */
export const placeText = (srm: SrmDetail): string =>
  srm.areaName ? `${srm.countryName} \u2013 ${srm.areaName}` : srm.countryName;

const KIND_TEXT: Record<SrmDetail['kind'], string> = {
  country: 'Country SRM',
  area: 'Area SRM',
  ad_hoc: 'Ad hoc SRM',
};
/** "Area SRM", "Country SRM" or "Ad hoc SRM". */
export const kindText = (srm: SrmDetail): string => KIND_TEXT[srm.kind];

/** The PDF's Title metadata: the SRM title and its area, unless the title names the area already. */
export function documentTitle(srm: SrmDetail): string {
  const area = srm.areaName ?? srm.countryName;
  return srm.title.toLowerCase().includes(area.toLowerCase()) ? srm.title : `${srm.title} \u2013 ${area}`;
}
