import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Candidate,
  canMove,
  destinationProblem,
  eligibility,
  LIST_KINDS,
  latestAnswer,
  listReference,
  ROW_STATUSES,
  type Sponsor,
  totalsOf,
} from './rules';

const sponsor = (over: Partial<Sponsor> = {}): Sponsor => ({
  id: 's1',
  name: 'Kim Sponsor',
  kind: 'personnel',
  recruitment: 'international',
  active: true,
  designatedBy: null,
  ...over,
});
const person = (over: Partial<Candidate> = {}): Candidate => ({
  id: 'p1',
  kind: 'personnel',
  recruitment: 'international',
  sponsor: null,
  designatedBy: null,
  ...over,
});
const dependant = (s: Partial<Sponsor> | null, over: Partial<Candidate> = {}) =>
  person({ kind: 'dependant', sponsor: s ? sponsor(s) : null, ...over });

describe('eligibility', () => {
  it('relocation takes any personnel and the dependants of any personnel', () => {
    expect(eligibility('relocation', person({ recruitment: 'local' }))).toEqual({
      eligible: true,
      rule: 'relocation.personnel',
      reason: 'relocation: any personnel',
    });
    expect(eligibility('relocation', dependant({ recruitment: 'local' })).reason).toBe(
      'relocation: eligible dependant of Kim Sponsor',
    );
  });

  it('evacuation takes international personnel and their eligible dependants', () => {
    expect(eligibility('evacuation', person()).reason).toBe('evacuation: international personnel');
    expect(eligibility('evacuation', dependant({})).reason).toBe(
      'evacuation: eligible dependant of Kim Sponsor',
    );
  });

  it('evacuation leaves out local personnel and their dependants unless designated as targeted', () => {
    const local = eligibility('evacuation', person({ recruitment: 'local' }));
    expect(local).toMatchObject({ eligible: false, rule: 'not_eligible.local' });
    expect(local.reason).toContain('not designated');
    expect(eligibility('evacuation', dependant({ recruitment: 'local' }))).toMatchObject({
      eligible: false,
      rule: 'not_eligible.dependant_of_local',
    });
    expect(eligibility('evacuation', person({ recruitment: 'local', designatedBy: 'sa.afg' }))).toEqual({
      eligible: true,
      rule: 'evacuation.targeted',
      reason: 'evacuation: local personnel targeted because of employment (designated by sa.afg)',
    });
    expect(eligibility('evacuation', dependant({ recruitment: 'local', designatedBy: 'sa.afg' })).rule).toBe(
      'evacuation.dependant_of_targeted',
    );
  });

  it('a dependant follows the sponsor, not their own recruitment field', () => {
    expect(
      eligibility('evacuation', dependant({ recruitment: 'local' }, { recruitment: 'international' }))
        .eligible,
    ).toBe(false);
    expect(eligibility('evacuation', dependant({}, { recruitment: 'local' })).eligible).toBe(true);
  });

  it('a dependant without an active sponsor is on no list', () => {
    for (const kind of LIST_KINDS) {
      expect(eligibility(kind, dependant(null)).rule).toBe('not_eligible.no_sponsor');
      expect(eligibility(kind, dependant({ active: false })).eligible).toBe(false);
    }
  });

  const sponsorArb = fc.record({
    id: fc.constant('s'),
    name: fc.string({ minLength: 1, maxLength: 8 }),
    kind: fc.constantFrom('personnel' as const, 'dependant' as const),
    recruitment: fc.constantFrom('international' as const, 'local' as const),
    active: fc.boolean(),
    designatedBy: fc.option(fc.constantFrom('sa', 'do'), { nil: null }),
  });
  const candidateArb = fc.record({
    id: fc.constant('p'),
    kind: fc.constantFrom('personnel' as const, 'dependant' as const),
    recruitment: fc.constantFrom('international' as const, 'local' as const),
    sponsor: fc.option(sponsorArb, { nil: null }),
    designatedBy: fc.option(fc.constantFrom('sa', 'do'), { nil: null }),
  });

  it('property: relocation includes every member of personnel present', () => {
    fc.assert(
      fc.property(candidateArb, (c) => {
        if (c.kind === 'personnel') expect(eligibility('relocation', c).eligible).toBe(true);
      }),
    );
  });

  it('property: no local personnel on an evacuation list unless designated', () => {
    fc.assert(
      fc.property(candidateArb, (c) => {
        const e = eligibility('evacuation', c);
        if (c.kind === 'personnel' && c.recruitment === 'local')
          expect(e.eligible).toBe(c.designatedBy !== null);
      }),
    );
  });

  it('property: every dependant on an evacuation list has an active sponsor who is eligible', () => {
    fc.assert(
      fc.property(candidateArb, (c) => {
        if (c.kind !== 'dependant' || !eligibility('evacuation', c).eligible) return;
        const s = c.sponsor;
        expect(s?.active).toBe(true);
        expect(s?.kind).toBe('personnel');
        // The sponsor, were they present, would be on the same list.
        const asPerson = {
          id: s!.id,
          kind: 'personnel' as const,
          recruitment: s!.recruitment,
          sponsor: null,
        };
        expect(eligibility('evacuation', { ...asPerson, designatedBy: s!.designatedBy }).eligible).toBe(true);
      }),
    );
  });

  it('property: an evacuation list is a subset of the relocation list, and every rule has a reason', () => {
    fc.assert(
      fc.property(candidateArb, (c) => {
        const evac = eligibility('evacuation', c);
        const reloc = eligibility('relocation', c);
        if (evac.eligible) expect(reloc.eligible).toBe(true);
        for (const e of [evac, reloc]) {
          expect(e.reason.length).toBeGreaterThan(0);
          expect(e.rule.startsWith(e.eligible ? e.reason.split(':')[0]! : 'not_eligible')).toBe(true);
        }
      }),
    );
  });
});

describe('destinations', () => {
  it('relocation stays in the country, evacuation leaves it; free text alone is fine', () => {
    expect(destinationProblem('relocation', 'AFG', 'AFG')).toBeNull();
    expect(destinationProblem('relocation', 'AFG', 'PAK')).toMatch(/within AFG/);
    expect(destinationProblem('evacuation', 'AFG', 'PAK')).toBeNull();
    expect(destinationProblem('evacuation', 'AFG', 'AFG')).toMatch(/out of AFG/);
    expect(destinationProblem('evacuation', 'AFG', null)).toBeNull();
  });
});

describe('row status', () => {
  it('goes listed → confirmed → moved; moved is final', () => {
    expect(canMove('listed', 'confirmed')).toBe(true);
    expect(canMove('confirmed', 'moved')).toBe(true);
    expect(canMove('declined', 'confirmed')).toBe(true);
    for (const s of ROW_STATUSES) expect(canMove('moved', s)).toBe(false);
    for (const s of ROW_STATUSES) expect(canMove(s, s)).toBe(false);
  });
});

describe('roll-call answers', () => {
  const d = (m: number) => new Date(Date.UTC(2026, 11, 7, 10, m));
  it('takes the latest answered, else pending when asked, else not asked', () => {
    expect(latestAnswer([])).toEqual({ state: 'not_asked', at: null });
    expect(latestAnswer([{ answer: 'pending', answeredAt: null, startedAt: d(0) }])).toEqual({
      state: 'pending',
      at: null,
    });
    expect(
      latestAnswer([
        { answer: 'need_help', answeredAt: d(5), startedAt: d(0) },
        { answer: 'safe', answeredAt: d(9), startedAt: d(1) },
        { answer: 'pending', answeredAt: null, startedAt: d(2) },
      ]),
    ).toEqual({ state: 'safe', at: d(9) });
  });

  it('property: the state is one of the answers given, at the greatest answer time', () => {
    const answerArb = fc.record({
      answer: fc.constantFrom('pending' as const, 'safe' as const, 'need_help' as const),
      answeredAt: fc.option(
        fc.integer({ min: 0, max: 1e6 }).map((n) => new Date(n * 1000)),
        { nil: null },
      ),
      startedAt: fc.constant(d(0)),
    });
    fc.assert(
      fc.property(fc.array(answerArb, { maxLength: 6 }), (answers) => {
        const r = latestAnswer(answers);
        const answered = answers.filter((a) => a.answer !== 'pending' && a.answeredAt);
        if (answered.length === 0) expect(r.at).toBeNull();
        else {
          const max = Math.max(...answered.map((a) => a.answeredAt!.getTime()));
          expect(r.at?.getTime()).toBe(max);
          expect(answered.some((a) => a.answer === r.state && a.answeredAt!.getTime() === max)).toBe(true);
        }
      }),
    );
  });
});

describe('totals', () => {
  it('count accounted for, need help and not yet accounted, by organization', () => {
    const t = totalsOf([
      { organization: 'ORGB', kind: 'personnel', status: 'listed', accounting: 'safe', present: true },
      { organization: 'ORGA', kind: 'dependant', status: 'moved', accounting: 'need_help', present: false },
      { organization: 'ORGA', kind: 'personnel', status: 'listed', accounting: 'not_asked', present: true },
      { organization: 'ORGA', kind: 'personnel', status: 'confirmed', accounting: 'pending', present: true },
    ]);
    expect(t).toMatchObject({
      people: 4,
      personnel: 3,
      dependants: 1,
      accounted: 1,
      needHelp: 1,
      notAccounted: 2,
    });
    expect(t.noLongerPresent).toBe(1);
    expect(t.byStatus).toEqual({ listed: 2, confirmed: 1, moved: 1, declined: 0, unreachable: 0 });
    expect(t.byOrganization.map((o) => [o.organization, o.people])).toEqual([
      ['ORGA', 3],
      ['ORGB', 1],
    ]);
  });

  it('property: the three accounting states and the organizations add up to the whole', () => {
    const rowArb = fc.record({
      organization: fc.constantFrom('A', 'B', 'C'),
      kind: fc.constantFrom('personnel' as const, 'dependant' as const),
      status: fc.constantFrom(...ROW_STATUSES),
      accounting: fc.constantFrom(
        'safe' as const,
        'need_help' as const,
        'pending' as const,
        'not_asked' as const,
      ),
      present: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 30 }), (rows) => {
        const t = totalsOf(rows);
        expect(t.accounted + t.needHelp + t.notAccounted).toBe(rows.length);
        expect(t.personnel + t.dependants).toBe(rows.length);
        expect(t.byOrganization.reduce((n, o) => n + o.people, 0)).toBe(rows.length);
        expect(Object.values(t.byStatus).reduce((a, b) => a + b, 0)).toBe(rows.length);
      }),
    );
  });

  it('references name the kind and the country', () => {
    expect(listReference('evacuation', 'AFG', 3)).toBe('EVA-AFG-0003');
    expect(listReference('relocation', 'KEN', 12)).toBe('REL-KEN-0012');
  });
});
