import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cellDegrees,
  compareGroups,
  headcountKey,
  MAP_MAX_CELLS_PER_AXIS,
  monthKey,
  parseBbox,
  parseDimensions,
  periodBounds,
  ratePer100k,
  ratesApply,
  type StatDimension,
} from './stats-rules';

describe('grouping dimensions', () => {
  it('keeps the order asked for, ignoring case and spaces', () => {
    expect(parseDimensions('Country, year ,month')).toEqual({ dims: ['country', 'year', 'month'] });
    expect(parseDimensions('organization,area,category')).toEqual({
      dims: ['organization', 'area', 'category'],
    });
  });

  it('refuses unknown, repeated or missing dimensions, and explains why outcome is not one', () => {
    expect(parseDimensions('country,planet')).toEqual({ error: expect.stringContaining('"planet"') });
    expect(parseDimensions('year,year')).toEqual({ error: expect.stringContaining('twice') });
    expect(parseDimensions(' , ')).toEqual({ error: expect.stringContaining('at least one') });
    expect(parseDimensions('outcome')).toEqual({ error: expect.stringContaining('personnel-affected') });
  });
});

describe('period bounds', () => {
  it('needs the day only when a bound falls inside a month', () => {
    expect(periodBounds('2025-01-01', '2025-12-31')).toEqual({
      fromYear: 2025,
      toYear: 2025,
      fromMonthKey: monthKey(2025, 1),
      toMonthKey: monthKey(2025, 12),
    });
    expect(periodBounds('2025-03-11', '2025-06-15')).toMatchObject({
      exactFrom: '2025-03-11',
      exactTo: '2025-06-15',
    });
    expect(periodBounds(undefined, '2024-02-29')).toEqual({ toYear: 2024, toMonthKey: monthKey(2024, 2) });
    expect(periodBounds(undefined, '2024-02-28').exactTo).toBe('2024-02-28');
    expect(periodBounds(undefined, '2025-02-28').exactTo).toBeUndefined();
    expect(periodBounds()).toEqual({});
  });

  it('selects exactly the days between the bounds (property)', () => {
    const day = fc
      .date({
        min: new Date('2020-01-01T00:00:00Z'),
        max: new Date('2027-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, fc.option(day), fc.option(day), (d, from, to) => {
        const b = periodBounds(from ?? undefined, to ?? undefined);
        const [y, m] = d.split('-').map(Number) as [number, number];
        const key = monthKey(y, m);
        const selected =
          (b.fromYear === undefined || y >= b.fromYear) &&
          (b.toYear === undefined || y <= b.toYear) &&
          (b.fromMonthKey === undefined || key >= b.fromMonthKey) &&
          (b.toMonthKey === undefined || key <= b.toMonthKey) &&
          (b.exactFrom === undefined || d >= b.exactFrom) &&
          (b.exactTo === undefined || d <= b.exactTo);
        expect(selected).toBe((!from || d >= from) && (!to || d <= to));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('rates per 100,000 personnel', () => {
  it('needs a year and no area, and a known headcount', () => {
    expect(ratesApply(['country', 'year'])).toBe(true);
    expect(ratesApply(['year', 'month', 'category', 'organization'])).toBe(true);
    expect(ratesApply(['country'])).toBe(false);
    expect(ratesApply(['area', 'year'])).toBe(false);
    expect(ratesApply(['year'], true)).toBe(false);
    expect(ratePer100k(5, 1500)).toBe(333.33);
    expect(ratePer100k(2, 2000)).toBe(100);
    expect(ratePer100k(3, 0)).toBeNull();
    expect(ratePer100k(3, null)).toBeNull();
  });

  it('keys a group by its year, country and organization only', () => {
    const dims: StatDimension[] = ['category', 'organization', 'year', 'month'];
    expect(headcountKey(dims, { year: 2025, country: 'AFG', organizationId: 'o1' })).toBe('2025|o1');
    expect(headcountKey(['country', 'year'], { year: 2025, country: 'AFG' })).toBe('2025|AFG');
  });
});

describe('ordering groups', () => {
  it('orders by the dimensions asked for, numbers numerically, nulls last', () => {
    type R = { year?: number; area?: string | null };
    const rows: R[] = [
      { area: null, year: 2025 },
      { area: 'B', year: 10 },
      { area: 'A', year: 2025 },
      { area: 'A', year: 9 },
    ];
    const cmp = compareGroups<R>(['area', 'year'], (r, d) => r[d as keyof R]);
    expect([...rows].sort(cmp)).toEqual([
      { area: 'A', year: 9 },
      { area: 'A', year: 2025 },
      { area: 'B', year: 10 },
      { area: null, year: 2025 },
    ]);
  });
});

describe('map boxes and grid', () => {
  it('parses west,south,east,north and refuses anything else', () => {
    expect(parseBbox('33,-5,42,5')).toEqual({ bbox: [33, -5, 42, 5] });
    expect(parseBbox('170,-20,-170,20')).toEqual({ bbox: [170, -20, -170, 20] });
    expect(parseBbox('1,2,3')).toHaveProperty('error');
    expect(parseBbox('a,b,c,d')).toHaveProperty('error');
    expect(parseBbox('0,10,1,5')).toHaveProperty('error');
    expect(parseBbox('-181,0,0,1')).toHaveProperty('error');
  });

  it('halves the cell with each zoom level but never spans more than 64 cells a side', () => {
    expect(cellDegrees(0, [-180, -90, 180, 90])).toBe(45);
    expect(cellDegrees(4, [30, -5, 45, 5])).toBeCloseTo(2.8125);
    expect(cellDegrees(15, [-180, -90, 180, 90])).toBe(360 / MAP_MAX_CELLS_PER_AXIS);
    // Across the antimeridian the box is 20 degrees wide, not 340.
    expect(cellDegrees(20, [170, 0, -170, 1])).toBeCloseTo(20 / MAP_MAX_CELLS_PER_AXIS);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 24 }),
        fc.double({ min: -180, max: 180, noNaN: true }),
        fc.double({ min: -180, max: 180, noNaN: true }),
        fc.double({ min: -90, max: 90, noNaN: true }),
        fc.double({ min: 0, max: 180, noNaN: true }),
        (zoom, w, e, s, h) => {
          const n = Math.min(90, s + h);
          const cell = cellDegrees(zoom, [w, s, e, n]);
          const width = e >= w ? e - w : 360 - (w - e);
          expect(width / cell).toBeLessThanOrEqual(MAP_MAX_CELLS_PER_AXIS + 1e-9);
          expect((n - s) / cell).toBeLessThanOrEqual(MAP_MAX_CELLS_PER_AXIS + 1e-9);
        },
      ),
    );
  });
});
