import { z } from 'zod';

const text = (max: number) => z.string().trim().max(max);
const ref = text(40).min(1);
const version = z.number().int().positive();

export const ZONE_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
export const zoneKind = z.enum(['geographic', 'organization']);
export const wardenRole = z.enum(['warden', 'deputy']);

/**
 * A GeoJSON Polygon or MultiPolygon ([lon, lat], RFC 7946). Its shape is checked by the service
 * (`rules.validateGeometry`), which answers 422 naming the position at fault.
 */
const polygon = z
  .looseObject({ type: z.string(), coordinates: z.unknown() })
  .describe('GeoJSON Polygon or MultiPolygon, [longitude, latitude]');

export const createZone = z.strictObject({
  code: z.string().trim().regex(ZONE_CODE, 'letters, digits, ".", "_" or "-", up to 40'),
  name: text(200).min(1),
  countryCode: z
    .string()
    .regex(/^[A-Za-z]{3}$/, 'an ISO 3166 alpha-3 code')
    .transform((c) => c.toUpperCase()),
  kind: zoneKind,
  /** Required for an organization zone, refused for a geographic one. */
  organizationCode: ref.optional(),
  description: text(2000).default(''),
  stationCodes: z.array(ref).max(500).default([]),
  areaCodes: z.array(ref).max(500).default([]),
  polygon: polygon.nullable().default(null),
});
export type CreateZone = z.infer<typeof createZone>;

export const updateZone = z.strictObject({
  version,
  name: text(200).min(1).optional(),
  description: text(2000).optional(),
  stationCodes: z.array(ref).max(500).optional(),
  areaCodes: z.array(ref).max(500).optional(),
  polygon: polygon.nullable().optional(),
});
export type UpdateZone = z.infer<typeof updateZone>;

export const archiveZone = z.strictObject({ version });

export const appointWarden = z.strictObject({
  username: ref.max(100),
  role: wardenRole.default('warden'),
  /** The warden's own profile, when not found through their sign-in. */
  personId: z.uuid().optional(),
});
export type AppointWarden = z.infer<typeof appointWarden>;

export const assignPerson = z.strictObject({ personId: z.uuid() });

export const zoneIdParams = z.strictObject({ id: z.uuid() });
export const wardenParams = z.strictObject({ id: z.uuid(), userId: z.uuid() });
export const assignmentParams = z.strictObject({ id: z.uuid(), personId: z.uuid() });

export const listZonesQuery = z.strictObject({
  country: z
    .string()
    .regex(/^[A-Za-z]{3}$/)
    .transform((c) => c.toUpperCase())
    .optional(),
  kind: zoneKind.optional(),
  includeArchived: z.stringbool().default(false),
});
export const membersQuery = z.strictObject({
  cursor: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  q: text(100).optional(),
});
export const coverageQuery = z.strictObject({
  country: z
    .string()
    .regex(/^[A-Za-z]{3}$/, 'an ISO 3166 alpha-3 code')
    .transform((c) => c.toUpperCase()),
});

export const wardenOut = z.object({
  userId: z.string(),
  username: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  role: wardenRole,
  personId: z.string().nullable(),
  appointedBy: z.string().nullable(),
  appointedAt: z.string(),
});

export const zoneSummary = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  countryCode: z.string(),
  kind: zoneKind,
  organization: z.object({ id: z.string(), code: z.string(), name: z.string() }).nullable(),
  stationCount: z.number().int(),
  areaCount: z.number().int(),
  hasPolygon: z.boolean(),
  wardenCount: z.number().int(),
  archived: z.boolean(),
  version: z.number().int(),
});
export type ZoneSummary = z.infer<typeof zoneSummary>;

export const zoneDetail = zoneSummary.extend({
  description: z.string(),
  stations: z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })),
  areas: z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })),
  polygon: z.unknown().nullable(),
  wardens: z.array(wardenOut),
  memberCount: z.number().int(),
  assignedCount: z.number().int(),
  /** What the caller may do here. */
  canManage: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ZoneDetail = z.infer<typeof zoneDetail>;

export const BASIS_NAMES = ['assigned', 'sponsor_assigned', 'station', 'residence_area', 'polygon'] as const;

export const member = z.object({
  personId: z.string(),
  name: z.string(),
  kind: z.enum(['personnel', 'dependant']),
  recruitment: z.string(),
  organization: z.object({ code: z.string(), name: z.string() }),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  dutyStation: z.string().nullable(),
  /** Why the person is in this zone. */
  basis: z.enum(BASIS_NAMES),
  /** Some zone of the person (this one or their other) has a warden. */
  covered: z.boolean(),
});
export type Member = z.infer<typeof member>;

export const membersPage = z.object({
  items: z.array(member),
  total: z.number().int(),
  nextCursor: z.string().nullable(),
});

export const myZones = z.object({
  zones: z.array(
    z.object({
      zone: zoneSummary,
      myRole: wardenRole,
      wardens: z.array(wardenOut),
      members: z.array(member),
      /** More members than listed here (see the zone's members pages). */
      truncated: z.boolean(),
    }),
  ),
});

export const coverage = z.object({
  countryCode: z.string(),
  people: z.number().int(),
  inGeographicZone: z.number().int(),
  inAnyZone: z.number().int(),
  withoutZone: z.number().int(),
  /** In some zone, but no zone of theirs has a warden. */
  withoutWarden: z.number().int(),
  unzoned: z.array(
    z.object({
      personId: z.string(),
      name: z.string(),
      kind: z.string(),
      organizationCode: z.string(),
      dutyStation: z.string().nullable(),
    }),
  ),
  zones: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      name: z.string(),
      kind: zoneKind,
      members: z.number().int(),
      wardens: z.number().int(),
    }),
  ),
  zonesWithoutWarden: z.array(
    z.object({ id: z.string(), code: z.string(), name: z.string(), members: z.number().int() }),
  ),
});
export type Coverage = z.infer<typeof coverage>;
