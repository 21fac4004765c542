import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_ROWS } from '../../src/modules/incidents/rules';
import { admin, createTestApp, type TestApp, type TestUser } from '../support/app';
import { seedTwoScopes, type TwoScopes } from '../support/fixtures';

let t: TestApp;
let f: TwoScopes;
let root: TestUser;
let saAfg: TestUser;
let secA: TestUser;
let staffA: TestUser;
let focalA: TestUser;
let desk: TestUser;

interface Row {
  country?: string;
  year?: number;
  month?: number;
  category?: string;
  organization?: string | null;
  area?: string | null;
  incidents: number;
  affected: number;
  killed: number;
  injured: number;
  kidnapped: number;
  arrested: number;
  headcount: number | null;
  ratePer100k: number | null;
}

const get = async (user: TestUser, url: string) => {
  const res = await user.request({ url });
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  return res.json();
};
const stats = (user: TestUser, query: string) => get(user, `/api/incidents/stats?${query}`) as Promise<Row[]>;
const pick = (rows: Row[]) => rows.map(({ headcount: _h, ratePer100k: _r, ...rest }) => rest);

beforeAll(async () => {
  t = await createTestApp();
  root = await t.user('root', admin);
  f = await seedTwoScopes(root);
  saAfg = await t.user('sa.afg', [{ role: 'security_professional', scopeType: 'country', scopeId: 'AFG' }]);
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
  focalA = await t.user(
    'focal.a',
    [{ role: 'org_hq_focal_point', scopeType: 'organization', scopeId: 'ORGA' }],
    'ORGA',
  );
  desk = await t.user('desk', [{ role: 'desk_officer', scopeType: 'global', scopeId: null }]);
  // Recorded through the standard form, so the totals and copies are the incident service's own.
  const record = async (user: TestUser, form: object) => {
    const res = await user.request({ method: 'POST', url: '/api/incidents', payload: form });
    if (res.statusCode !== 201) throw new Error(`record: ${res.statusCode} ${res.body}`);
  };
  // 1. AFG 2025, violence against A: one killed, two injured.
  await record(root, {
    occurredOn: '2025-03-10',
    countryCode: 'AFG',
    areaCode: 'AFG-01',
    lat: 34.5,
    lon: 69.2,
    categoryCode: 'VIOLENT_ATTACK',
    title: 'Attack',
    organizationCodes: ['ORGA'],
    personnel: [
      { organizationCode: 'ORGA', outcome: 'killed' },
      { organizationCode: 'ORGA', outcome: 'injured', count: 2 },
    ],
  });
  // 2. AFG 2025, a road crash affecting A and B.
  await record(root, {
    occurredOn: '2025-07-01',
    countryCode: 'AFG',
    lat: 34.6,
    lon: 69.1,
    categoryCode: 'road crash',
    title: 'Crash',
    organizationCodes: ['ORGA', 'ORGB'],
    personnel: [
      { organizationCode: 'ORGA', outcome: 'killed' },
      { organizationCode: 'ORGB', outcome: 'injured' },
    ],
  });
  // 3. AFG 2026, situational: counted in statistics, never in the Secretary-General's table.
  await record(root, {
    occurredOn: '2026-01-15',
    countryCode: 'AFG',
    categoryCode: 'ARMED_CONFLICT',
    relevance: 'situational',
    title: 'Shelling',
    personnel: [{ outcome: 'killed', count: 4 }],
  });
  // 4. KEN 2025, robbery of two B staff.
  await record(root, {
    occurredOn: '2025-05-05',
    countryCode: 'KEN',
    areaCode: 'KEN-01',
    lat: -1.3,
    lon: 36.8,
    categoryCode: 'ROBBERY',
    title: 'Robbery',
    organizationCodes: ['ORGB'],
    personnel: [{ organizationCode: 'ORGB', outcome: 'robbed', count: 2 }],
  });
  // 5. KEN 2026, a near miss: no one affected.
  await record(root, {
    occurredOn: '2026-02-02',
    countryCode: 'KEN',
    categoryCode: 'ABDUCTION',
    relevance: 'near_miss',
    title: 'Attempted abduction',
    organizationCodes: ['ORGB'],
  });
  // 6. AFG 2026, intimidation of A staff, reported by staff.a.
  await record(staffA, {
    occurredOn: '2026-06-30',
    countryCode: 'AFG',
    categoryCode: 'INTIMIDATION',
    title: 'Threats at the gate',
    organizationCodes: ['ORGA'],
    personnel: [{ organizationCode: 'ORGA', outcome: 'intimidated_harassed' }],
  });
  // 7. KEN 2026, sexual assault of a B staff member.
  await record(root, {
    occurredOn: '2026-08-08',
    countryCode: 'KEN',
    categoryCode: 'SEXUAL_ASSAULT',
    title: 'Assault',
    organizationCodes: ['ORGB'],
    personnel: [{ organizationCode: 'ORGB', outcome: 'sexually_assaulted' }],
  });
  const { orgA, orgB } = f;
  await t.database.db
    .insertInto('personnel_headcounts')
    .values([
      { year: 2025, country_code: 'AFG', organization_id: orgA, headcount: 1000 },
      { year: 2025, country_code: 'AFG', organization_id: orgB, headcount: 500 },
      { year: 2025, country_code: 'KEN', organization_id: orgB, headcount: 2000 },
    ])
    .execute();
});
afterAll(() => t.close());

describe('incident categories', () => {
  it('lists the taxonomy to anyone who reports or reads incidents', async () => {
    const list = (await get(staffA, '/api/incidents/categories')) as { code: string; nature: string }[];
    expect(list.find((c) => c.code === 'ROAD_CRASH')).toMatchObject({ nature: 'safety' });
    expect(list.filter((c) => c.nature === 'situational')).toHaveLength(5);
    const nobody = await t.user('nobody', []);
    expect((await nobody.request({ url: '/api/incidents/categories' })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/incidents/categories' })).statusCode).toBe(401);
  });
});

describe('incident statistics', () => {
  it('groups by country and year with totals and rates per 100,000 where the headcount is known', async () => {
    const rows = await stats(root, 'by=country,year');
    expect(rows).toEqual([
      {
        country: 'AFG',
        year: 2025,
        incidents: 2,
        affected: 5,
        killed: 2,
        injured: 3,
        kidnapped: 0,
        arrested: 0,
        headcount: 1500,
        ratePer100k: 333.33,
      },
      {
        country: 'AFG',
        year: 2026,
        incidents: 2,
        affected: 5,
        killed: 4,
        injured: 0,
        kidnapped: 0,
        arrested: 0,
        headcount: null,
        ratePer100k: null,
      },
      {
        country: 'KEN',
        year: 2025,
        incidents: 1,
        affected: 2,
        killed: 0,
        injured: 0,
        kidnapped: 0,
        arrested: 0,
        headcount: 2000,
        ratePer100k: 100,
      },
      {
        country: 'KEN',
        year: 2026,
        incidents: 2,
        affected: 1,
        killed: 0,
        injured: 0,
        kidnapped: 0,
        arrested: 0,
        headcount: null,
        ratePer100k: null,
      },
    ]);
  });

  it('counts an incident once for each organization it affects, and those affecting none under null', async () => {
    const rows = await stats(root, 'by=organization,year');
    expect(
      rows.map((r) => [r.organization, r.year, r.incidents, r.affected, r.headcount, r.ratePer100k]),
    ).toEqual([
      ['ORGA', 2025, 2, 5, 1000, 500],
      ['ORGA', 2026, 1, 1, null, null],
      ['ORGB', 2025, 2, 4, 2500, 160],
      ['ORGB', 2026, 2, 1, null, null],
      [null, 2026, 1, 4, null, null],
    ]);
    const onlyB = await stats(root, 'by=organization&organization=ORGB');
    expect(pick(onlyB)).toEqual([
      {
        organization: 'ORGB',
        organizationName: 'Organization B',
        incidents: 4,
        affected: 5,
        killed: 1,
        injured: 1,
        kidnapped: 0,
        arrested: 0,
      },
    ]);
    // Without a year there is no rate: headcounts are annual.
    expect(onlyB[0]!.ratePer100k).toBeNull();
  });

  it('groups by month, category and area, and filters by period, category and relevance', async () => {
    const byCategory = await stats(root, 'by=category&relevance=organization');
    expect(byCategory.map((r) => r.category)).toEqual([
      'INTIMIDATION',
      'ROAD_CRASH',
      'ROBBERY',
      'SEXUAL_ASSAULT',
      'VIOLENT_ATTACK',
    ]);
    expect(byCategory[1]).toMatchObject({ categoryName: 'Road traffic crash', incidents: 1, killed: 1 });
    // A period starting inside a month is cut at the day; whole months need no day.
    expect(pick(await stats(root, 'by=year,month&from=2025-03-11&to=2025-12-31&country=AFG'))).toEqual([
      { year: 2025, month: 7, incidents: 1, affected: 2, killed: 1, injured: 1, kidnapped: 0, arrested: 0 },
    ]);
    expect((await stats(root, 'by=country&from=2025-03-01&to=2025-03-31'))[0]).toMatchObject({
      country: 'AFG',
      incidents: 1,
    });
    expect((await stats(root, 'by=country&category=road%20crash'))[0]).toMatchObject({ incidents: 1 });
    const areas = await stats(root, 'by=area,year');
    expect(areas.map((r) => [r.area, r.year, r.incidents, r.ratePer100k])).toEqual([
      ['AFG-01', 2025, 1, null],
      ['KEN-01', 2025, 1, null],
      [null, 2025, 1, null],
      [null, 2026, 4, null],
    ]);
    const situational = await stats(root, 'by=country&relevance=situational');
    expect(pick(situational)).toEqual([
      { country: 'AFG', incidents: 1, affected: 4, killed: 4, injured: 0, kidnapped: 0, arrested: 0 },
    ]);
  });

  it('counts only what the caller may read: their organization, their country, their own reports', async () => {
    const ofA = await stats(secA, 'by=country,year');
    expect(ofA.map((r) => [r.country, r.year, r.incidents, r.affected, r.headcount])).toEqual([
      ['AFG', 2025, 2, 5, 1000],
      ['AFG', 2026, 1, 1, null],
    ]);
    const byOrgForA = await stats(secA, 'by=organization');
    // The road crash affecting A and B is A's to read, so it shows under B too; nothing else of B does.
    expect(byOrgForA.map((r) => [r.organization, r.incidents])).toEqual([
      ['ORGA', 3],
      ['ORGB', 1],
    ]);
    const inAfg = await stats(saAfg, 'by=country,year');
    expect(inAfg.every((r) => r.country === 'AFG')).toBe(true);
    expect(inAfg.map((r) => [r.year, r.incidents, r.headcount])).toEqual([
      [2025, 2, 1500],
      [2026, 2, null],
    ]);
    expect(await stats(saAfg, 'by=country&country=KEN')).toEqual([]);
    const own = await stats(staffA, 'by=category,year');
    expect(own.map((r) => [r.category, r.incidents, r.ratePer100k])).toEqual([['INTIMIDATION', 1, null]]);
  });

  it('exports the statistics as CSV', async () => {
    const res = await root.request({
      url: '/api/incidents/stats.csv?by=country,category&relevance=organization',
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body.trim().split('\n');
    expect(lines[0]).toBe(
      'country,category,categoryName,incidents,affected,killed,injured,kidnapped,arrested,headcount,ratePer100k',
    );
    expect(lines).toContain('AFG,ROAD_CRASH,Road traffic crash,1,2,1,1,0,0,,');
  });

  it('refuses unknown dimensions, outcome, reversed or absurd periods, naming the field', async () => {
    const field = async (url: string) => {
      const res = await root.request({ url });
      expect(res.statusCode, url).toBe(400);
      return (res.json().errors as { field: string; message: string }[]).map((e) => e.field);
    };
    expect(await field('/api/incidents/stats?by=country,planet')).toEqual(['by']);
    expect(await field('/api/incidents/stats?by=outcome')).toEqual(['by']);
    expect(await field('/api/incidents/stats?by=year,year')).toEqual(['by']);
    expect(await field('/api/incidents/stats?by=')).toEqual(['by']);
    expect(await field('/api/incidents/stats?from=2026-01-01&to=2025-01-01')).toEqual(['to']);
    expect(await field('/api/incidents/stats?from=1800-01-01')).toEqual(['from']);
    expect(await field('/api/incidents/stats?from=2025-02-30')).toEqual(['from']);
    expect(await field('/api/incidents/stats?organization=NOPE')).toEqual(['organization']);
    expect(await field('/api/incidents/stats?category=meteor')).toEqual(['category']);
    expect(await field('/api/incidents/reports/personnel-affected?from=2026&to=2020')).toEqual(['to']);
    expect(await field('/api/incidents/reports/personnel-affected?from=1950&to=2020')).toEqual(['to']);
    expect(await field('/api/incidents/reports/personnel-affected?from=twenty')).toEqual(['from']);
    expect(await field('/api/incidents/map?bbox=1,2,3')).toEqual(['bbox']);
    const nobody = await t.user('nobody.stats', []);
    expect((await nobody.request({ url: '/api/incidents/stats' })).statusCode).toBe(403);
  });
});

describe("the Secretary-General's table of personnel affected", () => {
  const table = async (user: TestUser, query: string) =>
    (await get(user, `/api/incidents/reports/personnel-affected?${query}`)) as {
      years: number[];
      rows: { row: string; byYear: Record<string, number>; total: number }[];
      totals: { row: string; byYear: Record<string, number>; total: number };
    };
  /** The expected table, written out by hand: [row, 2025, 2026]. */
  const expected = (cells: Record<string, [number, number]>) =>
    REPORT_ROWS.map((row) => {
      const [a, b] = cells[row] ?? [0, 0];
      return { row, byYear: { '2025': a, '2026': b }, total: a + b };
    });

  it('has the 13 rows in order with totals, leaving out situational entries and near misses', async () => {
    const report = await table(root, 'from=2025&to=2026');
    expect(report.years).toEqual([2025, 2026]);
    expect(report.rows).toEqual(
      expected({
        'Fatalities resulting from acts of violence': [1, 0],
        'Fatalities resulting from safety-related incidents': [1, 0],
        'Injuries resulting from acts of violence': [2, 0],
        'Injuries resulting from safety-related incidents': [1, 0],
        Robbery: [2, 0],
        'Sexual assault': [0, 1],
        Intimidation: [0, 1],
      }),
    );
    expect(report.totals).toEqual({ row: 'Total', byYear: { '2025': 7, '2026': 2 }, total: 9 });
  });

  it('filters by country and by the affected person’s organization, within the read scope', async () => {
    const ofB = await table(root, 'from=2025&to=2026&organization=ORGB');
    expect(ofB.totals).toEqual({ row: 'Total', byYear: { '2025': 3, '2026': 1 }, total: 4 });
    const inAfg = await table(saAfg, 'from=2025&to=2026');
    expect(inAfg.rows).toEqual(
      expected({
        'Fatalities resulting from acts of violence': [1, 0],
        'Fatalities resulting from safety-related incidents': [1, 0],
        'Injuries resulting from acts of violence': [2, 0],
        'Injuries resulting from safety-related incidents': [1, 0],
        Intimidation: [0, 1],
      }),
    );
    expect((await table(saAfg, 'from=2025&to=2026&country=KEN')).totals.total).toBe(0);
    expect((await table(root, 'from=2025&to=2026&country=KEN')).totals.total).toBe(3);
    expect((await table(secA, 'from=2025&to=2026')).totals.total).toBe(6);
  });

  it('downloads as CSV: a header of years, the 13 rows and the Total row', async () => {
    const res = await root.request({
      url: '/api/incidents/reports/personnel-affected.csv?from=2025&to=2026',
    });
    expect(res.statusCode).toBe(200);
    const lines = res.body.trim().split('\n');
    expect(lines).toHaveLength(15);
    expect(lines[0]).toBe('Category,2025,2026,Total');
    expect(lines[1]).toBe('Fatalities resulting from acts of violence,1,0,1');
    expect(lines[14]).toBe('Total,7,2,9');
  });
});

describe('incident map', () => {
  it('returns located incidents as GeoJSON points, within the box and the read scope', async () => {
    const all = await get(root, '/api/incidents/map');
    expect(all).toMatchObject({ type: 'FeatureCollection', clustered: false });
    expect(all.features).toHaveLength(3);
    const kenya = await get(root, '/api/incidents/map?bbox=33,-5,42,5&zoom=6');
    expect(kenya.features).toHaveLength(1);
    expect(kenya.features[0]).toMatchObject({
      geometry: { type: 'Point', coordinates: [36.8, -1.3] },
      properties: { cluster: false, category: 'ROBBERY', affected: 2 },
    });
    expect((await get(saAfg, '/api/incidents/map')).features).toHaveLength(2);
  });

  it('clusters on a grid when more than 2,000 incidents fall in the box', async () => {
    // 2,500 located incidents in Somalia on a 50 x 50 lattice of 0.1 degree.
    await sql`
      INSERT INTO incidents (reference, occurred_on, occurred_year, occurred_month, country_code, lat, lon,
                             category_code, nature, relevance, title, affected)
      SELECT 'INC-SOM-' || n, '2026-03-01', 2026, 3, 'SOM', (n / 50) * 0.1, 44 + (n % 50) * 0.1,
             'CRIME', 'situational', 'situational', 'Crime', 1
      FROM generate_series(0, 2499) AS n`.execute(t.database.db);
    const map = await get(root, '/api/incidents/map?country=SOM&zoom=3');
    expect(map.clustered).toBe(true);
    const counts = (map.features as { properties: { point_count: number; affected: number } }[]).map(
      (x) => x.properties,
    );
    expect(counts.reduce((n, c) => n + c.point_count, 0)).toBe(2500);
    expect(counts.reduce((n, c) => n + c.affected, 0)).toBe(2500);
    expect(map.features.length).toBeLessThan(20);
    const closer = await get(root, '/api/incidents/map?country=SOM&zoom=8&bbox=44,0,45,1');
    expect(closer.features.length).toBeLessThanOrEqual(65 * 65);
    expect(closer.clustered).toBe(false);
    expect((await get(saAfg, '/api/incidents/map?country=SOM')).features).toEqual([]);
  });
});

describe('personnel headcounts', () => {
  const put = (user: TestUser, rows: object[]) =>
    user.request({ method: 'PUT', url: '/api/incidents/headcounts', payload: { rows } });

  it('lets an HQ focal point set their organization’s headcounts and a global desk officer anyone’s', async () => {
    const mine = await put(focalA, [
      { year: 2026, countryCode: 'afg', organizationCode: 'ORGA', headcount: 1200 },
    ]);
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json()).toEqual({ created: 1, updated: 0, unchanged: 0 });
    const all = await put(desk, [
      { year: 2026, countryCode: 'AFG', organizationCode: 'ORGA', headcount: 1250 },
      { year: 2026, countryCode: 'KEN', organizationCode: 'ORGB', headcount: 2000 },
      { year: 2025, countryCode: 'KEN', organizationCode: 'ORGB', headcount: 2000 },
    ]);
    expect(all.json()).toEqual({ created: 1, updated: 1, unchanged: 1 });
    const entry = await t.database.db
      .selectFrom('audit_log')
      .select(['before', 'after', 'outcome'])
      .where('action', '=', 'incident.headcounts.save')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({
      outcome: 'success',
      before: [
        { year: 2026, countryCode: 'AFG', organizationCode: 'ORGA', headcount: 1200 },
        { year: 2026, countryCode: 'KEN', organizationCode: 'ORGB', headcount: null },
      ],
      after: [
        { year: 2026, countryCode: 'AFG', organizationCode: 'ORGA', headcount: 1250 },
        { year: 2026, countryCode: 'KEN', organizationCode: 'ORGB', headcount: 2000 },
      ],
    });
    // The new headcount gives 2026 its rates.
    const afg2026 = (await stats(root, 'by=country,year&country=AFG&from=2026-01-01')) as Row[];
    expect(afg2026[0]).toMatchObject({ year: 2026, affected: 5, headcount: 1250, ratePer100k: 400 });
    const listed = (await get(focalA, '/api/incidents/headcounts?year=2026')) as {
      organizationCode: string;
    }[];
    expect(listed.map((r) => r.organizationCode)).toEqual(['ORGA']);
    expect(await get(desk, '/api/incidents/headcounts?year=2026&country=KEN')).toEqual([
      {
        year: 2026,
        countryCode: 'KEN',
        organizationCode: 'ORGB',
        organizationName: 'Organization B',
        headcount: 2000,
      },
    ]);
  });

  it('names each bad row and field, saves nothing on any error, and refuses other organizations', async () => {
    const before = await t.database.db.selectFrom('personnel_headcounts').selectAll().execute();
    const bad = await put(desk, [
      { year: 2027, countryCode: 'AFG', organizationCode: 'ORGA', headcount: 10 },
      { year: 2027, countryCode: 'XXX', organizationCode: 'ORGA', headcount: 10 },
      { year: 2027, countryCode: 'AFG', organizationCode: 'NOPE', headcount: 10 },
      { year: 2027, countryCode: 'AFG', organizationCode: 'ORGA', headcount: 11 },
      { year: 2027, countryCode: 'AFG', organizationCode: 'ORGA', headcount: -1 },
    ]);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(['rows.4.headcount']);
    const unknown = await put(desk, [
      { year: 2027, countryCode: 'AFG', organizationCode: 'ORGA', headcount: 10 },
      { year: 2027, countryCode: 'XXX', organizationCode: 'ORGA', headcount: 10 },
      { year: 2027, countryCode: 'AFG', organizationCode: 'NOPE', headcount: 10 },
      { year: 2027, countryCode: 'AFG', organizationCode: 'ORGA', headcount: 11 },
    ]);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'rows.1.countryCode',
      'rows.2.organizationCode',
      'rows.3',
    ]);
    const foreign = await put(focalA, [
      { year: 2027, countryCode: 'AFG', organizationCode: 'ORGA', headcount: 10 },
      { year: 2027, countryCode: 'KEN', organizationCode: 'ORGB', headcount: 10 },
    ]);
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().errors).toEqual([
      { field: 'rows.1.organizationCode', message: 'you may not set the headcount of ORGB' },
    ]);
    for (const user of [saAfg, secA, staffA])
      expect(
        (await put(user, [{ year: 2027, countryCode: 'AFG', organizationCode: 'ORGA', headcount: 1 }]))
          .statusCode,
      ).toBe(403);
    expect(await t.database.db.selectFrom('personnel_headcounts').selectAll().execute()).toEqual(before);
  });
});
