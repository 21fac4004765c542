/**
 * Apportionments as the API, the CLI and the exports show them: amounts as decimal strings in
 * currency units (exact) next to integer cents, shares in percent of the total with four decimals.
 */
import { type Apportionment, formatCents, sharePercent } from './rules';

export interface ApportionLineOut {
  organization: string;
  /** What the organization is billed on: its own headcount plus those counted in it. */
  headcount: number;
  ownHeadcount: number;
  countedIn: string | null;
  includes: string[];
  billed: boolean;
  minimumApplied: boolean;
  minimumRound: number | null;
  /** Currency units with two decimals, e.g. "75000.00". */
  amount: string;
  amountCents: number;
  /** Percent of the total, four decimals (e.g. 12.3457 means 12.3457 %). */
  share: number;
  roundingCents: number;
}

export interface ApportionSummaryOut {
  total: string;
  totalCents: number;
  minimum: string;
  minimumCents: number;
  billableCount: number;
  billableHeadcount: number;
  atMinimumCount: number;
  rounds: { round: number; pool: string; headcount: number; sharing: number; fellBelow: string[] }[];
  leftoverCents: number;
}

export function presentLines(r: Apportionment): ApportionLineOut[] {
  return r.lines.map((l) => ({
    organization: l.organization,
    headcount: l.headcount,
    ownHeadcount: l.ownHeadcount,
    countedIn: l.countedIn,
    includes: l.includes,
    billed: l.billed,
    minimumApplied: l.minimumApplied,
    minimumRound: l.minimumRound,
    amount: formatCents(l.amountCents),
    amountCents: Number(l.amountCents),
    share: sharePercent(l.amountCents, r.totalCents),
    roundingCents: l.roundingCents,
  }));
}

export function presentSummary(r: Apportionment): ApportionSummaryOut {
  return {
    total: formatCents(r.totalCents),
    totalCents: Number(r.totalCents),
    minimum: formatCents(r.minimumCents),
    minimumCents: Number(r.minimumCents),
    billableCount: r.billableCount,
    billableHeadcount: Number(r.billableHeadcount),
    atMinimumCount: r.lines.filter((l) => l.minimumApplied).length,
    rounds: r.rounds.map((x) => ({
      round: x.round,
      pool: formatCents(x.poolCents),
      headcount: Number(x.headcount),
      sharing: x.sharing,
      fellBelow: x.fellBelow,
    })),
    leftoverCents: Number(r.leftoverCents),
  };
}
