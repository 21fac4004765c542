import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, createTestApp, type TestApp, type TestUser } from '../support/app';
import { seedTwoScopes } from '../support/fixtures';

let t: TestApp;
let root: TestUser;
let hrA: TestUser;
let hrB: TestUser;
let saAfg: TestUser;
let alice: TestUser;
let aliceId: string;
let bobId: string;

const post = async (u: TestUser, url: string, payload: object, status = 201) => {
  const res = await u.request({ method: 'POST', url, payload });
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
};

beforeAll(async () => {
  t = await createTestApp();
  root = await t.user('root', admin);
  await seedTwoScopes(root);
  hrA = await t.user(
    'hr.a',
    [{ role: 'org_hq_focal_point', scopeType: 'organization', scopeId: 'ORGA' }],
    'ORGA',
  );
  hrB = await t.user(
    'hr.b',
    [{ role: 'org_hq_focal_point', scopeType: 'organization', scopeId: 'ORGB' }],
    'ORGB',
  );
  saAfg = await t.user('sa.afg', [{ role: 'security_professional', scopeType: 'country', scopeId: 'AFG' }]);
  alice = await t.user('alice', [{ role: 'personnel', scopeType: 'organization', scopeId: 'ORGA' }], 'ORGA');
  const a = await post(hrA, '/api/people', {
    organizationCode: 'ORGA',
    externalId: 'A-1',
    givenName: 'Alice',
    familyName: 'Adams',
    recruitment: 'international',
    dutyStationCode: 'AFG-KBL',
    email: 'alice@example.org',
    userId: alice.id,
  });
  aliceId = a.id;
  // ORGA's Bob stationed in Kenya: the Afghanistan adviser does not see him.
  bobId = (
    await post(hrA, '/api/people', {
      organizationCode: 'ORGA',
      externalId: 'A-2',
      givenName: 'Bob',
      familyName: 'Brown',
      recruitment: 'local',
      dutyStationCode: 'KEN-NBO',
    })
  ).id;
  await post(hrB, '/api/people', {
    organizationCode: 'ORGB',
    externalId: 'B-1',
    givenName: 'Carla',
    familyName: 'Cruz',
    recruitment: 'local',
    dutyStationCode: 'AFG-KBL',
  });
});
afterAll(async () => {
  await t?.close();
});

const names = async (u: TestUser, query = '') => {
  const res = await u.request({ method: 'GET', url: `/api/people${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as { givenName: string }[]).map((p) => p.givenName).sort();
};

describe('scope isolation', () => {
  it('an organization sees its own people only, anywhere', async () => {
    expect(await names(hrA)).toEqual(['Alice', 'Bob']);
    expect(await names(hrB)).toEqual(['Carla']);
    const res = await hrB.request({ method: 'GET', url: `/api/people/${aliceId}` });
    expect(res.statusCode).toBe(404);
  });

  it('a country security professional sees people stationed in the country only', async () => {
    expect(await names(saAfg)).toEqual(['Alice', 'Carla']);
    expect((await saAfg.request({ method: 'GET', url: `/api/people/${bobId}` })).statusCode).toBe(404);
    expect(await names(saAfg, '?organization=ORGB')).toEqual(['Carla']);
  });

  it('a person sees themself and their dependants, nobody else', async () => {
    expect(await names(alice)).toEqual(['Alice']);
    await post(alice, '/api/people/me/dependants', { givenName: 'Dan', familyName: 'Adams', sex: 'male' });
    expect(await names(alice)).toEqual(['Alice', 'Dan']);
    const me = (await alice.request({ method: 'GET', url: '/api/people/me' })).json();
    expect(me.id).toBe(aliceId);
    expect(me.dependants.map((d: { givenName: string }) => d.givenName)).toEqual(['Dan']);
    expect(me.dependants[0].dutyStation.code).toBe('AFG-KBL');
    expect(me.training.BSAFE.state).toBe('missing');
    expect((await alice.request({ method: 'GET', url: `/api/people/${bobId}` })).statusCode).toBe(404);
  });

  it('keyset pages cover everyone once', async () => {
    const seen: string[] = [];
    let after = '';
    for (let i = 0; i < 10; i++) {
      const res = await root.request({
        method: 'GET',
        url: `/api/people?limit=1${after ? `&after=${after}` : ''}`,
      });
      const body = res.json();
      seen.push(...body.items.map((p: { id: string }) => p.id));
      if (!body.next) break;
      after = body.next;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(4);
  });
});

describe('self-service limits', () => {
  it('corrects contacts, residence and emergency contact, own and dependants’', async () => {
    const me = (await alice.request({ method: 'GET', url: '/api/people/me' })).json();
    const dan = me.dependants[0];
    const res = await alice.request({
      method: 'PATCH',
      url: '/api/people/me',
      payload: {
        version: me.version,
        phone: '+93 700 000 000',
        residenceAreaCode: 'AFG-01',
        emergencyContact: { name: 'Eve Adams', relation: 'sister', phone: '+44 20 0000' },
        dependants: [{ id: dan.id, version: dan.version, phone: '+93 700 000 001' }],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().phone).toBe('+93 700 000 000');
    expect(res.json().residenceAreaCode).toBe('AFG-01');
    expect(res.json().dependants[0].phone).toBe('+93 700 000 001');
  });

  it('may not change organization, recruitment or duty station, nor others’ profiles', async () => {
    const me = (await alice.request({ method: 'GET', url: '/api/people/me' })).json();
    for (const field of [
      { recruitment: 'local' },
      { dutyStationCode: 'KEN-NBO' },
      { organizationCode: 'ORGB' },
    ]) {
      const res = await alice.request({
        method: 'PATCH',
        url: '/api/people/me',
        payload: { version: me.version, ...field },
      });
      expect(res.statusCode).toBe(400);
    }
    const own = await alice.request({
      method: 'PATCH',
      url: `/api/people/${aliceId}`,
      payload: { version: me.version, recruitment: 'local' },
    });
    expect(own.statusCode).toBe(403);
    const other = await alice.request({
      method: 'PATCH',
      url: '/api/people/me',
      payload: { version: me.version, dependants: [{ id: bobId, version: 1, phone: '1' }] },
    });
    expect(other.statusCode).toBe(400);
  });

  it('HR corrects with the version read; a stale version is a conflict', async () => {
    const p = (await hrA.request({ method: 'GET', url: `/api/people/${bobId}` })).json();
    const ok = await hrA.request({
      method: 'PATCH',
      url: `/api/people/${bobId}`,
      payload: { version: p.version, dutyStationCode: 'AFG-KBL' },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().dutyStation.code).toBe('AFG-KBL');
    const stale = await hrA.request({
      method: 'PATCH',
      url: `/api/people/${bobId}`,
      payload: { version: p.version, phone: '1' },
    });
    expect(stale.statusCode).toBe(409);
    // HR of another organization cannot even see it.
    expect(
      (
        await hrB.request({
          method: 'PATCH',
          url: `/api/people/${bobId}`,
          payload: { version: 2, phone: '1' },
        })
      ).statusCode,
    ).toBe(404);
    // The country adviser reads but does not write.
    expect(
      (
        await saAfg.request({
          method: 'PATCH',
          url: `/api/people/${bobId}`,
          payload: { version: 2, phone: '1' },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('refuses creating people in another organization and unknown stations', async () => {
    const base = { externalId: 'X', givenName: 'X', familyName: 'Y', recruitment: 'local' };
    await post(hrA, '/api/people', { ...base, organizationCode: 'ORGB' }, 403);
    const res = await post(
      hrA,
      '/api/people',
      { ...base, organizationCode: 'ORGA', dutyStationCode: 'NOPE' },
      400,
    );
    expect(res.errors[0].field).toBe('dutyStationCode');
  });
});

describe('training', () => {
  it('records a certificate with the course validity and reports the status', async () => {
    const rec = await post(hrA, `/api/people/${aliceId}/training`, {
      course: 'BSAFE',
      completedOn: '2024-05-02',
    });
    expect(rec).toMatchObject({ course: 'BSAFE', expiresOn: '2027-05-02', created: true });
    await post(hrA, `/api/people/${bobId}/training`, { course: 'bsafe', completedOn: '2020-01-01' });
    await post(hrA, `/api/people/${bobId}/training`, { course: 'NOPE', completedOn: '2020-01-01' }, 400);
    await post(saAfg, `/api/people/${aliceId}/training`, { course: 'SSAFE', completedOn: '2020-01-01' }, 403);
    const res = await hrA.request({
      method: 'GET',
      url: '/api/training/report?organization=ORGA&course=BSAFE&at=2027-03-01',
    });
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report.summary.BSAFE).toEqual({ valid: 0, expiring: 1, expired: 1, missing: 1 });
    const byName = Object.fromEntries(
      report.items.map((i: { name: string; courses: { BSAFE: { state: string } } }) => [
        i.name,
        i.courses.BSAFE.state,
      ]),
    );
    expect(byName).toEqual({ 'Alice Adams': 'expiring', 'Bob Brown': 'expired', 'Dan Adams': 'missing' });
    expect(
      (await hrB.request({ method: 'GET', url: '/api/training/report?organization=ORGA' })).statusCode,
    ).toBe(403);
  });

  it('course validity is set by administrators only', async () => {
    const courses = (await hrA.request({ method: 'GET', url: '/api/training/courses' })).json();
    const bsafe = courses.find((c: { code: string }) => c.code === 'BSAFE');
    const payload = [{ code: 'BSAFE', name: bsafe.name, validityMonths: 48, version: bsafe.version }];
    expect((await hrA.request({ method: 'PUT', url: '/api/training/courses', payload })).statusCode).toBe(
      403,
    );
    const res = await root.request({ method: 'PUT', url: '/api/training/courses', payload });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().find((c: { code: string }) => c.code === 'BSAFE').validityMonths).toBe(48);
    expect((await root.request({ method: 'PUT', url: '/api/training/courses', payload })).statusCode).toBe(
      409,
    );
  });
});
