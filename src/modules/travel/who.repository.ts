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
 * Everyone away on cleared or pending travel at `at`: a few thousand segments worldwide, read from
 * the covering range index of the whoiswhere_speed migration without touching the table.
 * Materialized: both sources below read it, and it must not be re-planned per person. Overlapping
 * segments of one person stay in; the travelling source keeps only the latest arrival.
 */
const moving = (at: Date) => sql`moving AS MATERIALIZED (
  SELECT t.id, t.person_id, t.area_id, t.country_code, t.station_id, t.request_id, t.arrives_at,
    t.departs_at, t.leaves_airport, t.lat, t.lon
  FROM travel_segments t
  WHERE tstzrange(t.arrives_at, t.departs_at, '[)') @> ${at.toISOString()}::timestamptz
    AND t.status IN ('cleared', 'pending'))`;

/** earthdistance's earth radius (earth()), in metres. */
const EARTH_M = 6_378_168;

/**
 * A latitude/longitude box holding every point within `km` of the centre on earthdistance's
 * sphere, padded: plain float comparisons that spare ll_to_earth on the segments outside it. No
 * longitude bound near a pole or across the antimeridian (the exact test alone decides there).
 */
export function latLonBox(lat: number, lon: number, km: number) {
  const d = (km * 1000) / EARTH_M; // radians of arc
  const deg = (r: number) => (r * 180) / Math.PI;
  const dLat = deg(d) * 1.01 + 1e-6;
  const rLat = (lat * Math.PI) / 180;
  const lonBound =
    Math.abs(lat) + dLat < 89 && d < Math.PI / 2
      ? deg(Math.asin(Math.min(1, Math.sin(d) / Math.cos(rLat)))) * 1.01 + 1e-6
      : null;
  const lonRange =
    lonBound !== null && lon - lonBound >= -180 && lon + lonBound <= 180
      ? { min: lon - lonBound, max: lon + lonBound }
      : null;
  return { minLat: lat - dLat, maxLat: lat + dLat, lon: lonRange };
}

/** The place condition on a relation: its area, country and coordinates. */
function placeCond(
  place: Place,
  c: { area: Cond; country: Cond; lat: Cond; lon: Cond },
  prefilter: boolean,
): Cond {
  const conds: Cond[] = [];
  if (place.areaId) conds.push(sql`${c.area} = ${place.areaId}::uuid`);
  if (place.countryCode) conds.push(sql`${c.country} = ${place.countryCode}`);
  if (place.near) {
    const { lat, lon, km } = place.near;
    if (prefilter) {
      // Travel segments have no spatial index here: a cheap box first, the exact test after.
      const box = latLonBox(lat, lon, km);
      conds.push(sql`${c.lat} BETWEEN ${box.minLat}::float8 AND ${box.maxLat}::float8`);
      if (box.lon) conds.push(sql`${c.lon} BETWEEN ${box.lon.min}::float8 AND ${box.lon.max}::float8`);
    }
    const centre = sql`ll_to_earth(${lat}::float8, ${lon}::float8)`;
    const point = sql`ll_to_earth(${c.lat}, ${c.lon})`;
    // The box lets the gist index of duty stations answer; the distance trims its corners.
    conds.push(
      sql`earth_box(${centre}, ${km * 1000}::float8) @> ${point} AND earth_distance(${centre}, ${point}) <= ${km * 1000}::float8`,
    );
  }
  return conds.length ? sql.join(conds, sql` AND `) : sql`true`;
}

const stationCols = { area: sql`s.area_id`, country: sql`s.country_code`, lat: sql`s.lat`, lon: sql`s.lon` };
/** A segment without coordinates takes its duty station's, so the radius sees it. */
const travelCols = {
  area: sql`m.area_id`,
  country: sql`m.country_code`,
  lat: sql`coalesce(m.lat, ts.lat)`,
  lon: sql`coalesce(m.lon, ts.lon)`,
};

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

function personCond(f: WhoFilter): Cond {
  const conds: Cond[] = [sql`true`];
  if (f.organizationId) conds.push(sql`p.organization_id = ${f.organizationId}::uuid`);
  if (f.recruitment) conds.push(sql`p.recruitment = ${f.recruitment}`);
  if (f.kind) conds.push(sql`p.kind = ${f.kind}`);
  return sql.join(conds, sql` AND `);
}

/**
 * Travellers present in the place: their latest covering segment is there and leaves the airport
 * (a stopover inside the airport is no presence). A few hundred rows at most, read by both the
 * totals and the page.
 */
const travellers = (f: WhoFilter) => sql`travellers AS MATERIALIZED (
  SELECT p.id, 'travel' AS source, p.organization_id, p.kind, p.recruitment, m.station_id, m.area_id,
    m.request_id, m.departs_at
  FROM moving m ${f.place.near ? sql`LEFT JOIN duty_stations ts ON ts.id = m.station_id` : sql``}
  JOIN people p ON p.id = m.person_id AND p.status = 'active'
  WHERE m.leaves_airport AND ${placeCond(f.place, travelCols, true)} AND ${scopeCond(f.scope, 'm')}
    AND ${personCond(f)}
    AND NOT EXISTS (SELECT 1 FROM moving w WHERE w.person_id = m.person_id
      AND (w.arrives_at > m.arrives_at OR (w.arrives_at = m.arrives_at AND w.id < m.id))))`;

/** The duty stations of the place (through their gist index for a radius). */
const stationsOf = (f: WhoFilter) => sql`stations AS MATERIALIZED (
  SELECT s.id, s.area_id, s.country_code FROM duty_stations s WHERE ${placeCond(f.place, stationCols, false)})`;

export interface CountRow {
  source: 'duty_station' | 'travel';
  organization: string;
  kind: 'personnel' | 'dependant';
  recruitment: 'international' | 'local';
  n: number;
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
 * The totals (one group per source, organization, kind and recruitment, every kind the filters
 * select) and a page of the people present, by id after `after` (keyset), in ONE statement: the
 * travel under way and the people present are computed once. Names, codes, the travel request and
 * the precise fix are read for the page only. A fix shows when it was recorded before `at` and
 * still kept then and now, under a rule whose precise tracking is approved until after now.
 */
export async function findPresent(
  db: Db,
  f: WhoFilter,
  page: { limit: number; after?: string; kinds: readonly string[]; now: Date },
): Promise<{ groups: CountRow[]; rows: PresentRow[] }> {
  const after = page.after ? sql`AND id > ${page.after}::uuid` : sql``;
  const kinds = f.kind ? sql`` : sql`AND kind = ANY(${page.kinds}::text[])`;
  const at = f.at.toISOString();
  const now = page.now.toISOString();
  const r = await sql<{ groups: CountRow[] | null; rows: PresentRow[] | null }>`
    WITH ${moving(f.at)}, ${travellers(f)}, ${stationsOf(f)},
    groups AS (
      SELECT g.source, o.code AS organization, g.kind, g.recruitment, g.n
      FROM (
        -- People at a station of the place who are not away: index-only on people_presence_idx.
        SELECT 'duty_station' AS source, p.organization_id, p.kind, p.recruitment, count(*)::int AS n
        FROM stations s JOIN people p ON p.duty_station_id = s.id AND p.status = 'active'
        WHERE ${scopeCond(f.scope, 's')} AND ${personCond(f)}
          AND NOT EXISTS (SELECT 1 FROM moving a WHERE a.person_id = p.id)
        GROUP BY 2, 3, 4
        UNION ALL
        SELECT source, organization_id, kind, recruitment, count(*)::int FROM travellers GROUP BY 1, 2, 3, 4) g
      JOIN organizations o ON o.id = g.organization_id),
    page AS (
      -- Each station's first people by id (people_presence_idx is ordered by station, then id) and
      -- the travellers', merged: the page never sorts everyone present.
      (SELECT x.id, 'duty_station' AS source, s.id AS station_id, s.area_id, NULL::uuid AS request_id,
         NULL::timestamptz AS departs_at
       FROM stations s CROSS JOIN LATERAL (
         SELECT p.id FROM people p
         WHERE p.duty_station_id = s.id AND p.status = 'active' AND ${scopeCond(f.scope, 's')}
           AND ${personCond(f)} ${kinds} ${after}
           AND p.id NOT IN (SELECT a.person_id FROM moving a)
         ORDER BY p.id LIMIT ${page.limit}) x
       ORDER BY x.id LIMIT ${page.limit})
      UNION ALL
      (SELECT pr.id, pr.source, pr.station_id, pr.area_id, pr.request_id, pr.departs_at
       FROM travellers pr WHERE true ${kinds} ${after} ORDER BY pr.id LIMIT ${page.limit})
      ORDER BY id LIMIT ${page.limit}),
    items AS (
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
        ORDER BY l.recorded_at DESC LIMIT 1) fix ON true)
    SELECT (SELECT json_agg(g) FROM groups g) AS groups,
      (SELECT json_agg(i ORDER BY i.id) FROM items i) AS rows`.execute(db);
  const row = r.rows[0];
  return { groups: row?.groups ?? [], rows: row?.rows ?? [] };
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
