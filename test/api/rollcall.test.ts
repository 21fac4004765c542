import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverDueEmail } from '../../src/modules/notifications/delivery.service';
import { createSmtpMailer } from '../../src/modules/notifications/email';
import { createHttpSmsGateway } from '../../src/modules/notifications/sms';
import { sweepEscalations } from '../../src/modules/rollcall/escalate.service';
import { admin, createTestApp, type TestApp, type TestUser } from '../support/app';
import { seedTwoScopes, type TwoScopes } from '../support/fixtures';
import { type SmsGatewayStub, startSmsGateway } from '../support/sms-gateway';
import { type SmtpSink, startSmtpSink } from '../support/smtp';
import { insertPerson, insertTrip } from '../support/who-fixtures';

const INBOUND = 'inbound-token-0123456789';
const FROM = 'opensmin@security.example.org';

let t: TestApp;
let f: TwoScopes;
let root: TestUser;
let saAfg: TestUser;
let saKen: TestUser;
let focalA: TestUser;
let staffB: TestUser;
let warden: TestUser;
let sink: SmtpSink;
let gateway: SmsGatewayStub;
const ids: Record<string, string> = {};

async function setContacts(id: string, email: string | null, phone: string | null) {
  await t.database.db.updateTable('people').set({ email, phone }).where('id', '=', id).execute();
}

async function deliver() {
  const mailer = createSmtpMailer({ smtpUrl: sink.url, from: FROM });
  try {
    return await deliverDueEmail(t.database.db, mailer, {
      from: FROM,
      sms: createHttpSmsGateway({ url: gateway.url, token: null }),
    });
  } finally {
    mailer.close();
  }
}

const tokenIn = (text: string) => /\/r\/([A-Za-z0-9_-]{20,})/.exec(text)?.[1] ?? null;

beforeAll(async () => {
  t = await createTestApp({ SMIN_SMS_INBOUND_TOKEN: INBOUND, SMIN_PUBLIC_URL: 'https://smin.example.org' });
  root = await t.user('root', admin);
  f = await seedTwoScopes(root);
  saAfg = await t.user('sa.afg', [{ role: 'security_professional', scopeType: 'country', scopeId: 'AFG' }]);
  saKen = await t.user('sa.ken', [{ role: 'security_professional', scopeType: 'country', scopeId: 'KEN' }]);
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
  warden = await t.user(
    'warden.afg',
    [{ role: 'personnel', scopeType: 'organization', scopeId: 'ORGA' }],
    'ORGA',
  );
  const db = t.database.db;
  ids.alice = await insertPerson(db, {
    organizationId: f.orgA,
    stationId: f.stationAfg,
    name: 'Alice Amiri',
  });
  ids.dan = await insertPerson(db, {
    organizationId: f.orgA,
    stationId: f.stationAfg,
    name: 'Dan Amiri',
    kind: 'dependant',
    sponsorId: ids.alice,
  });
  ids.bob = await insertPerson(db, {
    organizationId: f.orgB,
    stationId: f.stationAfg,
    name: 'Bob Barakzai',
    recruitment: 'local',
  });
  ids.carl = await insertPerson(db, { organizationId: f.orgA, stationId: f.stationAfg, name: 'Carl Cole' });
  // A traveller from Kenya in the area now; his dependant stayed home in Nairobi.
  ids.tom = await insertPerson(db, {
    organizationId: f.orgB,
    stationId: f.stationKen,
    name: 'Tom Traveller',
  });
  ids.kid = await insertPerson(db, {
    organizationId: f.orgB,
    stationId: f.stationKen,
    name: 'Kim Traveller',
    kind: 'dependant',
    sponsorId: ids.tom,
  });
  ids.nora = await insertPerson(db, {
    organizationId: f.orgB,
    stationId: f.stationKen,
    name: 'Nora Nairobi',
  });
  await insertTrip(db, {
    personId: ids.tom,
    countryCode: 'AFG',
    areaId: f.areaAfg,
    arrivesAt: new Date(Date.now() - 86_400_000),
    departsAt: new Date(Date.now() + 86_400_000),
    status: 'cleared',
  });
  await setContacts(ids.alice, 'alice@example.org', '+93 700 111 222');
  await setContacts(ids.bob, null, '+93700333444');
  await setContacts(ids.tom, 'tom@example.org', null);
  await setContacts(ids.nora, 'nora@example.org', null);
  sink = await startSmtpSink();
  gateway = await startSmsGateway();
});

afterAll(async () => {
  await sink?.close();
  await gateway?.close();
  await t?.close();
});

let rollCallId = '';
let aliceToken = '';

describe('starting a roll call', () => {
  it('asks everyone present in the area, dependants through their sponsor, by e-mail and SMS', async () => {
    const res = await saAfg.request({
      method: 'POST',
      url: '/api/rollcalls',
      payload: {
        area: 'AFG-01',
        title: 'Explosion near the compound',
        guidance: 'Stay indoors.',
        escalateAfterMinutes: 30,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    rollCallId = body.id;
    expect(body.reference).toMatch(/^RC-\d{4}-0001$/);
    // Alice, Dan (her dependant), Bob, Carl and the traveller Tom; not Nora in Nairobi, not Tom's child.
    expect(body.people).toBe(5);
    expect(body.contacts).toBe(4);
    expect(body.unreachable).toBe(1);

    const report = await deliver();
    expect(report.delivered).toBe(3);
    const alice = sink.to('alice@example.org');
    expect(alice).toHaveLength(1);
    expect(alice[0]!.subject).toContain('are you safe?');
    expect(alice[0]!.text).toContain('dependant');
    aliceToken = tokenIn(alice[0]!.text)!;
    expect(aliceToken).toBeTruthy();
    expect(sink.to('tom@example.org')).toHaveLength(1);
    expect(sink.to('nora@example.org')).toHaveLength(0);
    const texted = gateway.requests.map((r) => r.body.to).sort();
    expect(texted).toEqual(['+93700111222', '+93700333444']);
    expect(gateway.requests[0]!.body.text).toMatch(/Reply 1 SAFE or 2 HELP/);
    expect(gateway.requests.every((r) => r.idempotencyKey)).toBe(true);
    // The token is not stored: only its hash.
    const stored = await t.database.db.selectFrom('roll_call_contacts').select('token_hash').execute();
    expect(stored.every((s) => !s.token_hash.toString('utf8').includes(aliceToken))).toBe(true);
  });

  it('refuses a place outside the starter’s scope, unknown places and bad bodies, writing nothing', async () => {
    const before = await t.database.db.selectFrom('roll_calls').select('id').execute();
    const other = await saKen.request({
      method: 'POST',
      url: '/api/rollcalls',
      payload: { area: 'AFG-01', title: 'Drill' },
    });
    expect(other.statusCode).toBe(403);
    const unknown = await saAfg.request({
      method: 'POST',
      url: '/api/rollcalls',
      payload: { area: 'NOPE-9', title: 'Drill' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('"field":"area"');
    const both = await saAfg.request({
      method: 'POST',
      url: '/api/rollcalls',
      payload: { area: 'AFG-01', zone: 'Z', title: 'Drill' },
    });
    expect(both.statusCode).toBe(400);
    const staff = await staffB.request({
      method: 'POST',
      url: '/api/rollcalls',
      payload: { area: 'AFG-01', title: 'Drill' },
    });
    expect(staff.statusCode).toBe(403);
    expect(await t.database.db.selectFrom('roll_calls').select('id').execute()).toHaveLength(before.length);
  });
});

describe('answering', () => {
  it('by the one-tap link: the contact answers for themself and their dependant, first names only', async () => {
    const page = await t.app.inject({ method: 'GET', url: `/api/rollcall/answer/${aliceToken}` });
    expect(page.statusCode).toBe(200);
    const p = page.json();
    expect(p.people.map((x: { firstName: string }) => x.firstName)).toEqual(['Alice', 'Dan']);
    expect(JSON.stringify(p)).not.toContain('Amiri');
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/rollcall/answer/${aliceToken}`,
      payload: {
        answers: [
          { personId: ids.alice, answer: 'safe' },
          { personId: ids.dan, answer: 'need_help' },
        ],
        note: 'Dan has a cut on his arm',
        lat: 34.5,
        lon: 69.2,
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().people.map((x: { answer: string }) => x.answer)).toEqual(['safe', 'need_help']);
  });

  it('refuses answers for people the link does not cover, and unknown links, changing nothing', async () => {
    const before = await t.database.db
      .selectFrom('roll_call_people')
      .selectAll()
      .orderBy('person_id')
      .execute();
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/rollcall/answer/${aliceToken}`,
      payload: { answers: [{ personId: ids.bob, answer: 'safe' }] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('"field":"answers.0.personId"');
    const unknown = await t.app.inject({ method: 'GET', url: '/api/rollcall/answer/AAAAAAAAAAAAAAAAAAAAAA' });
    expect(unknown.statusCode).toBe(404);
    const after = await t.database.db
      .selectFrom('roll_call_people')
      .selectAll()
      .orderBy('person_id')
      .execute();
    expect(after).toEqual(before);
  });

  it('by SMS reply through the gateway, which must present its token', async () => {
    const noAuth = await t.app.inject({
      method: 'POST',
      url: '/api/rollcall/sms',
      payload: { from: '+93700333444', text: '1' },
    });
    expect(noAuth.statusCode).toBe(401);
    const auth = { authorization: `Bearer ${INBOUND}` };
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/rollcall/sms',
      headers: auth,
      payload: { from: '0093 700 333 444'.replace(/^00/, '+'), text: '2 HELP stuck at the checkpoint' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ matched: true, recorded: 1 });
    expect(res.json().reply).toContain('NEED HELP');
    const garbled = await t.app.inject({
      method: 'POST',
      url: '/api/rollcall/sms',
      headers: auth,
      payload: { from: '+93700333444', text: 'maybe' },
    });
    expect(garbled.json()).toMatchObject({ matched: true, recorded: 0 });
    const stranger = await t.app.inject({
      method: 'POST',
      url: '/api/rollcall/sms',
      headers: auth,
      payload: { from: '+41790000000', text: '1' },
    });
    expect(stranger.json()).toMatchObject({ matched: false, recorded: 0 });
  });
});

describe('the live board', () => {
  it('counts by organization, lists who needs help and who has not answered, with the person to call', async () => {
    const res = await saAfg.request({ method: 'GET', url: `/api/rollcalls/${rollCallId}` });
    expect(res.statusCode, res.body).toBe(200);
    const b = res.json();
    expect(b.view).toBe('all');
    expect(b.totals).toMatchObject({ total: 5, safe: 1, needHelp: 2, pending: 2, accountedPercent: 60 });
    const orgA = b.byOrganization.find((o: { organization: string }) => o.organization === 'ORGA');
    expect(orgA).toMatchObject({ total: 3, safe: 1, needHelp: 1, pending: 1 });
    expect(b.needHelp.map((p: { name: string }) => p.name).sort()).toEqual(['Bob Barakzai', 'Dan Amiri']);
    const dan = b.needHelp.find((p: { name: string }) => p.name === 'Dan Amiri');
    expect(dan).toMatchObject({
      answeredVia: 'web',
      note: 'Dan has a cut on his arm',
      location: { lat: 34.5, lon: 69.2 },
    });
    expect(dan.contact.name).toBe('Alice Amiri');
    expect(b.nonResponders.map((p: { name: string }) => p.name).sort()).toEqual([
      'Carl Cole',
      'Tom Traveller',
    ]);
    expect(
      b.log.some(
        (l: { kind: string; text: string }) => l.kind === 'answered' && l.text.includes('checkpoint'),
      ),
    ).toBe(true);
  });

  it('shows an organization focal point their own people only, and nothing to others', async () => {
    const a = await focalA.request({ method: 'GET', url: `/api/rollcalls/${rollCallId}` });
    expect(a.statusCode).toBe(200);
    expect(a.json().view).toBe('organization');
    expect(a.json().totals.total).toBe(3);
    expect(JSON.stringify(a.json())).not.toContain('Barakzai');
    expect((await staffB.request({ method: 'GET', url: `/api/rollcalls/${rollCallId}` })).statusCode).toBe(
      404,
    );
    expect((await saKen.request({ method: 'GET', url: `/api/rollcalls/${rollCallId}` })).statusCode).toBe(
      404,
    );
    const listKen = await saKen.request({ method: 'GET', url: '/api/rollcalls' });
    expect(listKen.json()).toEqual([]);
    const listA = await focalA.request({ method: 'GET', url: '/api/rollcalls?status=open' });
    expect(listA.json().map((r: { id: string }) => r.id)).toEqual([rollCallId]);
  });
});

describe('escalation to wardens', () => {
  it('sends each warden their zone’s non-responders after the period, once per round; the rest to the starter', async () => {
    const db = t.database.db;
    const zone = await db
      .insertInto('warden_zones')
      .values({ code: 'KBL-Z1', name: 'Kabul zone 1', country_code: 'AFG', kind: 'geographic' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('warden_zone_stations')
      .values({ zone_id: zone.id, station_id: f.stationAfg })
      .execute();
    await db.insertInto('wardens').values({ zone_id: zone.id, user_id: warden.id, role: 'warden' }).execute();
    // Zones are taken when the roll call starts: this roll call is started after the zone exists.
    const start = await saAfg.request({
      method: 'POST',
      url: '/api/rollcalls',
      payload: { area: 'AFG-01', title: 'Second check', escalateAfterMinutes: 30 },
    });
    expect(start.statusCode, start.body).toBe(201);
    const id = start.json().id as string;
    const startedAt = (
      await db.selectFrom('roll_calls').select('started_at').where('id', '=', id).executeTakeFirstOrThrow()
    ).started_at;
    const early = await sweepEscalations(db, {
      publicUrl: 'https://smin.example.org',
      now: new Date(startedAt.getTime() + 29 * 60_000),
    });
    const escalatedEarly = await db
      .selectFrom('roll_call_people')
      .select('escalations')
      .where('roll_call_id', '=', id)
      .where('escalations', '>', 0)
      .execute();
    expect(escalatedEarly).toHaveLength(0);
    const at = new Date(startedAt.getTime() + 31 * 60_000);
    expect(early).toBeGreaterThanOrEqual(0);
    // The sweep covers every open roll call: the first one's two non-responders are due too.
    const n = await sweepEscalations(db, { publicUrl: 'https://smin.example.org', now: at });
    expect(n).toBe(5 + 2);
    expect(await sweepEscalations(db, { publicUrl: 'https://smin.example.org', now: at })).toBe(0);
    const escalated = await db
      .selectFrom('roll_call_people')
      .select('person_id')
      .where('roll_call_id', '=', id)
      .where('escalations', '=', 1)
      .execute();
    expect(escalated).toHaveLength(5);
    const messages = await db
      .selectFrom('outbox')
      .select(['recipients', 'payload'])
      .where('topic', '=', 'rollcall.escalation')
      .where('dedupe_key', 'like', `rollcall:${id}:%`)
      .execute();
    const toWarden = messages.find((m) => JSON.stringify(m.recipients).includes(warden.id));
    expect(toWarden).toBeDefined();
    // The station's four; the traveller has no zone and goes to the starter.
    expect((toWarden!.payload as { subject: string }).subject).toContain('4 in your zone');
    const toStarter = messages.find((m) => JSON.stringify(m.recipients).includes(saAfg.id));
    expect((toStarter!.payload as { text: string }).text).toContain('Tom Traveller');

    // The warden reaches Carl and records him safe; a warden cannot mark the traveller outside their zone.
    const carl = await warden.request({
      method: 'POST',
      url: `/api/rollcalls/${id}/people/${ids.carl}/answer`,
      payload: { answer: 'safe', note: 'called him' },
    });
    expect(carl.statusCode, carl.body).toBe(200);
    expect(carl.json().answeredVia).toBe('warden');
    const tom = await warden.request({
      method: 'POST',
      url: `/api/rollcalls/${id}/people/${ids.tom}/answer`,
      payload: { answer: 'safe' },
    });
    expect(tom.statusCode).toBe(403);
    const board = await warden.request({ method: 'GET', url: `/api/rollcalls/${id}` });
    expect(board.json().view).toBe('warden');
    expect(board.json().totals.total).toBe(4);
    expect(board.json().log.some((l: { kind: string }) => l.kind === 'escalated')).toBe(true);
  });
});

describe('decisions and closing', () => {
  it('logs decisions with time and author, closes, and then refuses answers', async () => {
    const d = await saAfg.request({
      method: 'POST',
      url: `/api/rollcalls/${rollCallId}/log`,
      payload: { text: 'Relocate ORGB staff to the hotel' },
    });
    expect(d.statusCode).toBe(201);
    expect(
      (
        await focalA.request({
          method: 'POST',
          url: `/api/rollcalls/${rollCallId}/log`,
          payload: { text: 'x' },
        })
      ).statusCode,
    ).toBe(403);
    const closed = await saAfg.request({ method: 'POST', url: `/api/rollcalls/${rollCallId}/close` });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().rollCall.status).toBe('closed');
    expect(closed.json().log[0].text).toContain('% accounted for');
    const again = await saAfg.request({ method: 'POST', url: `/api/rollcalls/${rollCallId}/close` });
    expect(again.statusCode).toBe(409);
    const late = await t.app.inject({
      method: 'POST',
      url: `/api/rollcall/answer/${aliceToken}`,
      payload: { answers: [{ personId: ids.alice, answer: 'need_help' }] },
    });
    expect(late.statusCode).toBe(409);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', rollCallId)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['rollcall.start', 'rollcall.answer', 'rollcall.decision', 'rollcall.close']),
    );
  });
});
