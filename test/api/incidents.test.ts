import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '../../src/modules/incidents/incidents.schema';
import { admin, createTestApp, type TestApp, type TestUser } from '../support/app';
import { seedTwoScopes } from '../support/fixtures';

let t: TestApp;
let root: TestUser;
let saAfg: TestUser; // security professional, Afghanistan
let focalA: TestUser; // organization A security focal point
let staffA: TestUser; // organization A personnel
let staffB: TestUser; // organization B personnel
let hqB: TestUser; // organization B HQ focal point
let caseOfficer: TestUser;

const form = (over: Record<string, unknown> = {}) => ({
  occurredAt: '2026-03-04T21:15:00+04:30',
  countryCode: 'AFG',
  stationCode: 'AFG-KBL',
  categoryCode: 'ROBBERY',
  title: 'Armed robbery of a staff member near the office',
  narrative: 'Two armed men took a phone and a wallet.',
  weapon: 'Firearms',
  perpetratorType: 'Criminal',
  organizationCodes: ['ORGA'],
  personnel: [
    {
      organizationCode: 'ORGA',
      category: 'national',
      sex: 'female',
      outcome: 'robbed',
      onDuty: false,
      directlyTargeted: true,
      personName: 'Ms Example',
      lineManagerEmail: 'manager@orga.example.org',
    },
    { organizationCode: 'ORGA', category: 'national', sex: 'male', outcome: 'injured', count: 2 },
  ],
  ...over,
});

const rowCount = async (table: 'incidents' | 'incident_personnel' | 'outbox') =>
  Number(
    (
      await t.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  t = await createTestApp();
  root = await t.user('root', admin);
  await seedTwoScopes(root);
  saAfg = await t.user('sa.afg', [{ role: 'security_professional', scopeType: 'country', scopeId: 'AFG' }]);
  focalA = await t.user(
    'focal.a',
    [{ role: 'org_security_focal_point', scopeType: 'organization', scopeId: 'ORGA' }],
    'ORGA',
  );
  staffA = await t.user(
    'staff.a',
    [{ role: 'personnel', scopeType: 'organization', scopeId: 'ORGA' }],
    'ORGA',
  );
  staffB = await t.user(
    'staff.b',
    [{ role: 'personnel', scopeType: 'organization', scopeId: 'ORGB' }],
    'ORGB',
  );
  hqB = await t.user(
    'hq.b',
    [{ role: 'org_hq_focal_point', scopeType: 'organization', scopeId: 'ORGB' }],
    'ORGB',
  );
  caseOfficer = await t.user('case.afg', [{ role: 'case_officer', scopeType: 'country', scopeId: 'AFG' }]);
});
afterAll(() => t.close());

async function record(user: TestUser, over: Record<string, unknown> = {}): Promise<Incident> {
  const res = await user.request({ method: 'POST', url: '/api/incidents', payload: form(over) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('recording an incident on the standard form', () => {
  it('keeps the event apart from its impacts and computes the totals', async () => {
    const i = await record(focalA);
    expect(i.reference).toMatch(/^INC-2026-\d{6}$/);
    expect(i.occurredOn).toBe('2026-03-04');
    expect(i.occurredAt).toBe('2026-03-04T16:45:00.000Z');
    expect(i.utcOffset).toBe('+04:30');
    expect(i.area?.code).toBe('AFG-01');
    expect(i.station?.code).toBe('AFG-KBL');
    expect([i.lat, i.lon]).toEqual([34.53, 69.17]);
    expect(i.nature).toBe('violence');
    expect(i.totals).toEqual({ affected: 3, killed: 0, injured: 2, kidnapped: 0, arrested: 0 });
    expect(i.organizations.map((o) => o.code)).toEqual(['ORGA']);
    expect(i.personnel).toHaveLength(2);
  });

  it('takes the category by name, case-insensitively, and stores its code', async () => {
    const i = await record(saAfg, {
      categoryCode: 'road traffic crash',
      personnel: [],
      organizationCodes: [],
    });
    expect(i.categoryCode).toBe('ROAD_CRASH');
    expect(i.nature).toBe('safety');
  });

  it('refuses bad input naming each field, and writes nothing', async () => {
    const before = await Promise.all([
      rowCount('incidents'),
      rowCount('incident_personnel'),
      rowCount('outbox'),
    ]);
    const cases: [Record<string, unknown>, string][] = [
      [{ occurredAt: '2099-01-01T10:00:00+00:00' }, 'occurredAt'],
      [{ occurredAt: undefined, occurredOn: '2099-01-01' }, 'occurredOn'],
      [{ categoryCode: 'ALIEN_INVASION' }, 'categoryCode'],
      [{ stationCode: undefined, lat: -1.29, lon: 36.82 }, 'lat'],
      [{ categoryCode: 'BURGLARY' }, 'impacts'],
      [{ categoryCode: 'ARMED_CONFLICT', relevance: 'organization' }, 'relevance'],
      [{ relevance: 'near_miss' }, 'personnel'],
      [{ countryCode: 'XXX' }, 'countryCode'],
      [{ organizationCodes: ['NOPE'] }, 'organizationCodes.0'],
    ];
    for (const [over, field] of cases) {
      const res = await saAfg.request({ method: 'POST', url: '/api/incidents', payload: form(over) });
      expect(res.statusCode, JSON.stringify(over)).toBe(400);
      expect(
        res.json().errors.map((e: { field: string }) => e.field),
        res.body,
      ).toContain(field);
    }
    const negative = await saAfg.request({
      method: 'POST',
      url: '/api/incidents',
      payload: form({ personnel: [{ outcome: 'killed', count: -1 }] }),
    });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().errors[0].field).toBe('personnel.0.count');
    expect(
      await Promise.all([rowCount('incidents'), rowCount('incident_personnel'), rowCount('outbox')]),
    ).toEqual(before);
  });

  it('queues one notice to the DO, security office, focal points, line managers and lists', async () => {
    await t.user('do.afg', [{ role: 'designated_official', scopeType: 'country', scopeId: 'AFG' }]);
    await t.database.db
      .updateTable('users')
      .set({ email: 'do@afg.example.org' })
      .where('username', '=', 'do.afg')
      .execute();
    await t.database.db
      .updateTable('users')
      .set({ email: 'sa@afg.example.org' })
      .where('username', '=', 'sa.afg')
      .execute();
    await t.database.db
      .updateTable('users')
      .set({ email: 'focal@orga.example.org' })
      .where('username', '=', 'focal.a')
      .execute();
    await t.database.db
      .updateTable('users')
      .set({ email: 'hq@orgb.example.org' })
      .where('username', '=', 'hq.b')
      .execute();
    const list = await saAfg.request({
      method: 'POST',
      url: '/api/incidents/distribution-lists',
      payload: {
        name: 'AFG SMT',
        countryCode: 'AFG',
        addresses: ['smt@afg.example.org', 'SA@afg.example.org'],
      },
    });
    expect(list.statusCode, list.body).toBe(201);
    const i = await record(staffA);
    const message = await t.database.db
      .selectFrom('outbox')
      .selectAll()
      .where('dedupe_key', '=', `incident.submitted:${i.id}:1`)
      .executeTakeFirstOrThrow();
    const recipients = (message.recipients as { email: string; reason: string }[]).map((r) => r.email).sort();
    expect(recipients).toEqual([
      'do@afg.example.org',
      'focal@orga.example.org',
      'manager@orga.example.org',
      'sa@afg.example.org',
      'smt@afg.example.org',
    ]);
    const payload = message.payload as { subject: string; text: string };
    expect(payload.subject).toContain(i.reference);
    // E-mail is not need-to-know: no victim names in it.
    expect(payload.text).not.toContain('Ms Example');
  });
});

describe('a major incident', () => {
  it('puts the SRM in force in the country up for immediate review', async () => {
    const db = t.database.db;
    const matrix = await db.selectFrom('risk_matrices').select('id').executeTakeFirstOrThrow();
    const srm = await db
      .insertInto('srms')
      .values({
        kind: 'country',
        title: 'Afghanistan SRM',
        country_code: 'AFG',
        period_start: '2026-01-01',
        period_end: '2026-12-31',
        status: 'endorsed',
        matrix_id: matrix.id,
        review_due: '2026-12-31',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await record(saAfg, { personnel: [{ outcome: 'injured', count: 1 }] });
    const calm = await db
      .selectFrom('srms')
      .select('review_reason')
      .where('id', '=', srm.id)
      .executeTakeFirstOrThrow();
    expect(calm.review_reason).toBeNull();
    const i = await record(saAfg, {
      categoryCode: 'ABDUCTION',
      personnel: [{ outcome: 'abducted', count: 2 }],
    });
    const flagged = await db
      .selectFrom('srms')
      .select('review_reason')
      .where('id', '=', srm.id)
      .executeTakeFirstOrThrow();
    expect(flagged.review_reason).toBe(`major incident ${i.reference} on 2026-03-04: 2 abducted`);
  });
});

describe('who sees what', () => {
  let incident: Incident;
  beforeAll(async () => {
    incident = await record(saAfg, {
      categoryCode: 'SEXUAL_ASSAULT',
      sensitiveDetails: 'Details known to the case officer only.',
      personnel: [
        {
          organizationCode: 'ORGA',
          category: 'international',
          sex: 'female',
          outcome: 'sexually_assaulted',
          personName: 'Victim Name',
        },
      ],
    });
  });

  it('organizations see their own incidents; other organizations do not', async () => {
    expect((await focalA.request({ method: 'GET', url: `/api/incidents/${incident.id}` })).statusCode).toBe(
      200,
    );
    expect((await hqB.request({ method: 'GET', url: `/api/incidents/${incident.id}` })).statusCode).toBe(404);
    const list = await hqB.request({ method: 'GET', url: '/api/incidents?limit=500' });
    expect(list.json().items.map((x: { id: string }) => x.id)).not.toContain(incident.id);
  });

  it('victim identities and sexual-assault details are for need-to-know roles only', async () => {
    const asFocal = (
      await focalA.request({ method: 'GET', url: `/api/incidents/${incident.id}` })
    ).json() as Incident;
    expect(asFocal.sensitiveDetails).toBeNull();
    expect(asFocal.personnel[0]?.personName).toBeNull();
    expect(asFocal.restricted).toBe(true);
    const asCase = (
      await caseOfficer.request({ method: 'GET', url: `/api/incidents/${incident.id}` })
    ).json() as Incident;
    expect(asCase.sensitiveDetails).toBe('Details known to the case officer only.');
    expect(asCase.personnel[0]?.personName).toBe('Victim Name');
    const trail = await t.database.db
      .selectFrom('audit_log')
      .select('after')
      .where('entity_id', '=', incident.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(trail.after)).not.toContain('Victim Name');
  });

  it('a reporter sees what they reported, and no one else’s', async () => {
    const own = await record(staffA, { personnel: [] });
    expect((await staffA.request({ method: 'GET', url: `/api/incidents/${own.id}` })).statusCode).toBe(200);
    expect((await staffA.request({ method: 'GET', url: `/api/incidents/${incident.id}` })).statusCode).toBe(
      404,
    );
    const res = await staffB.request({ method: 'POST', url: '/api/incidents', payload: form() });
    expect(res.statusCode).toBe(403);
  });

  it('the confidential registry is for case officers', async () => {
    const opened = await caseOfficer.request({
      method: 'POST',
      url: '/api/incidents/registry',
      payload: {
        incidentId: incident.id,
        status: 'investigation',
        nextOfKinFocalPoint: 'J. Doe, HR',
        authority: 'Kabul police',
      },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    expect((await saAfg.request({ method: 'GET', url: '/api/incidents/registry' })).statusCode).toBe(403);
    const cases = (await caseOfficer.request({ method: 'GET', url: '/api/incidents/registry' })).json();
    expect(cases).toHaveLength(1);
    const moved = await caseOfficer.request({
      method: 'PATCH',
      url: `/api/incidents/registry/${opened.json().id}`,
      payload: { version: 1, status: 'prosecution' },
    });
    expect(moved.json().status).toBe('prosecution');
  });
});

describe('corrections and history', () => {
  it('corrects any field and keeps who, when and the old value', async () => {
    const i = await record(focalA);
    const res = await focalA.request({
      method: 'PATCH',
      url: `/api/incidents/${i.id}`,
      payload: { version: i.version, title: 'Armed robbery (corrected)', reason: 'title typo' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().revision).toBe(2);
    // The names were withheld from the focal point; the correction kept them.
    const asSa = (await saAfg.request({ method: 'GET', url: `/api/incidents/${i.id}` })).json() as Incident;
    expect(asSa.personnel.map((p) => p.personName)).toContain('Ms Example');
    const history = (await focalA.request({ method: 'GET', url: `/api/incidents/${i.id}/history` })).json();
    expect(history[0]).toMatchObject({
      number: 2,
      changedBy: 'focal.a',
      reason: 'title typo',
      changes: [
        {
          field: 'title',
          old: 'Armed robbery of a staff member near the office',
          new: 'Armed robbery (corrected)',
        },
      ],
    });
    expect(history[1]).toMatchObject({ number: 1, reason: 'recorded' });
  });

  it('keeps withheld names with their rows when a writer without need to know edits or removes rows', async () => {
    const i = await record(focalA);
    const read = (await focalA.request({ method: 'GET', url: `/api/incidents/${i.id}` })).json() as Incident;
    const named = read.personnel.find((p) => p.outcome === 'robbed')!;
    // Remove the injured group, keep the robbed person (by id), add a new named person.
    const res = await focalA.request({
      method: 'PATCH',
      url: `/api/incidents/${i.id}`,
      payload: {
        version: read.version,
        personnel: [
          {
            id: named.id,
            organizationCode: 'ORGA',
            category: 'national',
            sex: 'female',
            outcome: 'robbed',
            personName: '',
          },
          { organizationCode: 'ORGA', outcome: 'intimidated_harassed', personName: 'New Witness' },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const asSa = (await saAfg.request({ method: 'GET', url: `/api/incidents/${i.id}` })).json() as Incident;
    expect(asSa.personnel.map((p) => [p.outcome, p.personName, p.lineManagerEmail]).sort()).toEqual([
      ['intimidated_harassed', 'New Witness', ''],
      ['robbed', 'Ms Example', 'manager@orga.example.org'],
    ]);
    expect(asSa.totals.affected).toBe(2);
  });

  it('clears the area and duty station when a correction sends null', async () => {
    const i = await record(saAfg);
    const res = await saAfg.request({
      method: 'PATCH',
      url: `/api/incidents/${i.id}`,
      payload: { version: i.version, stationCode: null, areaCode: null, lat: 34.5, lon: 69.2 },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect([res.json().area, res.json().station, res.json().lat]).toEqual([null, null, 34.5]);
  });

  it('refuses a stale version with 409 and readers without write access with 403', async () => {
    const i = await record(saAfg);
    const stale = await saAfg.request({
      method: 'PATCH',
      url: `/api/incidents/${i.id}`,
      payload: { version: i.version + 5, title: 'x' },
    });
    expect(stale.statusCode).toBe(409);
    await t.user('do.read', [{ role: 'designated_official', scopeType: 'country', scopeId: 'AFG' }]);
    const auditor = await t.user('aud.afg', [{ role: 'auditor', scopeType: 'country', scopeId: 'AFG' }]);
    expect(
      (
        await auditor.request({
          method: 'PATCH',
          url: `/api/incidents/${i.id}`,
          payload: { version: i.version, title: 'x' },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('moves an event in time and place, recomputing what statistics read', async () => {
    const i = await record(saAfg);
    const res = await saAfg.request({
      method: 'PATCH',
      url: `/api/incidents/${i.id}`,
      payload: { version: i.version, occurredOn: '2025-12-31', personnel: [{ outcome: 'killed', count: 1 }] },
    });
    expect(res.statusCode, res.body).toBe(200);
    const row = await t.database.db
      .selectFrom('incidents')
      .selectAll()
      .where('id', '=', i.id)
      .executeTakeFirstOrThrow();
    expect([row.occurred_year, row.occurred_month, row.occurred_at, row.killed, row.affected]).toEqual([
      2025,
      12,
      null,
      1,
      1,
    ]);
    const people = await t.database.db
      .selectFrom('incident_personnel')
      .selectAll()
      .where('incident_id', '=', i.id)
      .execute();
    expect(people.map((p) => [p.occurred_year, p.category_code])).toEqual([[2025, 'ROBBERY']]);
  });

  it('links events into a complex incident', async () => {
    const first = await record(saAfg);
    const second = await record(saAfg, { linkTo: first.id, title: 'Follow-up attack on responders' });
    expect(second.complexId).toBe(first.id);
    const reread = (
      await saAfg.request({ method: 'GET', url: `/api/incidents/${first.id}` })
    ).json() as Incident;
    expect(reread.linkedEvents.map((e) => e.id)).toEqual([second.id]);
  });
});

describe('lists', () => {
  it('pages by keyset without repeating or skipping', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const url = `/api/incidents?country=AFG&limit=3${after ? `&after=${after}` : ''}`;
      const page = (await saAfg.request({ method: 'GET', url })).json() as {
        items: { id: string }[];
        next: string | null;
      };
      seen.push(...page.items.map((x) => x.id));
      after = page.next;
    } while (after);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(await rowCount('incidents'));
    expect((await saAfg.request({ method: 'GET', url: '/api/incidents?after=garbage' })).statusCode).toBe(
      400,
    );
  });
});
