/**
 * Repairs of world-atlas geometry for planar use and RFC 7946: world-atlas is made for spherical
 * rendering (d3-geo), so its rings are stitched across the antimeridian and wound clockwise.
 */
import type { Position } from 'geojson';
import type { Country } from 'world-countries';
import { inRing, ringBox, signedArea2 } from './rings';

/**
 * world-atlas stitches polygons across the antimeridian (a ring jumps from 180 to -180), which
 * breaks planar tests for Russia, Fiji and Antarctica. RFC 7946 §3.1.9 asks for the cut instead:
 * unwrap each ring to continuous longitudes, close rings around a pole through the pole, then clip
 * the polygon to each 360° window and shift the pieces back into [-180, 180].
 */
export function cutAtAntimeridian(spherical: Position[][]): Position[][][] {
  // Antarctica carries a ring running along the pole itself: meaningless in the plane, where its
  // coastline instead closes through the pole.
  const polygon = spherical.filter((ring) => !ring.every((p) => Math.abs(p[1] as number) > 89.9));
  const crosses = polygon.some((ring) =>
    ring.some((p, i) => i > 0 && Math.abs((p[0] as number) - ((ring[i - 1] as Position)[0] as number)) > 180),
  );
  if (!crosses) return [polygon];
  const [outer, ...holes] = polygon.map(unwrap);
  if (!outer) return [];
  const box = ringBox(outer);
  const shiftedHoles = holes.map((h) => {
    const x = (h[0] as Position)[0] as number;
    const k = x < box[0] ? Math.ceil((box[0] - x) / 360) : x > box[2] ? -Math.ceil((x - box[2]) / 360) : 0;
    return h.map((p) => [(p[0] as number) + 360 * k, p[1] as number]);
  });
  const pieces: Position[][][] = [];
  for (let k = Math.floor((box[0] + 180) / 360); -180 + 360 * k < box[2]; k++) {
    const lo = -180 + 360 * k;
    const rings = [outer, ...shiftedHoles]
      .map((r) =>
        clipX(clipX(r, lo, true), lo + 360, false).map((p) => [(p[0] as number) - 360 * k, p[1] as number]),
      )
      .filter((r, i) => i > 0 || Math.abs(signedArea2(r)) > 1e-9);
    const [exterior, ...inner] = rings;
    if (exterior && exterior.length >= 3) {
      pieces.push([close(exterior), ...inner.filter((r) => r.length >= 3).map(close)]);
    }
  }
  return pieces;
}

/** Continuous longitudes (consecutive points less than 180° apart); a ring around a pole is closed via the pole. */
function unwrap(ring: Position[]): Position[] {
  const out: Position[] = [];
  let shift = 0;
  for (const p of ring) {
    let x = (p[0] as number) + shift;
    const prev = out[out.length - 1];
    if (prev) {
      while (x - (prev[0] as number) > 180) {
        x -= 360;
        shift -= 360;
      }
      while (x - (prev[0] as number) < -180) {
        x += 360;
        shift += 360;
      }
    }
    out.push([x, p[1] as number]);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (first && last && Math.abs((last[0] as number) - (first[0] as number)) > 180) {
    const meanLat = out.reduce((s, p) => s + (p[1] as number), 0) / out.length;
    const pole = meanLat < 0 ? -90 : 90;
    out.push([last[0] as number, pole], [first[0] as number, pole], [first[0] as number, first[1] as number]);
  }
  return out;
}

/** Sutherland–Hodgman against one vertical line: keeps x >= at (`keepAbove`) or x <= at. */
function clipX(ring: Position[], at: number, keepAbove: boolean): Position[] {
  const open =
    ring.length > 1 && samePoint(ring[0] as Position, ring[ring.length - 1] as Position)
      ? ring.slice(0, -1)
      : ring;
  const inside = (p: Position) => (keepAbove ? (p[0] as number) >= at : (p[0] as number) <= at);
  const out: Position[] = [];
  for (let i = 0; i < open.length; i++) {
    const cur = open[i] as Position;
    const prev = open[(i + open.length - 1) % open.length] as Position;
    const cross = (): Position => {
      const t = (at - (prev[0] as number)) / ((cur[0] as number) - (prev[0] as number));
      return [at, (prev[1] as number) + t * ((cur[1] as number) - (prev[1] as number))];
    };
    if (inside(cur)) {
      if (!inside(prev)) out.push(cross());
      out.push(cur);
    } else if (inside(prev)) out.push(cross());
  }
  return out;
}

const samePoint = (a: Position, b: Position) => a[0] === b[0] && a[1] === b[1];
const close = (ring: Position[]): Position[] =>
  samePoint(ring[0] as Position, ring[ring.length - 1] as Position) ? ring : [...ring, ring[0] as Position];

/**
 * Natural Earth draws some territories with their own ISO code as parts of another country
 * (French Guiana, Réunion, Martinique… inside France; Svalbard inside Norway). A territory without
 * a boundary takes the part (never the largest) that contains its representative point.
 */
export function rehomeOverseasParts(meta: Country[], polygons: Map<string, Position[][][]>): void {
  for (const c of meta) {
    if (polygons.has(c.cca3)) continue;
    const [lat, lon] = c.latlng;
    for (const [owner, parts] of polygons) {
      const largest = parts.reduce((a, b) =>
        Math.abs(signedArea2(b[0] as Position[])) > Math.abs(signedArea2(a[0] as Position[])) ? b : a,
      );
      const i = parts.findIndex((p) => p !== largest && inRing(lon, lat, p[0] as Position[]));
      if (i < 0) continue;
      polygons.set(c.cca3, parts.splice(i, 1));
      polygons.set(owner, parts);
      break;
    }
  }
}

/**
 * Applies the RFC 7946 right-hand rule (exterior counter-clockwise, holes clockwise). world-atlas
 * follows d3's spherical convention, which is the opposite.
 */
export function rewind(polygon: Position[][]): Position[][] {
  return polygon.map((ring, i) => {
    const ccw = signedArea2(ring) > 0;
    return ccw === (i === 0) ? ring : ring.slice().reverse();
  });
}
