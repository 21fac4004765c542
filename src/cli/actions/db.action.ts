import { prepareDatabase } from '../../server/bootstrap';
import { type CliContext, say } from '../context';
import { configOf, describeTarget, withDatabase } from '../database';

/** Applies pending migrations and loads reference countries; says "up to date" when none were due. */
export async function migrateAction(context: CliContext): Promise<void> {
  const config = configOf(context);
  say(`Opening ${describeTarget(config)}`);
  const result = await withDatabase(config, { create: true }, (database) =>
    prepareDatabase(database, (line) => say(`  ${line}`)),
  );
  if (!result.migrations.length && !result.countriesAdded) say('Database is up to date');
  else say(`Done: ${result.migrations.length} migrations applied, ${result.countriesAdded} countries loaded`);
}
