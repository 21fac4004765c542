/**
 * Country reference data and small planar geometry helpers for the demo generator.
 *
 * Boundaries come from Natural Earth 1:50m via the `world-atlas` package (TopoJSON), metadata from
 * `world-countries`. Both are read from node_modules: no network is ever needed.
 */
import { createRequire } from 'node:module';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Country } from 'world-countries';
import { cutAtAntimeridian, rehomeOverseasParts, rewind } from './geo-repair';
import type { Rng } from './random';
import { type BBox, inRing, ringBox, signedArea2 } from './rings';

export type { BBox } from './rings';

/** A country boundary: RFC 7946 `[lon, lat]`, exterior rings counter-clockwise, holes clockwise. */
export type Boundary = Polygon | MultiPolygon;

/** One ISO 3166 country (plus Kosovo, which the UN system also operates in). */
export interface CountryRecord {
  /** ISO 3166-1 alpha-3 (Kosovo: the user-assigned `UNK`). */
  code: string;
  iso2: string;
  /** ISO 3166-1 numeric, zero-padded (`'004'`); null where none is assigned. */
  numeric: string | null;
  name: string;
  region: string;
  subregion: string;
  /** A representative point (not the capital), from world-countries. */
  lat: number;
  lon: number;
  boundary: Boundary | null;
  /** First listed capital, or null. */
  capital: string | null;
  areaKm2: number;
  unMember: boolean;
}

/**
 * Features of world-atlas that carry no ISO numeric id. The UN recognises none of these as states:
 * Somaliland and northern Cyprus are drawn as parts of Somalia and Cyprus, Kosovo gets its own
 * record; the rest (Siachen Glacier, Indian Ocean Territories) are left out.
 */
const UNNUMBERED_FEATURES: Record<string, string> = {
  Kosovo: 'UNK',
  Somaliland: 'SOM',
  'N. Cyprus': 'CYP',
};

const require = createRequire(import.meta.url);
let cache: CountryRecord[] | null = null;

/**
 * Loads every country of `world-countries` (250 records) with its Natural Earth 1:50m boundary where
 * one exists (about 235; tiny territories such as Tuvalu or Gibraltar keep `boundary: null`).
 * Parsed once per process; the records are shared, so callers must not mutate them.
 */
export function loadCountries(): CountryRecord[] {
  if (cache) return cache.slice();
  const meta = require('world-countries/countries.json') as Country[];
  const topology = require('world-atlas/countries-50m.json') as Topology;
  const object = topology.objects.countries as GeometryCollection;
  const collection: FeatureCollection<Geometry | null> = feature(topology, object);

  const byNumeric = new Map<string, string>();
  for (const c of meta) if (c.ccn3) byNumeric.set(c.ccn3, c.cca3);

  const polygons = new Map<string, Position[][][]>();
  for (const f of collection.features as Feature<Geometry | null>[]) {
    const id = f.id == null ? undefined : String(f.id).padStart(3, '0');
    const name = typeof f.properties?.name === 'string' ? f.properties.name : '';
    const code = id ? byNumeric.get(id) : UNNUMBERED_FEATURES[name];
    const g = f.geometry;
    if (!code || !g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) continue;
    const parts = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    const list = polygons.get(code) ?? [];
    // Some countries come in several features (Australia and the Ashmore and Cartier Islands).
    for (const p of parts) for (const piece of cutAtAntimeridian(p)) list.push(rewind(piece));
    polygons.set(code, list);
  }
  rehomeOverseasParts(meta, polygons);

  cache = meta
    .map((c): CountryRecord => {
      const parts = polygons.get(c.cca3);
      const boundary: Boundary | null = !parts
        ? null
        : parts.length === 1
          ? { type: 'Polygon', coordinates: parts[0] as Position[][] }
          : { type: 'MultiPolygon', coordinates: parts };
      return {
        code: c.cca3,
        iso2: c.cca2,
        numeric: c.ccn3 ? c.ccn3 : null,
        name: c.name.common,
        region: c.region,
        subregion: c.subregion ?? '',
        lat: c.latlng[0],
        lon: c.latlng[1],
        boundary,
        capital: c.capital?.[0] ?? null,
        areaKm2: c.area,
        unMember: c.unMember,
      };
    })
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return cache.slice();
}

/** The polygons of a geometry as lists of rings. */
export function polygonsOf(geometry: Boundary): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

interface PreparedPolygon {
  rings: Position[][];
  box: BBox;
  area: number;
}

const prepared = new WeakMap<Boundary, PreparedPolygon[]>();

/** Per-polygon bounding boxes and areas, computed once per geometry object. */
function prepare(geometry: Boundary): PreparedPolygon[] {
  let p = prepared.get(geometry);
  if (!p) {
    p = polygonsOf(geometry)
      .filter((rings) => rings.length > 0 && (rings[0] as Position[]).length >= 4)
      .map((rings) => ({
        rings,
        box: ringBox(rings[0] as Position[]),
        area: Math.abs(signedArea2(rings[0] as Position[])) / 2,
      }));
    prepared.set(geometry, p);
  }
  return p;
}

function inPolygon(x: number, y: number, p: PreparedPolygon): boolean {
  const [minX, minY, maxX, maxY] = p.box;
  if (x < minX || x > maxX || y < minY || y > maxY) return false;
  if (!inRing(x, y, p.rings[0] as Position[])) return false;
  for (let h = 1; h < p.rings.length; h++) if (inRing(x, y, p.rings[h] as Position[])) return false;
  return true;
}

/**
 * True when `[lon, lat]` lies inside the geometry: inside some polygon's exterior ring and outside
 * all of that polygon's holes (planar ray casting; points exactly on an edge may go either way).
 */
export function pointInGeometry(lon: number, lat: number, geometry: Boundary): boolean {
  for (const p of prepare(geometry)) if (inPolygon(lon, lat, p)) return true;
  return false;
}

/** Bounding box of the whole geometry. */
export function geometryBbox(geometry: Boundary): BBox {
  const parts = prepare(geometry);
  return unionBoxes(parts.map((p) => p.box));
}

function unionBoxes(boxes: BBox[]): BBox {
  const out: BBox = [
    Number.POSITIVE_INFINITY,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
  ];
  for (const b of boxes) {
    out[0] = Math.min(out[0], b[0]);
    out[1] = Math.min(out[1], b[1]);
    out[2] = Math.max(out[2], b[2]);
    out[3] = Math.max(out[3], b[3]);
  }
  return out;
}

/**
 * Bounding box of the polygons that matter: those at least `minShare` of the largest one's area,
 * plus the one holding `anchor` (a capital on a small island), kept on the anchor's (or else the
 * largest polygon's) side of the antimeridian when the box would otherwise span the globe (Russia,
 * Fiji, Kiribati). Small islands and far overseas parts are left out.
 */
export function mainBbox(geometry: Boundary, anchor?: Position, minShare = 0.05): BBox {
  const parts = prepare(geometry);
  const largest = parts.reduce((a, b) => (b.area > a.area ? b : a));
  const home = anchor ? parts.find((p) => inPolygon(anchor[0] as number, anchor[1] as number, p)) : undefined;
  let kept = parts.filter((p) => p.area >= largest.area * minShare || p === home);
  let box = unionBoxes(kept.map((p) => p.box));
  if (box[2] - box[0] > 180) {
    const ref = home ?? largest;
    const side = Math.sign(ref.box[0] + ref.box[2]);
    kept = kept.filter((p) => Math.sign(p.box[0] + p.box[2]) === side);
    box = unionBoxes(kept.map((p) => p.box));
  }
  return box;
}

/**
 * A deterministic point inside the geometry's largest polygon: the middle of the widest inside
 * interval along a few horizontal scan lines. Null only for degenerate geometries.
 */
export function interiorPoint(geometry: Boundary): Position | null {
  const parts = prepare(geometry);
  if (parts.length === 0) return null;
  const largest = parts.reduce((a, b) => (b.area > a.area ? b : a));
  const [, minY, , maxY] = largest.box;
  for (const f of [0.5, 0.25, 0.75, 0.375, 0.625, 0.125, 0.875]) {
    const y = minY + (maxY - minY) * f;
    const xs: number[] = [];
    for (const ring of largest.rings) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const a = ring[j] as Position;
        const b = ring[i] as Position;
        const ya = a[1] as number;
        const yb = b[1] as number;
        if (ya > y !== yb > y) {
          xs.push((a[0] as number) + (((b[0] as number) - (a[0] as number)) * (y - ya)) / (yb - ya));
        }
      }
    }
    xs.sort((p, q) => p - q);
    let best: Position | null = null;
    let width = 0;
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const w = (xs[k + 1] as number) - (xs[k] as number);
      if (w > width) {
        width = w;
        best = [((xs[k] as number) + (xs[k + 1] as number)) / 2, y];
      }
    }
    if (best && inPolygon(best[0] as number, y, largest)) return best;
  }
  return null;
}

/**
 * A random point inside the geometry, uniform by planar area: one polygon is chosen by area, then
 * points of its bounding box are drawn until one falls inside (at most `maxTries`). When every try
 * misses, returns `fallback` (typically the country's representative point) or, without one, a
 * deterministic interior point.
 */
export function randomPointIn(geometry: Boundary, rng: Rng, fallback?: Position, maxTries = 200): Position {
  const parts = prepare(geometry);
  if (parts.length > 0) {
    const part = rng.weighted(
      parts,
      parts.map((p) => p.area),
    );
    const [minX, minY, maxX, maxY] = part.box;
    for (let i = 0; i < maxTries; i++) {
      const x = rng.float(minX, maxX);
      const y = rng.float(minY, maxY);
      if (inPolygon(x, y, part)) return [x, y];
    }
  }
  return fallback ?? interiorPoint(geometry) ?? [0, 0];
}

/**
 * A random point inside both the geometry and the box, or null after `maxTries` misses. Used to
 * put a duty station in each security risk management area.
 */
export function randomPointInBox(geometry: Boundary, box: BBox, rng: Rng, maxTries = 200): Position | null {
  for (let i = 0; i < maxTries; i++) {
    const x = rng.float(box[0], box[2]);
    const y = rng.float(box[1], box[3]);
    if (pointInGeometry(x, y, geometry)) return [x, y];
  }
  return null;
}

/**
 * The point itself when inside the geometry, else the nearest inside point found on rings of
 * growing radius (steps of 0.02° up to `maxDegrees`), else null. Coastal cities fall a little
 * outside a 1:50m coastline; this pulls them ashore deterministically.
 */
export function snapInside(geometry: Boundary, lon: number, lat: number, maxDegrees = 0.5): Position | null {
  if (pointInGeometry(lon, lat, geometry)) return [lon, lat];
  for (let r = 0.02; r <= maxDegrees + 1e-9; r += 0.02) {
    for (let k = 0; k < 16; k++) {
      const a = (k * Math.PI) / 8;
      const x = lon + r * Math.cos(a);
      const y = lat + r * Math.sin(a);
      if (pointInGeometry(x, y, geometry)) return [x, y];
    }
  }
  return null;
}
