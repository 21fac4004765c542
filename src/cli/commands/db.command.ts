import type { Command } from 'commander';
import type { CliContext } from '../context';

/** `smin db migrate`: brings the database to the current schema with its reference data. */
export function dbCommand(program: Command, context: CliContext): void {
  const db = program.command('db').description('database administration');
  db.command('migrate')
    .description('apply pending migrations and load reference countries (safe to repeat)')
    .addHelpText('after', '\nPrints each migration applied, or "Database is up to date".')
    .action(async () => (await import('../actions/db.action')).migrateAction(context));
}
