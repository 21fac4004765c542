import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPresent, type WhoFilter } from '../../src/modules/travel/who.repository';
import type { WhoResult } from '../../src/modules/travel/who.schema';
import { sweepExpiredFixes } from '../../src/modules/travel/who.service';
import { admin, createTestApp, type TestApp, type TestUser } from '../support/app';
import { seedTwoScopes, type TwoScopes } from '../support/fixtures';
import { insertPerson, insertTrip } from '../support/who-fixtures';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const now = Date.now();
const ago = (ms: number) => new Date(now - ms);
const later = (ms: number) => new Date(now + ms);

let t: TestApp;
let f: TwoScopes;
let desk: TestUser;
let saAfg: TestUser;
let secA: TestUser;
let self: TestUser;
let other: TestUser;
const p: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  const root = await t.user('root', admin);
  f = await seedTwoScopes(root);
  desk = await t.user('desk', [{ role: 'desk_officer', scopeType: 'global', scopeId: null }]);
  saAfg = await t.user('sa.afg', [{ role: 'security_professional', scopeType: 'country', scopeId: 'AFG' }]);
  secA = await t.user(
    'sec.a',
    [{ role: 'org_security_focal_point', scopeType: 'organization', scopeId: 'ORGA' }],
    'ORGA',
  );
  self = await t.user(
    'staff.a1',
    [{ role: 'personnel', scopeType: 'organization', scopeId: 'ORGA' }],
    'ORGA',
  );
  other = await t.user(
    'staff.b9',
    [{ role: 'personnel', scopeType: 'organization', scopeId: 'ORGB' }],
    'ORGB',
  );
  const db = t.database.db;
  const A = { organizationId: f.orgA, stationId: f.stationAfg };
  const B = { organizationId: f.orgB, stationId: f.stationKen };
  p.a1 = await insertPerson(db, { ...A, name: 'Aisha One', userId: self.id });
  p.a2 = await insertPerson(db, { ...A, name: 'Ahmad Two', recruitment: 'local' });
  p.a1dep = await insertPerson(db, { ...A, name: 'Ali Dependant', kind: 'dependant', sponsorId: p.a1 });
  p.a3 = await insertPerson(db, { ...A, name: 'Arash Traveller' });
  p.aSep = await insertPerson(db, { ...A, name: 'Gone Separated', status: 'separated' });
  p.b1 = await insertPerson(db, { ...B, name: 'Beatrice Visitor' });
  p.b2 = await insertPerson(db, { ...B, name: 'Boris Transit' });
  p.b3 = await insertPerson(db, { ...B, name: 'Bella Refused' });
  const trip = { arrivesAt: ago(2 * DAY), departsAt: later(3 * DAY) };
  await insertTrip(db, {
    ...trip,
    personId: p.b1,
    countryCode: 'AFG',
    areaId: f.areaAfg,
    status: 'cleared',
    stationId: f.stationAfg,
  });
  await insertTrip(db, {
    ...trip,
    personId: p.a3,
    countryCode: 'KEN',
    areaId: f.areaKen,
    status: 'pending',
    lat: -1.3,
    lon: 36.8,
  });
  await insertTrip(db, { ...trip, personId: p.b3, countryCode: 'AFG', areaId: f.areaAfg, status: 'refused' });
  await insertTrip(db, {
    personId: p.b2,
    countryCode: 'AFG',
    areaId: f.areaAfg,
    status: 'cleared',
    leavesAirport: false,
    arrivesAt: ago(HOUR),
    departsAt: later(HOUR),
  });
  // The DO approved precise tracking in the Kabul area, not in Kenya.
  await db
    .insertInto('clearance_rules')
    .values([
      {
        country_code: 'AFG',
        area_id: f.areaAfg,
        mode: 'manual',
        required_courses: '["BSAFE","SSAFE"]',
        precise_tracking: true,
        precise_until: later(10 * DAY),
      },
      { country_code: 'KEN', area_id: null, mode: 'automatic', required_courses: '["BSAFE"]' },
    ])
    .execute();
});
afterAll(() => t.close());

const who = async (user: TestUser, query: string) => {
  const res = await user.request({ url: `/api/who?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as WhoResult;
};
const names = (r: WhoResult) => r.items.map((i) => i.name.split(' ')[0]).sort();

describe('who-is-where', () => {
  it('places people at their duty station unless cleared or pending travel covering the moment puts them elsewhere', async () => {
    const r = await who(desk, 'area=AFG-01');
    // Beatrice visits from Kenya; Arash is away in Kenya; Boris only changes planes; Bella's trip was refused.
    expect(names(r)).toEqual(['Ahmad', 'Aisha', 'Beatrice']);
    expect(r.totals).toMatchObject({
      people: 4,
      personnel: 3,
      dependants: 1,
      international: 3,
      local: 1,
      travellers: 1,
    });
    expect(r.totals.byOrganization).toEqual([
      { organization: 'ORGA', people: 3, personnel: 2, dependants: 1 },
      { organization: 'ORGB', people: 1, personnel: 1, dependants: 0 },
    ]);
    const visitor = r.items.find((i) => i.personId === p.b1);
    expect(visitor?.where).toMatchObject({ source: 'travel', areaCode: 'AFG-01', stationCode: 'AFG-KBL' });
    expect(visitor?.travel?.requestReference).toMatch(/^TR-TEST-/);
    expect(r.items.find((i) => i.personId === p.a1)?.where).toEqual({
      source: 'duty_station',
      areaCode: 'AFG-01',
      stationCode: 'AFG-KBL',
    });

    const before = await who(desk, `area=AFG-01&at=${ago(5 * DAY).toISOString()}`);
    expect(names(before)).toEqual(['Ahmad', 'Aisha', 'Arash']);
    const ken = await who(desk, 'country=KEN&include=dependants');
    // Boris is in an airport abroad: neither in Kenya nor in Afghanistan.
    expect(names(ken)).toEqual(['Arash', 'Bella']);
    expect(ken.totals.travellers).toBe(1);
  });

  it('lists dependants on request and filters by kind, recruitment and organization', async () => {
    expect(names(await who(desk, 'area=AFG-01&include=dependants'))).toEqual([
      'Ahmad',
      'Aisha',
      'Ali',
      'Beatrice',
    ]);
    const deps = await who(desk, 'country=AFG&kind=dependant');
    expect(names(deps)).toEqual(['Ali']);
    expect(deps.totals.people).toBe(1);
    expect(names(await who(desk, 'country=AFG&recruitment=local'))).toEqual(['Ahmad']);
    expect(names(await who(desk, 'country=AFG&organization=ORGB'))).toEqual(['Beatrice']);
  });

  it('finds people within a radius, travellers by their segment', async () => {
    expect(names(await who(desk, 'near=34.6,69.2,50'))).toEqual(['Ahmad', 'Aisha', 'Beatrice']);
    expect(names(await who(desk, 'near=-1.29,36.82,20'))).toEqual(['Arash', 'Bella']);
    expect((await who(desk, 'near=0,0,50')).totals.people).toBe(0);
  });

  it('pages by id with every person exactly once', async () => {
    const all = await who(desk, 'country=AFG&include=dependants');
    const seen: string[] = [];
    let after = '';
    for (let i = 0; i < 10; i++) {
      const page = await who(desk, `country=AFG&include=dependants&limit=1${after}`);
      seen.push(...page.items.map((x) => x.personId));
      if (!page.next) break;
      after = `&after=${page.next}`;
    }
    expect(seen).toEqual(all.items.map((x) => x.personId));
    expect(seen).toHaveLength(4);

    // The whole earth (beyond the API's 1,000 km, so through the repository): several stations
    // and travellers merged, page after page, in id order.
    const f0: WhoFilter = { place: { near: { lat: 0, lon: 0, km: 20_000 } }, at: new Date(), scope: null };
    const opts = { kinds: ['personnel', 'dependant'], now: new Date() };
    const world = await findPresent(t.database.db, f0, { ...opts, limit: 100 });
    const ids = world.rows.map((x) => x.id);
    expect(ids).toEqual([...ids].sort());
    expect(world.groups.reduce((n, g) => n + g.n, 0)).toBe(ids.length);
    const paged: string[] = [];
    let last: string | undefined;
    for (let i = 0; i < 20; i++) {
      const page = await findPresent(t.database.db, f0, { ...opts, limit: 2, after: last });
      paged.push(...page.rows.map((x) => x.id));
      if (page.rows.length < 2) break;
      last = page.rows.at(-1)?.id;
    }
    expect(paged).toEqual(ids);
    expect(ids.length).toBeGreaterThan(4);
  });

  it('keeps scopes apart: an organization sees its own people, a country sees who is present there', async () => {
    expect(names(await who(secA, 'area=AFG-01'))).toEqual(['Ahmad', 'Aisha']);
    expect(names(await who(secA, 'country=KEN'))).toEqual(['Arash']);
    expect(names(await who(saAfg, 'country=AFG'))).toEqual(['Ahmad', 'Aisha', 'Beatrice']);
    // Arash is stationed in Afghanistan but in Kenya now: not the AFG adviser's to see.
    const ken = await who(saAfg, 'country=KEN');
    expect(ken.items).toEqual([]);
    expect(ken.totals.people).toBe(0);
    expect((await other.request({ url: '/api/who?country=AFG' })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/who?country=AFG' })).statusCode).toBe(401);
    expect((await desk.request({ url: '/api/who?area=NOPE-01' })).statusCode).toBe(400);
    expect((await desk.request({ url: '/api/who' })).statusCode).toBe(400);
    expect((await desk.request({ url: '/api/who?near=1,2' })).statusCode).toBe(400);
  });

  it('shows a precise location only where approved and for 96 hours; deletion on request removes it', async () => {
    const post = (user: TestUser, id: string, payload: object) =>
      user.request({ method: 'POST', url: `/api/people/${id}/locations`, payload });
    const fix = await post(self, p.a1 as string, { lat: 34.55, lon: 69.2 });
    expect(fix.statusCode, fix.body).toBe(201);
    const expires = new Date(fix.json().expiresAt).getTime();
    expect(expires - new Date(fix.json().recordedAt).getTime()).toBe(96 * HOUR);
    // Kenya has no approval: Arash's focal point cannot record one there.
    expect((await post(secA, p.a3 as string, { lat: -1.3, lon: 36.8 })).statusCode).toBe(422);
    // Someone of another organization cannot even tell the person exists.
    expect((await post(other, p.a2 as string, { lat: 34.5, lon: 69.1 })).statusCode).toBe(404);
    expect(
      (await post(self, p.a1 as string, { lat: 34.5, lon: 69.1, recordedAt: ago(97 * HOUR).toISOString() }))
        .statusCode,
    ).toBe(422);

    const r = await who(saAfg, 'area=AFG-01');
    expect(r.items.find((i) => i.personId === p.a1)?.where).toMatchObject({
      source: 'precise',
      lat: 34.55,
      lon: 69.2,
    });
    const late = await who(saAfg, `area=AFG-01&at=${later(97 * HOUR).toISOString()}`);
    expect(late.items.find((i) => i.personId === p.a1)?.where.source).toBe('duty_station');
    // The approval ending hides the fix at once.
    await t.database.db
      .updateTable('clearance_rules')
      .set({ precise_until: ago(1000) })
      .where('area_id', '=', f.areaAfg)
      .execute();
    expect(
      (await who(saAfg, 'area=AFG-01')).items.find((i) => i.personId === p.a1)?.where.lat,
    ).toBeUndefined();
    await t.database.db
      .updateTable('clearance_rules')
      .set({ precise_until: later(10 * DAY) })
      .where('area_id', '=', f.areaAfg)
      .execute();

    const del = await self.request({ method: 'DELETE', url: `/api/people/${p.a1}/locations` });
    expect(del.json()).toEqual({ deleted: 1 });
    expect((await who(saAfg, 'area=AFG-01')).items.find((i) => i.personId === p.a1)?.where.source).toBe(
      'duty_station',
    );
    const audited = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', p.a1 as string)
      .execute();
    expect(audited.map((a) => a.action).sort()).toEqual(['location.delete', 'location.record']);
  });

  it('deletes expired fixes in the scheduler job', async () => {
    const rule = await t.database.db
      .selectFrom('clearance_rules')
      .select('id')
      .where('area_id', '=', f.areaAfg)
      .executeTakeFirstOrThrow();
    await t.database.db
      .insertInto('precise_locations')
      .values({
        person_id: p.a2 as string,
        lat: 34.5,
        lon: 69.1,
        recorded_at: ago(100 * HOUR),
        expires_at: ago(4 * HOUR),
        rule_id: rule.id,
      })
      .execute();
    expect(await sweepExpiredFixes(t.database.db)).toBe(1);
    expect(await sweepExpiredFixes(t.database.db)).toBe(0);
  });
  it('lets the latest of overlapping segments decide: an airside stopover inside a trip places nobody', async () => {
    const db = t.database.db;
    const olga = await insertPerson(db, {
      organizationId: f.orgB,
      stationId: f.stationKen,
      name: 'Olga Overlap',
    });
    await insertTrip(db, {
      personId: olga,
      countryCode: 'AFG',
      areaId: f.areaAfg,
      stationId: f.stationAfg,
      status: 'cleared',
      arrivesAt: later(19 * DAY),
      departsAt: later(25 * DAY),
    });
    await insertTrip(db, {
      personId: olga,
      countryCode: 'AFG',
      areaId: f.areaAfg,
      status: 'pending',
      leavesAirport: false,
      lat: 34.56,
      lon: 69.21,
      arrivesAt: later(20 * DAY),
      departsAt: later(20 * DAY + 4 * HOUR),
    });
    const at = (ms: number) => `&at=${later(ms).toISOString()}`;
    const olgas = (r: WhoResult) => r.items.filter((i) => i.personId === olga).map((i) => i.where.source);
    // Before her trip she is at home in Kenya; during it in Kabul, found by area, country and radius.
    expect(olgas(await who(desk, `country=KEN${at(18 * DAY)}`))).toEqual(['duty_station']);
    expect(olgas(await who(desk, `area=AFG-01${at(19 * DAY + HOUR)}`))).toEqual(['travel']);
    expect(olgas(await who(desk, `near=34.6,69.2,50${at(19 * DAY + HOUR)}`))).toEqual(['travel']);
    expect(olgas(await who(desk, `country=KEN${at(19 * DAY + HOUR)}`))).toEqual([]);
    // The later, airside segment wins while it lasts: she is in neither country, counted nowhere.
    for (const q of ['country=AFG', 'country=KEN', 'near=34.6,69.2,50']) {
      const r = await who(desk, `${q}${at(20 * DAY + HOUR)}`);
      expect(olgas(r), q).toEqual([]);
    }
    expect(olgas(await who(desk, `country=AFG${at(21 * DAY)}`))).toEqual(['travel']);
  });
});
