import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  calendarOf,
  centsToDecimal,
  computeShares,
  describeDoubleCharge,
  findDoubleCharges,
  type JointlyFundedCost,
  milestoneState,
  nextStatus,
  outstanding,
  splitByWeight,
} from './rules';

describe('splitByWeight (largest remainder, exact cents)', () => {
  it('splits 100.00 three ways with the odd cent to the first key on a tie', () => {
    const m = splitByWeight(10_000, [
      { key: 'A', weight: 1 },
      { key: 'B', weight: 1 },
      { key: 'C', weight: 1 },
    ]);
    expect([...m.entries()]).toEqual([
      ['A', 3334],
      ['B', 3333],
      ['C', 3333],
    ]);
  });
  it('gives the leftover cents to the largest remainders', () => {
    // 1000 cents by 1:2:4 → exact 142.857, 285.714, 571.428 → floors 142, 285, 571 (998); +1 to A and B (remainders .857, .714).
    const m = splitByWeight(1000, [
      { key: 'A', weight: 1 },
      { key: 'B', weight: 2 },
      { key: 'C', weight: 4 },
    ]);
    expect(Object.fromEntries(m)).toEqual({ A: 143, B: 286, C: 571 });
  });
  it('zero weights get nothing; no weight at all cannot carry a total', () => {
    expect(
      Object.fromEntries(
        splitByWeight(500, [
          { key: 'A', weight: 0 },
          { key: 'B', weight: 3 },
        ]),
      ),
    ).toEqual({
      A: 0,
      B: 500,
    });
    expect(() => splitByWeight(1, [{ key: 'A', weight: 0 }])).toThrow(RangeError);
    expect(Object.fromEntries(splitByWeight(0, []))).toEqual({});
  });
  it('property: sums exactly, each within one cent of its exact share, never negative', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9_000_000_000_000 }),
        fc.array(fc.integer({ min: 0, max: 200_000 }), { minLength: 1, maxLength: 40 }),
        (total, weights) => {
          fc.pre(weights.some((w) => w > 0));
          const parts = weights.map((w, i) => ({ key: `K${String(i).padStart(2, '0')}`, weight: w }));
          const m = splitByWeight(total, parts);
          const sum = [...m.values()].reduce((s, v) => s + v, 0);
          expect(sum).toBe(total);
          const wsum = weights.reduce((s, w) => s + w, 0);
          for (const p of parts) {
            const got = m.get(p.key) ?? -1;
            expect(got).toBeGreaterThanOrEqual(0);
            // |got − total·w/W| < 1  ⇔  |got·W − total·w| < W (exact in BigInt)
            const diff = BigInt(got) * BigInt(wsum) - BigInt(total) * BigInt(p.weight);
            expect(diff < 0n ? -diff : diff).toBeLessThan(BigInt(wsum));
          }
        },
      ),
    );
  });
  it('property: the order parts are given in does not change anyone’s amount', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 12 }),
        (total, weights) => {
          const parts = weights.map((w, i) => ({ key: `K${i}`, weight: w }));
          const a = splitByWeight(total, parts);
          const b = splitByWeight(total, [...parts].reverse());
          expect(Object.fromEntries(b)).toEqual(Object.fromEntries(a));
        },
      ),
    );
  });
});

describe('computeShares', () => {
  const row = (code: string, headcount: number, countedInId: string | null = null) => ({
    organizationId: `id-${code}`,
    organizationCode: code,
    countedInId,
    headcount,
  });
  it('folds an organization counted in another into it and leaves out those with no headcount', () => {
    const shares = computeShares(100_000, [
      row('UNDP', 30),
      row('UNV', 10, 'id-UNDP'),
      row('WFP', 60),
      row('X', 0),
    ]);
    expect(shares).toEqual([
      { organizationId: 'id-UNDP', organizationCode: 'UNDP', headcount: 40, amountCents: 40_000 },
      { organizationId: 'id-WFP', organizationCode: 'WFP', headcount: 60, amountCents: 60_000 },
    ]);
  });
  it('property: shares add up to the total', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000_000 }),
        fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 1, maxLength: 20 }),
        (total, counts) => {
          const shares = computeShares(
            total,
            counts.map((c, i) => row(`O${i}`, c)),
          );
          expect(shares.reduce((s, r) => s + r.amountCents, 0)).toBe(total);
        },
      ),
    );
  });
});

describe('transitions and calendar', () => {
  it('moves only along draft → circulated → approved → billed → closed (and back from circulated)', () => {
    expect(nextStatus('draft', 'circulate')).toBe('circulated');
    expect(nextStatus('circulated', 'reopen')).toBe('draft');
    expect(nextStatus('circulated', 'approve')).toBe('approved');
    expect(nextStatus('approved', 'bill')).toBe('billed');
    expect(nextStatus('billed', 'close')).toBe('closed');
    expect(nextStatus('draft', 'approve')).toBeNull();
    expect(nextStatus('approved', 'reopen')).toBeNull();
    expect(nextStatus('closed', 'bill')).toBeNull();
  });
  it('budget year 2027: circulated by 1 Oct 2026, billed 15 Nov 2026, paid by 1 Mar 2027', () => {
    expect(calendarOf(2027)).toEqual({ circulate: '2026-10-01', bill: '2026-11-15', pay: '2027-03-01' });
  });
  it('a milestone is due soon within 14 days, missed the day after', () => {
    expect(milestoneState('2026-10-01', false, '2026-09-16')).toBe('upcoming');
    expect(milestoneState('2026-10-01', false, '2026-09-17')).toBe('due-soon');
    expect(milestoneState('2026-10-01', false, '2026-10-01')).toBe('due-soon');
    expect(milestoneState('2026-10-01', false, '2026-10-02')).toBe('missed');
    expect(milestoneState('2026-10-01', true, '2026-12-02')).toBe('done');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
  });
});

describe('findDoubleCharges', () => {
  const register: JointlyFundedCost[] = [
    {
      id: 'sa',
      countryCode: null,
      categoryCode: 'personnel',
      description: 'UNDSS security adviser posts (jointly financed)',
      matchTerms: ['security adviser', 'security advisor', 'deputy security adviser'],
      wholeCategory: false,
    },
    {
      id: 'afg-comms',
      countryCode: 'AFG',
      categoryCode: 'communications',
      description: 'Security communications centre, Kabul',
      matchTerms: [],
      wholeCategory: true,
    },
  ];
  it('finds linked lines, whole categories and terms, in this country only', () => {
    const found = findDoubleCharges(
      'AFG',
      [
        { categoryCode: 'personnel', description: 'Local guards, 12 posts' },
        { categoryCode: 'personnel', description: 'Salary of the Security Advisor (P-4)' },
        { categoryCode: 'communications', description: 'Radio room operators' },
        { categoryCode: 'training', description: 'SSAFE course', jointlyFundedCostId: 'sa' },
        { categoryCode: 'personnel', description: 'Adviser on security matters' },
      ],
      register,
    );
    expect(found.map((d) => [d.line, d.costId, d.reason])).toEqual([
      [1, 'sa', 'term'],
      [2, 'afg-comms', 'whole-category'],
      [3, 'sa', 'linked'],
    ]);
    expect(describeDoubleCharge(found[0]!)).toContain('line 2');
    expect(
      findDoubleCharges('KEN', [{ categoryCode: 'communications', description: 'Radios' }], register),
    ).toEqual([]);
  });
  it('matches whole words, ignoring case and accents', () => {
    const reg: JointlyFundedCost[] = [
      {
        id: 'x',
        countryCode: 'AFG',
        categoryCode: 'misc',
        description: 'x',
        matchTerms: ['Sécurité'],
        wholeCategory: false,
      },
    ];
    expect(
      findDoubleCharges('AFG', [{ categoryCode: 'misc', description: 'Frais SECURITE locale' }], reg),
    ).toHaveLength(1);
    expect(
      findDoubleCharges('AFG', [{ categoryCode: 'misc', description: 'insecuritex' }], reg),
    ).toHaveLength(0);
  });
});

describe('money', () => {
  it('outstanding is never negative; decimals have two places', () => {
    expect(outstanding(1000, 400)).toBe(600);
    expect(outstanding(1000, 1200)).toBe(0);
    expect(centsToDecimal(123_405)).toBe('1234.05');
    expect(centsToDecimal(7)).toBe('0.07');
  });
});
