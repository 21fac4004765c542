/** Warden zones, their wardens and assignments: the only database access of the module's writes. */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/tables';
import type { ScopeFilter } from '../../server/access/rules';
import { type Geometry, partsOf, ringLiteral } from './rules';

type Db = Kysely<DB>;

export interface ZoneRow {
  id: string;
  code: string;
  name: string;
  country_code: string;
  kind: 'geographic' | 'organization';
  organization_id: string | null;
  organization_code: string | null;
  organization_name: string | null;
  polygon: unknown;
  description: string;
  archived_at: Date | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  station_count: number;
  area_count: number;
  warden_count: number;
}

const zoneSelect = (db: Db) =>
  db
    .selectFrom('warden_zones as z')
    .leftJoin('organizations as o', 'o.id', 'z.organization_id')
    .select([
      'z.id',
      'z.code',
      'z.name',
      'z.country_code',
      'z.kind',
      'z.organization_id',
      'o.code as organization_code',
      'o.name as organization_name',
      'z.polygon',
      'z.description',
      'z.archived_at',
      'z.version',
      'z.created_at',
      'z.updated_at',
      sql<number>`(SELECT count(*)::int FROM warden_zone_stations s WHERE s.zone_id = z.id)`.as(
        'station_count',
      ),
      sql<number>`(SELECT count(*)::int FROM warden_zone_areas a WHERE a.zone_id = z.id)`.as('area_count'),
      sql<number>`(SELECT count(*)::int FROM wardens w JOIN users u ON u.id = w.user_id
        WHERE w.zone_id = z.id AND u.status = 'active')`.as('warden_count'),
    ]);

export async function findZone(db: Db, id: string): Promise<ZoneRow | undefined> {
  return (await zoneSelect(db).where('z.id', '=', id).executeTakeFirst()) as ZoneRow | undefined;
}

/** Zones the scope covers (country or organization grants) or where `wardenUserId` is a warden. */
export async function listZones(
  db: Db,
  scope: ScopeFilter | null,
  wardenUserId: string | null,
  filter: { country?: string; kind?: 'geographic' | 'organization'; includeArchived: boolean },
): Promise<ZoneRow[]> {
  let q = zoneSelect(db);
  if (filter.country) q = q.where('z.country_code', '=', filter.country);
  if (filter.kind) q = q.where('z.kind', '=', filter.kind);
  if (!filter.includeArchived) q = q.where('z.archived_at', 'is', null);
  if (!scope?.global) {
    q = q.where((eb) =>
      eb.or([
        ...(scope && scope.countryCodes.length > 0 ? [eb('z.country_code', 'in', scope.countryCodes)] : []),
        ...(scope && scope.organizationIds.length > 0
          ? [
              eb.and([
                eb('z.kind', '=', 'organization'),
                eb('z.organization_id', 'in', scope.organizationIds),
              ]),
            ]
          : []),
        ...(wardenUserId
          ? [eb('z.id', 'in', eb.selectFrom('wardens').select('zone_id').where('user_id', '=', wardenUserId))]
          : []),
        eb.val(false),
      ]),
    );
  }
  return (await q.orderBy('z.country_code').orderBy('z.code').limit(2000).execute()) as ZoneRow[];
}

export async function zoneCodeTaken(db: Db, code: string): Promise<boolean> {
  const r = await db
    .selectFrom('warden_zones')
    .select('id')
    .where(sql<boolean>`lower(code) = lower(${code})`)
    .executeTakeFirst();
  return r !== undefined;
}

export async function insertZone(
  db: Db,
  v: {
    code: string;
    name: string;
    country_code: string;
    kind: 'geographic' | 'organization';
    organization_id: string | null;
    polygon: Geometry | null;
    description: string;
    created_by: string | null;
  },
): Promise<string> {
  const r = await db
    .insertInto('warden_zones')
    .values({ ...v, polygon: v.polygon ? JSON.stringify(v.polygon) : null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** Updates over the version read; false when someone else changed it first. */
export async function updateZone(
  db: Db,
  id: string,
  version: number,
  v: { name?: string; description?: string; polygon?: Geometry | null; archived?: boolean },
): Promise<boolean> {
  const r = await db
    .updateTable('warden_zones')
    .set({
      ...(v.name !== undefined ? { name: v.name } : {}),
      ...(v.description !== undefined ? { description: v.description } : {}),
      ...(v.polygon !== undefined ? { polygon: v.polygon ? JSON.stringify(v.polygon) : null } : {}),
      ...(v.archived ? { archived_at: new Date() } : {}),
      version: sql`version + 1`,
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Replaces the zone's native rings with those of `polygon` (none when null). */
export async function writeRings(db: Db, zoneId: string, polygon: Geometry | null): Promise<void> {
  await db.deleteFrom('warden_zone_rings').where('zone_id', '=', zoneId).execute();
  if (!polygon) return;
  const rows = partsOf(polygon).flatMap((rings, part) =>
    rings.map((ring, r) => ({ zone_id: zoneId, part, ring: r, shape: ringLiteral(ring) })),
  );
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('warden_zone_rings')
      .values(rows.slice(i, i + 500))
      .execute();
}

export async function setStations(db: Db, zoneId: string, stationIds: readonly string[]): Promise<void> {
  await db.deleteFrom('warden_zone_stations').where('zone_id', '=', zoneId).execute();
  if (stationIds.length > 0)
    await db
      .insertInto('warden_zone_stations')
      .values([...new Set(stationIds)].map((station_id) => ({ zone_id: zoneId, station_id })))
      .execute();
}

export async function setAreas(db: Db, zoneId: string, areaIds: readonly string[]): Promise<void> {
  await db.deleteFrom('warden_zone_areas').where('zone_id', '=', zoneId).execute();
  if (areaIds.length > 0)
    await db
      .insertInto('warden_zone_areas')
      .values([...new Set(areaIds)].map((area_id) => ({ zone_id: zoneId, area_id })))
      .execute();
}

export async function zoneStations(db: Db, zoneId: string) {
  return db
    .selectFrom('warden_zone_stations as zs')
    .innerJoin('duty_stations as s', 's.id', 'zs.station_id')
    .select(['s.id', 's.code', 's.name'])
    .where('zs.zone_id', '=', zoneId)
    .orderBy('s.code')
    .execute();
}

export async function zoneAreas(db: Db, zoneId: string) {
  return db
    .selectFrom('warden_zone_areas as za')
    .innerJoin('areas as a', 'a.id', 'za.area_id')
    .select(['a.id', 'a.code', 'a.name'])
    .where('za.zone_id', '=', zoneId)
    .orderBy('a.code')
    .execute();
}

/** Duty stations by code (any case): id, code and country. */
export async function stationsByCode(db: Db, codes: readonly string[]) {
  if (codes.length === 0) return [];
  return db
    .selectFrom('duty_stations')
    .select(['id', 'code', 'country_code'])
    .where(sql<boolean>`lower(code) = ANY(${codes.map((c) => c.toLowerCase())}::text[])`)
    .execute();
}

export async function areasByCode(db: Db, codes: readonly string[]) {
  if (codes.length === 0) return [];
  return db
    .selectFrom('areas')
    .select(['id', 'code', 'country_code'])
    .where(sql<boolean>`lower(code) = ANY(${codes.map((c) => c.toLowerCase())}::text[])`)
    .execute();
}

export async function countryExists(db: Db, code: string): Promise<boolean> {
  return (
    (await db.selectFrom('countries').select('code').where('code', '=', code).executeTakeFirst()) !==
    undefined
  );
}

export async function organizationByCode(db: Db, code: string) {
  return db
    .selectFrom('organizations')
    .select(['id', 'code', 'name'])
    .where(sql<boolean>`lower(code) = lower(${code})`)
    .executeTakeFirst();
}

export interface WardenRow {
  id: string;
  zone_id: string;
  user_id: string;
  username: string;
  display_name: string;
  email: string | null;
  role: 'warden' | 'deputy';
  person_id: string | null;
  appointed_by_label: string | null;
  appointed_at: Date;
  version: number;
}

export async function zoneWardens(db: Db, zoneIds: readonly string[]): Promise<WardenRow[]> {
  if (zoneIds.length === 0) return [];
  return db
    .selectFrom('wardens as w')
    .innerJoin('users as u', 'u.id', 'w.user_id')
    .leftJoin('users as b', 'b.id', 'w.appointed_by')
    .select([
      'w.id',
      'w.zone_id',
      'w.user_id',
      'u.username',
      'u.display_name',
      'u.email',
      'w.role',
      'w.person_id',
      'b.display_name as appointed_by_label',
      'w.appointed_at',
      'w.version',
    ])
    .where('w.zone_id', 'in', zoneIds)
    .where('u.status', '=', 'active')
    .orderBy('w.zone_id')
    .orderBy(sql`w.role = 'deputy'`)
    .orderBy('u.display_name')
    .execute();
}

export async function findWarden(db: Db, zoneId: string, userId: string) {
  return db
    .selectFrom('wardens')
    .selectAll()
    .where('zone_id', '=', zoneId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** The zones (not archived) where the user is a warden or deputy, with their role. */
export async function zonesWardenedBy(db: Db, userId: string) {
  return db
    .selectFrom('wardens as w')
    .innerJoin('warden_zones as z', 'z.id', 'w.zone_id')
    .select(['z.id', 'w.role'])
    .where('w.user_id', '=', userId)
    .where('z.archived_at', 'is', null)
    .orderBy('z.code')
    .execute();
}

export async function insertWarden(
  db: Db,
  v: {
    zone_id: string;
    user_id: string;
    person_id: string | null;
    role: 'warden' | 'deputy';
    appointed_by: string | null;
  },
): Promise<void> {
  await db.insertInto('wardens').values(v).execute();
}

export async function deleteWarden(db: Db, zoneId: string, userId: string): Promise<void> {
  await db.deleteFrom('wardens').where('zone_id', '=', zoneId).where('user_id', '=', userId).execute();
}

export async function userByUsername(db: Db, username: string) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'organization_id', 'status'])
    .where(sql<boolean>`lower(username) = lower(${username})`)
    .executeTakeFirst();
}

/** A person with where they (or, for a dependant, their sponsor) are stationed and live. */
export async function personPlace(db: Db, personId: string) {
  return db
    .selectFrom('people as p')
    .leftJoin('people as sp', 'sp.id', 'p.sponsor_id')
    .leftJoin('duty_stations as s', (j) =>
      j.on(sql<boolean>`s.id = coalesce(sp.duty_station_id, p.duty_station_id)`),
    )
    .leftJoin('areas as ra', (j) =>
      j.on(sql<boolean>`ra.id = coalesce(sp.residence_area_id, p.residence_area_id)`),
    )
    .select([
      'p.id',
      'p.organization_id',
      'p.kind',
      'p.status',
      'p.user_id',
      'p.given_name',
      'p.family_name',
      's.country_code as station_country',
      'ra.country_code as residence_country',
    ])
    .where('p.id', '=', personId)
    .executeTakeFirst();
}

export async function personByUser(db: Db, userId: string) {
  return db.selectFrom('people').select(['id']).where('user_id', '=', userId).executeTakeFirst();
}

export async function findAssignment(db: Db, personId: string, kind: 'geographic' | 'organization') {
  return db
    .selectFrom('warden_assignments')
    .selectAll()
    .where('person_id', '=', personId)
    .where('zone_kind', '=', kind)
    .executeTakeFirst();
}

/** Places the person in the zone, replacing their assignment to another zone of that kind. */
export async function upsertAssignment(
  db: Db,
  v: {
    person_id: string;
    zone_id: string;
    zone_kind: 'geographic' | 'organization';
    assigned_by: string | null;
  },
): Promise<void> {
  await db
    .insertInto('warden_assignments')
    .values(v)
    .onConflict((oc) =>
      oc.columns(['person_id', 'zone_kind']).doUpdateSet({
        zone_id: v.zone_id,
        assigned_by: v.assigned_by,
        assigned_at: new Date(),
        version: sql`warden_assignments.version + 1`,
      }),
    )
    .execute();
}

export async function deleteAssignment(db: Db, zoneId: string, personId: string): Promise<number> {
  const r = await db
    .deleteFrom('warden_assignments')
    .where('zone_id', '=', zoneId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function countAssignments(db: Db, zoneId: string): Promise<number> {
  const r = await db
    .selectFrom('warden_assignments')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('zone_id', '=', zoneId)
    .executeTakeFirstOrThrow();
  return r.n;
}

/** Locks the zone row for the rest of the transaction (serializes writes to one zone). */
export async function lockZone(db: Db, id: string): Promise<void> {
  await sql`SELECT 1 FROM warden_zones WHERE id = ${id}::uuid FOR UPDATE`.execute(db);
}
