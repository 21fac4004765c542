import { type Command, InvalidArgumentError, Option } from 'commander';
import { DEMO_PASSWORD } from '../../modules/demo/generator';
import { seedDemo } from '../../modules/demo/seed.service';
import { prepareDatabase } from '../../server/bootstrap';
import { type CliContext, configOf, say } from '../context';
import { describeTarget, withDatabase } from '../database';
import { startPhasedProgress } from '../progress';

/** `smin demo`: loads the deterministic demo dataset (re-running updates instead of duplicating). */
export function demoCommand(program: Command, context: CliContext): void {
  program
    .command('demo')
    .description('migrate, then load the deterministic demo dataset and demo logins')
    .addOption(new Option('--scale <scale>', 'dataset size').choices(['small', 'un']).default('small'))
    .option('--seed <n>', 'random seed; the same seed gives the same data', parseSeed, 1)
    .addHelpText('after', `\nEvery demo login uses the password "${DEMO_PASSWORD}". Demo data only.`)
    .action(async (opts: { scale: 'small' | 'un'; seed: number }) => {
      const config = configOf(context);
      say(`Opening ${describeTarget(config)}`);
      const summary = await withDatabase(config, { create: true }, async (database) => {
        await prepareDatabase(database, (line) => say(`  ${line}`));
        say(`Seeding the ${opts.scale} demo dataset (seed ${opts.seed})…`);
        const progress = startPhasedProgress({ indent: '  ', unit: 'rows' });
        try {
          return await seedDemo(
            database.db,
            { seed: opts.seed, scale: opts.scale },
            (line) => {
              // Finish the bar before the line, so the two never share a terminal row.
              progress.stop();
              say(`  ${line}`);
            },
            (kind, done, total) => progress.update(kind, done, total),
          );
        } finally {
          progress.stop();
        }
      });
      say(
        `Demo data: ${summary.organizations} organizations, ${summary.areas} areas, ${summary.stations} duty stations, ${summary.premises} premises`,
      );
      if (summary.users.length) {
        say(`Demo logins (password "${DEMO_PASSWORD}"):`);
        for (const line of summary.users) say(`  ${line}`);
      } else {
        say(`Demo logins already existed; their password is "${DEMO_PASSWORD}" unless someone changed it`);
      }
    });
}

function parseSeed(value: string): number {
  if (!/^\d{1,9}$/.test(value)) throw new InvalidArgumentError('a whole number is expected');
  return Number(value);
}
