import { z } from 'zod';
import { CATEGORIES } from './rules';

const level = z.number().int().min(1, 'levels run from 1 to 6').max(6, 'levels run from 1 to 6');
const isoDate = z.iso.date('a date as YYYY-MM-DD');
const text = (max: number) => z.string().trim().max(max);
const version = z.number().int().positive();
export const STATUSES = ['draft', 'approved', 'published', 'superseded'] as const;

export const categoryLevels = z.strictObject({
  armed_conflict: level,
  terrorism: level,
  crime: level,
  civil_unrest: level,
});

export const categoryAssessment = z.strictObject({
  level,
  intent: text(4000).default(''),
  capability: text(4000).default(''),
  inhibitingContext: text(4000).default(''),
  narrative: text(8000).default(''),
});

export const assessmentBody = z.strictObject({
  effectiveDate: isoDate,
  summary: text(8000).default(''),
  categories: z.strictObject({
    armed_conflict: categoryAssessment,
    terrorism: categoryAssessment,
    crime: categoryAssessment,
    civil_unrest: categoryAssessment,
  }),
  legacySecurityLevel: level.nullable().optional(),
});
export type AssessmentBody = z.infer<typeof assessmentBody>;
export const createAssessment = assessmentBody.extend({ areaCode: text(40).min(1) });
export const updateAssessment = assessmentBody.partial().extend({ version });

const highestSchema = z.object({ level, name: z.string(), categories: z.array(z.enum(CATEGORIES)) });
const orderedLevels = z.array(
  z.object({ category: z.enum(CATEGORIES), label: z.string(), level, name: z.string() }),
);

export const assessment = z.object({
  id: z.string(),
  areaId: z.string(),
  areaCode: z.string(),
  areaName: z.string(),
  countryCode: z.string(),
  number: z.number(),
  status: z.enum(STATUSES),
  effectiveDate: z.string(),
  summary: z.string(),
  highest: highestSchema,
  /** Highest first: the order every view and export shows. */
  levels: orderedLevels,
  categories: z.record(z.enum(CATEGORIES), categoryAssessment),
  /** Historical 2011-model aggregate, never a headline. */
  legacySecurityLevel: level.nullable(),
  source: z.enum(['manual', 'import']),
  createdBy: z.string().nullable(),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  version: z.number(),
});
export type Assessment = z.infer<typeof assessment>;

export const HAZARD_TYPES = [
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
export const HOST_CAPACITY = ['none', 'limited', 'moderate', 'strong'] as const;
export const hazard = z.strictObject({ type: z.enum(HAZARD_TYPES), level, notes: text(2000).default('') });
export const hazardBody = z.strictObject({
  effectiveDate: isoDate,
  hazards: z.array(hazard).max(20),
  hostCapacity: z.enum(HOST_CAPACITY),
  hostCapacityNotes: text(4000).default(''),
});
export const createHazardAssessment = hazardBody.extend({ areaCode: text(40).min(1) });
export const hazardAssessment = hazardBody.extend({
  id: z.string(),
  areaId: z.string(),
  areaCode: z.string(),
  countryCode: z.string(),
  number: z.number(),
  status: z.enum(STATUSES),
  approvedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  version: z.number(),
});

export const contact = z.strictObject({
  role: text(100).min(1),
  name: text(200).min(1),
  phone: text(40).optional(),
  email: z.email().max(320).optional(),
});
export const TRAINING = ['BSAFE', 'SSAFE', 'SMT', 'SRM_DM'] as const;

const advisoryFields = {
  headline: text(300).min(1),
  guidance: text(20000).default(''),
  requiredClearance: z.enum(['none', 'automatic', 'manual']),
  requiredTraining: z.array(z.enum(TRAINING)).max(10).default([]),
  contacts: z.array(contact).max(30).default([]),
  effectiveDate: isoDate,
  reviewBy: isoDate,
  /** Omit to take the levels of the current published assessments. */
  levels: categoryLevels.optional(),
};
export const createAdvisory = z
  .strictObject({
    countryCode: z.string().regex(/^[A-Za-z]{3}$/),
    areaCode: text(40).optional(),
    ...advisoryFields,
  })
  .refine((a) => a.reviewBy >= a.effectiveDate, {
    path: ['reviewBy'],
    message: 'must be on or after effectiveDate',
  });
export const updateAdvisory = z
  .strictObject({ ...advisoryFields, version })
  .partial()
  .required({ version: true })
  .refine((a) => !a.reviewBy || !a.effectiveDate || a.reviewBy >= a.effectiveDate, {
    path: ['reviewBy'],
    message: 'must be on or after effectiveDate',
  });

export const advisory = z.object({
  id: z.string(),
  countryCode: z.string(),
  countryName: z.string(),
  areaId: z.string().nullable(),
  areaCode: z.string().nullable(),
  areaName: z.string().nullable(),
  number: z.number(),
  status: z.enum(STATUSES),
  headline: z.string(),
  guidance: z.string(),
  highest: highestSchema,
  levels: orderedLevels,
  requiredClearance: z.enum(['none', 'automatic', 'manual']),
  requiredTraining: z.array(z.string()),
  contacts: z.array(contact),
  effectiveDate: z.string(),
  reviewBy: z.string(),
  overdue: z.boolean(),
  daysOverdue: z.number(),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  approvedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  /** Level changes against the previously published version (empty for the first). */
  changes: z.array(z.object({ category: z.enum(CATEGORIES), from: level.nullable(), to: level })),
  /** The subject's polygon (area) or boundary (country), for CAP `info/area`. Omitted in lists. */
  version: z.number(),
});
export type Advisory = z.infer<typeof advisory>;

/** One area's current published levels, as the comparison table, map and CSV show them. */
export const compareRow = z.object({
  areaId: z.string(),
  areaCode: z.string(),
  areaName: z.string(),
  countryCode: z.string(),
  countryName: z.string(),
  region: z.string(),
  subregion: z.string(),
  effectiveDate: z.string(),
  byCategory: categoryLevels,
  highest: highestSchema,
  levels: orderedLevels,
});

export const workflowAction = z.strictObject({ version, note: text(2000).optional() });
