import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, createTestApp, type TestApp, type TestUser } from '../support/app';
import { seedTwoScopes, type TwoScopes } from '../support/fixtures';

/**
 * Travel requests and security clearance on a real database: automatic clearance, the approvers'
 * queue and four eyes, expired certificates at the travel dates, itinerary errors, scope, briefing.
 */
let t: TestApp;
let f: TwoScopes;
let root: TestUser;
let travellerA: TestUser;
let travellerB: TestUser;
let saKen: TestUser;
let saAfg: TestUser;
let focalA: TestUser;
let noProfile: TestUser;
let personA: string;
let personB: string;
let personOld: string;

const seg = (areaCode: string, from: string, to: string, extra: object = {}) => ({
  areaCode,
  arrivesAt: `${from}T08:00:00Z`,
  departsAt: `${to}T18:00:00Z`,
  ...extra,
});
const ask = (user: TestUser, payload: object) =>
  user.request({
    method: 'POST',
    url: '/api/travel/requests',
    payload: { travelType: 'official', purpose: 'Mission', ...payload },
  });
const counts = async () => {
  const db = t.database.db;
  const n = async (table: 'travel_requests' | 'travel_segments' | 'outbox') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    requests: await n('travel_requests'),
    segments: await n('travel_segments'),
    outbox: await n('outbox'),
  };
};

async function person(org: string, externalId: string, userId: string | null, bsafeExpires: string | null) {
  const db = t.database.db;
  const { id } = await db
    .insertInto('people')
    .values({
      organization_id: org,
      external_id: externalId,
      kind: 'personnel',
      given_name: externalId,
      family_name: 'Traveller',
      recruitment: 'international',
      email: `${externalId}@example.org`,
      duty_station_id: org === f.orgA ? f.stationAfg : f.stationKen,
      emergency_contact: '{}',
      user_id: userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (bsafeExpires) {
    await db
      .insertInto('training_certificates')
      .values({ person_id: id, course_code: 'BSAFE', completed_on: '2025-06-01', expires_on: bsafeExpires })
      .execute();
  }
  return id;
}

beforeAll(async () => {
  t = await createTestApp();
  root = await t.user('root', admin);
  f = await seedTwoScopes(root);
  await root.request({
    method: 'POST',
    url: '/api/areas',
    payload: { code: 'KEN-02', name: 'North', countryCode: 'KEN' },
  });
  const org = (code: string) => [
    { role: 'personnel' as const, scopeType: 'organization' as const, scopeId: code },
  ];
  travellerA = await t.user('trav.a', org('ORGA'), 'ORGA');
  travellerB = await t.user('trav.b', org('ORGB'), 'ORGB');
  noProfile = await t.user('nobody', org('ORGA'), 'ORGA');
  saKen = await t.user('sa.ken', [{ role: 'security_professional', scopeType: 'country', scopeId: 'KEN' }]);
  saAfg = await t.user('sa.afg', [{ role: 'security_professional', scopeType: 'country', scopeId: 'AFG' }]);
  focalA = await t.user(
    'focal.a',
    [{ role: 'org_security_focal_point', scopeType: 'organization', scopeId: 'ORGA' }],
    'ORGA',
  );
  await t.database.db
    .updateTable('users')
    .set({ email: 'sa.ken@example.org' })
    .where('id', '=', saKen.id)
    .execute();
  personA = await person(f.orgA, 'a1', travellerA.id, '2028-06-01');
  personB = await person(f.orgB, 'b1', travellerB.id, '2028-06-01');
  personOld = await person(f.orgA, 'a2', null, '2027-01-31');
  // KEN-02 is DO-controlled: every request there goes to the security adviser.
  const rule = await saKen.request({
    method: 'PUT',
    url: '/api/travel/clearance-rules',
    payload: { countryCode: 'KEN', areaCode: 'KEN-02', mode: 'manual', requiredCourses: ['BSAFE'] },
  });
  expect(rule.statusCode, rule.body).toBe(200);
  const levels = { armed_conflict: 2, terrorism: 3, crime: 4, civil_unrest: 2 };
  const draft = await saKen.request({
    method: 'POST',
    url: '/api/advisories',
    payload: {
      countryCode: 'KEN',
      headline: 'Kenya: exercise caution',
      guidance: 'Avoid travel after dark between cities.',
      requiredClearance: 'automatic',
      contacts: [{ role: 'Security Adviser', name: 'SA Nairobi', phone: '+254 700 000 000' }],
      effectiveDate: '2026-11-01',
      reviewBy: '2027-02-01',
      levels,
    },
  });
  expect(draft.statusCode, draft.body).toBe(201);
  const approved = await root.request({
    method: 'POST',
    url: `/api/advisories/${draft.json().id}/approve`,
    payload: { version: 1 },
  });
  expect(approved.statusCode, approved.body).toBe(200);
  const published = await saKen.request({
    method: 'POST',
    url: `/api/advisories/${draft.json().id}/publish`,
    payload: { version: approved.json().version },
  });
  expect(published.statusCode, published.body).toBe(200);
});
afterAll(() => t.close());

describe('travel requests and clearance', () => {
  it('clears automatically with a valid BSAFE and queues the decision with the advisory’s guidance', async () => {
    const res = await ask(travellerA, {
      segments: [
        seg('KEN-01', '2026-12-01', '2026-12-10'),
        seg('AFG-01', '2026-12-11', '2026-12-12', { stopover: true, leavesAirport: false }),
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    expect(r).toMatchObject({
      personId: personA,
      status: 'cleared',
      decision: 'automatic',
      startsOn: '2026-12-01',
      endsOn: '2026-12-12',
    });
    expect(r.segments.map((s: { status: string }) => s.status)).toEqual(['cleared', 'cleared']);
    const outbox = await t.database.db
      .selectFrom('outbox')
      .selectAll()
      .where('topic', 'like', 'travel.%')
      .execute();
    const decision = outbox.find((m) => m.topic === 'travel.decision')!;
    const payload = decision.payload as { subject: string; text: string; url: string };
    expect(payload.text).toContain('Avoid travel after dark between cities.');
    expect(payload.url).toContain(`/travel/requests/${r.id}`);
    expect(decision.recipients).toEqual([
      { email: 'a1@example.org', userId: travellerA.id, reason: 'traveller' },
    ]);
    const notice = outbox.find((m) => m.topic === 'travel.notice')!;
    expect(notice.recipients).toEqual([
      { email: 'sa.ken@example.org', userId: saKen.id, reason: 'Security office' },
    ]);
    const briefing = (await travellerA.request({ url: `/api/travel/requests/${r.id}/briefing` })).json();
    expect(briefing.areas).toHaveLength(1);
    expect(briefing.areas[0]).toMatchObject({
      areaCode: 'KEN-01',
      advisory: { headline: 'Kenya: exercise caution' },
      highest: 4,
      requirements: expect.arrayContaining(['BSAFE certificate valid on the travel dates']),
    });
    expect(briefing.areas[0].levels.map((l: { level: number }) => l.level)).toEqual([4, 3, 2, 2]);
  });

  it('waits in the queue in a manual area; a security professional of the destination decides, not another country’s, not one’s own', async () => {
    const res = await ask(travellerA, { segments: [seg('KEN-02', '2026-12-20', '2026-12-22')] });
    expect(res.json()).toMatchObject({ status: 'pending', decision: null });
    expect(res.json().reasons[0]).toMatch(
      /^segments\.0 \(KEN-02\): the Designated Official requires manual clearance/,
    );
    const id = res.json().id;
    const queue = (await saKen.request({ url: '/api/travel/queue' })).json();
    expect(queue.map((q: { id: string }) => q.id)).toEqual([id]);
    expect((await saAfg.request({ url: '/api/travel/queue' })).json()).toEqual([]);
    const decide = (user: TestUser, body: object) =>
      user.request({
        method: 'POST',
        url: `/api/travel/requests/${id}/decision`,
        payload: { version: 1, ...body },
      });
    expect((await decide(saAfg, { decision: 'clear' })).statusCode).toBe(404);
    expect((await decide(travellerA, { decision: 'clear' })).statusCode).toBe(403);
    expect((await decide(saKen, { decision: 'refuse' })).statusCode).toBe(400);
    const cleared = await decide(saKen, { decision: 'clear', reason: 'within numbers' });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(cleared.json()).toMatchObject({ status: 'cleared', decision: 'manual', decidedBy: saKen.id });
    expect(cleared.json().segments[0].status).toBe('cleared');
    expect((await decide(saKen, { decision: 'clear', version: 2 })).statusCode).toBe(409);
    expect((await saKen.request({ url: '/api/travel/queue' })).json()).toEqual([]);
  });

  it('a security professional may not clear their own travel (four eyes)', async () => {
    const own = await person(f.orgB, 'sa1', saKen.id, '2028-06-01');
    const res = await ask(saKen, { personId: own, segments: [seg('KEN-02', '2027-01-05', '2027-01-06')] });
    // The SA is not a focal point of ORGB: filing for oneself is allowed through the profile.
    expect(res.statusCode, res.body).toBe(201);
    expect((await saKen.request({ url: '/api/travel/queue' })).json()).toEqual([]);
    const d = await saKen.request({
      method: 'POST',
      url: `/api/travel/requests/${res.json().id}/decision`,
      payload: { decision: 'clear', version: 1 },
    });
    expect(d.statusCode).toBe(403);
  });

  it('refuses with the reason when the certificate has expired at the travel dates', async () => {
    const res = await ask(focalA, {
      personId: personOld,
      segments: [seg('KEN-01', '2027-02-10', '2027-02-15')],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'refused', decision: 'automatic' });
    expect(res.json().reasons).toEqual([
      'segments.0 (KEN-01): BSAFE certificate expired on 2027-01-31, before arrival on 2027-02-10',
    ]);
    // The same certificate is valid for travel before it expires.
    const before = await ask(focalA, {
      personId: personOld,
      segments: [seg('KEN-01', '2027-01-10', '2027-01-15')],
    });
    expect(before.json().status).toBe('cleared');
  });

  it('names every itinerary problem by segment and writes nothing', async () => {
    const before = await counts();
    const res = await ask(travellerA, {
      segments: [
        seg('KEN-01', '2027-03-01', '2027-03-05'),
        seg('KEN-99', '2027-03-04', '2027-03-06'),
        { areaCode: 'KEN-01', arrivesAt: '2027-03-09T10:00:00Z', departsAt: '2027-03-08T10:00:00Z' },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['segments.1.areaCode', 'segments.1.arrivesAt', 'segments.2.departsAt']);
    expect(await counts()).toEqual(before);
  });

  it('a user without a personal security profile gets 422; filing for another organization’s person is refused', async () => {
    const res = await ask(noProfile, { segments: [seg('KEN-01', '2027-04-01', '2027-04-02')] });
    expect(res.statusCode).toBe(422);
    expect(res.json().detail).toContain('no personal security profile');
    expect(
      (await ask(travellerA, { personId: personB, segments: [seg('KEN-01', '2027-04-01', '2027-04-02')] }))
        .statusCode,
    ).toBe(403);
    expect(
      (await ask(travellerA, { personId: personOld, segments: [seg('KEN-01', '2027-04-01', '2027-04-02')] }))
        .statusCode,
    ).toBe(403);
  });

  it('organization focal points see all their organization’s travel and no other’s; a person their own', async () => {
    const b = await ask(travellerB, { segments: [seg('KEN-01', '2027-05-01', '2027-05-03')] });
    expect(b.statusCode, b.body).toBe(201);
    const list = async (user: TestUser, q = '') =>
      ((await user.request({ url: `/api/travel/requests${q}` })).json().items as { personId: string }[]).map(
        (i) => i.personId,
      );
    const orgA = await list(focalA);
    expect(orgA.length).toBeGreaterThanOrEqual(4);
    expect(new Set(orgA)).toEqual(new Set([personA, personOld]));
    expect(new Set(await list(travellerA))).toEqual(new Set([personA]));
    expect(await list(travellerB)).toEqual([personB]);
    expect((await focalA.request({ url: `/api/travel/requests/${b.json().id}` })).statusCode).toBe(404);
    expect(new Set(await list(saKen))).toEqual(new Set([personA, personB, personOld, expect.any(String)]));
    // The AFG office sees the first trip: it connects (airside) through AFG-01.
    expect(await list(saAfg)).toEqual([personA]);
    expect(new Set(await list(focalA, '?status=refused'))).toEqual(new Set([personOld]));
  });

  it('cancels, keeping the segments’ status in step', async () => {
    const res = await ask(travellerA, { segments: [seg('KEN-01', '2027-06-01', '2027-06-03')] });
    const c = await travellerA.request({
      method: 'POST',
      url: `/api/travel/requests/${res.json().id}/cancel`,
      payload: { version: 1 },
    });
    expect(c.statusCode, c.body).toBe(200);
    expect(c.json().segments.map((s: { status: string }) => s.status)).toEqual(['cancelled']);
    expect(
      (
        await travellerB.request({
          method: 'POST',
          url: `/api/travel/requests/${res.json().id}/cancel`,
          payload: { version: 2 },
        })
      ).statusCode,
    ).toBe(404);
  });

  it('clearance rules: set by the country’s security office, refused elsewhere, read by everyone', async () => {
    const put = (user: TestUser, payload: object) =>
      user.request({ method: 'PUT', url: '/api/travel/clearance-rules', payload });
    expect((await put(saAfg, { countryCode: 'KEN', mode: 'manual' })).statusCode).toBe(403);
    const created = await put(saAfg, {
      countryCode: 'AFG',
      mode: 'automatic',
      requiredCourses: ['SSAFE'],
      pcMandatory: true,
    });
    expect(created.statusCode, created.body).toBe(200);
    expect(created.json()).toMatchObject({ requiredCourses: ['SSAFE'], pcMandatory: true, version: 1 });
    expect((await put(saAfg, { countryCode: 'AFG', mode: 'manual' })).statusCode).toBe(400);
    expect(
      (await put(saAfg, { countryCode: 'AFG', mode: 'manual', requiredCourses: ['NOPE'], version: 1 }))
        .statusCode,
    ).toBe(400);
    const rules = (await travellerA.request({ url: '/api/travel/clearance-rules' })).json();
    expect(
      rules.map((r: { countryCode: string; areaCode: string | null }) => `${r.countryCode}/${r.areaCode}`),
    ).toEqual(['AFG/null', 'KEN/KEN-02']);
    // AFG now needs the PC level and SSAFE.
    const noPc = await ask(travellerA, { segments: [seg('AFG-01', '2027-07-01', '2027-07-02')] });
    expect(noPc.statusCode).toBe(400);
    expect(noPc.json().errors[0].field).toBe('pcLevel');
    const noSsafe = await ask(travellerA, {
      pcLevel: 2,
      segments: [seg('AFG-01', '2027-07-01', '2027-07-02')],
    });
    expect(noSsafe.json()).toMatchObject({ status: 'refused' });
    expect(noSsafe.json().reasons[0]).toContain('SSAFE');
  });
});
