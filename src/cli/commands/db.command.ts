import type { Command } from 'commander';
import { prepareDatabase } from '../../server/bootstrap';
import { type CliContext, configOf, say } from '../context';
import { describeTarget, withDatabase } from '../database';

/** `smin db migrate`: brings the database to the current schema with its reference data. */
export function dbCommand(program: Command, context: CliContext): void {
  const db = program.command('db').description('database administration');
  db.command('migrate')
    .description('apply pending migrations and load reference countries (safe to repeat)')
    .action(async () => {
      const config = configOf(context);
      say(`Opening ${describeTarget(config)}`);
      const result = await withDatabase(config, { create: true }, (database) =>
        prepareDatabase(database, (line) => say(`  ${line}`)),
      );
      if (!result.migrations.length && !result.countriesAdded) say('Database is up to date');
      else say(`Done: ${result.migrations.length} migrations applied, ${result.countriesAdded} countries loaded`);
    });
}
