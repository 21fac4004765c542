import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../../db/tables';
import type { ScopeFilter } from '../../server/access/rules';

type Db = Kysely<DB>;
type Cond = RawBuilder<unknown>;

/** Where to look: any of an area, a country and a radius (all given must hold). */
export interface Place {
  areaId?: string;
  countryCode?: string;
  near?: { lat: number; lon: number; km: number };
}

export interface WhoFilter {
  place: Place;
  at: Date;
  /** Null for a global reader: no scope condition at all. */
  scope: ScopeFilter | null;
  organizationId?: string;
  recruitment?: 'international' | 'local';
  kind?: 'personnel' | 'dependant';
}

/**
 * Everyone away on cleared or pending travel at `at`, one segment each (the latest arrival wins):
 * a few thousand rows worldwide, found through the range index of the whoiswhere migration.
 * Segments without coordinates take their duty station's, so the radius sees them. Materialized:
 * both sources below read it, and it must not be re-planned per person.
 */
const moving = (at: Date) => sql`moving AS MATERIALIZED (
  SELECT DISTINCT ON (t.person_id) t.person_id, t.area_id, t.country_code, t.station_id, t.request_id,
    t.departs_at, t.leaves_airport, coalesce(t.lat, ts.lat) AS lat, coalesce(t.lon, ts.lon) AS lon
  FROM travel_segments t LEFT JOIN duty_stations ts ON ts.id = t.station_id
  WHERE tstzrange(t.arrives_at, t.departs_at, '[)') @> ${at.toISOString()}::timestamptz
    AND t.status IN ('cleared', 'pending')
  ORDER BY t.person_id, t.arrives_at DESC, t.id)`;

/** The place condition on a relation with area_id, country_code, lat and lon columns. */
function placeCond(place: Place, alias: 's' | 'm'): Cond {
  const col = (c: string) => sql.ref(`${alias}.${c}`);
  const conds: Cond[] = [];
  if (place.areaId) conds.push(sql`${col('area_id')} = ${place.areaId}::uuid`);
  if (place.countryCode) conds.push(sql`${col('country_code')} = ${place.countryCode}`);
  if (place.near) {
    const { lat, lon, km } = place.near;
    const centre = sql`ll_to_earth(${lat}::float8, ${lon}::float8)`;
    const point = sql`ll_to_earth(${col('lat')}, ${col('lon')})`;
    // The box lets the gist index of duty stations answer; the distance trims its corners.
    conds.push(
      sql`earth_box(${centre}, ${km * 1000}::float8) @> ${point} AND earth_distance(${centre}, ${point}) <= ${km * 1000}::float8`,
    );
  }
  return conds.length ? sql.join(conds, sql` AND `) : sql`true`;
}

/**
 * The location.read scope, by where the person is: organizations' people anywhere; country and
 * area roles the people present there (travellers from elsewhere included, their own nationals
 * abroad not).
 */
function scopeCond(scope: ScopeFilter | null, alias: 's' | 'm'): Cond {
  if (!scope || scope.global) return sql`true`;
  const ors: Cond[] = [];
  if (scope.organizationIds.length) ors.push(sql`p.organization_id = ANY(${scope.organizationIds}::uuid[])`);
  if (scope.countryCodes.length)
    ors.push(sql`${sql.ref(`${alias}.country_code`)} = ANY(${scope.countryCodes}::text[])`);
  if (scope.areaIds.length) ors.push(sql`${sql.ref(`${alias}.area_id`)} = ANY(${scope.areaIds}::uuid[])`);
  return ors.length ? sql`(${sql.join(ors, sql` OR `)})` : sql`false`;
}

function personCond(f: WhoFilter, kinds: readonly string[] | null): Cond {
  const conds: Cond[] = [sql`true`];
  if (f.organizationId) conds.push(sql`p.organization_id = ${f.organizationId}::uuid`);
  if (f.recruitment) conds.push(sql`p.recruitment = ${f.recruitment}`);
  if (f.kind) conds.push(sql`p.kind = ${f.kind}`);
  else if (kinds) conds.push(sql`p.kind = ANY(${kinds}::text[])`);
  return sql.join(conds, sql` AND `);
}

/** People at a station of the place who are not away: the index-only half (people_presence_idx). */
const stationed = (f: WhoFilter, kinds: readonly string[] | null) => sql`
  FROM duty_stations s JOIN people p ON p.duty_station_id = s.id AND p.status = 'active'
  WHERE ${placeCond(f.place, 's')} AND ${scopeCond(f.scope, 's')} AND ${personCond(f, kinds)}
    AND NOT EXISTS (SELECT 1 FROM moving m WHERE m.person_id = p.id)`;

/** Travellers present in the place (a stopover inside the airport is no presence). */
const travelling = (f: WhoFilter, kinds: readonly string[] | null) => sql`
  FROM moving m JOIN people p ON p.id = m.person_id AND p.status = 'active'
  WHERE m.leaves_airport AND ${placeCond(f.place, 'm')} AND ${scopeCond(f.scope, 'm')} AND ${personCond(f, kinds)}`;

export interface CountRow {
  source: 'duty_station' | 'travel';
  organization: string;
  kind: 'personnel' | 'dependant';
  recruitment: 'international' | 'local';
  n: number;
}

/** One aggregate per source, in one statement (the travel set is computed once). */
export async function countPresent(db: Db, f: WhoFilter): Promise<CountRow[]> {
  const r = await sql<CountRow>`
    WITH ${moving(f.at)},
    groups AS (
      SELECT 'duty_station' AS source, p.organization_id, p.kind, p.recruitment, count(*)::int AS n
      ${stationed(f, null)} GROUP BY 2, 3, 4
      UNION ALL
      SELECT 'travel', p.organization_id, p.kind, p.recruitment, count(*)::int
      ${travelling(f, null)} GROUP BY 2, 3, 4)
    SELECT g.source, o.code AS organization, g.kind, g.recruitment, g.n
    FROM groups g JOIN organizations o ON o.id = g.organization_id`.execute(db);
  return r.rows;
}

export interface PresentRow {
  id: string;
  source: 'duty_station' | 'travel';
  given_name: string;
  family_name: string;
  organization: string;
  kind: 'personnel' | 'dependant';
  recruitment: 'international' | 'local';
  area_code: string | null;
  station_code: string | null;
  reference: string | null;
  departs_at: Date | string | null;
  fix_lat: number | null;
  fix_lon: number | null;
  fix_recorded_at: Date | string | null;
}

/**
 * A page of the people present, by id after `after` (keyset): each source's first `limit` by id,
 * merged; names, codes, the travel request and the precise fix are read for the page only. A fix
 * shows when it was recorded before `at` and still kept then and now, under a rule whose precise
 * tracking is approved until after now.
 */
export async function listPresent(
  db: Db,
  f: WhoFilter,
  page: { limit: number; after?: string; kinds: readonly string[]; now: Date },
): Promise<PresentRow[]> {
  const after = page.after ? sql`AND p.id > ${page.after}::uuid` : sql``;
  const at = f.at.toISOString();
  const now = page.now.toISOString();
  const r = await sql<PresentRow>`
    WITH ${moving(f.at)},
    page AS (
      (SELECT p.id, 'duty_station' AS source, s.id AS station_id, s.area_id, NULL::uuid AS request_id,
         NULL::timestamptz AS departs_at
       ${stationed(f, page.kinds)} ${after} ORDER BY p.id LIMIT ${page.limit})
      UNION ALL
      (SELECT p.id, 'travel', m.station_id, m.area_id, m.request_id, m.departs_at
       ${travelling(f, page.kinds)} ${after} ORDER BY p.id LIMIT ${page.limit})
      ORDER BY id LIMIT ${page.limit})
    SELECT pg.id, pg.source, p.given_name, p.family_name, o.code AS organization, p.kind, p.recruitment,
      a.code AS area_code, st.code AS station_code, r.reference, pg.departs_at,
      fix.lat AS fix_lat, fix.lon AS fix_lon, fix.recorded_at AS fix_recorded_at
    FROM page pg
    JOIN people p ON p.id = pg.id
    JOIN organizations o ON o.id = p.organization_id
    LEFT JOIN areas a ON a.id = pg.area_id
    LEFT JOIN duty_stations st ON st.id = pg.station_id
    LEFT JOIN travel_requests r ON r.id = pg.request_id
    LEFT JOIN LATERAL (
      SELECT l.lat, l.lon, l.recorded_at FROM precise_locations l JOIN clearance_rules c ON c.id = l.rule_id
      WHERE l.person_id = pg.id AND l.recorded_at <= ${at}::timestamptz
        AND l.expires_at > ${at}::timestamptz AND l.expires_at > ${now}::timestamptz
        AND c.precise_tracking AND c.precise_until > ${now}::timestamptz
      ORDER BY l.recorded_at DESC LIMIT 1) fix ON true
    ORDER BY pg.id`.execute(db);
  return r.rows;
}

export const areaByCode = (db: Db, code: string) =>
  db.selectFrom('areas').select(['id', 'code', 'country_code']).where('code', '=', code).executeTakeFirst();

export const organizationByCode = (db: Db, code: string) =>
  db.selectFrom('organizations').select('id').where('code', '=', code).executeTakeFirst();

/**
 * Where a person is now, for the precise-tracking check: the area and country of their covering
 * travel (a stopover inside the airport included: the airport's area rules) or of their duty station.
 */
export async function currentArea(
  db: Db,
  personId: string,
  at: Date,
): Promise<{ areaId: string | null; countryCode: string | null } | undefined> {
  const r = await sql<{ area_id: string | null; country_code: string | null }>`
    SELECT coalesce(t.area_id, s.area_id) AS area_id, coalesce(t.country_code, s.country_code) AS country_code
    FROM people p
    LEFT JOIN duty_stations s ON s.id = p.duty_station_id
    LEFT JOIN LATERAL (
      SELECT area_id, country_code FROM travel_segments
      WHERE person_id = p.id AND status IN ('cleared', 'pending')
        AND arrives_at <= ${at.toISOString()}::timestamptz AND departs_at > ${at.toISOString()}::timestamptz
      ORDER BY arrives_at DESC, id LIMIT 1) t ON true
    WHERE p.id = ${personId}::uuid AND p.status = 'active'`.execute(db);
  const row = r.rows[0];
  return row && { areaId: row.area_id, countryCode: row.country_code };
}

/** The clearance rule in force for an area: the area's own, else its country's. */
export async function ruleFor(db: Db, countryCode: string, areaId: string | null) {
  return db
    .selectFrom('clearance_rules')
    .select(['id', 'precise_tracking', 'precise_until', 'area_id'])
    .where('country_code', '=', countryCode)
    .where((eb) =>
      areaId ? eb.or([eb('area_id', '=', areaId), eb('area_id', 'is', null)]) : eb('area_id', 'is', null),
    )
    .orderBy(sql`area_id IS NULL`)
    .executeTakeFirst();
}

export async function insertFix(
  db: Db,
  v: { personId: string; lat: number; lon: number; recordedAt: Date; expiresAt: Date; ruleId: string },
) {
  return db
    .insertInto('precise_locations')
    .values({
      person_id: v.personId,
      lat: v.lat,
      lon: v.lon,
      recorded_at: v.recordedAt,
      expires_at: v.expiresAt,
      rule_id: v.ruleId,
    })
    .returning(['id', 'person_id', 'lat', 'lon', 'recorded_at', 'expires_at'])
    .executeTakeFirstOrThrow();
}

export async function deleteFixes(db: Db, personId: string): Promise<number> {
  const r = await db.deleteFrom('precise_locations').where('person_id', '=', personId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Deletes every fix past its expiry; the count deleted. */
export async function deleteExpiredFixes(db: Db, now: Date): Promise<number> {
  const r = await db.deleteFrom('precise_locations').where('expires_at', '<=', now).executeTakeFirst();
  return Number(r.numDeletedRows);
}
