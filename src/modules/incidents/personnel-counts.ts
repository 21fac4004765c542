/**
 * Personnel impacts as flat counts and back: pure rules shared by the SiND and HXL importers and
 * the exports. Interchange formats give, per outcome, a total and two separate breakdowns (by
 * personnel category and by sex) but never the joint table. We rebuild a joint table that keeps
 * both breakdowns exactly, so that every statistic by category or by sex equals the source's.
 */
import type { PERSONNEL_CATEGORIES, PersonnelImpactInput } from './incidents.schema';
import { OUTCOMES, type Outcome } from './rules';

export type PersonnelCategory = (typeof PERSONNEL_CATEGORIES)[number];
/** Categories a source can count; 'unknown' is always the remainder of the total. */
export const KNOWN_CATEGORIES = ['international', 'national', 'dependant', 'contractor', 'partner'] as const;
export type KnownCategory = (typeof KNOWN_CATEGORIES)[number];
export const KNOWN_SEXES = ['female', 'male'] as const;
export type KnownSex = (typeof KNOWN_SEXES)[number];

/** At most this many people in one personnel row (the standard form's limit). */
export const MAX_COUNT = 10_000;

/** One outcome's counts: the total and the known parts of each breakdown (absent = 0). */
export interface Breakdown {
  total: number;
  category: Partial<Record<KnownCategory, number>>;
  sex: Partial<Record<KnownSex, number>>;
}

/** Everything a flat row says about personnel: per outcome, and the killed in captivity. */
export interface PersonnelCounts {
  outcomes: Partial<Record<Outcome, Breakdown>>;
  /** Part of `outcomes.killed` (SiND's "Aid Workers Killed" includes the killed in captivity). */
  killedInCaptivity?: Breakdown;
}

/** Which number a problem is about, for the caller to name its own column. */
export interface CountRef {
  outcome: Outcome;
  captivity: boolean;
  part: 'total' | KnownCategory | KnownSex;
}
export interface CountProblem extends CountRef {
  message: string;
}

export const emptyBreakdown = (): Breakdown => ({ total: 0, category: {}, sex: {} });

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const categoryVector = (b: Breakdown) => {
  const known = KNOWN_CATEGORIES.map((c) => b.category[c] ?? 0);
  return [...known, b.total - sum(known)];
};
const sexVector = (b: Breakdown) => {
  const known = KNOWN_SEXES.map((s) => b.sex[s] ?? 0);
  return [...known, b.total - sum(known)];
};
const CATEGORY_ORDER: readonly PersonnelCategory[] = [...KNOWN_CATEGORIES, 'unknown'];
const SEX_ORDER = [...KNOWN_SEXES, 'unknown'] as const;

/**
 * The north-west corner rule: a joint table whose row sums are `rows` and column sums `cols`
 * (non-negative integers with equal totals). Deterministic, and at most rows+cols-1 cells are
 * non-zero, so a typical event becomes one or two personnel rows.
 */
export function fillFromMarginals(rows: readonly number[], cols: readonly number[]): number[][] {
  if (sum(rows) !== sum(cols)) throw new Error('marginals with different totals');
  const r = [...rows];
  const c = [...cols];
  const table = rows.map(() => cols.map(() => 0));
  let i = 0;
  let j = 0;
  while (i < r.length && j < c.length) {
    const n = Math.min(r[i]!, c[j]!);
    table[i]![j] = n;
    r[i]! -= n;
    c[j]! -= n;
    if (r[i] === 0) i++;
    else j++;
  }
  return table;
}

/** The breakdowns that cannot describe one group of people (parts larger than the total). */
function breakdownProblems(outcome: Outcome, captivity: boolean, b: Breakdown): CountProblem[] {
  const problems: CountProblem[] = [];
  const at = (part: CountRef['part'], message: string) =>
    problems.push({ outcome, captivity, part, message });
  if (b.total > MAX_COUNT) at('total', `at most ${MAX_COUNT.toLocaleString('en')}`);
  const cats = KNOWN_CATEGORIES.filter((c) => (b.category[c] ?? 0) > 0);
  const catSum = sum(cats.map((c) => b.category[c]!));
  if (catSum > b.total) {
    at(cats[0]!, `${cats.map((c) => `${c} ${b.category[c]}`).join(' + ')} is more than the total ${b.total}`);
  }
  const sexes = KNOWN_SEXES.filter((s) => (b.sex[s] ?? 0) > 0);
  const sexSum = sum(sexes.map((s) => b.sex[s]!));
  if (sexSum > b.total) {
    at(sexes[0]!, `${sexes.map((s) => `${s} ${b.sex[s]}`).join(' + ')} is more than the total ${b.total}`);
  }
  return problems;
}

/**
 * Everything inconsistent in the counts. The killed in captivity are part of the killed, so each of
 * their numbers must fit inside the killed's, and the killed outside captivity (the difference)
 * must themselves form a consistent breakdown.
 */
export function countProblems(counts: PersonnelCounts): CountProblem[] {
  const problems: CountProblem[] = [];
  for (const outcome of OUTCOMES) {
    const b = counts.outcomes[outcome];
    if (b) problems.push(...breakdownProblems(outcome, false, b));
  }
  const kc = counts.killedInCaptivity;
  if (!kc || problems.length > 0) return problems;
  problems.push(...breakdownProblems('killed', true, kc));
  if (problems.length > 0) return problems;
  const killed = counts.outcomes.killed ?? emptyBreakdown();
  const at = (part: CountRef['part'], message: string) =>
    problems.push({ outcome: 'killed', captivity: true, part, message });
  if (kc.total > killed.total) {
    at('total', `${kc.total} killed in captivity but only ${killed.total} killed in all`);
    return problems;
  }
  for (const c of KNOWN_CATEGORIES) {
    if ((kc.category[c] ?? 0) > (killed.category[c] ?? 0))
      at(c, `${kc.category[c]} ${c} killed in captivity but only ${killed.category[c] ?? 0} ${c} killed`);
  }
  for (const s of KNOWN_SEXES) {
    if ((kc.sex[s] ?? 0) > (killed.sex[s] ?? 0))
      at(s, `${kc.sex[s]} ${s} killed in captivity but only ${killed.sex[s] ?? 0} ${s} killed`);
  }
  if (problems.length > 0) return problems;
  // The unknown remainders: a person of unknown category in captivity must be one of the killed of
  // unknown category, or the two breakdowns would disagree on who they were.
  const unknownCat = categoryVector(killed).at(-1)! - categoryVector(kc).at(-1)!;
  if (unknownCat < 0) {
    at('total', 'more killed in captivity of unknown category than killed of unknown category');
  }
  const unknownSex = sexVector(killed).at(-1)! - sexVector(kc).at(-1)!;
  if (unknownSex < 0) at('total', 'more killed in captivity of unknown sex than killed of unknown sex');
  return problems;
}

function rowsFor(outcome: Outcome, b: Breakdown, inCaptivity: boolean): PersonnelImpactInput[] {
  if (b.total <= 0) return [];
  const table = fillFromMarginals(categoryVector(b), sexVector(b));
  const out: PersonnelImpactInput[] = [];
  for (const [i, line] of table.entries()) {
    for (const [j, count] of line.entries()) {
      if (count === 0) continue;
      out.push({
        category: CATEGORY_ORDER[i]!,
        sex: SEX_ORDER[j]!,
        outcome,
        count,
        inCaptivity,
        personName: '',
        lineManagerEmail: '',
      });
    }
  }
  return out;
}

function minus(a: Breakdown, b: Breakdown): Breakdown {
  return {
    total: a.total - b.total,
    category: Object.fromEntries(
      KNOWN_CATEGORIES.map((c) => [c, (a.category[c] ?? 0) - (b.category[c] ?? 0)]),
    ),
    sex: Object.fromEntries(KNOWN_SEXES.map((s) => [s, (a.sex[s] ?? 0) - (b.sex[s] ?? 0)])),
  };
}

/**
 * Personnel rows that reproduce the counts exactly: for each outcome, the total, the split by
 * category and the split by sex; the killed in captivity as their own rows (`inCaptivity`), with
 * their own splits. Call only when `countProblems` found nothing.
 */
export function personnelFromCounts(counts: PersonnelCounts): PersonnelImpactInput[] {
  const out: PersonnelImpactInput[] = [];
  for (const outcome of OUTCOMES) {
    const b = counts.outcomes[outcome];
    if (!b) continue;
    const kc = outcome === 'killed' ? counts.killedInCaptivity : undefined;
    if (kc && kc.total > 0) {
      out.push(...rowsFor(outcome, minus(b, kc), false));
      out.push(...rowsFor(outcome, kc, true));
    } else out.push(...rowsFor(outcome, b, false));
  }
  return out;
}

type CountedRow = Pick<PersonnelImpactInput, 'category' | 'sex' | 'outcome' | 'count' | 'inCaptivity'>;

/** The flat counts of personnel rows (the inverse of `personnelFromCounts` on its own output). */
export function countsFromPersonnel(rows: readonly CountedRow[]): PersonnelCounts {
  const counts: PersonnelCounts = { outcomes: {} };
  const add = (b: Breakdown, p: CountedRow) => {
    b.total += p.count;
    if (p.category !== 'unknown') b.category[p.category] = (b.category[p.category] ?? 0) + p.count;
    if (p.sex !== 'unknown') b.sex[p.sex] = (b.sex[p.sex] ?? 0) + p.count;
  };
  for (const p of rows) {
    const outcome = counts.outcomes[p.outcome] ?? emptyBreakdown();
    counts.outcomes[p.outcome] = outcome;
    add(outcome, p);
    // Only the killed are told apart by captivity: that is what SiND and the annual report count.
    if (p.outcome === 'killed' && p.inCaptivity) {
      counts.killedInCaptivity ??= emptyBreakdown();
      add(counts.killedInCaptivity, p);
    }
  }
  return counts;
}
