/**
 * Types of the security risk management API (src/modules/srm/srm.schema.ts and srm.routes.ts).
 * Kept apart from types.ts so that only the SRM chunks carry them.
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
export type RiskLevel = (typeof RISKS)[number];
export const RISK_CATEGORIES = ['armed_conflict', 'terrorism', 'crime', 'civil_unrest', 'hazards'] as const;
export type RiskCategory = (typeof RISK_CATEGORIES)[number];
export const STRATEGIES = ['accept', 'control', 'avoid', 'transfer'] as const;
export type Strategy = (typeof STRATEGIES)[number];
export const MEASURE_STATUSES = ['proposed', 'approved', 'implemented', 'verified', 'rejected'] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];
export const MEASURE_KINDS = ['prevention', 'mitigation'] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];
export type SrmStatus = 'draft' | 'approved' | 'endorsed' | 'superseded';
export type SrmKind = 'country' | 'area' | 'ad_hoc';
export type SrmAction = 'approve' | 'endorse' | 'return';
export type MeasureAction = 'approve' | 'reject' | 'implement' | 'verify';
export const SELF_ANSWERS = ['in_place', 'partly', 'not_in_place'] as const;
export type SelfAnswer = (typeof SELF_ANSWERS)[number];

/** matrix[likelihood][impact] = risk; configuration data, versioned on the server. */
export type RiskMatrix = Record<Likelihood, Record<Impact, RiskLevel>>;

export interface LevelOf {
  level: RiskLevel;
  label: string;
}

export interface Measure {
  id: string;
  riskId: string;
  title: string;
  libraryCode: string | null;
  kind: MeasureKind;
  mandatory: boolean;
  /** Steps of the likelihood (prevention) or impact (mitigation) scale it removes, 0–2. */
  steps: number;
  ownerOrganizationCode: string | null;
  costUsd: number | null;
  effectiveness: number | null;
  agreedDate: string | null;
  status: MeasureStatus;
  overdue: boolean;
  implementedOn: string | null;
  evidence: string | null;
  lastSelfAssessment: { answer: string; note: string; at: string } | null;
  version: number;
}

export interface Risk {
  id: string;
  title: string;
  category: RiskCategory;
  exposed: string;
  likelihood: Likelihood;
  impact: Impact;
  strategy: Strategy;
  inherent: LevelOf;
  /** From implemented (and verified) measures only. */
  residual: LevelOf;
  /** If every approved measure were implemented too. */
  expected: LevelOf;
  override: (LevelOf & { reason: string; by: string | null; at: string }) | null;
  /** The residual risk that counts: the override when there is one. */
  effective: LevelOf;
  measures: Measure[];
  version: number;
}

export interface Activity {
  id: string;
  title: string;
  organizationCode: string;
  pcLevel: number | null;
  periodStart: string;
  periodEnd: string;
  residual: LevelOf;
  acceptable: boolean;
  reason: string;
  remedy: string | null;
  executiveHeadApproval: { by: string; on: string; note: string } | null;
  version: number;
}

export interface Srm {
  id: string;
  kind: SrmKind;
  title: string;
  countryCode: string;
  countryName: string;
  areaId: string | null;
  areaCode: string | null;
  areaName: string | null;
  organizationCode: string | null;
  periodStart: string;
  periodEnd: string;
  status: SrmStatus;
  threatAssessmentId: string | null;
  matrixNumber: number;
  review: { due: boolean; dueDate: string; reasons: string[] };
  smtConsultedOn: string | null;
  smtNote: string;
  approvedAt: string | null;
  endorsedAt: string | null;
  summary: {
    risks: number;
    byResidual: Record<RiskLevel, number>;
    highestResidual: LevelOf | null;
    measures: number;
    implementedMeasures: number;
    overdueMeasures: number;
    unacceptableActivities: number;
  };
  version: number;
}

export interface SrmDetail extends Srm {
  matrix: RiskMatrix;
  risks: Risk[];
  activities: Activity[];
}

export interface DashboardRow {
  srmId: string;
  title: string;
  kind: SrmKind;
  status: SrmStatus;
  countryCode: string;
  countryName: string;
  region: string;
  areaCode: string | null;
  areaName: string | null;
  risks: number;
  byResidual: Record<RiskLevel, number>;
  highestResidual: RiskLevel | null;
  measures: number;
  measuresInPlace: number;
  overdueMeasures: number;
  /** The annual review date (YYYY-MM-DD). */
  reviewDue: string;
}

export interface LibraryMeasure {
  code: string;
  title: string;
  kind: MeasureKind;
  category: string;
  description: string;
}

export interface FoundMeasure extends Measure {
  riskTitle: string;
  /** The risk's category (armed_conflict … hazards). */
  category: string;
  srmId: string;
  srmTitle: string;
  countryCode: string;
  areaCode: string | null;
}

export interface RiskInput {
  title: string;
  category: RiskCategory;
  exposed: string;
  likelihood: Likelihood;
  impact: Impact;
  strategy: Strategy;
}

export interface MeasureInput {
  title?: string;
  libraryCode?: string;
  kind?: MeasureKind;
  mandatory: boolean;
  steps: number;
  ownerOrganizationCode?: string;
  costUsd?: number;
  agreedDate?: string;
}
