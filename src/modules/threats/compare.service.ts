import { stringify } from 'csv-stringify/sync';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables';
import { holds } from '../../server/access/rules';
import type { Principal } from '../../server/auth/principal';
import { forbidden } from '../../server/errors';
import { presentLevels } from './present';
import { CATEGORIES, CATEGORY_LABELS, type Category, type CategoryLevels, LEVEL_NAMES } from './rules';
import * as repo from './threats.repository';

export interface CompareFilter {
  region?: string;
  country?: string;
  /** Sort by this category's level (highest first) instead of the overall highest. */
  category?: Category;
  minLevel?: number;
}

/**
 * Current levels of every area side by side. Levels are what advisories publish to all personnel,
 * so any signed-in reader may compare; the factors behind them stay in the detailed assessment.
 */
export async function compareAreas(db: Kysely<DB>, principal: Principal, f: CompareFilter) {
  if (!holds(principal.grants, 'advisory.read')) throw forbidden();
  const all = await worldLevels(db);
  const out = all.filter(
    (r) =>
      (!f.region || r.region.toLowerCase() === f.region.toLowerCase()) &&
      (!f.country || r.countryCode === f.country),
  );
  const key = (x: CompareRow) => (f.category ? x.byCategory[f.category] : x.highest.level);
  return out
    .filter((x) => f.minLevel === undefined || key(x) >= f.minLevel)
    .sort(
      (a, b) =>
        key(b) - key(a) || a.countryName.localeCompare(b.countryName) || a.areaCode.localeCompare(b.areaCode),
    );
}

type CompareRow = ReturnType<typeof presentRow>;

/**
 * The world's current levels, kept per process but checked against the database's fingerprint
 * on every call: another app server's change is seen at once, so this is a cache of derived data
 * that can never serve a stale table.
 */
const worlds = new WeakMap<Kysely<DB>, { fingerprint: string; rows: CompareRow[] }>();
async function worldLevels(db: Kysely<DB>): Promise<CompareRow[]> {
  const fingerprint = await repo.levelsFingerprint(db);
  const cached = worlds.get(db);
  if (cached?.fingerprint === fingerprint) return cached.rows;
  const rows = (await repo.currentLevels(db, {})).map(presentRow);
  worlds.set(db, { fingerprint, rows });
  return rows;
}

function presentRow(r: Awaited<ReturnType<typeof repo.currentLevels>>[number]) {
  {
    // Rows are shared by every caller of the cache: they are never mutated after this.
    const levels = Object.fromEntries(CATEGORIES.map((c) => [c, Number(r[c])])) as CategoryLevels;
    return {
      areaId: r.area_id,
      areaCode: r.area_code,
      areaName: r.area_name,
      countryCode: r.country_code,
      countryName: r.country_name,
      region: r.region,
      subregion: r.subregion,
      effectiveDate: r.effective_date,
      byCategory: levels,
      ...presentLevels(levels),
    };
  }
}

/** Changes whenever anything the comparison shows changes; with the query it makes the ETag. */
export async function compareFingerprint(db: Kysely<DB>): Promise<string> {
  return repo.levelsFingerprint(db);
}

/** The comparison as HXL-tagged CSV (header row, then the HXL hashtag row). */
export function compareCsv(rows: Awaited<ReturnType<typeof compareAreas>>): string {
  const header = [
    'country_code',
    'country',
    'region',
    'area_code',
    'area',
    'highest_level',
    'highest_name',
    'highest_categories',
    ...CATEGORIES,
    'effective_date',
  ];
  const hxl = [
    '#country+code',
    '#country+name',
    '#region+name',
    '#adm1+code',
    '#adm1+name',
    '#severity+level+max',
    '#severity+name+max',
    '#severity+type+max',
    ...CATEGORIES.map((c) => `#severity+level+${c.replace('_', '')}`),
    '#date+effective',
  ];
  const body = rows.map((r) => [
    r.countryCode,
    r.countryName,
    r.region,
    r.areaCode,
    r.areaName,
    r.highest.level,
    LEVEL_NAMES[r.highest.level as keyof typeof LEVEL_NAMES],
    r.highest.categories.map((c) => CATEGORY_LABELS[c]).join('; '),
    ...CATEGORIES.map((c) => r.byCategory[c]),
    r.effectiveDate,
  ]);
  return stringify([header, hxl, ...body]);
}
