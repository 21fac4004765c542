/**
 * Pure rules of locally cost-shared security budgets (DOMAIN.md §10). No I/O.
 *
 * Money is integer cents throughout; dates are ISO calendar dates (YYYY-MM-DD, UTC).
 */

export const BUDGET_STATUSES = ['draft', 'circulated', 'approved', 'billed', 'closed'] as const;
export type BudgetStatus = (typeof BUDGET_STATUSES)[number];

export const ACTIONS = ['circulate', 'reopen', 'approve', 'bill', 'close'] as const;
export type BudgetAction = (typeof ACTIONS)[number];

/** Which status each action starts from and leads to. `reopen` sends a circulated budget back. */
export const TRANSITIONS: Record<BudgetAction, { from: BudgetStatus; to: BudgetStatus }> = {
  circulate: { from: 'draft', to: 'circulated' },
  reopen: { from: 'circulated', to: 'draft' },
  approve: { from: 'circulated', to: 'approved' },
  bill: { from: 'approved', to: 'billed' },
  close: { from: 'billed', to: 'closed' },
};

/** The status after `action`, or null when the action does not apply to `status`. */
export function nextStatus(status: BudgetStatus, action: BudgetAction): BudgetStatus | null {
  const t = TRANSITIONS[action];
  return t.from === status ? t.to : null;
}

/** True once the SMT approved: lines and shares are fixed. */
export function isApprovedOrLater(status: BudgetStatus): boolean {
  return status === 'approved' || status === 'billed' || status === 'closed';
}

/* ------------------------------------------------------------------------------------------------
 * Shares: the total split by headcount in exact cents (largest remainder).
 * --------------------------------------------------------------------------------------------- */

export interface Weighted {
  key: string;
  weight: number;
}

/**
 * Splits `totalCents` in proportion to the weights, in whole cents that add up exactly to the
 * total (Hamilton's largest-remainder method): everyone gets the floor of their exact share, and the
 * cents left over go one each to the largest fractional remainders, ties to the smaller key. Each
 * amount is within one cent of the exact proportional share. Exact in integer arithmetic (BigInt),
 * so no rounding error for any total a budget can hold.
 */
export function splitByWeight(totalCents: number, parts: readonly Weighted[]): Map<string, number> {
  if (!Number.isSafeInteger(totalCents) || totalCents < 0)
    throw new RangeError('total must be whole cents ≥ 0');
  const live = parts.filter((p) => p.weight > 0);
  for (const p of live)
    if (!Number.isSafeInteger(p.weight)) throw new RangeError(`weight of ${p.key} is not a whole number`);
  const out = new Map<string, number>(parts.map((p) => [p.key, 0]));
  const sum = live.reduce((s, p) => s + BigInt(p.weight), 0n);
  if (sum === 0n) {
    if (totalCents > 0) throw new RangeError('no weight to share the total by');
    return out;
  }
  const total = BigInt(totalCents);
  const rows = live.map((p) => {
    const exact = total * BigInt(p.weight);
    return { key: p.key, floor: exact / sum, rem: exact % sum };
  });
  let left = total - rows.reduce((s, r) => s + r.floor, 0n);
  rows.sort((a, b) => (a.rem === b.rem ? (a.key < b.key ? -1 : 1) : a.rem > b.rem ? -1 : 1));
  for (const r of rows) {
    const extra = left > 0n ? 1n : 0n;
    left -= extra;
    out.set(r.key, Number(r.floor + extra));
  }
  return out;
}

export interface HeadcountRow {
  organizationId: string;
  organizationCode: string;
  /** The organization this one is counted in (DOMAIN.md §10), if any. */
  countedInId: string | null;
  headcount: number;
}

export interface ShareRow {
  organizationId: string;
  organizationCode: string;
  headcount: number;
  amountCents: number;
}

/**
 * Each organization's share of `totalCents` by in-country headcount. An organization counted
 * inside another is not billed: its headcount is added to the one it is counted in (when that one is
 * among the rows). Organizations with no headcount have no share. Sorted by organization code.
 */
export function computeShares(totalCents: number, rows: readonly HeadcountRow[]): ShareRow[] {
  const byId = new Map(rows.map((r) => [r.organizationId, r]));
  const folded = new Map<string, { row: HeadcountRow; headcount: number }>();
  for (const r of rows) {
    const parent = r.countedInId ? byId.get(r.countedInId) : undefined;
    const payer = parent ?? r;
    const entry = folded.get(payer.organizationId) ?? { row: payer, headcount: 0 };
    entry.headcount += r.headcount;
    folded.set(payer.organizationId, entry);
  }
  const payers = [...folded.values()].filter((e) => e.headcount > 0);
  const amounts = splitByWeight(
    totalCents,
    payers.map((e) => ({ key: e.row.organizationCode, weight: e.headcount })),
  );
  return payers
    .map((e) => ({
      organizationId: e.row.organizationId,
      organizationCode: e.row.organizationCode,
      headcount: e.headcount,
      amountCents: amounts.get(e.row.organizationCode) ?? 0,
    }))
    .sort((a, b) => (a.organizationCode < b.organizationCode ? -1 : 1));
}

/* ------------------------------------------------------------------------------------------------
 * The calendar (IASMN, 15th session, reiterated at the 16th, 2012, para. 72).
 * --------------------------------------------------------------------------------------------- */

export const MILESTONES = ['circulate', 'bill', 'pay'] as const;
export type Milestone = (typeof MILESTONES)[number];

/** How many days before a milestone its reminder goes out. */
export const REMINDER_DAYS = 14;

/**
 * The calendar of budget year Y: circulated in country by 1 October of Y-1, billed on 15 November
 * of Y-1, paid by 1 March of Y. The records give the day and month only; the budget is prepared
 * before the year it funds, so the first two fall in the preceding year and payment early in the
 * budget year itself.
 */
export function calendarOf(year: number): Record<Milestone, string> {
  return {
    circulate: `${year - 1}-10-01`,
    bill: `${year - 1}-11-15`,
    pay: `${year}-03-01`,
  };
}

/** Whole days from `from` to `to` (ISO dates; negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The date `days` after an ISO date. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export type MilestoneState = 'done' | 'upcoming' | 'due-soon' | 'missed';

/**
 * Where a milestone stands on `today`: done; missed once its date has passed (a budget circulated
 * on 1 October is on time, on 2 October it is late); due soon within REMINDER_DAYS; else upcoming.
 */
export function milestoneState(due: string, done: boolean, today: string): MilestoneState {
  if (done) return 'done';
  const left = daysBetween(today, due);
  if (left < 0) return 'missed';
  return left <= REMINDER_DAYS ? 'due-soon' : 'upcoming';
}

/** Whether a milestone is done for a budget in `status` (payment is judged per organization). */
export function milestoneDone(milestone: Exclude<Milestone, 'pay'>, status: BudgetStatus): boolean {
  const order = BUDGET_STATUSES.indexOf(status);
  return milestone === 'circulate'
    ? order >= BUDGET_STATUSES.indexOf('circulated')
    : order >= BUDGET_STATUSES.indexOf('billed');
}

/* ------------------------------------------------------------------------------------------------
 * Double charging: costs already funded jointly must not be charged again locally.
 * --------------------------------------------------------------------------------------------- */

export interface JointlyFundedCost {
  id: string;
  /** Null: the cost is funded jointly in every country. */
  countryCode: string | null;
  categoryCode: string;
  description: string;
  matchTerms: string[];
  wholeCategory: boolean;
}

export interface LineToCheck {
  categoryCode: string;
  description: string;
  /** A register entry the line was explicitly linked to. */
  jointlyFundedCostId?: string | null;
}

export interface DoubleCharge {
  line: number;
  costId: string;
  costDescription: string;
  reason: 'linked' | 'whole-category' | 'term';
  term?: string;
}

/** Lower case, accents off, runs of anything but letters and digits as one space. */
export function normalizeText(s: string): string {
  return ` ${s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `;
}

/**
 * The local lines of a budget in `countryCode` that charge a cost already funded jointly: linked to
 * a register entry, in a category the register covers entirely there, or in the entry's category
 * with one of its terms in the description (whole words, case and accents ignored).
 */
export function findDoubleCharges(
  countryCode: string,
  lines: readonly LineToCheck[],
  register: readonly JointlyFundedCost[],
): DoubleCharge[] {
  const here = register.filter((c) => c.countryCode === null || c.countryCode === countryCode);
  const byId = new Map(here.map((c) => [c.id, c]));
  const out: DoubleCharge[] = [];
  lines.forEach((line, i) => {
    const linked = line.jointlyFundedCostId ? byId.get(line.jointlyFundedCostId) : undefined;
    if (linked) {
      out.push({ line: i, costId: linked.id, costDescription: linked.description, reason: 'linked' });
      return;
    }
    const text = normalizeText(line.description);
    for (const c of here) {
      if (c.categoryCode !== line.categoryCode) continue;
      if (c.wholeCategory) {
        out.push({ line: i, costId: c.id, costDescription: c.description, reason: 'whole-category' });
        return;
      }
      const term = c.matchTerms.find(
        (t) => normalizeText(t).trim() !== '' && text.includes(normalizeText(t)),
      );
      if (term !== undefined) {
        out.push({ line: i, costId: c.id, costDescription: c.description, reason: 'term', term });
        return;
      }
    }
  });
  return out;
}

/** One sentence for a finding, naming the line (1-based for people) and the joint cost. */
export function describeDoubleCharge(d: DoubleCharge): string {
  const why =
    d.reason === 'linked'
      ? 'is linked to'
      : d.reason === 'whole-category'
        ? 'is in a category funded jointly here:'
        : `mentions “${d.term}”, funded jointly:`;
  return `line ${d.line + 1} ${why} ${d.costDescription}`;
}

/* ------------------------------------------------------------------------------------------------
 * Payments
 * --------------------------------------------------------------------------------------------- */

/** What remains to pay (never negative: an overpayment leaves nothing outstanding). */
export function outstanding(shareCents: number, paidCents: number): number {
  return Math.max(0, shareCents - paidCents);
}

/** Cents as a decimal amount with two places ("1234.50"), for exports. */
export function centsToDecimal(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
