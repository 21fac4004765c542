/**
 * Pure rules for reference data: codes and GeoJSON geometry (RFC 7946, positions are [lon, lat]).
 */
import type { FieldError } from '../../server/errors';

export type Position = [number, number];
export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: Position[][];
}
export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: Position[][][];
}
export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;

/** Codes are case-insensitive identifiers stored upper-case: letters, digits, '-', '_' and '.'. */
export const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
export function normaliseCode(code: string): string {
  return code.trim().toUpperCase();
}

/**
 * Validates a GeoJSON Polygon or MultiPolygon geometry (a Feature is unwrapped). Returns the
 * geometry or the list of problems, each naming the path of the offending member.
 */
export function validateAreaGeometry(
  value: unknown,
  field = 'polygon',
): { ok: true; geometry: AreaGeometry } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const fail = (path: string, message: string) => errors.push({ field: path, message });
  let g = value as { type?: unknown; coordinates?: unknown; geometry?: unknown };
  if (g && typeof g === 'object' && g.type === 'Feature') g = g.geometry as typeof g;
  if (!g || typeof g !== 'object') {
    fail(field, 'must be a GeoJSON Polygon or MultiPolygon');
    return { ok: false, errors };
  }
  if (g.type === 'Polygon') checkPolygon(g.coordinates, field, fail);
  else if (g.type === 'MultiPolygon') {
    if (!Array.isArray(g.coordinates) || g.coordinates.length === 0) {
      fail(`${field}.coordinates`, 'must be a non-empty array of polygons');
    } else {
      g.coordinates.forEach((p, i) => {
        checkPolygon(p, `${field}.coordinates[${i}]`, fail);
      });
    }
  } else fail(`${field}.type`, 'must be "Polygon" or "MultiPolygon"');
  if (errors.length) return { ok: false, errors: errors.slice(0, 20) };
  return { ok: true, geometry: { type: g.type, coordinates: g.coordinates } as AreaGeometry };
}

function checkPolygon(rings: unknown, path: string, fail: (p: string, m: string) => void): void {
  const at = path.endsWith(']') ? path : `${path}.coordinates`;
  if (!Array.isArray(rings) || rings.length === 0) {
    fail(at, 'must be a non-empty array of linear rings');
    return;
  }
  rings.forEach((ring, r) => {
    const rp = `${at}[${r}]`;
    if (!Array.isArray(ring) || ring.length < 4) {
      fail(rp, 'a linear ring needs at least 4 positions');
      return;
    }
    for (let i = 0; i < ring.length; i++) {
      const pos = ring[i];
      if (!isPosition(pos)) {
        fail(
          `${rp}[${i}]`,
          'must be [longitude, latitude] with longitude in [-180, 180] and latitude in [-90, 90]',
        );
        return;
      }
    }
    const first = ring[0] as Position;
    const last = ring[ring.length - 1] as Position;
    if (first[0] !== last[0] || first[1] !== last[1]) fail(rp, 'a linear ring must end where it starts');
  });
}

export function isPosition(p: unknown): p is Position {
  return (
    Array.isArray(p) &&
    (p.length === 2 || p.length === 3) &&
    p.every((n) => typeof n === 'number' && Number.isFinite(n)) &&
    (p[0] as number) >= -180 &&
    (p[0] as number) <= 180 &&
    (p[1] as number) >= -90 &&
    (p[1] as number) <= 90
  );
}

/** Ray-casting point-in-polygon over every polygon of the geometry, honouring holes. */
export function containsPoint(geometry: AreaGeometry, lon: number, lat: number): boolean {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.some(
    (rings) =>
      rings.length > 0 &&
      inRing(rings[0] as Position[], lon, lat) &&
      !rings.slice(1).some((h) => inRing(h, lon, lat)),
  );
}

function inRing(ring: Position[], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as Position;
    const [xj, yj] = ring[j] as Position;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
