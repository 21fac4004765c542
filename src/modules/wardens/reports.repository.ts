/** Reads over membership: a zone's member pages and a country's coverage. */
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../../db/tables';
import { membershipSql, zoneCandidatesSql } from './membership.repository';

type Db = Kysely<DB>;

export interface MemberRow {
  person_id: string;
  rank: number;
  given_name: string;
  family_name: string;
  kind: 'personnel' | 'dependant';
  recruitment: string;
  email: string | null;
  phone: string | null;
  organization_code: string;
  organization_name: string;
  station_name: string | null;
}

export interface MemberCursor {
  family: string;
  given: string;
  id: string;
}

/** One page of a zone's members by name, and their total; `search` matches names and e-mail. */
export async function zoneMembers(
  db: Db,
  zoneId: string,
  opts: { after?: MemberCursor; limit: number; search?: string },
): Promise<{ rows: MemberRow[]; total: number }> {
  const like = opts.search ? `%${opts.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const searchCond = like
    ? sql`AND (p.given_name || ' ' || p.family_name ILIKE ${like} OR coalesce(p.email, '') ILIKE ${like})`
    : sql``;
  const base = (select: RawBuilder<unknown>, tail: RawBuilder<unknown>) => sql`
    SELECT ${select}
    FROM (${membershipSql(zoneCandidatesSql(zoneId))}) m
    JOIN people p ON p.id = m.person_id
    JOIN organizations o ON o.id = p.organization_id
    LEFT JOIN duty_stations s ON s.id = p.duty_station_id
    WHERE m.zone_id = ${zoneId}::uuid ${searchCond} ${tail}`;
  const after = opts.after
    ? sql`AND (p.family_name, p.given_name, p.id) > (${opts.after.family}, ${opts.after.given}, ${opts.after.id}::uuid)`
    : sql``;
  const page = await sql<MemberRow>`${base(
    sql`m.person_id, m.rank, p.given_name, p.family_name, p.kind, p.recruitment, p.email, p.phone,
      o.code AS organization_code, o.name AS organization_name, s.name AS station_name`,
    sql`${after} ORDER BY p.family_name, p.given_name, p.id LIMIT ${opts.limit + 1}`,
  )}`.execute(db);
  const count = await sql<{ n: number }>`${base(sql`count(*)::int AS n`, sql``)}`.execute(db);
  return { rows: page.rows, total: count.rows[0]?.n ?? 0 };
}

/**
 * The active people of a country: personnel stationed there and the dependants of personnel
 * stationed there, optionally only of some organizations.
 */
function peopleOfCountry(country: string, organizationIds: readonly string[] | null): RawBuilder<unknown> {
  const org = (alias: string) =>
    organizationIds
      ? sql`AND ${sql.ref(`${alias}.organization_id`)} = ANY(${[...organizationIds]}::uuid[])`
      : sql``;
  return sql`
    SELECT p.id AS person_id FROM people p JOIN duty_stations s ON s.id = p.duty_station_id
    WHERE s.country_code = ${country} AND p.status = 'active' AND p.kind = 'personnel' ${org('p')}
    UNION
    SELECT d.id FROM people d JOIN people sp ON sp.id = d.sponsor_id
    JOIN duty_stations s ON s.id = sp.duty_station_id
    WHERE s.country_code = ${country} AND d.status = 'active' AND d.kind = 'dependant' ${org('d')}`;
}

export interface CoverageCounts {
  people: number;
  in_geographic: number;
  in_any: number;
  without_warden: number;
}

/** Coverage of a country's people (of some organizations, or all when null). */
export async function countryCoverage(db: Db, country: string, organizationIds: readonly string[] | null) {
  const here = peopleOfCountry(country, organizationIds);
  const withM = sql`WITH here AS MATERIALIZED (${here}),
    m AS MATERIALIZED (SELECT * FROM (${membershipSql(sql`SELECT person_id FROM here`)}) x),
    warded AS (SELECT DISTINCT w.zone_id FROM wardens w JOIN users u ON u.id = w.user_id AND u.status = 'active')`;
  const counts = await sql<CoverageCounts>`${withM}
    SELECT count(*)::int AS people,
      count(*) FILTER (WHERE geo)::int AS in_geographic,
      count(*) FILTER (WHERE zoned)::int AS in_any,
      count(*) FILTER (WHERE zoned AND NOT covered)::int AS without_warden
    FROM (
      SELECT h.person_id, coalesce(bool_or(m.kind = 'geographic'), false) AS geo,
        coalesce(bool_or(m.zone_id IS NOT NULL), false) AS zoned,
        coalesce(bool_or(wd.zone_id IS NOT NULL), false) AS covered
      FROM here h LEFT JOIN m ON m.person_id = h.person_id
      LEFT JOIN warded wd ON wd.zone_id = m.zone_id
      GROUP BY h.person_id) t`.execute(db);
  const unzoned = await sql<{
    person_id: string;
    given_name: string;
    family_name: string;
    kind: string;
    organization_code: string;
    station_name: string | null;
  }>`${withM}
    SELECT p.id AS person_id, p.given_name, p.family_name, p.kind, o.code AS organization_code,
      s.name AS station_name
    FROM here h JOIN people p ON p.id = h.person_id
    JOIN organizations o ON o.id = p.organization_id
    LEFT JOIN duty_stations s ON s.id = p.duty_station_id
    WHERE NOT EXISTS (SELECT 1 FROM m WHERE m.person_id = h.person_id)
    ORDER BY p.family_name, p.given_name, p.id LIMIT 200`.execute(db);
  const perZone = await sql<{ zone_id: string; n: number }>`${withM}
    SELECT zone_id, count(*)::int AS n FROM m GROUP BY zone_id`.execute(db);
  return {
    counts: counts.rows[0] ?? { people: 0, in_geographic: 0, in_any: 0, without_warden: 0 },
    unzoned: unzoned.rows,
    perZone: new Map(perZone.rows.map((r) => [r.zone_id, r.n])),
  };
}
