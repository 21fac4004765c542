import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Breakdown,
  countProblems,
  countsFromPersonnel,
  fillFromMarginals,
  KNOWN_CATEGORIES,
  KNOWN_SEXES,
  type PersonnelCounts,
  personnelFromCounts,
} from './personnel-counts';
import { OUTCOMES } from './rules';

const rowSums = (t: number[][]) => t.map((r) => r.reduce((a, b) => a + b, 0));
const colSums = (t: number[][]) => t[0]!.map((_, j) => t.reduce((a, r) => a + r[j]!, 0));

/** Two marginals of one total: a total, then random splits of it. */
const marginals = fc
  .tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 4 }))
  .chain(([total, nr, nc]) =>
    fc.tuple(
      fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: nr, maxLength: nr }),
      fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: nc, maxLength: nc }),
      fc.constant(total),
    ),
  )
  .map(([a, b, total]) => [split(total, a), split(total, b)] as const);

/** Splits `total` into parts proportional to `weights` (the last part takes the rounding). */
function split(total: number, weights: number[]): number[] {
  const w = weights.reduce((x, y) => x + y, 0) || 1;
  const parts = weights.map((x) => Math.floor((total * x) / w));
  parts[parts.length - 1]! += total - parts.reduce((x, y) => x + y, 0);
  return parts;
}

/** A consistent breakdown: known parts never above the total. */
const breakdown = (max = 50) =>
  fc
    .record({
      total: fc.integer({ min: 0, max }),
      cat: fc.array(fc.nat(100), { minLength: 6, maxLength: 6 }),
      sex: fc.array(fc.nat(100), { minLength: 3, maxLength: 3 }),
    })
    .map(({ total, cat, sex }): Breakdown => {
      const c = split(total, cat);
      const s = split(total, sex);
      return {
        total,
        category: Object.fromEntries(KNOWN_CATEGORIES.map((k, i) => [k, c[i]!])),
        sex: Object.fromEntries(KNOWN_SEXES.map((k, i) => [k, s[i]!])),
      };
    });

describe('fillFromMarginals (north-west corner)', () => {
  it('keeps both marginals exactly and uses at most rows + cols − 1 cells', () => {
    fc.assert(
      fc.property(marginals, ([rows, cols]) => {
        const t = fillFromMarginals(rows, cols);
        expect(rowSums(t)).toEqual(rows);
        expect(colSums(t)).toEqual(cols);
        expect(t.flat().every((n) => Number.isInteger(n) && n >= 0)).toBe(true);
        expect(t.flat().filter((n) => n > 0).length).toBeLessThanOrEqual(rows.length + cols.length - 1);
      }),
    );
  });

  it('refuses marginals of different totals', () => {
    expect(() => fillFromMarginals([1, 2], [4])).toThrow();
  });
});

describe('personnel rows from flat counts', () => {
  /** The killed are those outside captivity plus those in it, so the two always fit together. */
  const plus = (a: Breakdown, b: Breakdown): Breakdown => ({
    total: a.total + b.total,
    category: Object.fromEntries(
      KNOWN_CATEGORIES.map((c) => [c, (a.category[c] ?? 0) + (b.category[c] ?? 0)]),
    ),
    sex: Object.fromEntries(KNOWN_SEXES.map((s) => [s, (a.sex[s] ?? 0) + (b.sex[s] ?? 0)])),
  });
  const counts = fc
    .record({
      outcomes: fc.dictionary(fc.constantFrom(...OUTCOMES), breakdown()),
      captivity: fc.option(breakdown(20), { nil: undefined }),
    })
    .map(({ outcomes, captivity }): PersonnelCounts => {
      if (!captivity) return { outcomes };
      const outside = outcomes.killed ?? { total: 0, category: {}, sex: {} };
      return { outcomes: { ...outcomes, killed: plus(outside, captivity) }, killedInCaptivity: captivity };
    });

  it('preserve every total, both splits and the killed in captivity (property)', () => {
    fc.assert(
      fc.property(counts, (c) => {
        expect(countProblems(c)).toEqual([]);
        const rows = personnelFromCounts(c);
        expect(rows.every((r) => r.count > 0)).toBe(true);
        const back = countsFromPersonnel(rows);
        for (const o of OUTCOMES) {
          const want = c.outcomes[o];
          if (!want || want.total === 0) {
            expect(back.outcomes[o]).toBeUndefined();
            continue;
          }
          const got = back.outcomes[o]!;
          expect(got.total).toBe(want.total);
          for (const k of KNOWN_CATEGORIES) expect(got.category[k] ?? 0).toBe(want.category[k] ?? 0);
          for (const s of KNOWN_SEXES) expect(got.sex[s] ?? 0).toBe(want.sex[s] ?? 0);
        }
        const kc = c.killedInCaptivity;
        const gotKc = back.killedInCaptivity;
        expect(gotKc?.total ?? 0).toBe(kc?.total ?? 0);
        for (const k of KNOWN_CATEGORIES) expect(gotKc?.category[k] ?? 0).toBe(kc?.category[k] ?? 0);
        for (const s of KNOWN_SEXES) expect(gotKc?.sex[s] ?? 0).toBe(kc?.sex[s] ?? 0);
        // Deterministic: the same counts always give the same rows.
        expect(personnelFromCounts(c)).toEqual(rows);
      }),
    );
  });

  it('turns a SiND-like killing into one row per joint cell', () => {
    const rows = personnelFromCounts({
      outcomes: {
        killed: { total: 3, category: { international: 1, national: 2 }, sex: { female: 1, male: 1 } },
      },
    });
    expect(rows.map((r) => [r.category, r.sex, r.count])).toEqual([
      ['international', 'female', 1],
      ['national', 'male', 1],
      ['national', 'unknown', 1],
    ]);
  });

  it('reports splits larger than their total, naming the part', () => {
    expect(
      countProblems({
        outcomes: { injured: { total: 2, category: { national: 3 }, sex: { male: 1, female: 2 } } },
      }),
    ).toEqual([
      {
        outcome: 'injured',
        captivity: false,
        part: 'national',
        message: 'national 3 is more than the total 2',
      },
      {
        outcome: 'injured',
        captivity: false,
        part: 'female',
        message: 'female 2 + male 1 is more than the total 2',
      },
    ]);
  });

  it('reports killed in captivity that do not fit inside the killed', () => {
    const killed: Breakdown = { total: 2, category: { international: 2 }, sex: {} };
    expect(
      countProblems({ outcomes: { killed }, killedInCaptivity: { total: 3, category: {}, sex: {} } }),
    ).toMatchObject([
      { captivity: true, part: 'total', message: '3 killed in captivity but only 2 killed in all' },
    ]);
    expect(
      countProblems({
        outcomes: { killed },
        killedInCaptivity: { total: 1, category: { national: 1 }, sex: {} },
      }),
    ).toMatchObject([{ captivity: true, part: 'national' }]);
    // One of unknown category in captivity, but every killed person was international.
    expect(
      countProblems({ outcomes: { killed }, killedInCaptivity: { total: 1, category: {}, sex: {} } }),
    ).toMatchObject([
      { captivity: true, part: 'total', message: expect.stringContaining('unknown category') },
    ]);
  });
});
