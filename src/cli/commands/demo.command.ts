import { type Command, InvalidArgumentError, Option } from 'commander';
import type { CliContext } from '../context';

/** Options of `smin demo`. */
export interface DemoOptions {
  scale: 'small' | 'un';
  seed: number;
}

/** `smin demo`: loads the deterministic demo dataset (re-running updates instead of duplicating). */
export function demoCommand(program: Command, context: CliContext): void {
  program
    .command('demo')
    .description('migrate, then load the deterministic demo dataset and demo logins')
    .addOption(new Option('--scale <scale>', 'dataset size').choices(['small', 'un']).default('small'))
    .option('--seed <n>', 'random seed; the same seed gives the same data', parseSeed, 1)
    .addHelpText(
      'after',
      '\nPrints the counts loaded and the demo logins with their shared password (demo data only).',
    )
    .action(async (opts: DemoOptions) => (await import('../actions/demo.action')).demoAction(context, opts));
}

function parseSeed(value: string): number {
  if (!/^\d{1,9}$/.test(value)) throw new InvalidArgumentError('a whole number is expected');
  return Number(value);
}
