import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueLevelAlert } from '../../src/modules/threats/level-alert.service';
import { admin, createTestApp, type TestApp, type TestUser } from '../support/app';
import { publishAssessment, seedTwoScopes, type TwoScopes } from '../support/fixtures';
import { insertPerson, insertTrip } from '../support/who-fixtures';

const DAY = 86_400_000;
const now = Date.now();
const ago = (ms: number) => new Date(now - ms);
const later = (ms: number) => new Date(now + ms);

let t: TestApp;
let f: TwoScopes;
let root: TestUser;
let saAfg: TestUser;
let doAfg: TestUser;
let saKen: TestUser;
let staffA: TestUser;
const p: Record<string, string> = {};

async function withEmail(id: string, email: string) {
  await t.database.db.updateTable('people').set({ email }).where('id', '=', id).execute();
}

const alerts = () =>
  t.database.db
    .selectFrom('outbox')
    .select(['id', 'dedupe_key', 'payload', 'recipients'])
    .where('topic', '=', 'threat.level_alert')
    .orderBy('id')
    .execute();

const levels = (l: number[]) => ({
  armed_conflict: l[0],
  terrorism: l[1],
  crime: l[2],
  civil_unrest: l[3],
});

async function publishAdvisory(body: Record<string, unknown>) {
  const draft = await saAfg.request({
    method: 'POST',
    url: '/api/advisories',
    payload: {
      countryCode: 'AFG',
      headline: 'Afghanistan',
      requiredClearance: 'manual',
      effectiveDate: '2026-11-01',
      reviewBy: '2027-02-01',
      ...body,
    },
  });
  expect(draft.statusCode, draft.body).toBe(201);
  const approved = await doAfg.request({
    method: 'POST',
    url: `/api/advisories/${draft.json().id}/approve`,
    payload: { version: draft.json().version },
  });
  expect(approved.statusCode, approved.body).toBe(200);
  const published = await saAfg.request({
    method: 'POST',
    url: `/api/advisories/${draft.json().id}/publish`,
    payload: { version: approved.json().version },
  });
  expect(published.statusCode, published.body).toBe(200);
  return published.json() as { id: string };
}

beforeAll(async () => {
  t = await createTestApp();
  root = await t.user('root', admin);
  f = await seedTwoScopes(root);
  saAfg = await t.user('sa.afg', [{ role: 'security_professional', scopeType: 'country', scopeId: 'AFG' }]);
  doAfg = await t.user('do.afg', [{ role: 'designated_official', scopeType: 'country', scopeId: 'AFG' }]);
  saKen = await t.user('sa.ken', [{ role: 'security_professional', scopeType: 'country', scopeId: 'KEN' }]);
  staffA = await t.user(
    'staff.a',
    [{ role: 'personnel', scopeType: 'organization', scopeId: 'ORGA' }],
    'ORGA',
  );
  const db = t.database.db;
  const inAfg = { organizationId: f.orgA, stationId: f.stationAfg };
  const inKen = { organizationId: f.orgB, stationId: f.stationKen };
  p.stationed = await insertPerson(db, { ...inAfg, name: 'Samir Stationed', userId: staffA.id });
  await withEmail(p.stationed, 'samir@orga.example.org');
  p.traveller = await insertPerson(db, { ...inKen, name: 'Tessa Traveller' });
  await withEmail(p.traveller, 'tessa@orgb.example.org');
  await insertTrip(db, {
    personId: p.traveller,
    countryCode: 'AFG',
    areaId: f.areaAfg,
    stationId: f.stationAfg,
    status: 'cleared',
    arrivesAt: ago(DAY),
    departsAt: later(2 * DAY),
  });
  p.sponsor = await insertPerson(db, { ...inKen, name: 'Kim Sponsor' });
  await withEmail(p.sponsor, 'kim@orgb.example.org');
  p.dependant = await insertPerson(db, {
    ...inAfg,
    organizationId: f.orgB,
    name: 'Dana Dependant',
    kind: 'dependant',
    sponsorId: p.sponsor,
  });
  p.elsewhere = await insertPerson(db, { ...inKen, name: 'Nora Nairobi' });
  await withEmail(p.elsewhere, 'nora@orgb.example.org');
});
afterAll(() => t?.close());

const PRESENT = ['kim@orgb.example.org', 'samir@orga.example.org', 'tessa@orgb.example.org'];

describe('in-trip alerts when a level rises', () => {
  it('a first assessment alerts no one; a rise alerts everyone present in the area, once', async () => {
    await publishAssessment(saAfg, doAfg, 'AFG-01', [2, 2, 2, 2]);
    expect(await alerts()).toEqual([]);
    const raised = await publishAssessment(saAfg, doAfg, 'AFG-01', [2, 5, 3, 2]);
    const [m, ...more] = await alerts();
    expect(more).toEqual([]);
    expect(m!.dedupe_key).toBe(`threat.level_alert:assessment:${raised.id}:2532`);
    const recipients = m!.recipients as {
      email: string;
      personId: string;
      reason: string;
      userId?: string;
    }[];
    expect(recipients.map((r) => r.email).sort()).toEqual(PRESENT);
    expect(recipients.find((r) => r.email === 'kim@orgb.example.org')).toMatchObject({
      personId: p.dependant,
      reason: 'dependant of Kim Sponsor',
    });
    expect(recipients.find((r) => r.email === 'samir@orga.example.org')).toMatchObject({ userId: staffA.id });
    const payload = m!.payload as Record<string, unknown>;
    expect(payload).toMatchObject({
      kind: 'assessment',
      assessmentId: raised.id,
      countryCode: 'AFG',
      areaCode: 'AFG-01',
      highest: 5,
      rises: [
        { category: 'terrorism', from: 2, to: 5 },
        { category: 'crime', from: 2, to: 3 },
      ],
    });
    expect(payload.subject).toBe('[OpenSMIN] Threat level raised in Central, AFG: now 5 High');
    expect(payload.text).toContain('- Terrorism: 2 Low → 5 High');
    expect(payload.text).toContain('Keep movements to what is essential');
    expect(JSON.stringify(payload)).not.toMatch(/Samir|Tessa|Dana|Kim/);
    // The same version again (a retried transaction): still one message.
    await enqueueLevelAlert(
      t.database.db,
      { kind: 'assessment', id: raised.id, countryCode: 'AFG', areaId: f.areaAfg },
      [{ category: 'terrorism', from: 2, to: 5 }],
      { armed_conflict: 2, terrorism: 5, crime: 3, civil_unrest: 2 },
    );
    expect(await alerts()).toHaveLength(1);
    // The person with an account finds it in their inbox.
    const inbox = await staffA.request({ url: '/api/me/notifications' });
    expect(inbox.json().items[0]).toMatchObject({ topic: 'threat.level_alert', read: false });
  });

  it('a drop or unchanged levels alert no one', async () => {
    await publishAssessment(saAfg, doAfg, 'AFG-01', [2, 4, 3, 2]);
    await publishAssessment(saAfg, doAfg, 'AFG-01', [2, 4, 3, 2]);
    expect(await alerts()).toHaveLength(1);
  });

  it('is written in the transaction of the level change: a rollback leaves no alert', async () => {
    await t.database.db
      .transaction()
      .execute(async (trx) => {
        await enqueueLevelAlert(
          trx,
          {
            kind: 'assessment',
            id: '00000000-0000-4000-8000-000000000001',
            countryCode: 'AFG',
            areaId: f.areaAfg,
          },
          [{ category: 'crime', from: 1, to: 6 }],
          { armed_conflict: 1, terrorism: 1, crime: 6, civil_unrest: 1 },
        );
        throw new Error('the level change failed');
      })
      .catch(() => undefined);
    expect(await alerts()).toHaveLength(1);
  });

  it('a country advisory that rises alerts everyone present in the country, with its guidance', async () => {
    await publishAdvisory({ levels: levels([2, 3, 3, 2]), guidance: 'Stay in.' });
    expect(await alerts()).toHaveLength(1);
    const raised = await publishAdvisory({
      levels: levels([4, 3, 3, 2]),
      guidance: 'Movements only in armoured vehicles after checking in with the security office.',
    });
    const all = await alerts();
    expect(all).toHaveLength(2);
    const m = all[1]!;
    expect(m.dedupe_key).toBe(`threat.level_alert:advisory:${raised.id}:4332`);
    expect((m.recipients as { email: string }[]).map((r) => r.email).sort()).toEqual(PRESENT);
    const payload = m.payload as { subject: string; text: string; advisoryId: string };
    expect(payload.advisoryId).toBe(raised.id);
    expect(payload.subject).toBe('[OpenSMIN] Travel advisory raised in AFG: now 4 Substantial');
    expect(payload.text).toContain('What to do: Movements only in armoured vehicles');
  });

  it('the security office sees who was alerted; others are refused or see no such record', async () => {
    const [assessment, advisory] = (await alerts()).map((m) => m.payload as Record<string, string>);
    const aUrl = `/api/threats/assessments/${assessment!.assessmentId}/alerts`;
    const vUrl = `/api/advisories/${advisory!.advisoryId}/alerts`;
    for (const url of [aUrl, vUrl]) {
      const res = await saAfg.request({ url });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().count).toBe(3);
      expect(
        res
          .json()
          .recipients.map((r: { name?: string }) => r.name)
          .sort(),
      ).toEqual(['Dana Dependant', 'Samir Stationed', 'Tessa Traveller']);
    }
    // Another country's security professional: the assessment does not exist for them.
    expect((await saKen.request({ url: aUrl })).statusCode).toBe(404);
    // Everyone reads published advisories, but who-is-where in Afghanistan is not theirs to see.
    expect((await saKen.request({ url: vUrl })).statusCode).toBe(403);
    expect((await staffA.request({ url: vUrl })).statusCode).toBe(403);
    expect((await t.app.inject({ url: vUrl })).statusCode).toBe(401);
    // A version that raised nothing: nobody alerted.
    const first = await t.database.db
      .selectFrom('threat_assessments')
      .select('id')
      .where('number', '=', 1)
      .where('area_id', '=', f.areaAfg)
      .executeTakeFirstOrThrow();
    const none = await saAfg.request({ url: `/api/threats/assessments/${first.id}/alerts` });
    expect(none.json()).toEqual({ alertedAt: null, recipients: [], count: 0 });
  });
});
