/**
 * Pure rules of the incident statistics (DOMAIN.md §6: rate and type by year, country, area,
 * organization, category; per 100,000 personnel; maps). No I/O: the repository aggregates, these
 * decide what a request means and how rows are keyed, rated and sorted.
 */

/**
 * What statistics group by. `outcome` is deliberately not a grouping: an incident has several
 * outcomes at once, and their counts are already the columns of every row (killed, injured,
 * kidnapped, arrested, affected); the per-person breakdown by outcome is the Secretary-General's
 * table.
 */
export const STAT_DIMENSIONS = ['country', 'year', 'month', 'category', 'organization', 'area'] as const;
export type StatDimension = (typeof STAT_DIMENSIONS)[number];

/** Parses `by` ("country,year"): the dimensions in the order given, or why the list is refused. */
export function parseDimensions(by: string): { dims: StatDimension[] } | { error: string } {
  const parts = by
    .split(',')
    .map((p) => p.trim().toLowerCase())
    .filter(Boolean);
  if (parts.length === 0) return { error: `name at least one of ${STAT_DIMENSIONS.join(', ')}` };
  const dims: StatDimension[] = [];
  for (const p of parts) {
    if (p === 'outcome')
      return {
        error:
          'outcome is not a grouping: every row already counts killed, injured, kidnapped and arrested; the personnel-affected report breaks people down by outcome',
      };
    if (!(STAT_DIMENSIONS as readonly string[]).includes(p))
      return { error: `unknown dimension "${p}": use ${STAT_DIMENSIONS.join(', ')}` };
    if (dims.includes(p as StatDimension)) return { error: `"${p}" is named twice` };
    dims.push(p as StatDimension);
  }
  return { dims };
}

/**
 * A date range as the statistics query reads it. The covering index holds the year and month but
 * not the day, so whole months are filtered on (year, month) alone and the exact day is checked
 * only when a bound falls inside a month.
 */
export interface PeriodBounds {
  fromYear?: number;
  toYear?: number;
  /** year * 12 + month - 1 of the first and last month included. */
  fromMonthKey?: number;
  toMonthKey?: number;
  /** Set only when the bound is not the first (from) or last (to) day of its month. */
  exactFrom?: string;
  exactTo?: string;
}

export const monthKey = (year: number, month: number) => year * 12 + month - 1;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Bounds for ISO dates (YYYY-MM-DD), either optional. */
export function periodBounds(from?: string, to?: string): PeriodBounds {
  const out: PeriodBounds = {};
  if (from) {
    const [y, m, d] = from.split('-').map(Number) as [number, number, number];
    out.fromYear = y;
    out.fromMonthKey = monthKey(y, m);
    if (d !== 1) out.exactFrom = from;
  }
  if (to) {
    const [y, m, d] = to.split('-').map(Number) as [number, number, number];
    out.toYear = y;
    out.toMonthKey = monthKey(y, m);
    if (d !== daysInMonth(y, m)) out.exactTo = to;
  }
  return out;
}

/**
 * Headcounts are kept per year, country and organization, and there are none per area. A group has
 * a known rate only when it is within one year (`year` is a dimension: a month uses its year's
 * headcount) and not within one area; category does not change the personnel at risk.
 */
export function ratesApply(dims: readonly StatDimension[], filteredByArea = false): boolean {
  return dims.includes('year') && !dims.includes('area') && !filteredByArea;
}

/** The headcount dimensions of a grouping: year always, country and organization when grouped on. */
export function headcountDims(dims: readonly StatDimension[]): ('year' | 'country' | 'organization')[] {
  return (['year', 'country', 'organization'] as const).filter((d) => dims.includes(d));
}

/** The key joining a group to its headcount: values of the headcount dimensions, in a fixed order. */
export function headcountKey(
  dims: readonly StatDimension[],
  g: { year?: number | null; country?: string | null; organizationId?: string | null },
): string {
  return headcountDims(dims)
    .map((d) => (d === 'year' ? g.year : d === 'country' ? g.country : g.organizationId) ?? '')
    .join('|');
}

/** People affected per 100,000 personnel, to two decimals; null when the headcount is not known. */
export function ratePer100k(affected: number, headcount: number | null | undefined): number | null {
  if (!headcount || headcount <= 0) return null;
  return Math.round((affected * 100_000 * 100) / headcount) / 100;
}

type Cell = string | number | null | undefined;

/** Orders rows by the grouping dimensions in the order asked (numbers numerically), nulls last. */
export function compareGroups<R>(dims: readonly StatDimension[], key: (row: R, d: StatDimension) => Cell) {
  return (a: R, b: R): number => {
    for (const d of dims) {
      const x = key(a, d);
      const y = key(b, d);
      if (x === y) continue;
      if (x == null) return 1;
      if (y == null) return -1;
      if (typeof x === 'number' && typeof y === 'number') return x - y;
      return String(x).localeCompare(String(y));
    }
    return 0;
  };
}

/** A bounding box [west, south, east, north]; west > east crosses the antimeridian. */
export type Bbox = [number, number, number, number];

/** Parses "west,south,east,north" in degrees, or says what is wrong. */
export function parseBbox(text: string): { bbox: Bbox } | { error: string } {
  const n = text.split(',').map((s) => Number(s.trim()));
  if (n.length !== 4 || n.some((x) => !Number.isFinite(x)))
    return { error: 'four numbers: west,south,east,north' };
  const [w, s, e, no] = n as Bbox;
  if (w < -180 || w > 180 || e < -180 || e > 180) return { error: 'longitudes between -180 and 180' };
  if (s < -90 || no > 90 || s > no) return { error: 'latitudes between -90 and 90, south before north' };
  return { bbox: [w, s, e, no] };
}

/** Most individual points a map response holds; beyond this, points are clustered on a grid. */
export const MAP_POINT_LIMIT = 2000;
/** Most grid cells across a box on either axis: keeps a clustered response under ~4,300 features. */
export const MAP_MAX_CELLS_PER_AXIS = 64;

/**
 * The grid cell, in degrees, for clustering at a zoom: 8 cells across the world at zoom 0 (cells of
 * about 32 px on 256-px tiles), halving with each zoom level, but never so small that the box spans
 * more than MAP_MAX_CELLS_PER_AXIS cells on an axis (a whole-world box at zoom 15 stays small).
 */
export function cellDegrees(zoom: number, bbox: Bbox | null): number {
  const byZoom = 360 / 2 ** (zoom + 3);
  if (!bbox) return Math.max(byZoom, 360 / MAP_MAX_CELLS_PER_AXIS);
  const [w, s, e, n] = bbox;
  const width = e >= w ? e - w : 360 - (w - e);
  const height = n - s;
  return Math.max(byZoom, width / MAP_MAX_CELLS_PER_AXIS, height / MAP_MAX_CELLS_PER_AXIS);
}
