/**
 * The deterministic demo dataset: organizations, security risk management areas, duty stations,
 * premises and demo logins, for `npm start`, tests and benchmarks. Pure: no database, no network;
 * the only input read is package data (world-atlas, world-countries). The same seed and scale give
 * byte-identical output (ARCHITECTURE.md, convention 10).
 */
import type { Polygon } from 'geojson';
import type { Role, ScopeType } from '../../server/access/rules';
import { type CountryPlan, type LaidOutStation, layOutCountry } from './country-layout';
import { type Boundary, type CountryRecord, loadCountries } from './geo';
import {
  DEMO_FOCAL_ORGANIZATIONS,
  ORGANIZATIONS,
  type OrganizationType,
  SMALL_ORGANIZATION_CODES,
} from './organizations-data';
import {
  CRISIS_COUNTRIES,
  FIELD_COUNTRIES,
  FIELD_STATIONS_BY_COUNTRY,
  HIGH_INCOME_COUNTRIES,
  HUB_COUNTRIES,
  MAIN_STATION_BY_COUNTRY,
  SMALL_COUNTRY_CODES,
} from './places-data';
import { HEADQUARTERS, layOutPremises, type PremisesKind } from './premises-layout';
import { createRng, type Rng } from './random';

/** The one password of every demo login; printed by `npm start`. Demo data only. */
export const DEMO_PASSWORD = 'opensmin-demo';

export type DemoScale = 'small' | 'un';

export interface GenerateDemoOptions {
  seed: number | string;
  scale: DemoScale;
}

export interface DemoOrganization {
  code: string;
  acronym: string;
  name: string;
  type: OrganizationType;
  /** Code of the organization this one is counted inside (not billed separately), or null. */
  countedIn: string | null;
  /** Relative field presence, for later headcount generation. */
  fieldWeight: number;
}

export interface DemoArea {
  /** `AFG-01`; area 01 holds the country's main duty station. */
  code: string;
  name: string;
  countryCode: string;
  /** OCHA-style P-code: ISO alpha-2 and two digits (`AF01`). */
  pcode: string;
  /** A rectangle over the part of the country the area covers (closed, counter-clockwise). */
  polygon: Polygon;
}

export interface DemoStation {
  /** `AFG-KBL`: country and three letters unique within the country. */
  code: string;
  name: string;
  areaCode: string;
  countryCode: string;
  lat: number;
  lon: number;
}

export interface DemoPremises {
  /** `AFG-KBL-001`. */
  code: string;
  name: string;
  kind: PremisesKind;
  organizationCode: string;
  stationCode: string;
  lat: number;
  lon: number;
  address: string;
}

export interface DemoGrant {
  role: Role;
  scopeType: ScopeType;
  /** Organization code, country alpha-3 code or area code; null for global grants. */
  scopeCode: string | null;
}

export interface DemoUser {
  username: string;
  displayName: string;
  email: string;
  organizationCode: string | null;
  grants: DemoGrant[];
}

export interface DemoData {
  seed: string;
  scale: DemoScale;
  organizations: DemoOrganization[];
  /** Alpha-3 codes of the countries that have areas, sorted (the full list is `loadCountries()`). */
  countries: string[];
  areas: DemoArea[];
  stations: DemoStation[];
  premises: DemoPremises[];
  users: DemoUser[];
}

interface ScaleTargets {
  stations: number;
  premises: number;
}

const TARGETS: Record<DemoScale, ScaleTargets> = {
  small: { stations: 40, premises: 30 },
  un: { stations: 2000, premises: 5600 },
};

/**
 * Splits `total` into integers proportional to `weights`, each at least `min` (largest remainder
 * method; ties go to the earlier index, so the result is deterministic).
 */
export function apportion(total: number, weights: readonly number[], min = 0): number[] {
  const rest = total - min * weights.length;
  if (rest < 0) throw new RangeError(`cannot give ${weights.length} shares of at least ${min} from ${total}`);
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (sum > 0 ? (w / sum) * rest : rest / weights.length));
  const out = raw.map((r) => min + Math.floor(r));
  let left = total - out.reduce((a, b) => a + b, 0);
  const byRemainder = raw.map((r, i) => ({ i, f: r - Math.floor(r) })).sort((a, b) => b.f - a.f || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left <= 0) break;
    out[i] = (out[i] as number) + 1;
    left--;
  }
  return out;
}

/** Relative UN presence of a country: its tier times a gentle function of its size. */
function presenceWeight(country: CountryRecord, rng: Rng): number {
  const tier = CRISIS_COUNTRIES.has(country.code)
    ? 5
    : FIELD_COUNTRIES.has(country.code)
      ? 2.5
      : HIGH_INCOME_COUNTRIES.has(country.code)
        ? 0.3
        : 1;
  const size = Math.max(0.3, country.areaKm2 ** 0.25 / 10);
  return tier * size * rng.float(0.85, 1.15);
}

function plans(countries: CountryRecord[], scale: DemoScale, rng: Rng): CountryPlan[] {
  const base = (c: CountryRecord) => ({
    country: c,
    main: MAIN_STATION_BY_COUNTRY.get(c.code) ?? { name: c.capital ?? c.name, lat: c.lat, lon: c.lon },
    field: FIELD_STATIONS_BY_COUNTRY.get(c.code) ?? [],
  });
  if (scale === 'small') {
    const per = apportion(
      TARGETS.small.stations,
      countries.map(() => 1),
    );
    return countries.map((c, i) => ({ ...base(c), stations: per[i] as number, areas: rng.int(2, 4) }));
  }
  const weights = countries.map((c) => presenceWeight(c, rng));
  const stations = apportion(TARGETS.un.stations, weights, 1);
  return countries.map((c, i) => {
    const s = stations[i] as number;
    return { ...base(c), stations: s, areas: Math.min(s, 12, Math.max(1, Math.round(1.3 * Math.sqrt(s)))) };
  });
}

/** Weight of a station for premises: main stations hold most, hub cities (New York, Geneva…) more. */
function stationWeight(s: LaidOutStation, rng: Rng): number {
  const w = s.main ? (HUB_COUNTRIES.has(s.countryCode) ? 20 : 8) : s.hub ? 2.5 : 1;
  return w * rng.float(0.7, 1.3);
}

/**
 * Generates the demo dataset. `small`: 10 organizations, 8 crisis countries, 40 duty stations,
 * 30 premises. `un`: every organization of the list, about 195 countries, 2,000 duty stations and
 * 5,600 premises, like the UN security management system.
 */
export function generateDemo(options: GenerateDemoOptions): DemoData {
  const { scale } = options;
  const rng = createRng(`opensmin-demo/${options.seed}/${scale}`);
  const orgs =
    scale === 'small'
      ? SMALL_ORGANIZATION_CODES.map((code) => ORGANIZATIONS.find((o) => o.code === code)).filter(
          (o): o is (typeof ORGANIZATIONS)[number] => o !== undefined,
        )
      : ORGANIZATIONS.slice();

  const all = loadCountries();
  const byCode = new Map(all.map((c) => [c.code, c]));
  const chosen = (scale === 'small' ? SMALL_COUNTRY_CODES : [...MAIN_STATION_BY_COUNTRY.keys()].sort())
    .map((code) => byCode.get(code))
    .filter((c): c is CountryRecord => c !== undefined);

  const areas: DemoArea[] = [];
  const stations: LaidOutStation[] = [];
  for (const plan of plans(chosen, scale, rng.fork('plan'))) {
    const laid = layOutCountry(plan, rng.fork(`country/${plan.country.code}`));
    areas.push(...laid.areas);
    stations.push(...laid.stations);
  }

  const headquarters = scale === 'un';
  const hqCount = headquarters ? orgs.filter((o) => HEADQUARTERS[o.code] !== undefined).length : 0;
  const premisesRng = rng.fork('premises');
  const counts = apportion(
    TARGETS[scale].premises - hqCount,
    stations.map((s) => stationWeight(s, premisesRng)),
    scale === 'un' ? 1 : 0,
  );
  const premises = layOutPremises({
    stations,
    counts,
    organizations: orgs,
    boundaries: new Map<string, Boundary | null>(chosen.map((c) => [c.code, c.boundary])),
    countryNames: new Map(chosen.map((c) => [c.code, c.name])),
    countryRegions: new Map(chosen.map((c) => [c.code, { region: c.region, subregion: c.subregion }])),
    headquarters,
    rng: premisesRng,
  });

  return {
    seed: String(options.seed),
    scale,
    organizations: orgs.map((o) => ({
      code: o.code,
      acronym: o.acronym,
      name: o.name,
      type: o.type,
      countedIn: o.countedIn,
      fieldWeight: o.fieldWeight,
    })),
    countries: chosen.map((c) => c.code).sort(),
    areas,
    stations: stations.map(({ main: _main, hub: _hub, ...s }) => s),
    premises,
    users: demoUsers(chosen[0]?.code ?? 'AFG'),
  };
}

/**
 * The demo logins: one per role, scoped like real users would be. The first demo country gets the
 * country security adviser and the Designated Official.
 */
export function demoUsers(countryCode: string): DemoUser[] {
  const country = countryCode.toLowerCase();
  const [orgA, orgB] = DEMO_FOCAL_ORGANIZATIONS;
  const user = (
    username: string,
    displayName: string,
    organizationCode: string | null,
    role: Role,
    scopeType: ScopeType,
    scopeCode: string | null,
  ): DemoUser => ({
    username,
    displayName,
    email: `${username}@demo.example.org`,
    organizationCode,
    grants: [{ role, scopeType, scopeCode }],
  });
  const focal = (org: string, focalName: string, securityName: string): DemoUser[] => [
    user(`focal.${org.toLowerCase()}`, focalName, org, 'org_hq_focal_point', 'organization', org),
    user(`security.${org.toLowerCase()}`, securityName, org, 'org_security_focal_point', 'organization', org),
  ];
  return [
    user('admin', 'Demo Administrator', null, 'admin', 'global', null),
    user('analyst', 'Priya Raman', 'DSS', 'security_professional', 'global', null),
    user(`sa.${country}`, 'Tomás Herrera', 'DSS', 'security_professional', 'country', countryCode),
    user(`do.${country}`, 'Ingrid Solberg', null, 'designated_official', 'country', countryCode),
    user('desk', 'Kwame Mensah', 'DSS', 'desk_officer', 'global', null),
    user('auditor', 'Léa Moreau', null, 'auditor', 'global', null),
    user(`case.${country}`, 'Amara Diallo', 'DSS', 'case_officer', 'country', countryCode),
    ...focal(orgA, 'Hiroshi Tanaka', 'Fatima Al-Sayed'),
    ...focal(orgB, 'Elena Petrova', 'Samuel Okoye'),
    user(`staff.${orgA.toLowerCase()}`, 'Nadia Rahimi', orgA, 'personnel', 'organization', orgA),
  ];
}
