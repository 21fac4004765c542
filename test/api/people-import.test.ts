import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xlsxWorkbook } from '../../src/modules/incidents/xlsx';
import { readXlsx } from '../../src/modules/people/xlsx-read';
import { admin, createTestApp, type TestApp, type TestUser } from '../support/app';
import { seedTwoScopes } from '../support/fixtures';

let t: TestApp;
let root: TestUser;
let hrA: TestUser;

type Problem = { line: number; externalId?: string; field: string; message: string };
type Result = {
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  rejectedRows: number;
  warnings: Problem[];
  rejected: Problem[];
};

const send = async (u: TestUser, url: string, payload: string | Buffer, type: string) => {
  const res = await u.request({ method: 'POST', url, headers: { 'content-type': type }, payload });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const importCsv = (u: TestUser, csv: string, q = ''): Promise<Result> =>
  send(u, `/api/people/import${q}`, csv, 'text/csv');

const HEADER =
  'organization,external_id,kind,sponsor_external_id,given_name,family_name,sex,email,phone,contract_type,recruitment,duty_station,residence_area,status';
const DIRTY = [
  HEADER,
  '#org+code,#person+id,#person+type,#person+sponsor,#person+name+given,#person+name+family,#person+sex,#contact+email,#contact+phone,#contract+type,#person+recruitment,#loc+code,#adm1+code,#status',
  'ORGA,S1,personnel,,Amina,Diallo,F,amina@example.org,,fixed-term,international,AFG-KBL,AFG-01,active', // 3 ok
  'ORGA,S2,personnel,,Bilal,Khan,M,,+93 700,temporary,local,AFG-KBL,,active', // 4 no e-mail: warning
  'ORGA,S1,personnel,,Amina,Diallo (again),F,amina@example.org,,fixed-term,international,AFG-KBL,,active', // 5 duplicate: rejected
  'ORGA,S3,personnel,,Chen,Wei,M,chen@example.org,,consultant,international,AFG-KBL,,deleted', // 6 separated
  'ORGA,S4,personnel,,Dora,Meyer,F,dora@example.org,,fixed-term,international,XXX-NOWHERE,,active', // 7 unknown station: warning
  'ORGA,D1,dependant,S9,Eli,Stone,M,,,,,,,active', // 8 sponsor missing: rejected
  'ORGA,S5,personnel,,Femi,Ade,robot,femi@example.org,,fixed-term,local,KEN-NBO,,active', // 9 bad sex: warning
  'ORGA,D2,dependant,S1,Gaia,Diallo,F,,,,,,,active', // 10 dependant of S1 (sponsor earlier in file)
  'ORGA,,personnel,,Nameless,Nobody,F,n@example.org,,fixed-term,local,AFG-KBL,,active', // 11 no id: rejected
  'ORGA,S6,personnel,,Hana,Sato,F,not-an-email,,fixed-term,alien,AFG-KBL,,active', // 12 bad recruitment: rejected
  'ORGA,D3,dependant,S7,Ivo,Petrov,M,,,,,,,active', // 13 sponsor later in the file
  'ORGA,S7,personnel,,Jana,Petrova,F,jana@example.org,,fixed-term,international,KEN-NBO,,active', // 14
  'ORGB,S8,personnel,,Kai,Out,M,kai@example.org,,fixed-term,local,KEN-NBO,,active', // 15 other organization
].join('\n');

beforeAll(async () => {
  t = await createTestApp();
  root = await t.user('root', admin);
  await seedTwoScopes(root);
  hrA = await t.user(
    'hr.a',
    [{ role: 'org_hq_focal_point', scopeType: 'organization', scopeId: 'ORGA' }],
    'ORGA',
  );
});
afterAll(async () => {
  await t?.close();
});

const at = (list: Problem[], line: number) => list.filter((p) => p.line === line).map((p) => p.field);

describe('HR staff-list import', () => {
  it('keeps every valid row and names line and column for every problem', async () => {
    const r = await importCsv(hrA, DIRTY);
    expect(r.total).toBe(13);
    expect(r.created).toBe(8);
    expect(r.rejectedRows).toBe(5);
    expect(at(r.rejected, 5)).toEqual(['external_id']);
    expect(r.rejected.find((p) => p.line === 5)!.message).toMatch(/line 3/);
    expect(at(r.rejected, 8)).toEqual(['sponsor_external_id']);
    expect(at(r.rejected, 11)).toEqual(['external_id']);
    expect(at(r.rejected, 12)).toEqual(['recruitment']);
    expect(at(r.rejected, 15)).toEqual(['organization']);
    expect(at(r.warnings, 4)).toEqual(['email']);
    expect(at(r.warnings, 7)).toEqual(['duty_station']);
    expect(at(r.warnings, 9)).toEqual(['sex']);
    expect(at(r.warnings, 3)).toEqual([]);
    const list = (await hrA.request({ url: '/api/people?limit=100' })).json().items as {
      externalId: string;
      status: string;
      dutyStation: { code: string } | null;
      sponsorId: string | null;
    }[];
    const byId = Object.fromEntries(list.map((p) => [p.externalId, p]));
    expect(Object.keys(byId).sort()).toEqual(['D2', 'D3', 'S1', 'S2', 'S3', 'S4', 'S5', 'S7']);
    expect(byId.S3!.status).toBe('separated');
    expect(byId.S4!.dutyStation).toBeNull();
    // A dependant lives at the sponsor's station unless the list says otherwise.
    expect(byId.D3!.dutyStation!.code).toBe('KEN-NBO');
    const d2 = (
      await hrA.request({ url: `/api/people/${list.find((p) => p.externalId === 'D2')!.sponsorId}` })
    ).json();
    expect(d2.externalId).toBe('S1');
  });

  it('re-import leaves everything unchanged; a change updates; nobody is duplicated', async () => {
    const again = await importCsv(hrA, DIRTY);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 8, rejectedRows: 5 });
    const moved = DIRTY.replace('XXX-NOWHERE', 'KEN-NBO').replace(
      'Bilal,Khan,M,,',
      'Bilal,Khan,M,bilal@example.org,',
    );
    const r = await importCsv(hrA, moved);
    expect(r).toMatchObject({ created: 0, updated: 2, unchanged: 6 });
    const count = await t.database.db
      .selectFrom('people')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(8);
  });

  it('reads XLSX (shared strings and inline strings) with the same rules', async () => {
    const book = xlsxWorkbook(
      'Staff',
      [['organization', 'external_id', 'given_name', 'family_name', 'recruitment', 'duty_station']],
      [
        ['ORGA', 'X1', 'Lena', 'Ørsted & Co <test>', 'local', 'AFG-KBL'],
        ['ORGA', 'X2', 'Mo', '', 'local', 'AFG-KBL'],
      ],
    );
    expect(readXlsx(book)[1]!.cells).toEqual([
      'ORGA',
      'X1',
      'Lena',
      'Ørsted & Co <test>',
      'local',
      'AFG-KBL',
    ]);
    const r: Result = await send(
      hrA,
      '/api/people/import',
      Buffer.from(book),
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(r).toMatchObject({ created: 1, rejectedRows: 1 });
    expect(r.rejected).toEqual([{ line: 3, externalId: 'X2', field: 'family_name', message: 'required' }]);
  });

  it('a file where every row is bad writes nothing and says why', async () => {
    const r = await importCsv(hrA, `${HEADER}\nORGZ,Q1,personnel,,A,B,F,,,,local,,,active\n`);
    expect(r).toMatchObject({ created: 0, rejectedRows: 1, rejected: [{ line: 2, field: 'organization' }] });
    const empty = await hrA.request({
      method: 'POST',
      url: '/api/people/import',
      headers: { 'content-type': 'text/csv' },
      payload: '',
    });
    expect(empty.statusCode).toBe(400);
  });
});

describe('training import and report', () => {
  it('matches people by e-mail or external id; unknown people and courses are reported by row', async () => {
    const csv = [
      'email,organization,external_id,course,completed_on,certificate',
      'amina@example.org,,,BSAFE,2024-02-01,C-1',
      ',ORGA,S2,BSAFE,2020-01-01,',
      ',ORGA,S7,SSAFE,2025-01-15,',
      'nobody@example.org,,,BSAFE,2024-01-01,',
      'jana@example.org,,,NOPE,2024-01-01,',
      'jana@example.org,,,BSAFE,01/02/2024,',
      'jana@example.org,,,BSAFE,2999-01-01,',
    ].join('\n');
    const r = await send(hrA, '/api/training/import', csv, 'text/csv');
    expect(r).toMatchObject({ total: 7, recorded: 3, unchanged: 0 });
    expect(r.rejected.map((p: Problem) => [p.line, p.field])).toEqual([
      [5, 'email'],
      [6, 'course'],
      [7, 'completed_on'],
      [8, 'completed_on'],
    ]);
    expect((await send(hrA, '/api/training/import', csv, 'text/csv')).unchanged).toBe(3);
    const report = (
      await hrA.request({ url: '/api/training/report?organization=ORGA&at=2025-03-01&limit=500' })
    ).json();
    // Active people only: S3 (separated) is left out; 8 active (7 from the list + X1).
    const bsafe = report.summary.BSAFE;
    expect(bsafe).toEqual({ valid: 1, expiring: 0, expired: 1, missing: 6 });
    expect(report.summary.SSAFE.valid).toBe(1);
    expect(report.items).toHaveLength(8);
  });
});
