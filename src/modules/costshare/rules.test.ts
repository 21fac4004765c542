import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explain } from './explain';
import {
  ApportionError,
  type ApportionInput,
  apportion,
  type CensusEntry,
  censusIssues,
  formatCents,
  parseAmount,
  sharePercent,
} from './rules';

const amountOf = (r: ReturnType<typeof apportion>, org: string) =>
  r.lines.find((l) => l.organization === org)?.amountCents;
const sum = (r: ReturnType<typeof apportion>) => r.lines.reduce((s, l) => s + l.amountCents, 0n);
const issuesOf = (input: ApportionInput) => {
  try {
    apportion(input);
  } catch (e) {
    if (e instanceof ApportionError) return e.issues;
    throw e;
  }
  return [];
};

/** A census of 1–12 organizations, some with no headcount, some counted inside a billable one. */
const arbCensus: fc.Arbitrary<CensusEntry[]> = fc
  .array(
    fc.record({
      headcount: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 50_000 })),
      inside: fc.nat(20),
    }),
    {
      minLength: 1,
      maxLength: 12,
    },
  )
  .map((rows) =>
    rows.map((r, i) => ({
      organization: `ORG${i}`,
      headcount: r.headcount,
      // Every fourth row (not the first) may be counted inside an earlier row (chains allowed).
      countedIn: i > 0 && i % 4 === 0 && r.inside % 2 === 0 ? `ORG${r.inside % i}` : null,
    })),
  );

/** Inputs whose minimum the total can pay for every billable organization. */
const arbInput: fc.Arbitrary<ApportionInput> = fc
  .tuple(arbCensus, fc.bigInt({ min: 1n, max: 50_000_000_000n }), fc.integer({ min: 0, max: 1000 }))
  .filter(([census]) => censusIssues(census).length === 0)
  .map(([census, total, perMille]) => {
    const billable = BigInt(census.filter((c) => !c.countedIn).length);
    const hasHeads = census.some((c) => c.headcount > 0);
    // The minimum is up to the whole per-organization average (perMille / 1000 of it).
    let minimum = ((total / billable) * BigInt(perMille)) / 1000n;
    if (!hasHeads) minimum = 0n;
    const totalCents = hasHeads ? total : minimum * billable || 1n;
    return { totalCents, minimumCents: hasHeads ? minimum : totalCents / billable, census };
  })
  .filter((i) => issuesOf(i).length === 0);

describe('apportionment of the jointly financed budget', () => {
  it('shares by headcount when nobody falls below the minimum', () => {
    const r = apportion({
      totalCents: 100_000_00n,
      minimumCents: 1_000_00n,
      census: [
        { organization: 'A', headcount: 600 },
        { organization: 'B', headcount: 300 },
        { organization: 'C', headcount: 100 },
      ],
    });
    expect(r.lines.map((l) => formatCents(l.amountCents))).toEqual(['60000.00', '30000.00', '10000.00']);
    expect(r.lines.every((l) => !l.minimumApplied)).toBe(true);
    expect(r.rounds).toHaveLength(1);
  });

  it('puts an organization below the minimum at the minimum and shares the rest pro rata, in rounds', () => {
    // Round 1: C = 1,000 × 10/1,000 = 10 < 100 → minimum (B = 105 is not below). Round 2: 900 over
    // 990: B = 900 × 105/990 = 95.45 < 100 → minimum. Round 3: 800 over 885: A = 800.
    const r = apportion({
      totalCents: 1_000_00n,
      minimumCents: 100_00n,
      census: [
        { organization: 'A', headcount: 885 },
        { organization: 'B', headcount: 105 },
        { organization: 'C', headcount: 10 },
      ],
    });
    expect(r.rounds.map((x) => x.fellBelow)).toEqual([['C'], ['B'], []]);
    expect(r.lines.map((l) => [l.organization, formatCents(l.amountCents), l.minimumRound])).toEqual([
      ['A', '800.00', null],
      ['B', '100.00', 2],
      ['C', '100.00', 1],
    ]);
  });

  it('charges the minimum to an organization with no headcount', () => {
    const r = apportion({
      totalCents: 1_000_000_00n,
      minimumCents: 75_000_00n,
      census: [
        { organization: 'BIG', headcount: 5000 },
        { organization: 'NONE', headcount: 0 },
      ],
    });
    expect(amountOf(r, 'NONE')).toBe(75_000_00n);
    expect(amountOf(r, 'BIG')).toBe(925_000_00n);
  });

  it('adds a counted-in organization to its host and does not bill it (UNV inside UNDP)', () => {
    const r = apportion({
      totalCents: 300_00n,
      minimumCents: 0n,
      census: [
        { organization: 'UNDP', headcount: 100 },
        { organization: 'UNV', headcount: 100, countedIn: 'UNDP' },
        { organization: 'WFP', headcount: 100 },
      ],
    });
    const undp = r.lines.find((l) => l.organization === 'UNDP');
    expect(undp?.headcount).toBe(200);
    expect(undp?.includes).toEqual(['UNV']);
    expect(amountOf(r, 'UNDP')).toBe(200_00n);
    expect(amountOf(r, 'UNV')).toBe(0n);
    expect(r.lines.find((l) => l.organization === 'UNV')?.billed).toBe(false);
    expect(r.billableCount).toBe(2);
  });

  it('follows a chain of counted-in organizations to the billable one', () => {
    const r = apportion({
      totalCents: 1_000n,
      minimumCents: 0n,
      census: [
        { organization: 'A', headcount: 1 },
        { organization: 'B', headcount: 1, countedIn: 'A' },
        { organization: 'C', headcount: 2, countedIn: 'B' },
        { organization: 'D', headcount: 4 },
      ],
    });
    expect(r.lines[0]?.headcount).toBe(4);
    expect(amountOf(r, 'A')).toBe(500n);
    expect(amountOf(r, 'D')).toBe(500n);
  });

  it('rounds by largest remainder so that the cents add up exactly', () => {
    const r = apportion({
      totalCents: 100n,
      minimumCents: 0n,
      census: [
        { organization: 'A', headcount: 1 },
        { organization: 'B', headcount: 1 },
        { organization: 'C', headcount: 1 },
      ],
    });
    // 33.33… each; the one leftover cent goes to the tie-break winner (code order).
    expect(r.lines.map((l) => l.amountCents)).toEqual([34n, 33n, 33n]);
    expect(r.leftoverCents).toBe(1n);
    expect(r.lines.map((l) => l.roundingCents)).toEqual([1, 0, 0]);
  });

  it('gives leftover cents to the largest remainders first', () => {
    // 1,000 cents over 3 / 3 / 1: exact 428.57, 428.57, 142.857 → floors 428, 428, 142 = 998;
    // remainders .571, .571, .857: C (largest) and then A (tie with B: equal headcount, code A).
    const r = apportion({
      totalCents: 1_000n,
      minimumCents: 0n,
      census: [
        { organization: 'A', headcount: 3 },
        { organization: 'B', headcount: 3 },
        { organization: 'C', headcount: 1 },
      ],
    });
    expect(r.lines.map((l) => l.amountCents)).toEqual([429n, 428n, 143n]);
  });

  it('everyone pays the minimum when the total is exactly the minimums', () => {
    const r = apportion({
      totalCents: 300n,
      minimumCents: 100n,
      census: [
        { organization: 'A', headcount: 0 },
        { organization: 'B', headcount: 0 },
        { organization: 'C', headcount: 0 },
      ],
    });
    expect(r.lines.map((l) => l.amountCents)).toEqual([100n, 100n, 100n]);
    expect(r.lines.every((l) => l.minimumApplied)).toBe(true);
  });

  it('works at the scale of the JIU annex: 227,184,500 over 37 organizations, 75,000 minimum', () => {
    const census = Array.from({ length: 37 }, (_, i) => ({
      organization: `O${String(i).padStart(2, '0')}`,
      headcount: i < 11 ? i * 3 : 200 * (i - 10) ** 2,
    }));
    const r = apportion({ totalCents: 227_184_500_00n, minimumCents: 75_000_00n, census });
    expect(sum(r)).toBe(227_184_500_00n);
    expect(r.lines.filter((l) => l.minimumApplied).length).toBeGreaterThanOrEqual(11);
    for (const l of r.lines) expect(l.amountCents).toBeGreaterThanOrEqual(75_000_00n);
  });

  describe('bad input names the row and field', () => {
    const base = { totalCents: 1_000_00n, minimumCents: 0n };
    it.each([
      [[{ organization: 'A', headcount: -1 }], 'row 1.headcount', 'negative'],
      [[{ organization: 'A', headcount: Number.NaN }], 'row 1.headcount', 'missing'],
      [[{ organization: 'A', headcount: 1.5 }], 'row 1.headcount', 'whole'],
      [[{ organization: '', headcount: 1 }], 'row 1.organization', 'missing'],
      [
        [
          { organization: 'A', headcount: 1 },
          { organization: 'A', headcount: 2 },
        ],
        'row 2.organization',
        'twice',
      ],
      [[{ organization: 'A', headcount: 1, countedIn: 'Z' }], 'row 1.counted_in', 'not in the census'],
      [[{ organization: 'A', headcount: 1, countedIn: 'A' }], 'row 1.counted_in', 'itself'],
      [
        [
          { organization: 'A', headcount: 1, countedIn: 'B' },
          { organization: 'B', headcount: 1, countedIn: 'A' },
        ],
        'row 1.counted_in',
        'cycle',
      ],
    ] as [CensusEntry[], string, string][])('%j → %s', (census, field, words) => {
      const issues = issuesOf({ ...base, census });
      expect(issues[0]?.field).toBe(field);
      expect(issues[0]?.message).toContain(words);
    });

    it('a minimum times the billable organizations above the total', () => {
      const issues = issuesOf({
        totalCents: 100_000_00n,
        minimumCents: 75_000_00n,
        census: [
          { organization: 'A', headcount: 10 },
          { organization: 'B', headcount: 10 },
          { organization: 'C', headcount: 10, countedIn: 'A' },
        ],
      });
      expect(issues).toEqual([
        {
          field: 'minimum',
          message:
            '75000.00 for each of the 2 billable organizations is 150000.00, more than the total 100000.00',
        },
      ]);
    });

    it('a zero or negative total, a negative minimum, no headcount at all', () => {
      const census = [{ organization: 'A', headcount: 1 }];
      expect(issuesOf({ totalCents: 0n, minimumCents: 0n, census })[0]?.field).toBe('total');
      expect(issuesOf({ totalCents: 10n, minimumCents: -1n, census })[0]?.field).toBe('minimum');
      expect(
        issuesOf({ totalCents: 10n, minimumCents: 1n, census: [{ organization: 'A', headcount: 0 }] })[0]
          ?.field,
      ).toBe('census');
      expect(issuesOf({ totalCents: 10n, minimumCents: 0n, census: [] })[0]?.field).toBe('census');
    });
  });

  describe('properties', () => {
    it('amounts always add up exactly to the total', () => {
      fc.assert(
        fc.property(arbInput, (input) => {
          expect(sum(apportion(input))).toBe(input.totalCents);
        }),
        { numRuns: 400 },
      );
    });

    it('nobody billed pays less than the minimum; counted-in organizations pay nothing', () => {
      fc.assert(
        fc.property(arbInput, (input) => {
          for (const l of apportion(input).lines) {
            if (l.billed) expect(l.amountCents).toBeGreaterThanOrEqual(input.minimumCents);
            else expect(l.amountCents).toBe(0n);
            expect(l.minimumApplied).toBe(l.billed && l.minimumRound !== null);
          }
        }),
        { numRuns: 400 },
      );
    });

    it('an organization at the minimum pays exactly the minimum; the others are within a cent of their pro-rata share', () => {
      fc.assert(
        fc.property(arbInput, (input) => {
          const r = apportion(input);
          for (const l of r.lines.filter((x) => x.billed)) {
            if (l.minimumApplied) expect(l.amountCents).toBe(input.minimumCents);
            else if (l.exact) {
              const floor = l.exact.numerator / l.exact.denominator;
              expect(l.amountCents - floor).toBe(BigInt(l.roundingCents));
            }
          }
        }),
        { numRuns: 300 },
      );
    });

    it('monotonic: raising one organization’s headcount never lowers its amount', () => {
      fc.assert(
        fc.property(arbInput, fc.nat(40), fc.integer({ min: 1, max: 20_000 }), (input, pick, more) => {
          const billable = input.census.filter((c) => !c.countedIn);
          const target = billable[pick % billable.length] as CensusEntry;
          const raised = input.census.map((c) =>
            c.organization === target.organization ? { ...c, headcount: c.headcount + more } : c,
          );
          const before = amountOf(apportion(input), target.organization) as bigint;
          const after = amountOf(apportion({ ...input, census: raised }), target.organization) as bigint;
          expect(after).toBeGreaterThanOrEqual(before);
        }),
        { numRuns: 500 },
      );
    });

    it('monotonic also where rounding decides single cents (small totals and headcounts)', () => {
      const small = fc
        .tuple(
          fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 7 }),
          fc.bigInt({ min: 1n, max: 3_000n }),
          fc.integer({ min: 0, max: 100 }),
          fc.nat(10),
          fc.integer({ min: 1, max: 6 }),
        )
        .filter(([heads]) => heads.some((h) => h > 0));
      fc.assert(
        fc.property(small, ([heads, total, pct, pick, more]) => {
          const census = heads.map((h, i) => ({ organization: `O${i}`, headcount: h }));
          const minimumCents = ((total / BigInt(heads.length)) * BigInt(pct)) / 100n;
          const input = { totalCents: total, minimumCents, census };
          const target = `O${pick % heads.length}`;
          const raised = census.map((c) =>
            c.organization === target ? { ...c, headcount: c.headcount + more } : c,
          );
          const before = amountOf(apportion(input), target) as bigint;
          const after = amountOf(apportion({ ...input, census: raised }), target) as bigint;
          expect(after).toBeGreaterThanOrEqual(before);
          expect(sum(apportion({ ...input, census: raised }))).toBe(total);
        }),
        { numRuns: 3000 },
      );
    });

    it('the order of the census does not change anyone’s amount', () => {
      fc.assert(
        fc.property(arbInput, (input) => {
          const a = apportion(input);
          const b = apportion({ ...input, census: [...input.census].reverse() });
          for (const l of a.lines) expect(amountOf(b, l.organization)).toBe(l.amountCents);
        }),
        { numRuns: 200 },
      );
    });

    it('no share left in the final round falls below the minimum; everyone explained ends at their amount', () => {
      fc.assert(
        fc.property(arbInput, (input) => {
          const r = apportion(input);
          expect(r.rounds.at(-1)?.fellBelow.length === 0 || r.rounds.at(-1)?.headcount === 0n).toBe(true);
          for (const l of r.lines) {
            const steps = explain(r, l.organization);
            expect(steps?.at(-1)?.figures?.amount).toBe(formatCents(l.amountCents));
          }
        }),
        { numRuns: 150 },
      );
    });
  });

  it('explains a figure step by step: headcount, rounds, minimum, pro rata, rounding', () => {
    const r = apportion({
      totalCents: 1_000_00n,
      minimumCents: 75_00n,
      census: [
        { organization: 'A', headcount: 930 },
        { organization: 'B', headcount: 60 },
        { organization: 'C', headcount: 10 },
        { organization: 'D', headcount: 5, countedIn: 'A' },
      ],
    });
    // With D inside A (935 of 1,005), B and C both fall below in round 1; nobody in round 2.
    expect(explain(r, 'B')?.map((s) => s.kind)).toEqual(['headcount', 'round', 'minimum', 'result']);
    const a = explain(r, 'A') ?? [];
    expect(a.map((s) => s.kind)).toEqual(['headcount', 'round', 'round', 'pro-rata', 'rounding', 'result']);
    expect(a[0]?.text).toContain('plus 5 of D counted in it');
    expect(a[1]?.text).toContain('2 organizations below the minimum in this round: B, C');
    expect(explain(r, 'D')?.map((s) => s.kind)).toEqual(['counted-in', 'result']);
    expect(explain(r, 'nobody')).toBeNull();
  });

  it('parses and prints amounts without floats', () => {
    expect(parseAmount('227184500')).toBe(22_718_450_000n);
    expect(parseAmount('75000.5')).toBe(7_500_050n);
    expect(parseAmount('0.07')).toBe(7n);
    for (const bad of ['', '-1', '1.234', '1e5', 'abc', '1,000']) expect(parseAmount(bad)).toBeNull();
    expect(formatCents(7n)).toBe('0.07');
    expect(sharePercent(1n, 3n)).toBe(33.3333);
    expect(sharePercent(2n, 3n)).toBe(66.6667);
  });
});
