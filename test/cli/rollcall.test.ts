import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SmtpSink, startSmtpSink } from '../support/smtp';
import { insertPerson } from '../support/who-fixtures';
import { type CliTarget, createCliTarget, hasStackTrace, smin } from './cli-support';

const SLOW = 120_000;
let target: CliTarget;
let sink: SmtpSink;

beforeAll(async () => {
  target = await createCliTarget({ migrated: true });
  sink = await startSmtpSink();
  const database = await target.open();
  try {
    const db = database.db;
    const org = await db
      .insertInto('organizations')
      .values({ code: 'ORGA', name: 'Organization A', type: 'agency', counted_in_id: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const area = await db
      .insertInto('areas')
      .values({ code: 'AFG-01', name: 'Central', country_code: 'AFG', polygon: null, pcode: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const station = await db
      .insertInto('duty_stations')
      .values({
        code: 'AFG-KBL',
        name: 'Kabul',
        country_code: 'AFG',
        area_id: area.id,
        lat: 34.53,
        lon: 69.17,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const name of ['Ada One', 'Ben Two', 'Cy Three']) {
      const id = await insertPerson(db, { organizationId: org.id, stationId: station.id, name });
      await db
        .updateTable('people')
        .set({ email: `${name.split(' ')[0]!.toLowerCase()}@example.org` })
        .where('id', '=', id)
        .execute();
    }
  } finally {
    await database.close();
  }
});
afterAll(async () => {
  await sink?.close();
  await target?.dispose();
});

describe('smin rollcall', () => {
  it(
    'starts a roll call for an area, whose messages `smin notify deliver` sends, and shows its board',
    async () => {
      const started = await smin([
        ...target.args,
        'rollcall',
        'start',
        '--area',
        'AFG-01',
        '--title',
        'Drill: account for everyone',
        '--format',
        'json',
      ]);
      expect(started.stderr).toBe('');
      expect(started.code).toBe(0);
      const rc = JSON.parse(started.stdout) as { reference: string; people: number; contacts: number };
      expect(rc).toMatchObject({ people: 3, contacts: 3 });

      const deliver = await smin([...target.args, 'notify', 'deliver', '--smtp-url', sink.url]);
      expect(deliver.code).toBe(0);
      expect(sink.received.map((m) => m.to[0]).sort()).toEqual([
        'ada@example.org',
        'ben@example.org',
        'cy@example.org',
      ]);
      expect(sink.received[0]!.subject).toContain(rc.reference);

      const status = await smin([...target.args, 'rollcall', 'status', rc.reference]);
      expect(status.code).toBe(0);
      expect(status.stdout).toContain('accounted for: 0 % of 3: 0 safe, 0 need help, 3 not yet');
      expect(status.stdout).toContain('ORGA');
    },
    SLOW,
  );

  it(
    'names the option at fault and writes nothing',
    async () => {
      const noTitle = await smin([...target.args, 'rollcall', 'start', '--area', 'AFG-01']);
      expect(noTitle.code).toBe(1);
      expect(noTitle.stderr).toContain('--title');
      const unknown = await smin([...target.args, 'rollcall', 'start', '--area', 'NOPE', '--title', 'Drill']);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('unknown area NOPE');
      expect(hasStackTrace(unknown.stderr)).toBe(false);
      const zero = await smin([
        ...target.args,
        'rollcall',
        'start',
        '--area',
        'AFG-01',
        '--title',
        'Drill',
        '--escalate-after',
        '0',
      ]);
      expect(zero.code).toBe(1);
      expect(zero.stderr).toContain('--escalate-after');
      const missing = await smin([...target.args, 'rollcall', 'status', 'RC-1999-0001']);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('no roll call RC-1999-0001');
      const database = await target.open();
      try {
        expect(await database.db.selectFrom('roll_calls').select('id').execute()).toHaveLength(1);
      } finally {
        await database.close();
      }
    },
    SLOW,
  );
});
