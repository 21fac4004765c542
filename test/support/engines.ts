import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { listMigrations } from '../../src/db/migrate';

/** Which engine this test process runs its database tests on. */
export function testEngine(): 'pglite' | 'postgres' {
  return process.env.SMIN_TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite';
}

export const TEMPLATE_DB = 'smin_test_template';
export const SNAPSHOT_DIR = path.resolve('.test-data');

/** Identifies the schema: a snapshot is reused only while migrations and reference data are unchanged. */
export function schemaFingerprint(): string {
  const h = createHash('sha256');
  for (const m of listMigrations()) h.update(m.checksum);
  // Everything start-up loads into a fresh database, so a change to any of it rebuilds the snapshot.
  for (const file of [
    'src/server/bootstrap.ts',
    'src/modules/demo/geo.ts',
    'src/modules/demo/geo-repair.ts',
    'src/modules/srm/measure-library.ts',
  ]) {
    h.update(fs.readFileSync(path.resolve(file)));
  }
  return h.digest('hex').slice(0, 16);
}

export function postgresUrl(database?: string): string {
  const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
  if (database) url.pathname = `/${database}`;
  return url.toString();
}

/** Runs one statement on the server's maintenance connection (CREATE/DROP DATABASE). */
export async function adminQuery(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl() });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
