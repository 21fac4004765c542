import fs from 'node:fs';
import path from 'node:path';
import { type Database, openDatabase } from '../db/engine';
import { type AppConfig, loadConfig } from '../server/config';
import type { CliContext } from './context';
import { CliError } from './errors';

/**
 * Builds the configuration: CLI options first, then the environment (ARCHITECTURE.md convention
 * 4). The CLI entry point is the one place that hands `process.env` in.
 */
export function configOf(context: CliContext): AppConfig {
  const opts = context.globals();
  return loadConfig(context.env, { SMIN_DATA_DIR: opts.dataDir, DATABASE_URL: opts.databaseUrl });
}

/** Where the data lives, for messages: never the password of a connection string. */
export function describeTarget(config: AppConfig): string {
  if (config.database.engine === 'pglite') return `PGlite in ${config.database.dataDir}`;
  try {
    const url = new URL(config.database.url);
    return `PostgreSQL at ${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname}`;
  } catch {
    return 'PostgreSQL';
  }
}

export interface OpenFor {
  /**
   * May the command create a new PGlite data directory? Only commands that set a database up
   * (migrate, demo) may; the others refuse a directory that holds no database, so that a mistyped
   * --data-dir is reported instead of silently creating an empty database.
   */
  create: boolean;
}

/** Opens the configured database, runs `work` and always closes it afterwards. */
export async function withDatabase<T>(
  config: AppConfig,
  openFor: OpenFor,
  work: (database: Database) => Promise<T>,
): Promise<T> {
  const target = config.database;
  if (target.engine === 'pglite' && target.dataDir) {
    const dir = target.dataDir;
    if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory())
      throw new CliError(`${dir} is not a directory`);
    if (!openFor.create && !fs.existsSync(path.join(dir, 'PG_VERSION'))) {
      throw new CliError(`no database in ${dir}; create it with \`smin db migrate --data-dir ${dir}\``);
    }
  }
  const database = await openDatabase(target);
  let result: T;
  try {
    result = await work(database);
  } catch (error) {
    // The work's error is the one to report; a failure to close after it would only hide it.
    await database.close().catch(() => {});
    throw error;
  }
  await database.close();
  return result;
}
