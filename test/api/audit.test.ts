import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditTrail } from '../../src/server/audit/audit.service';
import { admin, createTestApp, type TestApp, type TestUser } from '../support/app';

let t: TestApp;
let root: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  root = await t.user('root', admin);
  for (const code of ['KEN-01', 'KEN-02', 'KEN-03']) {
    await root.request({
      method: 'POST',
      url: '/api/areas',
      payload: { code, name: code, countryCode: 'KEN' },
    });
  }
});
afterAll(() => t.close());

describe('audit trail', () => {
  it('is append-only in the database itself', async () => {
    await expect(
      sql`UPDATE audit_log SET actor_label = 'someone else'`.execute(t.database.db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log`.execute(t.database.db)).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE audit_log`.execute(t.database.db)).rejects.toThrow(/append-only/);
  });

  it('a failed write leaves no data, only the audit of its failure', async () => {
    const res = await root.request({
      method: 'POST',
      url: '/api/areas',
      payload: { code: 'KEN-01', name: 'Duplicate', countryCode: 'KEN' },
    });
    expect(res.statusCode).toBe(409);
    const areas = await t.database.db
      .selectFrom('areas')
      .select('name')
      .where('code', '=', 'KEN-01')
      .execute();
    expect(areas).toEqual([{ name: 'KEN-01' }]);
    const [last] = (await root.request({ url: '/api/audit?limit=1' })).json();
    expect(last).toMatchObject({
      outcome: 'failed',
      action: 'POST /api/areas',
      detail: { status: 409, code: 'duplicate' },
    });
  });

  it('verifies intact, then detects an edited entry and a deleted one by id', async () => {
    expect(await verifyAuditTrail(t.database.db)).toMatchObject({ ok: true, breaks: [] });
    const entries = await t.database.db.selectFrom('audit_log').select('id').orderBy('id').execute();
    const edited = entries[2]!.id;
    const deleted = entries[4]!.id;
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(t.database.db);
    await sql`UPDATE audit_log SET after = '{"name":"forged"}' WHERE id = ${edited}`.execute(t.database.db);
    await sql`DELETE FROM audit_log WHERE id = ${deleted}`.execute(t.database.db);
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`.execute(t.database.db);
    const report = await verifyAuditTrail(t.database.db);
    expect(report.ok).toBe(false);
    expect(report.breaks).toEqual([
      { id: edited, reason: 'hash-mismatch' },
      { id: entries[5]!.id, reason: 'broken-link' },
    ]);
  });

  it('concurrent writers keep one unbroken chain', async () => {
    const { id: lastBefore } = await t.database.db
      .selectFrom('audit_log')
      .select('id')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    const writes = Array.from({ length: 12 }, (_, i) =>
      root.request({
        method: 'POST',
        url: '/api/areas',
        payload: { code: `KEN-C${i}`, name: `c${i}`, countryCode: 'KEN' },
      }),
    );
    expect((await Promise.all(writes)).every((r) => r.statusCode === 201)).toBe(true);
    const chainAfter = await t.database.db
      .selectFrom('audit_log')
      .select(['prev_hash', 'hash'])
      .where('id', '>=', lastBefore)
      .orderBy('id')
      .execute();
    expect(chainAfter.length).toBeGreaterThanOrEqual(13);
    for (let i = 1; i < chainAfter.length; i++)
      expect(chainAfter[i]!.prev_hash).toBe(chainAfter[i - 1]!.hash);
  });
});
