/**
 * Plausible, deterministic security levels and travel advisories for the demo areas: crisis
 * countries high, field countries moderate, high-income countries minimal, with per-area and
 * per-category variation. A few advisories are left past their review date, as in real life.
 */
import { CATEGORIES, type Category } from '../threats/rules';
import type { DemoArea } from './generator';
import { CRISIS_COUNTRIES, FIELD_COUNTRIES, HIGH_INCOME_COUNTRIES } from './places-data';
import { createRng } from './random';

const BASE: Record<'crisis' | 'field' | 'quiet' | 'other', Record<Category, number>> = {
  crisis: { armed_conflict: 4, terrorism: 4, crime: 4, civil_unrest: 4 },
  field: { armed_conflict: 2, terrorism: 2, crime: 3, civil_unrest: 3 },
  quiet: { armed_conflict: 1, terrorism: 2, crime: 2, civil_unrest: 1 },
  other: { armed_conflict: 1, terrorism: 2, crime: 3, civil_unrest: 2 },
};

function tier(countryCode: string): keyof typeof BASE {
  if (CRISIS_COUNTRIES.has(countryCode)) return 'crisis';
  if (FIELD_COUNTRIES.has(countryCode)) return 'field';
  if (HIGH_INCOME_COUNTRIES.has(countryCode)) return 'quiet';
  return 'other';
}

export interface DemoLevelRow {
  area: string;
  category: Category;
  level: number;
  date: string;
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** One row per area and category (the bulk level-import format), dated `today` minus a few weeks. */
export function demoThreatLevels(areas: DemoArea[], seed: number | string, today: string): DemoLevelRow[] {
  const rng = createRng(`${seed}:threats`);
  const rows: DemoLevelRow[] = [];
  for (const area of areas) {
    const base = BASE[tier(area.countryCode)];
    const areaShift = rng.int(-1, 1);
    const date = addDays(today, -rng.int(7, 120));
    for (const category of CATEGORIES) {
      const level = Math.min(6, Math.max(1, base[category] + areaShift + rng.int(-1, 1)));
      rows.push({ area: area.code, category, level, date });
    }
  }
  return rows;
}

export interface DemoAdvisory {
  countryCode: string;
  headline: string;
  guidance: string;
  requiredClearance: 'none' | 'automatic' | 'manual';
  requiredTraining: ('BSAFE' | 'SSAFE')[];
  contacts: { role: string; name: string; phone?: string; email?: string }[];
  effectiveDate: string;
  reviewBy: string;
}

/** One country advisory per demo country; one in eight (the fourth, twelfth…) is past its review-by date. */
export function demoAdvisories(
  countries: { code: string; name: string }[],
  seed: number | string,
  today: string,
): DemoAdvisory[] {
  const rng = createRng(`${seed}:advisories`);
  return countries.map((c, index) => {
    const t = tier(c.code);
    const overdue = index % 8 === 3;
    const effectiveDate = addDays(today, overdue ? -rng.int(200, 400) : -rng.int(5, 90));
    const reviewBy = overdue ? addDays(today, -rng.int(10, 120)) : addDays(effectiveDate, 180);
    const high = t === 'crisis';
    return {
      countryCode: c.code,
      headline: high
        ? `${c.name}: official travel only with security clearance`
        : `${c.name}: exercise normal security awareness`,
      guidance: high
        ? 'Travel with security clearance only. Follow the movement restrictions of the security office, use approved ' +
          'accommodation and keep the security office informed of your location.'
        : 'Follow the local security briefing. Avoid demonstrations and keep valuables out of sight.',
      requiredClearance: high ? 'manual' : t === 'quiet' ? 'none' : 'automatic',
      requiredTraining: high ? ['BSAFE', 'SSAFE'] : ['BSAFE'],
      contacts: [
        {
          role: 'Security Adviser',
          name: `Security office ${c.name}`,
          email: `security.${c.code.toLowerCase()}@demo.example.org`,
        },
      ],
      effectiveDate,
      reviewBy,
    };
  });
}
