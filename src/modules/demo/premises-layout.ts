/**
 * Premises (facilities) of the demo: headquarters where each organization really has them, then
 * offices, residences, compounds, warehouses, clinics and guesthouses spread over duty stations by
 * the organizations' field presence. Pure and deterministic.
 */

import type { LaidOutStation } from './country-layout';
import { type Boundary, pointInGeometry } from './geo';
import { streetAddress } from './names';
import type { OrganizationSeed } from './organizations-data';
import type { Rng } from './random';

export const PREMISES_KINDS = [
  'office',
  'residence',
  'compound',
  'warehouse',
  'clinic',
  'guesthouse',
  'other',
] as const;
export type PremisesKind = (typeof PREMISES_KINDS)[number];

export interface LaidOutPremises {
  code: string;
  name: string;
  kind: PremisesKind;
  organizationCode: string;
  stationCode: string;
  lat: number;
  lon: number;
  address: string;
}

/** Country (alpha-3) of each organization's headquarters; its main station there hosts it. */
export const HEADQUARTERS: Readonly<Record<string, string>> = {
  DSS: 'USA',
  DPPA: 'USA',
  DPO: 'USA',
  DOS: 'USA',
  DCO: 'USA',
  OCHA: 'USA',
  UNDP: 'USA',
  UNCDF: 'USA',
  UNICEF: 'USA',
  UNFPA: 'USA',
  'UN-WOMEN': 'USA',
  WBG: 'USA',
  IMF: 'USA',
  OHCHR: 'CHE',
  UNCTAD: 'CHE',
  ECE: 'CHE',
  UNHCR: 'CHE',
  WHO: 'CHE',
  ILO: 'CHE',
  ITU: 'CHE',
  WMO: 'CHE',
  WIPO: 'CHE',
  UPU: 'CHE',
  UNAIDS: 'CHE',
  ITC: 'CHE',
  UNITAR: 'CHE',
  UNICC: 'CHE',
  IOM: 'CHE',
  UNODC: 'AUT',
  UNIDO: 'AUT',
  IAEA: 'AUT',
  FAO: 'ITA',
  WFP: 'ITA',
  IFAD: 'ITA',
  UNSSC: 'ITA',
  UNEP: 'KEN',
  'UN-HABITAT': 'KEN',
  UNV: 'DEU',
  UNFCCC: 'DEU',
  UNOPS: 'DNK',
  ECA: 'ETH',
  ECLAC: 'CHL',
  ESCAP: 'THA',
  ESCWA: 'LBN',
  UNRWA: 'JOR',
  UNU: 'JPN',
  'UN-TOURISM': 'ESP',
  ICAO: 'CAN',
  IMO: 'GBR',
  UNESCO: 'FRA',
  ICC: 'NLD',
};

const KIND_WEIGHTS_MAIN: Record<PremisesKind, number> = {
  office: 45,
  residence: 20,
  compound: 5,
  warehouse: 8,
  clinic: 5,
  guesthouse: 7,
  other: 10,
};
const KIND_WEIGHTS_FIELD: Record<PremisesKind, number> = {
  office: 30,
  residence: 10,
  compound: 20,
  warehouse: 15,
  clinic: 7,
  guesthouse: 13,
  other: 5,
};
const OTHER_NAMES = ['Radio Room', 'Fuel Depot', 'Vehicle Yard', 'Training Centre', 'Liaison Point'];

function kindWeights(org: string, main: boolean): number[] {
  const base = main ? KIND_WEIGHTS_MAIN : KIND_WEIGHTS_FIELD;
  return PREMISES_KINDS.map((k) => {
    let w = base[k];
    if (k === 'warehouse' && (org === 'WFP' || org === 'UNHCR' || org === 'UNICEF')) w *= 3;
    if (k === 'clinic' && (org === 'WHO' || org === 'UNFPA')) w *= 4;
    return w;
  });
}

/** Countries hosting a headquarters: their main-station offices are not "country offices". */
const HOST_COUNTRIES = new Set(Object.values(HEADQUARTERS));

function label(kind: PremisesKind, station: LaidOutStation, rng: Rng): string {
  switch (kind) {
    case 'office':
      return !station.main
        ? 'Field Office'
        : HOST_COUNTRIES.has(station.countryCode)
          ? 'Office'
          : 'Country Office';
    case 'residence':
      return 'Staff Residence';
    case 'compound':
      return 'Compound';
    case 'warehouse':
      return 'Warehouse';
    case 'clinic':
      return 'Clinic';
    case 'guesthouse':
      return 'Guesthouse';
    case 'other':
      return rng.pick(OTHER_NAMES);
  }
}

export interface PremisesInput {
  stations: readonly LaidOutStation[];
  /** Number of generated (non-headquarters) premises at each station, aligned with `stations`. */
  counts: readonly number[];
  organizations: readonly OrganizationSeed[];
  boundaries: ReadonlyMap<string, Boundary | null>;
  countryNames: ReadonlyMap<string, string>;
  /** World region and subregion of each country, for organizations with a regional footprint. */
  countryRegions: ReadonlyMap<string, { region: string; subregion: string }>;
  /** Put headquarters premises at the main station of each organization's host country. */
  headquarters: boolean;
  rng: Rng;
}

/** Premises for every station, in station order; codes are `<station code>-<nnn>`. */
export function layOutPremises(input: PremisesInput): LaidOutPremises[] {
  const { stations, counts, organizations, rng } = input;
  const fieldOrgs = organizations.filter((o) => o.fieldWeight >= 1);
  const within = (org: OrganizationSeed, station: LaidOutStation) => {
    const w = org.onlyIn;
    if (!w) return true;
    const r = input.countryRegions.get(station.countryCode);
    return Boolean(
      w.countries?.includes(station.countryCode) ||
        (r && (w.regions?.includes(r.region) || w.subregions?.includes(r.subregion))),
    );
  };
  const allowed = (org: OrganizationSeed, station: LaidOutStation) =>
    within(org, station) && (station.main || fieldOrgs.length === 0 || org.fieldWeight >= 1);

  // Choose the organization of every premises first, so that every organization can be given one.
  const orgRng = rng.fork('organizations');
  const chosen = stations.map((station, si) => {
    const fitting = organizations.filter((o) => allowed(o, station));
    const candidates = fitting.length > 0 ? fitting : organizations;
    // The main station hosts small agencies too: soften the weights there.
    const weights = candidates.map((o) => (station.main ? Math.sqrt(o.fieldWeight) : o.fieldWeight));
    return Array.from({ length: counts[si] ?? 0 }, () => orgRng.weighted(candidates, weights));
  });
  const hq = (org: OrganizationSeed) =>
    input.headquarters && stations.some((s) => s.main && s.countryCode === HEADQUARTERS[org.code]);
  const tally = new Map<string, number>();
  for (const list of chosen) for (const o of list) tally.set(o.code, (tally.get(o.code) ?? 0) + 1);
  for (const org of organizations) {
    if ((tally.get(org.code) ?? 0) > 0 || hq(org)) continue;
    const slots = orgRng.shuffle(chosen.flatMap((list, si) => list.map((_, k) => [si, k] as const)));
    const slot = slots.find(([si, k]) => {
      const current = chosen[si]?.[k] as OrganizationSeed;
      return (tally.get(current.code) ?? 0) > 1 && allowed(org, stations[si] as LaidOutStation);
    });
    if (!slot) continue;
    const list = chosen[slot[0]] as OrganizationSeed[];
    const previous = list[slot[1]] as OrganizationSeed;
    tally.set(previous.code, (tally.get(previous.code) ?? 0) - 1);
    tally.set(org.code, 1);
    list[slot[1]] = org;
  }

  const out: LaidOutPremises[] = [];
  stations.forEach((station, si) => {
    const r = rng.fork(station.code);
    const boundary = input.boundaries.get(station.countryCode) ?? null;
    const countryName = input.countryNames.get(station.countryCode) ?? station.countryCode;
    const names = new Set<string>();
    let seq = 0;
    const push = (org: OrganizationSeed, kind: PremisesKind, baseName: string) => {
      let name = baseName;
      for (let n = 2; names.has(name); n++) name = `${baseName} ${n}`;
      names.add(name);
      const [lon, lat] = nearby(station, boundary, r);
      seq++;
      out.push({
        code: `${station.code}-${String(seq).padStart(3, '0')}`,
        name,
        kind,
        organizationCode: org.code,
        stationCode: station.code,
        lat,
        lon,
        address: streetAddress(r, station.name, countryName),
      });
    };
    if (input.headquarters && station.main) {
      for (const org of organizations) {
        if (HEADQUARTERS[org.code] === station.countryCode)
          push(org, 'office', `${org.acronym} Headquarters`);
      }
    }
    for (const org of chosen[si] ?? []) {
      const kind = r.weighted(PREMISES_KINDS, kindWeights(org.code, station.main));
      push(org, kind, `${org.acronym} ${station.name} ${label(kind, station, r)}`);
    }
  });
  return out;
}

/** A point within about 4 km of the station, inside the country when it has a boundary. */
function nearby(station: LaidOutStation, boundary: Boundary | null, rng: Rng): [number, number] {
  const cos = Math.max(0.2, Math.cos((station.lat * Math.PI) / 180));
  for (let i = 0; i < 8; i++) {
    const lat = Math.round((station.lat + rng.float(-0.035, 0.035)) * 1e5) / 1e5;
    const lon = Math.round((station.lon + rng.float(-0.035, 0.035) / cos) * 1e5) / 1e5;
    if (lat < -90 || lat > 90 || lon < -180 || lon > 180) continue;
    if (!boundary || pointInGeometry(lon, lat, boundary)) return [lon, lat];
  }
  return [station.lon, station.lat];
}
