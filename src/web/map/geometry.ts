import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon, Position } from 'geojson';

/** [west, south, east, north] */
export type Bounds = [number, number, number, number];

const EMPTY: Bounds = [Infinity, Infinity, -Infinity, -Infinity];

function extend(b: Bounds, p: Position): Bounds {
  const [x = 0, y = 0] = p;
  return [Math.min(b[0], x), Math.min(b[1], y), Math.max(b[2], x), Math.max(b[3], y)];
}

const isValid = (b: Bounds) => Number.isFinite(b[0]) && Number.isFinite(b[1]);

/** Ray casting on one ring; enough for choosing a polygon under a country's reference point. */
function inRing(ring: Position[], lon: number, lat: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * A (multi)polygon, or null for anything else. The API declares boundaries and polygons as
 * unchecked GeoJSON, so a screen looks at the type before it trusts the coordinates.
 */
export function polygonal(value: unknown): Polygon | MultiPolygon | null {
  if (typeof value !== 'object' || value === null) return null;
  const { type, coordinates } = value as { type?: unknown; coordinates?: unknown };
  return (type === 'Polygon' || type === 'MultiPolygon') && Array.isArray(coordinates)
    ? (value as Polygon | MultiPolygon)
    : null;
}

function polygonsOf(geometry: Geometry | null): Position[][][] {
  if (!geometry) return [];
  if (geometry.type === 'Polygon') return [geometry.coordinates];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates;
  return [];
}

function ringBounds(rings: Position[][]): Bounds {
  let b = EMPTY;
  for (const p of rings[0] ?? []) b = extend(b, p);
  return b;
}

/** The bounds of the part of a (multi)polygon that contains a point, or null when none does. */
export function partBoundsAt(geometry: Geometry | null, lon: number, lat: number): Bounds | null {
  for (const polygon of polygonsOf(geometry)) {
    const outer = polygon[0];
    if (outer && inRing(outer, lon, lat)) return ringBounds(polygon);
  }
  return null;
}

/**
 * The bounds of the basemap polygon containing a point. Only that one polygon is used, not the
 * whole country: France's MultiPolygon includes French Guiana, whose bounds would zoom out to
 * the Atlantic. The basemap has ISO numeric ids and our countries ISO alpha-3 codes, so the
 * country's reference point is what links them.
 */
export function polygonBoundsAt(basemap: FeatureCollection, lon: number, lat: number): Bounds | null {
  for (const feature of basemap.features) {
    const bounds = partBoundsAt(feature.geometry, lon, lat);
    if (bounds) return bounds;
  }
  return null;
}

/** The bounds of a set of features (points and polygons), or null when there are none. */
export function featureBounds(features: readonly Feature[]): Bounds | null {
  let b = EMPTY;
  for (const f of features) {
    const g = f.geometry;
    if (g?.type === 'Point') b = extend(b, g.coordinates);
    for (const polygon of polygonsOf(g)) for (const p of polygon[0] ?? []) b = extend(b, p);
  }
  return isValid(b) ? b : null;
}

export function union(a: Bounds | null, c: Bounds | null): Bounds | null {
  if (!a) return c;
  if (!c) return a;
  return [Math.min(a[0], c[0]), Math.min(a[1], c[1]), Math.max(a[2], c[2]), Math.max(a[3], c[3])];
}
