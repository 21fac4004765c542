/**
 * Types of the security risk management API, inferred from the server's schemas
 * (src/modules/srm/srm.schema.ts) with type-only imports, as in types.ts. Kept apart from types.ts
 * so that only the SRM chunks carry them.
 */

import type { z } from 'zod';
import type * as rules from '../../modules/srm/rules';
import type * as s from '../../modules/srm/srm.schema';
import type * as service from '../../modules/srm/srm.service';
import type { EveryOf } from './every';

export type Likelihood = rules.Likelihood;
const likelihoods = ['very_unlikely', 'unlikely', 'moderately_likely', 'likely', 'very_likely'] as const;
export const LIKELIHOODS: EveryOf<Likelihood, typeof likelihoods> = likelihoods;
export type Impact = rules.Impact;
const impacts = ['negligible', 'minor', 'moderate', 'severe', 'critical'] as const;
export const IMPACTS: EveryOf<Impact, typeof impacts> = impacts;
export type RiskLevel = rules.Risk;
const risks = ['very_low', 'low', 'medium', 'high', 'very_high', 'unacceptable'] as const;
export const RISKS: EveryOf<RiskLevel, typeof risks> = risks;
export type RiskCategory = (typeof s.RISK_CATEGORIES)[number];
const riskCategories = ['armed_conflict', 'terrorism', 'crime', 'civil_unrest', 'hazards'] as const;
export const RISK_CATEGORIES: EveryOf<RiskCategory, typeof riskCategories> = riskCategories;
export type Strategy = (typeof s.STRATEGIES)[number];
const strategies = ['accept', 'control', 'avoid', 'transfer'] as const;
export const STRATEGIES: EveryOf<Strategy, typeof strategies> = strategies;
export type MeasureStatus = rules.MeasureStatus;
const measureStatuses = ['proposed', 'approved', 'implemented', 'verified', 'rejected'] as const;
export const MEASURE_STATUSES: EveryOf<MeasureStatus, typeof measureStatuses> = measureStatuses;

export type Srm = z.infer<typeof s.srm>;
export type SrmDetail = z.infer<typeof s.srmDetail>;
export type SrmStatus = (typeof s.SRM_STATUSES)[number];
export type SrmKind = Srm['kind'];
export type Risk = z.infer<typeof s.risk>;
export type Measure = z.infer<typeof s.measure>;
export type MeasureKind = Measure['kind'];
const measureKinds = ['prevention', 'mitigation'] as const;
export const MEASURE_KINDS: EveryOf<MeasureKind, typeof measureKinds> = measureKinds;
export type Activity = z.infer<typeof s.activity>;
/** A risk level with its label, e.g. the inherent, residual or expected risk. */
export type LevelOf = Risk['inherent'];

/** The actions of POST /srm/:id/:action and /srm/measures/:id/:action. */
export type SrmAction = Parameters<typeof service.actOnSrm>[3];
export type MeasureAction = Parameters<typeof rules.nextMeasureStatus>[1];

export type SelfAnswer = z.input<typeof s.selfAssessment>['answer'];
const selfAnswers = ['in_place', 'partly', 'not_in_place'] as const;
export const SELF_ANSWERS: EveryOf<SelfAnswer, typeof selfAnswers> = selfAnswers;

/**
 * matrix[likelihood][impact] = risk; configuration data, versioned on the server. The API declares
 * it as a map of strings (src/web/srm/risk-levels.ts `riskAt` reads a cell as a known level).
 */
export type RiskMatrix = z.infer<typeof s.riskMatrix>;

export type DashboardRow = z.infer<typeof s.dashboardRow>;
export type LibraryMeasure = z.infer<typeof s.libraryMeasure>;
export type FoundMeasure = z.infer<typeof s.foundMeasure>;

export type CreateSrm = z.input<typeof s.createSrm>;
export type RiskInput = z.input<typeof s.riskInput>;
export type UpdateRisk = z.input<typeof s.updateRisk>;
export type OverrideRisk = z.input<typeof s.overrideRisk>;
export type MeasureInput = z.input<typeof s.measureInput>;
export type MeasureActionBody = z.input<typeof s.measureAction>;
export type SrmActionBody = z.input<typeof s.srmAction>;
export type ActivityInput = z.input<typeof s.activityInput>;
export type ExecutiveHeadApproval = z.input<typeof s.ehApproval>;
export type SelfAssessmentBody = z.input<typeof s.selfAssessment>;
