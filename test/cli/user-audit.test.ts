import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/engine';
import { login } from '../../src/server/auth/auth.service';
import { loadConfig } from '../../src/server/config';
import { type CliTarget, createCliTarget, hasStackTrace, smin } from './cli-support';

const SLOW = 60_000;
let target: CliTarget;

beforeAll(async () => {
  target = await createCliTarget({ migrated: true });
});
afterAll(() => target?.dispose());

/** Opens the target in this process, runs `work`, and closes it before the next CLI run. */
async function withDb<T>(work: (database: Database) => Promise<T>): Promise<T> {
  const database = await target.open();
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

/**
 * Changes the append-only trail the way an attacker with database access would: with the trigger
 * that refuses updates and deletes switched off for the length of one transaction.
 */
function tamper(database: Database, change: string) {
  return database.db.transaction().execute(async (trx) => {
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(trx);
    await sql.raw(change).execute(trx);
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`.execute(trx);
  });
}

describe('smin user create', () => {
  it(
    'creates a user with grants and a password from stdin; the user can sign in',
    async () => {
      const r = await smin(
        [
          ...target.args,
          'user',
          'create',
          '--username',
          'jdoe',
          '--name',
          'Jane Doe',
          '--email',
          'jdoe@example.org',
          '--role',
          'security_professional',
          '--scope',
          'country:KEN',
          '--grant',
          'auditor@global',
          '--password-stdin',
        ],
        { input: 'correct horse battery staple\n' },
      );
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Created user jdoe (Jane Doe)');
      expect(r.stdout).toContain('granted security_professional over country KEN');
      expect(r.stdout).toContain('granted auditor over everything (global)');
      expect(r.stdout).not.toContain('Password');

      const signedIn = await withDb(({ db }) =>
        login(db, loadConfig({}), {
          username: 'jdoe',
          password: 'correct horse battery staple',
          ip: '127.0.0.1',
          userAgent: null,
        }),
      );
      expect(signedIn.principal.displayName).toBe('Jane Doe');
      expect(signedIn.principal.grants).toEqual(
        expect.arrayContaining([
          { role: 'security_professional', scopeType: 'country', scopeId: 'KEN' },
          { role: 'auditor', scopeType: 'global', scopeId: null },
        ]),
      );
    },
    SLOW,
  );
});

describe('smin audit verify', () => {
  let edited: { id: number; after: unknown };

  it(
    'passes on an intact trail',
    async () => {
      const r = await smin([...target.args, 'audit', 'verify']);
      expect(r.code).toBe(0);
      const entries = Number(r.stdout.match(/audit trail intact: (\d+) entries/)?.[1]);
      // user.create, two grant.create and the sign-in above.
      expect(entries).toBeGreaterThanOrEqual(4);
    },
    SLOW,
  );

  it(
    'names the entry whose content was changed',
    async () => {
      edited = await withDb(async (database) => {
        const entry = await database.db
          .selectFrom('audit_log')
          .select(['id', 'after'])
          .where('action', '=', 'user.create')
          .executeTakeFirstOrThrow();
        await tamper(
          database,
          `UPDATE audit_log SET after = '{"username":"mallory"}' WHERE id = ${entry.id}`,
        );
        return entry;
      });
      const r = await smin([...target.args, 'audit', 'verify']);
      expect(r.code).toBe(1);
      expect(r.stdout.trim().split('\n')).toEqual([`entry ${edited.id}: hash-mismatch`]);
      expect(r.stderr).toContain('audit trail broken: 1 breaks');
      expect(hasStackTrace(r.stderr)).toBe(false);
    },
    SLOW,
  );

  it(
    'names the entry after a deleted one',
    async () => {
      // Restore the edited entry first, so that the deletion is the only break.
      const deleted = await withDb(async (database) => {
        const original = JSON.stringify(edited.after).replaceAll("'", "''");
        await tamper(database, `UPDATE audit_log SET after = '${original}'::jsonb WHERE id = ${edited.id}`);
        const ids = await database.db.selectFrom('audit_log').select('id').orderBy('id').execute();
        await tamper(database, `DELETE FROM audit_log WHERE id = ${ids[1]!.id}`);
        return { next: ids[2]!.id };
      });
      const r = await smin([...target.args, 'audit', 'verify']);
      expect(r.code).toBe(1);
      expect(r.stdout.trim().split('\n')).toEqual([`entry ${deleted.next}: broken-link`]);
    },
    SLOW,
  );
});
