/**
 * Lays out one country of the demo: its security risk management areas (rectangles over the
 * country) and its duty stations (points inside the country's boundary). Pure and deterministic.
 */
import type { Polygon, Position } from 'geojson';
import {
  type BBox,
  type Boundary,
  type CountryRecord,
  interiorPoint,
  mainBbox,
  pointInGeometry,
  polygonsOf,
  randomPointIn,
  randomPointInBox,
  snapInside,
} from './geo';
import { placeCode, placeName } from './names';
import type { Place } from './places-data';
import type { Rng } from './random';

export interface LaidOutArea {
  code: string;
  name: string;
  countryCode: string;
  pcode: string;
  polygon: Polygon;
}

export interface LaidOutStation {
  code: string;
  name: string;
  areaCode: string;
  countryCode: string;
  lat: number;
  lon: number;
  /** The country's main duty station (capital or UN country-team seat). */
  main: boolean;
  /** The first station of its area, after which the area is named. */
  hub: boolean;
}

export interface CountryPlan {
  country: CountryRecord;
  main: Place;
  field: readonly Place[];
  stations: number;
  areas: number;
}

const round = (v: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
};

/** A position rounded to 5 decimals (about 1 m) when it is still inside the boundary, else null. */
function settle(boundary: Boundary | null, p: Position | null): Position | null {
  if (!p) return null;
  const q: Position = [round(p[0] as number, 5), round(p[1] as number, 5)];
  if (boundary && !pointInGeometry(q[0] as number, q[1] as number, boundary)) return null;
  return q;
}

/** Where the main station goes: the listed point, pulled ashore if needed, or an interior point. */
function mainPosition(boundary: Boundary | null, place: Place): Position {
  if (!boundary) return [round(place.lon, 5), round(place.lat, 5)];
  return (
    settle(boundary, snapInside(boundary, place.lon, place.lat, 0.5)) ??
    settle(boundary, interiorPoint(boundary)) ?? [round(place.lon, 5), round(place.lat, 5)]
  );
}

/**
 * Splits the country's main bounding box into `n` grid cells (rows north to south, cells west to
 * east), shrinks each cell to the part the country occupies (boundary vertices and sampled inside
 * points) and drops cells the country does not reach.
 */
function areaCells(boundary: Boundary, n: number, anchor: Position): BBox[] {
  const box = mainBbox(boundary, anchor);
  const width = box[2] - box[0];
  const height = box[3] - box[1];
  const kmWidth = width * Math.cos((((box[1] + box[3]) / 2) * Math.PI) / 180);
  const rows = Math.min(n, Math.max(1, Math.round(Math.sqrt((n * height) / Math.max(kmWidth, 1e-6)))));
  const xs: number[] = [];
  const ys: number[] = [];
  for (const rings of polygonsOf(boundary)) {
    for (const p of rings[0] ?? []) {
      xs.push(p[0] as number);
      ys.push(p[1] as number);
    }
  }
  const cells: BBox[] = [];
  for (let r = 0; r < rows; r++) {
    const k = Math.floor(n / rows) + (r < n % rows ? 1 : 0);
    const y1 = box[3] - (r * height) / rows;
    const y0 = y1 - height / rows;
    for (let c = 0; c < k; c++) {
      const x0 = box[0] + (c * width) / k;
      const cell = tighten(boundary, [x0, y0, x0 + width / k, y1], xs, ys);
      if (cell) cells.push(cell);
    }
  }
  return cells;
}

function tighten(boundary: Boundary, cell: BBox, xs: number[], ys: number[]): BBox | null {
  const ext: BBox = [
    Number.POSITIVE_INFINITY,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
  ];
  const add = (x: number, y: number) => {
    ext[0] = Math.min(ext[0], x);
    ext[1] = Math.min(ext[1], y);
    ext[2] = Math.max(ext[2], x);
    ext[3] = Math.max(ext[3], y);
  };
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i] as number;
    const y = ys[i] as number;
    if (x >= cell[0] && x <= cell[2] && y >= cell[1] && y <= cell[3]) add(x, y);
  }
  const steps = 6;
  for (let i = 0; i <= steps; i++) {
    for (let j = 0; j <= steps; j++) {
      const x = cell[0] + ((cell[2] - cell[0]) * i) / steps;
      const y = cell[1] + ((cell[3] - cell[1]) * j) / steps;
      if (pointInGeometry(x, y, boundary)) add(x, y);
    }
  }
  if (ext[0] > ext[2]) return null;
  // Keep a minimum size so that a sliver still makes a valid, visible polygon.
  const pad = (lo: number, hi: number, min: number, limit: number): [number, number] => {
    const grow = Math.max(0, (min - (hi - lo)) / 2);
    return [Math.max(-limit, lo - grow), Math.min(limit, hi + grow)];
  };
  const [x0, x1] = pad(ext[0], ext[2], 0.02, 180);
  const [y0, y1] = pad(ext[1], ext[3], 0.02, 90);
  const out = (v: number, up: boolean) => (up ? Math.ceil(v * 1e4) : Math.floor(v * 1e4)) / 1e4;
  return [out(x0, false), out(y0, false), out(x1, true), out(y1, true)];
}

const inBox = (p: Position, b: BBox) =>
  (p[0] as number) >= b[0] &&
  (p[0] as number) <= b[2] &&
  (p[1] as number) >= b[1] &&
  (p[1] as number) <= b[3];

/** Planar distance from a point to a box (0 inside). */
function boxDistance(p: Position, b: BBox): number {
  const dx = Math.max(b[0] - (p[0] as number), 0, (p[0] as number) - b[2]);
  const dy = Math.max(b[1] - (p[1] as number), 0, (p[1] as number) - b[3]);
  return Math.hypot(dx, dy);
}

/** The cell containing the point (first one), else the nearest. */
function cellOf(p: Position, cells: BBox[]): number {
  let best = 0;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (let i = 0; i < cells.length; i++) {
    const d = boxDistance(p, cells[i] as BBox);
    if (d === 0) return i;
    if (d < bestDistance) {
      bestDistance = d;
      best = i;
    }
  }
  return best;
}

function rectangle(b: BBox): Polygon {
  // Counter-clockwise exterior ring (RFC 7946 right-hand rule), closed.
  const ring: Position[] = [
    [b[0], b[1]],
    [b[2], b[1]],
    [b[2], b[3]],
    [b[0], b[3]],
    [b[0], b[1]],
  ];
  return { type: 'Polygon', coordinates: [ring] };
}

interface Placed {
  name: string;
  pos: Position;
}

/**
 * Areas and stations of one country. Every area holds at least one station (cells left empty are
 * dropped); the main station comes first and its area is numbered 01.
 */
export function layOutCountry(
  plan: CountryPlan,
  rng: Rng,
): { areas: LaidOutArea[]; stations: LaidOutStation[] } {
  const { country } = plan;
  const boundary = country.boundary;
  const mainPos = mainPosition(boundary, plan.main);
  const jitterBox: BBox = [
    Math.max(-180, (mainPos[0] as number) - 0.3),
    Math.max(-90, (mainPos[1] as number) - 0.3),
    Math.min(180, (mainPos[0] as number) + 0.3),
    Math.min(90, (mainPos[1] as number) + 0.3),
  ];
  let cells = boundary ? areaCells(boundary, plan.areas, mainPos) : [jitterBox];
  if (cells.length === 0) cells = [jitterBox];

  const placed: Placed[] = [{ name: plan.main.name, pos: mainPos }];
  const names = new Set([plan.main.name]);
  const pool = rng
    .shuffle(plan.field)
    .map((p) => ({
      name: p.name,
      pos: boundary ? settle(boundary, snapInside(boundary, p.lon, p.lat, 0.5)) : null,
    }))
    .filter((p): p is Placed => p.pos !== null && !names.has(p.name));

  const newName = (): string => {
    for (let i = 0; i < 50; i++) {
      const n = placeName(rng, country.region, country.subregion);
      if (!names.has(n)) return n;
    }
    return `${placeName(rng, country.region, country.subregion)} ${names.size + 1}`;
  };
  const take = (p: Placed) => {
    placed.push(p);
    names.add(p.name);
  };
  const synthIn = (box: BBox | null): Position | null => {
    for (let i = 0; i < 10; i++) {
      const raw = !boundary
        ? [rng.float(jitterBox[0], jitterBox[2]), rng.float(jitterBox[1], jitterBox[3])]
        : box
          ? randomPointInBox(boundary, box, rng)
          : randomPointIn(boundary, rng, mainPos);
      const p = settle(boundary, raw);
      if (p && (!box || inBox(p, box))) return p;
    }
    return null;
  };

  // One station in each area first, preferring a real field station that lies in it.
  for (const cell of cells) {
    if (placed.length >= plan.stations) break;
    if (placed.some((p) => inBox(p.pos, cell))) continue;
    const i = pool.findIndex((p) => inBox(p.pos, cell));
    if (i >= 0) take(pool.splice(i, 1)[0] as Placed);
    else {
      const pos = synthIn(cell);
      if (pos) take({ name: newName(), pos });
    }
  }
  while (placed.length < plan.stations) {
    const real = pool.shift();
    if (real) take(real);
    else take({ name: newName(), pos: synthIn(null) ?? mainPos });
  }

  // Areas in order: the main station's first, then grid order; empty cells are dropped.
  const cellOfStation = placed.map((p) => cellOf(p.pos, cells));
  const mainCell = cellOfStation[0] as number;
  const order = [
    mainCell,
    ...cells.map((_, i) => i).filter((i) => i !== mainCell && cellOfStation.includes(i)),
  ];
  const areaCode = new Map(
    order.map((cell, k) => [cell, `${country.code}-${String(k + 1).padStart(2, '0')}`]),
  );

  const taken = new Set<string>();
  const hubs = new Set<number>();
  const stations: LaidOutStation[] = placed.map((p, i) => {
    const cell = cellOfStation[i] as number;
    const hub = !hubs.has(cell);
    hubs.add(cell);
    return {
      code: `${country.code}-${placeCode(p.name, taken)}`,
      name: p.name,
      areaCode: areaCode.get(cell) as string,
      countryCode: country.code,
      lat: p.pos[1] as number,
      lon: p.pos[0] as number,
      main: i === 0,
      hub,
    };
  });

  const areas: LaidOutArea[] = order.map((cell, k) => {
    const code = areaCode.get(cell) as string;
    const hub = stations.find((s) => s.areaCode === code) as LaidOutStation;
    return {
      code,
      name: order.length === 1 ? `${country.name} (countrywide)` : `${hub.name} Region`,
      countryCode: country.code,
      pcode: `${country.iso2}${String(k + 1).padStart(2, '0')}`,
      polygon: rectangle(cells[cell] as BBox),
    };
  });
  return { areas, stations };
}
