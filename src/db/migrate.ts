import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Database } from './engine';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
/** Arbitrary constant key for the advisory lock that serialises migrators across app servers. */
const MIGRATION_LOCK_KEY = 727_001;

export interface Migration {
  name: string;
  checksum: string;
  sql: string;
}

/** The migration files in order. Migrations are raw SQL, frozen once released. */
export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((file) => {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      return { name: file, checksum: createHash('sha256').update(text).digest('hex'), sql: text };
    });
}

/**
 * Applies pending migrations, each in its own transaction together with its bookkeeping row.
 * Several app servers may start at once: an advisory lock lets one migrate while the others wait.
 * A released migration whose file changed is refused rather than silently diverging.
 */
export async function migrate(database: Database, onApplied?: (name: string) => void): Promise<string[]> {
  const { db } = database;
  await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
    name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`.execute(
    db,
  );
  const applied: string[] = [];
  await db.connection().execute(async (conn) => {
    await sql`SELECT pg_advisory_lock(${MIGRATION_LOCK_KEY})`.execute(conn);
    try {
      const done = new Map(
        (await conn.selectFrom('schema_migrations').select(['name', 'checksum']).execute()).map((r) => [
          r.name,
          r.checksum,
        ]),
      );
      for (const m of listMigrations()) {
        const known = done.get(m.name);
        if (known && known !== m.checksum) {
          throw new Error(
            `Migration ${m.name} was changed after it was applied; add a new migration instead`,
          );
        }
        if (known) continue;
        const script = `${m.sql}\n;INSERT INTO schema_migrations (name, checksum) VALUES ('${m.name}', '${m.checksum}');`;
        await database.runScript(script);
        applied.push(m.name);
        onApplied?.(m.name);
      }
    } finally {
      await sql`SELECT pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.execute(conn);
    }
  });
  return applied;
}
