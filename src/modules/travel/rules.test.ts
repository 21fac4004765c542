import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ClearanceRule,
  type CourseStanding,
  DEFAULT_RULE,
  effectiveRule,
  evaluateClearance,
  evaluateSegment,
  MANUAL_THREAT_LEVEL,
  needsClearance,
  requiredCourses,
  type SegmentFacts,
  type TrainingAt,
  validateItinerary,
} from './rules';

const COURSES = ['BSAFE', 'SSAFE', 'SMT', 'SRM_DM'] as const;
const valid: CourseStanding = { valid: true, completedOn: '2025-01-10', expiresOn: '2028-01-10' };
const allValid: TrainingAt = Object.fromEntries(COURSES.map((c) => [c, valid]));

const segment = (over: Partial<SegmentFacts> = {}): SegmentFacts => ({
  label: 'AFG-01',
  arrivesOn: '2026-12-01',
  departsOn: '2026-12-10',
  stopover: false,
  leavesAirport: true,
  rule: DEFAULT_RULE,
  training: { arrival: allValid, departure: allValid },
  threatLevel: null,
  clearedOverlapping: 0,
  ...over,
});

// --- arbitraries -------------------------------------------------------------------------------

const standing: fc.Arbitrary<CourseStanding | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.constant({ valid: false, completedOn: null, expiresOn: null }),
  fc.constant({ valid: false, completedOn: '2020-01-01', expiresOn: '2023-01-01' }),
  fc.constant(valid),
  fc.constant({ valid: true, completedOn: '2010-05-05', expiresOn: null }),
);
const trainingAt: fc.Arbitrary<TrainingAt> = fc
  .tuple(...COURSES.map(() => standing))
  .map((xs) => Object.fromEntries(COURSES.map((c, i) => [c, xs[i]])));
const rule: fc.Arbitrary<ClearanceRule> = fc.record({
  mode: fc.constantFrom('automatic' as const, 'manual' as const),
  requiredCourses: fc.subarray([...COURSES]),
  pcMandatory: fc.boolean(),
  maxTravellers: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
});
const facts: fc.Arbitrary<SegmentFacts> = fc.record({
  label: fc.constantFrom('AFG-01', 'KEN-01', 'SOM-02'),
  arrivesOn: fc.constant('2026-12-01'),
  departsOn: fc.constant('2026-12-10'),
  stopover: fc.boolean(),
  leavesAirport: fc.boolean(),
  rule,
  training: fc.record({ arrival: trainingAt, departure: trainingAt }),
  threatLevel: fc.option(fc.integer({ min: 1, max: 6 }), { nil: null }),
  clearedOverlapping: fc.integer({ min: 0, max: 7 }),
});
const pcLevel = fc.option(fc.integer({ min: 1, max: 4 }), { nil: null });
const request = fc.record({ segments: fc.array(facts, { minLength: 1, maxLength: 5 }), pcLevel });

/** The specification, written independently of the implementation: the oracle. */
function expectedSegment(s: SegmentFacts, pc: number | null): 'cleared' | 'pending' | 'refused' | null {
  if (s.stopover && !s.leavesAirport) return null;
  const courses = new Set(['BSAFE', ...s.rule.requiredCourses]);
  const trained = [...courses].every((c) => s.training.arrival[c]?.valid && s.training.departure[c]?.valid);
  if (!trained || (s.rule.pcMandatory && pc === null)) return 'refused';
  const manual =
    s.rule.mode === 'manual' ||
    (s.threatLevel ?? 0) >= 5 ||
    (s.rule.maxTravellers !== null && s.clearedOverlapping >= s.rule.maxTravellers);
  return manual ? 'pending' : 'cleared';
}

const counts = (s: SegmentFacts) => needsClearance(s);
const mandatory = (s: SegmentFacts) => requiredCourses(s.rule);

describe('clearance: properties', () => {
  it('agrees with the specification for every segment and the whole request', () => {
    fc.assert(
      fc.property(request, ({ segments, pcLevel }) => {
        const r = evaluateClearance({ segments, pcLevel });
        const each = segments.map((s) => expectedSegment(s, pcLevel));
        expect(r.segments.map((v) => v.decision)).toEqual(each);
        const overall = each.includes('refused')
          ? 'refused'
          : each.includes('pending')
            ? 'pending'
            : 'cleared';
        expect(r.decision).toBe(overall);
        expect(r.mode).toBe(overall === 'pending' ? 'manual' : 'automatic');
      }),
      { numRuns: 2000 },
    );
  });

  it('a missing or expired mandatory certificate never yields clearance', () => {
    fc.assert(
      fc.property(
        request,
        fc.nat(),
        fc.nat(),
        fc.constantFrom('arrival' as const, 'departure' as const),
        fc.constantFrom('missing', 'expired', 'absent'),
        ({ segments, pcLevel }, which, courseIndex, when, how) => {
          const i = which % segments.length;
          const s = { ...segments[i]!, stopover: false };
          const courses = mandatory(s);
          const course = courses[courseIndex % courses.length]!;
          const broken =
            how === 'absent'
              ? undefined
              : how === 'missing'
                ? { valid: false, completedOn: null, expiresOn: null }
                : { valid: false, completedOn: '2020-01-01', expiresOn: '2023-01-01' };
          s.training = { ...s.training, [when]: { ...s.training[when], [course]: broken } };
          const all = segments.map((x, j) => (j === i ? s : x));
          const r = evaluateClearance({ segments: all, pcLevel });
          expect(r.decision).toBe('refused');
          expect(r.segments[i]!.decision).toBe('refused');
          expect(r.reasons.some((x) => x.startsWith(`segments.${i} `) && x.includes(course))).toBe(true);
        },
      ),
    );
  });

  it('a manual area never clears automatically', () => {
    fc.assert(
      fc.property(request, fc.nat(), ({ segments, pcLevel }, which) => {
        const i = which % segments.length;
        const all = segments.map((x, j) =>
          j === i ? { ...x, stopover: false, rule: { ...x.rule, mode: 'manual' as const } } : x,
        );
        const r = evaluateClearance({ segments: all, pcLevel });
        expect(r.decision).not.toBe('cleared');
        expect(['pending', 'refused']).toContain(r.segments[i]!.decision);
      }),
    );
  });

  it('refusal and pending always carry reasons, each naming its segment', () => {
    fc.assert(
      fc.property(request, ({ segments, pcLevel }) => {
        const r = evaluateClearance({ segments, pcLevel });
        expect(r.reasons.length).toBeGreaterThan(0);
        for (const v of r.segments) expect(v.reasons.length).toBeGreaterThan(0);
        if (r.decision !== 'cleared') {
          for (const reason of r.reasons) expect(reason).toMatch(/^segments\.\d+ \([^)]+\): \S/);
        }
      }),
    );
  });

  it('stopovers where the traveller does not leave the airport need no clearance and change nothing', () => {
    fc.assert(
      fc.property(request, facts, fc.nat(), ({ segments, pcLevel }, airside, at) => {
        const connection = { ...airside, stopover: true, leavesAirport: false };
        const v = evaluateSegment(connection, pcLevel);
        expect(v).toMatchObject({ needsClearance: false, decision: null });
        const i = at % (segments.length + 1);
        const withIt = [...segments.slice(0, i), connection, ...segments.slice(i)];
        expect(evaluateClearance({ segments: withIt, pcLevel }).decision).toBe(
          evaluateClearance({ segments, pcLevel }).decision,
        );
      }),
    );
  });

  it('the PC level is required in PC-mandatory areas', () => {
    fc.assert(
      fc.property(facts, (s) => {
        const here = { ...s, stopover: false, rule: { ...s.rule, pcMandatory: true } };
        const r = evaluateClearance({ segments: [here], pcLevel: null });
        expect(r.decision).toBe('refused');
        expect(r.reasons.join(' ')).toContain('PC');
      }),
    );
  });

  it('more travellers than the DO allows, or a high threat level, goes to a person, never automatic', () => {
    fc.assert(
      fc.property(
        facts,
        pcLevel,
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 3 }),
        (s, pc, max, extra) => {
          const full = { ...s, stopover: false, rule: { ...s.rule, maxTravellers: max } };
          const r = evaluateClearance({
            segments: [{ ...full, clearedOverlapping: max + extra }],
            pcLevel: pc,
          });
          expect(r.decision).not.toBe('cleared');
          const high = evaluateClearance({
            segments: [{ ...s, stopover: false, threatLevel: MANUAL_THREAT_LEVEL + (extra % 2) }],
            pcLevel: pc,
          });
          expect(high.decision).not.toBe('cleared');
        },
      ),
    );
  });

  it('adding a segment never turns a refusal or a pending request into a clearance', () => {
    fc.assert(
      fc.property(request, facts, ({ segments, pcLevel }, more) => {
        const before = evaluateClearance({ segments, pcLevel }).decision;
        const after = evaluateClearance({ segments: [...segments, more], pcLevel }).decision;
        if (before === 'refused') expect(after).toBe('refused');
        if (before === 'pending') expect(after).not.toBe('cleared');
      }),
    );
  });
});

describe('clearance: examples', () => {
  it('clears automatically with a valid BSAFE and no rule', () => {
    const r = evaluateClearance({ segments: [segment()], pcLevel: null });
    expect(r).toMatchObject({ decision: 'cleared', mode: 'automatic' });
  });

  it('says when a certificate expired, or expires during the stay', () => {
    const expired = { valid: false, completedOn: '2023-01-01', expiresOn: '2026-01-01' };
    const r = evaluateClearance({
      segments: [segment({ training: { arrival: { BSAFE: expired }, departure: { BSAFE: expired } } })],
      pcLevel: null,
    });
    expect(r.reasons).toEqual([
      'segments.0 (AFG-01): BSAFE certificate expired on 2026-01-01, before arrival on 2026-12-01',
    ]);
    const ending = { valid: true, completedOn: '2023-12-05', expiresOn: '2026-12-05' };
    const during = evaluateClearance({
      segments: [
        segment({
          training: { arrival: { BSAFE: ending }, departure: { BSAFE: { ...ending, valid: false } } },
        }),
      ],
      pcLevel: null,
    });
    expect(during.reasons).toEqual([
      'segments.0 (AFG-01): BSAFE certificate expires on 2026-12-05, before departure on 2026-12-10',
    ]);
    const none = evaluateClearance({
      segments: [segment({ training: { arrival: {}, departure: {} } })],
      pcLevel: null,
    });
    expect(none.reasons[0]).toContain('no BSAFE certificate was completed by 2026-12-01');
  });

  it('requires SSAFE where the rule does, BSAFE always', () => {
    const ssafe: ClearanceRule = { ...DEFAULT_RULE, requiredCourses: ['SSAFE'] };
    expect(requiredCourses(ssafe)).toEqual(['BSAFE', 'SSAFE']);
    const only = { BSAFE: valid };
    const r = evaluateSegment(segment({ rule: ssafe, training: { arrival: only, departure: only } }), null);
    expect(r.decision).toBe('refused');
    expect(r.reasons[0]).toContain('SSAFE');
  });

  it('counts the quota: the traveller who would exceed it waits for a decision', () => {
    const capped: ClearanceRule = { ...DEFAULT_RULE, maxTravellers: 3 };
    expect(evaluateSegment(segment({ rule: capped, clearedOverlapping: 2 }), null).decision).toBe('cleared');
    const full = evaluateSegment(segment({ rule: capped, clearedOverlapping: 3 }), null);
    expect(full).toMatchObject({ decision: 'pending' });
    expect(full.reasons[0]).toContain('allows 3');
  });

  it('level 4 clears automatically, level 5 does not', () => {
    expect(evaluateSegment(segment({ threatLevel: 4 }), null).decision).toBe('cleared');
    expect(evaluateSegment(segment({ threatLevel: 5 }), null).decision).toBe('pending');
  });

  it('an itinerary of airside connections only is cleared and says so', () => {
    const r = evaluateClearance({
      segments: [segment({ stopover: true, leavesAirport: false, training: { arrival: {}, departure: {} } })],
      pcLevel: null,
    });
    expect(r).toMatchObject({ decision: 'cleared', reasons: [expect.stringContaining('airside')] });
  });

  it('the area rule wins over the country rule; without either, automatic with BSAFE', () => {
    const area: ClearanceRule = { ...DEFAULT_RULE, mode: 'manual' };
    const country: ClearanceRule = { ...DEFAULT_RULE, pcMandatory: true };
    expect(effectiveRule(area, country)).toEqual({ rule: area, source: 'area' });
    expect(effectiveRule(null, country)).toEqual({ rule: country, source: 'country' });
    expect(effectiveRule(undefined, null)).toEqual({ rule: DEFAULT_RULE, source: 'default' });
    expect(DEFAULT_RULE).toMatchObject({ mode: 'automatic', requiredCourses: ['BSAFE'] });
  });
});

describe('itinerary validation', () => {
  const at = (h: number) => new Date(Date.UTC(2026, 11, 1) + h * 3_600_000);
  const chain = fc
    .array(fc.tuple(fc.integer({ min: 0, max: 48 }), fc.integer({ min: 1, max: 240 })), {
      minLength: 1,
      maxLength: 8,
    })
    .map((steps) => {
      let t = 0;
      return steps.map(([gap, stay]) => {
        const s = { arrivesAt: at(t + gap), departsAt: at(t + gap + stay) };
        t += gap + stay;
        return s;
      });
    });

  it('accepts any chronological itinerary, gaps included', () => {
    fc.assert(
      fc.property(chain, (segments) => {
        expect(validateItinerary(segments)).toEqual([]);
      }),
    );
  });

  it('names a backwards segment and an overlap by field path', () => {
    fc.assert(
      fc.property(chain, fc.nat(), (segments, which) => {
        const i = which % segments.length;
        const s = segments[i]!;
        const backwards = segments.map((x, j) =>
          j === i ? { arrivesAt: s.departsAt, departsAt: s.arrivesAt } : x,
        );
        const errors = validateItinerary(backwards);
        expect(errors.map((e) => e.field)).toContain(`segments.${i}.departsAt`);
        for (const e of errors) expect(e.field).toMatch(/^segments\.\d+\.(arrivesAt|departsAt)$/);
      }),
    );
    expect(
      validateItinerary([
        { arrivesAt: at(0), departsAt: at(10) },
        { arrivesAt: at(5), departsAt: at(20) },
      ]),
    ).toEqual([{ field: 'segments.1.arrivesAt', message: expect.stringContaining('overlaps segments.0') }]);
  });

  it('lets a segment start exactly when the previous one ends', () => {
    expect(
      validateItinerary([
        { arrivesAt: at(0), departsAt: at(10) },
        { arrivesAt: at(10), departsAt: at(20) },
      ]),
    ).toEqual([]);
  });
});

describe('needsClearance', () => {
  it('is false only for a stopover that stays airside', () => {
    expect(counts(segment())).toBe(true);
    expect(counts(segment({ stopover: true, leavesAirport: true }))).toBe(true);
    expect(counts(segment({ stopover: true, leavesAirport: false }))).toBe(false);
    expect(counts(segment({ stopover: false, leavesAirport: false }))).toBe(true);
  });
});
