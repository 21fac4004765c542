/** Request and response schemas of travel requests, clearance decisions, rules and briefings. */
import { z } from 'zod';

const text = (max: number) => z.string().trim().max(max);
const code = text(40).min(1);
const isoDate = z.iso.date('a date as YYYY-MM-DD');
const offsetDateTime = z.iso.datetime({ offset: true, message: 'a date and time with its UTC offset' });
const version = z.number().int().positive();

export const TRAVEL_TYPES = ['official', 'personal'] as const;
export const TRAVEL_STATUSES = ['submitted', 'pending', 'cleared', 'refused', 'cancelled'] as const;

/** One stop of the itinerary: an area (or a duty station, whose area is taken) and the times there. */
export const segmentInput = z
  .strictObject({
    areaCode: code.optional(),
    stationCode: code.optional(),
    arrivesAt: offsetDateTime,
    departsAt: offsetDateTime,
    stopover: z.boolean().default(false),
    /** Only meaningful for a stopover: an airside connection needs no clearance. */
    leavesAirport: z.boolean().default(true),
  })
  .refine((s) => s.areaCode !== undefined || s.stationCode !== undefined, {
    message: 'give areaCode or stationCode',
    path: ['areaCode'],
  });
export type SegmentInput = z.infer<typeof segmentInput>;

export const createTravelRequest = z.strictObject({
  /** The traveller; omitted: the caller's own profile. */
  personId: z.uuid().optional(),
  travelType: z.enum(TRAVEL_TYPES),
  purpose: text(2000).min(1),
  /** Programme criticality of the activities; required where the rule makes PC mandatory. */
  pcLevel: z.number().int().min(1).max(4).nullable().optional(),
  segments: z.array(segmentInput).min(1, 'at least one segment').max(50),
});
export type CreateTravelRequest = z.infer<typeof createTravelRequest>;

export const travelListQuery = z.strictObject({
  status: z.enum(TRAVEL_STATUSES).optional(),
  country: z.string().length(3).toUpperCase().optional(),
  organization: code.optional(),
  person: z.uuid().optional(),
  /** Travel under way on or after this date (the request ends on or after it). */
  from: isoDate.optional(),
  /** Travel under way on or before this date (the request starts on or before it). */
  to: isoDate.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  after: z.string().max(200).optional(),
});
export type TravelListQuery = z.infer<typeof travelListQuery>;

export const decisionInput = z
  .strictObject({
    decision: z.enum(['clear', 'refuse']),
    reason: text(2000).default(''),
    version,
  })
  .refine((d) => d.decision === 'clear' || d.reason.length > 0, {
    message: 'a refusal states its reason',
    path: ['reason'],
  });
export type DecisionInput = z.infer<typeof decisionInput>;

export const cancelInput = z.strictObject({ version, reason: text(2000).default('') });

export const segment = z.object({
  position: z.number(),
  countryCode: z.string(),
  areaCode: z.string(),
  areaName: z.string(),
  stationCode: z.string().nullable(),
  arrivesAt: z.string(),
  departsAt: z.string(),
  stopover: z.boolean(),
  leavesAirport: z.boolean(),
  status: z.string(),
});

export const travelRequest = z.object({
  id: z.string(),
  reference: z.string(),
  personId: z.string(),
  personName: z.string(),
  organizationCode: z.string(),
  requestedBy: z.string().nullable(),
  travelType: z.enum(TRAVEL_TYPES),
  purpose: z.string(),
  pcLevel: z.number().nullable(),
  status: z.enum(TRAVEL_STATUSES),
  decision: z.enum(['automatic', 'manual']).nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  /** Why it was cleared, refused or is pending: each reason names its segment. */
  reasons: z.array(z.string()),
  startsOn: z.string(),
  endsOn: z.string(),
  segments: z.array(segment),
  version: z.number(),
  createdAt: z.string(),
});
export type TravelRequest = z.infer<typeof travelRequest>;

export const travelPage = z.object({ items: z.array(travelRequest), next: z.string().nullable() });

export const clearanceRule = z.object({
  id: z.string(),
  countryCode: z.string(),
  areaCode: z.string().nullable(),
  mode: z.enum(['automatic', 'manual']),
  requiredCourses: z.array(z.string()),
  pcMandatory: z.boolean(),
  maxTravellers: z.number().nullable(),
  preciseTracking: z.boolean(),
  preciseUntil: z.string().nullable(),
  note: z.string(),
  version: z.number(),
});

export const clearanceRuleQuery = z.strictObject({ country: z.string().length(3).toUpperCase().optional() });

/** Sets the rule of a country (no areaCode) or of one of its areas; `version` when replacing one. */
export const putClearanceRule = z.strictObject({
  countryCode: z.string().length(3).toUpperCase(),
  areaCode: code.optional(),
  mode: z.enum(['automatic', 'manual']),
  requiredCourses: z.array(code).max(10).default(['BSAFE']),
  pcMandatory: z.boolean().default(false),
  maxTravellers: z.number().int().positive().nullable().default(null),
  note: text(2000).default(''),
  version: version.optional(),
});
export type PutClearanceRule = z.infer<typeof putClearanceRule>;

const contact = z.object({
  role: z.string(),
  name: z.string(),
  phone: z.string().optional(),
  email: z.string().optional(),
});

export const briefing = z.object({
  requestId: z.string(),
  reference: z.string(),
  status: z.enum(TRAVEL_STATUSES),
  areas: z.array(
    z.object({
      countryCode: z.string(),
      countryName: z.string(),
      areaCode: z.string(),
      areaName: z.string(),
      arrivesAt: z.string(),
      departsAt: z.string(),
      advisory: z
        .object({ headline: z.string(), guidance: z.string(), effectiveDate: z.string() })
        .nullable(),
      /** Current threat levels, highest first. */
      levels: z.array(z.object({ category: z.string(), label: z.string(), level: z.number() })),
      highest: z.number().nullable(),
      requirements: z.array(z.string()),
      contacts: z.array(contact),
    }),
  ),
  text: z.string(),
});
export type Briefing = z.infer<typeof briefing>;
