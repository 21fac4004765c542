import fc from 'fast-check';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  interiorPoint,
  loadCountries,
  mainBbox,
  pointInGeometry,
  polygonsOf,
  randomPointIn,
  randomPointInBox,
  snapInside,
} from './geo';
import { createRng } from './random';
import { signedArea2 } from './rings';

const ring = (x0: number, y0: number, x1: number, y1: number, ccw = true): Position[] => {
  const r: Position[] = [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
    [x0, y0],
  ];
  return ccw ? r : r.slice().reverse();
};

/** A 10×10 square with a 4×4 hole in the middle. */
const squareWithHole: Polygon = {
  type: 'Polygon',
  coordinates: [ring(0, 0, 10, 10), ring(3, 3, 7, 7, false)],
};
/** Two disjoint squares, the second with a hole. */
const twoSquares: MultiPolygon = {
  type: 'MultiPolygon',
  coordinates: [[ring(-20, -20, -10, -10)], [ring(20, 20, 30, 30), ring(24, 24, 26, 26, false)]],
};

// Points on a grid offset by half a step never lie on an edge (all edges are at integers), where
// ray casting may go either way.
const coord = (lo: number, hi: number) =>
  fc.integer({ min: lo * 1000, max: hi * 1000 - 1 }).map((i) => (i + 0.5) / 1000);

describe('pointInGeometry', () => {
  it('is true inside the outer ring and outside the hole', () => {
    fc.assert(
      fc.property(coord(0, 10), coord(0, 10), (x, y) => {
        const inHole = x > 3 && x < 7 && y > 3 && y < 7;
        expect(pointInGeometry(x, y, squareWithHole)).toBe(!inHole);
      }),
    );
  });

  it('is false outside the outer ring', () => {
    fc.assert(
      fc.property(coord(-50, 50), coord(-50, 50), (x, y) => {
        fc.pre(x < 0 || x > 10 || y < 0 || y > 10);
        expect(pointInGeometry(x, y, squareWithHole)).toBe(false);
      }),
    );
  });

  it('does not depend on ring orientation', () => {
    const reversed: Polygon = {
      type: 'Polygon',
      coordinates: squareWithHole.coordinates.map((r) => r.slice().reverse()),
    };
    fc.assert(
      fc.property(coord(-2, 12), coord(-2, 12), (x, y) => {
        expect(pointInGeometry(x, y, reversed)).toBe(pointInGeometry(x, y, squareWithHole));
      }),
    );
  });

  it('handles MultiPolygon members and their holes', () => {
    fc.assert(
      fc.property(coord(-40, 40), coord(-40, 40), (x, y) => {
        const inFirst = x > -20 && x < -10 && y > -20 && y < -10;
        const inSecond = x > 20 && x < 30 && y > 20 && y < 30 && !(x > 24 && x < 26 && y > 24 && y < 26);
        expect(pointInGeometry(x, y, twoSquares)).toBe(inFirst || inSecond);
      }),
    );
  });
});

describe('random points', () => {
  it('randomPointIn returns points inside the geometry, deterministically', () => {
    fc.assert(
      fc.property(fc.string(), (seed) => {
        const p = randomPointIn(twoSquares, createRng(seed));
        expect(pointInGeometry(p[0] as number, p[1] as number, twoSquares)).toBe(true);
        expect(randomPointIn(twoSquares, createRng(seed))).toEqual(p);
      }),
    );
  });

  it('randomPointIn falls back when every try misses', () => {
    expect(randomPointIn(squareWithHole, createRng(1), [1, 2], 0)).toEqual([1, 2]);
    const p = randomPointIn(squareWithHole, createRng(1), undefined, 0);
    expect(pointInGeometry(p[0] as number, p[1] as number, squareWithHole)).toBe(true);
  });

  it('randomPointInBox stays in both the box and the geometry', () => {
    const rng = createRng('box');
    for (let i = 0; i < 50; i++) {
      const p = randomPointInBox(squareWithHole, [2, 2, 5, 5], rng);
      expect(p).not.toBeNull();
      const [x, y] = p as [number, number];
      expect(x >= 2 && x <= 5 && y >= 2 && y <= 5).toBe(true);
      expect(pointInGeometry(x, y, squareWithHole)).toBe(true);
    }
    expect(randomPointInBox(squareWithHole, [4, 4, 6, 6], rng, 20)).toBeNull();
  });

  it('interiorPoint and snapInside find inside points', () => {
    const p = interiorPoint(squareWithHole) as Position;
    expect(pointInGeometry(p[0] as number, p[1] as number, squareWithHole)).toBe(true);
    const s = snapInside(squareWithHole, 10.05, 5) as Position;
    expect(pointInGeometry(s[0] as number, s[1] as number, squareWithHole)).toBe(true);
    expect(Math.hypot((s[0] as number) - 10.05, (s[1] as number) - 5)).toBeLessThan(0.1);
    expect(snapInside(squareWithHole, 50, 50)).toBeNull();
  });
});

describe('loadCountries', () => {
  const countries = loadCountries();
  const byCode = new Map(countries.map((c) => [c.code, c]));

  it('lists every ISO country once, with metadata', () => {
    expect(countries.length).toBeGreaterThanOrEqual(245);
    expect(byCode.size).toBe(countries.length);
    const afg = byCode.get('AFG');
    expect(afg).toMatchObject({ iso2: 'AF', numeric: '004', name: 'Afghanistan', region: 'Asia' });
    expect(afg?.boundary?.type).toBeDefined();
    expect(byCode.get('UNK')?.numeric).toBeNull();
    expect(byCode.get('TUV')?.boundary).toBeNull();
    for (const c of countries) {
      expect(c.code).toMatch(/^[A-Z]{3}$/);
      expect(c.iso2).toMatch(/^[A-Z]{2}$/);
    }
    expect(countries.filter((c) => c.boundary).length).toBeGreaterThan(230);
  });

  it('gives RFC 7946 boundaries: [lon, lat], closed rings, exterior counter-clockwise, cut at 180°', () => {
    const problems: string[] = [];
    for (const c of countries) {
      if (!c.boundary) continue;
      for (const polygon of polygonsOf(c.boundary)) {
        polygon.forEach((r, i) => {
          if (r.length < 4) problems.push(`${c.code}: ring of ${r.length}`);
          const first = r[0] as Position;
          const last = r[r.length - 1] as Position;
          if (first[0] !== last[0] || first[1] !== last[1]) problems.push(`${c.code}: open ring`);
          if (signedArea2(r) > 0 !== (i === 0)) problems.push(`${c.code}: ring ${i} wound the wrong way`);
          for (let k = 0; k < r.length; k++) {
            const [lon, lat] = r[k] as [number, number];
            if (Math.abs(lon) > 180 || Math.abs(lat) > 90) problems.push(`${c.code}: [${lon}, ${lat}]`);
            const prev = r[k - 1];
            // Only an edge along a pole may span the whole map.
            if (prev && Math.abs((prev[0] as number) - lon) > 180 && Math.abs(lat) !== 90) {
              problems.push(`${c.code}: edge crosses the antimeridian at ${lat}`);
            }
          }
        });
      }
    }
    expect(problems).toEqual([]);
  });

  it('has working planar boundaries across the antimeridian and for merged features', () => {
    const rus = byCode.get('RUS')?.boundary;
    if (!rus) throw new Error('no boundary for RUS');
    expect(pointInGeometry(37.62, 55.76, rus)).toBe(true); // Moscow
    expect(pointInGeometry(-175, 66, rus)).toBe(true); // Chukotka, east of 180°
    expect(pointInGeometry(-38, 65.5, rus)).toBe(false); // Greenland
    const fji = byCode.get('FJI')?.boundary;
    expect(fji && pointInGeometry(178.44, -18.1, fji)).toBe(true);
    const som = byCode.get('SOM')?.boundary;
    expect(som && pointInGeometry(44.06, 9.56, som)).toBe(true); // Hargeisa
    const guf = byCode.get('GUF')?.boundary;
    expect(guf && pointInGeometry(-52.33, 4.92, guf)).toBe(true); // Cayenne
    const fra = byCode.get('FRA')?.boundary;
    expect(fra && pointInGeometry(-52.33, 4.92, fra)).toBe(false);
  });

  it('mainBbox leaves out far islands and keeps the anchor side of the antimeridian', () => {
    const usa = byCode.get('USA')?.boundary;
    const kir = byCode.get('KIR')?.boundary;
    if (!usa || !kir) throw new Error('missing boundaries');
    const box = mainBbox(usa);
    expect(box[0]).toBeGreaterThan(-180);
    expect(box[2] - box[0]).toBeLessThan(180);
    const tarawa = mainBbox(kir, [173.03, 1.35]);
    expect(tarawa[0]).toBeLessThanOrEqual(173.03);
    expect(tarawa[2]).toBeGreaterThanOrEqual(173.03);
  });
});
