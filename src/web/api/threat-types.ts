/**
 * Types of the threat-assessment and travel-advisory API (src/modules/threats/threats.schema.ts).
 * Kept apart from types.ts so that screens without security levels do not grow with them.
 */

export const CATEGORIES = ['armed_conflict', 'terrorism', 'crime', 'civil_unrest'] as const;
export type Category = (typeof CATEGORIES)[number];

/** 1 Minimal … 6 Extreme. */
export type Level = 1 | 2 | 3 | 4 | 5 | 6;

export type WorkflowStatus = 'draft' | 'approved' | 'published' | 'superseded';
export type WorkflowAction = 'approve' | 'return' | 'publish';

/** The highest level and every category at it: ties are all emphasised, none hidden. */
export interface Highest {
  level: Level;
  name: string;
  categories: Category[];
}

/** One category's level, as the server orders them: highest first. */
export interface RankedLevel {
  category: Category;
  label: string;
  level: Level;
  name: string;
}

export interface Ranked {
  highest: Highest;
  levels: RankedLevel[];
}

export type CategoryLevels = Record<Category, Level>;

export type Clearance = 'none' | 'automatic' | 'manual';
export const TRAINING = ['BSAFE', 'SSAFE', 'SMT', 'SRM_DM'] as const;

export interface Contact {
  role: string;
  name: string;
  phone?: string;
  email?: string;
}

export interface LevelChange {
  category: Category;
  from: Level | null;
  to: Level;
}

export interface Advisory extends Ranked {
  id: string;
  countryCode: string;
  countryName: string;
  areaId: string | null;
  areaCode: string | null;
  areaName: string | null;
  number: number;
  status: WorkflowStatus;
  headline: string;
  guidance: string;
  requiredClearance: Clearance;
  requiredTraining: string[];
  contacts: Contact[];
  effectiveDate: string;
  reviewBy: string;
  overdue: boolean;
  daysOverdue: number;
  ownerId: string | null;
  ownerName: string | null;
  approvedAt: string | null;
  publishedAt: string | null;
  /** Level changes against the previously published version (every category for the first). */
  changes: LevelChange[];
  version: number;
}

export interface AdvisoryInput {
  headline: string;
  guidance: string;
  requiredClearance: Clearance;
  requiredTraining: string[];
  contacts: Contact[];
  effectiveDate: string;
  reviewBy: string;
  /** Omitted on create: the server takes the current published assessments. */
  levels?: CategoryLevels;
}

export interface CompareRow extends Ranked {
  areaId: string;
  areaCode: string;
  areaName: string;
  countryCode: string;
  countryName: string;
  region: string;
  subregion: string;
  effectiveDate: string;
  byCategory: CategoryLevels;
}

export interface CategoryAssessment {
  level: Level;
  intent: string;
  capability: string;
  inhibitingContext: string;
  narrative: string;
}

export interface Assessment extends Ranked {
  id: string;
  areaId: string;
  areaCode: string;
  areaName: string;
  countryCode: string;
  number: number;
  status: WorkflowStatus;
  effectiveDate: string;
  summary: string;
  categories: Record<Category, CategoryAssessment>;
  /** The 2011 weighted aggregate: historical only, never a headline. */
  legacySecurityLevel: Level | null;
  source: 'manual' | 'import';
  createdBy: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  publishedAt: string | null;
  version: number;
}

export interface AssessmentInput {
  effectiveDate: string;
  summary: string;
  categories: Record<Category, CategoryAssessment>;
}

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
export type HazardType = (typeof HAZARD_TYPES)[number];

export const HOST_CAPACITY = ['none', 'limited', 'moderate', 'strong'] as const;
export type HostCapacity = (typeof HOST_CAPACITY)[number];

export interface Hazard {
  type: HazardType;
  level: Level;
  notes: string;
}

export interface HazardAssessment {
  id: string;
  areaId: string;
  areaCode: string;
  countryCode: string;
  number: number;
  status: WorkflowStatus;
  effectiveDate: string;
  hazards: Hazard[];
  hostCapacity: HostCapacity;
  hostCapacityNotes: string;
  approvedAt: string | null;
  publishedAt: string | null;
  version: number;
}
