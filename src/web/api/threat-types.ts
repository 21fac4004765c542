/**
 * Types of the threat-assessment and travel-advisory API, inferred from the server's schemas
 * (src/modules/threats/threats.schema.ts) with type-only imports, as in types.ts. Kept apart from
 * types.ts so that screens without security levels do not grow with them.
 */

import type { z } from 'zod';
import type * as rules from '../../modules/threats/rules';
import type * as s from '../../modules/threats/threats.schema';
import type { EveryOf } from './every';

export type Category = rules.Category;
const categories = ['armed_conflict', 'terrorism', 'crime', 'civil_unrest'] as const;
export const CATEGORIES: EveryOf<Category, typeof categories> = categories;

/** 1 Minimal … 6 Extreme: keys the web's own tables (the API sends levels as plain numbers). */
export type Level = rules.Level;

export type WorkflowStatus = (typeof s.STATUSES)[number];
/** The actions of the workflow routes (editing is a PATCH, not an action). */
export type WorkflowAction = Exclude<rules.WorkflowAction, 'edit'>;

export type Advisory = z.infer<typeof s.advisory>;
/** The highest level and every category at it: ties are all emphasised, none hidden. */
export type Highest = Advisory['highest'];
/** One category's level, as the server orders them: highest first. */
export type RankedLevel = Advisory['levels'][number];
export type Ranked = Pick<Advisory, 'highest' | 'levels'>;
export type LevelChange = Advisory['changes'][number];
export type Clearance = Advisory['requiredClearance'];
export type Contact = z.infer<typeof s.contact>;

export type Training = (typeof s.TRAINING)[number];
const training = ['BSAFE', 'SSAFE', 'SMT', 'SRM_DM'] as const;
export const TRAINING: EveryOf<Training, typeof training> = training;

export type CategoryLevels = z.infer<typeof s.categoryLevels>;

/** The body of POST /advisories; levels omitted take the current published assessments. */
export type CreateAdvisory = z.input<typeof s.createAdvisory>;
export type UpdateAdvisory = z.input<typeof s.updateAdvisory>;

export type CompareRow = z.infer<typeof s.compareRow>;

export type Assessment = z.infer<typeof s.assessment>;
export type CategoryAssessment = z.infer<typeof s.categoryAssessment>;
export type CreateAssessment = z.input<typeof s.createAssessment>;
export type UpdateAssessment = z.input<typeof s.updateAssessment>;

export type HazardType = (typeof s.HAZARD_TYPES)[number];
const hazardTypes = [
  'earthquake',
  'flood',
  'cyclone',
  'drought',
  'landslide',
  'volcano',
  'tsunami',
  'extreme_heat',
  'wildfire',
  'epidemic',
  'road_safety',
  'industrial',
  'other',
] as const;
export const HAZARD_TYPES: EveryOf<HazardType, typeof hazardTypes> = hazardTypes;

export type HostCapacity = (typeof s.HOST_CAPACITY)[number];
const hostCapacity = ['none', 'limited', 'moderate', 'strong'] as const;
export const HOST_CAPACITY: EveryOf<HostCapacity, typeof hostCapacity> = hostCapacity;

export type HazardAssessment = z.infer<typeof s.hazardAssessment>;
export type Hazard = HazardAssessment['hazards'][number];
export type CreateHazardAssessment = z.input<typeof s.createHazardAssessment>;

/** The body of POST …/:id/approve, /return and /publish. */
export type WorkflowActionBody = z.input<typeof s.workflowAction>;
