import pg from 'pg';
import { type Database, openDatabase } from '../../src/db/engine';
import { prepareDatabase } from '../../src/server/bootstrap';

export type EngineName = 'pglite' | 'postgres';

/** The engines to measure: PGlite always, PostgreSQL when DATABASE_URL is set. */
export function benchEngines(env = process.env): EngineName[] {
  return env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

/** A fresh, migrated database for a benchmark (a throwaway `smin_bench_*` database on PostgreSQL). */
export async function freshDatabase(engine: EngineName, name: string): Promise<Database> {
  if (engine === 'pglite') {
    const db = await openDatabase({ engine: 'pglite', dataDir: null });
    await prepareDatabase(db);
    return db;
  }
  const admin = new URL(process.env.DATABASE_URL as string);
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS smin_bench_${name} WITH (FORCE)`);
  await client.query(`CREATE DATABASE smin_bench_${name}`);
  await client.end();
  admin.pathname = `/smin_bench_${name}`;
  const db = await openDatabase({ engine: 'postgres', url: admin.toString() });
  await prepareDatabase(db);
  return db;
}

/** A one-line description of the machine for the report. */
export async function machine(): Promise<string> {
  const os = await import('node:os');
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}
