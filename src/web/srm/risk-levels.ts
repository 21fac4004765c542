import {
  IMPACTS,
  type Impact,
  LIKELIHOODS,
  type Likelihood,
  type Measure,
  type MeasureStatus,
  RISKS,
  type RiskCategory,
  type RiskLevel,
  type RiskMatrix,
  type SrmStatus,
  type Strategy,
} from '../api/srm-types';

export const RISK_LABELS: Record<RiskLevel, string> = {
  very_low: 'Very low',
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  very_high: 'Very high',
  unacceptable: 'Unacceptable',
};

/**
 * The six risk levels, coloured the way the advisory levels are: lightness falls steadily from
 * Very low to Unacceptable (85, 64, 48, 28, 10, 2 % relative luminance) so the order survives
 * greyscale printing and most colour-vision deficiencies, and each text colour has at least 4.5:1
 * contrast. Green for "very low" follows the risk matrices SRM practitioners know. Colour is
 * never the only cue: the level's name is printed beside or inside it everywhere.
 */
export const RISK_COLORS: Record<RiskLevel, { fill: string; text: string }> = {
  very_low: { fill: '#e3f3d7', text: '#1b2430' },
  low: { fill: '#f0d04e', text: '#1b2430' },
  medium: { fill: '#f4a93b', text: '#1b2430' },
  high: { fill: '#e46f1f', text: '#1b2430' },
  very_high: { fill: '#a82a18', text: '#ffffff' },
  unacceptable: { fill: '#4f0912', text: '#ffffff' },
};

export const riskStyle = (level: RiskLevel) => ({
  backgroundColor: RISK_COLORS[level].fill,
  color: RISK_COLORS[level].text,
});

export const riskRank = (level: RiskLevel) => RISKS.indexOf(level);

export const LIKELIHOOD_LABELS: Record<Likelihood, string> = {
  very_unlikely: 'Very unlikely',
  unlikely: 'Unlikely',
  moderately_likely: 'Moderately likely',
  likely: 'Likely',
  very_likely: 'Very likely',
};

export const IMPACT_LABELS: Record<Impact, string> = {
  negligible: 'Negligible',
  minor: 'Minor',
  moderate: 'Moderate',
  severe: 'Severe',
  critical: 'Critical',
};

export const CATEGORY_LABELS: Record<RiskCategory, string> = {
  armed_conflict: 'Armed conflict',
  terrorism: 'Terrorism',
  crime: 'Crime',
  civil_unrest: 'Civil unrest',
  hazards: 'Hazards',
};

export const categoryLabel = (c: string) => CATEGORY_LABELS[c as RiskCategory] ?? c.replaceAll('_', ' ');

export const STRATEGY_LABELS: Record<Strategy, string> = {
  accept: 'Accept',
  control: 'Control',
  avoid: 'Avoid',
  transfer: 'Transfer',
};

export const MEASURE_STATUS_LABELS: Record<MeasureStatus, string> = {
  proposed: 'Proposed',
  approved: 'Approved',
  implemented: 'Implemented',
  verified: 'Verified',
  rejected: 'Rejected',
};

export const SRM_STATUS_LABELS: Record<SrmStatus, string> = {
  draft: 'Draft',
  approved: 'Approved',
  endorsed: 'Endorsed',
  superseded: 'Superseded',
};

/** The dashboard sends an SRM's status as a plain string; an unknown one is shown as it is. */
export const srmStatusLabel = (s: string) => SRM_STATUS_LABELS[s as SrmStatus] ?? s;

/** Only measures in place lower risk (the server's rule; DOMAIN.md §4). */
export const inPlace = (status: MeasureStatus) => status === 'implemented' || status === 'verified';

export interface Position {
  likelihood: Likelihood;
  impact: Impact;
}

/**
 * Where a risk sits after the measures `include` accepts: prevention lowers likelihood and
 * mitigation lowers impact by each measure's steps, stopping at the lowest value. The server
 * reports only the residual level, not its cell; the matrix needs the cell, so the rule is
 * repeated here (src/modules/srm/rules.ts `residual`) and the screen checks the level agrees.
 */
export function positionAfter(
  start: Position,
  measures: readonly Pick<Measure, 'kind' | 'steps' | 'status'>[],
  include: (status: MeasureStatus) => boolean = inPlace,
): Position {
  const down = (kind: Measure['kind']) =>
    measures
      .filter((m) => m.kind === kind && include(m.status))
      .reduce((n, m) => n + Math.max(0, m.steps), 0);
  return {
    likelihood:
      LIKELIHOODS[Math.max(0, LIKELIHOODS.indexOf(start.likelihood) - down('prevention'))] ??
      start.likelihood,
    impact: IMPACTS[Math.max(0, IMPACTS.indexOf(start.impact) - down('mitigation'))] ?? start.impact,
  };
}

const isRiskLevel = (value: unknown): value is RiskLevel => RISKS.some((r) => r === value);

/**
 * The level in a cell of the matrix. The API sends the matrix as a plain map of strings (its
 * schema does not name the levels), so a cell that is not a known level reads as undefined.
 */
export function riskAt(matrix: RiskMatrix, p: Position): RiskLevel | undefined {
  const level = matrix[p.likelihood]?.[p.impact];
  return isRiskLevel(level) ? level : undefined;
}

export const riskOptions = RISKS.map((r) => ({ value: r, label: RISK_LABELS[r] }));

/** "US$ 84,500" without cents: costs are estimates. */
export function formatUsd(value: number | null): string {
  if (value === null) return '—';
  return `US$ ${value.toLocaleString(undefined, { maximumFractionDigits: 0 })}`;
}
