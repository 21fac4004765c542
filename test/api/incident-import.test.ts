import { unzipSync } from 'fflate';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCountries } from '../../src/modules/demo/geo';
import { type AreaGeometry, containsPoint } from '../../src/modules/registry/rules';
import { admin, createTestApp, type TestApp, type TestUser } from '../support/app';
import { loadSindSample, type SindSampleRecord } from '../support/sind-sample';

/**
 * The whole Insecurity Insight sample goes in through the API; what the database then holds is
 * compared with figures computed here straight from the JSON file, not by the importer's code.
 */
const SLOW = 240_000;
let t: TestApp;
let root: TestUser;
const sample = loadSindSample();
const num = (v: unknown) => Number(v ?? 0);

const importFile = (user: TestUser, format: string, payload: string, type = 'application/json') =>
  user.request({
    method: 'POST',
    url: `/api/incidents/import?format=${format}`,
    headers: { 'content-type': type },
    payload,
  });

type Result = {
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: { index?: number; line?: number; eventId?: string; field: string; message: string }[];
};

beforeAll(async () => {
  t = await createTestApp();
  root = await t.user('root', admin);
  // One of the organizations SiND names, so that its events are marked as ours.
  const org = await root.request({
    method: 'POST',
    url: '/api/organizations',
    payload: { code: 'ICRC', name: 'Red Cross (ICRC/IFRC)', type: 'other' },
  });
  expect(org.statusCode, org.body).toBe(201);
}, SLOW);
afterAll(() => t?.close());

/** Per country and year: events and the four totals, from the JSON file alone. */
function expectedFigures(records: SindSampleRecord[]) {
  const out = new Map<
    string,
    { n: number; killed: number; injured: number; kidnapped: number; arrested: number }
  >();
  for (const r of records) {
    const key = `${r['Country ISO']}|${String(r.Date).slice(0, 4)}`;
    const f = out.get(key) ?? { n: 0, killed: 0, injured: 0, kidnapped: 0, arrested: 0 };
    f.n++;
    f.killed += num(r['Aid Workers Killed']);
    f.injured += num(r['Aid Workers Injured']);
    f.kidnapped += num(r['Aid Workers Kidnapped']);
    f.arrested += num(r['Aid Workers Arrested']);
    out.set(key, f);
  }
  return out;
}

async function storedFigures(source: 'sind' | 'hxl') {
  const rows = await t.database.db
    .selectFrom('incidents')
    .select([
      'country_code',
      'occurred_year',
      sql<number>`count(*)::int`.as('n'),
      sql<number>`sum(killed)::int`.as('killed'),
      sql<number>`sum(injured)::int`.as('injured'),
      sql<number>`sum(kidnapped)::int`.as('kidnapped'),
      sql<number>`sum(arrested)::int`.as('arrested'),
    ])
    .where('source', '=', source)
    .groupBy(['country_code', 'occurred_year'])
    .execute();
  return new Map(
    rows.map((r) => [
      `${r.country_code}|${r.occurred_year}`,
      { n: r.n, killed: r.killed, injured: r.injured, kidnapped: r.kidnapped, arrested: r.arrested },
    ]),
  );
}

/** Personnel by outcome and category or sex, over all incidents of a source. */
async function personnelSums(source: 'sind' | 'hxl') {
  const rows = await t.database.db
    .selectFrom('incident_personnel as p')
    .innerJoin('incidents as i', 'i.id', 'p.incident_id')
    .select([
      'p.outcome',
      'p.personnel_category',
      'p.sex',
      'p.in_captivity',
      sql<number>`sum(p.count)::int`.as('n'),
    ])
    .where('i.source', '=', source)
    .groupBy(['p.outcome', 'p.personnel_category', 'p.sex', 'p.in_captivity'])
    .execute();
  const sum = (f: (r: (typeof rows)[number]) => boolean) => rows.filter(f).reduce((a, r) => a + r.n, 0);
  return { rows, sum };
}

/** The joint table of personnel (outcome, category, sex, captivity) over a source's incidents. */
async function personnelTable(source: 'sind' | 'hxl') {
  const { rows } = await personnelSums(source);
  return new Map(
    rows.map((r) => [`${r.outcome}|${r.personnel_category}|${r.sex}|${r.in_captivity}`, { n: r.n }]),
  );
}

/** Adds two maps of figures key by key. */
function addFigures<T extends Record<string, number>>(a: Map<string, T>, b: Map<string, T>): Map<string, T> {
  const out = new Map(a);
  for (const [k, v] of b) {
    const x = out.get(k);
    out.set(k, x ? (Object.fromEntries(Object.entries(v).map(([f, n]) => [f, n + (x[f] ?? 0)])) as T) : v);
  }
  return out;
}

const outsideTheirCountry = (() => {
  const countries = new Map(loadCountries().map((c) => [c.code, c]));
  return (r: SindSampleRecord) => {
    const c = countries.get(String(r['Country ISO']));
    if (!c?.boundary || r.Latitude == null || r.Longitude == null) return false;
    return !containsPoint(c.boundary as AreaGeometry, Number(r.Longitude), Number(r.Latitude));
  };
})();

describe('SiND import of the whole sample', () => {
  let first: Result;
  let kept: SindSampleRecord[];

  it(
    'imports every event, points up to 30 km outside their country’s outline included',
    async () => {
      const res = await importFile(root, 'sind', JSON.stringify(sample));
      expect(res.statusCode, res.body).toBe(200);
      first = res.json();
      expect(first.total).toBe(1299);
      // Some events lie outside the 1:50m outline (coasts, 25 km precision), all within 30 km of it.
      expect(sample.filter(outsideTheirCountry).length).toBeGreaterThan(0);
      expect(first.rejected).toEqual([]);
      kept = sample;
      expect(first).toMatchObject({ created: kept.length, updated: 0, unchanged: 0 });
    },
    SLOW,
  );

  it('stores per country and year the events and the killed, injured, kidnapped and arrested of the file', async () => {
    expect(Object.fromEntries(await storedFigures('sind'))).toEqual(
      Object.fromEntries(expectedFigures(kept)),
    );
  });

  it('keeps the international/national and female/male splits and the killed in captivity', async () => {
    const { sum } = await personnelSums('sind');
    const total = (column: string) => kept.reduce((a, r) => a + num(r[column]), 0);
    for (const [word, outcome] of [
      ['Killed', 'killed'],
      ['Injured', 'injured'],
      ['Kidnapped', 'abducted'],
      ['Arrested', 'arrested_detained'],
    ] as const) {
      expect(sum((r) => r.outcome === outcome)).toBe(total(`Aid Workers ${word}`));
      const of = (f: (r: { personnel_category: string; sex: string }) => boolean) =>
        sum((r) => r.outcome === outcome && f(r));
      expect(of((r) => r.personnel_category === 'international')).toBe(
        total(`International Aid Workers ${word}`),
      );
      expect(of((r) => r.personnel_category === 'national')).toBe(total(`National Aid Workers ${word}`));
      expect(of((r) => r.sex === 'female')).toBe(total(`Female Aid Workers ${word}`));
      expect(of((r) => r.sex === 'male')).toBe(total(`Male Aid Workers ${word}`));
    }
    expect(sum((r) => r.in_captivity)).toBe(total('Aid Workers Killed in Captivity'));
    expect(sum((r) => r.in_captivity && r.personnel_category === 'national')).toBe(
      total('National Aid Workers Killed in Captivity'),
    );
    expect(sum((r) => r.in_captivity && r.sex === 'male')).toBe(
      total('Male Aid Workers Killed in Captivity'),
    );
  });

  it('marks the events of our own organizations as ours, the others as situational', async () => {
    const ours = kept.filter((r) =>
      String(r['Organisation Affected']).includes('Red Cross (ICRC/IFRC)'),
    ).length;
    const rows = await t.database.db
      .selectFrom('incidents')
      .select(['relevance', sql<number>`count(*)::int`.as('n')])
      .where('source', '=', 'sind')
      .groupBy('relevance')
      .execute();
    expect(Object.fromEntries(rows.map((r) => [r.relevance, r.n]))).toEqual({
      organization: ours,
      situational: kept.length - ours,
    });
  });

  it(
    'changes nothing when the same file is imported again',
    async () => {
      const count = async () =>
        (
          await t.database.db
            .selectFrom('incidents')
            .select(sql<number>`count(*)::int`.as('n'))
            .executeTakeFirstOrThrow()
        ).n;
      const before = await count();
      const again: Result = (await importFile(root, 'sind', JSON.stringify(sample))).json();
      expect(again).toMatchObject({ total: 1299, created: 0, updated: 0, unchanged: kept.length });
      expect(again.rejected).toEqual(first.rejected);
      expect(await count()).toBe(before);
    },
    SLOW,
  );

  it('updates an event whose record changed, keeping a revision', async () => {
    const edited: SindSampleRecord = {
      ...kept[0]!,
      'Admin 1': 'Corrected province',
      'Aid Workers Injured': '2',
    };
    const res: Result = (await importFile(root, 'sind', JSON.stringify([edited]))).json();
    expect(res).toMatchObject({ created: 0, updated: 1, unchanged: 0, rejected: [] });
    const row = await t.database.db
      .selectFrom('incidents')
      .select(['id', 'admin1', 'injured', 'revision'])
      .where('source', '=', 'sind')
      .where('source_id', '=', String(edited['SiND Event ID']))
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ admin1: 'Corrected province', injured: 2, revision: 2 });
    const revisions = await t.database.db
      .selectFrom('incident_revisions')
      .select('number')
      .where('incident_id', '=', row.id)
      .execute();
    expect(revisions.length).toBeGreaterThanOrEqual(1);
  });
});

describe('bad rows', () => {
  it('keeps the valid rows and names the place, event and SiND column of each bad one', async () => {
    const good = { ...sample[0]!, 'SiND Event ID': 900001 };
    const rows = [
      good,
      { ...good, 'SiND Event ID': 900002, Date: null },
      { ...good, 'SiND Event ID': 900003, 'Aid Workers Killed': '-1' },
      { ...good, 'SiND Event ID': 900004, 'Country ISO': 'XXX' },
      { ...good, 'SiND Event ID': 900005, 'National Aid Workers Killed': '3' },
      { ...good, 'SiND Event ID': 900006, Date: '2999-01-01' },
      { ...good },
    ];
    const res: Result = (await importFile(root, 'sind', JSON.stringify(rows))).json();
    expect(res).toMatchObject({ total: 7, created: 1 });
    expect(res.rejected).toEqual([
      { index: 1, eventId: '900002', field: 'Date', message: 'required' },
      { index: 2, eventId: '900003', field: 'Aid Workers Killed', message: '-1 is negative' },
      { index: 3, eventId: '900004', field: 'Country ISO', message: expect.stringContaining('XXX') },
      {
        index: 4,
        eventId: '900005',
        field: 'National Aid Workers Killed',
        message: 'national 3 is more than the total 1',
      },
      { index: 5, eventId: '900006', field: 'Date', message: expect.stringContaining('future') },
      {
        index: 6,
        eventId: '900001',
        field: 'SiND Event ID',
        message: 'event 900001 is already at index 0 of this file',
      },
    ]);
  });

  it('refuses a file that is not a JSON array as a whole', async () => {
    const res = await importFile(root, 'sind', '{"not": "an array"}');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: 'file', message: 'Expected a JSON array of SiND events' }]);
  });
});

describe('HXL import', () => {
  it('reads columns by hashtag after a human header row, categories by name in any case', async () => {
    const csv = [
      'Where,Id,When,What,Title,Killed,Women killed,Abducted,Organizations,Lat,Lon',
      '#country +code,#event +id,#date +occurred,#event+type,#description+title,#affected+killed,#affected+killed+f,#affected+kidnapped,#org+code,#geo+lat,#geo+lon',
      'KEN,h-1,2024-03-01,aBdUcTiOn Or KiDnApPiNg,Two drivers abducted,,,2,icrc,-1.29,36.82',
      'KEN,h-2,2024-03-02,violent_attack,Guard shot,1,1,,,,',
      'KEN,h-3,2024-03-03,Levitation,Unknown kind,,,,,,',
    ].join('\n');
    const res: Result = (await importFile(root, 'hxl', csv, 'text/csv')).json();
    expect(res).toMatchObject({ total: 3, created: 2 });
    expect(res.rejected).toEqual([
      { line: 5, eventId: 'h-3', field: '#event+type', message: 'unknown category "Levitation"' },
    ]);
    const rows = await t.database.db
      .selectFrom('incidents')
      .select(['source_id', 'category_code', 'relevance', 'killed', 'kidnapped'])
      .where('source', '=', 'hxl')
      .orderBy('source_id')
      .execute();
    expect(rows).toEqual([
      { source_id: 'h-1', category_code: 'ABDUCTION', relevance: 'organization', killed: 0, kidnapped: 2 },
      {
        source_id: 'h-2',
        category_code: 'VIOLENT_ATTACK',
        relevance: 'situational',
        killed: 1,
        kidnapped: 0,
      },
    ]);
    const again: Result = (await importFile(root, 'hxl', csv, 'text/csv')).json();
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
  });

  it('takes the file from a multipart form as well', async () => {
    const boundary = '----smin-test-boundary';
    const csv =
      '#event+id,#date+occurred,#country+code,#event+type,#org+code\nm-1,2024-04-01,SSD,Armed conflict (situational),ICRC\n';
    const body = [
      `--${boundary}`,
      'Content-Disposition: form-data; name="file"; filename="events.csv"',
      'Content-Type: text/csv',
      '',
      csv,
      `--${boundary}--`,
      '',
    ].join('\r\n');
    const res = await importFile(root, 'hxl', body, `multipart/form-data; boundary=${boundary}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ total: 1, created: 1, rejected: [] });
    const row = await t.database.db
      .selectFrom('incidents')
      .select(['category_code', 'relevance', 'title'])
      .where('source_id', '=', 'm-1')
      .executeTakeFirstOrThrow();
    // A situational category is never "ours", even when it names our organization.
    expect(row).toEqual({
      category_code: 'ARMED_CONFLICT',
      relevance: 'situational',
      title: 'Armed conflict (situational) (event m-1)',
    });
  });

  it('refuses a CSV without a hashtag row', async () => {
    const res = await importFile(root, 'hxl', 'country,date\nKEN,2024-01-01\n', 'text/csv');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].message).toContain('No HXL hashtag row');
  });
});

describe('exports', () => {
  it(
    'CSV re-imports through the HXL importer to the same figures',
    async () => {
      const res = await root.request({ url: '/api/incidents/export?format=csv' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/csv');
      const lines = res.body.split('\n');
      expect(lines[0]).toMatch(/^Reference,Date,/);
      expect(lines[1]).toMatch(/^#event\+id,#date\+occurred,/);
      // Every exported incident comes back as a new HXL event (its reference is the event id), so
      // the HXL figures grow by exactly the SiND figures plus the HXL figures already there.
      const sind = await storedFigures('sind');
      const hxlBefore = await storedFigures('hxl');
      const peopleBefore = await personnelTable('hxl');
      const back: Result = (await importFile(root, 'hxl', res.body, 'text/csv')).json();
      expect(back.rejected).toEqual([]);
      expect(back.created).toBe(back.total);
      const hxlAfter = await storedFigures('hxl');
      const expected = addFigures(addFigures(sind, hxlBefore), hxlBefore);
      expect(Object.fromEntries(await personnelTable('hxl'))).toEqual(
        Object.fromEntries(addFigures(addFigures(await personnelTable('sind'), peopleBefore), peopleBefore)),
      );
      expect(Object.fromEntries(hxlAfter)).toEqual(Object.fromEntries(expected));
    },
    SLOW,
  );

  it('GeoJSON leaves out and counts the incidents without coordinates; XLSX holds every row', async () => {
    const total = (
      await t.database.db
        .selectFrom('incidents')
        .select(sql<number>`count(*)::int`.as('n'))
        .executeTakeFirstOrThrow()
    ).n;
    const noPoint = (
      await t.database.db
        .selectFrom('incidents')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('lat', 'is', null)
        .executeTakeFirstOrThrow()
    ).n;
    const geo = await root.request({ url: '/api/incidents/export?format=geojson&country=PSE' });
    expect(geo.headers['content-type']).toContain('application/geo+json');
    const fc = geo.json();
    expect(fc.type).toBe('FeatureCollection');
    expect(
      fc.features.every((f: { properties: { countryCode: string } }) => f.properties.countryCode === 'PSE'),
    ).toBe(true);
    const [lon, lat] = fc.features[0].geometry.coordinates;
    expect(lon).toBeGreaterThan(34);
    expect(lat).toBeLessThan(33);
    const all = (await root.request({ url: '/api/incidents/export?format=geojson' })).json();
    expect(all.features.length + all.withoutCoordinates).toBe(total);
    expect(all.withoutCoordinates).toBe(noPoint);

    const xlsx = await root.request({ url: '/api/incidents/export?format=xlsx&category=abduction' });
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const files = unzipSync(new Uint8Array(xlsx.rawPayload));
    const sheet = new TextDecoder().decode(files['xl/worksheets/sheet1.xml']);
    const abductions = (
      await t.database.db
        .selectFrom('incidents')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('category_code', '=', 'ABDUCTION')
        .executeTakeFirstOrThrow()
    ).n;
    expect(sheet.match(/<row /g)).toHaveLength(abductions + 2);
    expect(sheet).toContain('#affected+kidnapped');
  });
});
