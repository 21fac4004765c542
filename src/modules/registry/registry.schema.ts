import { z } from 'zod';
import { CODE_PATTERN } from './rules';

export const ORGANIZATION_TYPES = ['secretariat', 'agency', 'fund', 'programme', 'other'] as const;
export const PREMISES_KINDS = [
  'office',
  'residence',
  'compound',
  'warehouse',
  'clinic',
  'guesthouse',
  'other',
] as const;

const code = z.string().trim().regex(CODE_PATTERN, 'letters, digits, ".", "_" or "-", at most 40');
const name = z.string().trim().min(1).max(200);
const version = z.number().int().positive();
const lat = z.number().min(-90).max(90);
const lon = z.number().min(-180).max(180);
const iso3 = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{3}$/, 'an ISO 3166-1 alpha-3 code')
  .transform((s) => s.toUpperCase());
/** Geometry is checked by rules.validateAreaGeometry, which names the bad position. */
const geometry = z.record(z.string(), z.unknown());

export const organization = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  type: z.enum(ORGANIZATION_TYPES),
  countedInId: z.string().nullable(),
  countedInCode: z.string().nullable(),
  version: z.number(),
});
export const createOrganization = z.strictObject({
  code,
  name,
  type: z.enum(ORGANIZATION_TYPES),
  countedInCode: code.nullable().optional(),
});
export const updateOrganization = z.strictObject({
  name: name.optional(),
  type: z.enum(ORGANIZATION_TYPES).optional(),
  countedInCode: code.nullable().optional(),
  version,
});

export const country = z.object({
  code: z.string(),
  iso2: z.string(),
  name: z.string(),
  region: z.string(),
  subregion: z.string(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  areaCount: z.number(),
  stationCount: z.number(),
});
export const countryDetail = country.extend({ boundary: z.unknown().nullable() });

export const area = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  countryCode: z.string(),
  pcode: z.string().nullable(),
  hasPolygon: z.boolean(),
  stationCount: z.number(),
  version: z.number(),
});
export const areaDetail = area.extend({ polygon: z.unknown().nullable() });
export const createArea = z.strictObject({
  code,
  name,
  countryCode: iso3,
  pcode: z.string().trim().max(40).nullable().optional(),
  polygon: geometry.nullable().optional(),
});
export const updateArea = z.strictObject({
  name: name.optional(),
  pcode: z.string().trim().max(40).nullable().optional(),
  polygon: geometry.nullable().optional(),
  version,
});

export const station = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  countryCode: z.string(),
  areaId: z.string(),
  areaCode: z.string(),
  lat: z.number(),
  lon: z.number(),
  version: z.number(),
});
export const createStation = z.strictObject({ code, name, areaCode: code, lat, lon });
export const updateStation = z.strictObject({
  name: name.optional(),
  areaCode: code.optional(),
  lat: lat.optional(),
  lon: lon.optional(),
  version,
});

export const premises = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(PREMISES_KINDS),
  organizationId: z.string(),
  organizationCode: z.string(),
  stationId: z.string(),
  stationCode: z.string(),
  countryCode: z.string(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  address: z.string(),
  version: z.number(),
});
export const createPremises = z.strictObject({
  code,
  name,
  kind: z.enum(PREMISES_KINDS),
  organizationCode: code,
  stationCode: code,
  lat: lat.nullable().optional(),
  lon: lon.nullable().optional(),
  address: z.string().trim().max(500).optional(),
});
export const updatePremises = z.strictObject({
  name: name.optional(),
  kind: z.enum(PREMISES_KINDS).optional(),
  stationCode: code.optional(),
  lat: lat.nullable().optional(),
  lon: lon.nullable().optional(),
  address: z.string().trim().max(500).optional(),
  version,
});

export const IMPORT_KINDS = ['organizations', 'areas', 'stations', 'premises'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export const importResult = z.object({
  kind: z.enum(IMPORT_KINDS),
  total: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  rejected: z.array(z.object({ line: z.number(), field: z.string(), message: z.string() })),
});
export type ImportResult = z.infer<typeof importResult>;

export const idParam = z.object({ id: z.uuid() });
export const listQuery = z.strictObject({
  country: iso3.optional(),
  area: code.optional(),
  organization: code.optional(),
  q: z.string().trim().max(100).optional(),
});

export type Organization = z.infer<typeof organization>;
export type Country = z.infer<typeof country>;
export type Area = z.infer<typeof area>;
export type Station = z.infer<typeof station>;
export type Premises = z.infer<typeof premises>;
export type CreateOrganization = z.infer<typeof createOrganization>;
export type UpdateOrganization = z.infer<typeof updateOrganization>;
export type CreateArea = z.infer<typeof createArea>;
export type UpdateArea = z.infer<typeof updateArea>;
export type CreateStation = z.infer<typeof createStation>;
export type UpdateStation = z.infer<typeof updateStation>;
export type CreatePremises = z.infer<typeof createPremises>;
export type UpdatePremises = z.infer<typeof updatePremises>;
export type ListQuery = z.infer<typeof listQuery>;
