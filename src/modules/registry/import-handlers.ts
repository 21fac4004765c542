import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/tables';
import type { Permission, ResourceScope } from '../../server/access/rules';
import { canonicalJson } from '../../server/audit/rules';
import type { AuditedChange } from '../../server/context';
import { AppError, invalid } from '../../server/errors';
import { presentArea, presentOrganization, presentPremises, presentStation } from './present';
import * as repo from './registry.repository';
import { type ImportKind, ORGANIZATION_TYPES, PREMISES_KINDS } from './registry.schema';
import { type AreaGeometry, CODE_PATTERN, containsPoint, normaliseCode, validateAreaGeometry } from './rules';

type Db = Kysely<DB>;

/** State shared by the rows of one import, e.g. country boundaries read once rather than per row. */
export interface ImportContext {
  boundaries: Map<string, AreaGeometry | null>;
}

/** How one kind of reference data is validated, resolved, authorized and written by an import. */
export interface ImportHandler<I, R, Row = unknown> {
  entity: string;
  permission: Permission;
  schema: z.ZodType<I>;
  key(input: I): string;
  resolve(trx: Db, input: I, ctx: ImportContext): Promise<R>;
  scope(refs: R): ResourceScope;
  deniedMessage(refs: R): string;
  find(trx: Db, input: I): Promise<Row | undefined>;
  existingScope(row: Row): ResourceScope;
  present(row: Row): unknown;
  same(row: Row, input: I, refs: R): boolean;
  create(trx: Db, input: I, refs: R): Promise<Row>;
  update(trx: Db, row: Row, input: I, refs: R): Promise<Row>;
  auditTarget(row: Row): Omit<AuditedChange, 'action'>;
}

const code = z
  .string()
  .trim()
  .regex(CODE_PATTERN, 'letters, digits, ".", "_" or "-", at most 40')
  .transform(normaliseCode);
const text = z.string().trim().min(1).max(200);
const lat = z.coerce.number().min(-90).max(90);
const lon = z.coerce.number().min(-180).max(180);
const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(values, { error: `one of ${values.join(', ')}` }));

const orgSchema = z.object({
  code,
  name: text,
  type: oneOf(ORGANIZATION_TYPES),
  counted_in: code.optional(),
});
const organizations: ImportHandler<
  z.infer<typeof orgSchema>,
  { parentId: string | null },
  repo.OrganizationRow
> = {
  entity: 'organization',
  permission: 'org.create',
  schema: orgSchema,
  key: (i) => i.code,
  async resolve(trx, i) {
    if (!i.counted_in) return { parentId: null };
    const parent = await repo.findOrganizationByCode(trx, i.counted_in);
    if (!parent) throw invalid('counted_in', `no organization has the code ${i.counted_in}`);
    if (parent.counted_in_id)
      throw invalid('counted_in', `${parent.code} is itself counted inside another organization`);
    if (parent.code === i.code)
      throw invalid('counted_in', 'an organization cannot be counted inside itself');
    return { parentId: parent.id };
  },
  scope: () => ({}),
  deniedMessage: () => 'only administrators import organizations',
  find: (trx, i) => repo.findOrganizationByCode(trx, i.code),
  existingScope: (r) => ({ organizationId: r.id }),
  present: presentOrganization,
  same: (r, i, refs) => r.name === i.name && r.type === i.type && r.counted_in_id === refs.parentId,
  create: (trx, i, refs) =>
    repo.insertOrganization(trx, { code: i.code, name: i.name, type: i.type, countedInId: refs.parentId }),
  update: async (trx, r, i, refs) =>
    (await repo.updateOrganization(trx, r.id, r.version, {
      name: i.name,
      type: i.type,
      counted_in_id: refs.parentId,
    }))!,
  auditTarget: (r) => ({ entityType: 'organization', entityId: r.id, orgId: r.id }),
};

const areaSchema = z.object({
  code,
  name: text,
  country: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{3}$/, 'an ISO 3166-1 alpha-3 code')
    .transform((s) => s.toUpperCase()),
  pcode: z.string().trim().max(40).optional(),
  polygon: z.unknown().optional(),
});
type AreaInput = z.infer<typeof areaSchema>;
type AreaRefs = { countryCode: string; polygon: AreaGeometry | null };
type AreaWithPolygon = repo.AreaRow & { polygon: unknown };
const areas: ImportHandler<AreaInput, AreaRefs, AreaWithPolygon> = {
  entity: 'area',
  permission: 'geo.write',
  schema: areaSchema,
  key: (i) => i.code,
  async resolve(trx, i) {
    if (!(await repo.findCountry(trx, i.country))) throw invalid('country', `unknown country ${i.country}`);
    if (i.polygon === undefined || i.polygon === null) return { countryCode: i.country, polygon: null };
    const v = validateAreaGeometry(i.polygon, 'geometry');
    if (!v.ok) throw new AppError('validation', 'invalid geometry', v.errors);
    return { countryCode: i.country, polygon: v.geometry };
  },
  scope: (refs) => ({ countryCode: refs.countryCode }),
  deniedMessage: (refs) => `you may not write areas in ${refs.countryCode}`,
  async find(trx, i) {
    const r = await repo.findAreaByCode(trx, i.code);
    return r && { ...r, polygon: await repo.findAreaPolygon(trx, r.id) };
  },
  existingScope: (r) => ({ countryCode: r.country_code, areaId: r.id }),
  present: presentArea,
  // A row without a polygon keeps the stored one; with one, it is compared as canonical JSON.
  same: (r, i, refs) =>
    r.name === i.name &&
    r.country_code === i.country &&
    (r.pcode ?? undefined) === i.pcode &&
    (!refs.polygon || canonicalJson(refs.polygon) === canonicalJson(r.polygon)),
  create: async (trx, i, refs) => ({
    ...(await repo.insertArea(trx, {
      code: i.code,
      name: i.name,
      countryCode: i.country,
      pcode: i.pcode ?? null,
      polygon: refs.polygon,
    })),
    polygon: refs.polygon,
  }),
  async update(trx, r, i, refs) {
    if (r.country_code !== i.country) {
      throw invalid('country', `area ${r.code} belongs to ${r.country_code}; it cannot move`);
    }
    const updated = await repo.updateArea(trx, r.id, r.version, {
      name: i.name,
      pcode: i.pcode ?? null,
      ...(refs.polygon ? { polygon: refs.polygon } : {}),
    });
    return { ...updated!, polygon: refs.polygon ?? r.polygon };
  },
  auditTarget: (r) => ({ entityType: 'area', entityId: r.id, countryCode: r.country_code }),
};

const stationSchema = z.object({ code, name: text, area: code, lat, lon });
type StationRefs = { area: repo.AreaRow };
const stations: ImportHandler<z.infer<typeof stationSchema>, StationRefs, repo.StationRow> = {
  entity: 'station',
  permission: 'geo.write',
  schema: stationSchema,
  key: (i) => i.code,
  async resolve(trx, i, ctx) {
    const area = await repo.findAreaByCode(trx, i.area);
    if (!area) throw invalid('area', `no area has the code ${i.area}`);
    if (!ctx.boundaries.has(area.country_code)) {
      const country = await repo.findCountry(trx, area.country_code);
      ctx.boundaries.set(area.country_code, (country?.boundary as AreaGeometry | null) ?? null);
    }
    const boundary = ctx.boundaries.get(area.country_code);
    if (boundary && !containsPoint(boundary, i.lon, i.lat)) {
      throw invalid('lat', `(${i.lat}, ${i.lon}) is outside ${area.country_code}`);
    }
    return { area };
  },
  scope: (refs) => ({ countryCode: refs.area.country_code, areaId: refs.area.id }),
  deniedMessage: (refs) => `you may not write duty stations in ${refs.area.code}`,
  find: (trx, i) => repo.findStationByCode(trx, i.code),
  existingScope: (r) => ({ countryCode: r.country_code, areaId: r.area_id }),
  present: presentStation,
  same: (r, i, refs) => r.name === i.name && r.area_id === refs.area.id && r.lat === i.lat && r.lon === i.lon,
  create: (trx, i, refs) =>
    repo.insertStation(trx, {
      code: i.code,
      name: i.name,
      countryCode: refs.area.country_code,
      areaId: refs.area.id,
      lat: i.lat,
      lon: i.lon,
    }),
  update: async (trx, r, i, refs) =>
    (await repo.updateStation(trx, r.id, r.version, {
      name: i.name,
      area_id: refs.area.id,
      country_code: refs.area.country_code,
      lat: i.lat,
      lon: i.lon,
    }))!,
  auditTarget: (r) => ({ entityType: 'duty_station', entityId: r.id, countryCode: r.country_code }),
};

const premisesSchema = z.object({
  code,
  name: text,
  kind: oneOf(PREMISES_KINDS),
  organization: code,
  station: code,
  lat: lat.optional(),
  lon: lon.optional(),
  address: z.string().trim().max(500).optional(),
});
type PremisesInput = z.infer<typeof premisesSchema>;
type PremisesRefs = { org: repo.OrganizationRow; station: repo.StationRow };
const premisesValues = (i: PremisesInput, refs: PremisesRefs): repo.PremisesValues => ({
  code: i.code,
  name: i.name,
  kind: i.kind,
  organization_id: refs.org.id,
  station_id: refs.station.id,
  lat: i.lat ?? null,
  lon: i.lon ?? null,
  address: i.address ?? '',
});
const premises: ImportHandler<PremisesInput, PremisesRefs, repo.PremisesRow> = {
  entity: 'premises',
  permission: 'premises.write',
  schema: premisesSchema,
  key: (i) => i.code,
  async resolve(trx, i) {
    const org = await repo.findOrganizationByCode(trx, i.organization);
    if (!org) throw invalid('organization', `no organization has the code ${i.organization}`);
    const station = await repo.findStationByCode(trx, i.station);
    if (!station) throw invalid('station', `no duty station has the code ${i.station}`);
    return { org, station };
  },
  scope: (refs) => ({
    organizationId: refs.org.id,
    countryCode: refs.station.country_code,
    areaId: refs.station.area_id,
  }),
  deniedMessage: (refs) => `you may not write premises of ${refs.org.code} in ${refs.station.code}`,
  find: (trx, i) => repo.findPremisesByCode(trx, i.code),
  existingScope: (r) => ({
    organizationId: r.organization_id,
    countryCode: r.country_code,
    areaId: r.area_id,
  }),
  present: presentPremises,
  same: (r, i, refs) => {
    const v = premisesValues(i, refs);
    return (
      r.name === v.name &&
      r.kind === v.kind &&
      r.organization_id === v.organization_id &&
      r.station_id === v.station_id &&
      r.lat === v.lat &&
      r.lon === v.lon &&
      r.address === v.address
    );
  },
  create: (trx, i, refs) => repo.insertPremises(trx, premisesValues(i, refs)),
  update: async (trx, r, i, refs) =>
    (await repo.updatePremises(trx, r.id, r.version, premisesValues(i, refs)))!,
  auditTarget: (r) => ({
    entityType: 'premises',
    entityId: r.id,
    orgId: r.organization_id,
    countryCode: r.country_code,
  }),
};

export const IMPORT_HANDLERS: Record<ImportKind, ImportHandler<never, never, never>> = {
  organizations: organizations as unknown as ImportHandler<never, never, never>,
  areas: areas as unknown as ImportHandler<never, never, never>,
  stations: stations as unknown as ImportHandler<never, never, never>,
  premises: premises as unknown as ImportHandler<never, never, never>,
};
