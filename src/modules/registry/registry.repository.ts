import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/tables';

type Db = Kysely<DB>;

/** Filter by scope: null = no restriction. Applied by list queries of scoped data. */
export interface ScopeWhere {
  organizationIds: string[];
  countryCodes: string[];
  areaIds: string[];
}

// ---- organizations -------------------------------------------------------------------------

const orgColumns = (db: Db) =>
  db
    .selectFrom('organizations as o')
    .leftJoin('organizations as p', 'p.id', 'o.counted_in_id')
    .select([
      'o.id',
      'o.code',
      'o.name',
      'o.type',
      'o.counted_in_id',
      'p.code as counted_in_code',
      'o.version',
      'o.created_at',
      'o.updated_at',
    ]);
export type OrganizationRow = Awaited<ReturnType<ReturnType<typeof orgColumns>['executeTakeFirstOrThrow']>>;

export const listOrganizations = (db: Db) => orgColumns(db).orderBy('o.code').execute();
export const findOrganizationById = (db: Db, id: string) =>
  orgColumns(db).where('o.id', '=', id).executeTakeFirst();
export const findOrganizationByCode = (db: Db, code: string) =>
  orgColumns(db).where(sql`lower(o.code)`, '=', code.toLowerCase()).executeTakeFirst();

export async function insertOrganization(
  db: Db,
  v: { code: string; name: string; type: OrganizationRow['type']; countedInId: string | null },
) {
  const { id } = await db
    .insertInto('organizations')
    .values({ code: v.code, name: v.name, type: v.type, counted_in_id: v.countedInId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return (await findOrganizationById(db, id))!;
}

/** Optimistic update: applies only when the stored version is `version`; undefined otherwise. */
export async function updateOrganization(
  db: Db,
  id: string,
  version: number,
  v: Partial<{ name: string; type: OrganizationRow['type']; counted_in_id: string | null }>,
) {
  const r = await db
    .updateTable('organizations')
    .set({ ...v, version: sql`version + 1`, updated_at: new Date() })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  return r ? findOrganizationById(db, id) : undefined;
}

// ---- countries -----------------------------------------------------------------------------

export function listCountries(db: Db) {
  return db
    .selectFrom('countries as c')
    .select([
      'c.code',
      'c.iso2',
      'c.name',
      'c.region',
      'c.subregion',
      'c.lat',
      'c.lon',
      (eb) =>
        eb
          .selectFrom('areas')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('areas.country_code', '=', 'c.code')
          .as('area_count'),
      (eb) =>
        eb
          .selectFrom('duty_stations')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('duty_stations.country_code', '=', 'c.code')
          .as('station_count'),
    ])
    .orderBy('c.name')
    .execute();
}

export const findCountry = (db: Db, code: string) =>
  db.selectFrom('countries').selectAll().where('code', '=', code.toUpperCase()).executeTakeFirst();

export async function countryCodes(db: Db): Promise<Set<string>> {
  return new Set((await db.selectFrom('countries').select('code').execute()).map((r) => r.code));
}

export interface CountryInput {
  code: string;
  iso2: string;
  numeric: string | null;
  name: string;
  region: string;
  subregion: string;
  lat: number | null;
  lon: number | null;
  boundary: unknown | null;
}

/** Inserts or refreshes reference countries (ISO 3166 with Natural Earth boundaries). */
export async function upsertCountries(db: Db, rows: CountryInput[]) {
  for (let i = 0; i < rows.length; i += 50) {
    const chunk = rows.slice(i, i + 50).map((c) => ({
      code: c.code,
      iso2: c.iso2,
      numeric: c.numeric,
      name: c.name,
      region: c.region,
      subregion: c.subregion,
      lat: c.lat,
      lon: c.lon,
      boundary: c.boundary === null ? null : JSON.stringify(c.boundary),
    }));
    await db
      .insertInto('countries')
      .values(chunk)
      .onConflict((oc) =>
        oc.column('code').doUpdateSet((eb) => ({
          iso2: eb.ref('excluded.iso2'),
          numeric: eb.ref('excluded.numeric'),
          name: eb.ref('excluded.name'),
          region: eb.ref('excluded.region'),
          subregion: eb.ref('excluded.subregion'),
          lat: eb.ref('excluded.lat'),
          lon: eb.ref('excluded.lon'),
          boundary: eb.ref('excluded.boundary'),
          updated_at: new Date(),
        })),
      )
      .execute();
  }
}

// ---- areas ---------------------------------------------------------------------------------

const areaColumns = (db: Db) =>
  db
    .selectFrom('areas as a')
    .select([
      'a.id',
      'a.code',
      'a.name',
      'a.country_code',
      'a.pcode',
      'a.version',
      sql<boolean>`a.polygon IS NOT NULL`.as('has_polygon'),
      (eb) =>
        eb
          .selectFrom('duty_stations')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('duty_stations.area_id', '=', 'a.id')
          .as('station_count'),
    ]);
export type AreaRow = Awaited<ReturnType<ReturnType<typeof areaColumns>['executeTakeFirstOrThrow']>>;

export function listAreas(db: Db, f: { country?: string; q?: string }) {
  let q = areaColumns(db).orderBy('a.code');
  if (f.country) q = q.where('a.country_code', '=', f.country);
  if (f.q) q = q.where((eb) => eb.or([eb('a.name', 'ilike', `%${f.q}%`), eb('a.code', 'ilike', `%${f.q}%`)]));
  return q.execute();
}
export const findAreaById = (db: Db, id: string) => areaColumns(db).where('a.id', '=', id).executeTakeFirst();
export const findAreaByCode = (db: Db, code: string) =>
  areaColumns(db).where(sql`lower(a.code)`, '=', code.toLowerCase()).executeTakeFirst();
export const findAreaPolygon = async (db: Db, id: string) =>
  (await db.selectFrom('areas').select('polygon').where('id', '=', id).executeTakeFirst())?.polygon ?? null;

export async function insertArea(
  db: Db,
  v: { code: string; name: string; countryCode: string; pcode: string | null; polygon: unknown | null },
) {
  const { id } = await db
    .insertInto('areas')
    .values({
      code: v.code,
      name: v.name,
      country_code: v.countryCode,
      pcode: v.pcode,
      polygon: v.polygon === null ? null : JSON.stringify(v.polygon),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return (await findAreaById(db, id))!;
}

export async function updateArea(
  db: Db,
  id: string,
  version: number,
  v: Partial<{ name: string; pcode: string | null; polygon: unknown | null }>,
) {
  const { polygon, ...rest } = v;
  const r = await db
    .updateTable('areas')
    .set({
      ...rest,
      ...(polygon !== undefined ? { polygon: polygon === null ? null : JSON.stringify(polygon) } : {}),
      version: sql`version + 1`,
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  return r ? findAreaById(db, id) : undefined;
}

export function areaFeatures(db: Db, country?: string) {
  let q = db
    .selectFrom('areas')
    .select(['id', 'code', 'name', 'country_code', 'polygon'])
    .where('polygon', 'is not', null)
    .orderBy('code');
  if (country) q = q.where('country_code', '=', country);
  return q.execute();
}

// ---- duty stations -------------------------------------------------------------------------

const stationColumns = (db: Db) =>
  db
    .selectFrom('duty_stations as s')
    .innerJoin('areas as a', 'a.id', 's.area_id')
    .select([
      's.id',
      's.code',
      's.name',
      's.country_code',
      's.area_id',
      'a.code as area_code',
      's.lat',
      's.lon',
      's.version',
    ]);
export type StationRow = Awaited<ReturnType<ReturnType<typeof stationColumns>['executeTakeFirstOrThrow']>>;

export function listStations(db: Db, f: { country?: string; area?: string; q?: string }) {
  let q = stationColumns(db).orderBy('s.code');
  if (f.country) q = q.where('s.country_code', '=', f.country);
  if (f.area) q = q.where(sql`lower(a.code)`, '=', f.area.toLowerCase());
  if (f.q) q = q.where((eb) => eb.or([eb('s.name', 'ilike', `%${f.q}%`), eb('s.code', 'ilike', `%${f.q}%`)]));
  return q.execute();
}
export const findStationById = (db: Db, id: string) =>
  stationColumns(db).where('s.id', '=', id).executeTakeFirst();
export const findStationByCode = (db: Db, code: string) =>
  stationColumns(db).where(sql`lower(s.code)`, '=', code.toLowerCase()).executeTakeFirst();

export async function insertStation(
  db: Db,
  v: { code: string; name: string; countryCode: string; areaId: string; lat: number; lon: number },
) {
  const { id } = await db
    .insertInto('duty_stations')
    .values({
      code: v.code,
      name: v.name,
      country_code: v.countryCode,
      area_id: v.areaId,
      lat: v.lat,
      lon: v.lon,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return (await findStationById(db, id))!;
}

export async function updateStation(
  db: Db,
  id: string,
  version: number,
  v: Partial<{ name: string; area_id: string; country_code: string; lat: number; lon: number }>,
) {
  const r = await db
    .updateTable('duty_stations')
    .set({ ...v, version: sql`version + 1`, updated_at: new Date() })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  return r ? findStationById(db, id) : undefined;
}

// ---- premises ------------------------------------------------------------------------------

const premisesColumns = (db: Db) =>
  db
    .selectFrom('premises as p')
    .innerJoin('organizations as o', 'o.id', 'p.organization_id')
    .innerJoin('duty_stations as s', 's.id', 'p.station_id')
    .select([
      'p.id',
      'p.code',
      'p.name',
      'p.kind',
      'p.organization_id',
      'o.code as organization_code',
      'p.station_id',
      's.code as station_code',
      's.country_code',
      's.area_id',
      'p.lat',
      'p.lon',
      'p.address',
      'p.version',
    ]);
export type PremisesRow = Awaited<ReturnType<ReturnType<typeof premisesColumns>['executeTakeFirstOrThrow']>>;

export function listPremises(
  db: Db,
  f: { country?: string; organizationId?: string; q?: string },
  scope: ScopeWhere | null,
) {
  let q = premisesColumns(db).orderBy('p.code');
  if (f.country) q = q.where('s.country_code', '=', f.country);
  if (f.organizationId) q = q.where('p.organization_id', '=', f.organizationId);
  if (f.q) q = q.where((eb) => eb.or([eb('p.name', 'ilike', `%${f.q}%`), eb('p.code', 'ilike', `%${f.q}%`)]));
  if (scope) {
    q = q.where((eb) =>
      eb.or([
        ...(scope.organizationIds.length ? [eb('p.organization_id', 'in', scope.organizationIds)] : []),
        ...(scope.countryCodes.length ? [eb('s.country_code', 'in', scope.countryCodes)] : []),
        ...(scope.areaIds.length ? [eb('s.area_id', 'in', scope.areaIds)] : []),
        eb.val(false),
      ]),
    );
  }
  return q.execute();
}
export const findPremisesById = (db: Db, id: string) =>
  premisesColumns(db).where('p.id', '=', id).executeTakeFirst();
export const findPremisesByCode = (db: Db, code: string) =>
  premisesColumns(db).where(sql`lower(p.code)`, '=', code.toLowerCase()).executeTakeFirst();

export interface PremisesValues {
  code: string;
  name: string;
  kind: string;
  organization_id: string;
  station_id: string;
  lat: number | null;
  lon: number | null;
  address: string;
}

export async function insertPremises(db: Db, v: PremisesValues) {
  const { id } = await db.insertInto('premises').values(v).returning('id').executeTakeFirstOrThrow();
  return (await findPremisesById(db, id))!;
}

export async function updatePremises(db: Db, id: string, version: number, v: Partial<PremisesValues>) {
  const r = await db
    .updateTable('premises')
    .set({ ...v, version: sql`version + 1`, updated_at: new Date() })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  return r ? findPremisesById(db, id) : undefined;
}
