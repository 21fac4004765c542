import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BudgetDetail } from '../../src/modules/costshare/local/local.schema';
import type { CreateGrant } from '../../src/modules/users/users.schema';
import { admin, createTestApp, type TestApp, type TestUser } from '../support/app';
import { seedTwoScopes, type TwoScopes } from '../support/fixtures';
import { insertPerson } from '../support/who-fixtures';

let t: TestApp;
let f: TwoScopes;
let root: TestUser;
let mgrAfg: TestUser;
let mgrKen: TestUser;
let doAfg: TestUser;
let focalA: TestUser;
let focalB: TestUser;
let hqMgr: TestUser;
let staffA: TestUser;

const B = '/api/costshare/local';
const country = (role: string, code: string) =>
  [{ role, scopeType: 'country', scopeId: code }] as CreateGrant[];
const org = (role: string, code: string) =>
  [{ role, scopeType: 'organization', scopeId: code }] as CreateGrant[];
const ok = (res: LightMyRequestResponse, status = 200) => {
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
};
const fields = (res: LightMyRequestResponse) =>
  (res.json().errors ?? []).map((e: { field: string }) => e.field);

const LINES = [
  {
    categoryCode: 'personnel',
    description: 'Local guards at the common premises, 12 posts',
    amountCents: 6_000_000,
    currency: 'USD',
  },
  {
    categoryCode: 'communications',
    description: 'Radio room operators and VHF repeaters',
    amountCents: 3_000_000,
    currency: 'USD',
  },
  {
    categoryCode: 'misc',
    description: 'Armoured vehicle maintenance',
    amountCents: 1_000_001,
    currency: 'USD',
  },
];

beforeAll(async () => {
  t = await createTestApp();
  root = await t.user('root', admin);
  f = await seedTwoScopes(root);
  mgrAfg = await t.user('mgr.afg', country('costshare_manager', 'AFG'));
  mgrKen = await t.user('mgr.ken', country('costshare_manager', 'KEN'));
  doAfg = await t.user('do.afg', country('designated_official', 'AFG'));
  focalA = await t.user('focal.a', org('org_hq_focal_point', 'ORGA'), 'ORGA');
  focalB = await t.user('focal.b', org('org_hq_focal_point', 'ORGB'), 'ORGB');
  hqMgr = await t.user('hq.mgr', [{ role: 'costshare_manager', scopeType: 'global', scopeId: null }]);
  staffA = await t.user('staff.a', org('personnel', 'ORGA'), 'ORGA');
  // Census of 2027 in Afghanistan: ORGA 30, ORGB 10 (no census for Kenya: people are counted there).
  await t.database.db
    .insertInto('personnel_headcounts')
    .values([
      { year: 2027, country_code: 'AFG', organization_id: f.orgA, headcount: 30 },
      { year: 2027, country_code: 'AFG', organization_id: f.orgB, headcount: 10 },
    ])
    .execute();
});
afterAll(() => t.close());

describe('locally cost-shared security budgets', () => {
  let afg: BudgetDetail;
  let sa: { id: string };

  it('lists the eight expenditure categories plus miscellaneous', async () => {
    const cats = ok(await mgrAfg.request({ url: `${B}/categories` })) as {
      code: string;
      miscellaneous: boolean;
    }[];
    expect(cats).toHaveLength(9);
    expect(cats.filter((c) => c.miscellaneous).map((c) => c.code)).toEqual(['misc']);
    expect((await staffA.request({ url: `${B}/categories` })).statusCode).toBe(403);
  });

  it('creates a country budget once per year; bad input names the field and saves nothing', async () => {
    afg = ok(
      await mgrAfg.request({
        method: 'POST',
        url: `${B}/budgets`,
        payload: { countryCode: 'afg', year: 2027 },
      }),
      201,
    );
    expect(afg).toMatchObject({
      countryCode: 'AFG',
      year: 2027,
      status: 'draft',
      currency: 'USD',
      totalCents: 0,
    });
    const dup = await mgrAfg.request({
      method: 'POST',
      url: `${B}/budgets`,
      payload: { countryCode: 'AFG', year: 2027 },
    });
    expect(dup.statusCode).toBe(409);
    expect(fields(dup)).toEqual(['year']);
    const bad = await root.request({
      method: 'POST',
      url: `${B}/budgets`,
      payload: { countryCode: 'XXX', year: 2027 },
    });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad)).toEqual(['countryCode']);
    const badYear = await mgrAfg.request({
      method: 'POST',
      url: `${B}/budgets`,
      payload: { countryCode: 'AFG', year: 1999 },
    });
    expect(badYear.statusCode).toBe(400);
    expect(fields(badYear)).toEqual(['year']);
    expect(
      (
        await mgrKen.request({
          method: 'POST',
          url: `${B}/budgets`,
          payload: { countryCode: 'AFG', year: 2028 },
        })
      ).statusCode,
    ).toBe(403);
    expect(await t.database.db.selectFrom('local_budgets').select('id').execute()).toHaveLength(1);
  });

  it('keeps the register of jointly funded costs: everywhere for a global manager, per country for the country’s', async () => {
    sa = ok(
      await hqMgr.request({
        method: 'POST',
        url: `${B}/jointly-funded`,
        payload: {
          categoryCode: 'personnel',
          description: 'UNDSS security adviser and deputy posts (jointly financed activities)',
          matchTerms: ['security adviser', 'security advisor'],
        },
      }),
      201,
    );
    const everywhere = await mgrAfg.request({
      method: 'POST',
      url: `${B}/jointly-funded`,
      payload: { categoryCode: 'personnel', description: 'x', matchTerms: ['x1'] },
    });
    expect(everywhere.statusCode).toBe(403);
    const noTerms = await mgrAfg.request({
      method: 'POST',
      url: `${B}/jointly-funded`,
      payload: { countryCode: 'AFG', categoryCode: 'training', description: 'SSAFE courses' },
    });
    expect(noTerms.statusCode).toBe(400);
    expect(fields(noTerms)).toEqual(['matchTerms']);
    const badCat = await mgrAfg.request({
      method: 'POST',
      url: `${B}/jointly-funded`,
      payload: { countryCode: 'AFG', categoryCode: 'nope', description: 'x', wholeCategory: true },
    });
    expect(fields(badCat)).toEqual(['categoryCode']);
    const list = ok(await mgrKen.request({ url: `${B}/jointly-funded` })) as { id: string }[];
    expect(list.map((r) => r.id)).toEqual([sa.id]);
  });

  it('refuses a line already funded jointly with a 422 naming the line, and saves nothing', async () => {
    const lines = [
      LINES[0],
      {
        categoryCode: 'personnel',
        description: 'Salary of the Security Adviser (P-4)',
        amountCents: 100,
        currency: 'USD',
      },
    ];
    const res = await mgrAfg.request({
      method: 'PUT',
      url: `${B}/budgets/${afg.id}/lines`,
      payload: { version: afg.version, lines },
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(fields(res)).toEqual(['lines.1.description']);
    expect(res.json().detail).toContain('line 2');
    const linked = await mgrAfg.request({
      method: 'PUT',
      url: `${B}/budgets/${afg.id}/lines`,
      payload: { version: afg.version, lines: [{ ...LINES[2], jointlyFundedCostId: sa.id }] },
    });
    expect(linked.statusCode).toBe(422);
    expect(fields(linked)).toEqual(['lines.0.description']);
    const after = ok(await mgrAfg.request({ url: `${B}/budgets/${afg.id}` })) as BudgetDetail;
    expect(after).toMatchObject({ version: afg.version, lines: [], totalCents: 0 });
  });

  it('answers malformed requests with a 4xx naming the field, never a 500', async () => {
    const tr = (payload: unknown, id = afg.id) =>
      mgrAfg.request({ method: 'POST', url: `${B}/budgets/${id}/transitions`, payload: payload as object });
    const unknown = await tr({ action: 'publish', version: 1 });
    expect(unknown.statusCode).toBe(400);
    expect(fields(unknown)).toEqual(['action']);
    const extra = await tr({ action: 'circulate', version: 1, approvedOn: '2026-01-01' });
    expect(extra.statusCode).toBe(400);
    expect((await tr({ action: 'circulate', version: 1 }, 'not-a-uuid')).statusCode).toBe(400);
    expect(
      (await tr({ action: 'circulate', version: 1 }, '00000000-0000-4000-8000-000000000000')).statusCode,
    ).toBe(404);
    const notArray = await mgrAfg.request({
      method: 'PUT',
      url: `${B}/budgets/${afg.id}/lines`,
      payload: { version: afg.version, lines: 'all of them' },
    });
    expect(notArray.statusCode).toBe(400);
    expect(fields(notArray)).toEqual(['lines']);
    const badYear = await mgrAfg.request({ url: `${B}/budgets?year=next` });
    expect(badYear.statusCode).toBe(400);
    expect(fields(badYear)).toEqual(['year']);
    expect((await mgrAfg.request({ url: `${B}/overdue?on=2027-02-30` })).statusCode).toBe(400);
  });

  it('rejects bad lines by row and field with nothing saved', async () => {
    const res = await mgrAfg.request({
      method: 'PUT',
      url: `${B}/budgets/${afg.id}/lines`,
      payload: {
        version: afg.version,
        lines: [LINES[0], { ...LINES[1], categoryCode: 'food' }, { ...LINES[2], currency: 'EUR' }],
      },
    });
    expect(res.statusCode).toBe(400);
    expect(fields(res)).toEqual(['lines.1.categoryCode', 'lines.2.currency']);
    const cents = await mgrAfg.request({
      method: 'PUT',
      url: `${B}/budgets/${afg.id}/lines`,
      payload: { version: afg.version, lines: [{ ...LINES[0], amountCents: 12.5 }] },
    });
    expect(cents.statusCode).toBe(400);
    expect(fields(cents)).toEqual(['lines.0.amountCents']);
    const neg = await mgrAfg.request({
      method: 'PUT',
      url: `${B}/budgets/${afg.id}/lines`,
      payload: { version: afg.version, lines: [{ ...LINES[0], amountCents: -1, description: '' }] },
    });
    expect(fields(neg).sort()).toEqual(['lines.0.amountCents', 'lines.0.description']);
    expect(await t.database.db.selectFrom('local_budget_lines').select('id').execute()).toHaveLength(0);
  });

  it('saves lines and shows exact-cent shares by census headcount, with their source', async () => {
    const stale = await mgrAfg.request({
      method: 'PUT',
      url: `${B}/budgets/${afg.id}/lines`,
      payload: { version: afg.version + 5, lines: LINES },
    });
    expect(stale.statusCode).toBe(409);
    afg = ok(
      await mgrAfg.request({
        method: 'PUT',
        url: `${B}/budgets/${afg.id}/lines`,
        payload: { version: afg.version, lines: LINES },
      }),
    );
    expect(afg.totalCents).toBe(10_000_001);
    expect(afg.headcount).toMatchObject({ source: 'personnel_headcounts', fixed: false });
    // 10,000,001 × 30/40 = 7,500,000.75 and × 10/40 = 2,500,000.25: the odd cent goes to ORGA.
    expect(afg.shares.map((s) => [s.organizationCode, s.headcount, s.amountCents])).toEqual([
      ['ORGA', 30, 7_500_001],
      ['ORGB', 10, 2_500_000],
    ]);
    expect(afg.categoryTotals.find((c) => c.categoryCode === 'misc')?.amountCents).toBe(1_000_001);
    expect(afg.doubleChargeCheck).toMatchObject({ ok: true, findings: [] });
    expect(afg.calendar.map((m) => [m.milestone, m.due])).toEqual([
      ['circulate', '2026-10-01'],
      ['bill', '2026-11-15'],
      ['pay', '2027-03-01'],
    ]);
    expect(
      (
        await mgrKen.request({
          method: 'PUT',
          url: `${B}/budgets/${afg.id}/lines`,
          payload: { version: afg.version, lines: LINES },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await doAfg.request({
          method: 'PUT',
          url: `${B}/budgets/${afg.id}/lines`,
          payload: { version: afg.version, lines: LINES },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('checks again at circulation: a cost added to the register since is refused naming the line', async () => {
    const entry = ok(
      await mgrAfg.request({
        method: 'POST',
        url: `${B}/jointly-funded`,
        payload: {
          countryCode: 'AFG',
          categoryCode: 'communications',
          description: 'Kabul SIOC communications',
          wholeCategory: true,
        },
      }),
      201,
    );
    const shown = ok(await doAfg.request({ url: `${B}/budgets/${afg.id}` })) as BudgetDetail;
    expect(shown.doubleChargeCheck.ok).toBe(false);
    expect(shown.doubleChargeCheck.findings).toMatchObject([
      { line: 2, field: 'lines.1.description', costId: entry.id },
    ]);
    const res = await mgrAfg.request({
      method: 'POST',
      url: `${B}/budgets/${afg.id}/transitions`,
      payload: { action: 'circulate', version: afg.version },
    });
    expect(res.statusCode).toBe(422);
    expect(fields(res)).toEqual(['lines.1.description']);
    ok(
      await mgrAfg.request({
        method: 'PUT',
        url: `${B}/jointly-funded/${entry.id}`,
        payload: { version: entry.version, active: false },
      }),
    );
  });

  it('moves draft → circulated → approved by the DO for the SMT → billed, each step versioned and audited', async () => {
    const tr = (u: TestUser, payload: object) =>
      u.request({ method: 'POST', url: `${B}/budgets/${afg.id}/transitions`, payload });
    // The DO may approve, but only a circulated budget: a draft is a conflict of state.
    expect(
      (
        await tr(doAfg, {
          action: 'approve',
          version: afg.version,
          approvedOn: '2026-10-10',
          smtMeetingRef: 'SMT 3/2026',
          smtMembers: ['DO'],
        })
      ).statusCode,
    ).toBe(409);
    expect((await tr(mgrAfg, { action: 'bill', version: afg.version })).statusCode).toBe(409);
    afg = ok(await tr(mgrAfg, { action: 'circulate', version: afg.version }));
    expect(afg.status).toBe('circulated');
    expect(afg.calendar[0]!.state).toBe('done');
    const approve = {
      action: 'approve',
      version: afg.version,
      approvedOn: '2026-10-10',
      smtMeetingRef: 'SMT meeting 3/2026, minutes §4',
      smtMembers: ['DO (UNDP)', 'WFP Country Director', 'UNICEF Representative'],
    };
    expect((await tr(mgrAfg, approve)).statusCode).toBe(403);
    const missing = await tr(doAfg, { ...approve, smtMembers: [] });
    expect(missing.statusCode).toBe(400);
    expect(fields(missing)).toEqual(['smtMembers']);
    const future = await tr(doAfg, { ...approve, approvedOn: '2999-01-01' });
    expect(future.statusCode).toBe(400);
    expect(fields(future)).toEqual(['approvedOn']);
    afg = ok(await tr(doAfg, approve));
    expect(afg.status).toBe('approved');
    expect(afg.approval).toEqual({
      approvedOn: '2026-10-10',
      approvedBy: 'do.afg',
      smtMeetingRef: 'SMT meeting 3/2026, minutes §4',
      smtMembers: approve.smtMembers,
    });
    // Shares are fixed at approval: a later census change does not move them.
    await t.database.db
      .updateTable('personnel_headcounts')
      .set({ headcount: 90 })
      .where('organization_id', '=', f.orgB)
      .execute();
    afg = ok(await doAfg.request({ url: `${B}/budgets/${afg.id}` }));
    expect(afg.headcount).toMatchObject({ source: 'personnel_headcounts', fixed: true });
    expect(afg.shares.map((s) => s.amountCents)).toEqual([7_500_001, 2_500_000]);
    expect(
      (
        await mgrAfg.request({
          method: 'PUT',
          url: `${B}/budgets/${afg.id}/lines`,
          payload: { version: afg.version, lines: LINES },
        })
      ).statusCode,
    ).toBe(409);
    const early = await mgrAfg.request({
      method: 'POST',
      url: `${B}/budgets/${afg.id}/payments`,
      payload: { organizationCode: 'ORGA', paidOn: '2026-11-20', amountCents: 1 },
    });
    expect(early.statusCode).toBe(409);
    afg = ok(await tr(mgrAfg, { action: 'bill', version: afg.version }));
    expect(afg.status).toBe('billed');

    const history = ok(await doAfg.request({ url: `${B}/budgets/${afg.id}/history` })) as {
      action: string;
      version: number;
    }[];
    expect(history.map((h) => h.action)).toEqual(['bill', 'approve', 'circulate', 'edit', 'create']);
    const audited = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', afg.id)
      .orderBy('id')
      .execute();
    expect(audited.map((a) => a.action)).toEqual([
      'costshare.local.create',
      'costshare.local.lines',
      'costshare.local.circulate',
      'costshare.local.approve',
      'costshare.local.bill',
    ]);
  });

  it('records payments per organization and lists what is overdue after 1 March', async () => {
    const pay = (payload: object) =>
      mgrAfg.request({ method: 'POST', url: `${B}/budgets/${afg.id}/payments`, payload });
    const over = await pay({ organizationCode: 'ORGA', paidOn: '2026-11-20', amountCents: 7_500_002 });
    expect(over.statusCode).toBe(400);
    expect(fields(over)).toEqual(['amountCents']);
    const stranger = await pay({ organizationCode: 'NOPE', paidOn: '2026-11-20', amountCents: 5 });
    expect(fields(stranger)).toEqual(['organizationCode']);
    const badDate = await pay({ organizationCode: 'ORGA', paidOn: '2027-02-30', amountCents: 5 });
    expect(fields(badDate)).toEqual(['paidOn']);
    expect(
      (
        await focalA.request({
          method: 'POST',
          url: `${B}/budgets/${afg.id}/payments`,
          payload: { organizationCode: 'ORGA', paidOn: '2026-11-20', amountCents: 5 },
        })
      ).statusCode,
    ).toBe(404);
    afg = ok(
      await pay({
        organizationCode: 'ORGA',
        paidOn: '2025-01-10',
        amountCents: 7_000_000,
        reference: 'UNDP receipt 1',
      }),
      201,
    );
    expect(afg.shares[0]).toMatchObject({
      organizationCode: 'ORGA',
      paidCents: 7_000_000,
      outstandingCents: 500_001,
    });

    const overdue = (u: TestUser) => u.request({ url: `${B}/overdue?on=2027-03-02` });
    const all = ok(await overdue(doAfg)) as {
      organizationCode: string;
      outstandingCents: number;
      daysOverdue: number;
    }[];
    expect(all.map((r) => [r.organizationCode, r.outstandingCents, r.daysOverdue])).toEqual([
      ['ORGA', 500_001, 1],
      ['ORGB', 2_500_000, 1],
    ]);
    expect(
      (ok(await overdue(focalA)) as { organizationCode: string }[]).map((r) => r.organizationCode),
    ).toEqual(['ORGA']);
    expect(ok(await overdue(mgrKen))).toEqual([]);
    expect(ok(await doAfg.request({ url: `${B}/overdue?on=2027-03-01` }))).toEqual([]);
    expect((await staffA.request({ url: `${B}/overdue` })).statusCode).toBe(403);

    const close = await mgrAfg.request({
      method: 'POST',
      url: `${B}/budgets/${afg.id}/transitions`,
      payload: { action: 'close', version: afg.version },
    });
    expect(close.statusCode).toBe(422);
    expect(close.json().detail).toContain('ORGA, ORGB');
  });

  it('shows each organization its own share across countries, and nothing of others', async () => {
    const bill = ok(await focalA.request({ url: `${B}/organizations/ORGA/bill?year=2027` }));
    expect(bill).toMatchObject({
      organizationCode: 'ORGA',
      rows: [
        {
          countryCode: 'AFG',
          amountCents: 7_500_001,
          paidCents: 7_000_000,
          outstandingCents: 500_001,
          final: true,
        },
      ],
      totals: [{ currency: 'USD', amountCents: 7_500_001, outstandingCents: 500_001 }],
    });
    expect((await focalA.request({ url: `${B}/organizations/ORGB/bill` })).statusCode).toBe(404);
    expect((await focalA.request({ url: `${B}/budgets/${afg.id}` })).statusCode).toBe(404);
    expect(ok(await focalA.request({ url: `${B}/budgets` }))).toEqual([]);
    expect((await mgrKen.request({ url: `${B}/budgets/${afg.id}` })).statusCode).toBe(404);
    expect(ok(await focalB.request({ url: `${B}/organizations/ORGB/bill` })).rows[0].amountCents).toBe(
      2_500_000,
    );
  });

  it('counts active personnel at duty stations where no census was loaded', async () => {
    for (const name of ['Ann One', 'Bob Two'])
      await insertPerson(t.database.db, { organizationId: f.orgA, stationId: f.stationKen, name });
    await insertPerson(t.database.db, { organizationId: f.orgB, stationId: f.stationKen, name: 'Cy Three' });
    await insertPerson(t.database.db, {
      organizationId: f.orgB,
      stationId: f.stationKen,
      name: 'Di Four',
      status: 'separated',
    });
    let ken = ok(
      await mgrKen.request({
        method: 'POST',
        url: `${B}/budgets`,
        payload: { countryCode: 'KEN', year: 2027 },
      }),
      201,
    ) as BudgetDetail;
    ken = ok(
      await mgrKen.request({
        method: 'PUT',
        url: `${B}/budgets/${ken.id}/lines`,
        payload: { version: ken.version, lines: [{ ...LINES[0], amountCents: 100 }] },
      }),
    );
    expect(ken.headcount.source).toBe('people');
    expect(ken.headcount.explanation).toContain('people register');
    expect(ken.shares.map((s) => [s.organizationCode, s.headcount, s.amountCents])).toEqual([
      ['ORGA', 2, 67],
      ['ORGB', 1, 33],
    ]);
    // A draft is the preparer's: organizations see it from circulation on.
    expect(ok(await focalA.request({ url: `${B}/organizations/ORGA/bill?year=2027` })).rows).toHaveLength(1);
  });

  it('exports per organization and for the whole system as CSV, XLSX and PDF', async () => {
    const csv = await focalA.request({ url: `${B}/export.csv?organization=ORGA` });
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const rows = csv.body.trim().split('\r\n');
    expect(rows[0]).toContain('Organization,Organization name');
    expect(rows.slice(1)).toHaveLength(1);
    expect(rows[1]).toContain('AFG,Afghanistan,2027,billed,ORGA');
    expect(rows[1]).toContain('75000.01,70000.00,5000.01');
    // Without ?organization=, an organization's focal point still gets its own rows only.
    const own = (await focalA.request({ url: `${B}/export.csv` })).body.trim().split('\r\n').slice(1);
    expect(own.every((r) => r.includes(',ORGA,'))).toBe(true);
    const whole = (await hqMgr.request({ url: `${B}/export.csv` })).body.trim().split('\r\n').slice(1);
    expect(whole.map((r) => r.split(',').slice(0, 1).concat(r.split(',')[4]!).join(' '))).toEqual([
      'AFG ORGA',
      'AFG ORGB',
      'KEN ORGA',
      'KEN ORGB',
    ]);
    expect((await focalA.request({ url: `${B}/export.csv?organization=ORGB` })).statusCode).toBe(404);
    const xlsx = await hqMgr.request({ url: `${B}/export.xlsx?year=2027` });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const pdf = await focalA.request({ url: `${B}/export.pdf?organization=ORGA` });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await staffA.request({ url: `${B}/export.pdf` })).statusCode).toBe(403);
  });

  it('closes once every organization has paid', async () => {
    for (const [code, cents] of [
      ['ORGA', 500_001],
      ['ORGB', 2_500_000],
    ] as const)
      afg = ok(
        await mgrAfg.request({
          method: 'POST',
          url: `${B}/budgets/${afg.id}/payments`,
          payload: { organizationCode: code, paidOn: '2026-11-25', amountCents: cents },
        }),
        201,
      );
    expect(afg.calendar[2]!.state).toBe('done');
    afg = ok(
      await mgrAfg.request({
        method: 'POST',
        url: `${B}/budgets/${afg.id}/transitions`,
        payload: { action: 'close', version: afg.version },
      }),
    );
    expect(afg.status).toBe('closed');
  });
});
