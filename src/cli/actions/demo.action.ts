import { DEMO_PASSWORD } from '../../modules/demo/generator';
import { seedDemo } from '../../modules/demo/seed.service';
import { prepareDatabase } from '../../server/bootstrap';
import type { DemoOptions } from '../commands/demo.command';
import { type CliContext, say } from '../context';
import { configOf, describeTarget, withDatabase } from '../database';
import { startPhasedProgress } from '../progress';

/** Migrates, seeds the demo dataset and prints the counts and the demo logins. */
export async function demoAction(context: CliContext, opts: DemoOptions): Promise<void> {
  const config = configOf(context);
  say(`Opening ${describeTarget(config)}`);
  const summary = await withDatabase(config, { create: true }, async (database) => {
    await prepareDatabase(database, (line) => say(`  ${line}`));
    say(`Seeding the ${opts.scale} demo dataset (seed ${opts.seed})…`);
    const progress = startPhasedProgress({ indent: '  ', unit: 'rows' });
    try {
      return await seedDemo(
        database.db,
        { seed: opts.seed, scale: opts.scale, publicUrl: config.publicUrl },
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
    `Demo data: ${summary.organizations} organizations, ${summary.areas} areas, ` +
      `${summary.stations} duty stations, ${summary.premises} premises`,
  );
  if (summary.users.length) {
    say(`Demo logins (password "${DEMO_PASSWORD}"):`);
    for (const line of summary.users) say(`  ${line}`);
  } else {
    say(`The demo logins already existed; their password is "${DEMO_PASSWORD}" unless it was changed`);
  }
}
