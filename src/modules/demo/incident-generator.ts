/**
 * Deterministic demo incidents (DOMAIN.md §6): events over the demo's duty stations, with the
 * organizations they affected, personnel impacts by category, sex and outcome, and property or
 * premises losses. Pure: the same input gives the same incidents on every machine.
 *
 * Generated in blocks of `INCIDENT_BLOCK`, each from its own random stream, so a loader can hold
 * one block at a time (a million incidents never sit in memory) and skip blocks already loaded.
 * Incidents are in date order: the i-th incident's day follows from the period alone.
 */
import { CATEGORIES, type Nature, type Outcome } from '../incidents/rules';
import type { DemoScale } from './generator';
import { type Boundary, loadCountries, pointInGeometry } from './geo';
import {
  CASE_STATUSES,
  IMPACTS,
  NEAR_MISS_MIX,
  ORGANIZATION_MIX,
  PERPETRATOR_WEIGHTS,
  PERPETRATORS,
  PERSONNEL_CATEGORIES,
  PERSONNEL_CATEGORY_WEIGHTS,
  type PersonnelCategory,
  RELEVANCE_SHARE,
  type Relevance,
  SITUATIONAL_MIX,
  TIER_WEIGHT,
  type Tier,
  WEAPON_WEIGHTS,
  WEAPONS,
  WORDING,
} from './incident-mix';
import { CRISIS_COUNTRIES, FIELD_COUNTRIES, HIGH_INCOME_COUNTRIES } from './places-data';
import { createRng, type Rng } from './random';

/** Incidents per block: one random stream, one loader transaction. */
export const INCIDENT_BLOCK = 10_000;

/** Share of violent events followed by a linked event (a complex incident). */
const COMPLEX_SHARE = 0.03;

/** Farthest an incident lies from its station, in degrees of latitude (~13 km). */
const MAX_RADIUS = 0.12;

/** How many incidents each demo scale has. */
export const DEMO_INCIDENT_COUNT: Record<DemoScale, number> = { small: 500, un: 1_000_000 };

export interface IncidentDemoInput {
  seed: number | string;
  scale: DemoScale;
  count: number;
  /** First and last day of the period, ISO dates, both inclusive. */
  from: string;
  to: string;
  stations: readonly {
    code: string;
    name: string;
    areaCode: string;
    countryCode: string;
    lat: number;
    lon: number;
  }[];
  premises: readonly { code: string; stationCode: string; organizationCode: string }[];
  organizations: readonly { code: string; fieldWeight: number }[];
}

export interface DemoPersonnel {
  id: string;
  organizationCode: string | null;
  category: PersonnelCategory;
  sex: 'female' | 'male' | 'unknown';
  outcome: Outcome;
  count: number;
  onDuty: boolean | null;
  directlyTargeted: boolean | null;
  inCaptivity: boolean;
}

export interface DemoImpact {
  id: string;
  kind: 'premises' | 'property' | 'programme';
  organizationCode: string | null;
  premisesCode: string | null;
  description: string;
  estimatedLoss: number;
}

export interface IncidentTotals {
  affected: number;
  killed: number;
  injured: number;
  kidnapped: number;
  arrested: number;
}

export interface DemoSeriousCase {
  status: (typeof CASE_STATUSES)[number];
  nextOfKinFocalPoint: string;
  authority: string;
  caseReference: string;
}

export interface DemoIncident {
  id: string;
  index: number;
  occurredOn: string;
  /** The instant with its local offset, when known. */
  occurredAt: string | null;
  utcOffset: string | null;
  year: number;
  month: number;
  countryCode: string;
  areaCode: string;
  stationCode: string | null;
  lat: number | null;
  lon: number | null;
  geoPrecision: string;
  location: string;
  categoryCode: string;
  nature: Nature;
  relevance: Relevance;
  perpetratorType: string;
  weapon: string;
  title: string;
  narrative: string;
  sensitiveDetails: string;
  captivityOutcome: string;
  /** Events of one complex incident all point at its first event (which points at itself). */
  complexId: string | null;
  organizationCodes: string[];
  reportingOrganizationCode: string | null;
  personnel: DemoPersonnel[];
  impacts: DemoImpact[];
  totals: IncidentTotals;
  /** When it was recorded (UTC), a few days after it happened at most. */
  recordedAt: string;
  seriousCase: DemoSeriousCase | null;
}

/**
 * The totals an incident carries: the sums of its personnel counts by outcome (abducted counts as
 * kidnapped, arrested or detained as arrested), `affected` the sum of all counts.
 */
export function incidentTotals(personnel: readonly { outcome: Outcome; count: number }[]): IncidentTotals {
  const t: IncidentTotals = { affected: 0, killed: 0, injured: 0, kidnapped: 0, arrested: 0 };
  for (const p of personnel) {
    t.affected += p.count;
    if (p.outcome === 'killed') t.killed += p.count;
    else if (p.outcome === 'injured') t.injured += p.count;
    else if (p.outcome === 'abducted') t.kidnapped += p.count;
    else if (p.outcome === 'arrested_detained') t.arrested += p.count;
  }
  return t;
}

/**
 * The period of the demo incidents: ten full years ending last year; the small demo also runs to
 * `today`, so that the screens show recent incidents.
 */
export function demoIncidentPeriod(scale: DemoScale, today: string): { from: string; to: string } {
  const lastYear = Number(today.slice(0, 4)) - 1;
  return { from: `${lastYear - 9}-01-01`, to: scale === 'small' ? today : `${lastYear}-12-31` };
}

export function tierOf(countryCode: string): Tier {
  if (CRISIS_COUNTRIES.has(countryCode)) return 'crisis';
  if (FIELD_COUNTRIES.has(countryCode)) return 'field';
  if (HIGH_INCOME_COUNTRIES.has(countryCode)) return 'quiet';
  return 'other';
}

/** Draws an index with probability proportional to its weight, from one uniform number. */
export function sampler(weights: readonly number[]): (u: number) => number {
  const cumulative = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => {
    sum += w;
    cumulative[i] = sum;
  });
  if (!(sum > 0)) throw new RangeError('sampler(): weights sum to zero');
  return (u) => {
    const target = u * sum;
    let lo = 0;
    let hi = weights.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}

const DAY_MS = 86_400_000;
const dayOf = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
const isoOfDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
const NATURE = new Map(CATEGORIES.map((c) => [c.code, c.nature]));

/** Deterministic ids (UUID version 8): one prefix per seed and scale, then the kind and a counter. */
export function demoIdPrefix(seed: number | string, scale: DemoScale): string {
  return hex(Math.floor(createRng(`incident-ids/${seed}/${scale}`).next() * 2 ** 32), 8);
}
const idOf = (prefix: string, kind: number, n: number) => `${prefix}-000${kind}-8000-8000-${hex(n, 12)}`;

interface Entry {
  relevance: Relevance;
  code: string;
}

/** The incidents of a demo, block by block. */
export interface IncidentPlan {
  count: number;
  blocks: number;
  idPrefix: string;
  /** The id of incident `index` (to check which blocks are already loaded). */
  incidentId(index: number): string;
  block(b: number): DemoIncident[];
}

export function planIncidents(input: IncidentDemoInput): IncidentPlan {
  const root = createRng(`opensmin-incidents/${input.seed}/${input.scale}`);
  const prefix = demoIdPrefix(input.seed, input.scale);
  const first = dayOf(input.from);
  const last = dayOf(input.to);
  if (!(last >= first)) throw new RangeError(`empty incident period ${input.from}..${input.to}`);
  if (input.stations.length === 0) throw new RangeError('no duty stations to place incidents at');

  // Days: slightly more incidents each year (better reporting), a mild seasonal swing.
  const firstYear = Number(input.from.slice(0, 4));
  const dayWeights = Array.from({ length: last - first + 1 }, (_, d) => {
    const date = new Date((first + d) * DAY_MS);
    const yearGrowth = 1.04 ** (date.getUTCFullYear() - firstYear);
    return yearGrowth * (1 + 0.12 * Math.sin(((date.getUTCMonth() + 1) / 12) * 2 * Math.PI));
  });
  // Incident i happens on the day where the cumulative weight passes (i + 0.5) / count: evenly
  // stratified, in date order, and computable for any block without the ones before it.
  const cumulative = new Float64Array(dayWeights.length);
  dayWeights.reduce((sum, w, d) => {
    cumulative[d] = sum + w;
    return sum + w;
  }, 0);
  const totalWeight = cumulative[cumulative.length - 1] as number;
  const dayIndexOf = (i: number) => {
    const target = ((i + 0.5) / input.count) * totalWeight;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };

  // Places: countries by tier and presence; stations within a country by their premises.
  const premisesAt = new Map<string, string[]>();
  const orgsIn = new Map<string, Set<string>>();
  const stationCountry = new Map(input.stations.map((s) => [s.code, s.countryCode]));
  for (const p of input.premises) {
    premisesAt.set(p.stationCode, [...(premisesAt.get(p.stationCode) ?? []), p.code]);
    const country = stationCountry.get(p.stationCode);
    if (country) orgsIn.set(country, (orgsIn.get(country) ?? new Set()).add(p.organizationCode));
  }
  const stationsIn = new Map<string, number>();
  for (const s of input.stations) stationsIn.set(s.countryCode, (stationsIn.get(s.countryCode) ?? 0) + 1);
  const localWeight = new Map<string, number>();
  for (const s of input.stations) {
    const w = 1 + (premisesAt.get(s.code)?.length ?? 0);
    localWeight.set(s.countryCode, (localWeight.get(s.countryCode) ?? 0) + w);
  }
  const stationByCode = new Map(input.stations.map((s) => [s.code, s]));
  const outlines = countryOutlines();
  // Stations farther from their country's outline than any incident is from them need no check.
  const inland = new Set(
    input.stations
      .filter((s) => {
        const outline = outlines.get(s.countryCode);
        return !outline || degreesToOutline(s.lon, s.lat, outline) > MAX_RADIUS * 1.5;
      })
      .map((s) => s.code),
  );
  const pickStation = sampler(
    input.stations.map((s) => {
      const country = TIER_WEIGHT[tierOf(s.countryCode)] * (stationsIn.get(s.countryCode) as number) ** 0.6;
      return (
        (country * (1 + (premisesAt.get(s.code)?.length ?? 0))) / (localWeight.get(s.countryCode) as number)
      );
    }),
  );

  // What happened: one table of (relevance, category) per tier.
  const entries: Entry[] = [
    ...Object.keys(ORGANIZATION_MIX).map((code) => ({ relevance: 'organization' as const, code })),
    ...Object.keys(SITUATIONAL_MIX).map((code) => ({ relevance: 'situational' as const, code })),
    ...Object.keys(NEAR_MISS_MIX).map((code) => ({ relevance: 'near_miss' as const, code })),
  ];
  const share = (mix: Record<string, number>, code: string) =>
    (mix[code] as number) / Object.values(mix).reduce((a, b) => a + b, 0);
  const pickEntry = new Map<Tier, (u: number) => number>();
  for (const tier of Object.keys(TIER_WEIGHT) as Tier[]) {
    const org = Object.fromEntries(Object.entries(ORGANIZATION_MIX).map(([c, w]) => [c, w[tier]]));
    const sit = Object.fromEntries(Object.entries(SITUATIONAL_MIX).map(([c, w]) => [c, w[tier]]));
    pickEntry.set(
      tier,
      sampler(
        entries.map((e) =>
          e.relevance === 'organization'
            ? RELEVANCE_SHARE.organization * share(org, e.code)
            : e.relevance === 'situational'
              ? RELEVANCE_SHARE.situational * share(sit, e.code)
              : RELEVANCE_SHARE.near_miss * share(NEAR_MISS_MIX, e.code),
        ),
      ),
    );
  }

  // Who: the organizations present in the country (by their field weight), else any.
  const orgWeight = new Map(input.organizations.map((o) => [o.code, Math.max(0.05, o.fieldWeight)]));
  const allOrgs = input.organizations.map((o) => o.code);
  const orgPickers = new Map<string, { codes: string[]; pick: (u: number) => number }>();
  const orgsFor = (country: string) => {
    let p = orgPickers.get(country);
    if (!p) {
      const present = [...(orgsIn.get(country) ?? [])].filter((c) => orgWeight.has(c)).sort();
      const codes = present.length ? present : allOrgs;
      p = { codes, pick: sampler(codes.map((c) => orgWeight.get(c) ?? 1)) };
      orgPickers.set(country, p);
    }
    return p;
  };
  const reporter = orgWeight.has('DSS') ? 'DSS' : null;
  const pickPersonnelCategory = sampler(PERSONNEL_CATEGORY_WEIGHTS);
  const pickPerpetrator = sampler(PERPETRATOR_WEIGHTS);
  const pickWeapon = sampler(WEAPON_WEIGHTS);
  const caseChance = input.scale === 'small' ? 1 : 0.25;

  const generate = (index: number, day: number, rng: Rng, linkedTo: DemoIncident | null): DemoIncident => {
    const station = linkedTo
      ? stationByCode.get(linkedTo.stationCode ?? '')!
      : input.stations[pickStation(rng.next())]!;
    const tier = tierOf(station.countryCode);
    let { relevance, code } = entries[pickEntry.get(tier)!(rng.next())]!;
    const atStation = premisesAt.get(station.code) ?? [];
    // Burglary concerns premises only: without premises at the station it was a residence break-in.
    if (code === 'BURGLARY' && atStation.length === 0) code = 'RESIDENCE_BREAK_IN';
    const nature = NATURE.get(code) as Nature;
    const occurredOn = isoOfDay(day);

    // Within ~19 km of a station inside the country: never beyond the form's 30 km border tolerance.
    const radius = code === 'ROAD_CRASH' ? MAX_RADIUS : 0.04;
    const located = rng.bool(0.96);
    let lat = located ? round5(clamp(station.lat + rng.float(-radius, radius), -89.9, 89.9)) : null;
    let lon = located ? round5(wrapLon(station.lon + rng.float(-radius, radius))) : null;
    // Near a coast or border the point may leave the country: then it is the station's own.
    if (lat !== null && lon !== null && !inland.has(station.code)) {
      const outline = outlines.get(station.countryCode);
      if (outline && !pointInGeometry(lon, lat, outline)) {
        lat = station.lat;
        lon = station.lon;
      }
    }
    // Premises are at a known station: a burglary always names it.
    const withStation = rng.bool(0.85) || code === 'BURGLARY';
    const timed = rng.bool(0.7);
    const offsetHours = Math.max(-12, Math.min(14, Math.round(station.lon / 15)));
    const utcOffset = timed ? `${offsetHours < 0 ? '-' : '+'}${pad2(Math.abs(offsetHours))}:00` : null;
    const hour = rng.bool(0.75) ? rng.int(7, 19) : rng.int(0, 23);
    const occurredAt = timed ? `${occurredOn}T${pad2(hour)}:${pad2(rng.int(0, 59))}:00${utcOffset}` : null;

    const orgs: string[] = [];
    if (relevance !== 'situational') {
      const { codes, pick } = orgsFor(station.countryCode);
      orgs.push(codes[pick(rng.next())]!);
      if (rng.bool(0.15)) {
        const other = codes[pick(rng.next())]!;
        if (other !== orgs[0]) orgs.push(other);
      }
    }

    const personnel: DemoPersonnel[] = [];
    const impacts: DemoImpact[] = [];
    const pattern = IMPACTS[code];
    if (relevance === 'organization' && pattern) {
      const person = (outcome: Outcome, count: number, org: string | undefined): DemoPersonnel => {
        const sexRoll = rng.next();
        return {
          id: idOf(prefix, 2, index * 4 + personnel.length),
          organizationCode: org ?? null,
          category: PERSONNEL_CATEGORIES[pickPersonnelCategory(rng.next())]!,
          sex:
            sexRoll < 0.03 ? 'unknown' : sexRoll < 0.03 + 0.97 * (pattern.female ?? 0.35) ? 'female' : 'male',
          outcome,
          count,
          onDuty: rng.bool(0.1) ? null : rng.bool(nature === 'safety' ? 0.8 : 0.5),
          directlyTargeted: nature === 'safety' ? false : rng.bool(pattern.directlyTargeted ?? 0.5),
          inCaptivity: outcome === 'abducted' && rng.bool(0.08),
        };
      };
      if (rng.bool(pattern.anyone)) {
        const killed = rng.bool(pattern.killed);
        const count = killed && code !== 'AVIATION' ? 1 : rng.int(pattern.count[0], pattern.count[1]);
        personnel.push(person(killed ? 'killed' : pattern.outcome, count, orgs[0]));
        if (rng.bool(pattern.second)) personnel.push(person(pattern.secondOutcome, 1, orgs[1] ?? orgs[0]));
      }
      if (rng.bool(pattern.property)) {
        const premises = code === 'BURGLARY' ? atStation[rng.int(0, atStation.length - 1)]! : null;
        const programme = code === 'VIOLENT_ATTACK' || code === 'ABDUCTION';
        const days = rng.int(1, 14);
        impacts.push({
          id: idOf(prefix, 3, index * 2),
          kind: premises ? 'premises' : programme ? 'programme' : 'property',
          organizationCode: orgs[0] ?? null,
          premisesCode: premises,
          description: premises
            ? 'Equipment stolen from the premises'
            : programme
              ? `Programme activities suspended for ${days} days`
              : code === 'ROAD_CRASH'
                ? 'Vehicle damaged'
                : 'Cash, phones and personal belongings stolen',
          estimatedLoss: Math.round(rng.float(pattern.lossUsd[0], pattern.lossUsd[1]) / 10) * 10,
        });
      }
    }
    const totals = incidentTotals(personnel);

    const wording = WORDING[code]!;
    const violent = nature === 'violence' && relevance === 'organization';
    const recordedDay = Math.min(last, day + (rng.bool(0.6) ? 0 : rng.int(1, 4)));
    const abducted = personnel.find((p) => p.outcome === 'abducted');
    const serious =
      relevance === 'organization' &&
      (code === 'SEXUAL_ASSAULT' || code === 'ABDUCTION' || (nature === 'violence' && totals.killed > 0)) &&
      rng.bool(caseChance);
    const year = Number(occurredOn.slice(0, 4));
    return {
      id: idOf(prefix, 1, index),
      index,
      occurredOn,
      occurredAt,
      utcOffset,
      year,
      month: Number(occurredOn.slice(5, 7)),
      countryCode: station.countryCode,
      areaCode: station.areaCode,
      stationCode: withStation ? station.code : null,
      lat,
      lon,
      geoPrecision: !located ? '' : withStation ? (rng.bool(0.7) ? 'exact' : 'approximate') : 'area',
      location: LOCATION[code] ?? LOCATIONS[rng.int(0, LOCATIONS.length - 1)]!,
      categoryCode: code,
      nature,
      relevance,
      perpetratorType: violent ? PERPETRATORS[pickPerpetrator(rng.next())]! : '',
      weapon: violent ? WEAPONS[pickWeapon(rng.next())]! : '',
      title: wording.titles[rng.int(0, wording.titles.length - 1)]!.replace('{station}', station.name),
      narrative: wording.narrative,
      sensitiveDetails:
        code === 'SEXUAL_ASSAULT'
          ? 'Survivor supported by the counsellor; medical care and PEP provided.'
          : '',
      captivityOutcome: abducted ? (abducted.inCaptivity ? 'In captivity' : 'Released') : '',
      complexId: linkedTo ? (linkedTo.complexId ?? linkedTo.id) : null,
      organizationCodes: orgs,
      reportingOrganizationCode: orgs[0] ?? reporter,
      personnel,
      impacts,
      totals,
      recordedAt: `${isoOfDay(recordedDay)}T${pad2(rng.int(6, 20))}:${pad2(rng.int(0, 59))}:00Z`,
      seriousCase: serious
        ? {
            status: caseStatus((last - day) / 365, rng),
            nextOfKinFocalPoint: totals.killed > 0 ? `Human resources focal point, ${orgs[0] ?? 'DSS'}` : '',
            authority: `National police, ${station.countryCode}`,
            caseReference: `POL/${year}/${rng.int(100, 9999)}`,
          }
        : null,
    };
  };

  const blocks = Math.ceil(input.count / INCIDENT_BLOCK);
  return {
    count: input.count,
    blocks,
    idPrefix: prefix,
    incidentId: (index) => idOf(prefix, 1, index),
    block(b) {
      if (!(b >= 0 && b < blocks)) throw new RangeError(`no block ${b} of ${blocks}`);
      const rng = root.fork(`block/${b}`);
      const start = b * INCIDENT_BLOCK;
      const end = Math.min(input.count, start + INCIDENT_BLOCK);
      const out: DemoIncident[] = [];
      for (let i = start; i < end; i++) {
        // Now and then a violent event is followed by another at the same place: one complex incident.
        const prev = out[out.length - 1];
        const linkedTo =
          prev && prev.nature === 'violence' && prev.stationCode && rng.bool(COMPLEX_SHARE) ? prev : null;
        const incident = generate(i, first + dayIndexOf(i), rng, linkedTo);
        if (linkedTo) linkedTo.complexId ??= linkedTo.id;
        out.push(incident);
      }
      return out;
    },
  };
}

/** Recent cases are still open; after about three years most have ended, many unresolved. */
function caseStatus(years: number, rng: Rng): DemoSeriousCase['status'] {
  if (years >= 3 || rng.bool(years / 4))
    return rng.pick([
      'convicted',
      'convicted',
      'acquitted',
      'closed_unresolved',
      'closed_unresolved',
      'closed_unresolved',
    ] as const);
  return CASE_STATUSES[Math.min(3, Math.floor(years * 1.5) + rng.int(0, 1))]!;
}

let outlineCache: Map<string, Boundary> | undefined;
function countryOutlines(): Map<string, Boundary> {
  outlineCache ??= new Map(
    loadCountries().flatMap((c) => (c.boundary ? [[c.code, c.boundary] as [string, Boundary]] : [])),
  );
  return outlineCache;
}

/** Distance from a point to the nearest edge of an outline, in degrees of latitude (locally flat). */
export function degreesToOutline(lon: number, lat: number, outline: Boundary): number {
  const k = Math.cos((lat * Math.PI) / 180);
  const polygons = outline.type === 'Polygon' ? [outline.coordinates] : outline.coordinates;
  let best = Number.POSITIVE_INFINITY;
  for (const rings of polygons) {
    for (const ring of rings) {
      for (let i = 1; i < ring.length; i++) {
        const ax = ((ring[i - 1]![0] as number) - lon) * k;
        const ay = (ring[i - 1]![1] as number) - lat;
        const bx = ((ring[i]![0] as number) - lon) * k;
        const by = (ring[i]![1] as number) - lat;
        const dx = bx - ax;
        const dy = by - ay;
        const len = dx * dx + dy * dy;
        const t = len > 0 ? clamp(-(ax * dx + ay * dy) / len, 0, 1) : 0;
        best = Math.min(best, Math.hypot(ax + t * dx, ay + t * dy));
      }
    }
  }
  return best;
}

const LOCATION: Record<string, string> = {
  ROAD_CRASH: 'Road',
  RESIDENCE_BREAK_IN: 'Residence',
  BURGLARY: 'UN premises',
  AVIATION: 'Airfield',
  DROWNING: 'Beach or river',
};
const LOCATIONS = ['Road', 'Public place', 'Residence', 'Office', 'Market', 'Checkpoint'];
const pad2 = (n: number) => String(n).padStart(2, '0');
const round5 = (n: number) => Math.round(n * 1e5) / 1e5;
const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));
const wrapLon = (lon: number) => (lon > 180 ? lon - 360 : lon < -180 ? lon + 360 : lon);
