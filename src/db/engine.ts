import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { cube } from '@electric-sql/pglite/contrib/cube';
import { earthdistance } from '@electric-sql/pglite/contrib/earthdistance';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../server/config';
import { lockDataDir } from './data-dir-lock';
import { PGliteDialect } from './pglite-dialect';
import type { DB } from './tables';

/** A connected database, whichever engine backs it. */
export interface Database {
  db: Kysely<DB>;
  engine: 'pglite' | 'postgres';
  /** Runs a multi-statement SQL script in one transaction (migrations only). */
  runScript(script: string): Promise<void>;
  /** PGlite only: the whole data directory as a gzipped tarball (test snapshots, backups). */
  dumpDataDir?: () => Promise<Blob>;
  /** Server version string, for /api/health. */
  version(): Promise<string>;
  close(): Promise<void>;
}

const OID = { int8: 20, numeric: 1700, date: 1082 } as const;

/** Type parsing shared by both engines so that rows look identical whichever engine returns them. */
const parseInt8 = (v: string) => Number(v);
const parseNumeric = (v: string) => Number(v);
const parseDate = (v: string) => v;

export interface OpenOptions {
  /** A gzipped PGlite data directory to start from (tests start from a migrated snapshot). */
  loadDataDir?: Blob;
}

/** Opens the configured engine. PGlite with `dataDir: null` is in memory. */
export async function openDatabase(config: DatabaseConfig, options: OpenOptions = {}): Promise<Database> {
  return config.engine === 'postgres' ? openPostgres(config.url) : openPGlite(config.dataDir, options);
}

async function openPGlite(dataDir: string | null, options: OpenOptions): Promise<Database> {
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  const unlock = dataDir ? lockDataDir(dataDir) : () => {};
  const pglite = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    extensions: { cube, earthdistance, pg_trgm },
    parsers: { [OID.numeric]: parseNumeric, [OID.date]: parseDate, [OID.int8]: parseInt8 },
  }).catch((error: unknown) => {
    unlock();
    throw error;
  });
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    engine: 'pglite',
    async runScript(script) {
      await pglite.transaction(async (tx) => {
        await tx.exec(script);
      });
    },
    dumpDataDir: () => pglite.dumpDataDir('gzip') as Promise<Blob>,
    async version() {
      const r = await pglite.query<{ v: string }>('select version() as v');
      return `PGlite ${r.rows[0]?.v ?? ''}`.trim();
    },
    async close() {
      await db.destroy();
      await pglite.close();
      unlock();
    },
  };
}

async function openPostgres(url: string): Promise<Database> {
  const types = {
    getTypeParser(oid: number, format?: 'text' | 'binary') {
      if (oid === OID.int8) return parseInt8;
      if (oid === OID.numeric) return parseNumeric;
      if (oid === OID.date) return parseDate;
      return pg.types.getTypeParser(oid, format);
    },
  } as pg.CustomTypesConfig;
  // JIT compilation costs 150–250 ms per statistics query over a million incidents and saves less
  // than that on queries this short; the app's queries are all interactive.
  const pool = new pg.Pool({ connectionString: url, max: 10, types, options: '-c jit=off' });
  // An idle client that errors (server restart) must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    engine: 'postgres',
    async runScript(script) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(script);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async version() {
      const r = await pool.query<{ v: string }>('select version() as v');
      return r.rows[0]?.v ?? 'PostgreSQL';
    },
    async close() {
      await db.destroy();
    },
  };
}
