/**
 * What the demo incidents need around them: personnel headcounts (for rates per 100,000
 * personnel) and the configured distribution lists. Pure and deterministic.
 */
import { CRISIS_COUNTRIES } from './places-data';
import { createRng } from './random';

/** Personnel per premises, roughly: 180,000 personnel over the UN system's ~5,600 facilities. */
const PERSONNEL_PER_PREMISES = 32;

export interface DemoHeadcount {
  year: number;
  countryCode: string;
  organizationCode: string;
  headcount: number;
}

/**
 * Headcounts per year, country and organization, for every organization with premises in the
 * country: about 32 people per premises (±40 %), growing 1.5 % a year up to the last year.
 */
export function demoHeadcounts(input: {
  seed: number | string;
  years: readonly number[];
  stations: readonly { code: string; countryCode: string }[];
  premises: readonly { stationCode: string; organizationCode: string }[];
}): DemoHeadcount[] {
  const rng = createRng(`opensmin-headcounts/${input.seed}`);
  const country = new Map(input.stations.map((s) => [s.code, s.countryCode]));
  const premisesOf = new Map<string, number>();
  for (const p of input.premises) {
    const c = country.get(p.stationCode);
    if (!c) continue;
    const key = `${c}|${p.organizationCode}`;
    premisesOf.set(key, (premisesOf.get(key) ?? 0) + 1);
  }
  const last = Math.max(...input.years);
  const out: DemoHeadcount[] = [];
  for (const [key, n] of [...premisesOf].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const [countryCode, organizationCode] = key.split('|') as [string, string];
    const base = n * PERSONNEL_PER_PREMISES * rng.float(0.6, 1.4);
    for (const year of input.years) {
      out.push({
        year,
        countryCode,
        organizationCode,
        headcount: Math.max(1, Math.round(base * 1.015 ** (year - last))),
      });
    }
  }
  return out;
}

export interface DemoDistributionList {
  name: string;
  countryCode: string | null;
  categories: string[];
  addresses: string[];
}

/**
 * The security cell of each crisis country among `countries` (every incident there), and the
 * operations centre for the serious categories everywhere.
 */
export function demoDistributionLists(countries: readonly string[]): DemoDistributionList[] {
  const crisis = countries.filter((c) => CRISIS_COUNTRIES.has(c));
  return [
    {
      name: 'Security Information Operations Centre: serious incidents',
      countryCode: null,
      categories: ['VIOLENT_ATTACK', 'ABDUCTION', 'SEXUAL_ASSAULT', 'ARREST_DETENTION', 'AVIATION'],
      addresses: ['sioc@demo.example.org', 'duty.officer@demo.example.org'],
    },
    ...crisis.map((c) => ({
      name: `Security cell ${c}`,
      countryCode: c,
      categories: [],
      addresses: [`security.${c.toLowerCase()}@demo.example.org`, `do.${c.toLowerCase()}@demo.example.org`],
    })),
  ];
}
