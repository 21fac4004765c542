import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/db';
import { seedDrillArea } from '../../../test/support/drill-fixtures';
import type { Database } from '../../db/engine';
import { SYSTEM_PRINCIPAL } from '../../server/auth/principal';
import { createAnswerBatcher } from './answer-batch';
import { startRollCall } from './rollcall.service';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

describe('answers by link, written in batches', () => {
  it('writes many concurrent answers in one transaction with one audit entry, failing only the bad one', async () => {
    const db = database.db;
    const drill = await seedDrillArea(db, { people: 60, code: 'BATCH-01' });
    const rc = await startRollCall(
      db,
      { principal: SYSTEM_PRINCIPAL, requestId: 'test' },
      { area: drill.areaCode, title: 'Batch', guidance: '', escalateAfterMinutes: 30 },
      { publicUrl: 'https://smin.example.org' },
    );
    const people = await db
      .selectFrom('roll_call_people')
      .select(['person_id', 'contact_id'])
      .where('roll_call_id', '=', rc.id)
      .orderBy('person_id')
      .execute();
    const auditsBefore = await db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'rollcall.answer')
      .execute();
    const batcher = createAnswerBatcher(db);
    const at = new Date();
    const item = (contactId: string, personId: string, answer: 'safe' | 'need_help') => ({
      rollCallId: rc.id,
      reference: rc.reference,
      countryCode: 'KEN',
      contactId,
      answers: [{ personId, answer }],
      note: answer === 'need_help' ? 'twisted ankle' : null,
      lat: null,
      lon: null,
      at,
    });
    const valid = people.map((p, i) =>
      batcher.submit(item(p.contact_id!, p.person_id, i % 10 === 0 ? 'need_help' : 'safe')),
    );
    // Someone else's person through this contact's link.
    const wrong = batcher.submit(item(people[0]!.contact_id!, people[1]!.person_id, 'safe'));
    await expect(wrong).rejects.toMatchObject({
      code: 'validation',
      errors: [{ field: 'answers.0.personId' }],
    });
    await Promise.all(valid);

    const answered = await db
      .selectFrom('roll_call_people')
      .select(['answer', 'answered_via'])
      .where('roll_call_id', '=', rc.id)
      .execute();
    expect(answered.filter((a) => a.answer === 'safe')).toHaveLength(54);
    expect(answered.filter((a) => a.answer === 'need_help')).toHaveLength(6);
    expect(answered.every((a) => a.answered_via === 'web')).toBe(true);
    const audits = await db
      .selectFrom('audit_log')
      .select(['after'])
      .where('action', '=', 'rollcall.answer')
      .where('id', 'not in', auditsBefore.length ? auditsBefore.map((a) => a.id) : [-1])
      .execute();
    // Fewer entries than answers (batched), and every answer named in one of them.
    expect(audits.length).toBeLessThan(60);
    const named = audits.flatMap((a) =>
      (a.after as { answers: { personId: string }[] }).answers.map((x) => x.personId),
    );
    expect(named.sort()).toEqual(people.map((p) => p.person_id).sort());
    const log = await db
      .selectFrom('roll_call_log')
      .select('text')
      .where('roll_call_id', '=', rc.id)
      .where('kind', '=', 'answered')
      .execute();
    expect(log).toHaveLength(6);
    await batcher.drain();
  });
});
