import {
  acceptability,
  counts,
  countsIfApprovedDone,
  isOverdueMeasure,
  type MeasureStatus,
  type PcLevel,
  RISK_LABELS,
  RISKS,
  type Risk as RiskLevel,
  type RiskMatrix,
  residual,
  riskOf,
  riskRank,
} from './rules';
import type { ActivityRow, MeasureRow, RiskRow, SrmRow } from './srm.repository';
import type { Measure, Risk, Srm, SrmDetail } from './srm.schema';

const level = (r: RiskLevel) => ({ level: r, label: RISK_LABELS[r] });

export function presentMeasure(m: MeasureRow, today: string): Measure {
  const last = m.last_self_assessment as unknown as { answer: string; note: string; at: string } | null;
  return {
    id: m.id,
    riskId: m.risk_id,
    title: m.title,
    libraryCode: m.library_code,
    kind: m.kind,
    mandatory: m.mandatory,
    steps: m.steps,
    ownerOrganizationCode: m.owner_org_code,
    costUsd: m.cost_cents === null ? null : m.cost_cents / 100,
    effectiveness: m.effectiveness,
    agreedDate: m.agreed_date,
    status: m.status,
    overdue: isOverdueMeasure({ status: m.status, agreedDate: m.agreed_date }, today),
    implementedOn: m.implemented_on,
    evidence: m.evidence,
    lastSelfAssessment: last
      ? { answer: last.answer, note: last.note, at: new Date(last.at).toISOString() }
      : null,
    version: m.version,
  };
}

/** Inherent, residual (implemented measures only) and expected (approved too) positions of a risk. */
export function computeRisk(
  matrix: RiskMatrix,
  r: Pick<RiskRow, 'likelihood' | 'impact'>,
  measures: { kind: 'prevention' | 'mitigation'; steps: number; status: MeasureStatus }[],
) {
  const inherent = {
    likelihood: r.likelihood as keyof RiskMatrix,
    impact: r.impact as keyof RiskMatrix['likely'],
  };
  return {
    inherent: riskOf(matrix, inherent.likelihood, inherent.impact),
    residual: residual(matrix, inherent, measures, counts).risk,
    expected: residual(matrix, inherent, measures, countsIfApprovedDone).risk,
  };
}

export function presentRisk(r: RiskRow, measures: MeasureRow[], today: string): Risk {
  const mine = measures.filter((m) => m.risk_id === r.id);
  const override = r.override_risk
    ? {
        ...level(r.override_risk as RiskLevel),
        reason: r.override_reason ?? '',
        by: r.overridden_by,
        at: r.overridden_at?.toISOString() ?? '',
      }
    : null;
  return {
    id: r.id,
    title: r.title,
    category: r.category as Risk['category'],
    exposed: r.exposed,
    likelihood: r.likelihood as Risk['likelihood'],
    impact: r.impact as Risk['impact'],
    strategy: r.strategy,
    inherent: level(r.inherent_risk as RiskLevel),
    residual: level(r.residual_risk as RiskLevel),
    expected: level(r.expected_risk as RiskLevel),
    override,
    effective: level((r.override_risk ?? r.residual_risk) as RiskLevel),
    measures: mine.map((m) => presentMeasure(m, today)),
    version: r.version,
  };
}

export interface ReviewState {
  due: boolean;
  dueDate: string;
  reasons: string[];
}

export function presentSrm(
  s: SrmRow,
  risks: Risk[],
  activities: ActivityRow[],
  review: ReviewState,
): Srm & { activities: SrmDetail['activities'] } {
  const byResidual = Object.fromEntries(RISKS.map((r) => [r, 0])) as Record<RiskLevel, number>;
  for (const r of risks) byResidual[r.effective.level]++;
  const highest = risks.reduce<RiskLevel | null>(
    (top, r) => (top === null || riskRank(r.effective.level) > riskRank(top) ? r.effective.level : top),
    null,
  );
  const measures = risks.flatMap((r) => r.measures);
  // The residual risk of the place: the highest residual risk of the SRM.
  const placeRisk: RiskLevel = highest ?? 'very_low';
  const presentedActivities = activities.map((a) => {
    const decision = acceptability(placeRisk, a.pc_level as PcLevel | null, a.eh_approved_by !== null);
    return {
      id: a.id,
      title: a.title,
      organizationCode: a.organization_code,
      pcLevel: a.pc_level,
      periodStart: a.period_start,
      periodEnd: a.period_end,
      residual: level(placeRisk),
      acceptable: decision.acceptable,
      reason: decision.reason,
      remedy: decision.remedy,
      executiveHeadApproval: a.eh_approved_by
        ? { by: a.eh_approved_by, on: a.eh_approved_on ?? '', note: a.eh_note ?? '' }
        : null,
      version: a.version,
    };
  });
  return {
    id: s.id,
    kind: s.kind,
    title: s.title,
    countryCode: s.country_code,
    countryName: s.country_name,
    areaId: s.area_id,
    areaCode: s.area_code,
    areaName: s.area_name,
    organizationCode: s.organization_code,
    periodStart: s.period_start,
    periodEnd: s.period_end,
    status: s.status,
    threatAssessmentId: s.threat_assessment_id,
    matrixNumber: s.matrix_number,
    review,
    smtConsultedOn: s.smt_consulted_on,
    smtNote: s.smt_note,
    approvedAt: s.approved_at?.toISOString() ?? null,
    endorsedAt: s.endorsed_at?.toISOString() ?? null,
    summary: {
      risks: risks.length,
      byResidual,
      highestResidual: highest ? level(highest) : null,
      measures: measures.length,
      implementedMeasures: measures.filter((m) => counts(m.status)).length,
      overdueMeasures: measures.filter((m) => m.overdue).length,
      unacceptableActivities: presentedActivities.filter((a) => !a.acceptable).length,
    },
    version: s.version,
    activities: presentedActivities,
  };
}

/**
 * An SRM's summary from aggregated counts (lists): the same figures `presentSrm` derives from the
 * full risks, without loading them.
 */
export function summarizeSrm(
  s: SrmRow,
  residualCounts: Map<string, number>,
  measures: { total: number; inPlace: number; overdue: number },
  activities: ActivityRow[],
  review: ReviewState,
): Srm {
  const byResidual = Object.fromEntries(RISKS.map((r) => [r, residualCounts.get(r) ?? 0])) as Record<
    RiskLevel,
    number
  >;
  const highest = [...RISKS].reverse().find((r) => byResidual[r] > 0) ?? null;
  const placeRisk: RiskLevel = highest ?? 'very_low';
  const unacceptable = activities.filter(
    (a) => !acceptability(placeRisk, a.pc_level as PcLevel | null, a.eh_approved_by !== null).acceptable,
  ).length;
  const { activities: _a, ...base } = presentSrm(s, [], [], review);
  return {
    ...base,
    summary: {
      risks: RISKS.reduce((n, r) => n + byResidual[r], 0),
      byResidual,
      highestResidual: highest ? level(highest) : null,
      measures: measures.total,
      implementedMeasures: measures.inPlace,
      overdueMeasures: measures.overdue,
      unacceptableActivities: unacceptable,
    },
  };
}
