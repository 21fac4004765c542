import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, createTestApp, type TestApp, type TestUser } from '../support/app';
import { seedTwoScopes } from '../support/fixtures';

/** SCIM 2.0 provisioning through API tokens, as an identity system calls it. */
let t: TestApp;
let tokenA: string;
let tokenB: string;
let tokenStaff: string;

const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const EXT = 'urn:opensmin:params:scim:schemas:extension:person:1.0';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

const tokenOf = async (u: TestUser) => {
  const res = await u.request({ method: 'POST', url: '/api/auth/tokens', payload: { name: 'scim' } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().token as string;
};
const scim = (token: string | null, o: InjectOptions & { body?: unknown }) =>
  t.app.inject({
    ...o,
    url: `/scim/v2${o.url}`,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      'content-type': 'application/scim+json',
      ...(o.headers ?? {}),
    },
    ...(o.body !== undefined
      ? { payload: typeof o.body === 'string' ? o.body : JSON.stringify(o.body) }
      : {}),
  } as InjectOptions);

const user = (externalId: string, extra: Record<string, unknown> = {}) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENT, EXT],
  externalId,
  userName: `${externalId.toLowerCase()}@example.org`,
  name: { givenName: 'Dana', familyName: `Diaz-${externalId}` },
  emails: [{ value: `${externalId.toLowerCase()}@example.org`, type: 'work', primary: true }],
  phoneNumbers: [{ value: '+93 700 000 000', type: 'mobile' }],
  active: true,
  [EXT]: { recruitment: 'international', dutyStation: 'AFG-KBL', contractType: 'fixed-term' },
  ...extra,
});
const peopleCount = async (externalId: string) =>
  (await t.database.db.selectFrom('people').select('id').where('external_id', '=', externalId).execute())
    .length;

beforeAll(async () => {
  t = await createTestApp();
  const root = await t.user('root', admin);
  await seedTwoScopes(root);
  const hrA = await t.user(
    'hr.a',
    [{ role: 'org_hq_focal_point', scopeType: 'organization', scopeId: 'ORGA' }],
    'ORGA',
  );
  const hrB = await t.user(
    'hr.b',
    [{ role: 'org_hq_focal_point', scopeType: 'organization', scopeId: 'ORGB' }],
    'ORGB',
  );
  const staff = await t.user(
    'staff.a',
    [{ role: 'personnel', scopeType: 'organization', scopeId: 'ORGA' }],
    'ORGA',
  );
  tokenA = await tokenOf(hrA);
  tokenB = await tokenOf(hrB);
  tokenStaff = await tokenOf(staff);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('SCIM Users', () => {
  let id: string;

  it('creates a user in the token holder’s organization, with Location and ETag', async () => {
    const res = await scim(tokenA, { method: 'POST', url: '/Users', body: user('E-100') });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers['content-type']).toContain('application/scim+json');
    const u = res.json();
    id = u.id;
    expect(res.headers.location).toMatch(new RegExp(`^http://localhost(:\\d+)?/scim/v2/Users/${id}$`));
    expect(res.headers.etag).toBe('W/"1"');
    expect(u).toMatchObject({
      externalId: 'E-100',
      userName: 'e-100@example.org',
      name: { givenName: 'Dana', familyName: 'Diaz-E-100' },
      active: true,
      [ENT]: { employeeNumber: 'E-100', organization: 'ORGA' },
      [EXT]: { recruitment: 'international', dutyStation: 'AFG-KBL', contractType: 'fixed-term' },
      meta: { resourceType: 'User', version: 'W/"1"' },
    });
    const row = await t.database.db
      .selectFrom('people')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ source: 'scim', kind: 'personnel', phone: '+93 700 000 000' });
    const entry = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', id)
      .executeTakeFirst();
    expect(entry).toMatchObject({ action: 'person.scim.create' });
  });

  it('a repeated POST of the same user is a 409 uniqueness and never a duplicate', async () => {
    for (const externalId of ['E-100', 'e-100']) {
      const res = await scim(tokenA, { method: 'POST', url: '/Users', body: user(externalId) });
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json()).toMatchObject({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
        status: '409',
        scimType: 'uniqueness',
      });
      expect(res.json().detail).toContain('externalId');
    }
    expect(await peopleCount('E-100')).toBe(1);
  });

  it('takes employeeNumber as the external id and reads back by id', async () => {
    const body = user('x', {
      externalId: undefined,
      [ENT]: { employeeNumber: 'E-101', organization: 'orga' },
    });
    const res = await scim(tokenA, { method: 'POST', url: '/Users', body });
    expect(res.statusCode, res.body).toBe(201);
    const got = await scim(tokenA, { url: `/Users/${res.json().id}` });
    expect(got.statusCode).toBe(200);
    expect(got.json().externalId).toBe('E-101');
  });

  it('filters by userName, externalId, emails.value and active, with and; pages from 1', async () => {
    const q = async (filter: string, extra = '') => {
      const res = await scim(tokenA, { url: `/Users?filter=${encodeURIComponent(filter)}${extra}` });
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    expect((await q('userName eq "E-100@example.org"')).Resources.map((r: { id: string }) => r.id)).toEqual([
      id,
    ]);
    expect((await q('externalId eq "e-100"')).totalResults).toBe(1);
    expect((await q('emails.value eq "e-100@example.org" and active eq true')).totalResults).toBe(1);
    expect((await q('externalId eq "E-100" and active eq false')).totalResults).toBe(0);
    expect((await q('externalId eq "nobody"')).Resources).toEqual([]);
    const all = await q('active eq true', '&startIndex=2&count=1');
    expect(all).toMatchObject({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 2,
      startIndex: 2,
      itemsPerPage: 1,
    });
    // ORGB's token sees none of ORGA's users.
    const b = await scim(tokenB, { url: '/Users' });
    expect(b.json().totalResults).toBe(0);
  });

  it('refuses filters it does not understand as invalidFilter', async () => {
    for (const filter of [
      'userName sw "a"',
      'title eq "x"',
      'userName eq "a" or active eq true',
      'active eq "x"',
      '(active eq true)',
      'userName eq',
    ]) {
      const res = await scim(tokenA, { url: `/Users?filter=${encodeURIComponent(filter)}` });
      expect(res.statusCode, filter).toBe(400);
      expect(res.json().scimType, filter).toBe('invalidFilter');
    }
  });

  it('patches with and without a path; active false deactivates', async () => {
    const res = await scim(tokenA, {
      method: 'PATCH',
      url: `/Users/${id}`,
      body: {
        schemas: [PATCH],
        Operations: [
          { op: 'replace', path: 'name.givenName', value: 'Dina' },
          { op: 'Replace', path: 'emails[type eq "work"].value', value: 'dina@example.org' },
          { op: 'add', path: `${EXT}:recruitment`, value: 'local' },
          { op: 'remove', path: 'phoneNumbers' },
          { op: 'replace', value: { active: 'False', [`${ENT}:employeeNumber`]: 'E-100' } },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      name: { givenName: 'Dina' },
      userName: 'dina@example.org',
      active: false,
      [EXT]: { recruitment: 'local' },
      meta: { version: 'W/"2"' },
    });
    expect(res.json().phoneNumbers).toBeUndefined();
    const row = await t.database.db
      .selectFrom('people')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'separated', given_name: 'Dina', phone: null, recruitment: 'local' });
  });

  it('refuses bad patches with their scimType', async () => {
    const patch = (Operations: unknown[]) =>
      scim(tokenA, { method: 'PATCH', url: `/Users/${id}`, body: { schemas: [PATCH], Operations } });
    expect((await patch([{ op: 'replace', path: 'id', value: 'x' }])).json().scimType).toBe('mutability');
    expect((await patch([{ op: 'replace', path: 'externalId', value: 'E-999' }])).json().scimType).toBe(
      'mutability',
    );
    expect((await patch([{ op: 'remove' }])).json().scimType).toBe('noTarget');
    expect((await patch([{ op: 'remove', path: 'emails[value eq "none@x.org"]' }])).json().scimType).toBe(
      'noTarget',
    );
    const r = await patch([{ op: 'replace', path: 'name.familyName', value: '' }]);
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ scimType: 'invalidValue' });
    expect(r.json().detail).toContain('name.familyName');
  });

  it('replaces with PUT, keeping what the identity system does not manage; If-Match is checked', async () => {
    const stale = await scim(tokenA, {
      method: 'PUT',
      url: `/Users/${id}`,
      headers: { 'if-match': 'W/"1"' },
      body: user('E-100'),
    });
    expect(stale.statusCode).toBe(412);
    const body = user('E-100', { [EXT]: undefined, phoneNumbers: undefined });
    const res = await scim(tokenA, {
      method: 'PUT',
      url: `/Users/${id}`,
      headers: { 'if-match': 'W/"2"' },
      body,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      active: true,
      name: { givenName: 'Dana' },
      [EXT]: { recruitment: 'local', dutyStation: 'AFG-KBL' },
      meta: { version: 'W/"3"' },
    });
    // The same PUT again changes nothing: no new version.
    const again = await scim(tokenA, { method: 'PUT', url: `/Users/${id}`, body });
    expect(again.json().meta.version).toBe('W/"3"');
  });

  it('DELETE marks the person separated and keeps the profile', async () => {
    const res = await scim(tokenA, { method: 'DELETE', url: `/Users/${id}` });
    expect(res.statusCode).toBe(204);
    const got = await scim(tokenA, { url: `/Users/${id}` });
    expect(got.json().active).toBe(false);
    expect(await peopleCount('E-100')).toBe(1);
    expect((await scim(tokenA, { method: 'DELETE', url: `/Users/${id}` })).statusCode).toBe(204);
  });

  it('answers bad input with SCIM errors, never a 500', async () => {
    const bad = await scim(tokenA, { method: 'POST', url: '/Users', body: '{"externalId": ' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ status: '400', scimType: 'invalidSyntax' });
    const badJson = await scim(tokenA, {
      method: 'POST',
      url: '/Users',
      headers: { 'content-type': 'application/json' },
      body: '{nope',
    });
    expect(badJson.json()).toMatchObject({ status: '400', scimType: 'invalidSyntax' });
    const cases: [Record<string, unknown>, string][] = [
      [user('E-200', { [ENT]: { organization: 'NOPE' } }), `${ENT}:organization`],
      [user('E-201', { [EXT]: { recruitment: 'alien' } }), `${EXT}:recruitment`],
      [user('E-202', { [EXT]: { recruitment: 'local', dutyStation: 'ZZZ' } }), `${EXT}:dutyStation`],
      [user('E-203', { emails: [{ value: 'not-mail' }] }), 'emails'],
      [user('E-204', { name: { givenName: 'X' } }), 'name.familyName'],
      [user('', {}), 'externalId'],
      [user('E-205', { active: 'maybe' }), 'active'],
    ];
    for (const [body, attr] of cases) {
      const res = await scim(tokenA, { method: 'POST', url: '/Users', body });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().scimType, attr).toBe('invalidValue');
      expect(res.json().detail, attr).toContain(attr);
    }
    expect((await scim(tokenA, { url: '/Users/not-a-uuid' })).statusCode).toBe(404);
    expect((await scim(tokenA, { url: '/Users?count=abc' })).json().scimType).toBe('invalidValue');
    const nf = await scim(tokenA, { url: '/Groups' });
    expect(nf.statusCode).toBe(404);
    expect(nf.json().schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
  });
});

describe('SCIM access control', () => {
  it('401 without a token (a session cookie is not enough), 403 without people.write', async () => {
    expect((await scim(null, { url: '/Users' })).statusCode).toBe(401);
    expect((await scim(null, { url: '/ServiceProviderConfig' })).statusCode).toBe(401);
    const root = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'root', password: 'correct horse battery staple' },
    });
    const cookie = `smin_session=${root.cookies.find((c) => c.name === 'smin_session')!.value}`;
    expect((await t.app.inject({ url: '/scim/v2/Users', headers: { cookie } })).statusCode).toBe(401);
    const staff = await scim(tokenStaff, { url: '/Users' });
    expect(staff.statusCode).toBe(403);
    expect(staff.json()).toMatchObject({ status: '403' });
    expect((await scim(tokenStaff, { method: 'POST', url: '/Users', body: user('E-300') })).statusCode).toBe(
      403,
    );
    expect(await peopleCount('E-300')).toBe(0);
  });

  it('another organization’s token gets 403 on writing there and 404 on its users', async () => {
    const created = await scim(tokenA, { method: 'POST', url: '/Users', body: user('E-400') });
    const aId = created.json().id as string;
    const intoA = await scim(tokenB, {
      method: 'POST',
      url: '/Users',
      body: user('E-401', { [ENT]: { organization: 'ORGA' } }),
    });
    expect(intoA.statusCode).toBe(403);
    expect(await peopleCount('E-401')).toBe(0);
    expect((await scim(tokenB, { url: `/Users/${aId}` })).statusCode).toBe(404);
    for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
      const res = await scim(tokenB, {
        method,
        url: `/Users/${aId}`,
        body:
          method === 'PATCH'
            ? { schemas: [PATCH], Operations: [{ op: 'replace', path: 'active', value: false }] }
            : user('E-400'),
      });
      expect(res.statusCode, method).toBe(404);
    }
    const row = await t.database.db
      .selectFrom('people')
      .selectAll()
      .where('id', '=', aId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'active', version: 1 });
    // ORGB's token creates in its own organization by default.
    const own = await scim(tokenB, { method: 'POST', url: '/Users', body: user('E-400') });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json()[ENT].organization).toBe('ORGB');
  });

  it('publishes discovery documents to token holders', async () => {
    const spc = await scim(tokenStaff, { url: '/ServiceProviderConfig' });
    expect(spc.json()).toMatchObject({
      patch: { supported: true },
      filter: { supported: true },
      etag: { supported: true },
    });
    expect((await scim(tokenA, { url: '/Schemas' })).json().totalResults).toBe(3);
    expect((await scim(tokenA, { url: '/ResourceTypes' })).json().Resources[0].endpoint).toBe('/Users');
  });

  it('stays out of the OpenAPI document', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json() as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/scim'))).toEqual([]);
  });
});
