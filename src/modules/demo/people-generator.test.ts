import { describe, expect, it } from 'vitest';
import { generateDemo } from './generator';
import { demoClearanceRules, PEOPLE_BLOCK, planPeople } from './people-generator';
import { CRISIS_COUNTRIES } from './places-data';

const demo = generateDemo({ seed: 1, scale: 'small' });
const input = {
  seed: 1,
  scale: 'small' as const,
  today: '2026-11-30',
  stations: demo.stations,
  organizations: demo.organizations,
};

describe('demo people and travel', () => {
  it('is deterministic and counts exactly what the scale says', () => {
    const a = planPeople(input);
    const b = planPeople(input);
    expect(a.people(0)).toEqual(b.people(0));
    expect(a.travel(0)).toEqual(b.travel(0));
    const people = a.people(0).people;
    expect(people.filter((p) => p.kind === 'personnel')).toHaveLength(300);
    expect(people.filter((p) => p.kind === 'dependant')).toHaveLength(150);
    expect(a.travel(0).flatMap((t) => t.segments)).toHaveLength(80);
    expect(new Set(people.map((p) => p.id)).size).toBe(450);
    expect(new Set(people.map((p) => p.externalId)).size).toBe(450);
  });

  it('gives dependants a sponsor of the same organization and station, mostly international', () => {
    const people = planPeople(input).people(0).people;
    const byId = new Map(people.map((p) => [p.id, p]));
    const deps = people.filter((p) => p.kind === 'dependant');
    for (const d of deps) {
      const s = byId.get(d.sponsorId as string);
      expect(s?.kind).toBe('personnel');
      expect([s?.organizationCode, s?.stationCode]).toEqual([d.organizationCode, d.stationCode]);
    }
    expect(deps.filter((d) => d.recruitment === 'international').length / deps.length).toBeGreaterThan(0.7);
    const intl = people.filter((p) => p.kind === 'personnel' && p.recruitment === 'international').length;
    expect(intl / 300).toBeGreaterThan(0.25);
    expect(intl / 300).toBeLessThan(0.45);
  });

  it('has certificates missing and expired, and consecutive itineraries away from home', () => {
    const plan = planPeople(input);
    const { people, certificates } = plan.people(0);
    const holders = new Set(certificates.filter((c) => c.courseCode === 'BSAFE').map((c) => c.personId));
    expect(people.some((p) => p.kind === 'personnel' && !holders.has(p.id))).toBe(true);
    expect(certificates.some((c) => c.expiresOn < '2026-11-30')).toBe(true);
    const home = new Map(people.map((p) => [p.id, p.stationCode]));
    const trips = plan.travel(0);
    expect(new Set(trips.map((t) => t.status))).toEqual(
      new Set(
        ['cleared', 'pending', 'refused', 'cancelled'].filter((s) => trips.some((t) => t.status === s)),
      ),
    );
    expect(trips.filter((t) => t.status === 'cleared').length).toBeGreaterThan(trips.length / 2);
    for (const t of trips) {
      expect(t.segments.map((s) => s.position)).toEqual(t.segments.map((_, i) => i + 1));
      for (const [i, s] of t.segments.entries()) {
        expect(s.departsAt > s.arrivesAt).toBe(true);
        expect(s.stationCode).not.toBe(home.get(t.personId));
        const next = t.segments[i + 1];
        if (next) expect(next.arrivesAt > s.departsAt).toBe(true);
      }
    }
  });

  it('makes exactly a million segments at UN scale, block by block, without generating the others', () => {
    const un = generateDemo({ seed: 1, scale: 'un' });
    const plan = planPeople({
      ...input,
      scale: 'un',
      stations: un.stations,
      organizations: un.organizations,
    });
    expect(plan.counts).toMatchObject({ personnel: 180_000, dependants: 300_000, segments: 1_000_000 });
    const last = plan.travel(plan.travelBlocks - 1);
    const segmentsBefore = (plan.travelBlocks - 1) * PEOPLE_BLOCK * 2;
    expect(segmentsBefore + last.flatMap((t) => t.segments).length).toBe(1_000_000);
    expect(plan.people(plan.personBlocks - 1).people.at(-1)?.kind).toBe('dependant');
  });

  it('has clearance rules per country and one precise-tracking area in a crisis country', () => {
    const rules = demoClearanceRules(demo.areas, '2026-11-30');
    const precise = rules.filter((r) => r.preciseTracking);
    expect(precise).toHaveLength(1);
    expect(CRISIS_COUNTRIES.has(precise[0]?.countryCode as string)).toBe(true);
    expect(precise[0]?.preciseUntil).toBe('2026-12-30T00:00:00.000Z');
    expect(rules.some((r) => r.mode === 'manual')).toBe(true);
    expect(rules.some((r) => r.mode === 'automatic')).toBe(true);
  });
});
