import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, createTestApp, type TestApp, type TestUser } from '../support/app';

let t: TestApp;
let root: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  root = await t.user('root', admin);
});
afterAll(() => t.close());

const kabulArea = {
  code: 'afg-01',
  name: 'Central Region',
  countryCode: 'afg',
  polygon: {
    type: 'Polygon',
    coordinates: [
      [
        [68, 33],
        [70, 33],
        [70, 35.5],
        [68, 35.5],
        [68, 33],
      ],
    ],
  },
};

describe('reference data', () => {
  it('serves health with the engine, and the OpenAPI 3.1 document listing the registry', async () => {
    const health = await t.app.inject({ url: '/api/health' });
    expect(health.json()).toMatchObject({ status: 'ok', engine: t.database.engine });
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/areas', '/api/stations', '/api/imports/{kind}']),
    );
    expect((await t.app.inject({ url: '/api/docs/' })).statusCode).toBe(200);
  });

  it('exposes Prometheus metrics to the host itself, labelled by route pattern', async () => {
    await root.request({ url: '/api/countries' });
    const res = await t.app.inject({ url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(
      /smin_http_requests_total\{method="GET",route="\/api\/countries",status="200"\} \d+/,
    );
    const remote = await t.app.inject({ url: '/metrics', remoteAddress: '10.1.2.3' });
    expect(remote.statusCode).toBe(403);
  });

  it('lists ISO countries with boundaries', async () => {
    const countries = (await root.request({ url: '/api/countries' })).json();
    expect(countries.length).toBeGreaterThan(190);
    expect(countries.find((c: { code: string }) => c.code === 'KEN')).toMatchObject({
      iso2: 'KE',
      name: 'Kenya',
    });
    const afg = (await root.request({ url: '/api/countries/afg' })).json();
    expect(['Polygon', 'MultiPolygon']).toContain(afg.boundary.type);
  });

  it('creates organizations with a counted-in parent, normalising codes', async () => {
    const undp = await root.request({
      method: 'POST',
      url: '/api/organizations',
      payload: { code: 'undp', name: 'UN Development Programme', type: 'programme' },
    });
    expect(undp.statusCode).toBe(201);
    expect(undp.json().code).toBe('UNDP');
    const unv = await root.request({
      method: 'POST',
      url: '/api/organizations',
      payload: { code: 'UNV', name: 'UN Volunteers', type: 'programme', countedInCode: 'undp' },
    });
    expect(unv.json()).toMatchObject({ countedInCode: 'UNDP', countedInId: undp.json().id });
    const chained = await root.request({
      method: 'POST',
      url: '/api/organizations',
      payload: { code: 'X1', name: 'X', type: 'other', countedInCode: 'UNV' },
    });
    expect(chained.statusCode).toBe(400);
    expect(chained.json().errors[0].field).toBe('countedInCode');
  });

  it('creates an area with a polygon, a station inside the country, and serves them as GeoJSON', async () => {
    const area = await root.request({ method: 'POST', url: '/api/areas', payload: kabulArea });
    expect(area.statusCode).toBe(201);
    expect(area.json()).toMatchObject({ code: 'AFG-01', countryCode: 'AFG', hasPolygon: true });
    const station = await root.request({
      method: 'POST',
      url: '/api/stations',
      payload: { code: 'AFG-KBL', name: 'Kabul', areaCode: 'AFG-01', lat: 34.53, lon: 69.17 },
    });
    expect(station.statusCode).toBe(201);
    const fc = (await root.request({ url: '/api/geo/stations?country=AFG' })).json();
    expect(fc.features[0].geometry.coordinates).toEqual([69.17, 34.53]);
    const areas = (await root.request({ url: '/api/geo/areas' })).json();
    expect(areas.features.map((f: { properties: { code: string } }) => f.properties.code)).toContain(
      'AFG-01',
    );
  });

  it('refuses a station whose point lies outside its country (swapped lat/lon)', async () => {
    const res = await root.request({
      method: 'POST',
      url: '/api/stations',
      payload: { code: 'AFG-BAD', name: 'Swapped', areaCode: 'AFG-01', lat: 69.17, lon: 34.53 },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('lat');
  });

  it('updates with optimistic concurrency: a stale version gets 409 and nothing changes', async () => {
    const [station] = (await root.request({ url: '/api/stations?area=AFG-01' })).json();
    const ok = await root.request({
      method: 'PATCH',
      url: `/api/stations/${station.id}`,
      payload: { name: 'Kabul City', version: station.version },
    });
    expect(ok.json()).toMatchObject({ name: 'Kabul City', version: station.version + 1 });
    const stale = await root.request({
      method: 'PATCH',
      url: `/api/stations/${station.id}`,
      payload: { name: 'Lost', version: station.version },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'version-conflict', currentVersion: station.version + 1 });
    expect((await root.request({ url: `/api/stations/${station.id}` })).json().name).toBe('Kabul City');
  });

  it('audits every change with before and after', async () => {
    const entries = (await root.request({ url: '/api/audit?entityType=duty_station' })).json();
    const update = entries.find((e: { action: string }) => e.action === 'station.update');
    expect(update.before.name).toBe('Kabul');
    expect(update.after.name).toBe('Kabul City');
    expect(update.actor).toBe('root');
  });

  it('creates premises tied to an organization and a station', async () => {
    const res = await root.request({
      method: 'POST',
      url: '/api/premises',
      payload: {
        code: 'undp-kbl-1',
        name: 'UNDP Kabul office',
        kind: 'office',
        organizationCode: 'UNDP',
        stationCode: 'AFG-KBL',
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      organizationCode: 'UNDP',
      stationCode: 'AFG-KBL',
      countryCode: 'AFG',
    });
  });
});
