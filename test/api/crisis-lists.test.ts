import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readXlsx } from '../../src/modules/people/xlsx-read';
import { readCsvRecords } from '../../src/modules/registry/import-parse';
import { flat, pdfInfo, pdfText } from '../../src/modules/srm/pdf/poppler';
import { admin, createTestApp, type TestApp, type TestUser } from '../support/app';
import { seedTwoScopes, type TwoScopes } from '../support/fixtures';
import { insertPerson, insertTrip } from '../support/who-fixtures';

const DAY = 86_400_000;
const now = Date.now();
const ago = (ms: number) => new Date(now - ms);
const later = (ms: number) => new Date(now + ms);

let t: TestApp;
let f: TwoScopes;
let root: TestUser;
let saAfg: TestUser;
let saKen: TestUser;
let doAfg: TestUser;
let focalA: TestUser;
let staffB: TestUser;
type Who =
  | 'intl'
  | 'local'
  | 'depIntl'
  | 'depLocal'
  | 'traveller'
  | 'farSponsor'
  | 'depFar'
  | 'nairobi'
  | 'separated'
  | 'newcomer';
const p = {} as Record<Who, string>;

interface Row {
  personId: string;
  name: string;
  organization: string;
  eligible: boolean;
  rule: string;
  reason: string;
  status: string;
  present: boolean;
  version: number;
  sponsor: string | null;
  rollCall: { state: string; at: string | null };
}
interface Detail {
  id: string;
  reference: string;
  kind: string;
  canManage: boolean;
  rows: Row[];
  ineligible: number;
  totals: {
    people: number;
    personnel: number;
    dependants: number;
    accounted: number;
    needHelp: number;
    notAccounted: number;
    noLongerPresent: number;
    byStatus: Record<string, number>;
    byOrganization: { organization: string; people: number }[];
  };
}

const names = (d: Detail) => d.rows.map((r) => r.name).sort();
const rowOf = (d: Detail, id: string) => d.rows.find((r) => r.personId === id);

async function create(user: TestUser, payload: object) {
  return user.request({ method: 'POST', url: '/api/crisis/lists', payload });
}
async function made(payload: object, user = saAfg): Promise<Detail> {
  const res = await create(user, payload);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Detail;
}
const detail = async (user: TestUser, id: string, query = ''): Promise<Detail> => {
  const res = await user.request({ url: `/api/crisis/lists/${id}${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Detail;
};
const countLists = async () =>
  Number(
    (
      await t.database.db
        .selectFrom('crisis_lists')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  t = await createTestApp();
  root = await t.user('root', admin);
  f = await seedTwoScopes(root);
  saAfg = await t.user('sa.afg', [{ role: 'security_professional', scopeType: 'country', scopeId: 'AFG' }]);
  saKen = await t.user('sa.ken', [{ role: 'security_professional', scopeType: 'country', scopeId: 'KEN' }]);
  doAfg = await t.user('do.afg', [{ role: 'designated_official', scopeType: 'country', scopeId: 'AFG' }]);
  focalA = await t.user(
    'focal.a',
    [{ role: 'org_security_focal_point', scopeType: 'organization', scopeId: 'ORGA' }],
    'ORGA',
  );
  staffB = await t.user(
    'staff.b',
    [{ role: 'personnel', scopeType: 'organization', scopeId: 'ORGB' }],
    'ORGB',
  );
  const db = t.database.db;
  const kabulA = { organizationId: f.orgA, stationId: f.stationAfg };
  p.intl = await insertPerson(db, { ...kabulA, name: 'Ines International' });
  await db.updateTable('people').set({ phone: '+93700000001' }).where('id', '=', p.intl).execute();
  p.local = await insertPerson(db, { ...kabulA, name: 'Latif Local', recruitment: 'local' });
  p.depIntl = await insertPerson(db, {
    ...kabulA,
    name: 'Dora Dependant',
    kind: 'dependant',
    sponsorId: p.intl,
  });
  p.depLocal = await insertPerson(db, {
    ...kabulA,
    name: 'Lina Localchild',
    kind: 'dependant',
    sponsorId: p.local,
    recruitment: 'local',
  });
  // Stationed in Nairobi, on mission in Kabul now.
  p.traveller = await insertPerson(db, {
    organizationId: f.orgB,
    stationId: f.stationKen,
    name: 'Tom Traveller',
  });
  await insertTrip(db, {
    personId: p.traveller,
    countryCode: 'AFG',
    areaId: f.areaAfg,
    stationId: f.stationAfg,
    status: 'cleared',
    arrivesAt: ago(DAY),
    departsAt: later(3 * DAY),
  });
  // An international sponsor in Nairobi whose dependant lives in Kabul: eligible through the sponsor.
  p.farSponsor = await insertPerson(db, {
    organizationId: f.orgB,
    stationId: f.stationKen,
    name: 'Sam Faraway',
  });
  p.depFar = await insertPerson(db, {
    organizationId: f.orgB,
    stationId: f.stationAfg,
    name: 'Fay Faraway',
    kind: 'dependant',
    sponsorId: p.farSponsor,
  });
  // Not present: in Nairobi; separated staff in Kabul.
  p.nairobi = await insertPerson(db, {
    organizationId: f.orgB,
    stationId: f.stationKen,
    name: 'Nora Nairobi',
  });
  p.separated = await insertPerson(db, { ...kabulA, name: 'Sid Separated', status: 'separated' });
});
afterAll(() => t?.close());

describe('relocation and evacuation lists', () => {
  it('an evacuation list takes international personnel and eligible dependants, and says who was left out', async () => {
    const list = await made({
      kind: 'evacuation',
      area: 'AFG-01',
      destination: 'Islamabad',
      destinationCountry: 'PAK',
    });
    expect(list.reference).toBe('EVA-AFG-0001');
    expect(names(list)).toEqual(['Dora Dependant', 'Fay Faraway', 'Ines International', 'Tom Traveller']);
    expect(rowOf(list, p.intl)?.reason).toBe('evacuation: international personnel');
    expect(rowOf(list, p.depIntl)?.reason).toBe('evacuation: eligible dependant of Ines International');
    expect(rowOf(list, p.depFar)?.reason).toBe('evacuation: eligible dependant of Sam Faraway');
    expect(list.ineligible).toBe(2);
    expect(list.totals).toMatchObject({ people: 4, personnel: 2, dependants: 2, notAccounted: 4 });
    expect(list.totals.byOrganization).toMatchObject([
      { organization: 'ORGA', people: 2 },
      { organization: 'ORGB', people: 2 },
    ]);
    const all = await detail(saAfg, list.id, '?include=ineligible');
    expect(all.rows).toHaveLength(6);
    expect(rowOf(all, p.local)).toMatchObject({ eligible: false, rule: 'not_eligible.local' });
    expect(rowOf(all, p.local)?.reason).toContain('not designated');
    expect(rowOf(all, p.depLocal)).toMatchObject({
      eligible: false,
      rule: 'not_eligible.dependant_of_local',
    });
    // Someone left out has no status to move.
    const leftOut = await saAfg.request({
      method: 'PATCH',
      url: `/api/crisis/lists/${list.id}/people/${p.local}`,
      payload: { status: 'confirmed', version: 1 },
    });
    expect(leftOut.statusCode).toBe(422);
    expect(leftOut.json().errors[0].field).toBe('personId');
    const logged = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', list.id)
      .execute();
    expect(logged.map((l) => l.action)).toEqual(['crisis_list.create']);
  });

  it('a relocation list takes every member of personnel present and their dependants', async () => {
    const list = await made(
      { kind: 'relocation', country: 'AFG', destination: 'Mazar-i-Sharif compound' },
      doAfg,
    );
    expect(list.reference).toBe('REL-AFG-0001');
    expect(list.rows).toHaveLength(6);
    expect(rowOf(list, p.local)?.reason).toBe('relocation: any personnel');
    expect(rowOf(list, p.depLocal)?.reason).toBe('relocation: eligible dependant of Latif Local');
    expect(list.ineligible).toBe(0);
  });

  it('refuses a destination of the wrong kind, unknown places and foreign countries, writing nothing', async () => {
    const before = await countLists();
    const cases: [object, string][] = [
      [
        { kind: 'relocation', country: 'AFG', destination: 'Nairobi', destinationCountry: 'KEN' },
        'destinationCountry',
      ],
      [
        { kind: 'evacuation', country: 'AFG', destination: 'Kabul', destinationArea: 'AFG-01' },
        'destinationArea',
      ],
      [{ kind: 'evacuation', area: 'NOPE-1', destination: 'x' }, 'area'],
      [{ kind: 'evacuation', country: 'AFG', area: 'KEN-01', destination: 'x' }, 'area'],
      [{ kind: 'evacuation', destination: 'x' }, 'country'],
      [{ kind: 'exodus', country: 'AFG', destination: 'x' }, 'kind'],
      [{ kind: 'evacuation', country: 'AFG', destination: '' }, 'destination'],
      [{ kind: 'evacuation', country: 'AFG', destination: 'x', at: 'yesterday' }, 'at'],
    ];
    for (const [payload, field] of cases) {
      const res = await create(saAfg, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(JSON.stringify(res.json().errors), JSON.stringify(payload)).toContain(field);
    }
    expect((await create(saKen, { kind: 'evacuation', country: 'AFG', destination: 'x' })).statusCode).toBe(
      403,
    );
    expect((await create(focalA, { kind: 'evacuation', country: 'AFG', destination: 'x' })).statusCode).toBe(
      403,
    );
    expect(await countLists()).toBe(before);
  });

  it('designating local personnel as targeted puts them and their dependants on the evacuation list', async () => {
    const list = await made({
      kind: 'evacuation',
      country: 'AFG',
      destination: 'Dubai',
      destinationCountry: 'ARE',
    });
    const url = `/api/crisis/lists/${list.id}/designations`;
    const bad = await saAfg.request({
      method: 'POST',
      url,
      payload: { personId: p.intl, reason: 'threatened' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('personId');
    const absent = await saAfg.request({
      method: 'POST',
      url,
      payload: { personId: p.nairobi, reason: 'threatened' },
    });
    expect(absent.statusCode).toBe(400);
    expect((await saAfg.request({ method: 'POST', url, payload: { personId: p.local } })).statusCode).toBe(
      400,
    );
    expect(
      (
        await focalA.request({
          method: 'POST',
          url,
          payload: { personId: p.local, reason: 'threats by phone' },
        })
      ).statusCode,
    ).toBe(403);
    const res = await saAfg.request({
      method: 'POST',
      url,
      payload: { personId: p.local, reason: 'Named in threats against agency staff' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const after = res.json() as Detail;
    expect(rowOf(after, p.local)?.reason).toBe(
      'evacuation: local personnel targeted because of employment (designated by sa.afg)',
    );
    expect(rowOf(after, p.depLocal)?.rule).toBe('evacuation.dependant_of_targeted');
    expect(after.ineligible).toBe(0);
    const again = await saAfg.request({
      method: 'POST',
      url,
      payload: { personId: p.local, reason: 'again' },
    });
    expect(again.statusCode).toBe(409);
    const audited = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'country_code'])
      .where('action', '=', 'crisis_list.designate_targeted')
      .where('entity_id', '=', p.local)
      .execute();
    expect(audited).toEqual([{ action: 'crisis_list.designate_targeted', country_code: 'AFG' }]);
    // The first evacuation list takes the designation up at its refresh.
    const lists = (await (
      await saAfg.request({ url: '/api/crisis/lists?kind=evacuation' })
    ).json()) as Detail[];
    const eva1 = lists.find((l) => l.reference === 'EVA-AFG-0001')!;
    expect(eva1.totals.people).toBe(4);
    const refreshed = await saAfg.request({ method: 'POST', url: `/api/crisis/lists/${eva1.id}/refresh` });
    expect(refreshed.statusCode, refreshed.body).toBe(200);
    expect(refreshed.json()).toMatchObject({ added: 0, noLongerPresent: 0, list: { totals: { people: 6 } } });
  });

  it('moves a row listed → confirmed → moved; refuses other steps, stale versions and people left out', async () => {
    const list = await made({
      kind: 'evacuation',
      area: 'AFG-01',
      destination: 'Doha',
      destinationCountry: 'QAT',
    });
    const url = (id: string) => `/api/crisis/lists/${list.id}/people/${id}`;
    const row = rowOf(list, p.intl)!;
    const confirm = await saAfg.request({
      method: 'PATCH',
      url: url(p.intl),
      payload: { status: 'confirmed', note: 'seat on UNHAS flight', version: row.version },
    });
    expect(confirm.statusCode, confirm.body).toBe(200);
    expect(confirm.json()).toMatchObject({
      status: 'confirmed',
      statusNote: 'seat on UNHAS flight',
      statusBy: 'sa.afg',
    });
    const stale = await saAfg.request({
      method: 'PATCH',
      url: url(p.intl),
      payload: { status: 'moved', version: row.version },
    });
    expect(stale.statusCode).toBe(409);
    const moved = await doAfg.request({
      method: 'PATCH',
      url: url(p.intl),
      payload: { status: 'moved', version: confirm.json().version },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const back = await saAfg.request({
      method: 'PATCH',
      url: url(p.intl),
      payload: { status: 'listed', version: moved.json().version },
    });
    expect(back.statusCode).toBe(400);
    expect(back.json().errors[0].field).toBe('status');
    const reloc = await detail(saAfg, list.id);
    expect(reloc.totals.byStatus).toMatchObject({ moved: 1, listed: reloc.totals.people - 1 });
    const unknown = await saAfg.request({
      method: 'PATCH',
      url: url(p.nairobi),
      payload: { status: 'confirmed', version: 1 },
    });
    expect(unknown.statusCode).toBe(404);
    const bad = await saAfg.request({
      method: 'PATCH',
      url: url(p.depIntl),
      payload: { status: 'gone', version: 1 },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      (
        await focalA.request({
          method: 'PATCH',
          url: url(p.depIntl),
          payload: { status: 'confirmed', version: 1 },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('shows each person’s latest answer in the open roll calls of the country and counts them', async () => {
    const list = await made({ kind: 'evacuation', country: 'AFG', destination: 'Islamabad' });
    const db = t.database.db;
    const rollCall = async (reference: string, status: 'open' | 'closed') =>
      (
        await db
          .insertInto('roll_calls')
          .values({
            reference,
            title: reference,
            country_code: 'AFG',
            started_by_label: 'sa.afg',
            escalate_after_min: 30,
            status,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const open = await rollCall('RC-1', 'open');
    const closed = await rollCall('RC-0', 'closed');
    const answer = (rc: string, personId: string, a: 'pending' | 'safe' | 'need_help', at: Date | null) =>
      db
        .insertInto('roll_call_people')
        .values({
          roll_call_id: rc,
          person_id: personId,
          organization_id: personId === p.traveller || personId === p.depFar ? f.orgB : f.orgA,
          kind: 'personnel',
          recruitment: 'international',
          answer: a,
          answered_at: at,
        })
        .execute();
    await answer(open, p.intl, 'safe', ago(60_000));
    await answer(open, p.depIntl, 'need_help', ago(30_000));
    await answer(open, p.traveller, 'pending', null);
    // A closed roll call does not count, however recent.
    await answer(closed, p.depFar, 'safe', ago(1000));
    const d = await detail(saAfg, list.id);
    expect(rowOf(d, p.intl)?.rollCall.state).toBe('safe');
    expect(rowOf(d, p.intl)?.rollCall.at).not.toBeNull();
    expect(rowOf(d, p.depIntl)?.rollCall.state).toBe('need_help');
    expect(rowOf(d, p.traveller)?.rollCall.state).toBe('pending');
    expect(rowOf(d, p.depFar)?.rollCall.state).toBe('not_asked');
    expect(d.totals).toMatchObject({ people: 6, accounted: 1, needHelp: 1, notAccounted: 4 });
    // Updated as people are accounted for: a later answer shows at once.
    await sql`UPDATE roll_call_people SET answer = 'safe', answered_at = now()
      WHERE roll_call_id = ${open}::uuid AND person_id = ${p.traveller}::uuid`.execute(db);
    expect((await detail(saAfg, list.id)).totals).toMatchObject({ accounted: 2, notAccounted: 3 });
  });

  it('refresh adds newcomers and flags people no longer present without deleting them', async () => {
    const list = await made({ kind: 'relocation', area: 'AFG-01', destination: 'Herat' });
    const db = t.database.db;
    p.newcomer = await insertPerson(db, {
      organizationId: f.orgA,
      stationId: f.stationAfg,
      name: 'Nadia Newcomer',
    });
    await db
      .updateTable('travel_segments')
      .set({ departs_at: ago(60_000) })
      .where('person_id', '=', p.traveller)
      .execute();
    const res = await saAfg.request({ method: 'POST', url: `/api/crisis/lists/${list.id}/refresh` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ added: 1, noLongerPresent: 1, backAgain: 0 });
    const d = await detail(saAfg, list.id);
    expect(d.rows).toHaveLength(list.rows.length + 1);
    expect(rowOf(d, p.traveller)).toMatchObject({ present: false });
    expect(rowOf(d, p.newcomer)).toMatchObject({ present: true, status: 'listed' });
    expect(d.totals.noLongerPresent).toBe(1);
    // Back again (the trip extended): unflagged, nothing added, the row's status kept.
    await db
      .updateTable('travel_segments')
      .set({ departs_at: later(DAY) })
      .where('person_id', '=', p.traveller)
      .execute();
    const again = await saAfg.request({ method: 'POST', url: `/api/crisis/lists/${list.id}/refresh` });
    expect(again.json()).toMatchObject({ added: 0, noLongerPresent: 0, backAgain: 1 });
    expect(rowOf(await detail(saAfg, list.id), p.traveller)).toMatchObject({
      present: true,
      absentSince: null,
    });
  });

  it('scope: organization focal points see their own people read-only; other countries see nothing', async () => {
    const list = await made({
      kind: 'evacuation',
      country: 'AFG',
      destination: 'Tashkent',
      destinationCountry: 'UZB',
    });
    const mine = await detail(focalA, list.id);
    expect(mine.canManage).toBe(false);
    expect(new Set(mine.rows.map((r) => r.organization))).toEqual(new Set(['ORGA']));
    expect(mine.totals.byOrganization.map((o) => o.organization)).toEqual(['ORGA']);
    const index = (await (await focalA.request({ url: '/api/crisis/lists' })).json()) as Detail[];
    expect(index.length).toBeGreaterThan(0);
    for (const l of index) expect(l.totals.byOrganization.every((o) => o.organization === 'ORGA')).toBe(true);
    expect(
      (await focalA.request({ method: 'POST', url: `/api/crisis/lists/${list.id}/refresh` })).statusCode,
    ).toBe(403);
    expect((await saKen.request({ url: `/api/crisis/lists/${list.id}` })).statusCode).toBe(404);
    expect(await (await saKen.request({ url: '/api/crisis/lists' })).json()).toEqual([]);
    expect((await staffB.request({ url: '/api/crisis/lists' })).statusCode).toBe(403);
    expect((await staffB.request({ url: `/api/crisis/lists/${list.id}` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/crisis/lists' })).statusCode).toBe(401);
  });

  it('exports CSV, XLSX and a PDF manifest that read back, within the caller’s scope', async () => {
    const list = await made({
      kind: 'evacuation',
      country: 'AFG',
      destination: 'Islamabad',
      destinationCountry: 'PAK',
    });
    const url = (format: string) => `/api/crisis/lists/${list.id}/export?format=${format}`;
    const csv = await saAfg.request({ url: url('csv') });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const records = readCsvRecords(csv.body).map((r) => r.record);
    expect(records[0]).toEqual(
      expect.arrayContaining([
        'Name',
        'Organization',
        'Recruitment',
        'Kind',
        'Sponsor',
        'Phone',
        'Roll call',
      ]),
    );
    const nameAt = records[0]!.indexOf('Name');
    expect(
      records
        .slice(1)
        .map((r) => r[nameAt])
        .sort(),
    ).toEqual(names(list));
    const intl = records.find((r) => r[nameAt] === 'Ines International')!;
    // Defused for spreadsheets (which hide the apostrophe); the XLSX below keeps the number as is.
    expect(intl[records[0]!.indexOf('Phone')]).toBe("'+93700000001");
    expect(intl[records[0]!.indexOf('Roll call')]).toBe('Safe');
    const dep = records.find((r) => r[nameAt] === 'Dora Dependant')!;
    expect(dep[records[0]!.indexOf('Sponsor')]).toBe('Ines International');

    const xlsx = await saAfg.request({ url: url('xlsx') });
    expect(xlsx.statusCode).toBe(200);
    const sheet = readXlsx(new Uint8Array(xlsx.rawPayload));
    expect(sheet[0]?.cells).toEqual(records[0]);
    expect(
      sheet
        .slice(1)
        .map((r) => r.cells[nameAt])
        .sort(),
    ).toEqual(names(list));
    const phoneAt = records[0]!.indexOf('Phone');
    expect(sheet.find((r) => r.cells[nameAt] === 'Ines International')?.cells[phoneAt]).toBe('+93700000001');

    const pdf = await saAfg.request({ url: url('pdf') });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = flat(pdfText(pdf.rawPayload));
    expect(text).toContain('EVACUATION MANIFEST');
    expect(text).toContain(list.reference);
    for (const n of names(list)) expect(text).toContain(n);
    expect(text).toContain('+93700000001');
    expect(pdfInfo(pdf.rawPayload).Title).toContain(list.reference);

    // An organization's focal point exports only its own people.
    const own = await focalA.request({ url: url('csv') });
    expect(own.statusCode).toBe(200);
    const ownNames = readCsvRecords(own.body)
      .slice(1)
      .map((r) => r.record[nameAt]);
    expect(ownNames.length).toBeGreaterThan(0);
    expect(ownNames).not.toContain('Fay Faraway');
    expect((await saKen.request({ url: url('pdf') })).statusCode).toBe(404);
    expect((await saAfg.request({ url: `/api/crisis/lists/${list.id}/export?format=doc` })).statusCode).toBe(
      400,
    );
  });

  it('a long list pages its PDF manifest', async () => {
    const db = t.database.db;
    for (let i = 0; i < 60; i++)
      await insertPerson(db, { organizationId: f.orgB, stationId: f.stationAfg, name: `Many${i} Person` });
    const list = await made({ kind: 'relocation', country: 'AFG', destination: 'Bamyan' });
    const pdf = await saAfg.request({ url: `/api/crisis/lists/${list.id}/export?format=pdf` });
    expect(Number(pdfInfo(pdf.rawPayload).Pages)).toBeGreaterThan(1);
    expect(flat(pdfText(pdf.rawPayload))).toContain('Many59 Person');
  });
  it('withdrawing a designation leaves the person and their dependants out again, rows and status kept', async () => {
    const list = await made({
      kind: 'evacuation',
      country: 'AFG',
      destination: 'Almaty',
      destinationCountry: 'KAZ',
    });
    expect(rowOf(list, p.local)?.eligible).toBe(true);
    const row = rowOf(list, p.local)!;
    const confirmed = await saAfg.request({
      method: 'PATCH',
      url: `/api/crisis/lists/${list.id}/people/${p.local}`,
      payload: { status: 'confirmed', version: row.version },
    });
    expect(confirmed.statusCode).toBe(200);
    const url = `/api/crisis/lists/${list.id}/designations/${p.local}/withdraw`;
    expect((await saAfg.request({ method: 'POST', url, payload: {} })).statusCode).toBe(400);
    expect(
      (await focalA.request({ method: 'POST', url, payload: { reason: 'threat over' } })).statusCode,
    ).toBe(403);
    const res = await doAfg.request({ method: 'POST', url, payload: { reason: 'Threat assessed as over' } });
    expect(res.statusCode, res.body).toBe(200);
    const after = res.json() as Detail;
    expect(rowOf(after, p.local)).toBeUndefined();
    expect(after.ineligible).toBe(2);
    const all = await detail(saAfg, list.id, '?include=ineligible');
    expect(rowOf(all, p.local)).toMatchObject({
      eligible: false,
      rule: 'not_eligible.local',
      status: 'confirmed',
    });
    expect(rowOf(all, p.depLocal)?.rule).toBe('not_eligible.dependant_of_local');
    expect((await doAfg.request({ method: 'POST', url, payload: { reason: 'again' } })).statusCode).toBe(404);
    const audited = await t.database.db
      .selectFrom('audit_log')
      .select('actor_label')
      .where('action', '=', 'crisis_list.withdraw_targeted')
      .execute();
    expect(audited).toEqual([{ actor_label: 'do.afg' }]);
  });
});
