import { z } from 'zod';
import { CATEGORIES, OUTCOMES } from './rules';

const isoDate = z.iso.date('a date as YYYY-MM-DD');
const text = (max: number) => z.string().trim().max(max);
const version = z.number().int().positive();
const code = text(40).min(1);

export const RELEVANCES = ['organization', 'situational', 'near_miss'] as const;
export const PERSONNEL_CATEGORIES = [
  'international',
  'national',
  'dependant',
  'contractor',
  'partner',
  'unknown',
] as const;
export const SEXES = ['female', 'male', 'unknown'] as const;
export const IMPACT_KINDS = ['premises', 'property', 'programme'] as const;
export const CASE_STATUSES = [
  'reported',
  'investigation',
  'prosecution',
  'trial',
  'convicted',
  'acquitted',
  'closed_unresolved',
] as const;
export const CATEGORY_CODES = CATEGORIES.map((c) => c.code) as [string, ...string[]];

export const personnelImpact = z.strictObject({
  /**
   * In a correction, the stored row this entry stands for (its id as read). Restricted values the
   * writer could not see are kept for that row; entries without an id are new.
   */
  id: z.uuid().optional(),
  organizationCode: code.optional(),
  category: z.enum(PERSONNEL_CATEGORIES).default('unknown'),
  sex: z.enum(SEXES).default('unknown'),
  outcome: z.enum(OUTCOMES),
  count: z.number().int('a whole number').min(1, 'at least 1').max(10_000).default(1),
  onDuty: z.boolean().nullable().optional(),
  directlyTargeted: z.boolean().nullable().optional(),
  inCaptivity: z.boolean().default(false),
  /** Restricted: only holders of incident.sensitive read it back. */
  personName: text(200).default(''),
  lineManagerEmail: z.union([z.email('an e-mail address'), z.literal('')]).default(''),
});
export type PersonnelImpactInput = z.infer<typeof personnelImpact>;

export const otherImpact = z.strictObject({
  kind: z.enum(IMPACT_KINDS),
  organizationCode: code.optional(),
  premisesCode: code.optional(),
  description: text(4000).default(''),
  estimatedLoss: z.number().min(0, 'cannot be negative').max(1e12).nullable().optional(),
});
export type OtherImpactInput = z.infer<typeof otherImpact>;

const offsetDateTime = z.iso.datetime({ offset: true, message: 'a date and time with its UTC offset' });

/** The standard form: the event, then its impacts. */
export const incidentFields = z.strictObject({
  /** The local date; derived from occurredAt when that is given. */
  occurredOn: isoDate.optional(),
  /** The instant with its local offset, e.g. 2026-03-04T21:15:00+04:30. */
  occurredAt: offsetDateTime.optional(),
  countryCode: z
    .string()
    .regex(/^[A-Za-z]{3}$/, 'an ISO 3166 alpha-3 code')
    .transform((c) => c.toUpperCase()),
  /** null in a correction removes the area or duty station. */
  areaCode: code.nullable().optional(),
  stationCode: code.nullable().optional(),
  lat: z.number().min(-90).max(90).nullable().optional(),
  lon: z.number().min(-180).max(180).nullable().optional(),
  geoPrecision: text(120).default(''),
  admin1: text(200).default(''),
  location: text(500).default(''),
  categoryCode: text(120).min(1),
  relevance: z.enum(RELEVANCES).default('organization'),
  perpetratorType: text(200).default(''),
  perpetratorName: text(200).default(''),
  weapon: text(200).default(''),
  context: text(2000).default(''),
  title: text(300).min(1, 'required'),
  narrative: text(20_000).default(''),
  sensitiveDetails: text(20_000).default(''),
  captivityOutcome: text(200).default(''),
  /** Link this event to an existing incident: both become events of one complex incident. */
  linkTo: z.uuid().optional(),
  organizationCodes: z.array(code).max(50).default([]),
  personnel: z.array(personnelImpact).max(500).default([]),
  impacts: z.array(otherImpact).max(200).default([]),
});
export type IncidentInput = z.infer<typeof incidentFields>;
export const createIncident = incidentFields;

type WithoutDefaults<T extends z.ZodRawShape> = {
  [K in keyof T]: z.ZodOptional<T[K] extends z.ZodDefault<infer Inner> ? Inner : T[K]>;
};

/**
 * Every field optional and WITHOUT its default: a correction that omits a field must leave it as
 * it is, not reset it to the form's default (`.partial()` would still apply the defaults).
 */
function optionalWithoutDefaults<T extends z.ZodRawShape>(shape: T): WithoutDefaults<T> {
  return Object.fromEntries(
    Object.entries(shape).map(([k, v]) => {
      const def = (v as z.ZodType)._zod.def as { type: string; innerType?: z.ZodType };
      return [k, (def.type === 'default' && def.innerType ? def.innerType : (v as z.ZodType)).optional()];
    }),
  ) as unknown as WithoutDefaults<T>;
}

/** A correction: any field, with the version read and an optional reason kept in the history. */
export const updateIncident = z.strictObject(optionalWithoutDefaults(incidentFields.shape)).extend({
  version,
  reason: text(1000).default(''),
});
export type IncidentUpdate = z.infer<typeof updateIncident>;

const ref = z.object({ id: z.string(), code: z.string(), name: z.string() });

export const personnelOut = z.object({
  id: z.string(),
  organization: ref.nullable(),
  category: z.enum(PERSONNEL_CATEGORIES),
  sex: z.enum(SEXES),
  outcome: z.enum(OUTCOMES),
  count: z.number(),
  onDuty: z.boolean().nullable(),
  directlyTargeted: z.boolean().nullable(),
  inCaptivity: z.boolean(),
  /** null when withheld from the reader (need to know). */
  personName: z.string().nullable(),
  lineManagerEmail: z.string().nullable(),
});

export const impactOut = z.object({
  id: z.string(),
  kind: z.enum(IMPACT_KINDS),
  organization: ref.nullable(),
  premises: ref.nullable(),
  description: z.string(),
  estimatedLoss: z.number().nullable(),
});

export const totals = z.object({
  affected: z.number(),
  killed: z.number(),
  injured: z.number(),
  kidnapped: z.number(),
  arrested: z.number(),
});

export const incidentSummary = z.object({
  id: z.string(),
  reference: z.string(),
  occurredOn: z.string(),
  countryCode: z.string(),
  areaCode: z.string().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  categoryCode: z.string(),
  categoryName: z.string(),
  nature: z.enum(['violence', 'safety', 'situational']),
  relevance: z.enum(RELEVANCES),
  title: z.string(),
  totals,
  source: z.string(),
  revision: z.number(),
  updatedAt: z.string(),
});
export type IncidentSummary = z.infer<typeof incidentSummary>;

export const incident = incidentSummary.extend({
  occurredAt: z.string().nullable(),
  utcOffset: z.string().nullable(),
  area: ref.nullable(),
  station: ref.nullable(),
  geoPrecision: z.string(),
  admin1: z.string(),
  location: z.string(),
  perpetratorType: z.string(),
  perpetratorName: z.string(),
  weapon: z.string(),
  context: z.string(),
  narrative: z.string(),
  /** null when withheld from the reader (need to know). */
  sensitiveDetails: z.string().nullable(),
  captivityOutcome: z.string(),
  complexId: z.string().nullable(),
  linkedEvents: z.array(z.object({ id: z.string(), reference: z.string(), title: z.string() })),
  organizations: z.array(ref),
  reportingOrganization: ref.nullable(),
  personnel: z.array(personnelOut),
  impacts: z.array(impactOut),
  sourceId: z.string().nullable(),
  /** True when some details were withheld from this reader. */
  restricted: z.boolean(),
  /** True when this reader may correct the record. */
  canEdit: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
});
export type Incident = z.infer<typeof incident>;

export const revision = z.object({
  number: z.number(),
  changedAt: z.string(),
  changedBy: z.string().nullable(),
  reason: z.string(),
  changes: z.array(z.object({ field: z.string(), old: z.unknown(), new: z.unknown() })),
});

export const incidentListQuery = z.strictObject({
  country: z
    .string()
    .regex(/^[A-Za-z]{3}$/)
    .transform((c) => c.toUpperCase())
    .optional(),
  area: code.optional(),
  organization: code.optional(),
  category: text(120).optional(),
  relevance: z.enum(RELEVANCES).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  q: text(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  /** Keyset cursor from the previous page. */
  after: z.string().max(200).optional(),
});
export type IncidentListQuery = z.infer<typeof incidentListQuery>;

export const incidentPage = z.object({ items: z.array(incidentSummary), next: z.string().nullable() });

export const seriousCrimeCase = z.object({
  id: z.string(),
  incidentId: z.string(),
  incidentReference: z.string(),
  incidentTitle: z.string(),
  countryCode: z.string(),
  occurredOn: z.string(),
  status: z.enum(CASE_STATUSES),
  nextOfKinFocalPoint: z.string(),
  authority: z.string(),
  caseReference: z.string(),
  notes: z.string(),
  version: z.number(),
  updatedAt: z.string(),
});
export const openCase = z.strictObject({
  incidentId: z.uuid(),
  status: z.enum(CASE_STATUSES).default('reported'),
  nextOfKinFocalPoint: text(300).default(''),
  authority: text(300).default(''),
  caseReference: text(120).default(''),
  notes: text(20_000).default(''),
});
export const updateCase = openCase.omit({ incidentId: true }).partial().extend({ version });

export const distributionList = z.object({
  id: z.string(),
  name: z.string(),
  countryCode: z.string().nullable(),
  categories: z.array(z.string()),
  addresses: z.array(z.string()),
  version: z.number(),
});
export const saveDistributionList = z.strictObject({
  name: text(200).min(1),
  countryCode: z
    .string()
    .regex(/^[A-Za-z]{3}$/)
    .transform((c) => c.toUpperCase())
    .nullable()
    .default(null),
  categories: z.array(z.enum(CATEGORY_CODES)).max(50).default([]),
  addresses: z.array(z.email('an e-mail address')).min(1, 'at least one address').max(200),
});
