import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/db';
import type { Database } from '../../db/engine';
import { trainingStatus } from './people.service';

let database: Database;
let person: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  const org = await db
    .insertInto('organizations')
    .values({ code: 'TST', name: 'Test', type: 'agency' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const p = await db
    .insertInto('people')
    .values({
      organization_id: org.id,
      external_id: 'E1',
      kind: 'personnel',
      given_name: 'Ada',
      family_name: 'Lovelace',
      recruitment: 'international',
      emergency_contact: '{}',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  person = p.id;
  await db
    .insertInto('training_certificates')
    .values([
      { person_id: person, course_code: 'BSAFE', completed_on: '2020-01-10', expires_on: '2023-01-10' },
      { person_id: person, course_code: 'BSAFE', completed_on: '2022-12-01', expires_on: '2025-12-01' },
      { person_id: person, course_code: 'SSAFE', completed_on: '2026-03-01', expires_on: '2029-03-01' },
    ])
    .execute();
});
afterAll(async () => {
  await database?.close();
});

describe('trainingStatus', () => {
  it('gives every course for every person asked about, at the date', async () => {
    const unknown = '00000000-0000-0000-0000-0000000000aa';
    const s = await trainingStatus(database.db, [person, unknown], '2025-06-01');
    expect(s.get(person)!.BSAFE).toEqual({ completedOn: '2022-12-01', expiresOn: '2025-12-01', valid: true });
    // Completed after the date: did not exist yet.
    expect(s.get(person)!.SSAFE).toEqual({ completedOn: null, expiresOn: null, valid: false });
    expect(Object.keys(s.get(unknown)!).sort()).toEqual(['BSAFE', 'SMT', 'SRM_DM', 'SSAFE']);
    expect(s.get(unknown)!.BSAFE!.valid).toBe(false);
  });

  it('an expired certificate counts but is not valid', async () => {
    const s = await trainingStatus(database.db, [person], '2026-01-01');
    expect(s.get(person)!.BSAFE).toEqual({
      completedOn: '2022-12-01',
      expiresOn: '2025-12-01',
      valid: false,
    });
    expect((await trainingStatus(database.db, [person], '2026-04-01')).get(person)!.SSAFE!.valid).toBe(true);
  });
});
