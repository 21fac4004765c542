import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support/db';
import type { Database } from './engine';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

describe('affected-row counts on both engines', () => {
  it('counts the rows an update changed, also behind a data-modifying WITH, and none for a select', async () => {
    const db = database.db;
    await sql`CREATE TEMP TABLE probe_a (i int PRIMARY KEY, v int)`.execute(db);
    await sql`CREATE TEMP TABLE probe_b (i int PRIMARY KEY)`.execute(db);
    await sql`INSERT INTO probe_a VALUES (1, 0), (2, 0)`.execute(db);
    const plain = await sql`UPDATE probe_a SET v = 1`.execute(db);
    expect(plain.numAffectedRows).toBe(2n);
    const withCte =
      await sql`WITH s AS (INSERT INTO probe_b VALUES (7)) UPDATE probe_a SET v = 2 WHERE i = 1`.execute(db);
    expect(withCte.numAffectedRows).toBe(1n);
    const none =
      await sql`WITH s AS (INSERT INTO probe_b VALUES (8)) UPDATE probe_a SET v = 3 WHERE i = 9`.execute(db);
    expect(none.numAffectedRows ?? 0n).toBe(0n);
    const select = await sql`SELECT * FROM probe_a`.execute(db);
    expect(select.numAffectedRows).toBeUndefined();
  });
});
