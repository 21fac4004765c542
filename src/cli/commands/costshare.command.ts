import type { Command } from 'commander';
import type { CliContext } from '../context';

/** `smin costshare …`: apportionment of the jointly financed security budget. */
export function costshareCommand(program: Command, _context: CliContext): void {
  const costshare = program
    .command('costshare')
    .description('cost-sharing of the jointly financed security budget');
  costshare
    .command('apportion')
    .description(
      'apportion a total by field headcount with a minimum contribution (reads a census file, writes nothing)',
    )
    .requiredOption('--headcounts <file>', 'census CSV: organization,headcount[,counted_in]')
    .requiredOption('--total <amount>', 'approved total in currency units, e.g. 227184500 or 227184500.00')
    .requiredOption('--minimum <amount>', 'minimum contribution in currency units, e.g. 75000')
    .option('--format <format>', 'json or csv', 'json')
    .addHelpText(
      'after',
      `
Shares the total by headcount; an organization whose share falls below the minimum pays the minimum
and the rest is shared pro rata among the others, repeated until no share falls below it. An
organization counted in another (counted_in) adds its headcount to that one and is not billed.
Amounts are rounded to the cent by largest remainder and add up exactly to the total.

JSON: [{organization, headcount, minimumApplied, amount, share}] in census order; amount in currency
units with two decimals; share in percent of the total with four decimals. CSV: the same columns.
Bad input: the message names the row and field, exit code 1.`,
    )
    .action(async (opts: Record<string, string | undefined>) =>
      (await import('../actions/costshare.action')).apportionAction(opts),
    );
}
