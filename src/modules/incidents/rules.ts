/**
 * Incident taxonomy and the Secretary-General's table of personnel affected: pure rules
 * (DOMAIN.md §6). One standard taxonomy: every category is violence, safety or situational;
 * sexual assault is one category; burglary concerns premises only (a vehicle break-in is not
 * burglary).
 */

export type Nature = 'violence' | 'safety' | 'situational';

export interface Category {
  code: string;
  name: string;
  nature: Nature;
  /** Burglary applies to premises only: an impact on premises is required. */
  premisesOnly?: boolean;
}

export const CATEGORIES: readonly Category[] = [
  {
    code: 'VIOLENT_ATTACK',
    name: 'Violent attack (shooting, stabbing, beating, explosive)',
    nature: 'violence',
  },
  { code: 'ABDUCTION', name: 'Abduction or kidnapping', nature: 'violence' },
  { code: 'ROBBERY', name: 'Robbery', nature: 'violence' },
  { code: 'RESIDENCE_BREAK_IN', name: 'Residence break-in', nature: 'violence' },
  { code: 'AGGRAVATED_ASSAULT', name: 'Aggravated assault', nature: 'violence' },
  { code: 'SEXUAL_ASSAULT', name: 'Sexual assault', nature: 'violence' },
  { code: 'BURGLARY', name: 'Burglary of premises', nature: 'violence', premisesOnly: true },
  { code: 'INTIMIDATION', name: 'Intimidation', nature: 'violence' },
  { code: 'HARASSMENT', name: 'Harassment', nature: 'violence' },
  { code: 'ARREST_DETENTION', name: 'Arrest and detention', nature: 'violence' },
  { code: 'ROAD_CRASH', name: 'Road traffic crash', nature: 'safety' },
  { code: 'FIRE', name: 'Fire', nature: 'safety' },
  { code: 'AVIATION', name: 'Aviation accident', nature: 'safety' },
  { code: 'DROWNING', name: 'Drowning', nature: 'safety' },
  { code: 'HAZARD', name: 'Natural or industrial hazard', nature: 'safety' },
  { code: 'OTHER_SAFETY', name: 'Other safety incident', nature: 'safety' },
  { code: 'ARMED_CONFLICT', name: 'Armed conflict (situational)', nature: 'situational' },
  { code: 'TERRORISM', name: 'Terrorism (situational)', nature: 'situational' },
  { code: 'CRIME', name: 'Crime (situational)', nature: 'situational' },
  { code: 'CIVIL_UNREST', name: 'Civil unrest (situational)', nature: 'situational' },
  { code: 'HAZARDS', name: 'Hazards (situational)', nature: 'situational' },
];

const BY_KEY = new Map<string, Category>();
for (const c of CATEGORIES) {
  BY_KEY.set(c.code.toLowerCase(), c);
  BY_KEY.set(c.name.toLowerCase(), c);
}

/** A category by code or name, case-insensitively (HXL imports give either); undefined if unknown. */
export function findCategory(codeOrName: string): Category | undefined {
  return (
    BY_KEY.get(codeOrName.trim().toLowerCase().replace(/\s+/g, ' ')) ??
    BY_KEY.get(
      codeOrName
        .trim()
        .toUpperCase()
        .replace(/[\s-]+/g, '_')
        .toLowerCase(),
    )
  );
}

export const OUTCOMES = [
  'killed',
  'injured',
  'abducted',
  'arrested_detained',
  'missing',
  'sexually_assaulted',
  'robbed',
  'intimidated_harassed',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** The rows of the Secretary-General's annual table, in its order; totals are computed, never typed. */
export const REPORT_ROWS = [
  'Fatalities resulting from acts of violence',
  'Fatalities resulting from safety-related incidents',
  'Injuries resulting from acts of violence',
  'Injuries resulting from safety-related incidents',
  'Abduction',
  'Robbery',
  'Residence break-in',
  'Aggravated assault',
  'Sexual assault',
  'Burglary of residence',
  'Intimidation',
  'Harassment',
  'Arrest and detention',
] as const;
export type ReportRow = (typeof REPORT_ROWS)[number];

const CATEGORY_ROW: Record<string, ReportRow> = {
  ABDUCTION: 'Abduction',
  ROBBERY: 'Robbery',
  RESIDENCE_BREAK_IN: 'Residence break-in',
  AGGRAVATED_ASSAULT: 'Aggravated assault',
  SEXUAL_ASSAULT: 'Sexual assault',
  BURGLARY: 'Burglary of residence',
  INTIMIDATION: 'Intimidation',
  HARASSMENT: 'Harassment',
  ARREST_DETENTION: 'Arrest and detention',
};

/**
 * The one row a personnel impact counts in. A person with two outcomes in one incident (abducted
 * and then killed in captivity, as SiND reports it) has two impacts and counts in both rows.
 * Death and injury come first (split by the category's
 * nature); otherwise the outcome decides, then the category. Situational entries and near misses
 * never count: they did not affect personnel of the organization.
 */
export function reportRowFor(categoryCode: string, outcome: Outcome): ReportRow | null {
  const category = findCategory(categoryCode);
  if (!category || category.nature === 'situational') return null;
  const violent = category.nature === 'violence';
  if (outcome === 'killed') return violent ? REPORT_ROWS[0] : REPORT_ROWS[1];
  if (outcome === 'injured') return violent ? REPORT_ROWS[2] : REPORT_ROWS[3];
  if (outcome === 'abducted') return 'Abduction';
  if (outcome === 'arrested_detained') return 'Arrest and detention';
  if (outcome === 'sexually_assaulted') return 'Sexual assault';
  if (outcome === 'robbed')
    return category.code === 'RESIDENCE_BREAK_IN' || category.code === 'BURGLARY'
      ? CATEGORY_ROW[category.code]!
      : 'Robbery';
  if (outcome === 'intimidated_harassed')
    return category.code === 'HARASSMENT' ? 'Harassment' : 'Intimidation';
  return CATEGORY_ROW[category.code] ?? null;
}

export interface AffectedCount {
  year: number;
  categoryCode: string;
  outcome: Outcome;
  count: number;
}

/**
 * The table: one row per REPORT_ROWS entry with a column per year and a total, all computed from
 * the affected counts given. Rows with no one affected are kept (zeros), so the table is complete.
 */
export function personnelAffectedTable(counts: readonly AffectedCount[], fromYear: number, toYear: number) {
  const years = Array.from({ length: toYear - fromYear + 1 }, (_, i) => fromYear + i);
  const table = REPORT_ROWS.map((row) => ({
    row,
    byYear: Object.fromEntries(years.map((y) => [y, 0])) as Record<number, number>,
    total: 0,
  }));
  for (const c of counts) {
    if (c.year < fromYear || c.year > toYear || c.count <= 0) continue;
    const row = reportRowFor(c.categoryCode, c.outcome);
    if (!row) continue;
    const line = table[REPORT_ROWS.indexOf(row)]!;
    line.byYear[c.year]! += c.count;
    line.total += c.count;
  }
  const totals = {
    row: 'Total' as const,
    byYear: Object.fromEntries(years.map((y) => [y, table.reduce((n, l) => n + l.byYear[y]!, 0)])) as Record<
      number,
      number
    >,
    total: table.reduce((n, l) => n + l.total, 0),
  };
  return { years, rows: table, totals };
}
