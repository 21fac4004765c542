import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../../src/db/engine';
import { adminQuery, postgresUrl, TEMPLATE_DB, testEngine } from './engines';

/**
 * A fresh, migrated database with reference countries, private to the caller: a PGlite loaded from
 * the run's snapshot, or a PostgreSQL database cloned from the run's template. `close()` disposes it.
 */
export async function createTestDatabase(): Promise<Database> {
  if (testEngine() === 'postgres') {
    const name = `smin_t_${process.pid}_${randomBytes(4).toString('hex')}`;
    await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
    const database = await openDatabase({ engine: 'postgres', url: postgresUrl(name) });
    return {
      ...database,
      async close() {
        await database.close();
        await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      },
    };
  }
  const snapshot = fs.readFileSync(inject('pgliteSnapshot'));
  return openDatabase({ engine: 'pglite', dataDir: null }, { loadDataDir: new Blob([snapshot]) });
}
