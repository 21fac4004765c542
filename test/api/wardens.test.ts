import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { peopleInZone, zonesOfPeople } from '../../src/modules/wardens/membership.repository';
import { admin, createTestApp, type TestApp, type TestUser } from '../support/app';
import { seedTwoScopes, type TwoScopes } from '../support/fixtures';
import { insertPerson } from '../support/who-fixtures';

let t: TestApp;
let f: TwoScopes;
let root: TestUser;
let doAfg: TestUser;
let saAfg: TestUser;
let doKen: TestUser;
let secA: TestUser;
let secB: TestUser;
let hqA: TestUser;
let wardenA: TestUser;
let staffB: TestUser;
let stationMzr: string;
let areaAfg2: string;
const p = {} as Record<'kabul' | 'kabulDep' | 'mazar' | 'mazarB' | 'north' | 'gone' | 'nairobi', string>;

const ZONES = '/api/wardens/zones';
// A box around Mazar-i-Sharif (36.7 N, 67.1 E), with a hole that leaves it out when asked.
const box = (hole = false) => ({
  type: 'Polygon',
  coordinates: [
    [
      [66.5, 36.2],
      [67.6, 36.2],
      [67.6, 37.2],
      [66.5, 37.2],
      [66.5, 36.2],
    ],
    ...(hole
      ? [
          [
            [67.0, 36.6],
            [67.2, 36.6],
            [67.2, 36.8],
            [67.0, 36.8],
            [67.0, 36.6],
          ],
        ]
      : []),
  ],
});

const countZones = async () =>
  Number(
    (
      await t.database.db
        .selectFrom('warden_zones')
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const auditRows = (action: string) =>
  t.database.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();

beforeAll(async () => {
  t = await createTestApp();
  root = await t.user('root', admin);
  f = await seedTwoScopes(root);
  const area2 = await root.request({
    method: 'POST',
    url: '/api/areas',
    payload: { code: 'AFG-02', name: 'North', countryCode: 'AFG' },
  });
  areaAfg2 = (area2.json() as { id: string }).id;
  const mzr = await root.request({
    method: 'POST',
    url: '/api/stations',
    payload: { code: 'AFG-MZR', name: 'Mazar-i-Sharif', areaCode: 'AFG-02', lat: 36.7, lon: 67.1 },
  });
  stationMzr = (mzr.json() as { id: string }).id;
  doAfg = await t.user('do.afg', [{ role: 'designated_official', scopeType: 'country', scopeId: 'AFG' }]);
  saAfg = await t.user('sa.afg', [{ role: 'security_professional', scopeType: 'country', scopeId: 'AFG' }]);
  doKen = await t.user('do.ken', [{ role: 'designated_official', scopeType: 'country', scopeId: 'KEN' }]);
  secA = await t.user(
    'sec.a',
    [{ role: 'org_security_focal_point', scopeType: 'organization', scopeId: 'ORGA' }],
    'ORGA',
  );
  secB = await t.user(
    'sec.b',
    [{ role: 'org_security_focal_point', scopeType: 'organization', scopeId: 'ORGB' }],
    'ORGB',
  );
  hqA = await t.user(
    'hq.a',
    [{ role: 'org_hq_focal_point', scopeType: 'organization', scopeId: 'ORGA' }],
    'ORGA',
  );
  wardenA = await t.user(
    'warden.a',
    [{ role: 'personnel', scopeType: 'organization', scopeId: 'ORGA' }],
    'ORGA',
  );
  staffB = await t.user(
    'staff.b2',
    [{ role: 'personnel', scopeType: 'organization', scopeId: 'ORGB' }],
    'ORGB',
  );
  const db = t.database.db;
  p.kabul = await insertPerson(db, {
    organizationId: f.orgA,
    stationId: f.stationAfg,
    name: 'Karim Kabul',
    userId: wardenA.id,
  });
  p.kabulDep = await insertPerson(db, {
    organizationId: f.orgA,
    stationId: null,
    name: 'Kamila Kabul',
    kind: 'dependant',
    sponsorId: p.kabul,
  });
  p.mazar = await insertPerson(db, { organizationId: f.orgA, stationId: stationMzr, name: 'Mina Mazar' });
  p.mazarB = await insertPerson(db, { organizationId: f.orgB, stationId: stationMzr, name: 'Bilal Mazar' });
  p.north = await insertPerson(db, { organizationId: f.orgB, stationId: null, name: 'Nadia North' });
  await db
    .updateTable('people')
    .set({ residence_area_id: areaAfg2, email: 'nadia@example.org' })
    .where('id', '=', p.north)
    .execute();
  p.gone = await insertPerson(db, {
    organizationId: f.orgA,
    stationId: f.stationAfg,
    name: 'Gul Gone',
    status: 'separated',
  });
  p.nairobi = await insertPerson(db, {
    organizationId: f.orgB,
    stationId: f.stationKen,
    name: 'Njeri Nairobi',
  });
});
afterAll(() => t.close());

describe('warden zones', () => {
  let kabulZone: string;
  let northZone: string;
  let orgZone: string;

  it('the Designated Official creates geographic zones from stations, areas and a polygon; audited', async () => {
    const res = await doAfg.request({
      method: 'POST',
      url: ZONES,
      payload: {
        code: 'AFG-KBL-Z1',
        name: 'Kabul centre',
        countryCode: 'afg',
        kind: 'geographic',
        stationCodes: ['afg-kbl'],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const zone = res.json();
    expect(zone).toMatchObject({
      code: 'AFG-KBL-Z1',
      countryCode: 'AFG',
      kind: 'geographic',
      organization: null,
      stations: [{ code: 'AFG-KBL' }],
      memberCount: 2, // Karim and his dependant; the separated colleague is not counted
      wardens: [],
      canManage: true,
      version: 1,
    });
    kabulZone = zone.id;
    const north = await saAfg.request({
      method: 'POST',
      url: ZONES,
      payload: {
        code: 'AFG-N',
        name: 'North',
        countryCode: 'AFG',
        kind: 'geographic',
        areaCodes: ['AFG-02'],
        polygon: box(),
      },
    });
    expect(north.statusCode, north.body).toBe(201);
    northZone = north.json().id;
    expect(north.json()).toMatchObject({ hasPolygon: true, areas: [{ code: 'AFG-02' }], memberCount: 3 });
    const [created] = await auditRows('warden_zone.create');
    expect(created).toMatchObject({
      entity_id: kabulZone,
      country_code: 'AFG',
      outcome: 'success',
      actor_label: 'do.afg',
    });
    expect((await auditRows('warden_zone.create')).length).toBe(2);
  });

  it('refuses bad input naming the field, writing nothing', async () => {
    const before = await countZones();
    const post = (payload: object) => doAfg.request({ method: 'POST', url: ZONES, payload });
    const base = { code: 'AFG-BAD', name: 'Bad', countryCode: 'AFG', kind: 'geographic' };
    const cases: [object, number, string][] = [
      [{ ...base, stationCodes: ['AFG-KBL', 'KEN-NBO'] }, 422, 'stationCodes.1'],
      [{ ...base, areaCodes: ['NOPE'] }, 422, 'areaCodes.0'],
      [{ ...base, polygon: { type: 'Point', coordinates: [67, 36] } }, 422, 'polygon.type'],
      [
        {
          ...base,
          polygon: {
            type: 'Polygon',
            coordinates: [
              [
                [66, 36],
                [67, 36],
                [67, 37],
                [66, 37],
              ],
            ],
          },
        },
        422,
        'polygon.coordinates.0',
      ],
      [
        {
          ...base,
          polygon: {
            type: 'Polygon',
            coordinates: [
              [
                [66, 36],
                [67, 36],
                [267, 37],
                [66, 37],
                [66, 36],
              ],
            ],
          },
        },
        422,
        'polygon.coordinates.0.2',
      ],
      [{ ...base, organizationCode: 'ORGA' }, 422, 'organizationCode'],
      [{ ...base, kind: 'organization' }, 422, 'organizationCode'],
      [{ ...base, countryCode: 'ZZZ' }, 422, 'countryCode'],
      [{ ...base, kind: 'street' }, 400, 'kind'],
      [{ ...base, code: 'has space' }, 400, 'code'],
      [{ ...base, surprise: true }, 400, ''],
      [{ ...base, code: 'afg-kbl-z1' }, 409, 'code'],
    ];
    for (const [payload, status, field] of cases) {
      const res = await post(payload);
      expect(res.statusCode, `${JSON.stringify(payload)} → ${res.body}`).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      if (field) expect(JSON.stringify(res.json().errors ?? [])).toContain(`"${field}`);
    }
    expect(await countZones()).toBe(before);
    const patch = await doAfg.request({
      method: 'PATCH',
      url: `${ZONES}/${kabulZone}`,
      payload: { version: 1, stationCodes: ['KEN-NBO'] },
    });
    expect(patch.statusCode).toBe(422);
    expect(patch.json().errors[0].field).toBe('stationCodes.0');
    const stale = await doAfg.request({
      method: 'PATCH',
      url: `${ZONES}/${kabulZone}`,
      payload: { version: 7, name: 'x' },
    });
    expect(stale.statusCode).toBe(409);
  });

  it('geographic zones are managed by the country only; organization zones by the organization only', async () => {
    const geo = { code: 'AFG-X', name: 'X', countryCode: 'AFG', kind: 'geographic' };
    expect((await doKen.request({ method: 'POST', url: ZONES, payload: geo })).statusCode).toBe(403);
    expect((await secA.request({ method: 'POST', url: ZONES, payload: geo })).statusCode).toBe(403);
    expect((await hqA.request({ method: 'POST', url: ZONES, payload: geo })).statusCode).toBe(403);
    const orgB = {
      code: 'ORGB-AFG',
      name: 'B office',
      countryCode: 'AFG',
      kind: 'organization',
      organizationCode: 'ORGB',
    };
    expect((await secA.request({ method: 'POST', url: ZONES, payload: orgB })).statusCode).toBe(403);
    expect((await doAfg.request({ method: 'POST', url: ZONES, payload: orgB })).statusCode).toBe(403);
    const orgA = await secA.request({
      method: 'POST',
      url: ZONES,
      payload: {
        code: 'ORGA-AFG',
        name: 'A staff in Afghanistan',
        countryCode: 'AFG',
        kind: 'organization',
        organizationCode: 'ORGA',
        stationCodes: ['AFG-KBL', 'AFG-MZR'],
      },
    });
    expect(orgA.statusCode, orgA.body).toBe(201);
    orgZone = orgA.json().id;
    // ORGA's zone holds ORGA's people only, whatever else is at its stations.
    expect(orgA.json().memberCount).toBe(3);
    // The DO reads the organization's zone but does not run it; another organization does not see it.
    expect((await doAfg.request({ url: `${ZONES}/${orgZone}` })).json().canManage).toBe(false);
    expect(
      (
        await doAfg.request({
          method: 'PATCH',
          url: `${ZONES}/${orgZone}`,
          payload: { version: 1, name: 'x' },
        })
      ).statusCode,
    ).toBe(403);
    expect((await secB.request({ url: `${ZONES}/${orgZone}` })).statusCode).toBe(404);
    expect(
      (
        await secB.request({
          method: 'PATCH',
          url: `${ZONES}/${orgZone}`,
          payload: { version: 1, name: 'x' },
        })
      ).statusCode,
    ).toBe(404);
    expect((await doKen.request({ url: `${ZONES}/${kabulZone}` })).statusCode).toBe(404);
    expect((await hqA.request({ url: `${ZONES}/${orgZone}` })).statusCode).toBe(200);
    expect((await hqA.request({ url: `${ZONES}/${kabulZone}` })).statusCode).toBe(404);
    expect((await staffB.request({ url: `${ZONES}/${kabulZone}` })).statusCode).toBe(404);
    // Lists follow the same scopes.
    const codes = async (u: TestUser) =>
      ((await u.request({ url: ZONES })).json().items as { code: string }[]).map((z) => z.code);
    expect(await codes(doAfg)).toEqual(['AFG-KBL-Z1', 'AFG-N', 'ORGA-AFG']);
    expect(await codes(secA)).toEqual(['ORGA-AFG']);
    expect(await codes(secB)).toEqual([]);
    expect(await codes(doKen)).toEqual([]);
    expect(await codes(staffB)).toEqual([]);
    expect((await t.app.inject({ url: ZONES })).statusCode).toBe(401);
  });

  it('wardens are appointed by username; a warden reads their own zone and its people', async () => {
    const appoint = (u: TestUser, zone: string, payload: object) =>
      u.request({ method: 'POST', url: `${ZONES}/${zone}/wardens`, payload });
    expect((await appoint(secA, kabulZone, { username: 'warden.a' })).statusCode).toBe(404);
    expect((await appoint(doAfg, kabulZone, { username: 'nobody' })).json().errors[0].field).toBe('username');
    const ok = await appoint(doAfg, kabulZone, { username: 'warden.a', role: 'warden' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({
      userId: wardenA.id,
      role: 'warden',
      personId: p.kabul,
      appointedBy: 'do.afg',
    });
    expect((await appoint(doAfg, kabulZone, { username: 'warden.a' })).statusCode).toBe(409);
    // An organization's zone takes wardens from that organization.
    expect((await appoint(secA, orgZone, { username: 'staff.b2' })).json().errors[0].field).toBe('username');
    expect((await appoint(secA, orgZone, { username: 'warden.a', role: 'deputy' })).statusCode).toBe(201);
    expect(await auditRows('warden.appoint')).toHaveLength(2);

    expect((await wardenA.request({ url: `${ZONES}/${kabulZone}` })).statusCode).toBe(200);
    expect((await wardenA.request({ url: `${ZONES}/${northZone}` })).statusCode).toBe(404);
    expect(
      (
        await wardenA.request({
          method: 'PATCH',
          url: `${ZONES}/${kabulZone}`,
          payload: { version: 1, name: 'x' },
        })
      ).statusCode,
    ).toBe(403);
    const me = await wardenA.request({ url: '/api/wardens/me' });
    expect(me.statusCode).toBe(200);
    const mine = me.json().zones as {
      zone: { code: string };
      myRole: string;
      members: { name: string; covered: boolean }[];
    }[];
    expect(mine.map((z) => [z.zone.code, z.myRole])).toEqual([
      ['AFG-KBL-Z1', 'warden'],
      ['ORGA-AFG', 'deputy'],
    ]);
    expect(mine[0]?.members.map((m) => m.name)).toEqual(['Kamila Kabul', 'Karim Kabul']);
    expect((await staffB.request({ url: '/api/wardens/me' })).json()).toEqual({ zones: [] });
  });

  it('membership: assignment beats station, station beats residence area, area beats polygon; dependants follow', async () => {
    const db = t.database.db;
    const zonesOf = async (id: string) =>
      ((await zonesOfPeople(db, [id])).get(id) ?? []).map((z) => `${z.kind}:${z.zoneCode}`);
    expect(await zonesOf(p.kabul)).toEqual(['geographic:AFG-KBL-Z1', 'organization:ORGA-AFG']);
    expect(await zonesOf(p.kabulDep)).toEqual(['geographic:AFG-KBL-Z1', 'organization:ORGA-AFG']);
    expect(await zonesOf(p.mazarB)).toEqual(['geographic:AFG-N']); // by polygon; not in ORGA's zone
    expect(await zonesOf(p.north)).toEqual(['geographic:AFG-N']); // by residence area
    expect(await zonesOf(p.gone)).toEqual([]);
    expect(await zonesOf(p.nairobi)).toEqual([]);
    // Assign Mina (stationed in the north) to Kabul: the assignment wins, and moves on reassignment.
    const assign = await doAfg.request({
      method: 'POST',
      url: `${ZONES}/${kabulZone}/assignments`,
      payload: { personId: p.mazar },
    });
    expect(assign.statusCode, assign.body).toBe(201);
    expect(await zonesOf(p.mazar)).toEqual(['geographic:AFG-KBL-Z1', 'organization:ORGA-AFG']);
    const members = await doAfg.request({ url: `${ZONES}/${kabulZone}/members` });
    expect(members.json().items.find((m: { personId: string }) => m.personId === p.mazar)).toMatchObject({
      basis: 'assigned',
      covered: true,
      organization: { code: 'ORGA' },
    });
    // A person out of the country, or of another organization for an organization zone, is refused.
    const far = await doAfg.request({
      method: 'POST',
      url: `${ZONES}/${kabulZone}/assignments`,
      payload: { personId: p.nairobi },
    });
    expect(far.statusCode).toBe(422);
    expect(far.json().errors[0].field).toBe('personId');
    const other = await secA.request({
      method: 'POST',
      url: `${ZONES}/${orgZone}/assignments`,
      payload: { personId: p.mazarB },
    });
    expect(other.statusCode).toBe(422);
    // The polygon's hole leaves Mazar out; Bilal then has no geographic zone.
    const zone = (await saAfg.request({ url: `${ZONES}/${northZone}` })).json();
    const patched = await saAfg.request({
      method: 'PATCH',
      url: `${ZONES}/${northZone}`,
      payload: { version: zone.version, polygon: box(true) },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(await zonesOf(p.mazarB)).toEqual([]);
    expect(await peopleInZone(db, northZone)).toEqual([p.north]);
    const [upd] = await auditRows('warden_zone.update');
    expect(upd?.before).toMatchObject({ polygon: box() });
    expect(upd?.after).toMatchObject({ polygon: box(true) });
    // Unassigning puts Mina back where her station places her.
    const un = await doAfg.request({ method: 'DELETE', url: `${ZONES}/${kabulZone}/assignments/${p.mazar}` });
    expect(un.statusCode).toBe(204);
    expect(await zonesOf(p.mazar)).toEqual(['organization:ORGA-AFG']);
    expect(
      (await doAfg.request({ method: 'DELETE', url: `${ZONES}/${kabulZone}/assignments/${p.mazar}` }))
        .statusCode,
    ).toBe(404);
    expect((await auditRows('warden_assignment.create')).length).toBe(1);
    expect((await auditRows('warden_assignment.delete')).length).toBe(1);
  });

  it("pages a zone's members by name with a cursor", async () => {
    const first = await doAfg.request({ url: `${ZONES}/${orgZone}/members?limit=2` });
    expect(first.statusCode).toBe(200);
    const body = first.json();
    expect(body.total).toBe(3);
    expect(body.items.map((m: { name: string }) => m.name)).toEqual(['Kamila Kabul', 'Karim Kabul']);
    expect(body.items[0]).toMatchObject({ kind: 'dependant', basis: 'station', covered: true });
    const next = await doAfg.request({
      url: `${ZONES}/${orgZone}/members?limit=2&cursor=${body.nextCursor}`,
    });
    expect(next.json()).toMatchObject({ items: [{ name: 'Mina Mazar' }], nextCursor: null });
    expect((await doAfg.request({ url: `${ZONES}/${orgZone}/members?cursor=garbage` })).statusCode).toBe(400);
    expect((await secB.request({ url: `${ZONES}/${orgZone}/members` })).statusCode).toBe(404);
    const search = await doAfg.request({ url: `${ZONES}/${orgZone}/members?q=mina` });
    expect(search.json().items.map((m: { name: string }) => m.name)).toEqual(['Mina Mazar']);
  });

  it('coverage per country: people with no zone, zones with no warden, within the reader’s scope', async () => {
    const res = await doAfg.request({ url: '/api/wardens/coverage?country=AFG' });
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json();
    // Stationed in AFG and active: Karim (+ dependant), Mina, Bilal. Nadia lives in the north but has no station.
    expect(c).toMatchObject({
      countryCode: 'AFG',
      people: 4,
      inAnyZone: 3,
      withoutZone: 1,
      withoutWarden: 0,
    });
    expect(c.unzoned.map((u: { name: string }) => u.name)).toEqual(['Bilal Mazar']);
    expect(c.zonesWithoutWarden.map((z: { code: string }) => z.code)).toEqual(['AFG-N']);
    const a = (await secA.request({ url: '/api/wardens/coverage?country=AFG' })).json();
    expect(a).toMatchObject({ people: 3, withoutZone: 0 });
    expect(a.zones.map((z: { code: string }) => z.code)).toEqual(['ORGA-AFG']);
    expect((await doKen.request({ url: '/api/wardens/coverage?country=AFG' })).statusCode).toBe(403);
    expect((await staffB.request({ url: '/api/wardens/coverage?country=AFG' })).statusCode).toBe(403);
    expect((await doAfg.request({ url: '/api/wardens/coverage?country=A1' })).statusCode).toBe(400);
  });

  it('removing a warden and archiving a zone are audited; an archived zone claims no one', async () => {
    expect(
      (await secA.request({ method: 'DELETE', url: `${ZONES}/${kabulZone}/wardens/${wardenA.id}` }))
        .statusCode,
    ).toBe(404);
    expect(
      (await doAfg.request({ method: 'DELETE', url: `${ZONES}/${kabulZone}/wardens/${wardenA.id}` }))
        .statusCode,
    ).toBe(204);
    expect(
      (await doAfg.request({ method: 'DELETE', url: `${ZONES}/${kabulZone}/wardens/${wardenA.id}` }))
        .statusCode,
    ).toBe(404);
    expect((await wardenA.request({ url: `${ZONES}/${kabulZone}` })).statusCode).toBe(404);
    const v = (await doAfg.request({ url: `${ZONES}/${kabulZone}` })).json().version;
    expect(
      (await doKen.request({ method: 'POST', url: `${ZONES}/${kabulZone}/archive`, payload: { version: v } }))
        .statusCode,
    ).toBe(404);
    const arch = await doAfg.request({
      method: 'POST',
      url: `${ZONES}/${kabulZone}/archive`,
      payload: { version: v },
    });
    expect(arch.statusCode, arch.body).toBe(200);
    expect(arch.json()).toMatchObject({ archived: true, canManage: false, memberCount: 0 });
    expect(await peopleInZone(t.database.db, kabulZone)).toEqual([]);
    expect(
      (
        await doAfg.request({
          method: 'PATCH',
          url: `${ZONES}/${kabulZone}`,
          payload: { version: v + 1, name: 'x' },
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (await doAfg.request({ url: ZONES })).json().items.map((z: { code: string }) => z.code),
    ).not.toContain('AFG-KBL-Z1');
    const withArchived = await doAfg.request({
      url: `${ZONES}?includeArchived=true&country=AFG&kind=geographic`,
    });
    expect(
      withArchived.json().items.map((z: { code: string; archived: boolean }) => [z.code, z.archived]),
    ).toEqual([
      ['AFG-KBL-Z1', true],
      ['AFG-N', false],
    ]);
    expect(await auditRows('warden.remove')).toHaveLength(1);
    expect(await auditRows('warden_zone.archive')).toHaveLength(1);
    // Refused writes by known callers are audited as denied.
    const denied = await t.database.db
      .selectFrom('audit_log')
      .select('outcome')
      .where('outcome', '=', 'denied')
      .where('actor_label', '=', 'do.ken')
      .execute();
    expect(denied.length).toBeGreaterThan(0);
  });
});
