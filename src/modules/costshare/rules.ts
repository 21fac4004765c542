/**
 * Apportionment of the jointly financed security budget (DOMAIN.md §10). Pure, no I/O; money is
 * integer cents in `bigint`, never a float.
 *
 * The rule, as the Finance and Budget Network applies it (seeds/jiu-safety-and-security-2016.md,
 * Annex I: "distribution based on percentage of staff and minimum contribution"):
 *  1. Each billable organization's headcount is its own field headcount plus the headcount of every
 *     organization counted inside it (Annex I note 5: "UNV headcount is included in UNDP"). An
 *     organization counted inside another is not billed.
 *  2. The total is shared by headcount. Any organization whose share falls below the minimum pays
 *     the minimum; what remains is shared pro rata among the others, repeated until no remaining
 *     share falls below the minimum. Organizations with no headcount still pay the minimum.
 *  3. The pro-rata shares are rounded to the cent by largest remainder, so the amounts add up
 *     exactly to the total: everyone gets the floor of their exact share, and the cents left over go
 *     one each to the largest fractional remainders (ties: larger headcount, then code).
 */

/** One row of a census: an organization's field headcount, possibly counted inside another. */
export interface CensusEntry {
  organization: string;
  headcount: number;
  /** The organization this one is counted inside (its headcount is billed there), or null. */
  countedIn?: string | null;
}

export interface ApportionInput {
  totalCents: bigint;
  minimumCents: bigint;
  census: readonly CensusEntry[];
}

/** A problem with the input, naming the census row (1-based) or the field. */
export interface ApportionIssue {
  field: string;
  message: string;
}

export class ApportionError extends Error {
  constructor(readonly issues: ApportionIssue[]) {
    super(issues.map((i) => `${i.field}: ${i.message}`).join('; '));
  }
}

/** One round of the minimum rule: the pool shared, by whom, and who fell below the minimum. */
export interface Round {
  round: number;
  /** The amount shared pro rata in this round (the total less the minimums already fixed). */
  poolCents: bigint;
  /** The headcount it is shared over (organizations not yet at the minimum). */
  headcount: bigint;
  /** Organizations still sharing at the start of the round. */
  sharing: number;
  /** Organizations whose share in this round fell below the minimum (they pay the minimum). */
  fellBelow: string[];
}

export interface ApportionLine {
  organization: string;
  /** The organization's own census headcount. */
  ownHeadcount: number;
  /** What it is billed on: its own plus those counted inside it; for a counted-in one, its own. */
  headcount: number;
  countedIn: string | null;
  /** Organizations whose headcount is included in this one. */
  includes: string[];
  billed: boolean;
  minimumApplied: boolean;
  /** The round in which the share fell below the minimum, or null. */
  minimumRound: number | null;
  amountCents: bigint;
  /** The exact pro-rata share in the final round as a fraction of cents (null at the minimum). */
  exact: { numerator: bigint; denominator: bigint } | null;
  /** 1 when the largest-remainder rounding gave this organization one of the leftover cents. */
  roundingCents: number;
}

export interface Apportionment {
  totalCents: bigint;
  minimumCents: bigint;
  billableCount: number;
  billableHeadcount: bigint;
  rounds: Round[];
  /** The pool of the final round, shared pro rata and rounded. */
  finalPoolCents: bigint;
  /** Cents handed out by the largest-remainder step. */
  leftoverCents: bigint;
  /** In census order. */
  lines: ApportionLine[];
}

export const MAX_HEADCOUNT = 10_000_000;
/** 100 billion in currency units: well inside exact JSON numbers of cents. */
export const MAX_CENTS = 10_000_000_000_000n;

/** The census problems that make an apportionment impossible, each naming its row and field. */
export function censusIssues(census: readonly CensusEntry[]): ApportionIssue[] {
  const issues: ApportionIssue[] = [];
  const firstRow = new Map<string, number>();
  census.forEach((e, i) => {
    const row = `row ${i + 1}`;
    const code = typeof e.organization === 'string' ? e.organization.trim() : '';
    if (!code) issues.push({ field: `${row}.organization`, message: 'is missing' });
    else if (firstRow.has(code))
      issues.push({
        field: `${row}.organization`,
        message: `${code} is listed twice (first on row ${firstRow.get(code)})`,
      });
    else firstRow.set(code, i + 1);
    const h = e.headcount;
    if (typeof h !== 'number' || !Number.isFinite(h))
      issues.push({ field: `${row}.headcount`, message: 'is missing or not a number' });
    else if (!Number.isInteger(h))
      issues.push({ field: `${row}.headcount`, message: 'must be a whole number' });
    else if (h < 0) issues.push({ field: `${row}.headcount`, message: 'must not be negative' });
    else if (h > MAX_HEADCOUNT)
      issues.push({ field: `${row}.headcount`, message: `must be at most ${MAX_HEADCOUNT}` });
  });
  census.forEach((e, i) => {
    const parent = e.countedIn?.trim();
    if (!parent) return;
    const field = `row ${i + 1}.counted_in`;
    if (parent === e.organization.trim())
      issues.push({ field, message: 'an organization cannot be counted in itself' });
    else if (!firstRow.has(parent)) issues.push({ field, message: `${parent} is not in the census` });
  });
  if (issues.length) return issues;
  // Cycles: follow counted_in from each row; revisiting a code on the path is a cycle.
  const parentOf = new Map(census.map((e) => [e.organization.trim(), e.countedIn?.trim() || null]));
  census.forEach((e, i) => {
    const seen = new Set<string>([e.organization.trim()]);
    for (let p = parentOf.get(e.organization.trim()); p; p = parentOf.get(p)) {
      if (seen.has(p)) {
        issues.push({
          field: `row ${i + 1}.counted_in`,
          message: `counting ${e.organization.trim()} in ${parentOf.get(e.organization.trim())} makes a cycle`,
        });
        return;
      }
      seen.add(p);
    }
  });
  return issues;
}

/** Problems with the amounts given the census (a minimum the total cannot pay for everyone…). */
export function amountIssues(
  input: ApportionInput,
  billable: number,
  billableHeadcount: bigint,
): ApportionIssue[] {
  const { totalCents: total, minimumCents: min } = input;
  const issues: ApportionIssue[] = [];
  if (total <= 0n) issues.push({ field: 'total', message: 'must be above zero' });
  if (total > MAX_CENTS)
    issues.push({ field: 'total', message: `must be at most ${formatCents(MAX_CENTS)}` });
  if (min < 0n) issues.push({ field: 'minimum', message: 'must not be negative' });
  if (issues.length) return issues;
  if (billable === 0) return [{ field: 'census', message: 'has no billable organization' }];
  if (min * BigInt(billable) > total)
    return [
      {
        field: 'minimum',
        message: `${formatCents(min)} for each of the ${billable} billable organizations is ${formatCents(
          min * BigInt(billable),
        )}, more than the total ${formatCents(total)}`,
      },
    ];
  if (billableHeadcount === 0n && min * BigInt(billable) !== total)
    return [
      {
        field: 'census',
        message:
          'every billable organization has a headcount of 0: nothing to share the amount above the minimums by',
      },
    ];
  return [];
}

/** The root an organization is billed under: itself, or the organization its chain ends in. */
function rootOf(code: string, parentOf: Map<string, string | null>): string {
  let c = code;
  for (let p = parentOf.get(c); p; p = parentOf.get(c)) c = p;
  return c;
}

/**
 * Apportions the total. Throws ApportionError naming every problem at once; never returns a
 * partial result.
 */
export function apportion(input: ApportionInput): Apportionment {
  const cIssues = censusIssues(input.census);
  if (cIssues.length) throw new ApportionError(cIssues);
  const census = input.census.map((e) => ({
    organization: e.organization.trim(),
    headcount: e.headcount,
    countedIn: e.countedIn?.trim() || null,
  }));
  const parentOf = new Map(census.map((e) => [e.organization, e.countedIn]));
  const effective = new Map<string, bigint>();
  const includes = new Map<string, string[]>();
  for (const e of census) if (!e.countedIn) effective.set(e.organization, 0n);
  for (const e of census) {
    const root = rootOf(e.organization, parentOf);
    effective.set(root, (effective.get(root) ?? 0n) + BigInt(e.headcount));
    if (root !== e.organization) includes.set(root, [...(includes.get(root) ?? []), e.organization]);
  }
  const billable = census.filter((e) => !e.countedIn).map((e) => e.organization);
  const billableHeadcount = billable.reduce((s, o) => s + (effective.get(o) ?? 0n), 0n);
  const aIssues = amountIssues(input, billable.length, billableHeadcount);
  if (aIssues.length) throw new ApportionError(aIssues);

  const { totalCents: total, minimumCents: min } = input;
  const atMinimum = new Map<string, number>();
  let sharing = [...billable];
  const rounds: Round[] = [];
  for (;;) {
    const pool = total - min * BigInt(atMinimum.size);
    const h = sharing.reduce((s, o) => s + (effective.get(o) ?? 0n), 0n);
    // share = pool × hᵢ / h < min  ⇔  pool × hᵢ < min × h (no division, no rounding).
    const below = h === 0n ? [...sharing] : sharing.filter((o) => pool * (effective.get(o) ?? 0n) < min * h);
    rounds.push({
      round: rounds.length + 1,
      poolCents: pool,
      headcount: h,
      sharing: sharing.length,
      fellBelow: below,
    });
    if (below.length === 0 || h === 0n) {
      for (const o of below) atMinimum.set(o, rounds.length);
      if (h === 0n) sharing = [];
      break;
    }
    for (const o of below) atMinimum.set(o, rounds.length);
    sharing = sharing.filter((o) => !atMinimum.has(o));
  }

  // Largest remainder over the final pool.
  const finalPool = total - min * BigInt(atMinimum.size);
  const finalHeadcount = sharing.reduce((s, o) => s + (effective.get(o) ?? 0n), 0n);
  const amounts = new Map<string, bigint>();
  const remainders: { o: string; rem: bigint; h: bigint }[] = [];
  let handed = 0n;
  for (const o of sharing) {
    const n = finalPool * (effective.get(o) ?? 0n);
    const floor = n / finalHeadcount;
    amounts.set(o, floor);
    handed += floor;
    remainders.push({ o, rem: n % finalHeadcount, h: effective.get(o) ?? 0n });
  }
  const leftover = sharing.length ? finalPool - handed : 0n;
  remainders.sort((a, b) =>
    a.rem !== b.rem
      ? b.rem > a.rem
        ? 1
        : -1
      : a.h !== b.h
        ? b.h > a.h
          ? 1
          : -1
        : a.o < b.o
          ? -1
          : a.o > b.o
            ? 1
            : 0,
  );
  const roundedUp = new Set(remainders.slice(0, Number(leftover)).map((r) => r.o));
  for (const o of roundedUp) amounts.set(o, (amounts.get(o) ?? 0n) + 1n);

  const lines: ApportionLine[] = census.map((e) => {
    const billed = !e.countedIn;
    const round = atMinimum.get(e.organization) ?? null;
    const sharesFinal = billed && round === null;
    return {
      organization: e.organization,
      ownHeadcount: e.headcount,
      headcount: billed ? Number(effective.get(e.organization) ?? 0n) : e.headcount,
      countedIn: e.countedIn,
      includes: includes.get(e.organization) ?? [],
      billed,
      minimumApplied: round !== null,
      minimumRound: round,
      amountCents: !billed ? 0n : round !== null ? min : (amounts.get(e.organization) ?? 0n),
      exact: sharesFinal
        ? { numerator: finalPool * (effective.get(e.organization) ?? 0n), denominator: finalHeadcount }
        : null,
      roundingCents: roundedUp.has(e.organization) ? 1 : 0,
    };
  });
  return {
    totalCents: total,
    minimumCents: min,
    billableCount: billable.length,
    billableHeadcount,
    rounds,
    finalPoolCents: finalPool,
    leftoverCents: leftover,
    lines,
  };
}

/** The share of the total in percent with four decimals, rounded half up, from cents (exact). */
export function sharePercent(amountCents: bigint, totalCents: bigint): number {
  if (totalCents <= 0n) return 0;
  const scaled = (amountCents * 2_000_000n + totalCents) / (2n * totalCents); // ×10⁶, half up
  return Number(scaled) / 10_000;
}

/** "1234567.89" → 123456789n. Up to two decimals; no float ever touches the amount. */
export function parseAmount(text: string): bigint | null {
  const m = /^\s*(\d{1,14})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  return BigInt(m[1] as string) * 100n + BigInt((m[2] ?? '').padEnd(2, '0'));
}

/** 123456789n → "1234567.89". */
export function formatCents(cents: bigint): string {
  const neg = cents < 0n;
  const a = neg ? -cents : cents;
  return `${neg ? '-' : ''}${a / 100n}.${(a % 100n).toString().padStart(2, '0')}`;
}

/** 123456789n → "1,234,567.89" for people to read. */
export function groupCents(cents: bigint): string {
  const [whole, frac] = formatCents(cents).split('.');
  return `${(whole as string).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
}
