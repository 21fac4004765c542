import fs from 'node:fs';
import {
  BackupError,
  backupDatabase,
  restoreDatabase,
  verifyBackupFile,
} from '../../modules/backup/backup.service';
import type { RestoreCommandOptions } from '../commands/backup.command';
import { type CliContext, say } from '../context';
import { configOf, describeTarget, withDatabase } from '../database';
import { CliError } from '../errors';
import { startProgress } from '../progress';

/** Expected failures become one-line messages (exit 1), never a stack trace. */
function asCliError(error: unknown): unknown {
  return error instanceof BackupError ? new CliError(error.message) : error;
}

/** Writes the backup; the file appears only when complete. */
export async function backupAction(context: CliContext, file: string): Promise<void> {
  const config = configOf(context);
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) throw new CliError(`${file} is a directory`);
  const report = await withDatabase(config, { create: false }, async (database) => {
    const progress = startProgress('backing up', { unit: 'rows' });
    try {
      return await backupDatabase(database, file, (rows) => progress.update(rows));
    } catch (error) {
      throw asCliError(error);
    } finally {
      progress.stop();
    }
  });
  say(`Backed up ${describeTarget(config)} to ${file}: ${report.tables} tables, ${report.rows} rows`);
}

/** Restores into an empty, migrated database of the same schema version, in one transaction. */
export async function restoreAction(
  context: CliContext,
  file: string,
  opts: RestoreCommandOptions,
): Promise<void> {
  const config = configOf(context);
  // The file is checked before the database is opened: a wrong path changes nothing anywhere.
  try {
    await verifyBackupFile(file);
  } catch (error) {
    throw asCliError(error);
  }
  const report = await withDatabase(config, { create: false }, async (database) => {
    const progress = startProgress('restoring', { unit: 'rows' });
    try {
      return await restoreDatabase(database, file, {
        force: opts.force === true,
        onProgress: (rows) => progress.update(rows),
      });
    } catch (error) {
      throw asCliError(error);
    } finally {
      progress.stop();
    }
  });
  say(`Restored ${file} into ${describeTarget(config)}: ${report.tables} tables, ${report.rows} rows`);
}
