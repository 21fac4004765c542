import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Claim,
  compareClaims,
  type Geometry,
  geometryContains,
  manageScope,
  type PersonPlace,
  pickZones,
  ringLiteral,
  validateGeometry,
  type ZoneShape,
  zonesOf,
} from './rules';

const claimArb = fc.record({
  zoneId: fc.constantFrom('z1', 'z2', 'z3', 'z4', 'z5'),
  code: fc.constantFrom('A', 'B', 'C', 'D'),
  kind: fc.constantFrom('geographic' as const, 'organization' as const),
  rank: fc.integer({ min: 0, max: 4 }),
});

describe('pickZones', () => {
  it('keeps at most one zone per kind, the most specific (then the lowest code), whatever the order', () => {
    fc.assert(
      fc.property(fc.array(claimArb, { maxLength: 12 }), fc.infiniteStream(fc.nat()), (claims, rnd) => {
        const picked = pickZones(claims);
        expect(new Set(picked.map((c) => c.kind)).size).toBe(picked.length);
        for (const kind of ['geographic', 'organization'] as const) {
          const ofKind = claims.filter((c) => c.kind === kind);
          const chosen = picked.find((c) => c.kind === kind);
          if (ofKind.length === 0) expect(chosen).toBeUndefined();
          else {
            expect(chosen).toBeDefined();
            for (const c of ofKind) expect(compareClaims(chosen as Claim, c)).toBeLessThanOrEqual(0);
          }
        }
        const it = rnd[Symbol.iterator]();
        const shuffled = [...claims].sort(() => ((it.next().value as number) % 3) - 1);
        expect(pickZones(shuffled).map((c) => [c.kind, c.rank, c.code])).toEqual(
          picked.map((c) => [c.kind, c.rank, c.code]),
        );
      }),
    );
  });

  it('orders explicit > station > residence area > polygon, ties by code', () => {
    const c = (code: string, rank: number): Claim => ({ zoneId: code, code, kind: 'geographic', rank });
    expect(pickZones([c('A', 4), c('Z', 2), c('B', 3)])[0]?.code).toBe('Z');
    expect(pickZones([c('B', 2), c('A', 2)])[0]?.code).toBe('A');
    expect(pickZones([c('B', 2), c('Q', 0)])[0]?.code).toBe('Q');
  });
});

const square = (x: number, y: number, s: number): [number, number][] => [
  [x, y],
  [x + s, y],
  [x + s, y + s],
  [x, y + s],
  [x, y],
];

describe('geometry', () => {
  it('a point is inside an outer ring and outside its holes; a MultiPolygon is the union of its parts', () => {
    const poly: Geometry = { type: 'Polygon', coordinates: [square(0, 0, 10), square(4, 4, 2)] };
    expect(geometryContains(poly, 1, 1)).toBe(true);
    expect(geometryContains(poly, 5, 5)).toBe(false);
    expect(geometryContains(poly, 11, 1)).toBe(false);
    const multi: Geometry = { type: 'MultiPolygon', coordinates: [[square(0, 0, 1)], [square(5, 5, 1)]] };
    expect(geometryContains(multi, 5.5, 5.5)).toBe(true);
    expect(geometryContains(multi, 3, 3)).toBe(false);
  });

  it('points strictly inside an axis-aligned box are contained, points outside are not', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -170, max: 160 }),
        fc.integer({ min: -80, max: 70 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: -80, max: 80 }).map((n) => n / 4 + 0.125),
        fc.integer({ min: -80, max: 80 }).map((n) => n / 4 + 0.125),
        (x, y, s, dx, dy) => {
          const px = x + dx;
          const py = y + dy;
          // Quarter steps offset by an eighth: never on an edge (integer coordinates).
          const inside = px > x && px < x + s && py > y && py < y + s;
          expect(geometryContains({ type: 'Polygon', coordinates: [square(x, y, s)] }, px, py)).toBe(inside);
        },
      ),
    );
  });

  it('validates GeoJSON polygons and names the position at fault', () => {
    expect(validateGeometry({ type: 'Polygon', coordinates: [square(0, 0, 1)] })).toEqual([]);
    expect(
      validateGeometry({ type: 'MultiPolygon', coordinates: [[square(0, 0, 1)], [square(2, 2, 1)]] }),
    ).toEqual([]);
    expect(validateGeometry(null)[0]?.path).toBe('');
    expect(validateGeometry({ type: 'LineString', coordinates: [] })[0]?.path).toBe('type');
    expect(validateGeometry({ type: 'Polygon', coordinates: 'x' })[0]?.path).toBe('coordinates');
    expect(validateGeometry({ type: 'Polygon', coordinates: [] })[0]?.path).toBe('coordinates');
    expect(validateGeometry({ type: 'Polygon', coordinates: [square(0, 0, 1).slice(0, 3)] })[0]?.path).toBe(
      'coordinates/0',
    );
    expect(
      validateGeometry({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 1],
            [0, 0.5],
          ],
        ],
      }),
    ).toEqual([{ path: 'coordinates/0', message: 'a ring must end where it starts' }]);
    expect(
      validateGeometry({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 91],
            [0, 1],
            [0, 0],
          ],
        ],
      })[0]?.path,
    ).toBe('coordinates/0/2');
    expect(
      validateGeometry({ type: 'MultiPolygon', coordinates: [[square(0, 0, 1)], [['x']]] })[0]?.path,
    ).toBe('coordinates/1/0');
  });

  it('writes native polygon literals as (x, y) = (lon, lat)', () => {
    expect(
      ringLiteral([
        [67.1, 36.7],
        [68, 36.7],
        [68, 37],
        [67.1, 36.7],
      ]),
    ).toBe('((67.1,36.7),(68,36.7),(68,37),(67.1,36.7))');
  });
});

const person = (over: Partial<PersonPlace>): PersonPlace => ({
  id: 'p',
  organizationId: 'orgA',
  kind: 'personnel',
  sponsorId: null,
  dutyStationId: null,
  residenceAreaId: null,
  point: null,
  ...over,
});
const zone = (over: Partial<ZoneShape>): ZoneShape => ({
  id: over.code ?? 'z',
  code: 'z',
  kind: 'geographic',
  organizationId: null,
  stationIds: [],
  areaIds: [],
  polygon: null,
  ...over,
});

describe('zonesOf', () => {
  const world = [
    zone({ id: 'st', code: 'ST', stationIds: ['s1'] }),
    zone({ id: 'ar', code: 'AR', areaIds: ['a1'] }),
    zone({ id: 'pg', code: 'PG', polygon: { type: 'Polygon', coordinates: [square(0, 0, 10)] } }),
    zone({ id: 'oa', code: 'OA', kind: 'organization', organizationId: 'orgA', stationIds: ['s1'] }),
    zone({ id: 'ob', code: 'OB', kind: 'organization', organizationId: 'orgB', stationIds: ['s1'] }),
    zone({ id: 'ex', code: 'EX' }),
  ];
  const none = new Map<string, string[]>();
  const everywhere = person({
    id: 'p',
    dutyStationId: 's1',
    residenceAreaId: 'a1',
    point: { lat: 5, lon: 5 },
  });

  it('station beats residence area beats polygon; an organization zone of another organization never claims', () => {
    expect(zonesOf(everywhere, null, world, none).map((c) => c.zoneId)).toEqual(['st', 'oa']);
    expect(zonesOf({ ...everywhere, dutyStationId: 's9' }, null, world, none).map((c) => c.zoneId)).toEqual([
      'ar',
    ]);
    expect(
      zonesOf({ ...everywhere, dutyStationId: 's9', residenceAreaId: null }, null, world, none).map(
        (c) => c.zoneId,
      ),
    ).toEqual(['pg']);
  });

  it('an explicit assignment wins for its kind; a dependant follows the sponsor unless assigned', () => {
    const assigned = new Map([['p', ['ex']]]);
    expect(zonesOf(everywhere, null, world, assigned).map((c) => c.zoneId)).toEqual(['ex', 'oa']);
    const dep = person({
      id: 'd',
      kind: 'dependant',
      sponsorId: 'p',
      dutyStationId: null,
      residenceAreaId: 'a1',
    });
    expect(zonesOf(dep, everywhere, world, none).map((c) => c.zoneId)).toEqual(['st', 'oa']);
    expect(zonesOf(dep, everywhere, world, assigned).map((c) => c.zoneId)).toEqual(['ex', 'oa']);
    expect(
      zonesOf(
        dep,
        everywhere,
        world,
        new Map([
          ['d', ['pg']],
          ['p', ['ex']],
        ]),
      ).map((c) => c.zoneId),
    ).toEqual(['pg', 'oa']);
    // Without a known sponsor, a dependant is placed only by their own assignment.
    expect(zonesOf(dep, null, world, none)).toEqual([]);
  });

  it('an assignment always decides its kind, whatever else matches', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('st', 'ar', 'pg', 'ex', 'oa'),
        fc.option(fc.constantFrom('s1', 's2'), { nil: null }),
        fc.option(fc.constantFrom('a1', 'a2'), { nil: null }),
        (target, station, area) => {
          const p = person({ dutyStationId: station, residenceAreaId: area, point: { lat: 1, lon: 1 } });
          const got = zonesOf(p, null, world, new Map([['p', [target]]]));
          expect(got.map((c) => c.zoneId)).toContain(target);
          expect(got.length).toBeLessThanOrEqual(2);
        },
      ),
    );
  });
});

describe('manageScope', () => {
  it('geographic zones by country, organization zones by organization only', () => {
    expect(manageScope({ kind: 'geographic', countryCode: 'AFG', organizationId: null })).toEqual({
      countryCode: 'AFG',
    });
    expect(manageScope({ kind: 'organization', countryCode: 'AFG', organizationId: 'o' })).toEqual({
      organizationId: 'o',
    });
  });
});
