import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, createTestApp, type TestApp, type TestUser } from '../support/app';
import { seedTwoScopes, type TwoScopes } from '../support/fixtures';
import { insertPerson, insertTrip } from '../support/who-fixtures';

const DAY = 86_400_000;
const now = Date.now();
const ago = (ms: number) => new Date(now - ms);
const later = (ms: number) => new Date(now + ms);

let t: TestApp;
let f: TwoScopes;
let root: TestUser;
let saAfg: TestUser;
let focalA: TestUser;
let staffB: TestUser;

const VICTIM = 'Zainab Victimname';
const form = (over: Record<string, unknown> = {}) => ({
  occurredAt: '2026-03-04T21:15:00+04:30',
  countryCode: 'AFG',
  stationCode: 'AFG-KBL',
  categoryCode: 'ROBBERY',
  relevance: 'organization',
  title: `Armed robbery of ${VICTIM} near the office`,
  narrative: `${VICTIM} was robbed at gunpoint.`,
  sensitiveDetails: 'Details known only to the case officer.',
  organizationCodes: ['ORGA'],
  personnel: [
    {
      organizationCode: 'ORGA',
      category: 'national',
      sex: 'female',
      outcome: 'robbed',
      onDuty: false,
      directlyTargeted: true,
      personName: VICTIM,
    },
  ],
  ...over,
});

async function withEmail(id: string, email: string) {
  await t.database.db.updateTable('people').set({ email }).where('id', '=', id).execute();
}

async function record(over: Record<string, unknown> = {}) {
  const res = await saAfg.request({ method: 'POST', url: '/api/incidents', payload: form(over) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; reference: string };
}

const alertOf = (incidentId: string) =>
  t.database.db
    .selectFrom('outbox')
    .selectAll()
    .where('dedupe_key', '=', `incident.trip_alert:${incidentId}`)
    .executeTakeFirst();

const p: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp({ SMIN_PUBLIC_URL: 'https://smin.example.org' });
  root = await t.user('root', admin);
  f = await seedTwoScopes(root);
  saAfg = await t.user('sa.afg', [{ role: 'security_professional', scopeType: 'country', scopeId: 'AFG' }]);
  focalA = await t.user(
    'focal.a',
    [{ role: 'org_security_focal_point', scopeType: 'organization', scopeId: 'ORGA' }],
    'ORGA',
  );
  staffB = await t.user(
    'staff.b',
    [{ role: 'personnel', scopeType: 'organization', scopeId: 'ORGB' }],
    'ORGB',
  );
  const db = t.database.db;
  const inAfg = { organizationId: f.orgA, stationId: f.stationAfg };
  const inKen = { organizationId: f.orgB, stationId: f.stationKen };
  // Stationed in Kabul.
  p.stationed = await insertPerson(db, { ...inAfg, name: 'Samir Stationed' });
  await withEmail(p.stationed, 'samir@orga.example.org');
  // Stationed in Nairobi, travelling in the Kabul area now.
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
  // Stationed in Nairobi; their dependant, without an address, lives in Kabul.
  p.sponsor = await insertPerson(db, { ...inKen, name: 'Kim Sponsor' });
  await withEmail(p.sponsor, 'kim@orgb.example.org');
  p.dependant = await insertPerson(db, {
    ...inAfg,
    organizationId: f.orgB,
    name: 'Dana Dependant',
    kind: 'dependant',
    sponsorId: p.sponsor,
  });
  // Elsewhere: in Nairobi, and back from a trip to Kabul that ended yesterday.
  p.elsewhere = await insertPerson(db, { ...inKen, name: 'Nora Nairobi' });
  await withEmail(p.elsewhere, 'nora@orgb.example.org');
  p.returned = await insertPerson(db, { ...inKen, name: 'Rami Returned' });
  await withEmail(p.returned, 'rami@orgb.example.org');
  await insertTrip(db, {
    personId: p.returned,
    countryCode: 'AFG',
    areaId: f.areaAfg,
    stationId: f.stationAfg,
    status: 'cleared',
    arrivesAt: ago(5 * DAY),
    departsAt: ago(DAY),
  });
});
afterAll(() => t?.close());

describe('in-trip alerts when an incident is recorded', () => {
  it('alerts everyone present in the area, travellers and dependants included, in one outbox message', async () => {
    const i = await record();
    const m = await alertOf(i.id);
    expect(m).toBeDefined();
    expect(m!.topic).toBe('incident.trip_alert');
    const recipients = m!.recipients as { email: string; personId: string; reason: string }[];
    expect(recipients.map((r) => r.email).sort()).toEqual([
      'kim@orgb.example.org',
      'samir@orga.example.org',
      'tessa@orgb.example.org',
    ]);
    expect(recipients.find((r) => r.email === 'kim@orgb.example.org')).toMatchObject({
      personId: p.dependant,
      reason: 'dependant of Kim Sponsor',
    });
    const payload = m!.payload as { subject: string; text: string; url: string };
    expect(payload.subject).toContain('Central');
    expect(payload.text).toContain('reply safe/not safe when asked');
    expect(payload.text).toContain(i.reference);
    expect(payload.url).toBe(`https://smin.example.org/incidents/${i.id}`);
    const stored = JSON.stringify(m);
    for (const secret of ['Zainab', 'Victimname', 'gunpoint', 'case officer'])
      expect(stored).not.toContain(secret);
  });

  it('alerts no one for a near miss', async () => {
    const i = await record({ relevance: 'near_miss', personnel: [] });
    expect(await alertOf(i.id)).toBeUndefined();
  });

  it('without an area, alerts everyone within 25 km of the point', async () => {
    const res = await root.request({
      method: 'POST',
      url: '/api/incidents',
      payload: form({
        countryCode: 'KEN',
        stationCode: undefined,
        lat: -1.3,
        lon: 36.8,
        relevance: 'situational',
        organizationCodes: [],
        personnel: [],
      }),
    });
    expect(res.statusCode, res.body).toBe(201);
    const i = res.json() as { id: string; areaCode: string | null };
    expect(i.areaCode ?? null).toBeNull();
    const m = await alertOf(i.id);
    // Stationed in Nairobi (2.5 km away), the one back from Kabul included; the traveller is away.
    expect((m!.recipients as { email: string }[]).map((r) => r.email).sort()).toEqual([
      'kim@orgb.example.org',
      'nora@orgb.example.org',
      'rami@orgb.example.org',
    ]);
    expect((m!.payload as { text: string }).text).toContain('within 25 km');
  });

  it('shows the security office who was alerted, and no one else', async () => {
    const i = await record();
    const res = await saAfg.request({ url: `/api/incidents/${i.id}/alerts` });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as {
      alertedAt: string;
      count: number;
      recipients: { personId?: string; name?: string; email: string; reason: string }[];
    };
    expect(body.count).toBe(3);
    expect(new Date(body.alertedAt).getTime()).toBeGreaterThan(now - DAY);
    expect(body.recipients.map((r) => r.name).sort()).toEqual([
      'Dana Dependant',
      'Samir Stationed',
      'Tessa Traveller',
    ]);
    expect(res.body).not.toContain('Victimname');
    expect(res.body).not.toContain('Nora');
    expect(res.body).not.toContain('Rami');
    expect((await root.request({ url: `/api/incidents/${i.id}/alerts` })).statusCode).toBe(200);
    // Reads the incident but may not see where people are in Afghanistan.
    expect((await focalA.request({ url: `/api/incidents/${i.id}/alerts` })).statusCode).toBe(403);
    // May not read the incident at all.
    expect((await staffB.request({ url: `/api/incidents/${i.id}/alerts` })).statusCode).toBe(404);
    const near = await record({ relevance: 'near_miss', personnel: [] });
    const none = await saAfg.request({ url: `/api/incidents/${near.id}/alerts` });
    expect(none.json()).toEqual({ alertedAt: null, recipients: [], count: 0 });
  });
});
