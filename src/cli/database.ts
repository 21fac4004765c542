import fs from 'node:fs';
import path from 'node:path';
import { type Database, openDatabase } from '../db/engine';
import { type AppConfig, loadConfig } from '../server/config';
import { CliError } from './errors';

/** The root program's options, shared by every command. */
export interface GlobalOptions {
  dataDir?: string;
  databaseUrl?: string;
}

/**
 * Builds the configuration: CLI options first, then the environment (ARCHITECTURE.md convention
 * 4). The CLI entry point is the one caller that hands `process.env` in.
 */
export function cliConfig(env: Record<string, string | undefined>, opts: GlobalOptions): AppConfig {
  return loadConfig(env, { SMIN_DATA_DIR: opts.dataDir, DATABASE_URL: opts.databaseUrl });
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
  if (target.engine === 'pglite' && target.dataDir && !openFor.create) {
    if (!fs.existsSync(path.join(target.dataDir, 'PG_VERSION'))) {
      throw new CliError(
        `no database in ${target.dataDir}; create it with \`smin db migrate --data-dir ${target.dataDir}\``,
      );
    }
  }
  if (target.engine === 'pglite' && target.dataDir && fs.existsSync(target.dataDir)) {
    if (!fs.statSync(target.dataDir).isDirectory()) throw new CliError(`${target.dataDir} is not a directory`);
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
