/**
 * The step-by-step explanation of one organization's figure, built from an apportionment without
 * any I/O, so the screen, the exports and the API tell the same story (budgets charged without
 * transparency was a complaint: DOMAIN.md §12).
 */
import { type Apportionment, formatCents, groupCents } from './rules';

export type StepKind = 'headcount' | 'counted-in' | 'round' | 'minimum' | 'pro-rata' | 'rounding' | 'result';

export interface ExplanationStep {
  kind: StepKind;
  /** One sentence a budget officer can check with a calculator. */
  text: string;
  round?: number;
  /** Figures of the step: amounts as decimal strings in currency units, headcounts as numbers. */
  figures?: Record<string, string | number | string[]>;
}

/** Exact fraction of cents as currency units with six decimals (truncated), for the reader. */
function exactText(numerator: bigint, denominator: bigint): string {
  const micro = (numerator * 10_000n) / denominator; // cents × 10⁴ = units × 10⁶
  const whole = micro / 1_000_000n;
  const frac = (micro % 1_000_000n).toString().padStart(6, '0');
  return `${whole.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
}

/** The steps that lead to `organization`'s amount; null when it is not in the census. */
export function explain(result: Apportionment, organization: string): ExplanationStep[] | null {
  const line = result.lines.find((l) => l.organization === organization);
  if (!line) return null;
  const steps: ExplanationStep[] = [];
  const total = groupCents(result.totalCents);
  const min = groupCents(result.minimumCents);
  if (!line.billed) {
    steps.push({
      kind: 'counted-in',
      text: `${line.organization} is counted in ${line.countedIn}: its headcount of ${line.ownHeadcount} is billed as part of ${line.countedIn}'s, so ${line.organization} is not billed.`,
      figures: { ownHeadcount: line.ownHeadcount, countedIn: line.countedIn ?? '' },
    });
    steps.push({ kind: 'result', text: `${line.organization} pays 0.00.`, figures: { amount: '0.00' } });
    return steps;
  }
  steps.push({
    kind: 'headcount',
    text: line.includes.length
      ? `${line.organization}'s field headcount is ${line.ownHeadcount}, plus ${line.headcount - line.ownHeadcount} of ${line.includes.join(', ')} counted in it: ${line.headcount} of ${result.billableHeadcount} across the ${result.billableCount} billable organizations.`
      : `${line.organization}'s field headcount is ${line.headcount} of ${result.billableHeadcount} across the ${result.billableCount} billable organizations.`,
    figures: {
      ownHeadcount: line.ownHeadcount,
      headcount: line.headcount,
      includes: line.includes,
      billableHeadcount: Number(result.billableHeadcount),
    },
  });
  const lastRound = line.minimumRound ?? result.rounds.length;
  for (const r of result.rounds.slice(0, lastRound)) {
    const numerator = r.poolCents * BigInt(line.headcount);
    const shareText = r.headcount === 0n ? '0.000000' : exactText(numerator, r.headcount);
    const others = r.fellBelow.filter((o) => o !== line.organization);
    const fell = r.fellBelow.includes(line.organization);
    steps.push({
      kind: 'round',
      round: r.round,
      text:
        `Round ${r.round}: ${groupCents(r.poolCents)} is shared over a headcount of ${r.headcount} (${r.sharing} organizations); ` +
        `${line.organization}'s share is ${groupCents(r.poolCents)} × ${line.headcount} / ${r.headcount} = ${shareText}` +
        (fell ? `, below the minimum of ${min}.` : `, not below the minimum of ${min}.`) +
        (others.length
          ? ` ${others.length === 1 ? 'Below the minimum in this round' : `${others.length} organizations below the minimum in this round`}: ${others.join(', ')}${r.round < result.rounds.length && !fell ? '; they pay the minimum and the rest is shared again among the others.' : '.'}`
          : ''),
      figures: {
        pool: formatCents(r.poolCents),
        headcount: Number(r.headcount),
        share: shareText.replace(/,/g, ''),
        fellBelow: r.fellBelow,
      },
    });
  }
  if (line.minimumApplied) {
    steps.push({
      kind: 'minimum',
      round: line.minimumRound ?? undefined,
      text: `${line.organization}'s share fell below the minimum contribution in round ${line.minimumRound}, so it pays the minimum of ${min}.`,
      figures: { minimum: formatCents(result.minimumCents) },
    });
  } else if (line.exact) {
    const atMin = result.lines.filter((l) => l.minimumApplied).length;
    steps.push({
      kind: 'pro-rata',
      text:
        atMin === 0
          ? `No organization falls below the minimum, so the whole total of ${total} is shared pro rata by headcount: ${line.organization} gets ${exactText(line.exact.numerator, line.exact.denominator)}.`
          : `${atMin} organization${atMin === 1 ? ' pays' : 's pay'} the minimum (${groupCents(result.minimumCents * BigInt(atMin))} in all); the remaining ${groupCents(result.finalPoolCents)} of the total ${total} is shared pro rata among the other ${result.billableCount - atMin}: ${line.organization} gets ${exactText(line.exact.numerator, line.exact.denominator)}.`,
      figures: {
        atMinimum: atMin,
        pool: formatCents(result.finalPoolCents),
        exact: exactText(line.exact.numerator, line.exact.denominator).replace(/,/g, ''),
      },
    });
    steps.push({
      kind: 'rounding',
      text: line.roundingCents
        ? `Rounded to the cent by largest remainder: after rounding every share down, ${result.leftoverCents} cent${result.leftoverCents === 1n ? ' is' : 's are'} left and go${result.leftoverCents === 1n ? 'es' : ''} one each to the largest remainders; ${line.organization} receives one, so +0.01.`
        : `Rounded to the cent by largest remainder: ${line.organization}'s share is rounded down${result.leftoverCents > 0n ? `; the ${result.leftoverCents} cent${result.leftoverCents === 1n ? '' : 's'} left over went to larger remainders` : ''}.`,
      figures: { roundingCents: line.roundingCents, leftoverCents: Number(result.leftoverCents) },
    });
  }
  steps.push({
    kind: 'result',
    text: `${line.organization} pays ${groupCents(line.amountCents)} of ${total}.`,
    figures: { amount: formatCents(line.amountCents) },
  });
  return steps;
}
