/**
 * Who belongs to which warden zone, computed in SQL at read time (never stored, so a change of
 * duty station, residence or sponsor shows at once). The same rules as `rules.ts#zonesOf`:
 * explicit assignment > duty station in the zone's list > residence area in its list > duty
 * station's point in its polygon, ties by zone code; a dependant follows their sponsor unless
 * assigned; at most one geographic zone and one zone of the person's own organization.
 *
 * Roll call (and anything else) reads membership through the three exported functions below.
 */
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../../db/tables';

export interface ZoneOfPerson {
  zoneId: string;
  zoneCode: string;
  zoneName: string;
  kind: 'geographic' | 'organization';
  wardens: { userId: string; name: string; email: string | null; role: 'warden' | 'deputy' }[];
}

/** Ids per statement: keeps the parameter array and the plan small at any list size. */
const CHUNK = 2000;

export interface MembershipRow {
  person_id: string;
  zone_id: string;
  code: string;
  name: string;
  kind: 'geographic' | 'organization';
  /** 0 own assignment, 1 sponsor's assignment, 2 station, 3 residence area, 4 polygon. */
  rank: number;
}

/**
 * The membership of the people that `subject` selects (a SELECT yielding a `person_id` column):
 * one row per person and kind of zone they belong to. Inactive people have no zone.
 */
export function membershipSql(subject: RawBuilder<unknown>): RawBuilder<MembershipRow> {
  return sql<MembershipRow>`
    WITH subj AS (${subject}),
    sub AS MATERIALIZED (
      SELECT p.id AS person_id, p.organization_id,
        CASE WHEN p.kind = 'dependant' AND p.sponsor_id IS NOT NULL THEN p.sponsor_id ELSE p.id END AS placed_id
      FROM people p
      WHERE p.id IN (SELECT person_id FROM subj) AND p.status = 'active'
    ),
    pl AS MATERIALIZED (
      SELECT sub.person_id, sub.placed_id, q.duty_station_id, q.residence_area_id, d.lat, d.lon
      FROM sub JOIN people q ON q.id = sub.placed_id
      LEFT JOIN duty_stations d ON d.id = q.duty_station_id
    ),
    cand AS (
      SELECT sub.person_id, a.zone_id, 0 AS rank
      FROM sub JOIN warden_assignments a ON a.person_id = sub.person_id
      UNION ALL
      SELECT pl.person_id, a.zone_id, 1
      FROM pl JOIN warden_assignments a ON a.person_id = pl.placed_id
      WHERE pl.placed_id <> pl.person_id
      UNION ALL
      SELECT pl.person_id, zs.zone_id, 2
      FROM pl JOIN warden_zone_stations zs ON zs.station_id = pl.duty_station_id
      UNION ALL
      SELECT pl.person_id, za.zone_id, 3
      FROM pl JOIN warden_zone_areas za ON za.area_id = pl.residence_area_id
      UNION ALL
      SELECT pl.person_id, r.zone_id, 4
      FROM pl JOIN warden_zone_rings r ON r.ring = 0 AND r.shape @> point(pl.lon, pl.lat)
      WHERE pl.lat IS NOT NULL
        AND NOT EXISTS (
          SELECT 1 FROM warden_zone_rings h
          WHERE h.zone_id = r.zone_id AND h.part = r.part AND h.ring > 0 AND h.shape @> point(pl.lon, pl.lat))
    )
    SELECT DISTINCT ON (c.person_id, z.kind)
      c.person_id, z.id AS zone_id, z.code, z.name, z.kind, c.rank
    FROM cand c
    JOIN sub ON sub.person_id = c.person_id
    JOIN warden_zones z ON z.id = c.zone_id
    WHERE z.archived_at IS NULL AND (z.kind = 'geographic' OR z.organization_id = sub.organization_id)
    ORDER BY c.person_id, z.kind, c.rank, z.code COLLATE "C"`;
}

/**
 * The people a zone might claim (before the most-specific rule): one SELECT of `person_id`.
 * Separated people stay in this set so that their active dependants are reached; the membership
 * statement then leaves out whoever is not active.
 */
export function zoneCandidatesSql(zoneId: string): RawBuilder<unknown> {
  return sql`
    WITH direct AS (
      SELECT a.person_id FROM warden_assignments a WHERE a.zone_id = ${zoneId}::uuid
      UNION
      SELECT p.id FROM warden_zone_stations zs
      JOIN people p ON p.duty_station_id = zs.station_id
      WHERE zs.zone_id = ${zoneId}::uuid
      UNION
      SELECT p.id FROM warden_zone_areas za
      JOIN people p ON p.residence_area_id = za.area_id
      WHERE za.zone_id = ${zoneId}::uuid
      UNION
      SELECT p.id FROM warden_zones z
      JOIN duty_stations d ON d.country_code = z.country_code
      JOIN warden_zone_rings r ON r.zone_id = z.id AND r.ring = 0 AND r.shape @> point(d.lon, d.lat)
      JOIN people p ON p.duty_station_id = d.id
      WHERE z.id = ${zoneId}::uuid
    )
    SELECT person_id FROM direct
    UNION
    SELECT p.id FROM people p JOIN direct ON p.sponsor_id = direct.person_id
    WHERE p.kind = 'dependant' AND p.status = 'active'`;
}

/** The wardens of some zones, warden before deputy, by name; disabled users left out. */
export async function wardensOfZones(
  db: Kysely<DB>,
  zoneIds: readonly string[],
): Promise<Map<string, ZoneOfPerson['wardens']>> {
  const out = new Map<string, ZoneOfPerson['wardens']>();
  if (zoneIds.length === 0) return out;
  const rows = await db
    .selectFrom('wardens as w')
    .innerJoin('users as u', 'u.id', 'w.user_id')
    .select(['w.zone_id', 'w.user_id', 'w.role', 'u.display_name', 'u.email'])
    .where('w.zone_id', 'in', [...new Set(zoneIds)])
    .where('u.status', '=', 'active')
    .orderBy('w.zone_id')
    .orderBy(sql`w.role = 'deputy'`)
    .orderBy('u.display_name')
    .execute();
  for (const r of rows) {
    const list = out.get(r.zone_id) ?? [];
    list.push({ userId: r.user_id, name: r.display_name, email: r.email, role: r.role });
    out.set(r.zone_id, list);
  }
  return out;
}

/** Every zone each person belongs to (0–2 per person), with its wardens. Efficient for 10,000 ids (set-based SQL, chunked). */
export async function zonesOfPeople(
  db: Kysely<DB>,
  personIds: readonly string[],
): Promise<Map<string, ZoneOfPerson[]>> {
  const result = new Map<string, ZoneOfPerson[]>();
  const ids = [...new Set(personIds)].filter((id) => UUID.test(id));
  const rows: MembershipRow[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const subject = sql`SELECT unnest(${chunk}::uuid[]) AS person_id`;
    rows.push(...(await membershipSql(subject).execute(db)).rows);
  }
  const wardens = await wardensOfZones(
    db,
    rows.map((r) => r.zone_id),
  );
  for (const r of rows) {
    const list = result.get(r.person_id) ?? [];
    list.push({
      zoneId: r.zone_id,
      zoneCode: r.code,
      zoneName: r.name,
      kind: r.kind,
      wardens: (wardens.get(r.zone_id) ?? []).map((w) => ({ ...w })),
    });
    result.set(r.person_id, list);
  }
  // Geographic first, for a stable order.
  for (const list of result.values())
    list.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'geographic' ? -1 : 1));
  return result;
}

/** The ids of the active people (personnel and dependants) who belong to a zone. */
export async function peopleInZone(db: Kysely<DB>, zoneId: string): Promise<string[]> {
  if (!UUID.test(zoneId)) return [];
  const { rows } = await sql<{ person_id: string }>`
    SELECT m.person_id FROM (${membershipSql(zoneCandidatesSql(zoneId))}) m
    WHERE m.zone_id = ${zoneId}::uuid
    ORDER BY m.person_id`.execute(db);
  return rows.map((r) => r.person_id);
}

/** A zone by its code, in any case; archived zones are not returned (they claim no one). */
export async function zoneByCode(
  db: Kysely<DB>,
  code: string,
): Promise<
  | {
      id: string;
      code: string;
      name: string;
      country_code: string;
      kind: string;
      organization_id: string | null;
    }
  | undefined
> {
  return db
    .selectFrom('warden_zones')
    .select(['id', 'code', 'name', 'country_code', 'kind', 'organization_id'])
    .where(sql<boolean>`lower(code) = lower(${code})`)
    .where('archived_at', 'is', null)
    .executeTakeFirst();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
