import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, createTestApp, type TestApp, type TestUser } from '../support/app';

/**
 * Jointly financed apportionment on a real database (both engines): periods, census by JSON and by
 * CSV, scenarios computed on the fly and compared, approval into immutable versions, explanations,
 * exports, bad input with row-named errors and nothing saved, and who reads what.
 */
let t: TestApp;
let root: TestUser;
let manager: TestUser;
let auditor: TestUser;
let hqA: TestUser;
let personnelA: TestUser;
let periodId: string;

const ORGS = [
  ['UNDP', 'Development Programme', 'programme'],
  ['UNV', 'Volunteers', 'programme'],
  ['WFP', 'Food Programme', 'programme'],
  ['UNICEF', 'Children’s Fund', 'fund'],
  ['ITU', 'Telecommunication Union', 'agency'],
  ['WMO', 'Meteorological Organization', 'agency'],
] as const;
const CENSUS_CSV =
  'organization,headcount,counted_in\nUNDP,7000,\nUNV,1500,UNDP\nWFP,12000,\nUNICEF,9000,\nITU,3,\nWMO,0,\n';

const count = async (
  table: 'costshare_census' | 'costshare_apportionments' | 'costshare_scenarios' | 'audit_log',
) =>
  Number(
    (
      await t.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const periodVersion = async () =>
  (
    (await root.request({ method: 'GET', url: `/api/costshare/periods/${periodId}` })).json() as {
      version: number;
    }
  ).version;

beforeAll(async () => {
  t = await createTestApp();
  root = await t.user('root', admin);
  for (const [code, name, type] of ORGS) {
    const res = await root.request({
      method: 'POST',
      url: '/api/organizations',
      payload: { code, name, type },
    });
    expect(res.statusCode).toBe(201);
  }
  manager = await t.user('jfa.manager', [{ role: 'costshare_manager', scopeType: 'global', scopeId: null }]);
  auditor = await t.user('auditor', [{ role: 'auditor', scopeType: 'global', scopeId: null }]);
  hqA = await t.user(
    'hq.undp',
    [{ role: 'org_hq_focal_point', scopeType: 'organization', scopeId: 'UNDP' }],
    'UNDP',
  );
  personnelA = await t.user(
    'staff.undp',
    [{ role: 'personnel', scopeType: 'organization', scopeId: 'UNDP' }],
    'UNDP',
  );
});
afterAll(async () => t?.close());

describe('jointly financed apportionment', () => {
  it('opens a period, imports the census from CSV and apportions it on the fly', async () => {
    const created = await manager.request({
      method: 'POST',
      url: '/api/costshare/periods',
      payload: {
        code: '2026-2027',
        name: 'Biennium 2026-2027',
        startsOn: '2026-01-01',
        endsOn: '2027-12-31',
        total: '1000000',
        minimum: '75000.00',
        censusDate: '2024-12-31',
      },
    });
    expect(created.statusCode).toBe(201);
    periodId = created.json().id;
    expect(created.json()).toMatchObject({
      total: '1000000.00',
      minimum: '75000.00',
      census: [],
      versions: [],
    });

    const imported = await manager.request({
      method: 'POST',
      url: `/api/costshare/periods/${periodId}/census/import`,
      payload: { csv: CENSUS_CSV, version: created.json().version },
    });
    expect(imported.statusCode).toBe(200);
    expect(imported.json().census).toContainEqual({
      organization: 'UNV',
      organizationName: 'Volunteers',
      headcount: 1500,
      countedIn: 'UNDP',
    });

    const res = await auditor.request({
      method: 'GET',
      url: `/api/costshare/periods/${periodId}/apportionment`,
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const by = Object.fromEntries(body.lines.map((l: { organization: string }) => [l.organization, l]));
    expect(by.UNDP).toMatchObject({ headcount: 8500, includes: ['UNV'], billed: true, amount: '244915.26' });
    expect(by.UNV).toMatchObject({ billed: false, amount: '0.00', amountCents: 0 });
    expect(by.ITU).toMatchObject({ minimumApplied: true, amount: '75000.00', share: 7.5 });
    expect(by.WMO).toMatchObject({ minimumApplied: true, amount: '75000.00', headcount: 0 });
    const sum = body.lines.reduce((s: number, l: { amountCents: number }) => s + l.amountCents, 0);
    expect(sum).toBe(100_000_000);
    expect(body.summary).toMatchObject({ billableCount: 5, atMinimumCount: 2, total: '1000000.00' });
  });

  it('explains one organization’s figure step by step', async () => {
    const res = await auditor.request({
      method: 'GET',
      url: `/api/costshare/periods/${periodId}/explanations/itu`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().organization).toBe('ITU');
    expect(res.json().steps.map((s: { kind: string }) => s.kind)).toEqual([
      'headcount',
      'round',
      'minimum',
      'result',
    ]);
    const undp = (
      await auditor.request({ method: 'GET', url: `/api/costshare/periods/${periodId}/explanations/UNDP` })
    ).json();
    expect(undp.steps[0].text).toContain('plus 1500 of UNV counted in it');
    expect(undp.steps.at(-1).figures.amount).toBe('244915.26');
  });

  it('computes and compares scenarios side by side', async () => {
    const sc = await manager.request({
      method: 'POST',
      url: `/api/costshare/periods/${periodId}/scenarios`,
      payload: { name: 'Minimum 50,000', minimum: '50000' },
    });
    expect(sc.statusCode).toBe(201);
    const census = await manager.request({
      method: 'POST',
      url: `/api/costshare/periods/${periodId}/scenarios`,
      payload: { name: 'New census', headcounts: [{ organization: 'itu', headcount: 60000 }] },
    });
    expect(census.statusCode).toBe(201);
    const scenario = (
      await auditor.request({
        method: 'GET',
        url: `/api/costshare/periods/${periodId}/apportionment?scenario=${sc.json().id}`,
      })
    ).json();
    expect(scenario.source).toMatchObject({ kind: 'scenario', name: 'Minimum 50,000' });
    expect(scenario.lines.find((l: { organization: string }) => l.organization === 'ITU').amount).toBe(
      '50000.00',
    );

    const cmp = await auditor.request({
      method: 'GET',
      url: `/api/costshare/periods/${periodId}/compare?scenario=${sc.json().id}&scenario=${census.json().id}`,
    });
    expect(cmp.statusCode).toBe(200);
    expect(cmp.json().columns.map((c: { name: string }) => c.name)).toEqual([
      'Census',
      'Minimum 50,000',
      'New census',
    ]);
    const itu = cmp.json().rows.find((r: { organization: string }) => r.organization === 'ITU');
    expect(itu.cells.map((c: { amount: string }) => c.amount)).toEqual([
      '75000.00',
      '50000.00',
      expect.any(String),
    ]);
    expect(itu.cells[2].minimumApplied).toBe(false);
    expect(itu.differenceCents).toBe(itu.cells[2].amountCents - 7_500_000);
  });

  it('approves versions that never change; re-approval adds n + 1 and keeps the old; audited', async () => {
    const audits = await count('audit_log');
    const v1 = await manager.request({
      method: 'POST',
      url: `/api/costshare/periods/${periodId}/approve`,
      payload: { periodVersion: await periodVersion(), note: 'FBN endorsed' },
    });
    expect(v1.statusCode).toBe(201);
    expect(v1.json().source.version).toMatchObject({
      versionNo: 1,
      note: 'FBN endorsed',
      approvedBy: 'jfa.manager',
    });

    // The census changes afterwards: version 1 keeps what was approved.
    const changed = await manager.request({
      method: 'PUT',
      url: `/api/costshare/periods/${periodId}/census`,
      payload: {
        version: await periodVersion(),
        census: [
          { organization: 'UNDP', headcount: 7000 },
          { organization: 'UNV', headcount: 1500, countedIn: 'UNDP' },
          { organization: 'WFP', headcount: 20000 },
          { organization: 'UNICEF', headcount: 9000 },
          { organization: 'ITU', headcount: 3 },
          { organization: 'WMO', headcount: 0 },
        ],
      },
    });
    expect(changed.statusCode).toBe(200);
    const v2 = await manager.request({
      method: 'POST',
      url: `/api/costshare/periods/${periodId}/approve`,
      payload: { periodVersion: await periodVersion() },
    });
    expect(v2.json().source.version.versionNo).toBe(2);
    const again = (
      await hqA.request({ method: 'GET', url: `/api/costshare/periods/${periodId}/versions/1` })
    ).json();
    expect(again.lines.find((l: { organization: string }) => l.organization === 'WFP').amount).toBe(
      v1.json().lines.find((l: { organization: string }) => l.organization === 'WFP').amount,
    );
    expect(again.lines.find((l: { organization: string }) => l.organization === 'WFP').amount).not.toBe(
      v2.json().lines.find((l: { organization: string }) => l.organization === 'WFP').amount,
    );
    expect(await count('costshare_apportionments')).toBe(2);
    expect(await count('audit_log')).toBe(audits + 3);
    const entry = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_label'])
      .where('action', '=', 'costshare.apportionment.approve')
      .execute();
    expect(entry).toHaveLength(2);

    // A stale period version is refused, and the database refuses to change an approved version.
    const stale = await manager.request({
      method: 'POST',
      url: `/api/costshare/periods/${periodId}/approve`,
      payload: { periodVersion: 1 },
    });
    expect(stale.statusCode).toBe(409);
    await expect(
      t.database.db.updateTable('costshare_apportionment_lines').set({ amount_cents: 1 }).execute(),
    ).rejects.toThrow(/cannot be changed/);
  });

  it('an organization reads every organization’s approved figures, never drafts', async () => {
    const list = await hqA.request({ method: 'GET', url: '/api/costshare/periods' });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toHaveLength(1);
    expect(list.json()[0]).toMatchObject({ total: null, latestVersion: { versionNo: 2 } });
    const detail = (await hqA.request({ method: 'GET', url: `/api/costshare/periods/${periodId}` })).json();
    expect(detail).toMatchObject({ census: null, scenarios: null });
    expect(detail.versions).toHaveLength(2);
    const v2 = (
      await hqA.request({ method: 'GET', url: `/api/costshare/periods/${periodId}/versions/2` })
    ).json();
    expect(v2.lines.map((l: { organization: string }) => l.organization)).toContain('WFP');
    const explained = await hqA.request({
      method: 'GET',
      url: `/api/costshare/periods/${periodId}/versions/2/explanations/WMO`,
    });
    expect(explained.statusCode).toBe(200);
    expect(explained.json().steps.at(-1).text).toBe('WMO pays 75,000.00 of 1,000,000.00.');
    for (const url of [
      `/api/costshare/periods/${periodId}/apportionment`,
      `/api/costshare/periods/${periodId}/explanations/UNDP`,
    ])
      expect((await hqA.request({ method: 'GET', url })).statusCode).toBe(403);
    expect(
      (
        await hqA.request({
          method: 'POST',
          url: `/api/costshare/periods/${periodId}/approve`,
          payload: { periodVersion: 9 },
        })
      ).statusCode,
    ).toBe(403);
    expect((await personnelA.request({ method: 'GET', url: '/api/costshare/periods' })).statusCode).toBe(403);
    expect(
      (
        await auditor.request({
          method: 'POST',
          url: '/api/costshare/periods',
          payload: {
            code: 'X',
            name: 'X',
            startsOn: '2026-01-01',
            endsOn: '2026-12-31',
            total: '1',
            minimum: '0',
          },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('exports the whole system and one organization as CSV, XLSX and PDF', async () => {
    const csv = await hqA.request({
      method: 'GET',
      url: `/api/costshare/periods/${periodId}/versions/1/export.csv`,
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toBe(
      'organization,organization_name,headcount,own_headcount,counted_in,billed,minimum_applied,minimum_round,amount,share_percent,rounding_cents',
    );
    expect(lines).toHaveLength(8);
    expect(lines.at(-1)).toContain('1000000.00');
    const one = await hqA.request({
      method: 'GET',
      url: `/api/costshare/periods/${periodId}/versions/1/export.csv?organization=UNDP`,
    });
    expect(one.body).toContain('UNDP,Development Programme,8500,7000');
    expect(one.body).toContain('UNDP pays 244,915.26');
    const xlsx = await hqA.request({
      method: 'GET',
      url: `/api/costshare/periods/${periodId}/versions/1/export.xlsx`,
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const sheet = strFromU8(
      unzipSync(new Uint8Array(xlsx.rawPayload))['xl/worksheets/sheet1.xml'] as Uint8Array,
    );
    expect(sheet).toContain('<v>244915.26</v>');
    expect(sheet).toContain('Jointly financed apportionment 2026-2027, version 1');
    const pdf = await hqA.request({
      method: 'GET',
      url: `/api/costshare/periods/${periodId}/versions/1/export.pdf?organization=ITU`,
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const { pdfText, flat } = await import('../../src/modules/srm/pdf/poppler');
    const text = flat(pdfText(pdf.rawPayload));
    expect(text).toContain('Jointly financed apportionment 2026-2027, version 1');
    expect(text).toContain('ITU pays 75,000.00');
    const all = flat(
      pdfText(
        (
          await hqA.request({
            method: 'GET',
            url: `/api/costshare/periods/${periodId}/versions/1/export.pdf`,
          })
        ).rawPayload,
      ),
    );
    for (const code of ['UNDP', 'WFP', 'UNICEF', 'ITU', 'WMO']) expect(all).toContain(code);
  });

  describe('bad input names the row or field and saves nothing', () => {
    const put = async (census: object[]) =>
      manager.request({
        method: 'PUT',
        url: `/api/costshare/periods/${periodId}/census`,
        payload: { version: await periodVersion(), census },
      });

    it.each([
      [[{ organization: 'UNDP', headcount: -4 }], 'census.0.headcount', 'row 1: must not be negative'],
      [
        [
          { organization: 'UNDP', headcount: 4 },
          { organization: 'undp', headcount: 5 },
        ],
        'census.1.organization',
        'row 2: UNDP is listed twice',
      ],
      [
        [{ organization: 'NOPE', headcount: 4 }],
        'census.0.organization',
        'not an organization in the registry',
      ],
      [
        [
          { organization: 'UNDP', headcount: 4 },
          { organization: 'UNV', headcount: 5, countedIn: 'WFP' },
        ],
        'census.1.countedIn',
        'WFP is not in the census',
      ],
      [
        [
          { organization: 'UNDP', headcount: 4, countedIn: 'UNV' },
          { organization: 'UNV', headcount: 5, countedIn: 'UNDP' },
        ],
        'census.0.countedIn',
        'cycle',
      ],
    ])('%j', async (census, field, words) => {
      const before = [await count('costshare_census'), await periodVersion()];
      const res = await put(census);
      expect(res.statusCode).toBe(400);
      const error = res.json().errors.find((e: { field: string }) => e.field === field);
      expect(error?.message).toContain(words);
      expect([await count('costshare_census'), await periodVersion()]).toEqual(before);
    });

    it('a CSV with a missing headcount names its row and line', async () => {
      const res = await manager.request({
        method: 'POST',
        url: `/api/costshare/periods/${periodId}/census/import`,
        payload: { csv: 'organization,headcount\nUNDP,10\nWFP,\n', version: await periodVersion() },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0]).toEqual({
        field: 'csv.rows.1.headcount',
        message: 'row 2 (line 3): is missing or not a number',
      });
    });

    it('a minimum that the total cannot pay for every billable organization', async () => {
      const before = await periodVersion();
      const res = await manager.request({
        method: 'PATCH',
        url: `/api/costshare/periods/${periodId}`,
        payload: { minimum: '250000', version: before },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0].field).toBe('minimum');
      expect(res.json().detail).toContain('for each of the 5 billable organizations is 1250000.00');
      expect(await periodVersion()).toBe(before);
      const scenarios = await count('costshare_scenarios');
      const sc = await manager.request({
        method: 'POST',
        url: `/api/costshare/periods/${periodId}/scenarios`,
        payload: { name: 'Too high', minimum: '300000' },
      });
      expect(sc.statusCode).toBe(400);
      expect(await count('costshare_scenarios')).toBe(scenarios);
    });

    it('amounts as floats or with three decimals are refused', async () => {
      for (const total of [1000.5, '10.005', '-5'])
        expect(
          (
            await manager.request({
              method: 'PATCH',
              url: `/api/costshare/periods/${periodId}`,
              payload: { total, version: await periodVersion() },
            })
          ).statusCode,
        ).toBe(400);
    });
  });
});
