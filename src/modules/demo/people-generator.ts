/**
 * Demo people and travel, pure and deterministic: personnel at the demo's duty stations, their
 * dependants, training certificates, travel requests with their segments, and clearance rules.
 *
 * Every attribute of person `i` (or request `r`) is a hash of the seed and the index, not a draw
 * from a running stream: a block of 10,000 is generated without generating the ones before it,
 * a dependant finds their sponsor's station and organization in O(1), and the UN scale (180,000
 * personnel, 300,000 dependants, 1,000,000 segments) streams to the database block by block.
 */

import type { DemoScale } from './generator';
import { sampler } from './incident-generator';
import { CRISIS_COUNTRIES, FIELD_COUNTRIES } from './places-data';
import { createRng } from './random';

export const PEOPLE_BLOCK = 10_000;

export const DEMO_PEOPLE_COUNTS: Record<
  DemoScale,
  { personnel: number; dependants: number; segments: number }
> = {
  small: { personnel: 300, dependants: 150, segments: 80 },
  un: { personnel: 180_000, dependants: 300_000, segments: 1_000_000 },
};

/** Share of personnel recruited internationally. */
export const INTERNATIONAL_SHARE = 0.35;
/** Share of dependants whose sponsor is international personnel. */
const DEPENDANTS_OF_INTERNATIONAL = 0.85;
/** Segments per request, cycling: two on average, a three-leg trip has a stopover in the middle. */
const LEGS = [2, 1, 3, 2] as const;
/** Travel spreads over the last three years and the next two months. */
const PAST_DAYS = 3 * 365;
const FUTURE_DAYS = 60;
const DAY = 86_400_000;
const HOUR = 3_600_000;

export interface PeopleStation {
  code: string;
  areaCode: string;
  countryCode: string;
  lat: number;
  lon: number;
}

export interface PeopleInput {
  seed: number | string;
  scale: DemoScale;
  /** The day the demo is loaded (ISO date): travel and certificates are dated around it. */
  today: string;
  stations: readonly PeopleStation[];
  organizations: readonly { code: string; fieldWeight: number }[];
  counts?: { personnel: number; dependants: number; segments: number };
}

export interface DemoPerson {
  id: string;
  externalId: string;
  kind: 'personnel' | 'dependant';
  sponsorId: string | null;
  givenName: string;
  familyName: string;
  sex: 'female' | 'male';
  recruitment: 'international' | 'local';
  organizationCode: string;
  stationCode: string;
  contractType: string;
}

export interface DemoCertificate {
  personId: string;
  courseCode: 'BSAFE' | 'SSAFE';
  completedOn: string;
  expiresOn: string;
}

export interface DemoSegment {
  id: string;
  position: number;
  stationCode: string;
  areaCode: string;
  countryCode: string;
  lat: number;
  lon: number;
  arrivesAt: string;
  departsAt: string;
  stopover: boolean;
  leavesAirport: boolean;
}

export interface DemoTravel {
  id: string;
  reference: string;
  personId: string;
  travelType: 'official' | 'personal';
  purpose: string;
  status: 'pending' | 'cleared' | 'refused' | 'cancelled';
  decision: 'automatic' | 'manual' | null;
  reasons: string[];
  startsOn: string;
  endsOn: string;
  segments: DemoSegment[];
}

const GIVEN_F = [
  'Amina',
  'Sofia',
  'Leila',
  'Grace',
  'Maria',
  'Fatou',
  'Mei',
  'Olga',
  'Ana',
  'Zainab',
  'Hana',
  'Nadia',
];
const GIVEN_M = [
  'Omar',
  'John',
  'Ahmed',
  'Carlos',
  'Kofi',
  'Ivan',
  'Ravi',
  'Pierre',
  'Musa',
  'Tariq',
  'Ali',
  'Jonas',
];
const FAMILY = [
  'Haidari',
  'Mensah',
  'Okafor',
  'Garcia',
  'Nguyen',
  'Kowalski',
  'Rahman',
  'Silva',
  'Diallo',
  'Petrov',
  'Hassan',
  'Kim',
  'Mwangi',
  'Dubois',
  'Santos',
  'Ibrahim',
  'Popescu',
  'Khan',
  'Tesfaye',
  'Lopez',
];
const CONTRACTS = ['fixed-term', 'fixed-term', 'temporary', 'consultant', 'continuing', 'volunteer'];
const PURPOSES = [
  'field mission',
  'assessment',
  'training',
  'meeting',
  'programme monitoring',
  'rest and recuperation',
];

/** A uniform number in [0, 1) from the seed, an index and a salt (a 32-bit integer hash). */
function unit(seedHash: number, i: number, salt: number): number {
  let h = Math.imul(seedHash ^ Math.imul(i + 1, 0x9e3779b1), 0x85ebca6b) ^ Math.imul(salt + 1, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return (h >>> 0) / 2 ** 32;
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const stationWeight = (c: string) => (CRISIS_COUNTRIES.has(c) ? 4 : FIELD_COUNTRIES.has(c) ? 2 : 1);

export interface PeoplePlan {
  counts: { personnel: number; dependants: number; segments: number; requests: number };
  /** Blocks of people (personnel first, then dependants) and of travel requests. */
  personBlocks: number;
  travelBlocks: number;
  personId(index: number): string;
  travelId(index: number): string;
  people(block: number): { people: DemoPerson[]; certificates: DemoCertificate[] };
  travel(block: number): DemoTravel[];
}

/** Plans the demo people and travel of `input`; blocks are generated on demand. */
export function planPeople(input: PeopleInput): PeoplePlan {
  if (!input.stations.length) throw new RangeError('no duty stations to place people at');
  const counts = input.counts ?? DEMO_PEOPLE_COUNTS[input.scale];
  const P = counts.personnel;
  const D = counts.dependants;
  // Requests cycle through LEGS; the last one is cut to make the segment count exact.
  const requests = Math.ceil((counts.segments * LEGS.length) / LEGS.reduce((a, b) => a + b, 0));
  const seedHash = Math.floor(createRng(`opensmin-people/${input.seed}/${input.scale}`).next() * 2 ** 32);
  const prefix = hex(Math.floor(createRng(`people-ids/${input.seed}/${input.scale}`).next() * 2 ** 32), 8);
  const idOf = (kind: number, n: number) => `${prefix}-000${kind}-8000-8000-${hex(n, 12)}`;
  const u = (i: number, salt: number) => unit(seedHash, i, salt);
  const stations = input.stations;
  const stationByCode = new Map(stations.map((s) => [s.code, s]));
  const pickStation = sampler(stations.map((s) => stationWeight(s.countryCode)));
  const pickOrg = sampler(input.organizations.map((o) => Math.max(0.1, o.fieldWeight)));
  const today = Date.parse(`${input.today}T00:00:00Z`);
  const tag = input.scale === 'un' ? 'U' : 'S';

  const isInternational = (i: number) => u(i, 3) < INTERNATIONAL_SHARE;
  const personnel = (i: number): DemoPerson => {
    const female = u(i, 4) < 0.45;
    return {
      id: idOf(1, i),
      externalId: `DEMO-${tag}-${String(i + 1).padStart(6, '0')}`,
      kind: 'personnel',
      sponsorId: null,
      givenName: (female ? GIVEN_F : GIVEN_M)[Math.floor(u(i, 5) * 12)] as string,
      familyName: FAMILY[Math.floor(u(i, 6) * FAMILY.length)] as string,
      sex: female ? 'female' : 'male',
      recruitment: isInternational(i) ? 'international' : 'local',
      organizationCode: input.organizations[pickOrg(u(i, 2))]?.code as string,
      stationCode: stations[pickStation(u(i, 1))]?.code as string,
      contractType: CONTRACTS[Math.floor(u(i, 7) * CONTRACTS.length)] as string,
    };
  };
  /** The next personnel index from `start` (wrapping) that is, or is not, international. */
  const nextWhere = (start: number, international: boolean) => {
    for (let k = 0; k < P; k++) {
      const i = (start + k) % P;
      if (isInternational(i) === international) return i;
    }
    return start % P;
  };
  const dependant = (j: number): DemoPerson => {
    const sponsor = personnel(nextWhere(Math.floor(u(j, 11) * P), u(j, 10) < DEPENDANTS_OF_INTERNATIONAL));
    const child = u(j, 12) < 0.65;
    const female = u(j, 13) < 0.5;
    return {
      ...sponsor,
      id: idOf(2, j),
      externalId: `DEMO-${tag}-D${String(j + 1).padStart(6, '0')}`,
      kind: 'dependant',
      sponsorId: sponsor.id,
      givenName: (female ? GIVEN_F : GIVEN_M)[Math.floor(u(j, 14) * 12)] as string,
      familyName: child ? sponsor.familyName : (FAMILY[Math.floor(u(j, 15) * FAMILY.length)] as string),
      sex: female ? 'female' : 'male',
      contractType: '',
    };
  };
  const certificates = (p: DemoPerson, i: number): DemoCertificate[] => {
    const out: DemoCertificate[] = [];
    const station = stationByCode.get(p.stationCode);
    // Most hold BSAFE, some of it expired (completed up to five years ago, valid three); some none.
    if (u(i, 30) < 0.9) {
      const done = today - Math.floor(u(i, 31) * 5 * 365) * DAY;
      out.push({
        personId: p.id,
        courseCode: 'BSAFE',
        completedOn: isoDay(done),
        expiresOn: isoDay(done + 3 * 365 * DAY),
      });
    }
    if (station && CRISIS_COUNTRIES.has(station.countryCode) && u(i, 32) < 0.7) {
      const done = today - Math.floor(u(i, 33) * 4 * 365) * DAY;
      out.push({
        personId: p.id,
        courseCode: 'SSAFE',
        completedOn: isoDay(done),
        expiresOn: isoDay(done + 3 * 365 * DAY),
      });
    }
    return out;
  };

  const travel = (r: number): DemoTravel => {
    const first = Math.floor(u(r, 20) * P);
    const who = personnel(u(r, 21) < 0.7 ? nextWhere(first, true) : first);
    const home = who.stationCode;
    const legs = r === requests - 1 ? counts.segments - segmentsBefore(r) : (LEGS[r % LEGS.length] as number);
    let t = today - PAST_DAYS * DAY + Math.floor(u(r, 22) * (PAST_DAYS + FUTURE_DAYS) * 24) * HOUR;
    const segments: DemoSegment[] = [];
    for (let k = 0; k < legs; k++) {
      let at = pickStation(u(r, 40 + k));
      if (stations[at]?.code === home) at = (at + 1) % stations.length;
      const s = stations[at] as PeopleStation;
      const stopover = legs === 3 && k === 1;
      const airside = stopover && u(r, 23) < 0.5;
      const hours = airside ? 2 + Math.floor(u(r, 50 + k) * 8) : 24 + Math.floor(u(r, 50 + k) * 9 * 24);
      const arrives = t;
      const departs = t + hours * HOUR;
      segments.push({
        id: idOf(4, r * 4 + k),
        position: k + 1,
        stationCode: s.code,
        areaCode: s.areaCode,
        countryCode: s.countryCode,
        lat: s.lat,
        lon: s.lon,
        arrivesAt: new Date(arrives).toISOString(),
        departsAt: new Date(departs).toISOString(),
        stopover,
        leavesAirport: !airside,
      });
      t = departs + (2 + Math.floor(u(r, 60 + k) * 6)) * HOUR;
    }
    const x = u(r, 24);
    const status = x < 0.85 ? 'cleared' : x < 0.93 ? 'pending' : x < 0.97 ? 'refused' : 'cancelled';
    const crisis = segments.some((s) => CRISIS_COUNTRIES.has(s.countryCode));
    return {
      id: idOf(3, r),
      reference: `DEMO-${tag}-TR-${String(r + 1).padStart(7, '0')}`,
      personId: who.id,
      travelType: u(r, 25) < 0.9 ? 'official' : 'personal',
      purpose: PURPOSES[Math.floor(u(r, 26) * PURPOSES.length)] as string,
      status,
      decision: status === 'pending' || status === 'cancelled' ? null : crisis ? 'manual' : 'automatic',
      reasons:
        status === 'refused'
          ? ['segment 1: SSAFE required in this area and not valid at the travel dates']
          : status === 'pending'
            ? ['manual clearance: the Designated Official controls numbers in this area']
            : [],
      startsOn: (segments[0] as DemoSegment).arrivesAt.slice(0, 10),
      endsOn: (segments[segments.length - 1] as DemoSegment).departsAt.slice(0, 10),
      segments,
    };
  };
  const cycle = LEGS.reduce((a, b) => a + b, 0);
  const segmentsBefore = (r: number) => {
    let n = Math.floor(r / LEGS.length) * cycle;
    for (let k = 0; k < r % LEGS.length; k++) n += LEGS[k] as number;
    return n;
  };
  const total = P + D;
  return {
    counts: { ...counts, requests },
    personBlocks: Math.ceil(total / PEOPLE_BLOCK),
    travelBlocks: Math.ceil(requests / PEOPLE_BLOCK),
    personId: (n) => (n < P ? idOf(1, n) : idOf(2, n - P)),
    travelId: (r) => idOf(3, r),
    people(b) {
      const people: DemoPerson[] = [];
      const certs: DemoCertificate[] = [];
      for (let n = b * PEOPLE_BLOCK; n < Math.min(total, (b + 1) * PEOPLE_BLOCK); n++) {
        if (n < P) {
          const p = personnel(n);
          people.push(p);
          certs.push(...certificates(p, n));
        } else people.push(dependant(n - P));
      }
      return { people, certificates: certs };
    },
    travel(b) {
      const out: DemoTravel[] = [];
      for (let r = b * PEOPLE_BLOCK; r < Math.min(requests, (b + 1) * PEOPLE_BLOCK); r++) {
        if (segmentsBefore(r) < counts.segments) out.push(travel(r));
      }
      return out;
    },
  };
}

export interface DemoClearanceRule {
  countryCode: string;
  areaCode: string | null;
  mode: 'automatic' | 'manual';
  requiredCourses: string[];
  maxTravellers: number | null;
  preciseTracking: boolean;
  preciseUntil: string | null;
  note: string;
}

/**
 * A rule per demo country (manual with SSAFE in crisis countries, automatic with BSAFE elsewhere)
 * and one area of the first crisis country where the DO approved precise tracking for 30 days.
 */
export function demoClearanceRules(
  areas: readonly { code: string; countryCode: string }[],
  today: string,
): DemoClearanceRule[] {
  const countries = [...new Set(areas.map((a) => a.countryCode))].sort();
  const rules: DemoClearanceRule[] = countries.map((c) => {
    const crisis = CRISIS_COUNTRIES.has(c);
    return {
      countryCode: c,
      areaCode: null,
      mode: crisis ? 'manual' : 'automatic',
      requiredCourses: crisis ? ['BSAFE', 'SSAFE'] : ['BSAFE'],
      maxTravellers: crisis ? 200 : null,
      preciseTracking: false,
      preciseUntil: null,
      note: crisis ? 'The DO controls numbers: the security adviser clears each request.' : '',
    };
  });
  const tracked = areas.find((a) => CRISIS_COUNTRIES.has(a.countryCode));
  if (tracked) {
    rules.push({
      countryCode: tracked.countryCode,
      areaCode: tracked.code,
      mode: 'manual',
      requiredCourses: ['BSAFE', 'SSAFE'],
      maxTravellers: 50,
      preciseTracking: true,
      preciseUntil: new Date(Date.parse(`${today}T00:00:00Z`) + 30 * DAY).toISOString(),
      note: 'Precise tracking approved by the DO for 30 days (heightened risk).',
    });
  }
  return rules;
}
