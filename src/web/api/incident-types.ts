/**
 * Types of the incidents API (SSIRS), inferred from the server's schemas
 * (src/modules/incidents/incidents.schema.ts) with type-only imports, as in types.ts. Kept apart
 * from types.ts so that only the incident chunks carry them.
 */

import type { z } from 'zod';
import type * as exports from '../../modules/incidents/export';
import type * as s from '../../modules/incidents/incidents.schema';
import type * as rules from '../../modules/incidents/rules';
import type * as stats from '../../modules/incidents/stats.schema';
import type * as statsRules from '../../modules/incidents/stats-rules';
import type { EveryOf } from './every';

export type Nature = rules.Nature;
const natures = ['violence', 'safety', 'situational'] as const;
export const NATURES: EveryOf<Nature, typeof natures> = natures;

export type Outcome = rules.Outcome;
const outcomes = [
  'killed',
  'injured',
  'abducted',
  'arrested_detained',
  'missing',
  'sexually_assaulted',
  'robbed',
  'intimidated_harassed',
] as const;
export const OUTCOMES: EveryOf<Outcome, typeof outcomes> = outcomes;

export type Relevance = (typeof s.RELEVANCES)[number];
const relevances = ['organization', 'situational', 'near_miss'] as const;
export const RELEVANCES: EveryOf<Relevance, typeof relevances> = relevances;

export type PersonnelCategory = (typeof s.PERSONNEL_CATEGORIES)[number];
const personnelCategories = [
  'international',
  'national',
  'dependant',
  'contractor',
  'partner',
  'unknown',
] as const;
export const PERSONNEL_CATEGORIES: EveryOf<PersonnelCategory, typeof personnelCategories> =
  personnelCategories;

export type Sex = (typeof s.SEXES)[number];
const sexes = ['female', 'male', 'unknown'] as const;
export const SEXES: EveryOf<Sex, typeof sexes> = sexes;

export type ImpactKind = (typeof s.IMPACT_KINDS)[number];
const impactKinds = ['premises', 'property', 'programme'] as const;
export const IMPACT_KINDS: EveryOf<ImpactKind, typeof impactKinds> = impactKinds;

export type CaseStatus = (typeof s.CASE_STATUSES)[number];
const caseStatuses = [
  'reported',
  'investigation',
  'prosecution',
  'trial',
  'convicted',
  'acquitted',
  'closed_unresolved',
] as const;
export const CASE_STATUSES: EveryOf<CaseStatus, typeof caseStatuses> = caseStatuses;

/** One category of the taxonomy as GET /incidents/categories lists it. */
export type IncidentCategory = z.infer<typeof stats.category>;

export type Incident = z.infer<typeof s.incident>;
export type IncidentSummary = z.infer<typeof s.incidentSummary>;
export type IncidentPage = z.infer<typeof s.incidentPage>;
export type IncidentTotals = z.infer<typeof s.totals>;
export type PersonnelOut = z.infer<typeof s.personnelOut>;
export type ImpactOut = z.infer<typeof s.impactOut>;
export type Revision = z.infer<typeof s.revision>;
export type SeriousCrimeCase = z.infer<typeof s.seriousCrimeCase>;
export type DistributionList = z.infer<typeof s.distributionList>;

export type IncidentInput = z.input<typeof s.createIncident>;
export type IncidentUpdate = z.input<typeof s.updateIncident>;
export type PersonnelImpactInput = z.input<typeof s.personnelImpact>;
export type OtherImpactInput = z.input<typeof s.otherImpact>;
export type IncidentListQuery = z.input<typeof s.incidentListQuery>;
export type OpenCase = z.input<typeof s.openCase>;
export type UpdateCase = z.input<typeof s.updateCase>;
export type SaveDistributionList = z.input<typeof s.saveDistributionList>;

export type ExportFormat = exports.ExportFormat;
const exportFormats = ['csv', 'xlsx', 'geojson'] as const;
export const EXPORT_FORMATS: EveryOf<ExportFormat, typeof exportFormats> = exportFormats;

export type StatDimension = statsRules.StatDimension;
const statDimensions = ['country', 'year', 'month', 'category', 'organization', 'area'] as const;
export const STAT_DIMENSIONS: EveryOf<StatDimension, typeof statDimensions> = statDimensions;
export type StatsRow = z.infer<typeof stats.statsRow>;
/** The filters statistics, the map and exports accept (no area or text search). */
export type StatsFilter = z.input<typeof stats.filterQuery>;
/** The Secretary-General's table of personnel affected (13 rows by year, totals computed). */
export type PersonnelAffectedReport = z.infer<typeof stats.personnelAffectedReport>;
export type IncidentMap = z.infer<typeof stats.incidentMap>;
