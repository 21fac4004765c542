import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../../src/db/engine';
import { adminQuery, postgresUrl, TEMPLATE_DB, testEngine } from '../support/engines';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin/smin');

/** What one run of the `smin` executable did. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real executable as a child process. The engine variables are removed from its
 * environment so that only the options under test choose the database (a DATABASE_URL left in the
 * environment would otherwise win over --data-dir).
 */
export function smin(args: string[], options: { input?: string } = {}): Promise<CliRun> {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.SMIN_DATA_DIR;
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: ROOT, env, timeout: 55_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    // Always close stdin, so that a command reading it never waits for a terminal.
    child.stdin?.end(options.input ?? '');
  });
}

/** A database for CLI tests on the engine under test, reachable by the child and by the test. */
export interface CliTarget {
  /** The global options that select it: --data-dir or --database-url. */
  args: string[];
  /** Opens it in the test process; close it before the next CLI run (PGlite is single-process). */
  open(): Promise<Database>;
  dispose(): Promise<void>;
}

/**
 * An empty database (`migrated: false`, for `db migrate`) or one with the current schema and
 * reference data, copied from the run's snapshot or template.
 */
export async function createCliTarget(options: { migrated: boolean }): Promise<CliTarget> {
  if (testEngine() === 'postgres') {
    const name = `smin_cli_${process.pid}_${randomBytes(4).toString('hex')}`;
    await adminQuery(`CREATE DATABASE ${name}${options.migrated ? ` TEMPLATE ${TEMPLATE_DB}` : ''}`);
    const url = postgresUrl(name);
    return {
      args: ['--database-url', url],
      open: () => openDatabase({ engine: 'postgres', url }),
      dispose: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
    };
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'smin-cli-'));
  const dataDir = path.join(tmp, 'data');
  if (options.migrated) {
    // Loading the snapshot into a directory on disk leaves a migrated data directory there.
    const snapshot = new Blob([fs.readFileSync(inject('pgliteSnapshot'))]);
    const database = await openDatabase({ engine: 'pglite', dataDir }, { loadDataDir: snapshot });
    await database.close();
  }
  return {
    args: ['--data-dir', dataDir],
    open: () => openDatabase({ engine: 'pglite', dataDir }),
    dispose: async () => fs.rmSync(tmp, { recursive: true, force: true }),
  };
}

/** True when the output holds a JavaScript stack trace (expected errors must not print one). */
export function hasStackTrace(text: string): boolean {
  return /\n\s+at .+[(:]\d+/.test(text);
}
