import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/engine';
import { prepareDatabase } from '../../src/server/bootstrap';
import { adminQuery, postgresUrl, SNAPSHOT_DIR, schemaFingerprint, TEMPLATE_DB, testEngine } from './engines';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteSnapshot: string;
  }
}

/**
 * Migrates once per run: a PGlite snapshot file (reused while the schema is unchanged) or a
 * PostgreSQL template database. Each test file then starts from a fresh copy of it.
 */
export default async function setup(project: TestProject) {
  // Project env applies to test workers; global setup runs in the main process, so read it here.
  const engine = project.config.env?.SMIN_TEST_ENGINE ?? testEngine();
  if (engine === 'postgres') {
    await adminQuery(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
    await adminQuery(`CREATE DATABASE ${TEMPLATE_DB}`);
    const database = await openDatabase({ engine: 'postgres', url: postgresUrl(TEMPLATE_DB) });
    await prepareDatabase(database);
    await database.close();
    project.provide('pgliteSnapshot', '');
    return;
  }
  const file = path.join(SNAPSHOT_DIR, `pglite-${schemaFingerprint()}.tgz`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(SNAPSHOT_DIR, { recursive: true });
    const database = await openDatabase({ engine: 'pglite', dataDir: null });
    await prepareDatabase(database);
    const blob = await database.dumpDataDir!();
    fs.writeFileSync(`${file}.tmp`, Buffer.from(await blob.arrayBuffer()));
    fs.renameSync(`${file}.tmp`, file);
    await database.close();
  }
  project.provide('pgliteSnapshot', file);
}
