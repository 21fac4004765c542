import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  BORDER_TOLERANCE_KM,
  checkClassification,
  impactTotals,
  isFieldError,
  kmOutside,
  resolveWhen,
} from '../incidents/form-rules';
import { CATEGORIES } from '../incidents/rules';
import type { AreaGeometry } from '../registry/rules';
import { type DemoData, generateDemo } from './generator';
import { loadCountries } from './geo';
import { demoDistributionLists, demoHeadcounts } from './incident-extras';
import {
  type DemoIncident,
  demoIncidentPeriod,
  INCIDENT_BLOCK,
  incidentTotals,
  planIncidents,
  sampler,
  tierOf,
} from './incident-generator';
import { RELEVANCE_SHARE } from './incident-mix';
import { CRISIS_COUNTRIES } from './places-data';

const small = generateDemo({ seed: 1, scale: 'small' });
const un = generateDemo({ seed: 1, scale: 'un' });
const PERIOD = { from: '2016-01-01', to: '2025-12-31' };

const plan = (demo: DemoData, count: number, seed: number | string = 1) =>
  planIncidents({
    seed,
    scale: demo.scale,
    count,
    ...PERIOD,
    stations: demo.stations,
    premises: demo.premises,
    organizations: demo.organizations,
  });
const all = (p: ReturnType<typeof plan>) => Array.from({ length: p.blocks }, (_, b) => p.block(b)).flat();

// Three blocks of the UN-scale plan: enough for proportions, a fraction of a second to generate.
const unPlan = plan(un, 1_000_000);
const sample: DemoIncident[] = [0, 42, 99].flatMap((b) => unPlan.block(b));
const share = (items: DemoIncident[], test: (i: DemoIncident) => boolean) =>
  items.filter(test).length / items.length;

describe('demo incidents: determinism', () => {
  it('gives identical incidents for the same seed, different ones for another seed', () => {
    expect(JSON.stringify(all(plan(small, 500)))).toBe(JSON.stringify(all(plan(small, 500))));
    expect(JSON.stringify(plan(small, 500, 2).block(0))).not.toBe(JSON.stringify(plan(small, 500).block(0)));
  });

  it('generates a block alone exactly as in sequence (blocks are independent)', () => {
    const fresh = plan(un, 1_000_000);
    expect(JSON.stringify(fresh.block(63))).toBe(JSON.stringify(unPlan.block(63)));
    expect(fresh.block(63)[0]!.id).toBe(fresh.incidentId(63 * INCIDENT_BLOCK));
  });

  it('numbers every incident once, with valid, unique UUIDs', () => {
    const incidents = all(plan(small, 25_000));
    expect(incidents.map((i) => i.index)).toEqual(incidents.map((_, n) => n));
    const ids = incidents.flatMap((i) => [
      i.id,
      ...i.personnel.map((p) => p.id),
      ...i.impacts.map((m) => m.id),
    ]);
    expect(new Set(ids).size).toBe(ids.length);
    const uuid = z.uuid();
    for (const id of ids.slice(0, 2000)) expect(uuid.safeParse(id).success, id).toBe(true);
  });
});

describe('demo incidents: when', () => {
  it('spreads the period in date order, every year present, slowly growing', () => {
    const incidents = all(plan(small, 30_000));
    const days = incidents.map((i) => i.occurredOn);
    expect(days.every((d, n) => n === 0 || d >= days[n - 1]!)).toBe(true);
    expect(days[0]! >= PERIOD.from && days.at(-1)! <= PERIOD.to).toBe(true);
    const perYear = new Map<number, number>();
    for (const i of incidents) perYear.set(i.year, (perYear.get(i.year) ?? 0) + 1);
    expect([...perYear.keys()]).toEqual([2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025]);
    expect(perYear.get(2025)! / perYear.get(2016)!).toBeGreaterThan(1.2);
    expect(perYear.get(2025)! / perYear.get(2016)!).toBeLessThan(1.8);
  });

  it('has local dates, offsets and instants the incident form accepts as they are', () => {
    const now = new Date('2026-11-30T00:00:00Z');
    for (const i of sample.slice(0, 5000)) {
      expect(i.month).toBe(Number(i.occurredOn.slice(5, 7)));
      if (!i.occurredAt) continue;
      const when = resolveWhen({ occurredAt: i.occurredAt }, now);
      expect(isFieldError(when), i.occurredAt).toBe(false);
      expect(when).toMatchObject({ occurredOn: i.occurredOn, utcOffset: i.utcOffset, year: i.year });
    }
  });

  it('runs the small demo to today, the UN demo over ten full years ending last year', () => {
    expect(demoIncidentPeriod('small', '2026-11-30')).toEqual({ from: '2016-01-01', to: '2026-11-30' });
    expect(demoIncidentPeriod('un', '2026-11-30')).toEqual({ from: '2016-01-01', to: '2025-12-31' });
  });
});

describe('demo incidents: what and where', () => {
  it('passes the taxonomy rules of the standard form', () => {
    const nature = new Map(CATEGORIES.map((c) => [c.code, c.nature]));
    const refused = sample.flatMap((i) => {
      const checked = checkClassification({
        categoryCode: i.categoryCode,
        relevance: i.relevance,
        impactKinds: i.impacts.map((m) => m.kind),
        personnelCount: i.personnel.length,
      });
      const errors = isFieldError(checked) ? [checked] : checked.errors;
      if (i.nature !== nature.get(i.categoryCode)) errors.push({ field: 'nature', message: i.nature });
      return errors.map((e) => ({ id: i.id, ...e }));
    });
    expect(refused).toEqual([]);
  });

  it('has a realistic mix: mostly road crashes and other safety, rare deaths, some awareness entries', () => {
    for (const relevance of ['organization', 'situational', 'near_miss'] as const) {
      expect(
        Math.abs(share(sample, (i) => i.relevance === relevance) - RELEVANCE_SHARE[relevance]),
      ).toBeLessThan(0.02);
    }
    const org = sample.filter((i) => i.relevance === 'organization');
    expect(share(org, (i) => i.nature === 'safety')).toBeGreaterThan(
      share(org, (i) => i.nature === 'violence'),
    );
    const byCategory = new Map<string, number>();
    for (const i of sample) byCategory.set(i.categoryCode, (byCategory.get(i.categoryCode) ?? 0) + 1);
    const ranked = [...byCategory].sort((a, b) => b[1] - a[1]).map(([c]) => c);
    expect(ranked[0]).toBe('ROAD_CRASH');
    expect(ranked.slice(1, 6)).toContain('ROBBERY');
    for (const c of ['ABDUCTION', 'ARREST_DETENTION', 'SEXUAL_ASSAULT', 'BURGLARY', 'HARASSMENT']) {
      expect(byCategory.get(c), c).toBeGreaterThan(0);
    }
    expect(share(sample, (i) => i.totals.killed > 0)).toBeLessThan(0.03);
    expect(share(sample, (i) => i.totals.killed > 0)).toBeGreaterThan(0.002);
    expect(share(sample, (i) => i.personnel.length <= 2)).toBe(1);
    expect(share(sample, (i) => i.personnel.length <= 1)).toBeGreaterThan(0.9);
    expect(share(sample, (i) => CRISIS_COUNTRIES.has(i.countryCode))).toBeGreaterThan(0.5);
    expect(share(sample, (i) => tierOf(i.countryCode) === 'quiet')).toBeLessThan(0.05);
    expect(new Set(sample.map((i) => i.countryCode)).size).toBeGreaterThan(150);
  });

  it('places incidents at or near a demo station of their area, with the organizations present', () => {
    const stations = new Map(un.stations.map((s) => [s.code, s]));
    const stationOf = new Map(un.premises.map((p) => [p.code, p.stationCode]));
    const orgs = new Set(un.organizations.map((o) => o.code));
    const misplaced = sample.filter((i) => {
      const s = i.stationCode ? stations.get(i.stationCode) : undefined;
      return (
        (i.stationCode && s?.areaCode !== i.areaCode) ||
        (s && i.lat !== null && (Math.abs(s.lat - i.lat) > 0.12 || Math.abs(i.lat) > 90)) ||
        (i.lon !== null && Math.abs(i.lon) > 180) ||
        !i.organizationCodes.every((o) => orgs.has(o)) ||
        (i.organizationCodes.length === 0) !== (i.relevance === 'situational') ||
        i.impacts.some((m) => m.premisesCode && stationOf.get(m.premisesCode) !== i.stationCode)
      );
    });
    expect(misplaced).toEqual([]);
    // The incident form refuses points more than 30 km outside the country's outline.
    const outline = new Map(loadCountries().map((c) => [c.code, c.boundary]));
    const outside = sample
      .slice(0, 3000)
      .filter((i) => i.lat !== null && outline.get(i.countryCode))
      .filter(
        (i) => kmOutside(outline.get(i.countryCode) as AreaGeometry, i.lon!, i.lat!) > BORDER_TOLERANCE_KM,
      );
    expect(outside).toEqual([]);
  });

  it('links complex incidents to their first event, in the same place', () => {
    const byId = new Map(sample.map((i) => [i.id, i]));
    const linked = sample.filter((i) => i.complexId && i.complexId !== i.id);
    expect(linked.length).toBeGreaterThan(50);
    for (const i of linked) {
      const root = byId.get(i.complexId!)!;
      expect(root.complexId).toBe(root.id);
      expect(root.index).toBeLessThan(i.index);
      expect(root.countryCode).toBe(i.countryCode);
    }
  });

  it('keeps every total equal to the sums of its personnel rows (as the incidents service computes them)', () => {
    const mismatches = sample.filter(
      (i) =>
        JSON.stringify(i.totals) !== JSON.stringify(incidentTotals(i.personnel)) ||
        JSON.stringify(i.totals) !== JSON.stringify(impactTotals(i.personnel)) ||
        (i.relevance !== 'organization' && i.personnel.length > 0),
    );
    expect(mismatches).toEqual([]);
    expect(sample.reduce((n, i) => n + i.totals.affected, 0)).toBeGreaterThan(sample.length / 2);
    expect(
      incidentTotals([
        { outcome: 'killed', count: 1 },
        { outcome: 'abducted', count: 2 },
        { outcome: 'arrested_detained', count: 3 },
        { outcome: 'robbed', count: 4 },
        { outcome: 'injured', count: 5 },
      ]),
    ).toEqual({ affected: 15, killed: 1, injured: 5, kidnapped: 2, arrested: 3 });
  });

  it('opens serious-crime cases for deaths by violence, sexual assaults and abductions only', () => {
    const cases = all(plan(small, 500)).filter((i) => i.seriousCase);
    expect(cases.length).toBeGreaterThan(0);
    for (const i of cases) {
      expect(
        i.categoryCode === 'SEXUAL_ASSAULT' ||
          i.categoryCode === 'ABDUCTION' ||
          (i.nature === 'violence' && i.totals.killed > 0),
      ).toBe(true);
    }
  });
});

describe('demo incident extras', () => {
  it('samples in proportion to weights', () => {
    const pick = sampler([1, 0, 3]);
    const counts = [0, 0, 0];
    for (let n = 0; n < 4000; n++) counts[pick((n + 0.5) / 4000)]!++;
    expect(counts).toEqual([1000, 0, 3000]);
  });

  it('gives headcounts for every organization with premises in a country, every year', () => {
    const years = [2016, 2017, 2025];
    const rows = demoHeadcounts({ ...un, seed: 1, years });
    expect(rows).toEqual(demoHeadcounts({ ...un, seed: 1, years }));
    const total2025 = rows.filter((r) => r.year === 2025).reduce((n, r) => n + r.headcount, 0);
    expect(total2025).toBeGreaterThan(120_000);
    expect(total2025).toBeLessThan(250_000);
    expect(rows.every((r) => r.headcount > 0)).toBe(true);
  });

  it('has a list for the operations centre and one per crisis country', () => {
    const lists = demoDistributionLists(small.countries);
    expect(lists[0]).toMatchObject({ countryCode: null });
    expect(lists.slice(1).map((l) => l.countryCode)).toEqual(
      small.countries.filter((c) => CRISIS_COUNTRIES.has(c)),
    );
    expect(lists.every((l) => l.addresses.every((a) => z.email().safeParse(a).success))).toBe(true);
  });
});
