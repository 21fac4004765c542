import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, createTestApp, type TestApp, type TestUser } from '../support/app';
import { seedTwoScopes, type TwoScopes } from '../support/fixtures';
import { insertIncidents } from '../support/incident-stats-fixtures';
import { insertPerson } from '../support/who-fixtures';

/**
 * For every endpoint: a user scoped to one organization or country cannot read or change another's
 * data, and no refused request changes anything. The last test fails when an endpoint is added
 * without a row here.
 */
let t: TestApp;
let f: TwoScopes;
let saAfg: TestUser;
let focalA: TestUser;
let secA: TestUser;
let staffA: TestUser;
let auditorA: TestUser;
let root: TestUser;

const covered = new Set<string>();
const cover = (route: string) => covered.add(route);
const ids = (res: LightMyRequestResponse) => (res.json() as { id: string }[]).map((r) => r.id);
const snapshot = async () => {
  const tables = [
    'organizations',
    'areas',
    'duty_stations',
    'premises',
    'users',
    'role_grants',
    'api_tokens',
    'threat_assessments',
    'travel_advisories',
    'srms',
    'srm_risks',
    'srm_measures',
    'programme_activities',
    'measure_self_assessments',
    'risk_matrices',
    'incidents',
    'incident_personnel',
    'incident_revisions',
    'serious_crime_cases',
    'incident_distribution_lists',
    'webhook_subscriptions',
    'warden_zones',
    'wardens',
    'warden_assignments',
    'crisis_lists',
    'crisis_designations',
    'costshare_periods',
    'costshare_scenarios',
    'costshare_apportionments',
    'local_budgets',
    'jointly_funded_costs',
  ] as const;
  const out: Record<string, unknown> = {};
  for (const table of tables)
    out[table] = await t.database.db.selectFrom(table).selectAll().orderBy('id').execute();
  return JSON.stringify(out);
};

beforeAll(async () => {
  t = await createTestApp();
  root = await t.user('root', admin);
  f = await seedTwoScopes(root);
  saAfg = await t.user('sa.afg', [{ role: 'security_professional', scopeType: 'country', scopeId: 'AFG' }]);
  focalA = await t.user(
    'focal.a',
    [{ role: 'org_hq_focal_point', scopeType: 'organization', scopeId: 'ORGA' }],
    'ORGA',
  );
  secA = await t.user(
    'sec.a',
    [{ role: 'org_security_focal_point', scopeType: 'organization', scopeId: 'ORGA' }],
    'ORGA',
  );
  staffA = await t.user(
    'staff.a',
    [{ role: 'personnel', scopeType: 'organization', scopeId: 'ORGA' }],
    'ORGA',
  );
  auditorA = await t.user(
    'auditor.a',
    [{ role: 'auditor', scopeType: 'organization', scopeId: 'ORGA' }],
    'ORGA',
  );
  await t.user('staff.b', [{ role: 'personnel', scopeType: 'organization', scopeId: 'ORGB' }], 'ORGB');
});
afterAll(() => t.close());

describe('access control across scopes', () => {
  it('anonymous callers read nothing but health, docs and the basemap', async () => {
    for (const url of [
      '/api/organizations',
      '/api/countries',
      '/api/areas',
      '/api/stations',
      '/api/premises',
      '/api/users',
      '/api/audit',
      '/api/roles',
      '/api/geo/areas',
      '/api/geo/stations',
      '/api/auth/tokens',
    ]) {
      expect((await t.app.inject({ url })).statusCode, url).toBe(401);
    }
    expect((await t.app.inject({ url: '/api/health' })).statusCode).toBe(200);
    [
      'GET /api/organizations',
      'GET /api/countries',
      'GET /api/countries/{code}',
      'GET /api/areas',
      'GET /api/areas/{id}',
      'GET /api/stations',
      'GET /api/stations/{id}',
      'GET /api/geo/areas',
      'GET /api/geo/stations',
      'GET /api/geo/basemap',
      'GET /api/roles',
      'GET /api/health',
      'GET /api/auth/me',
      'POST /api/auth/login',
      'POST /api/auth/logout',
    ].forEach(cover);
    expect((await t.app.inject({ url: `/api/areas/${f.areaKen}` })).statusCode).toBe(401);
  });

  it('refused writes change nothing', async () => {
    const before = await snapshot();
    const attempts: [TestUser, string, string, unknown][] = [
      [focalA, 'POST', '/api/organizations', { code: 'NEW', name: 'New', type: 'other' }],
      [focalA, 'PATCH', `/api/organizations/${f.orgB}`, { name: 'Hijacked', version: 1 }],
      [saAfg, 'POST', '/api/areas', { code: 'KEN-99', name: 'Foreign', countryCode: 'KEN' }],
      [saAfg, 'PATCH', `/api/areas/${f.areaKen}`, { name: 'Foreign', version: 1 }],
      [
        saAfg,
        'POST',
        '/api/stations',
        { code: 'KEN-NEW', name: 'Foreign', areaCode: 'KEN-01', lat: -1.29, lon: 36.82 },
      ],
      [saAfg, 'PATCH', `/api/stations/${f.stationKen}`, { name: 'Foreign', version: 1 }],
      [
        saAfg,
        'PATCH',
        `/api/stations/${f.stationAfg}`,
        { areaCode: 'KEN-01', lat: -1.29, lon: 36.82, version: 1 },
      ],
      [
        secA,
        'POST',
        '/api/premises',
        { code: 'B-NEW', name: 'Foreign', kind: 'office', organizationCode: 'ORGB', stationCode: 'KEN-NBO' },
      ],
      [secA, 'PATCH', `/api/premises/${f.premisesB}`, { name: 'Foreign', version: 1 }],
      [
        staffA,
        'POST',
        '/api/premises',
        { code: 'A-NEW', name: 'Mine', kind: 'office', organizationCode: 'ORGA', stationCode: 'AFG-KBL' },
      ],
      [focalA, 'POST', '/api/users', { username: 'intruder', displayName: 'x', organizationCode: 'ORGB' }],
      [focalA, 'PATCH', `/api/users/${f.userB}`, { displayName: 'Hijacked', version: 1 }],
      [
        focalA,
        'POST',
        `/api/users/${f.userB}/grants`,
        { role: 'personnel', scopeType: 'organization', scopeId: 'ORGB' },
      ],
      [
        focalA,
        'POST',
        `/api/users/${staffA.id}/grants`,
        { role: 'personnel', scopeType: 'organization', scopeId: 'ORGB' },
      ],
      [
        focalA,
        'POST',
        `/api/users/${staffA.id}/grants`,
        { role: 'admin', scopeType: 'global', scopeId: null },
      ],
      [
        focalA,
        'POST',
        `/api/users/${staffA.id}/grants`,
        { role: 'security_professional', scopeType: 'country', scopeId: 'AFG' },
      ],
      [
        saAfg,
        'POST',
        `/api/users/${staffA.id}/grants`,
        { role: 'personnel', scopeType: 'organization', scopeId: 'ORGA' },
      ],
      [focalA, 'DELETE', `/api/users/${f.userB}/grants/${f.grantB}`, undefined],
      [staffA, 'DELETE', `/api/auth/tokens/${f.tokenRoot}`, undefined],
    ];
    for (const [user, method, url, payload] of attempts) {
      const res = await user.request({
        method: method as 'POST',
        url,
        ...(payload ? { payload: payload as object } : {}),
      });
      expect([403, 404], `${user.username} ${method} ${url}: ${res.body}`).toContain(res.statusCode);
      expect(res.headers['content-type']).toContain('application/problem+json');
      cover(
        `${method} ${url.replace(/[0-9a-f-]{36}/g, '{id}').replace('/grants/{id}', '/grants/{grantId}')}`,
      );
    }
    expect(await snapshot()).toBe(before);
    const refused = await t.database.db
      .selectFrom('audit_log')
      .select('id')
      .where('entity_type', '=', 'request')
      .where('outcome', 'in', ['denied', 'failed'])
      .execute();
    expect(refused.length).toBeGreaterThanOrEqual(attempts.length);
  });

  it('in-scope writes succeed for the same users', async () => {
    const area = await saAfg.request({
      method: 'POST',
      url: '/api/areas',
      payload: { code: 'AFG-09', name: 'Mine', countryCode: 'AFG' },
    });
    expect(area.statusCode).toBe(201);
    const orgs = await focalA.request({ url: '/api/organizations' });
    expect(orgs.statusCode, orgs.body).toBe(200);
    const org = orgs.json().find((o: { code: string }) => o.code === 'ORGA');
    expect(
      (
        await focalA.request({
          method: 'PATCH',
          url: `/api/organizations/${org.id}`,
          payload: { name: 'Org A renamed', version: org.version },
        })
      ).statusCode,
    ).toBe(200);
    const staff = await focalA.request({
      method: 'POST',
      url: '/api/users',
      payload: { username: 'new.a', displayName: 'New A', organizationCode: 'ORGA' },
    });
    expect(staff.statusCode).toBe(201);
    const grant = await focalA.request({
      method: 'POST',
      url: `/api/users/${staff.json().id}/grants`,
      payload: { role: 'personnel', scopeType: 'organization', scopeId: 'ORGA' },
    });
    expect(grant.statusCode).toBe(201);
    expect(
      (
        await focalA.request({
          method: 'DELETE',
          url: `/api/users/${staff.json().id}/grants/${grant.json().id}`,
        })
      ).statusCode,
    ).toBe(204);
    const premises = await secA.request({
      method: 'POST',
      url: '/api/premises',
      payload: {
        code: 'A-2',
        name: 'Guesthouse',
        kind: 'guesthouse',
        organizationCode: 'ORGA',
        stationCode: 'AFG-KBL',
      },
    });
    expect(premises.statusCode).toBe(201);
    expect(
      (
        await secA.request({
          method: 'PATCH',
          url: `/api/premises/${premises.json().id}`,
          payload: { name: 'Guesthouse 2', version: 1 },
        })
      ).statusCode,
    ).toBe(200);
    ['POST /api/users', 'POST /api/auth/tokens', 'GET /api/auth/tokens'].forEach(cover);
    expect(
      (await staffA.request({ method: 'POST', url: '/api/auth/tokens', payload: { name: 'mine' } }))
        .statusCode,
    ).toBe(201);
    expect((await staffA.request({ url: '/api/auth/tokens' })).json()).toHaveLength(1);
  });

  it('scoped reads return only the caller’s organization or country', async () => {
    const ofA = (await secA.request({ url: '/api/premises' })).json() as {
      id: string;
      organizationCode: string;
    }[];
    expect(ofA.map((p) => p.id)).toContain(f.premisesA);
    expect(ofA.every((p) => p.organizationCode === 'ORGA')).toBe(true);
    const inAfg = (await saAfg.request({ url: '/api/premises' })).json() as {
      id: string;
      countryCode: string;
    }[];
    expect(inAfg.map((p) => p.id)).toContain(f.premisesA);
    expect(inAfg.every((p) => p.countryCode === 'AFG')).toBe(true);
    expect(ids(await root.request({ url: '/api/premises' }))).toContain(f.premisesB);
    expect((await staffA.request({ url: '/api/premises' })).statusCode).toBe(403);
    expect((await secA.request({ url: `/api/premises/${f.premisesB}` })).statusCode).toBe(404);
    expect((await secA.request({ url: `/api/premises/${f.premisesA}` })).statusCode).toBe(200);
    const users = (await focalA.request({ url: '/api/users' })).json() as { organizationCode: string }[];
    expect(users.length).toBeGreaterThan(0);
    expect(users.every((u) => u.organizationCode === 'ORGA')).toBe(true);
    expect((await focalA.request({ url: `/api/users/${f.userB}` })).statusCode).toBe(404);
    expect((await staffA.request({ url: '/api/users' })).statusCode).toBe(403);
    const audit = (await auditorA.request({ url: '/api/audit?limit=500' })).json() as { entityId: string }[];
    expect(audit.length).toBeGreaterThan(0);
    expect(audit.some((e) => e.entityId === f.userB || e.entityId === f.premisesB)).toBe(false);
    expect((await staffA.request({ url: '/api/audit' })).statusCode).toBe(403);
    expect((await auditorA.request({ url: '/api/audit/verify' })).statusCode).toBe(403);
    expect((await root.request({ url: '/api/audit/verify' })).json()).toMatchObject({ ok: true });
    [
      'GET /api/premises',
      'GET /api/premises/{id}',
      'GET /api/users',
      'GET /api/users/{id}',
      'GET /api/audit',
      'GET /api/audit/verify',
      'POST /api/imports/{kind}',
    ].forEach(cover);
  });

  it('an import keeps in-scope rows and rejects out-of-scope rows by line', async () => {
    const csv =
      'code,name,area,lat,lon\nAFG-HRT,Herat,AFG-01,34.35,62.2\nKEN-MSA,Mombasa,KEN-01,-4.04,39.67\n';
    const res = await saAfg.request({
      method: 'POST',
      url: '/api/imports/stations',
      headers: { 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(res.json()).toMatchObject({
      created: 1,
      rejected: [{ line: 3, field: 'code', message: expect.stringContaining('KEN-01') }],
    });
  });

  it('threat assessments and advisories stay within country scope', async () => {
    const kenSa = await t.user('sa.ken', [
      { role: 'security_professional', scopeType: 'country', scopeId: 'KEN' },
    ]);
    const doAfg = await t.user('do.afg', [
      { role: 'designated_official', scopeType: 'country', scopeId: 'AFG' },
    ]);
    const lv = (level: number) => ({ level });
    const body = {
      effectiveDate: '2026-11-01',
      categories: { armed_conflict: lv(2), terrorism: lv(2), crime: lv(3), civil_unrest: lv(2) },
    };
    const ken = await kenSa.request({
      method: 'POST',
      url: '/api/threats/assessments',
      payload: { areaCode: 'KEN-01', ...body },
    });
    expect(ken.statusCode).toBe(201);
    const hz = await kenSa.request({
      method: 'POST',
      url: '/api/threats/hazards',
      payload: { areaCode: 'KEN-01', effectiveDate: '2026-11-01', hazards: [], hostCapacity: 'strong' },
    });
    expect(hz.statusCode).toBe(201);
    const adv = await kenSa.request({
      method: 'POST',
      url: '/api/advisories',
      payload: {
        countryCode: 'KEN',
        headline: 'Kenya',
        requiredClearance: 'none',
        effectiveDate: '2026-11-01',
        reviewBy: '2027-01-01',
        levels: { armed_conflict: 2, terrorism: 3, crime: 3, civil_unrest: 2 },
      },
    });
    expect(adv.statusCode).toBe(201);
    const before = await snapshot();
    const attempts: [TestUser, string, string, unknown][] = [
      [saAfg, 'POST', '/api/threats/assessments', { areaCode: 'KEN-01', ...body }],
      [saAfg, 'PATCH', `/api/threats/assessments/${ken.json().id}`, { summary: 'x', version: 1 }],
      [doAfg, 'POST', `/api/threats/assessments/${ken.json().id}/approve`, { version: 1 }],
      [
        saAfg,
        'POST',
        '/api/threats/hazards',
        { areaCode: 'KEN-01', effectiveDate: '2026-11-01', hazards: [], hostCapacity: 'none' },
      ],
      [doAfg, 'POST', `/api/threats/hazards/${hz.json().id}/approve`, { version: 1 }],
      [
        saAfg,
        'POST',
        '/api/advisories',
        {
          countryCode: 'KEN',
          headline: 'x',
          requiredClearance: 'none',
          effectiveDate: '2026-11-01',
          reviewBy: '2027-01-01',
          levels: { armed_conflict: 1, terrorism: 1, crime: 1, civil_unrest: 1 },
        },
      ],
      [saAfg, 'PATCH', `/api/advisories/${adv.json().id}`, { headline: 'x', version: 1 }],
      [doAfg, 'POST', `/api/advisories/${adv.json().id}/approve`, { version: 1 }],
      [staffA, 'POST', '/api/threats/import', undefined],
    ];
    for (const [user, method, url, payload] of attempts) {
      const res = await user.request({
        method: method as 'POST',
        url,
        ...(payload
          ? { payload: payload as object }
          : {
              headers: { 'content-type': 'text/csv' },
              payload: 'area,category,level,date\nKEN-01,crime,5,2026-11-02\n',
            }),
      });
      if (url === '/api/threats/import') expect(res.json().published, res.body).toBe(0);
      else expect([403, 404], `${user.username} ${method} ${url}: ${res.body}`).toContain(res.statusCode);
      cover(`${method} ${url.replace(/[0-9a-f-]{36}/g, '{id}').replace(/\/(approve)$/, '/{action}')}`);
    }
    expect(await snapshot()).toBe(before);
    const draftCount = await t.database.db.selectFrom('threat_assessments').select('id').execute();
    expect(draftCount).toHaveLength(1);
    // Reads: the detailed assessment and drafts are need-to-know; published advisories are for all.
    expect((await saAfg.request({ url: `/api/threats/assessments/${ken.json().id}` })).statusCode).toBe(404);
    expect((await saAfg.request({ url: '/api/threats/areas/KEN-01/assessments' })).statusCode).toBe(404);
    expect((await saAfg.request({ url: '/api/threats/areas/KEN-01/hazards' })).statusCode).toBe(404);
    expect((await staffA.request({ url: `/api/advisories/${adv.json().id}` })).statusCode).toBe(404);
    expect((await staffA.request({ url: `/api/advisories/${adv.json().id}/history` })).statusCode).toBe(404);
    expect((await staffA.request({ url: `/api/advisories/${adv.json().id}/cap.xml` })).statusCode).toBe(404);
    expect((await staffA.request({ url: '/api/advisories' })).statusCode).toBe(200);
    expect((await staffA.request({ url: '/api/advisories/feed.atom' })).statusCode).toBe(200);
    expect((await staffA.request({ url: '/api/threats/compare' })).statusCode).toBe(200);
    expect((await staffA.request({ url: '/api/threats/compare.csv' })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/advisories' })).statusCode).toBe(401);
    [
      'GET /api/threats/assessments/{id}',
      'GET /api/threats/areas/{code}/assessments',
      'GET /api/threats/areas/{code}/hazards',
      'GET /api/advisories/{id}',
      'GET /api/advisories/{id}/history',
      'GET /api/advisories/{id}/cap.xml',
      'GET /api/advisories',
      'GET /api/advisories/feed.atom',
      'GET /api/threats/compare',
      'GET /api/threats/compare.csv',
    ].forEach(cover);
  });

  it('SRMs stay within country scope', async () => {
    const kenSa = await t.user('sa.ken2', [
      { role: 'security_professional', scopeType: 'country', scopeId: 'KEN' },
    ]);
    const doAfg = await t.user('do.afg2', [
      { role: 'designated_official', scopeType: 'country', scopeId: 'AFG' },
    ]);
    const srm = await kenSa.request({
      method: 'POST',
      url: '/api/srm',
      payload: {
        kind: 'area',
        title: 'Nairobi',
        countryCode: 'KEN',
        areaCode: 'KEN-01',
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
      },
    });
    expect(srm.statusCode, srm.body).toBe(201);
    const risk = await kenSa.request({
      method: 'POST',
      url: `/api/srm/${srm.json().id}/risks`,
      payload: { title: 'Carjacking', category: 'crime', likelihood: 'likely', impact: 'severe' },
    });
    const measure = await kenSa.request({
      method: 'POST',
      url: `/api/srm/risks/${risk.json().id}/measures`,
      payload: { title: 'Convoy rules', kind: 'prevention' },
    });
    const activity = await kenSa.request({
      method: 'POST',
      url: `/api/srm/${srm.json().id}/activities`,
      payload: {
        title: 'Food aid',
        organizationCode: 'ORGA',
        pcLevel: 1,
        periodStart: '2026-02-01',
        periodEnd: '2026-03-01',
      },
    });
    expect(activity.statusCode, activity.body).toBe(201);
    const before = await snapshot();
    const attempts: [TestUser, string, string, unknown][] = [
      [
        saAfg,
        'POST',
        '/api/srm',
        {
          kind: 'country',
          title: 'x',
          countryCode: 'KEN',
          periodStart: '2026-01-01',
          periodEnd: '2026-12-31',
        },
      ],
      [doAfg, 'POST', `/api/srm/${srm.json().id}/approve`, { version: 1, smtConsultedOn: '2026-01-01' }],
      [
        saAfg,
        'POST',
        `/api/srm/${srm.json().id}/risks`,
        { title: 'x', category: 'crime', likelihood: 'likely', impact: 'minor' },
      ],
      [saAfg, 'PATCH', `/api/srm/risks/${risk.json().id}`, { title: 'x', version: 1 }],
      [
        saAfg,
        'PUT',
        `/api/srm/risks/${risk.json().id}/override`,
        { risk: 'low', reason: 'because I can say so', version: 1 },
      ],
      [saAfg, 'POST', `/api/srm/risks/${risk.json().id}/measures`, { title: 'x', kind: 'prevention' }],
      [doAfg, 'POST', `/api/srm/measures/${measure.json().id}/approve`, { version: 1 }],
      [saAfg, 'POST', `/api/srm/measures/${measure.json().id}/self-assessments`, { answer: 'in_place' }],
      [
        saAfg,
        'POST',
        `/api/srm/${srm.json().id}/activities`,
        { title: 'x', organizationCode: 'ORGA', periodStart: '2026-02-01', periodEnd: '2026-03-01' },
      ],
      [
        saAfg,
        'PUT',
        `/api/srm/activities/${activity.json().id}/executive-head-approval`,
        { approvedBy: 'x', approvedOn: '2026-01-01', version: 1 },
      ],
      [saAfg, 'PUT', '/api/srm/matrix', { matrix: {} }],
    ];
    for (const [user, method, url, payload] of attempts) {
      const res = await user.request({ method: method as 'POST', url, payload: payload as object });
      expect([403, 404], `${user.username} ${method} ${url}: ${res.body}`).toContain(res.statusCode);
      cover(`${method} ${url.replace(/[0-9a-f-]{36}/g, '{id}').replace(/\/(approve)$/, '/{action}')}`);
    }
    expect(await snapshot()).toBe(before);
    expect((await saAfg.request({ url: `/api/srm/${srm.json().id}` })).statusCode).toBe(404);
    expect((await saAfg.request({ url: `/api/srm/${srm.json().id}/summary.pdf` })).statusCode).toBe(404);
    expect((await saAfg.request({ url: `/api/srm/${srm.json().id}/report.pdf` })).statusCode).toBe(404);
    expect((await saAfg.request({ url: '/api/srm' })).json()).toEqual([]);
    expect((await saAfg.request({ url: '/api/srm/dashboard' })).json()).toEqual([]);
    expect((await saAfg.request({ url: '/api/srm/measures' })).json()).toEqual([]);
    expect((await staffA.request({ url: '/api/srm' })).statusCode).toBe(403);
    expect((await staffA.request({ url: '/api/srm/matrix' })).statusCode).toBe(200);
    [
      'GET /api/srm/{id}',
      'GET /api/srm',
      'GET /api/srm/dashboard',
      'GET /api/srm/measures',
      'GET /api/srm/matrix',
      'GET /api/srm/library',
      'GET /api/srm/{id}/summary.pdf',
      'GET /api/srm/{id}/report.pdf',
    ].forEach(cover);
  });

  it('incidents: organizations and countries see only their own; refused writes change nothing', async () => {
    const form = (over: object = {}) => ({
      occurredOn: '2026-05-01',
      countryCode: 'AFG',
      stationCode: 'AFG-KBL',
      categoryCode: 'ROBBERY',
      title: 'Robbery',
      organizationCodes: ['ORGA'],
      personnel: [{ organizationCode: 'ORGA', outcome: 'robbed', personName: 'Named victim' }],
      ...over,
    });
    const afg = await saAfg.request({ method: 'POST', url: '/api/incidents', payload: form() });
    expect(afg.statusCode, afg.body).toBe(201);
    const ken = await root.request({
      method: 'POST',
      url: '/api/incidents',
      payload: form({
        countryCode: 'KEN',
        stationCode: 'KEN-NBO',
        organizationCodes: ['ORGB'],
        personnel: [],
      }),
    });
    expect(ken.statusCode, ken.body).toBe(201);
    const list = await root.request({
      method: 'POST',
      url: '/api/incidents/distribution-lists',
      payload: { name: 'KEN', countryCode: 'KEN', addresses: ['ken@example.org'] },
    });
    expect(list.statusCode, list.body).toBe(201);
    const caseOfficerKen = await t.user('case.ken', [
      { role: 'case_officer', scopeType: 'country', scopeId: 'KEN' },
    ]);
    const kenId = ken.json().id as string;
    const afgId = afg.json().id as string;
    const before = await snapshot();
    const attempts: [TestUser, string, string, unknown][] = [
      [
        saAfg,
        'POST',
        '/api/incidents',
        form({ countryCode: 'KEN', stationCode: 'KEN-NBO', organizationCodes: ['ORGB'], personnel: [] }),
      ],
      [staffA, 'POST', '/api/incidents', form({ organizationCodes: ['ORGB'], personnel: [] })],
      [saAfg, 'PATCH', `/api/incidents/${kenId}`, { version: 1, title: 'x' }],
      [focalA, 'PATCH', `/api/incidents/${afgId}`, { version: 1, title: 'x' }],
      [saAfg, 'POST', '/api/incidents/registry', { incidentId: afgId }],
      [caseOfficerKen, 'POST', '/api/incidents/registry', { incidentId: afgId }],
      [
        saAfg,
        'POST',
        '/api/incidents/distribution-lists',
        { name: 'x', countryCode: 'KEN', addresses: ['x@example.org'] },
      ],
      [
        saAfg,
        'PUT',
        `/api/incidents/distribution-lists/${list.json().id}`,
        { name: 'x', countryCode: 'AFG', addresses: ['x@example.org'], version: 1 },
      ],
      [saAfg, 'DELETE', `/api/incidents/distribution-lists/${list.json().id}`, undefined],
    ];
    for (const [user, method, url, payload] of attempts) {
      const res = await user.request({
        method: method as 'POST',
        url,
        ...(payload ? { payload: payload as object } : {}),
      });
      expect([400, 403, 404], `${user.username} ${method} ${url}: ${res.body}`).toContain(res.statusCode);
      cover(`${method} ${url.replace(/[0-9a-f-]{36}/g, '{id}')}`);
    }
    expect(await snapshot()).toBe(before);
    const opened = await root.request({
      method: 'POST',
      url: '/api/incidents/registry',
      payload: { incidentId: afgId },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const denied = await caseOfficerKen.request({
      method: 'PATCH',
      url: `/api/incidents/registry/${opened.json().id}`,
      payload: { version: 1, status: 'closed_unresolved' },
    });
    expect(denied.statusCode).toBe(404);
    cover('PATCH /api/incidents/registry/{id}');
    // Reads: out of scope reads as absent; lists leave it out.
    expect((await saAfg.request({ url: `/api/incidents/${kenId}` })).statusCode).toBe(404);
    expect((await saAfg.request({ url: `/api/incidents/${kenId}/history` })).statusCode).toBe(404);
    expect((await staffA.request({ url: `/api/incidents/${afgId}` })).statusCode).toBe(404);
    expect(
      (await secA.request({ url: `/api/incidents/${afgId}` })).json().personnel[0].personName,
    ).toBeNull();
    const seen = (await secA.request({ url: '/api/incidents' }))
      .json()
      .items.map((x: { id: string }) => x.id);
    expect(seen).toEqual([afgId]);
    expect((await caseOfficerKen.request({ url: '/api/incidents/registry' })).json()).toEqual([]);
    expect((await saAfg.request({ url: '/api/incidents/distribution-lists' })).json()).toEqual([]);
    expect((await auditorA.request({ url: '/api/incidents/registry' })).statusCode).toBe(403);
    [
      'GET /api/incidents',
      'GET /api/incidents/{id}',
      'GET /api/incidents/{id}/history',
      'GET /api/incidents/registry',
      'GET /api/incidents/distribution-lists',
    ].forEach(cover);
  });

  it('incident statistics, reports and the map count only what the caller may read', async () => {
    await insertIncidents(t.database.db, [
      {
        occurredOn: '2019-04-01',
        countryCode: 'AFG',
        categoryCode: 'ROBBERY',
        lat: 34.5,
        lon: 69.2,
        organizationIds: [f.orgA],
        personnel: [{ organizationId: f.orgA, outcome: 'robbed' }],
      },
      {
        occurredOn: '2019-05-01',
        countryCode: 'KEN',
        categoryCode: 'ROBBERY',
        lat: -1.3,
        lon: 36.8,
        organizationIds: [f.orgB],
        personnel: [{ organizationId: f.orgB, outcome: 'robbed', count: 2 }],
      },
    ]);
    const read = async (user: TestUser, url: string) => {
      const res = await user.request({ url });
      expect(res.statusCode, `${user.username} ${url}: ${res.body}`).toBe(200);
      return String(res.headers['content-type']).includes('json') ? res.json() : res.body;
    };
    const period = 'from=2019-01-01&to=2019-12-31';
    expect(await read(secA, `/api/incidents/stats?by=country&${period}`)).toMatchObject([
      { country: 'AFG', incidents: 1, affected: 1 },
    ]);
    expect(await read(saAfg, `/api/incidents/stats?by=organization&${period}`)).toMatchObject([
      { organization: 'ORGA', incidents: 1 },
    ]);
    expect((await read(root, `/api/incidents/stats?by=country&${period}`)).length).toBe(2);
    expect(await read(secA, `/api/incidents/stats.csv?by=country&${period}`)).not.toContain('KEN');
    const sg = '/api/incidents/reports/personnel-affected?from=2019&to=2019';
    expect((await read(secA, sg)).totals.total).toBe(1);
    expect((await read(saAfg, `${sg}&country=KEN`)).totals.total).toBe(0);
    expect((await read(root, sg)).totals.total).toBe(3);
    expect(await read(secA, sg.replace('affected?', 'affected.csv?'))).toContain('Total,1,1');
    const map = await read(secA, `/api/incidents/map?${period}`);
    expect(map.features.map((x: { geometry: { coordinates: number[] } }) => x.geometry.coordinates)).toEqual([
      [69.2, 34.5],
    ]);
    expect((await read(staffA, '/api/incidents/categories')).length).toBeGreaterThan(10);
    expect((await t.app.inject({ url: '/api/incidents/stats' })).statusCode).toBe(401);
    // Headcounts: an organization's own keepers, and headquarters; nobody else, and nothing saved.
    const counts = () => t.database.db.selectFrom('personnel_headcounts').selectAll().execute();
    const before = await counts();
    const row = (organizationCode: string) => ({
      rows: [{ year: 2019, countryCode: 'KEN', organizationCode, headcount: 5 }],
    });
    for (const [user, body] of [
      [focalA, row('ORGB')],
      [saAfg, row('ORGA')],
      [secA, row('ORGA')],
    ] as const) {
      const res = await user.request({ method: 'PUT', url: '/api/incidents/headcounts', payload: body });
      expect(res.statusCode, `${user.username}: ${res.body}`).toBe(403);
    }
    expect(await counts()).toEqual(before);
    const own = await focalA.request({
      method: 'PUT',
      url: '/api/incidents/headcounts',
      payload: row('ORGA'),
    });
    expect(own.statusCode, own.body).toBe(200);
    expect(await read(secA, '/api/incidents/headcounts')).toMatchObject([{ organizationCode: 'ORGA' }]);
    expect(await read(saAfg, '/api/incidents/headcounts')).toEqual([]);
    [
      'GET /api/incidents/categories',
      'GET /api/incidents/stats',
      'GET /api/incidents/stats.csv',
      'GET /api/incidents/reports/personnel-affected',
      'GET /api/incidents/reports/personnel-affected.csv',
      'GET /api/incidents/map',
      'GET /api/incidents/headcounts',
      'PUT /api/incidents/headcounts',
    ].forEach(cover);
  });

  it('incident import and export stay within the caller’s countries; exports carry no names', async () => {
    const hxl = [
      '#event+id,#date+occurred,#country+code,#event+type,#description+title,#affected+robbed',
      'ac-1,2026-06-01,AFG,robbery,Robbed in Kabul,1',
      'ac-2,2026-06-02,KEN,robbery,Robbed in Nairobi,1',
    ].join('\n');
    const post = (user: TestUser) =>
      user.request({
        method: 'POST',
        url: '/api/incidents/import?format=hxl',
        headers: { 'content-type': 'text/csv' },
        payload: hxl,
      });
    const before = await snapshot();
    const refused = await post(staffA);
    expect(refused.statusCode, refused.body).toBe(403);
    expect(String(refused.headers['content-type'])).toContain('application/problem+json');
    expect(await snapshot()).toBe(before);
    const scoped = (await post(saAfg)).json();
    expect(scoped).toMatchObject({
      created: 1,
      rejected: [
        { line: 3, eventId: 'ac-2', field: '#country+code', message: expect.stringContaining('KEN') },
      ],
    });
    const countries = (csv: string) =>
      csv
        .trim()
        .split('\n')
        .slice(2)
        .map((line) => line.split(',')[3]);
    const afgOnly = await saAfg.request({ url: '/api/incidents/export?format=csv' });
    expect(afgOnly.statusCode).toBe(200);
    expect(new Set(countries(afgOnly.body))).toEqual(new Set(['AFG']));
    expect(
      countries((await saAfg.request({ url: '/api/incidents/export?format=csv&country=KEN' })).body),
    ).toEqual([]);
    const everything = (await root.request({ url: '/api/incidents/export?format=csv' })).body;
    expect(new Set(countries(everything))).toEqual(new Set(['AFG', 'KEN']));
    expect(everything).not.toContain('Named victim');
    const orgA = (await secA.request({ url: '/api/incidents/export?format=geojson' })).json();
    expect(
      orgA.features.every((x: { properties: { organizations: string[] } }) =>
        x.properties.organizations.includes('ORGA'),
      ),
    ).toBe(true);
    expect((await staffA.request({ url: '/api/incidents/export' })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/incidents/export' })).statusCode).toBe(401);
    ['POST /api/incidents/import', 'GET /api/incidents/export'].forEach(cover);
  });

  it('who-is-where and precise locations stay within the caller’s organization or country', async () => {
    const db = t.database.db;
    // Person of organization B in Kenya; no one in scope of ORGA or AFG.
    const personB = await insertPerson(db, {
      organizationId: f.orgB,
      stationId: f.stationKen,
      name: 'Bea Scoped',
    });
    expect((await saAfg.request({ url: '/api/who?country=KEN' })).json().totals.people).toBe(0);
    expect((await secA.request({ url: '/api/who?country=KEN' })).json().items).toEqual([]);
    expect((await staffA.request({ url: '/api/who?country=KEN' })).statusCode).toBe(403);
    expect((await root.request({ url: '/api/who?country=KEN' })).json().totals.people).toBeGreaterThan(0);
    const before = await snapshot();
    for (const user of [saAfg, secA, staffA, auditorA]) {
      const url = `/api/people/${personB}/locations`;
      const post = await user.request({ method: 'POST', url, payload: { lat: -1.29, lon: 36.82 } });
      expect(post.statusCode, `${user.username} POST`).toBe(404);
      expect((await user.request({ method: 'DELETE', url })).statusCode, `${user.username} DELETE`).toBe(404);
    }
    expect(await db.selectFrom('precise_locations').select('id').execute()).toEqual([]);
    expect(await snapshot()).toBe(before);
    ['GET /api/who', 'POST /api/people/{id}/locations', 'DELETE /api/people/{id}/locations'].forEach(cover);
  });

  it('travel requests, the clearance queue and rules stay within the caller’s organization or country', async () => {
    const db = t.database.db;
    const travel = async () =>
      JSON.stringify([
        await db.selectFrom('travel_requests').selectAll().orderBy('id').execute(),
        await db.selectFrom('travel_segments').selectAll().orderBy('id').execute(),
        await db.selectFrom('clearance_rules').selectAll().orderBy('id').execute(),
      ]);
    const { id: personB } = await db
      .insertInto('people')
      .values({
        organization_id: f.orgB,
        external_id: 'travel-b',
        kind: 'personnel',
        given_name: 'Tess',
        family_name: 'Travel',
        recruitment: 'international',
        duty_station_id: f.stationKen,
        emergency_contact: '{}',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('training_certificates')
      .values({
        person_id: personB,
        course_code: 'BSAFE',
        completed_on: '2025-01-01',
        expires_on: '2028-01-01',
      })
      .execute();
    const rule = await root.request({
      method: 'PUT',
      url: '/api/travel/clearance-rules',
      payload: { countryCode: 'KEN', mode: 'manual' },
    });
    expect(rule.statusCode, rule.body).toBe(200);
    const body = {
      personId: personB,
      travelType: 'official',
      purpose: 'Visit',
      segments: [
        { areaCode: 'KEN-01', arrivesAt: '2027-01-10T08:00:00Z', departsAt: '2027-01-12T08:00:00Z' },
      ],
    };
    const filed = await root.request({ method: 'POST', url: '/api/travel/requests', payload: body });
    expect(filed.statusCode, filed.body).toBe(201);
    expect(filed.json().status).toBe('pending');
    const id = filed.json().id;
    const before = [await snapshot(), await travel()];
    for (const user of [staffA, secA, focalA]) {
      const post = await user.request({ method: 'POST', url: '/api/travel/requests', payload: body });
      expect(post.statusCode, user.username).toBe(403);
    }
    for (const user of [saAfg, secA, staffA, auditorA]) {
      expect((await user.request({ url: '/api/travel/requests' })).json().items, user.username).toEqual([]);
      for (const url of [`/api/travel/requests/${id}`, `/api/travel/requests/${id}/briefing`]) {
        expect((await user.request({ url })).statusCode, `${user.username} ${url}`).toBe(404);
      }
      const decision = await user.request({
        method: 'POST',
        url: `/api/travel/requests/${id}/decision`,
        payload: { decision: 'clear', version: 1 },
      });
      expect(decision.statusCode, user.username).toBe(404);
      const cancel = await user.request({
        method: 'POST',
        url: `/api/travel/requests/${id}/cancel`,
        payload: { version: 1 },
      });
      expect(cancel.statusCode, user.username).toBe(404);
    }
    expect((await saAfg.request({ url: '/api/travel/queue' })).json()).toEqual([]);
    expect((await staffA.request({ url: '/api/travel/queue' })).statusCode).toBe(403);
    const put = (user: TestUser, countryCode: string) =>
      user.request({
        method: 'PUT',
        url: '/api/travel/clearance-rules',
        payload: { countryCode, mode: 'automatic' },
      });
    expect((await put(saAfg, 'KEN')).statusCode).toBe(403);
    expect((await put(staffA, 'AFG')).statusCode).toBe(403);
    expect((await put(secA, 'AFG')).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/travel/clearance-rules' })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/travel/requests' })).statusCode).toBe(401);
    expect([await snapshot(), await travel()]).toEqual(before);
    // Whoever filed a request does not decide it (four eyes), administrators included.
    expect((await root.request({ url: '/api/travel/queue' })).json()).toEqual([]);
    expect((await staffA.request({ url: '/api/travel/clearance-rules' })).json()).toHaveLength(1);
    [
      'POST /api/travel/requests',
      'GET /api/travel/requests',
      'GET /api/travel/requests/{id}',
      'GET /api/travel/requests/{id}/briefing',
      'POST /api/travel/requests/{id}/decision',
      'POST /api/travel/requests/{id}/cancel',
      'GET /api/travel/queue',
      'GET /api/travel/clearance-rules',
      'PUT /api/travel/clearance-rules',
    ].forEach(cover);
  });

  it('people profiles, imports and training stay within the caller’s organization or country', async () => {
    const db = t.database.db;
    const people = async () =>
      JSON.stringify([
        await db.selectFrom('people').selectAll().orderBy('id').execute(),
        await db.selectFrom('training_certificates').selectAll().orderBy('id').execute(),
        await db.selectFrom('training_courses').selectAll().orderBy('code').execute(),
      ]);
    const { id: personB } = await db
      .insertInto('people')
      .values({
        organization_id: f.orgB,
        external_id: 'PB-1',
        kind: 'personnel',
        given_name: 'Pia',
        family_name: 'Outofscope',
        recruitment: 'local',
        duty_station_id: f.stationKen,
        emergency_contact: '{}',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const before = await people();
    for (const user of [saAfg, focalA, secA, staffA, auditorA]) {
      const who = user.username;
      const list = (await user.request({ url: '/api/people' })).json().items as { id: string }[];
      expect(
        list.map((p) => p.id),
        who,
      ).not.toContain(personB);
      expect((await user.request({ url: `/api/people/${personB}` })).statusCode, who).toBe(404);
      const patch = await user.request({
        method: 'PATCH',
        url: `/api/people/${personB}`,
        payload: { version: 1, phone: '1' },
      });
      expect(patch.statusCode, who).toBe(404);
      const training = await user.request({
        method: 'POST',
        url: `/api/people/${personB}/training`,
        payload: { course: 'BSAFE', completedOn: '2024-01-01' },
      });
      expect(training.statusCode, who).toBe(404);
      const report = await user.request({ url: '/api/training/report?organization=ORGB' });
      expect(report.statusCode, who).toBe(403);
      const courses = await user.request({
        method: 'PUT',
        url: '/api/training/courses',
        payload: [{ code: 'BSAFE', name: 'x', validityMonths: 1, version: 1 }],
      });
      expect(courses.statusCode, who).toBe(403);
      const create = await user.request({
        method: 'POST',
        url: '/api/people',
        payload: {
          organizationCode: 'ORGB',
          externalId: 'X',
          givenName: 'X',
          familyName: 'X',
          recruitment: 'local',
        },
      });
      expect(create.statusCode, who).toBe(403);
      // No profile linked to these sign-ins: nothing to read or correct as "me".
      expect((await user.request({ url: '/api/people/me' })).statusCode, who).toBe(404);
      expect(
        (await user.request({ method: 'PATCH', url: '/api/people/me', payload: { version: 1, phone: '1' } }))
          .statusCode,
        who,
      ).toBe(404);
      const dep = await user.request({
        method: 'POST',
        url: '/api/people/me/dependants',
        payload: { givenName: 'D', familyName: 'D' },
      });
      expect(dep.statusCode, who).toBe(404);
    }
    // HR of ORGA imports: a row of ORGB is rejected by line, even re-using B's external id.
    const csv = 'organization,external_id,given_name,family_name,recruitment\nORGB,PB-1,Evil,Twin,local\n';
    const imp = await focalA.request({
      method: 'POST',
      url: '/api/people/import',
      headers: { 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(imp.json()).toMatchObject({ created: 0, updated: 0, rejectedRows: 1 });
    expect(imp.json().rejected[0]).toMatchObject({ line: 2, field: 'organization' });
    const tcsv = 'organization,external_id,course,completed_on\nORGB,PB-1,BSAFE,2024-01-01\n';
    const timp = await focalA.request({
      method: 'POST',
      url: '/api/training/import',
      headers: { 'content-type': 'text/csv' },
      payload: tcsv,
    });
    expect(timp.json()).toMatchObject({ recorded: 0, rejected: [{ line: 2, field: 'external_id' }] });
    for (const user of [saAfg, secA, staffA, auditorA]) {
      const refused = await user.request({
        method: 'POST',
        url: '/api/people/import',
        headers: { 'content-type': 'text/csv' },
        payload: csv,
      });
      expect(refused.statusCode, user.username).toBe(403);
      const trefused = await user.request({
        method: 'POST',
        url: '/api/training/import',
        headers: { 'content-type': 'text/csv' },
        payload: tcsv,
      });
      expect(trefused.statusCode, user.username).toBe(403);
    }
    expect((await t.app.inject({ url: '/api/people' })).statusCode).toBe(401);
    expect((await staffA.request({ url: '/api/training/courses' })).statusCode).toBe(200);
    expect(await people()).toBe(before);
    expect((await root.request({ url: `/api/people/${personB}` })).statusCode).toBe(200);
    [
      'GET /api/people',
      'POST /api/people',
      'GET /api/people/me',
      'PATCH /api/people/me',
      'POST /api/people/me/dependants',
      'POST /api/people/import',
      'GET /api/people/{id}',
      'PATCH /api/people/{id}',
      'POST /api/people/{id}/training',
      'GET /api/training/courses',
      'PUT /api/training/courses',
      'GET /api/training/report',
      'POST /api/training/import',
    ].forEach(cover);
  }, 120_000);

  it('in-trip alert lists: readers of the incident with who-is-where over its country only', async () => {
    const incident = (user: TestUser, over: Record<string, unknown>) =>
      user.request({
        method: 'POST',
        url: '/api/incidents',
        payload: {
          occurredAt: '2026-03-04T21:15:00+04:30',
          categoryCode: 'ROBBERY',
          title: 'Trip alert scope check',
          personnel: [],
          ...over,
        },
      });
    const afg = await incident(saAfg, {
      countryCode: 'AFG',
      stationCode: 'AFG-KBL',
      organizationCodes: ['ORGA'],
    });
    expect(afg.statusCode, afg.body).toBe(201);
    const ken = await incident(root, {
      countryCode: 'KEN',
      stationCode: 'KEN-NBO',
      organizationCodes: ['ORGB'],
    });
    expect(ken.statusCode, ken.body).toBe(201);
    const url = (res: LightMyRequestResponse) => `/api/incidents/${res.json().id}/alerts`;
    expect((await saAfg.request({ url: url(afg) })).statusCode).toBe(200);
    expect((await root.request({ url: url(ken) })).statusCode).toBe(200);
    // Reads the incident (organization A's) but may not see where people are in Afghanistan.
    expect((await secA.request({ url: url(afg) })).statusCode).toBe(403);
    // Another country's incident, another organization's: no such incident.
    expect((await saAfg.request({ url: url(ken) })).statusCode).toBe(404);
    expect((await secA.request({ url: url(ken) })).statusCode).toBe(404);
    cover('GET /api/incidents/{id}/alerts');
  });

  it('notification preferences are the signed-in user’s own only', async () => {
    const url = '/api/me/notification-preferences';
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    const body = { emailEnabled: false, smsEnabled: true, phone: '+93700000001', language: 'fa', version: 0 };
    expect((await t.app.inject({ method: 'PUT', url, payload: body })).statusCode).toBe(401);
    const saved = await staffA.request({ method: 'PUT', url, payload: body });
    expect(saved.statusCode, saved.body).toBe(200);
    // Another user, even one with more rights over the same organization, still has their own defaults.
    const other = await secA.request({ method: 'GET', url });
    expect(other.json()).toMatchObject({ emailEnabled: true, smsEnabled: false, phone: null, version: 0 });
    expect((await staffA.request({ method: 'GET', url })).json()).toMatchObject({ phone: '+93700000001' });
    ['GET /api/me/notification-preferences', 'PUT /api/me/notification-preferences'].forEach(cover);
  });

  it('relocation and evacuation lists: country roles run them, organizations read their own people only', async () => {
    const db = t.database.db;
    const mineA = await insertPerson(db, {
      organizationId: f.orgA,
      stationId: f.stationAfg,
      name: 'Crisis Alpha',
      recruitment: 'local',
    });
    await insertPerson(db, { organizationId: f.orgB, stationId: f.stationAfg, name: 'Crisis Bravo' });
    const lists = '/api/crisis/lists';
    const made = await saAfg.request({
      method: 'POST',
      url: lists,
      payload: { kind: 'evacuation', country: 'AFG', destination: 'Islamabad', destinationCountry: 'PAK' },
    });
    expect(made.statusCode, made.body).toBe(201);
    const id = made.json().id as string;
    const before = await snapshot();
    const rowsBefore = await db.selectFrom('crisis_list_people').selectAll().orderBy('person_id').execute();
    const refused: [TestUser, string, string, unknown, number][] = [
      [saAfg, 'POST', lists, { kind: 'relocation', country: 'KEN', destination: 'Mombasa' }, 403],
      [secA, 'POST', lists, { kind: 'relocation', country: 'AFG', destination: 'Herat' }, 403],
      [focalA, 'POST', lists, { kind: 'relocation', country: 'AFG', destination: 'Herat' }, 403],
      [secA, 'POST', `${lists}/${id}/refresh`, undefined, 403],
      [auditorA, 'POST', `${lists}/${id}/refresh`, undefined, 404],
      [secA, 'PATCH', `${lists}/${id}/people/${mineA}`, { status: 'confirmed', version: 1 }, 403],
      [secA, 'POST', `${lists}/${id}/designations`, { personId: mineA, reason: 'threatened at home' }, 403],
      [staffA, 'POST', `${lists}/${id}/designations`, { personId: mineA, reason: 'threatened at home' }, 404],
    ];
    for (const [user, method, url, payload, status] of refused)
      expect(
        (await user.request({ method: method as 'POST', url, payload: payload as object })).statusCode,
        url,
      ).toBe(status);
    expect(await snapshot()).toBe(before);
    expect(await db.selectFrom('crisis_list_people').selectAll().orderBy('person_id').execute()).toEqual(
      rowsBefore,
    );
    // Readers: the organization's security focal point sees its own people only; others nothing.
    const seen = await secA.request({ url: `${lists}/${id}?include=ineligible` });
    expect(seen.statusCode).toBe(200);
    expect(seen.json().rows.map((r: { organization: string }) => r.organization)).toEqual(['ORGA']);
    expect((await secA.request({ url: lists })).json().map((l: { id: string }) => l.id)).toContain(id);
    expect((await staffA.request({ url: lists })).statusCode).toBe(403);
    expect((await auditorA.request({ url: `${lists}/${id}` })).statusCode).toBe(404);
    expect((await focalA.request({ url: `${lists}/${id}/export?format=csv` })).statusCode).toBe(404);
    const csv = await secA.request({ url: `${lists}/${id}/export?format=csv` });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).not.toContain('Crisis Bravo');
    expect((await saAfg.request({ url: `${lists}/${id}/export?format=xlsx` })).statusCode).toBe(200);
    // In-scope writes by the country's security professional succeed.
    const row = await saAfg.request({
      method: 'POST',
      url: `${lists}/${id}/designations`,
      payload: { personId: mineA, reason: 'threatened at home' },
    });
    expect(row.statusCode, row.body).toBe(201);
    const patched = await saAfg.request({
      method: 'PATCH',
      url: `${lists}/${id}/people/${mineA}`,
      payload: { status: 'confirmed', version: 1 },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect((await saAfg.request({ method: 'POST', url: `${lists}/${id}/refresh` })).statusCode).toBe(200);
    const withdraw = `${lists}/${id}/designations/${mineA}/withdraw`;
    expect(
      (await secA.request({ method: 'POST', url: withdraw, payload: { reason: 'not mine to say' } }))
        .statusCode,
    ).toBe(403);
    expect(
      (await auditorA.request({ method: 'POST', url: withdraw, payload: { reason: 'not theirs' } }))
        .statusCode,
    ).toBe(404);
    expect(
      (await saAfg.request({ method: 'POST', url: withdraw, payload: { reason: 'threat over' } })).statusCode,
    ).toBe(200);
    [
      'GET /api/crisis/lists',
      'POST /api/crisis/lists',
      'GET /api/crisis/lists/{id}',
      'POST /api/crisis/lists/{id}/refresh',
      'PATCH /api/crisis/lists/{id}/people/{personId}',
      'POST /api/crisis/lists/{id}/designations',
      'POST /api/crisis/lists/{id}/designations/{personId}/withdraw',
      'GET /api/crisis/lists/{id}/export',
    ].forEach(cover);
  });

  it('warden zones: the DO runs geographic zones, the organization its own; others read nothing', async () => {
    const db = t.database.db;
    const zones = '/api/wardens/zones';
    const doKen = await t.user('do.ken.w', [
      { role: 'designated_official', scopeType: 'country', scopeId: 'KEN' },
    ]);
    const staffB = await t.user(
      'staff.b.w',
      [{ role: 'personnel', scopeType: 'organization', scopeId: 'ORGB' }],
      'ORGB',
    );
    const personB = await insertPerson(db, {
      organizationId: f.orgB,
      stationId: f.stationKen,
      name: 'Wanjiru Warded',
    });
    const personA = await insertPerson(db, {
      organizationId: f.orgA,
      stationId: f.stationAfg,
      name: 'Wali Warded',
    });
    const made = async (u: TestUser, payload: object) => {
      const res = await u.request({ method: 'POST', url: zones, payload });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const ken = await made(doKen, {
      code: 'W-KEN',
      name: 'Nairobi',
      countryCode: 'KEN',
      kind: 'geographic',
      stationCodes: ['KEN-NBO'],
    });
    const orgB = await made(root, {
      code: 'W-ORGB',
      name: 'ORGB Kenya',
      countryCode: 'KEN',
      kind: 'organization',
      organizationCode: 'ORGB',
      stationCodes: ['KEN-NBO'],
    });
    await made(root, {
      code: 'W-AFG-ROOT',
      name: 'Kabul',
      countryCode: 'AFG',
      kind: 'geographic',
      stationCodes: ['AFG-KBL'],
    });
    const wardenRows = () => db.selectFrom('wardens').selectAll().orderBy('id').execute();
    const zoneRows = async () =>
      JSON.stringify([
        await db.selectFrom('warden_zones').selectAll().orderBy('id').execute(),
        await db.selectFrom('warden_zone_stations').selectAll().orderBy('zone_id').execute(),
        await db.selectFrom('warden_assignments').selectAll().orderBy('id').execute(),
        await wardenRows(),
      ]);
    const before = await snapshot();
    const zonesBefore = await zoneRows();
    const refused: [TestUser, string, string, unknown, number][] = [
      [saAfg, 'POST', zones, { code: 'W-X', name: 'X', countryCode: 'KEN', kind: 'geographic' }, 403],
      [secA, 'POST', zones, { code: 'W-X', name: 'X', countryCode: 'AFG', kind: 'geographic' }, 403],
      [
        secA,
        'POST',
        zones,
        { code: 'W-X', name: 'X', countryCode: 'KEN', kind: 'organization', organizationCode: 'ORGB' },
        403,
      ],
      [
        focalA,
        'POST',
        zones,
        { code: 'W-X', name: 'X', countryCode: 'AFG', kind: 'organization', organizationCode: 'ORGA' },
        403,
      ],
      [saAfg, 'PATCH', `${zones}/${ken}`, { version: 1, name: 'x' }, 404],
      [secA, 'PATCH', `${zones}/${orgB}`, { version: 1, name: 'x' }, 404],
      [doKen, 'PATCH', `${zones}/${orgB}`, { version: 1, name: 'x' }, 403],
      [saAfg, 'POST', `${zones}/${ken}/archive`, { version: 1 }, 404],
      [saAfg, 'POST', `${zones}/${ken}/wardens`, { username: 'sa.afg' }, 404],
      [doKen, 'POST', `${zones}/${orgB}/wardens`, { username: 'staff.b.w' }, 403],
      [secA, 'POST', `${zones}/${ken}/assignments`, { personId: personB }, 404],
      [staffB, 'POST', `${zones}/${orgB}/assignments`, { personId: personB }, 404],
      [saAfg, 'DELETE', `${zones}/${ken}/assignments/${personB}`, undefined, 404],
      [saAfg, 'DELETE', `${zones}/${ken}/wardens/${doKen.id}`, undefined, 404],
    ];
    for (const [user, method, url, payload, status] of refused)
      expect(
        (await user.request({ method: method as 'POST', url, payload: payload as object })).statusCode,
        `${user.username} ${method} ${url}`,
      ).toBe(status);
    expect(await snapshot()).toBe(before);
    expect(await zoneRows()).toBe(zonesBefore);
    // Reads: out of scope is 404 (or 403 for a country report), lists hold only what the caller may read.
    for (const u of [saAfg, secA, focalA, auditorA, staffA, staffB]) {
      expect((await u.request({ url: `${zones}/${ken}` })).statusCode, u.username).toBe(404);
      expect((await u.request({ url: `${zones}/${ken}/members` })).statusCode, u.username).toBe(404);
    }
    for (const u of [saAfg, staffA, staffB])
      expect((await u.request({ url: '/api/wardens/coverage?country=KEN' })).statusCode, u.username).toBe(
        403,
      );
    // An organization's readers see coverage of their own people only (ORGA has none in Kenya).
    expect((await secA.request({ url: '/api/wardens/coverage?country=KEN' })).json()).toMatchObject({
      people: 0,
      unzoned: [],
      zones: [],
    });
    expect((await secA.request({ url: `${zones}/${orgB}` })).statusCode).toBe(404);
    expect((await saAfg.request({ url: zones })).json().items.map((z: { code: string }) => z.code)).toEqual([
      'W-AFG-ROOT',
    ]);
    expect((await secA.request({ url: zones })).json().items).toEqual([]);
    expect((await doKen.request({ url: zones })).json().items.map((z: { code: string }) => z.code)).toEqual([
      'W-KEN',
      'W-ORGB',
    ]);
    expect((await t.app.inject({ url: '/api/wardens/me' })).statusCode).toBe(401);
    // In scope: the organization's focal point runs its zone, the country its geographic zone.
    const orgA = await made(secA, {
      code: 'W-ORGA',
      name: 'ORGA Afghanistan',
      countryCode: 'AFG',
      kind: 'organization',
      organizationCode: 'ORGA',
    });
    expect(
      (
        await secA.request({
          method: 'PATCH',
          url: `${zones}/${orgA}`,
          payload: { version: 1, stationCodes: ['AFG-KBL'] },
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await secA.request({
          method: 'POST',
          url: `${zones}/${orgA}/assignments`,
          payload: { personId: personA },
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (await secA.request({ method: 'DELETE', url: `${zones}/${orgA}/assignments/${personA}` })).statusCode,
    ).toBe(204);
    expect(
      (
        await secA.request({
          method: 'POST',
          url: `${zones}/${orgA}/wardens`,
          payload: { username: 'staff.a' },
        })
      ).statusCode,
    ).toBe(201);
    const mine = await staffA.request({ url: '/api/wardens/me' });
    expect(mine.json().zones.map((z: { zone: { code: string } }) => z.zone.code)).toEqual(['W-ORGA']);
    expect((await staffA.request({ url: `${zones}/${orgA}/members` })).statusCode).toBe(200);
    expect(
      (await secA.request({ method: 'DELETE', url: `${zones}/${orgA}/wardens/${staffA.id}` })).statusCode,
    ).toBe(204);
    expect((await focalA.request({ url: `${zones}/${orgA}` })).statusCode).toBe(200);
    expect((await doKen.request({ url: '/api/wardens/coverage?country=KEN' })).statusCode).toBe(200);
    expect(
      (await secA.request({ method: 'POST', url: `${zones}/${orgA}/archive`, payload: { version: 2 } }))
        .statusCode,
    ).toBe(200);
    [
      'GET /api/wardens/zones',
      'POST /api/wardens/zones',
      'GET /api/wardens/zones/{id}',
      'PATCH /api/wardens/zones/{id}',
      'POST /api/wardens/zones/{id}/archive',
      'POST /api/wardens/zones/{id}/wardens',
      'DELETE /api/wardens/zones/{id}/wardens/{userId}',
      'POST /api/wardens/zones/{id}/assignments',
      'DELETE /api/wardens/zones/{id}/assignments/{personId}',
      'GET /api/wardens/zones/{id}/members',
      'GET /api/wardens/me',
      'GET /api/wardens/coverage',
    ].forEach(cover);
  });

  it('jointly financed apportionment: global managers keep it, organizations read approved versions only', async () => {
    const base = '/api/costshare/periods';
    const create = {
      code: 'AC-2026',
      name: 'Access 2026',
      startsOn: '2026-01-01',
      endsOn: '2027-12-31',
      total: '1000000',
      minimum: '75000',
    };
    const before = await snapshot();
    // Organization-scoped, country-scoped and personnel users change nothing.
    for (const u of [focalA, auditorA, saAfg, staffA])
      expect((await u.request({ method: 'POST', url: base, payload: create })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: base })).statusCode).toBe(401);
    expect(await snapshot()).toBe(before);
    const period = await root.request({ method: 'POST', url: base, payload: create });
    expect(period.statusCode).toBe(201);
    const id = period.json().id as string;
    const census = {
      census: [
        { organization: 'ORGA', headcount: 100 },
        { organization: 'ORGB', headcount: 50 },
      ],
    };
    const v1 = (
      await root.request({ method: 'PUT', url: `${base}/${id}/census`, payload: { ...census, version: 1 } })
    ).json();
    const scenario = (
      await root.request({
        method: 'POST',
        url: `${base}/${id}/scenarios`,
        payload: { name: 'Min 0', minimum: '0' },
      })
    ).json();
    const refusedBefore = await snapshot();
    const writes = [
      { method: 'PATCH', url: `${base}/${id}`, payload: { name: 'X', version: v1.version } },
      { method: 'PUT', url: `${base}/${id}/census`, payload: { ...census, version: v1.version } },
      {
        method: 'POST',
        url: `${base}/${id}/census/import`,
        payload: { csv: 'organization,headcount\nORGA,1\n', version: v1.version },
      },
      { method: 'POST', url: `${base}/${id}/scenarios`, payload: { name: 'Y' } },
      { method: 'DELETE', url: `${base}/${id}/scenarios/${scenario.id}` },
      { method: 'POST', url: `${base}/${id}/approve`, payload: { periodVersion: v1.version } },
    ] as const;
    for (const u of [focalA, auditorA, saAfg, staffA])
      for (const w of writes)
        expect((await u.request(w)).statusCode, `${u.username} ${w.method} ${w.url}`).toBe(403);
    expect(await snapshot()).toBe(refusedBefore);
    // Before approval an organization sees no period; drafts stay with global readers.
    expect((await focalA.request({ method: 'GET', url: base })).json()).toEqual([]);
    expect((await focalA.request({ method: 'GET', url: `${base}/${id}` })).statusCode).toBe(404);
    const compareUrl = `${base}/${id}/compare?scenario=${scenario.id}`;
    expect((await focalA.request({ method: 'GET', url: compareUrl })).statusCode).toBe(404);
    for (const url of [`${base}/${id}/apportionment`, `${base}/${id}/explanations/ORGA`, compareUrl]) {
      if (url !== compareUrl)
        expect((await focalA.request({ method: 'GET', url })).statusCode, url).toBe(403);
      expect((await staffA.request({ method: 'GET', url })).statusCode, url).toBe(403);
      expect((await root.request({ method: 'GET', url })).statusCode, url).toBe(200);
    }
    const approved = await root.request({
      method: 'POST',
      url: `${base}/${id}/approve`,
      payload: { periodVersion: v1.version },
    });
    expect(approved.statusCode).toBe(201);
    // Approved: transparent to every reader of cost-sharing, both organizations' figures included.
    for (const u of [focalA, auditorA]) {
      expect((await u.request({ method: 'GET', url: base })).json()).toHaveLength(1);
      const v = await u.request({ method: 'GET', url: `${base}/${id}/versions/1` });
      expect(v.statusCode).toBe(200);
      expect(v.json().lines.map((l: { organization: string }) => l.organization)).toEqual(['ORGA', 'ORGB']);
      expect(
        (await u.request({ method: 'GET', url: `${base}/${id}/versions/1/explanations/ORGB` })).statusCode,
      ).toBe(200);
      expect(
        (await u.request({ method: 'GET', url: `${base}/${id}/versions/1/export.csv` })).statusCode,
      ).toBe(200);
      expect((await u.request({ method: 'GET', url: `${base}/${id}/compare?version=1` })).statusCode).toBe(
        200,
      );
      expect((await u.request({ method: 'GET', url: `${base}/${id}` })).json()).toMatchObject({
        census: null,
        total: null,
      });
    }
    for (const u of [staffA, saAfg, secA])
      for (const url of [
        base,
        `${base}/${id}`,
        `${base}/${id}/versions/1`,
        `${base}/${id}/versions/1/export.pdf`,
      ])
        expect((await u.request({ method: 'GET', url })).statusCode, `${u.username} ${url}`).toBe(403);
    [
      'GET /api/costshare/periods',
      'POST /api/costshare/periods',
      'GET /api/costshare/periods/{id}',
      'PATCH /api/costshare/periods/{id}',
      'PUT /api/costshare/periods/{id}/census',
      'POST /api/costshare/periods/{id}/census/import',
      'POST /api/costshare/periods/{id}/scenarios',
      'DELETE /api/costshare/periods/{id}/scenarios/{scenarioId}',
      'GET /api/costshare/periods/{id}/apportionment',
      'GET /api/costshare/periods/{id}/explanations/{organization}',
      'GET /api/costshare/periods/{id}/compare',
      'POST /api/costshare/periods/{id}/approve',
      'GET /api/costshare/periods/{id}/versions/{versionNo}',
      'GET /api/costshare/periods/{id}/versions/{versionNo}/explanations/{organization}',
      'GET /api/costshare/periods/{id}/versions/{versionNo}/export.{format}',
    ].forEach(cover);
  });

  it('webhook subscriptions stay within the caller’s country or organization; refused writes change nothing', async () => {
    const create = (u: TestUser, payload: Record<string, unknown>) =>
      u.request({ method: 'POST', url: '/api/webhooks', payload });
    const hook = { url: 'http://127.0.0.1:9/hook', topics: ['incident.*'] };
    const afg = await create(saAfg, { name: 'AFG', ...hook, countryCode: 'AFG' });
    expect(afg.statusCode, afg.body).toBe(201);
    const orgA = await create(secA, { name: 'A', ...hook, organizationCode: 'ORGA' });
    expect(orgA.statusCode, orgA.body).toBe(201);
    const before = await snapshot();
    expect((await t.app.inject({ url: '/api/webhooks' })).statusCode).toBe(401);
    expect((await create(saAfg, { name: 'x', ...hook, countryCode: 'KEN' })).statusCode).toBe(403);
    expect((await create(secA, { name: 'x', ...hook, organizationCode: 'ORGB' })).statusCode).toBe(403);
    expect((await create(secA, { name: 'x', ...hook })).statusCode).toBe(403);
    expect((await create(staffA, { name: 'x', ...hook, organizationCode: 'ORGA' })).statusCode).toBe(403);
    expect((await staffA.request({ url: '/api/webhooks' })).statusCode).toBe(403);
    const id = afg.json().id as string;
    const version = afg.json().version as number;
    for (const u of [secA, staffA, focalA, auditorA]) {
      expect((await u.request({ url: `/api/webhooks/${id}` })).statusCode).toBe(404);
      expect((await u.request({ url: `/api/webhooks/${id}/deliveries` })).statusCode).toBe(404);
      const patch = await u.request({
        method: 'PATCH',
        url: `/api/webhooks/${id}`,
        payload: { active: false, version },
      });
      expect(patch.statusCode).toBe(404);
      expect(
        (await u.request({ method: 'DELETE', url: `/api/webhooks/${id}?version=${version}` })).statusCode,
      ).toBe(404);
      const rotate = await u.request({
        method: 'POST',
        url: `/api/webhooks/${id}/rotate-secret`,
        payload: { version },
      });
      expect(rotate.statusCode).toBe(404);
      expect((await u.request({ method: 'POST', url: `/api/webhooks/${id}/test` })).statusCode).toBe(404);
    }
    expect((await saAfg.request({ url: `/api/webhooks/${orgA.json().id}` })).statusCode).toBe(404);
    expect(ids(await saAfg.request({ url: '/api/webhooks' }))).toEqual([id]);
    expect(ids(await secA.request({ url: '/api/webhooks' }))).toEqual([orgA.json().id]);
    expect(ids(await root.request({ url: '/api/webhooks' })).sort()).toEqual([id, orgA.json().id].sort());
    expect(await snapshot()).toBe(before);
    [
      'GET /api/webhooks',
      'POST /api/webhooks',
      'GET /api/webhooks/{id}',
      'PATCH /api/webhooks/{id}',
      'DELETE /api/webhooks/{id}',
      'POST /api/webhooks/{id}/rotate-secret',
      'GET /api/webhooks/{id}/deliveries',
      'POST /api/webhooks/{id}/test',
    ].forEach(cover);
  });

  it('the inbox holds the signed-in user’s own messages only', async () => {
    const m = await t.database.db
      .insertInto('outbox')
      .values({
        topic: 'access.inbox',
        dedupe_key: 'access.inbox:1',
        payload: JSON.stringify({ subject: 'For staff A', text: 'x' }),
        recipients: JSON.stringify([{ userId: staffA.id }]),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const mine = await staffA.request({ url: '/api/me/notifications' });
    expect(mine.json().items.map((i: { id: number }) => i.id)).toContain(m.id);
    const theirs = await secA.request({ url: '/api/me/notifications' });
    expect(theirs.json().items.map((i: { id: number }) => i.id)).not.toContain(m.id);
    expect(
      (await secA.request({ method: 'POST', url: `/api/me/notifications/${m.id}/read` })).statusCode,
    ).toBe(404);
    expect((await t.app.inject({ url: '/api/me/notifications' })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/me/notifications/unread-count' })).statusCode).toBe(401);
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/me/notifications/${m.id}/read` })).statusCode,
    ).toBe(401);
    expect(
      (await staffA.request({ url: '/api/me/notifications/unread-count' })).json().unread,
    ).toBeGreaterThan(0);
    const read = await t.database.db.selectFrom('inbox_reads').selectAll().execute();
    expect(read).toEqual([]);
    [
      'GET /api/me/notifications',
      'GET /api/me/notifications/unread-count',
      'POST /api/me/notifications/{id}/read',
    ].forEach(cover);
  });

  it('level alert lists: readers of the version with who-is-where there only', async () => {
    const assessment = await t.database.db
      .selectFrom('threat_assessments as a')
      .innerJoin('areas as r', 'r.id', 'a.area_id')
      .select('a.id')
      .where('r.country_code', '=', 'KEN')
      .executeTakeFirstOrThrow();
    const advisory = await t.database.db
      .selectFrom('travel_advisories')
      .select('id')
      .where('country_code', '=', 'KEN')
      .executeTakeFirstOrThrow();
    const aUrl = `/api/threats/assessments/${assessment.id}/alerts`;
    const vUrl = `/api/advisories/${advisory.id}/alerts`;
    for (const url of [aUrl, vUrl]) {
      expect((await root.request({ url })).statusCode).toBe(200);
      expect((await t.app.inject({ url })).statusCode).toBe(401);
      expect([403, 404]).toContain((await saAfg.request({ url })).statusCode);
      expect([403, 404]).toContain((await staffA.request({ url })).statusCode);
      expect([403, 404]).toContain((await secA.request({ url })).statusCode);
    }
    ['GET /api/threats/assessments/{id}/alerts', 'GET /api/advisories/{id}/alerts'].forEach(cover);
  });

  it('local security budgets: countries see their own, organizations their share only; refused writes change nothing', async () => {
    const base = '/api/costshare/local';
    const mgrAfg = await t.user('lcs.mgr.afg', [
      { role: 'costshare_manager', scopeType: 'country', scopeId: 'AFG' },
    ]);
    const doAfg = await t.user('lcs.do.afg', [
      { role: 'designated_official', scopeType: 'country', scopeId: 'AFG' },
    ]);
    const db = t.database.db;
    await db
      .insertInto('personnel_headcounts')
      .values([
        { year: 2031, country_code: 'KEN', organization_id: f.orgA, headcount: 2 },
        { year: 2031, country_code: 'KEN', organization_id: f.orgB, headcount: 2 },
      ])
      .execute();
    const made = async (res: LightMyRequestResponse, status = 201) => {
      expect(res.statusCode, res.body).toBe(status);
      return res.json();
    };
    // Kenya's budget, prepared and billed by an administrator; a register entry of Kenya's.
    let ken = await made(
      await root.request({
        method: 'POST',
        url: `${base}/budgets`,
        payload: { countryCode: 'KEN', year: 2031 },
      }),
    );
    const line = { categoryCode: 'personnel', description: 'Guards', amountCents: 1000, currency: 'USD' };
    ken = await made(
      await root.request({
        method: 'PUT',
        url: `${base}/budgets/${ken.id}/lines`,
        payload: { version: ken.version, lines: [line] },
      }),
      200,
    );
    for (const step of [
      { action: 'circulate' },
      { action: 'approve', approvedOn: '2026-11-01', smtMeetingRef: 'SMT', smtMembers: ['DO'] },
      { action: 'bill' },
    ])
      ken = await made(
        await root.request({
          method: 'POST',
          url: `${base}/budgets/${ken.id}/transitions`,
          payload: { ...step, version: ken.version },
        }),
        200,
      );
    const kenEntry = await made(
      await root.request({
        method: 'POST',
        url: `${base}/jointly-funded`,
        payload: {
          countryCode: 'KEN',
          categoryCode: 'crisis',
          description: 'KEN surge',
          wholeCategory: true,
        },
      }),
    );

    const anonymous = [
      '/categories',
      '/jointly-funded',
      '/budgets',
      `/budgets/${ken.id}`,
      `/budgets/${ken.id}/history`,
      '/organizations/ORGA/bill',
      '/overdue',
      '/export.csv',
    ];
    for (const url of anonymous)
      expect((await t.app.inject({ url: `${base}${url}` })).statusCode, url).toBe(401);

    const before = await snapshot();
    const localTables = async () =>
      JSON.stringify(
        await Promise.all(
          (
            [
              'local_budgets',
              'local_budget_lines',
              'local_budget_shares',
              'local_budget_payments',
              'local_budget_versions',
              'jointly_funded_costs',
              'local_costshare_categories',
            ] as const
          ).map((tb) => db.selectFrom(tb).selectAll().execute()),
        ),
      );
    const beforeLocal = await localTables();
    const refused: [TestUser, string, string, object | undefined, number][] = [
      [mgrAfg, 'POST', '/budgets', { countryCode: 'KEN', year: 2032 }, 403],
      [mgrAfg, 'PUT', `/budgets/${ken.id}/lines`, { version: ken.version, lines: [line] }, 404],
      [mgrAfg, 'POST', `/budgets/${ken.id}/transitions`, { action: 'close', version: ken.version }, 404],
      [doAfg, 'POST', `/budgets/${ken.id}/transitions`, { action: 'close', version: ken.version }, 404],
      [
        mgrAfg,
        'POST',
        `/budgets/${ken.id}/payments`,
        { organizationCode: 'ORGA', paidOn: '2026-11-01', amountCents: 1 },
        404,
      ],
      [
        focalA,
        'POST',
        `/budgets/${ken.id}/payments`,
        { organizationCode: 'ORGA', paidOn: '2026-11-01', amountCents: 1 },
        404,
      ],
      [
        mgrAfg,
        'POST',
        '/jointly-funded',
        { categoryCode: 'misc', description: 'x', wholeCategory: true },
        403,
      ],
      [
        mgrAfg,
        'POST',
        '/jointly-funded',
        { countryCode: 'KEN', categoryCode: 'misc', description: 'x', wholeCategory: true },
        403,
      ],
      [mgrAfg, 'PUT', `/jointly-funded/${kenEntry.id}`, { version: 1, active: false }, 404],
      [mgrAfg, 'PUT', '/categories/misc', { version: 1, name: 'Other' }, 403],
      [doAfg, 'POST', '/budgets', { countryCode: 'AFG', year: 2032 }, 403],
      [staffA, 'POST', '/budgets', { countryCode: 'AFG', year: 2032 }, 403],
    ];
    for (const [u, method, url, payload, status] of refused)
      expect(
        (await u.request({ method: method as 'POST', url: `${base}${url}`, payload })).statusCode,
        `${u.username} ${method} ${url}`,
      ).toBe(status);
    expect(await snapshot()).toBe(before);
    expect(await localTables()).toBe(beforeLocal);

    // Reads: the other country's budget is not there; an organization sees its own share only.
    expect((await mgrAfg.request({ url: `${base}/budgets/${ken.id}` })).statusCode).toBe(404);
    expect((await mgrAfg.request({ url: `${base}/budgets/${ken.id}/history` })).statusCode).toBe(404);
    expect(ids(await mgrAfg.request({ url: `${base}/budgets` }))).toEqual([]);
    expect(ids(await focalA.request({ url: `${base}/budgets` }))).toEqual([]);
    expect((await focalA.request({ url: `${base}/budgets/${ken.id}` })).statusCode).toBe(404);
    expect((await staffA.request({ url: `${base}/categories` })).statusCode).toBe(403);
    expect((await staffA.request({ url: `${base}/jointly-funded` })).statusCode).toBe(403);
    expect((await mgrAfg.request({ url: `${base}/jointly-funded` })).json()).toEqual([]);
    const bill = (await focalA.request({ url: `${base}/organizations/ORGA/bill` })).json();
    expect(bill.rows.map((r: { countryCode: string }) => r.countryCode)).toEqual(['KEN']);
    expect((await focalA.request({ url: `${base}/organizations/ORGB/bill` })).statusCode).toBe(404);
    expect((await secA.request({ url: `${base}/organizations/ORGA/bill` })).statusCode).toBe(404);
    expect((await mgrAfg.request({ url: `${base}/overdue?on=2032-03-02` })).json()).toEqual([]);
    expect(
      (await focalA.request({ url: `${base}/overdue?on=2032-03-02` }))
        .json()
        .map((r: { organizationCode: string }) => r.organizationCode),
    ).toEqual(['ORGA']);
    expect((await auditorA.request({ url: `${base}/overdue?on=2032-03-02` })).json()).toHaveLength(1);
    for (const ext of ['csv', 'xlsx', 'pdf']) {
      expect((await staffA.request({ url: `${base}/export.${ext}` })).statusCode).toBe(403);
      expect((await focalA.request({ url: `${base}/export.${ext}?organization=ORGB` })).statusCode).toBe(404);
      expect((await focalA.request({ url: `${base}/export.${ext}` })).statusCode).toBe(200);
    }
    const csv = (await focalA.request({ url: `${base}/export.csv` })).body.trim().split('\r\n').slice(1);
    expect(csv.map((r) => r.split(',')[4])).toEqual(['ORGA']);
    expect((await mgrAfg.request({ url: `${base}/export.csv` })).body.trim().split('\r\n')).toHaveLength(1);
    [
      'GET /api/costshare/local/categories',
      'PUT /api/costshare/local/categories/{code}',
      'GET /api/costshare/local/jointly-funded',
      'POST /api/costshare/local/jointly-funded',
      'PUT /api/costshare/local/jointly-funded/{id}',
      'GET /api/costshare/local/budgets',
      'POST /api/costshare/local/budgets',
      'GET /api/costshare/local/budgets/{id}',
      'PUT /api/costshare/local/budgets/{id}/lines',
      'POST /api/costshare/local/budgets/{id}/transitions',
      'POST /api/costshare/local/budgets/{id}/payments',
      'GET /api/costshare/local/budgets/{id}/history',
      'GET /api/costshare/local/organizations/{code}/bill',
      'GET /api/costshare/local/overdue',
      'GET /api/costshare/local/export.csv',
      'GET /api/costshare/local/export.xlsx',
      'GET /api/costshare/local/export.pdf',
    ].forEach(cover);
  });

  it('roll calls: the security team there runs them, organizations follow their own people, answers need the link', async () => {
    const alice = await insertPerson(t.database.db, {
      organizationId: f.orgA,
      stationId: f.stationAfg,
      name: 'Rollcall Alice',
    });
    await insertPerson(t.database.db, {
      organizationId: f.orgB,
      stationId: f.stationAfg,
      name: 'Rollcall Bob',
    });
    const start = { area: 'AFG-01', title: 'Access check' };
    const rollTables = async () =>
      JSON.stringify([
        await t.database.db.selectFrom('roll_calls').selectAll().orderBy('id').execute(),
        await t.database.db.selectFrom('roll_call_people').selectAll().orderBy('person_id').execute(),
        await t.database.db.selectFrom('roll_call_log').selectAll().orderBy('id').execute(),
      ]);
    expect((await t.app.inject({ method: 'POST', url: '/api/rollcalls', payload: start })).statusCode).toBe(
      401,
    );
    expect((await secA.request({ method: 'POST', url: '/api/rollcalls', payload: start })).statusCode).toBe(
      403,
    );
    expect((await staffA.request({ method: 'POST', url: '/api/rollcalls', payload: start })).statusCode).toBe(
      403,
    );
    const started = await saAfg.request({ method: 'POST', url: '/api/rollcalls', payload: start });
    expect(started.statusCode, started.body).toBe(201);
    const id = started.json().id as string;
    const before = await rollTables();

    // Reads: the country's security team everything, organization A's focal point its own people.
    const all = await saAfg.request({ url: `/api/rollcalls/${id}` });
    expect(all.json().view).toBe('all');
    const own = await secA.request({ url: `/api/rollcalls/${id}` });
    expect(own.json().view).toBe('organization');
    expect(JSON.stringify(own.json())).not.toContain('Rollcall Bob');
    expect((await focalA.request({ url: `/api/rollcalls/${id}` })).statusCode).toBe(404);
    expect((await staffA.request({ url: `/api/rollcalls/${id}` })).statusCode).toBe(404);
    expect((await staffA.request({ url: '/api/rollcalls' })).statusCode).toBe(403);
    expect(ids(await secA.request({ url: '/api/rollcalls' }))).toContain(id);
    expect((await t.app.inject({ url: `/api/rollcalls/${id}` })).statusCode).toBe(401);

    // Refused writes: answers for others, decisions and closing are the security team's (or a warden's).
    const answer = {
      method: 'POST' as const,
      url: `/api/rollcalls/${id}/people/${alice}/answer`,
      payload: { answer: 'safe' },
    };
    expect((await secA.request(answer)).statusCode).toBe(403);
    expect((await staffA.request(answer)).statusCode).toBe(404);
    expect(
      (await secA.request({ method: 'POST', url: `/api/rollcalls/${id}/log`, payload: { text: 'x' } }))
        .statusCode,
    ).toBe(403);
    expect((await secA.request({ method: 'POST', url: `/api/rollcalls/${id}/close` })).statusCode).toBe(403);
    const fake = 'A'.repeat(22);
    expect((await t.app.inject({ url: `/api/rollcall/answer/${fake}` })).statusCode).toBe(404);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/rollcall/answer/${fake}`,
          payload: { answers: [{ personId: alice, answer: 'safe' }] },
        })
      ).statusCode,
    ).toBe(404);
    // No inbound token configured here: SMS replies are refused whatever they carry.
    const sms = {
      method: 'POST' as const,
      url: '/api/rollcall/sms',
      payload: { from: '+93700000001', text: '1' },
    };
    expect((await t.app.inject(sms)).statusCode).toBe(401);
    expect(
      (await t.app.inject({ ...sms, headers: { authorization: 'Bearer anything-at-all-123' } })).statusCode,
    ).toBe(401);
    expect(await rollTables()).toBe(before);

    expect((await saAfg.request(answer)).statusCode).toBe(200);
    expect((await saAfg.request({ method: 'POST', url: `/api/rollcalls/${id}/close` })).statusCode).toBe(200);
    [
      'POST /api/rollcalls',
      'GET /api/rollcalls',
      'GET /api/rollcalls/{id}',
      'POST /api/rollcalls/{id}/people/{personId}/answer',
      'POST /api/rollcalls/{id}/log',
      'POST /api/rollcalls/{id}/close',
      'GET /api/rollcall/answer/{token}',
      'POST /api/rollcall/answer/{token}',
      'POST /api/rollcall/sms',
    ].forEach(cover);
  });

  it('covers every endpoint of the API', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const all = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    const missing = all.filter((route) => !covered.has(route));
    expect(missing).toEqual([]);
  });
});
