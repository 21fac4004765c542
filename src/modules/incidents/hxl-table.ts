/**
 * HXL-tagged CSV (Humanitarian Exchange Language, hxlstandard.org): finding the hashtag row and
 * recognising columns. Pure. The hashtag row is the first row whose non-blank cells are all
 * hashtags (a human header row may come before it); columns are found by hashtag and attributes,
 * never by position, and columns with hashtags we do not know are ignored, as HXL intends.
 */
import { AppError } from '../../server/errors';
import type { CsvRecord } from '../registry/import-parse';
import type { KnownCategory, KnownSex } from './personnel-counts';
import type { Outcome } from './rules';

/** A hashtag with its attributes, lower-cased: `#affected +killed +f` → affected [killed, f]. */
export interface Hashtag {
  tag: string;
  attributes: string[];
}

const HASHTAG = /^#\s*([a-z][a-z0-9_]*)((?:\s*\+\s*[a-z][a-z0-9_]*)*)\s*$/i;

export function parseHashtag(cell: string): Hashtag | null {
  const m = HASHTAG.exec(cell.trim());
  if (!m) return null;
  const attributes = (m[2] ?? '')
    .split('+')
    .map((a) => a.trim().toLowerCase())
    .filter(Boolean);
  return { tag: m[1]!.toLowerCase(), attributes };
}

export const hashtagText = (h: Hashtag) => `#${h.tag}${h.attributes.map((a) => `+${a}`).join('')}`;

/** Separator of several values in one cell (organization codes, impacts). */
export const LIST_SEPARATOR = ' | ';
export const splitList = (s: string) =>
  s
    .split(/\s*[|;,]\s*/)
    .map((x) => x.trim())
    .filter(Boolean);
export const splitTexts = (s: string) =>
  s
    .split(/\s*\|\s*/)
    .map((x) => x.trim())
    .filter(Boolean);

/** Text cells that spreadsheets would run as formulas are exported with a leading apostrophe. */
export const FORMULA_START = /^[=+\-@\t\r]/;
export const unescapeCell = (s: string) =>
  s.startsWith("'") && FORMULA_START.test(s.slice(1)) ? s.slice(1) : s;

interface Spec {
  tag: string;
  with?: string[];
  without?: string[];
}
const matches = (h: Hashtag, s: Spec) =>
  h.tag === s.tag &&
  (s.with ?? []).every((a) => h.attributes.includes(a)) &&
  !(s.without ?? []).some((a) => h.attributes.includes(a));

/** Scalar fields and the hashtags they are read from, most specific first. */
export const FIELDS = {
  eventId: [{ tag: 'event', with: ['id'] }],
  occurredOn: [
    { tag: 'date', with: ['occurred'], without: ['time'] },
    { tag: 'date', without: ['time', 'updated', 'reported', 'start', 'end'] },
  ],
  occurredAt: [{ tag: 'date', with: ['occurred', 'time'] }],
  countryCode: [
    { tag: 'country', with: ['code'] },
    { tag: 'country', with: ['iso'] },
    { tag: 'country_iso' },
  ],
  areaCode: [{ tag: 'adm1', with: ['code'] }],
  admin1: [
    { tag: 'adm1', with: ['name'] },
    { tag: 'adm1', without: ['code'] },
  ],
  stationCode: [{ tag: 'loc', with: ['code'] }],
  location: [
    { tag: 'loc', with: ['name'] },
    { tag: 'loc', without: ['code'] },
  ],
  lat: [{ tag: 'geo', with: ['lat'] }],
  lon: [{ tag: 'geo', with: ['lon'] }],
  geoPrecision: [{ tag: 'geo', with: ['precision'] }],
  categoryCode: [
    { tag: 'event', with: ['type', 'code'] },
    { tag: 'event', with: ['type'] },
  ],
  relevance: [{ tag: 'x_relevance' }],
  perpetratorName: [{ tag: 'group', with: ['perp', 'name'] }],
  perpetratorType: [{ tag: 'group', with: ['perp'], without: ['name'] }],
  weapon: [{ tag: 'weapon' }, { tag: 'weapons' }],
  title: [{ tag: 'description', with: ['title'] }],
  narrative: [{ tag: 'description', without: ['title', 'context'] }],
  context: [{ tag: 'description', with: ['context'] }],
  captivityOutcome: [{ tag: 'status', with: ['captivity'] }],
  organizationCodes: [{ tag: 'org', with: ['code'], without: ['personnel', 'impact'] }],
  /** Whose people and whose premises or programme were hit, when the row says (our export does). */
  personnelOrganization: [{ tag: 'org', with: ['code', 'personnel'] }],
  impactOrganization: [{ tag: 'org', with: ['code', 'impact'] }],
} satisfies Record<string, Spec[]>;
export type ScalarField = keyof typeof FIELDS;

const REQUIRED: ScalarField[] = ['eventId', 'countryCode', 'categoryCode'];

export const IMPACT_KINDS = ['premises', 'property', 'programme'] as const;
const impactSpec = (kind: string): Spec => ({ tag: 'impact', with: [kind], without: ['code'] });

/** Attribute words for outcomes, personnel categories and sexes (SiND's words included). */
const OUTCOME_ATTRS: Record<string, Outcome> = {
  killed: 'killed',
  injured: 'injured',
  kidnapped: 'abducted',
  abducted: 'abducted',
  arrested: 'arrested_detained',
  detained: 'arrested_detained',
  arrested_detained: 'arrested_detained',
  missing: 'missing',
  sexually_assaulted: 'sexually_assaulted',
  sgbv: 'sexually_assaulted',
  robbed: 'robbed',
  intimidated_harassed: 'intimidated_harassed',
  intimidated: 'intimidated_harassed',
  harassed: 'intimidated_harassed',
};
const CATEGORY_ATTRS: Record<string, KnownCategory> = {
  international: 'international',
  intl: 'international',
  national: 'national',
  dependant: 'dependant',
  contractor: 'contractor',
  partner: 'partner',
};
const SEX_ATTRS: Record<string, KnownSex> = { f: 'female', female: 'female', m: 'male', male: 'male' };

/** One count column: which outcome, whether in captivity, and which part of the breakdown. */
export interface CountColumn {
  index: number;
  outcome: Outcome;
  captivity: boolean;
  part: 'total' | KnownCategory | KnownSex;
}

export interface HxlTable {
  hashtags: (Hashtag | null)[];
  /** Each scalar field's columns, in order of preference. */
  fields: Record<ScalarField, number[]>;
  impacts: Record<(typeof IMPACT_KINDS)[number], { text: number[]; loss: number[] }>;
  premisesCodes: number[];
  counts: CountColumn[];
  rows: { line: number; cells: string[] }[];
}

const fileError = (message: string, field = 'file') =>
  new AppError('validation', message, [{ field, message }]);

/**
 * The table of an HXL CSV: its hashtag row found, its columns recognised. A file without a hashtag
 * row, without a required column, or with two columns counting the same thing is refused whole.
 */
export function readHxlTable(records: readonly CsvRecord[]): HxlTable {
  // HXL tools look for the hashtag row among the first rows only; so do we.
  const at = records.slice(0, 25).findIndex((r) => {
    const cells = r.record.filter((c) => c.trim() !== '');
    return cells.length > 0 && cells.every((c) => parseHashtag(c) !== null);
  });
  if (at < 0) throw fileError('No HXL hashtag row (e.g. #date+occurred, #country+code) in the first 25 rows');
  const hashtags = records[at]!.record.map((c) => (c.trim() ? parseHashtag(c) : null));
  const find = (specs: readonly Spec[]) => {
    const found: number[] = [];
    for (const s of specs) {
      for (const [i, h] of hashtags.entries()) if (h && matches(h, s) && !found.includes(i)) found.push(i);
    }
    return found;
  };
  const fields = Object.fromEntries(Object.entries(FIELDS).map(([f, specs]) => [f, find(specs)])) as Record<
    ScalarField,
    number[]
  >;
  const missing = REQUIRED.filter((f) => fields[f].length === 0).map((f) => hashtagText(specOf(f)));
  if (fields.occurredOn.length === 0 && fields.occurredAt.length === 0) missing.push('#date+occurred');
  if (missing.length > 0) throw fileError(`Required HXL columns missing: ${missing.join(', ')}`);
  const impacts = Object.fromEntries(
    IMPACT_KINDS.map((k) => [
      k,
      { text: find([impactSpec(k)]), loss: find([{ tag: 'value', with: ['loss', k] }]) },
    ]),
  ) as HxlTable['impacts'];
  return {
    hashtags,
    fields,
    impacts,
    premisesCodes: find([{ tag: 'impact', with: ['premises', 'code'] }]),
    counts: countColumns(hashtags),
    rows: records.slice(at + 1).map((r) => ({ line: r.info.lines, cells: r.record.map(unescapeCell) })),
  };
}

export const specOf = (f: ScalarField): Hashtag => {
  const s = FIELDS[f][0] as Spec;
  return { tag: s.tag, attributes: s.with ?? [] };
};

function countColumns(hashtags: readonly (Hashtag | null)[]): CountColumn[] {
  const out: CountColumn[] = [];
  const seen = new Map<string, number>();
  hashtags.forEach((h, index) => {
    if (h?.tag !== 'affected') return;
    const text = hashtagText(h);
    const outcomes = [...new Set(h.attributes.flatMap((a) => OUTCOME_ATTRS[a] ?? []))];
    if (outcomes.length === 0) return; // e.g. #affected+num: not a count we know
    if (outcomes.length > 1) throw fileError(`${text}: one outcome per column`);
    const cats = h.attributes.flatMap((a) => CATEGORY_ATTRS[a] ?? []);
    const sexes = h.attributes.flatMap((a) => SEX_ATTRS[a] ?? []);
    if (cats.length + sexes.length > 1) {
      throw fileError(`${text}: give the split by personnel category and by sex in separate columns`);
    }
    const captivity = h.attributes.includes('captivity');
    if (captivity && outcomes[0] !== 'killed')
      throw fileError(`${text}: only the killed are counted in captivity`);
    const col: CountColumn = {
      index,
      outcome: outcomes[0]!,
      captivity,
      part: cats[0] ?? sexes[0] ?? 'total',
    };
    const key = `${col.outcome}|${col.captivity}|${col.part}`;
    const other = seen.get(key);
    if (other !== undefined) {
      throw fileError(`${text}: columns ${other + 1} and ${index + 1} count the same people; keep one`);
    }
    seen.set(key, index);
    out.push(col);
  });
  return out;
}

/** The standard-form field a count column feeds, for messages the other way round. */
export const countKey = (c: { outcome: Outcome; captivity: boolean; part: string }) =>
  `${c.outcome}|${c.captivity}|${c.part}`;
