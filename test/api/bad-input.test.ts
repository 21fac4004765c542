import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, createTestApp, type TestApp, type TestUser } from '../support/app';

let t: TestApp;
let root: TestUser;
beforeAll(async () => {
  t = await createTestApp({ SMIN_BODY_LIMIT_BYTES: '4096' });
  root = await t.user('root', admin);
  await root.request({
    method: 'POST',
    url: '/api/areas',
    payload: { code: 'KEN-01', name: 'Nairobi', countryCode: 'KEN' },
  });
});
afterAll(() => t.close());

const countRows = async () => {
  const n = async (table: 'areas' | 'duty_stations' | 'organizations') =>
    Number(
      (
        await t.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    areas: await n('areas'),
    stations: await n('duty_stations'),
    organizations: await n('organizations'),
  };
};

describe('bad input gets a clear 4xx naming the field, never a 500 or a partial write', () => {
  it('malformed JSON', async () => {
    const res = await root.request({
      method: 'POST',
      url: '/api/areas',
      headers: { 'content-type': 'application/json' },
      payload: '{"code": "X",',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ type: '/problems/malformed-body', status: 400 });
  });

  it('wrong types and missing fields are each named', async () => {
    const res = await root.request({
      method: 'POST',
      url: '/api/stations',
      payload: { code: 'KEN-X', name: 42, areaCode: 'KEN-01', lat: 'north' },
    });
    expect(res.statusCode).toBe(400);
    const fields = (res.json().errors as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'lat', 'lon']));
  });

  it('unknown fields are refused by name', async () => {
    const res = await root.request({
      method: 'POST',
      url: '/api/areas',
      payload: { code: 'KEN-02', name: 'Coast', countryCode: 'KEN', colour: 'red' },
    });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().errors)).toContain('colour');
  });

  it('oversized bodies get 413', async () => {
    const res = await root.request({
      method: 'POST',
      url: '/api/areas',
      payload: { code: 'KEN-03', name: 'x'.repeat(10_000), countryCode: 'KEN' },
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('body-too-large');
  });

  it('invalid GeoJSON names the bad position', async () => {
    const polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [36, -1],
          [37, -1],
          [37, 200],
          [36, -1],
        ],
      ],
    };
    const res = await root.request({
      method: 'POST',
      url: '/api/areas',
      payload: { code: 'KEN-04', name: 'Bad', countryCode: 'KEN', polygon },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('polygon.coordinates[0][2]');
  });

  it('duplicate codes get 409 naming the code, case-insensitively', async () => {
    const res = await root.request({
      method: 'POST',
      url: '/api/areas',
      payload: { code: 'ken-01', name: 'Again', countryCode: 'KEN' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'duplicate', errors: [{ field: 'code' }] });
  });

  it('unknown references and malformed ids are 4xx', async () => {
    expect(
      (
        await root.request({
          method: 'POST',
          url: '/api/areas',
          payload: { code: 'ZZZ-1', name: 'Nowhere', countryCode: 'ZZZ' },
        })
      ).statusCode,
    ).toBe(400);
    expect((await root.request({ url: '/api/areas/not-a-uuid' })).statusCode).toBe(400);
    expect((await root.request({ url: '/api/areas/00000000-0000-4000-8000-000000000000' })).statusCode).toBe(
      404,
    );
    expect((await root.request({ url: '/api/nothing-here' })).statusCode).toBe(404);
  });

  it('a wrong content type for an import is 415', async () => {
    const res = await root.request({
      method: 'POST',
      url: '/api/imports/stations',
      headers: { 'content-type': 'application/xml' },
      payload: '<x/>',
    });
    expect(res.statusCode).toBe(415);
  });

  it('none of the above wrote anything', async () => {
    expect(await countRows()).toEqual({ areas: 1, stations: 0, organizations: 0 });
  });

  it('a hostile barrage never produces a 5xx', async () => {
    const payloads: unknown[] = [
      null,
      [],
      'text',
      1e308,
      { code: "'; DROP TABLE areas; --", name: 'x', countryCode: 'KEN' },
      { code: '\u0000', name: '\u0000', countryCode: 'KEN' },
      { polygon: { type: 'Polygon', coordinates: 'x' } },
    ];
    for (const url of [
      '/api/areas',
      '/api/stations',
      '/api/organizations',
      '/api/premises',
      '/api/users',
      '/api/auth/login',
      '/api/auth/tokens',
    ]) {
      for (const p of payloads) {
        const res = await root.request({
          method: 'POST',
          url,
          headers: { 'content-type': 'application/json' },
          payload: JSON.stringify(p),
        });
        expect(res.statusCode, `${url} ${JSON.stringify(p)} → ${res.body}`).toBeLessThan(500);
      }
    }
    expect((await root.request({ url: '/api/areas' })).json().map((a: { code: string }) => a.code)).toEqual([
      'KEN-01',
    ]);
  });
});

describe('duplicate grants', () => {
  it('name the role, not the constraint', async () => {
    const user = await root.request({
      method: 'POST',
      url: '/api/users',
      payload: { username: 'dup', displayName: 'Dup' },
    });
    const grant = { role: 'security_professional', scopeType: 'country', scopeId: 'KEN' };
    expect(
      (await root.request({ method: 'POST', url: `/api/users/${user.json().id}/grants`, payload: grant }))
        .statusCode,
    ).toBe(201);
    const again = await root.request({
      method: 'POST',
      url: `/api/users/${user.json().id}/grants`,
      payload: grant,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      detail: 'The user already holds this role over this scope',
      errors: [{ field: 'role' }],
    });
  });
});
