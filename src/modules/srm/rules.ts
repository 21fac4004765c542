/**
 * Security risk management: pure rules (DOMAIN.md §4–5). The risk matrix is configuration data;
 * residual risk counts implemented measures only, because measures "listed as approved … not as
 * implemented" gave "an incorrect view of the actual risk level"; acceptable risk follows the
 * programme criticality table.
 */

export const LIKELIHOODS = [
  'very_unlikely',
  'unlikely',
  'moderately_likely',
  'likely',
  'very_likely',
] as const;
export type Likelihood = (typeof LIKELIHOODS)[number];
export const IMPACTS = ['negligible', 'minor', 'moderate', 'severe', 'critical'] as const;
export type Impact = (typeof IMPACTS)[number];
export const RISKS = ['very_low', 'low', 'medium', 'high', 'very_high', 'unacceptable'] as const;
export type Risk = (typeof RISKS)[number];

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
export const RISK_LABELS: Record<Risk, string> = {
  very_low: 'Very low',
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  very_high: 'Very high',
  unacceptable: 'Unacceptable',
};

/** matrix[likelihood][impact] = risk. */
export type RiskMatrix = Record<Likelihood, Record<Impact, Risk>>;

/** The default matrix of DOMAIN.md §4. */
export const DEFAULT_MATRIX: RiskMatrix = {
  very_likely: {
    negligible: 'low',
    minor: 'medium',
    moderate: 'high',
    severe: 'very_high',
    critical: 'unacceptable',
  },
  likely: { negligible: 'low', minor: 'medium', moderate: 'high', severe: 'high', critical: 'very_high' },
  moderately_likely: {
    negligible: 'very_low',
    minor: 'low',
    moderate: 'medium',
    severe: 'high',
    critical: 'high',
  },
  unlikely: { negligible: 'very_low', minor: 'low', moderate: 'low', severe: 'medium', critical: 'medium' },
  very_unlikely: {
    negligible: 'very_low',
    minor: 'very_low',
    moderate: 'very_low',
    severe: 'low',
    critical: 'low',
  },
};

export const riskRank = (r: Risk) => RISKS.indexOf(r);
export const likelihoodRank = (l: Likelihood) => LIKELIHOODS.indexOf(l);
export const impactRank = (i: Impact) => IMPACTS.indexOf(i);

export interface MatrixProblem {
  field: string;
  message: string;
}

/**
 * A matrix is valid when every cell is present with a known level and risk never falls as
 * likelihood or impact rises. Monotonicity is what guarantees that measures never raise risk.
 */
export function validateMatrix(
  value: unknown,
): { ok: true; matrix: RiskMatrix } | { ok: false; errors: MatrixProblem[] } {
  const errors: MatrixProblem[] = [];
  const m = value as Record<string, Record<string, unknown>> | null;
  if (!m || typeof m !== 'object')
    return { ok: false, errors: [{ field: 'matrix', message: 'must be an object' }] };
  for (const key of Object.keys(m)) {
    if (!LIKELIHOODS.includes(key as Likelihood))
      errors.push({ field: `matrix.${key}`, message: 'unknown likelihood' });
  }
  for (const l of LIKELIHOODS) {
    const row = m[l];
    if (!row || typeof row !== 'object') {
      errors.push({ field: `matrix.${l}`, message: 'missing row' });
      continue;
    }
    for (const key of Object.keys(row)) {
      if (!IMPACTS.includes(key as Impact))
        errors.push({ field: `matrix.${l}.${key}`, message: 'unknown impact' });
    }
    for (const i of IMPACTS) {
      const cell = row[i];
      if (cell === undefined) errors.push({ field: `matrix.${l}.${i}`, message: 'missing cell' });
      else if (!RISKS.includes(cell as Risk))
        errors.push({ field: `matrix.${l}.${i}`, message: `unknown risk level "${String(cell)}"` });
    }
  }
  if (errors.length) return { ok: false, errors };
  const matrix = m as unknown as RiskMatrix;
  for (let li = 0; li < LIKELIHOODS.length; li++) {
    for (let ii = 0; ii < IMPACTS.length; ii++) {
      const here = riskRank(matrix[LIKELIHOODS[li]!][IMPACTS[ii]!]);
      if (li > 0 && here < riskRank(matrix[LIKELIHOODS[li - 1]!][IMPACTS[ii]!])) {
        errors.push({
          field: `matrix.${LIKELIHOODS[li]}.${IMPACTS[ii]}`,
          message: 'lower than the cell of the less likely row',
        });
      }
      if (ii > 0 && here < riskRank(matrix[LIKELIHOODS[li]!][IMPACTS[ii - 1]!])) {
        errors.push({
          field: `matrix.${LIKELIHOODS[li]}.${IMPACTS[ii]}`,
          message: 'lower than the cell of the smaller impact',
        });
      }
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, matrix };
}

export function riskOf(matrix: RiskMatrix, likelihood: Likelihood, impact: Impact): Risk {
  return matrix[likelihood][impact];
}

export const MEASURE_STATUSES = ['proposed', 'approved', 'implemented', 'verified', 'rejected'] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];

export interface MeasureEffect {
  /** Prevention lowers likelihood; mitigation lowers impact. */
  kind: 'prevention' | 'mitigation';
  /** How many steps of the scale the measure is judged to remove (0–2). */
  steps: number;
  status: MeasureStatus;
}

/** Only measures actually in place reduce risk. */
export const counts = (status: MeasureStatus) => status === 'implemented' || status === 'verified';
/** What the risk would be if everything approved were in place too. */
export const countsIfApprovedDone = (status: MeasureStatus) => counts(status) || status === 'approved';

export interface RiskPosition {
  likelihood: Likelihood;
  impact: Impact;
  risk: Risk;
}

/**
 * Residual likelihood and impact after the measures that `include` accepts, each lowering its
 * scale by its steps; the scales stop at their lowest value.
 */
export function residual(
  matrix: RiskMatrix,
  inherent: { likelihood: Likelihood; impact: Impact },
  measures: readonly MeasureEffect[],
  include: (status: MeasureStatus) => boolean = counts,
): RiskPosition {
  const down = (kind: MeasureEffect['kind']) =>
    measures
      .filter((m) => m.kind === kind && include(m.status))
      .reduce((n, m) => n + Math.max(0, m.steps), 0);
  const likelihood = LIKELIHOODS[Math.max(0, likelihoodRank(inherent.likelihood) - down('prevention'))]!;
  const impact = IMPACTS[Math.max(0, impactRank(inherent.impact) - down('mitigation'))]!;
  return { likelihood, impact, risk: riskOf(matrix, likelihood, impact) };
}

/** Measure lifecycle: proposed → approved (by the DO) → implemented (evidence, date) → verified. */
export function nextMeasureStatus(
  status: MeasureStatus,
  action: 'approve' | 'reject' | 'implement' | 'verify',
): MeasureStatus | null {
  if (action === 'approve') return status === 'proposed' ? 'approved' : null;
  if (action === 'reject') return status === 'proposed' || status === 'approved' ? 'rejected' : null;
  if (action === 'implement') return status === 'approved' ? 'implemented' : null;
  return status === 'implemented' ? 'verified' : null;
}

/** An approved measure whose agreed date has passed without implementation (dates YYYY-MM-DD). */
export function isOverdueMeasure(
  m: { status: MeasureStatus; agreedDate: string | null },
  today: string,
): boolean {
  return m.status === 'approved' && m.agreedDate !== null && m.agreedDate < today;
}

export const PC_LEVELS = [1, 2, 3, 4] as const;
export type PcLevel = (typeof PC_LEVELS)[number];

/** Programme criticality is mandatory where residual risk is High or Very High. */
export const pcRequired = (risk: Risk) => risk === 'high' || risk === 'very_high';

export interface Acceptability {
  acceptable: boolean;
  /** Why, in words a decision-maker can act on. */
  reason: string;
  /** What would make the activity acceptable, when it is not. */
  remedy: string | null;
  executiveHeadApprovalNeeded: boolean;
}

/**
 * The acceptable-risk table: Low/Very low – any PC; Medium – PC1–3; High – PC1–2; Very high –
 * PC1 only, with the Executive Head's approval; Unacceptable – never.
 */
export function acceptability(risk: Risk, pc: PcLevel | null, executiveHeadApproved: boolean): Acceptability {
  const no = (reason: string, remedy: string | null, eh = false): Acceptability => ({
    acceptable: false,
    reason,
    remedy,
    executiveHeadApprovalNeeded: eh,
  });
  const yes = (reason: string, eh = false): Acceptability => ({
    acceptable: true,
    reason,
    remedy: null,
    executiveHeadApprovalNeeded: eh,
  });
  if (risk === 'unacceptable')
    return no(
      'Unacceptable risk is never accepted',
      'Lower the residual risk with measures, or avoid (alternate work modalities, relocation, evacuation)',
    );
  if (risk === 'very_low' || risk === 'low')
    return yes(`${RISK_LABELS[risk]} risk is acceptable for any programme criticality`);
  if (pc === null) {
    return no(
      `${RISK_LABELS[risk]} residual risk needs a programme criticality assessment`,
      'Assess the programme criticality (PC1–PC4) of the activity',
    );
  }
  if (risk === 'medium') {
    return pc <= 3
      ? yes(`Medium risk is acceptable for PC${pc}`)
      : no(
          'Medium risk is acceptable for PC1–PC3 only',
          'Lower the residual risk to Low, or re-assess the activity as PC3 or higher',
        );
  }
  if (risk === 'high') {
    return pc <= 2
      ? yes(`High risk is acceptable for PC${pc}`)
      : no(
          'High risk is acceptable for PC1–PC2 only',
          'Lower the residual risk to Medium or below with implemented measures',
        );
  }
  if (pc !== 1)
    return no(
      'Very high risk is acceptable for PC1 only',
      'Lower the residual risk to High or below with implemented measures',
    );
  return executiveHeadApproved
    ? yes("Very high risk for PC1, with the Executive Head's approval", true)
    : no(
        "Very high risk for PC1 needs the Executive Head's approval",
        "Record the Executive Head's approval",
        true,
      );
}
