import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import type { DB, IncidentRelevance } from '../../db/tables';
import { type IncidentReadScope, whereReadable } from './access';
import type { Bbox, PeriodBounds, StatDimension } from './stats-rules';

/**
 * Statistics over incidents: single GROUP BY queries on the denormalized copies (year, month,
 * country, category, relevance, totals), so that a million incidents are read once, mostly from the
 * covering index incidents_stats_idx. Only repositories touch the database.
 */
type Db = Kysely<DB>;
type From = DB & { i: DB['incidents'] };
// biome-ignore lint/complexity/noBannedTypes: a query with nothing selected yet
type Base = SelectQueryBuilder<From, 'i', {}>;

export interface IncidentFilter extends PeriodBounds {
  country?: string;
  organizationId?: string;
  categoryCode?: string;
  relevance?: IncidentRelevance;
  /** null: no restriction (global readers); otherwise the caller's read scope. */
  scope: IncidentReadScope | null;
}

/** Incidents matching the filter, nothing selected yet. */
function filtered(db: Db, f: IncidentFilter, orgJoined = false): Base {
  let q = db.selectFrom('incidents as i') as Base;
  // The year range narrows the covering index; the month keys and exact days finish the job.
  if (f.fromYear !== undefined) q = q.where('i.occurred_year', '>=', f.fromYear);
  if (f.toYear !== undefined) q = q.where('i.occurred_year', '<=', f.toYear);
  if (f.fromMonthKey !== undefined)
    q = q.where(sql`i.occurred_year * 12 + i.occurred_month - 1`, '>=', f.fromMonthKey);
  if (f.toMonthKey !== undefined)
    q = q.where(sql`i.occurred_year * 12 + i.occurred_month - 1`, '<=', f.toMonthKey);
  if (f.exactFrom) q = q.where('i.occurred_on', '>=', f.exactFrom);
  if (f.exactTo) q = q.where('i.occurred_on', '<=', f.exactTo);
  if (f.country) q = q.where('i.country_code', '=', f.country);
  if (f.categoryCode) q = q.where('i.category_code', '=', f.categoryCode);
  if (f.relevance) q = q.where('i.relevance', '=', f.relevance);
  if (f.organizationId && !orgJoined) {
    const orgId = f.organizationId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('incident_organizations as fo')
          .select('fo.incident_id')
          .whereRef('fo.incident_id', '=', 'i.id')
          .where('fo.organization_id', '=', orgId),
      ),
    );
  }
  if (f.scope) {
    const scope = f.scope;
    q = q.where((eb) => whereReadable(eb, scope));
  }
  return q;
}

const DIM_COLUMN: Record<StatDimension, string> = {
  country: 'i.country_code',
  year: 'i.occurred_year',
  month: 'i.occurred_month',
  category: 'i.category_code',
  organization: 'io.organization_id',
  area: 'i.area_id',
};

export interface StatsGroupRow {
  country?: string;
  year?: number;
  month?: number;
  category?: string;
  organization?: string | null;
  area?: string | null;
  incidents: number;
  affected: number;
  killed: number;
  injured: number;
  kidnapped: number;
  arrested: number;
}

/**
 * One row per group of the dimensions, with incidents counted and totals summed. Grouping by
 * organization joins incident_organizations: an incident affecting two organizations counts once
 * for each (and once under null when it affects none). At most `limit` rows are read.
 */
export async function groupStats(
  db: Db,
  dims: readonly StatDimension[],
  f: IncidentFilter,
  limit: number,
): Promise<StatsGroupRow[]> {
  const byOrg = dims.includes('organization');
  let q = filtered(db, f, byOrg);
  if (byOrg) {
    const orgId = f.organizationId;
    q = q.leftJoin('incident_organizations as io', (j) => {
      const on = j.onRef('io.incident_id', '=', 'i.id');
      return orgId ? on.on('io.organization_id', '=', orgId) : on;
    }) as unknown as Base;
    // With an organization filter, only the incidents joined to it count.
    if (orgId) q = q.where(sql.ref('io.organization_id'), 'is not', null);
  }
  const cols = dims.map((d) => sql.ref(DIM_COLUMN[d]));
  const rows = await q
    .select(dims.map((d, n) => sql`${cols[n]}`.as(d)))
    .select((eb) => [
      eb.fn.countAll<number>().as('incidents'),
      sql<number>`coalesce(sum(i.affected), 0)`.as('affected'),
      sql<number>`coalesce(sum(i.killed), 0)`.as('killed'),
      sql<number>`coalesce(sum(i.injured), 0)`.as('injured'),
      sql<number>`coalesce(sum(i.kidnapped), 0)`.as('kidnapped'),
      sql<number>`coalesce(sum(i.arrested), 0)`.as('arrested'),
    ])
    .$if(cols.length > 0, (qb) => qb.groupBy(cols))
    .limit(limit)
    .execute();
  return rows.map((r) => {
    const row = r as Record<string, unknown>;
    return {
      ...row,
      incidents: Number(row.incidents),
      affected: Number(row.affected),
      killed: Number(row.killed),
      injured: Number(row.injured),
      kidnapped: Number(row.kidnapped),
      arrested: Number(row.arrested),
    } as StatsGroupRow;
  });
}

export interface HeadcountFilter {
  fromYear?: number;
  toYear?: number;
  country?: string;
  organizationId?: string;
  /** Restrict to the personnel a scoped reader's statistics cover (null: everyone). */
  scope: { organizationIds: readonly string[]; countryCodes: readonly string[] } | null;
}

/** Headcounts summed over the dimensions not grouped on: one row per year (country, organization). */
export function headcountSums(
  db: Db,
  dims: readonly ('year' | 'country' | 'organization')[],
  f: HeadcountFilter,
) {
  const col = { year: 'h.year', country: 'h.country_code', organization: 'h.organization_id' } as const;
  const cols = dims.map((d) => sql.ref(col[d]));
  return db
    .selectFrom('personnel_headcounts as h')
    .select(dims.map((d, n) => sql`${cols[n]}`.as(d)))
    .select(sql<number>`sum(h.headcount)`.as('headcount'))
    .$if(f.fromYear !== undefined, (qb) => qb.where('h.year', '>=', f.fromYear!))
    .$if(f.toYear !== undefined, (qb) => qb.where('h.year', '<=', f.toYear!))
    .$if(!!f.country, (qb) => qb.where('h.country_code', '=', f.country!))
    .$if(!!f.organizationId, (qb) => qb.where('h.organization_id', '=', f.organizationId!))
    .$if(!!f.scope, (qb) =>
      qb.where((eb) => {
        const s = f.scope!;
        const ors = [];
        if (s.organizationIds.length) ors.push(eb('h.organization_id', 'in', s.organizationIds));
        if (s.countryCodes.length) ors.push(eb('h.country_code', 'in', s.countryCodes));
        return ors.length ? eb.or(ors) : eb.lit(false);
      }),
    )
    .$if(cols.length > 0, (qb) => qb.groupBy(cols))
    .execute() as Promise<
    { year?: number; country?: string; organization?: string; headcount: number | string }[]
  >;
}

/** Codes and names of the organizations or areas among the ids (for presenting groups). */
export async function namesOf(db: Db, table: 'organizations' | 'areas', ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, { code: string; name: string }>();
  const rows = await db.selectFrom(table).select(['id', 'code', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, { code: r.code, name: r.name }]));
}

export const organizationByCode = (db: Db, code: string) =>
  db.selectFrom('organizations').select(['id', 'code', 'name']).where('code', '=', code).executeTakeFirst();

/**
 * People affected per year, category and outcome, for the Secretary-General's table: only
 * incidents that affected the organization (the soft switch). Without a country filter and for a
 * global reader this reads incident_personnel alone (its copies of year, category and relevance);
 * otherwise each person is joined to their incident for the country and the read scope. `organizationId` is the
 * affected person's organization.
 */
export async function affectedCounts(
  db: Db,
  f: {
    fromYear: number;
    toYear: number;
    country?: string;
    organizationId?: string;
    scope: IncidentReadScope | null;
  },
) {
  let q = db
    .selectFrom('incident_personnel as p')
    .where('p.relevance', '=', 'organization')
    .where('p.occurred_year', '>=', f.fromYear)
    .where('p.occurred_year', '<=', f.toYear);
  if (f.organizationId) q = q.where('p.organization_id', '=', f.organizationId);
  if (f.country || f.scope) {
    // A join rather than EXISTS: each person has one incident, and the planner may start from a
    // country's few incidents and fetch their people by index instead of reading every person.
    const { country, scope } = f;
    q = q
      .innerJoin('incidents as i', 'i.id', 'p.incident_id')
      .$if(!!country, (qb) => qb.where('i.country_code', '=', country!))
      .$if(!!scope, (qb) =>
        qb.where((eb) => whereReadable(eb as unknown as Parameters<typeof whereReadable>[0], scope!)),
      ) as unknown as typeof q;
  }
  const rows = await q
    .select(['p.occurred_year as year', 'p.category_code as categoryCode', 'p.outcome'])
    .select(sql<number>`sum(p.count)`.as('count'))
    .groupBy(['p.occurred_year', 'p.category_code', 'p.outcome'])
    .execute();
  return rows.map((r) => ({ ...r, year: Number(r.year), count: Number(r.count) }));
}

export interface MapFilter extends IncidentFilter {
  bbox: Bbox | null;
}

function located(db: Db, f: MapFilter): Base {
  let q = filtered(db, f).where('i.lat', 'is not', null);
  if (f.bbox) {
    const [w, s, e, n] = f.bbox;
    q = q.where('i.lat', '>=', s).where('i.lat', '<=', n);
    // A box whose west edge is east of its east edge crosses the antimeridian.
    q =
      w <= e
        ? q.where('i.lon', '>=', w).where('i.lon', '<=', e)
        : q.where((eb) => eb.or([eb('i.lon', '>=', w), eb('i.lon', '<=', e)]));
  }
  return q;
}

/** Up to `limit` located incidents in the box, as map points. */
export function mapPoints(db: Db, f: MapFilter, limit: number) {
  return located(db, f)
    .select([
      'i.id',
      'i.reference',
      'i.lat',
      'i.lon',
      'i.occurred_on',
      'i.category_code',
      'i.nature',
      'i.relevance',
      'i.title',
      'i.affected',
      'i.killed',
    ])
    .limit(limit)
    .execute();
}

/** Located incidents counted per grid cell of `cell` degrees, placed at their mean position. */
export async function mapCells(db: Db, f: MapFilter, cell: number) {
  const gx = sql`floor(i.lon / ${cell})`;
  const gy = sql`floor(i.lat / ${cell})`;
  const rows = await located(db, f)
    .select([
      sql<number>`count(*)`.as('count'),
      sql<number>`sum(i.affected)`.as('affected'),
      sql<number>`sum(i.killed)`.as('killed'),
      sql<number>`avg(i.lon)`.as('lon'),
      sql<number>`avg(i.lat)`.as('lat'),
    ])
    .groupBy([gx, gy])
    .execute();
  return rows.map((r) => ({
    count: Number(r.count),
    affected: Number(r.affected),
    killed: Number(r.killed),
    lon: Number(r.lon),
    lat: Number(r.lat),
  }));
}
