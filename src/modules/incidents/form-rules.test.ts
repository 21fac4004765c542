import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AreaGeometry } from '../registry/rules';
import {
  checkClassification,
  diffSnapshots,
  impactTotals,
  isFieldError,
  kmOutside,
  localDateTime,
  redactChange,
  resolveWhen,
} from './form-rules';
import { OUTCOMES } from './rules';

const now = new Date('2026-11-30T12:00:00Z');

describe('when an event happened', () => {
  it('keeps the local date, the instant and the offset of a date-time', () => {
    expect(resolveWhen({ occurredAt: '2026-03-04T23:30:00-05:00' }, now)).toEqual({
      occurredOn: '2026-03-04',
      occurredAt: '2026-03-05T04:30:00.000Z',
      utcOffset: '-05:00',
      year: 2026,
      month: 3,
    });
    expect(resolveWhen({ occurredAt: '2026-03-04T10:00:00Z' }, now)).toMatchObject({ utcOffset: '+00:00' });
    expect(resolveWhen({ occurredOn: '2024-12-31' }, now)).toMatchObject({
      occurredAt: null,
      year: 2024,
      month: 12,
    });
  });

  it('refuses the future, a missing date and a date that contradicts the time', () => {
    expect(resolveWhen({ occurredAt: '2026-11-30T14:00:00+00:00' }, now)).toMatchObject({
      field: 'occurredAt',
    });
    expect(resolveWhen({ occurredOn: '2026-12-02' }, now)).toMatchObject({ field: 'occurredOn' });
    expect(resolveWhen({}, now)).toMatchObject({ field: 'occurredOn' });
    expect(resolveWhen({ occurredOn: '2026-03-05', occurredAt: '2026-03-04T10:00:00Z' }, now)).toMatchObject({
      field: 'occurredOn',
    });
  });

  it('accepts tomorrow’s date where it is already tomorrow (UTC+14)', () => {
    expect(isFieldError(resolveWhen({ occurredOn: '2026-12-01' }, now))).toBe(false);
  });

  it('round-trips an instant through its local form (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2026-01-01'), noInvalidDate: true }),
        fc.integer({ min: -12 * 4, max: 14 * 4 }),
        (d, quarters) => {
          const minutes = quarters * 15;
          const sign = minutes < 0 ? '-' : '+';
          const abs = Math.abs(minutes);
          const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
          const utc = new Date(Math.floor(d.getTime() / 1000) * 1000).toISOString();
          const local = localDateTime(utc, offset);
          const back = resolveWhen({ occurredAt: local }, now);
          expect(isFieldError(back)).toBe(false);
          if (!isFieldError(back)) expect(back.occurredAt).toBe(utc);
        },
      ),
    );
  });
});

describe('classification rules', () => {
  const facts = { relevance: 'organization' as const, impactKinds: [] as string[], personnelCount: 0 };

  it('burglary concerns premises only', () => {
    const r = checkClassification({ ...facts, categoryCode: 'burglary of premises' });
    expect(!isFieldError(r) && r.errors.map((e) => e.field)).toEqual(['impacts']);
    const ok = checkClassification({ ...facts, categoryCode: 'BURGLARY', impactKinds: ['premises'] });
    expect(!isFieldError(ok) && ok.errors).toEqual([]);
  });

  it('situational categories cannot be marked as affecting the organization; near misses affect no one', () => {
    const r = checkClassification({ ...facts, categoryCode: 'TERRORISM' });
    expect(!isFieldError(r) && r.errors.map((e) => e.field)).toEqual(['relevance']);
    const near = checkClassification({
      ...facts,
      categoryCode: 'ROAD_CRASH',
      relevance: 'near_miss',
      personnelCount: 1,
    });
    expect(!isFieldError(near) && near.errors.map((e) => e.field)).toEqual(['personnel']);
  });

  it('names an unknown category', () => {
    expect(checkClassification({ ...facts, categoryCode: 'UFO' })).toEqual({
      field: 'categoryCode',
      message: 'unknown category "UFO"',
    });
  });
});

describe('totals for statistics', () => {
  it('affected is the sum of all counts; each total the sum of its outcome (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ outcome: fc.constantFrom(...OUTCOMES), count: fc.integer({ min: 1, max: 50 }) }),
        ),
        (people) => {
          const t = impactTotals(people);
          const sum = (o?: string) =>
            people.filter((p) => !o || p.outcome === o).reduce((n, p) => n + p.count, 0);
          expect(t).toEqual({
            affected: sum(),
            killed: sum('killed'),
            injured: sum('injured'),
            kidnapped: sum('abducted'),
            arrested: sum('arrested_detained'),
          });
        },
      ),
    );
  });
});

describe('place checks', () => {
  const square: AreaGeometry = {
    type: 'Polygon',
    coordinates: [
      [
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 1],
        [0, 0],
      ],
    ],
  };
  it('is 0 inside and the distance to the outline outside', () => {
    expect(kmOutside(square, 0.5, 0.5)).toBe(0);
    // One degree of latitude is about 111 km.
    expect(kmOutside(square, 0, 2)).toBeGreaterThan(110);
    expect(kmOutside(square, 0, 2)).toBeLessThan(112);
  });
  it('measures to the nearest edge, not the nearest vertex (a coast drawn with few vertices)', () => {
    // 0.1° south of the middle of an edge whose vertices are ~57 km away.
    expect(kmOutside(square, 0.5, -0.1)).toBeCloseTo(11.1, 0);
  });
});

describe('revisions', () => {
  it('lists each changed field with old and new values', () => {
    expect(diffSnapshots({ a: 1, b: [1], c: 'x' }, { a: 1, b: [2], c: null })).toEqual([
      { field: 'b', old: [1], new: [2] },
      { field: 'c', old: 'x', new: null },
    ]);
  });
  it('withholds restricted values from readers without need to know', () => {
    expect(redactChange({ field: 'sensitiveDetails', old: 'a', new: 'b' })).toEqual({
      field: 'sensitiveDetails',
      old: '(withheld)',
      new: '(withheld)',
    });
    const people = redactChange({ field: 'personnel', old: [{ personName: 'N', count: 1 }], new: [] });
    expect(people.old).toEqual([{ personName: '(withheld)', lineManagerEmail: '', count: 1 }]);
  });
});
