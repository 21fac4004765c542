import type { Command } from 'commander';
import type { CliContext } from '../context';

/** Options of `smin restore`. */
export interface RestoreCommandOptions {
  force?: boolean;
}

/** `smin backup FILE` and `smin restore FILE`: a portable logical backup of every table. */
export function backupCommand(program: Command, context: CliContext): void {
  program
    .command('backup')
    .description('write a portable backup of the whole database (gzipped JSON lines) to FILE')
    .argument('<file>', 'the backup file to write (replaced if it exists)')
    .addHelpText(
      'after',
      `
Reads one consistent snapshot and streams every table, rows in primary-key order, with the list of
applied migrations; the file restores on either engine (PGlite or PostgreSQL). The file appears
only once it is complete.`,
    )
    .action(async (file: string) => (await import('../actions/backup.action')).backupAction(context, file));
  program
    .command('restore')
    .description('restore a backup written by `smin backup` into an empty, migrated database')
    .argument('<file>', 'the backup file to read')
    .option('--force', 'replace the data of a database that already holds some (never its audit trail)')
    .addHelpText(
      'after',
      `
The database must be migrated by the same OpenSMIN version that wrote the backup (same migrations)
and be empty: no audit entry and no user (--force replaces other data; an audit trail is append-only
and is never replaced). Everything is restored in one transaction: on any error nothing is written.
Sequences are set past the restored ids; \`smin audit verify\` passes on the restored trail.`,
    )
    .action(async (file: string, opts: RestoreCommandOptions) =>
      (await import('../actions/backup.action')).restoreAction(context, file, opts),
    );
}
