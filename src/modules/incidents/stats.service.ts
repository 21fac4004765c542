import { stringify } from 'csv-stringify/sync';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables';
import { holds } from '../../server/access/rules';
import type { Principal } from '../../server/auth/principal';
import { AppError, forbidden, invalid } from '../../server/errors';
import { type IncidentReadScope, incidentReadScope } from './access';
import { CATEGORIES, findCategory, personnelAffectedTable } from './rules';
import * as repo from './stats.repository';
import type {
  FilterQuery,
  IncidentMap,
  PersonnelAffectedReport,
  ReportQuery,
  StatsQuery,
  StatsRow,
} from './stats.schema';
import {
  cellDegrees,
  compareGroups,
  headcountDims,
  headcountKey,
  MAP_POINT_LIMIT,
  periodBounds,
  ratePer100k,
  ratesApply,
  type StatDimension,
} from './stats-rules';

type Db = Kysely<DB>;

/** Most groups one statistics request returns; more means the filters are too wide. */
export const MAX_STATS_ROWS = 50_000;

/** The taxonomy, for pickers and legends: any user who may report or read incidents. */
export function listCategories(principal: Principal) {
  if (!holds(principal.grants, 'incident.read') && !holds(principal.grants, 'incident.report'))
    throw forbidden('Your roles do not include reporting or reading incidents');
  return CATEGORIES.map(({ code, name, nature, premisesOnly }) => ({
    code,
    name,
    nature,
    premisesOnly: premisesOnly === true,
  }));
}

/**
 * The caller's read scope, or null for a global reader (no filter at all: the fast path). Statistics
 * apply the same filter as the incident list, so a count never includes an incident the list hides.
 */
function readScope(principal: Principal): IncidentReadScope | null {
  const scope = incidentReadScope(principal);
  if (!scope) throw forbidden('Your roles do not include reading incidents');
  return scope.read?.global ? null : scope;
}

/** Resolves the shared filters (organization code, category code or name) to what the database holds. */
async function incidentFilter(db: Db, principal: Principal, q: FilterQuery): Promise<repo.IncidentFilter> {
  const scope = readScope(principal);
  let organizationId: string | undefined;
  if (q.organization) {
    const org = await repo.organizationByCode(db, q.organization);
    if (!org) throw invalid('organization', `unknown organization ${q.organization}`);
    organizationId = org.id;
  }
  let categoryCode: string | undefined;
  if (q.category) {
    const c = findCategory(q.category);
    if (!c) throw invalid('category', `unknown category ${q.category}`);
    categoryCode = c.code;
  }
  return {
    ...periodBounds(q.from, q.to),
    country: q.country,
    organizationId,
    categoryCode,
    relevance: q.relevance,
    scope,
  };
}

/**
 * Incidents and people affected per group, with the rate per 100,000 personnel where the group's
 * headcount is known (see ratesApply). The headcount is summed over what the group leaves open
 * (a country's organizations, for instance) within the same filters and read scope as the incidents.
 */
export async function incidentStats(db: Db, principal: Principal, q: StatsQuery): Promise<StatsRow[]> {
  const f = await incidentFilter(db, principal, q);
  const dims = q.by;
  const groups = await repo.groupStats(db, dims, f, MAX_STATS_ROWS + 1);
  if (groups.length > MAX_STATS_ROWS)
    throw new AppError(
      'unprocessable',
      `More than ${MAX_STATS_ROWS} groups: narrow the period or filters, or group by fewer dimensions`,
    );
  const headcounts = await headcountsFor(db, dims, f);
  const orgs = dims.includes('organization')
    ? await repo.namesOf(db, 'organizations', ids(groups.map((g) => g.organization)))
    : new Map();
  const areas = dims.includes('area')
    ? await repo.namesOf(db, 'areas', ids(groups.map((g) => g.area)))
    : new Map();
  const rows = groups.map((g) => {
    const headcount = headcounts
      ? (headcounts.get(
          headcountKey(dims, { year: g.year, country: g.country, organizationId: g.organization }),
        ) ?? null)
      : null;
    const row: StatsRow = {
      ...(dims.includes('country') ? { country: g.country } : {}),
      ...(dims.includes('year') ? { year: Number(g.year) } : {}),
      ...(dims.includes('month') ? { month: Number(g.month) } : {}),
      ...(dims.includes('category')
        ? { category: g.category, categoryName: findCategory(g.category ?? '')?.name ?? g.category }
        : {}),
      ...(dims.includes('organization')
        ? {
            organization: g.organization ? (orgs.get(g.organization)?.code ?? null) : null,
            organizationName: g.organization ? (orgs.get(g.organization)?.name ?? null) : null,
          }
        : {}),
      ...(dims.includes('area')
        ? {
            area: g.area ? (areas.get(g.area)?.code ?? null) : null,
            areaName: g.area ? (areas.get(g.area)?.name ?? null) : null,
          }
        : {}),
      incidents: g.incidents,
      affected: g.affected,
      killed: g.killed,
      injured: g.injured,
      kidnapped: g.kidnapped,
      arrested: g.arrested,
      headcount,
      ratePer100k: ratePer100k(g.affected, headcount),
    };
    return row;
  });
  return rows.sort(compareGroups(dims, (r: StatsRow, d: StatDimension) => r[d]));
}

const ids = (values: (string | null | undefined)[]) => [...new Set(values.filter((v): v is string => !!v))];

/**
 * Summed headcounts keyed like the groups, or null when no group can have a rate: rates need a
 * year, are not kept per area, and a reader limited to areas or to their own reports has no
 * personnel figure that matches what they count.
 */
async function headcountsFor(db: Db, dims: readonly StatDimension[], f: repo.IncidentFilter) {
  if (!ratesApply(dims)) return null;
  let scope: repo.HeadcountFilter['scope'] = null;
  if (f.scope) {
    const read = f.scope.read;
    if (!read || read.areaIds.length > 0) return null;
    scope = { organizationIds: read.organizationIds, countryCodes: read.countryCodes };
  }
  const hd = headcountDims(dims);
  const rows = await repo.headcountSums(db, hd, {
    fromYear: f.fromYear,
    toYear: f.toYear,
    country: f.country,
    organizationId: f.organizationId,
    scope,
  });
  const out = new Map<string, number>();
  for (const r of rows)
    out.set(
      headcountKey(dims, { year: r.year, country: r.country, organizationId: r.organization }),
      Number(r.headcount),
    );
  return out;
}

/** The statistics as CSV: one column per dimension asked for, then the counts and the rate. */
export function statsCsv(dims: readonly StatDimension[], rows: readonly StatsRow[]): string {
  const dimCols = dims.flatMap((d) =>
    d === 'category'
      ? ['category', 'categoryName']
      : d === 'organization'
        ? ['organization', 'organizationName']
        : d === 'area'
          ? ['area', 'areaName']
          : [d],
  ) as (keyof StatsRow)[];
  const counts = [
    'incidents',
    'affected',
    'killed',
    'injured',
    'kidnapped',
    'arrested',
    'headcount',
    'ratePer100k',
  ] as const;
  const header = [...dimCols, ...counts];
  return stringify([header, ...rows.map((r) => header.map((c) => r[c] ?? ''))]);
}

/** Default years of the personnel-affected table: the last five, up to this year. */
function reportYears(q: ReportQuery): { fromYear: number; toYear: number } {
  const toYear = q.to ?? Math.max(new Date().getUTCFullYear(), q.from ?? 0);
  return { fromYear: q.from ?? toYear - 4, toYear };
}

/**
 * The Secretary-General's table of personnel affected (13 rows, totals computed by
 * personnelAffectedTable) over the caller's readable incidents. Situational entries and near
 * misses never count; `organization` is the affected person's organization.
 */
export async function personnelAffected(
  db: Db,
  principal: Principal,
  q: ReportQuery,
): Promise<PersonnelAffectedReport> {
  const scope = readScope(principal);
  const { fromYear, toYear } = reportYears(q);
  if (toYear - fromYear >= 50) throw invalid('from', 'at most 50 years in one table');
  let organizationId: string | undefined;
  if (q.organization) {
    const org = await repo.organizationByCode(db, q.organization);
    if (!org) throw invalid('organization', `unknown organization ${q.organization}`);
    organizationId = org.id;
  }
  const counts = await repo.affectedCounts(db, {
    fromYear,
    toYear,
    country: q.country,
    organizationId,
    scope,
  });
  const table = personnelAffectedTable(counts, fromYear, toYear);
  const line = (l: { row: string; byYear: Record<number, number>; total: number }) => ({
    row: l.row,
    byYear: Object.fromEntries(Object.entries(l.byYear)),
    total: l.total,
  });
  return { years: table.years, rows: table.rows.map(line), totals: line(table.totals) };
}

/** The table as CSV: a header of years, the 13 rows, then the Total row. */
export function personnelAffectedCsv(report: PersonnelAffectedReport): string {
  const header = ['Category', ...report.years.map(String), 'Total'];
  const lines = [...report.rows, report.totals].map((l) => [
    l.row,
    ...report.years.map((y) => l.byYear[y] ?? 0),
    l.total,
  ]);
  return stringify([header, ...lines]);
}

/**
 * Incidents for the map as GeoJSON. Up to MAP_POINT_LIMIT located incidents in the box come back
 * as points; beyond that they are counted on a grid sized by the zoom (cellDegrees), each cell a
 * point at the mean position of its incidents with `point_count`, so a response stays under a few
 * thousand features at a million incidents.
 */
export async function incidentMap(
  db: Db,
  principal: Principal,
  q: FilterQuery & { bbox?: [number, number, number, number]; zoom: number },
): Promise<IncidentMap> {
  const f: repo.MapFilter = { ...(await incidentFilter(db, principal, q)), bbox: q.bbox ?? null };
  const points = await repo.mapPoints(db, f, MAP_POINT_LIMIT + 1);
  if (points.length <= MAP_POINT_LIMIT) {
    return {
      type: 'FeatureCollection',
      clustered: false,
      cellDegrees: null,
      features: points.map((p) => ({
        type: 'Feature' as const,
        geometry: { type: 'Point' as const, coordinates: [p.lon!, p.lat!] as [number, number] },
        properties: {
          cluster: false as const,
          id: p.id,
          reference: p.reference,
          occurredOn: p.occurred_on,
          category: p.category_code,
          nature: p.nature,
          relevance: p.relevance,
          title: p.title,
          affected: p.affected,
          killed: p.killed,
        },
      })),
    };
  }
  const cell = cellDegrees(q.zoom, f.bbox);
  const cells = await repo.mapCells(db, f, cell);
  return {
    type: 'FeatureCollection',
    clustered: true,
    cellDegrees: cell,
    features: cells.map((c) => ({
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: [round6(c.lon), round6(c.lat)] as [number, number] },
      properties: { cluster: true as const, point_count: c.count, affected: c.affected, killed: c.killed },
    })),
  };
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
