import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepOverdueMeasures } from '../../src/modules/srm/dashboard.service';
import { DEFAULT_MATRIX } from '../../src/modules/srm/rules';
import { admin, createTestApp, type TestApp, type TestUser } from '../support/app';
import { publishAssessment as publishLevels } from '../support/fixtures';

let t: TestApp;
let root: TestUser;
let sa: TestUser;
let dso: TestUser;
let desk: TestUser;
let srmId: string;
let riskId: string;

const publishAssessment = (levels: number[], date: string) => publishLevels(sa, dso, 'AFG-01', levels, date);

beforeAll(async () => {
  t = await createTestApp();
  root = await t.user('root', admin);
  await root.request({
    method: 'POST',
    url: '/api/organizations',
    payload: { code: 'WFP', name: 'World Food Programme', type: 'programme' },
  });
  await root.request({
    method: 'POST',
    url: '/api/areas',
    payload: { code: 'AFG-01', name: 'Central Region', countryCode: 'AFG' },
  });
  sa = await t.user('sa.afg', [{ role: 'security_professional', scopeType: 'country', scopeId: 'AFG' }]);
  dso = await t.user('do.afg', [{ role: 'designated_official', scopeType: 'country', scopeId: 'AFG' }]);
  desk = await t.user('desk', [{ role: 'desk_officer', scopeType: 'global', scopeId: null }]);
  await publishAssessment([4, 3, 3, 2], '2026-10-01');
});
afterAll(() => t.close());

describe('security risk management', () => {
  it('drafts an SRM for an area linked to its current threat assessment', async () => {
    const res = await sa.request({
      method: 'POST',
      url: '/api/srm',
      payload: {
        kind: 'area',
        title: 'Central Region SRM 2026',
        countryCode: 'AFG',
        areaCode: 'AFG-01',
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      status: 'draft',
      matrixNumber: 1,
      areaCode: 'AFG-01',
      review: { due: false },
    });
    expect(res.json().threatAssessmentId).not.toBeNull();
    srmId = res.json().id;
    const bad = await sa.request({
      method: 'POST',
      url: '/api/srm',
      payload: {
        kind: 'area',
        title: 'x',
        countryCode: 'AFG',
        periodStart: '2026-12-01',
        periodEnd: '2026-01-01',
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['periodEnd', 'areaCode']),
    );
  });

  it('computes inherent risk from the matrix', async () => {
    const res = await sa.request({
      method: 'POST',
      url: `/api/srm/${srmId}/risks`,
      payload: {
        title: 'IED attack on a road movement',
        category: 'armed_conflict',
        exposed: 'Staff travelling by road',
        likelihood: 'likely',
        impact: 'critical',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      inherent: { level: 'very_high' },
      residual: { level: 'very_high' },
      expected: { level: 'very_high' },
    });
    riskId = res.json().id;
  });

  it('counts implemented measures only; a measure never approved cannot be implemented', async () => {
    const m = await sa.request({
      method: 'POST',
      url: `/api/srm/risks/${riskId}/measures`,
      payload: {
        title: 'Armoured vehicles for all road movements',
        kind: 'mitigation',
        steps: 2,
        mandatory: true,
        costUsd: 120000,
        agreedDate: '2026-03-01',
        ownerOrganizationCode: 'WFP',
      },
    });
    expect(m.statusCode, m.body).toBe(201);
    const early = await sa.request({
      method: 'POST',
      url: `/api/srm/measures/${m.json().id}/implement`,
      payload: { version: 1, evidence: 'x', implementedOn: '2026-02-01' },
    });
    expect(early.statusCode).toBe(409);
    expect(
      (
        await sa.request({
          method: 'POST',
          url: `/api/srm/measures/${m.json().id}/approve`,
          payload: { version: 1 },
        })
      ).statusCode,
    ).toBe(403);
    const approved = await dso.request({
      method: 'POST',
      url: `/api/srm/measures/${m.json().id}/approve`,
      payload: { version: 1 },
    });
    expect(approved.json().status).toBe('approved');
    let risk = (await sa.request({ url: `/api/srm/${srmId}` })).json().risks[0];
    // Approved but not implemented: the residual risk stays; only the expected one drops.
    expect(risk).toMatchObject({ residual: { level: 'very_high' }, expected: { level: 'high' } });
    const noEvidence = await sa.request({
      method: 'POST',
      url: `/api/srm/measures/${m.json().id}/implement`,
      payload: { version: 2, implementedOn: '2026-02-01' },
    });
    expect(noEvidence.statusCode).toBe(400);
    expect(noEvidence.json().errors[0].field).toBe('evidence');
    const done = await sa.request({
      method: 'POST',
      url: `/api/srm/measures/${m.json().id}/implement`,
      payload: { version: 2, evidence: 'Fleet register of 2026-02-01', implementedOn: '2026-02-01' },
    });
    expect(done.json().status).toBe('implemented');
    risk = (await sa.request({ url: `/api/srm/${srmId}` })).json().risks[0];
    expect(risk).toMatchObject({ residual: { level: 'high' }, effective: { level: 'high' } });
    const verified = await desk.request({
      method: 'POST',
      url: `/api/srm/measures/${m.json().id}/verify`,
      payload: { version: 3, effectiveness: 4 },
    });
    expect(verified.json()).toMatchObject({ status: 'verified', effectiveness: 4 });
  });

  it('overrides need a reason, stay visible beside the computed value, and are audited', async () => {
    const risk = (await sa.request({ url: `/api/srm/${srmId}` })).json().risks[0];
    const noReason = await sa.request({
      method: 'PUT',
      url: `/api/srm/risks/${riskId}/override`,
      payload: { risk: 'medium', version: risk.version },
    });
    expect(noReason.statusCode).toBe(400);
    const ok = await sa.request({
      method: 'PUT',
      url: `/api/srm/risks/${riskId}/override`,
      payload: { risk: 'medium', reason: 'Route closed to UN traffic since March', version: risk.version },
    });
    expect(ok.json()).toMatchObject({
      residual: { level: 'high' },
      override: { level: 'medium', reason: 'Route closed to UN traffic since March' },
      effective: { level: 'medium' },
    });
    const entries = (await root.request({ url: '/api/audit?entityType=srm_risk' })).json();
    expect(entries[0]).toMatchObject({ action: 'srm_risk.override', after: { level: 'medium' } });
  });

  it('decides acceptability of activities from programme criticality', async () => {
    const add = (title: string, pcLevel: number | null) =>
      sa.request({
        method: 'POST',
        url: `/api/srm/${srmId}/activities`,
        payload: {
          title,
          organizationCode: 'WFP',
          pcLevel,
          periodStart: '2026-02-01',
          periodEnd: '2026-06-30',
        },
      });
    await sa.request({
      method: 'POST',
      url: `/api/srm/${srmId}/risks`,
      payload: {
        title: 'Complex attack on the compound',
        category: 'terrorism',
        likelihood: 'moderately_likely',
        impact: 'critical',
      },
    });
    const pc3 = await add('School feeding', 3);
    expect(pc3.json()).toMatchObject({
      residual: { level: 'high' },
      acceptable: false,
      remedy: expect.stringContaining('Medium'),
    });
    const pc2 = await add('Emergency food distribution', 2);
    expect(pc2.json()).toMatchObject({ acceptable: true });
    const none = await add('Assessment mission', null);
    expect(none.json()).toMatchObject({
      acceptable: false,
      remedy: expect.stringContaining('programme criticality'),
    });
    const outside = await add('Too late', 1);
    expect(outside.statusCode).toBe(201);
    const late = await sa.request({
      method: 'POST',
      url: `/api/srm/${srmId}/activities`,
      payload: {
        title: 'Late',
        organizationCode: 'WFP',
        pcLevel: 1,
        periodStart: '2027-01-01',
        periodEnd: '2027-02-01',
      },
    });
    expect(late.statusCode).toBe(400);
    const srm = (await sa.request({ url: `/api/srm/${srmId}` })).json();
    expect(srm.summary.unacceptableActivities).toBe(2);
  });

  it('is approved by the DO after SMT consultation and endorsed by the desk, never by its author', async () => {
    const own = await root.request({
      method: 'POST',
      url: '/api/srm',
      payload: {
        kind: 'country',
        title: 'Own',
        countryCode: 'AFG',
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
      },
    });
    const self = await root.request({
      method: 'POST',
      url: `/api/srm/${own.json().id}/approve`,
      payload: { version: 1, smtConsultedOn: '2026-01-10' },
    });
    expect(self.statusCode).toBe(403);
    let srm = (await sa.request({ url: `/api/srm/${srmId}` })).json();
    expect(
      (
        await sa.request({
          method: 'POST',
          url: `/api/srm/${srmId}/approve`,
          payload: { version: srm.version, smtConsultedOn: '2026-01-10' },
        })
      ).statusCode,
    ).toBe(403);
    const noSmt = await dso.request({
      method: 'POST',
      url: `/api/srm/${srmId}/approve`,
      payload: { version: srm.version },
    });
    expect(noSmt.statusCode).toBe(400);
    expect(noSmt.json().errors[0].field).toBe('smtConsultedOn');
    const early = await desk.request({
      method: 'POST',
      url: `/api/srm/${srmId}/endorse`,
      payload: { version: srm.version },
    });
    expect(early.statusCode).toBe(409);
    const approved = await dso.request({
      method: 'POST',
      url: `/api/srm/${srmId}/approve`,
      payload: { version: srm.version, smtConsultedOn: '2026-01-10', smtNote: 'SMT of 10 January' },
    });
    expect(approved.json()).toMatchObject({ status: 'approved', smtConsultedOn: '2026-01-10' });
    const stale = await desk.request({
      method: 'POST',
      url: `/api/srm/${srmId}/endorse`,
      payload: { version: srm.version },
    });
    expect(stale.statusCode).toBe(409);
    const endorsed = await desk.request({
      method: 'POST',
      url: `/api/srm/${srmId}/endorse`,
      payload: { version: approved.json().version },
    });
    expect(endorsed.json().status).toBe('endorsed');
    // Changing a risk afterwards sends the SRM back for approval.
    const risk = endorsed.json().risks[0];
    await sa.request({
      method: 'PATCH',
      url: `/api/srm/risks/${risk.id}`,
      payload: { likelihood: 'very_likely', version: risk.version },
    });
    srm = (await sa.request({ url: `/api/srm/${srmId}` })).json();
    expect(srm).toMatchObject({ status: 'draft', review: { due: true } });
  });

  it('is due for review at once when a threat level of the area rises', async () => {
    await publishAssessment([4, 5, 3, 2], '2026-11-01');
    const srm = (await sa.request({ url: `/api/srm/${srmId}` })).json();
    expect(srm.review.due).toBe(true);
    expect(srm.review.reasons).toEqual(expect.arrayContaining(['Terrorism rose from 3 to 5 since this SRM']));
  });

  it('notifies the adviser and the desk of measures past their agreed date, once', async () => {
    const [, second] = (await sa.request({ url: `/api/srm/${srmId}` })).json().risks;
    const m = await sa.request({
      method: 'POST',
      url: `/api/srm/risks/${second.id}/measures`,
      payload: { title: 'Blast film on windows', kind: 'mitigation', agreedDate: '2026-01-15' },
    });
    await dso.request({
      method: 'POST',
      url: `/api/srm/measures/${m.json().id}/approve`,
      payload: { version: 1 },
    });
    expect(await sweepOverdueMeasures(t.database.db)).toBe(1);
    expect(await sweepOverdueMeasures(t.database.db)).toBe(0);
    const [msg] = await t.database.db
      .selectFrom('outbox')
      .selectAll()
      .where('topic', '=', 'measure.overdue')
      .execute();
    expect(msg!.recipients).toEqual(expect.arrayContaining([{ userId: sa.id }, { userId: desk.id }]));
    const dash = (await desk.request({ url: '/api/srm/dashboard' })).json();
    expect(dash[0]).toMatchObject({ areaCode: 'AFG-01', overdueMeasures: 1, measuresInPlace: 1 });
  });

  it('searches measures worldwide with cost and effectiveness, within scope', async () => {
    const found = (await desk.request({ url: '/api/srm/measures?q=armoured' })).json();
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      costUsd: 120000,
      effectiveness: 4,
      countryCode: 'AFG',
      status: 'verified',
    });
    const kenSa = await t.user('sa.ken', [
      { role: 'security_professional', scopeType: 'country', scopeId: 'KEN' },
    ]);
    expect((await kenSa.request({ url: '/api/srm/measures?q=armoured' })).json()).toEqual([]);
    expect((await kenSa.request({ url: `/api/srm/${srmId}` })).statusCode).toBe(404);
  });

  it('takes measures from the standard library', async () => {
    const libRes = await sa.request({ url: '/api/srm/library' });
    expect(libRes.statusCode, libRes.body).toBe(200);
    const lib = libRes.json();
    expect(lib.map((m: { code: string }) => m.code)).toContain('PRE-FILM');
    const [first] = (await sa.request({ url: `/api/srm/${srmId}` })).json().risks;
    const m = await sa.request({
      method: 'POST',
      url: `/api/srm/risks/${first.id}/measures`,
      payload: { libraryCode: 'pre-film' },
    });
    expect(m.json()).toMatchObject({
      title: 'Blast film on windows',
      kind: 'mitigation',
      libraryCode: 'PRE-FILM',
      status: 'proposed',
    });
    const unknown = await sa.request({
      method: 'POST',
      url: `/api/srm/risks/${first.id}/measures`,
      payload: { libraryCode: 'NOPE' },
    });
    expect(unknown.statusCode).toBe(400);
  });

  it('keeps a self-assessment history of each measure', async () => {
    const [first] = (await sa.request({ url: `/api/srm/${srmId}` })).json().risks;
    const res = await sa.request({
      method: 'POST',
      url: `/api/srm/measures/${first.measures[0].id}/self-assessments`,
      payload: { answer: 'partly', note: 'Two vehicles in repair' },
    });
    expect(res.json().lastSelfAssessment).toMatchObject({ answer: 'partly', note: 'Two vehicles in repair' });
  });

  it('versions the risk matrix: invalid ones are refused by cell, SRMs keep theirs', async () => {
    const broken = structuredClone(DEFAULT_MATRIX) as unknown as Record<string, Record<string, string>>;
    broken.likely!.minor = 'dreadful';
    const bad = await root.request({ method: 'PUT', url: '/api/srm/matrix', payload: { matrix: broken } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('matrix.likely.minor');
    expect(
      (await sa.request({ method: 'PUT', url: '/api/srm/matrix', payload: { matrix: DEFAULT_MATRIX } }))
        .statusCode,
    ).toBe(403);
    const stricter = structuredClone(DEFAULT_MATRIX);
    stricter.unlikely.critical = 'high';
    expect(
      (
        await root.request({
          method: 'PUT',
          url: '/api/srm/matrix',
          payload: { matrix: stricter, note: 'stricter' },
        })
      ).json().number,
    ).toBe(2);
    expect((await sa.request({ url: `/api/srm/${srmId}` })).json().matrixNumber).toBe(1);
  });
});

describe('SRM outputs', () => {
  it('serves the one-page summary and the detailed report as PDFs that name the area', async () => {
    const { execFileSync } = await import('node:child_process');
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    for (const [file, pages] of [
      ['summary.pdf', 1],
      ['report.pdf', 2],
    ] as const) {
      const res = await sa.request({ url: `/api/srm/${srmId}/${file}` });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'srm-pdf-')), file);
      fs.writeFileSync(out, res.rawPayload);
      const text = execFileSync('pdftotext', ['-layout', out, '-']).toString();
      expect(text).toContain('Central Region');
      expect(text).toContain('IED attack on a road movement');
      const info = execFileSync('pdfinfo', [out]).toString();
      const count = Number(info.match(/Pages:\s+(\d+)/)?.[1]);
      if (pages === 1) expect(count).toBe(1);
      else expect(count).toBeGreaterThanOrEqual(pages);
    }
    const kenSa = await t.user('sa.ken.pdf', [
      { role: 'security_professional', scopeType: 'country', scopeId: 'KEN' },
    ]);
    expect((await kenSa.request({ url: `/api/srm/${srmId}/summary.pdf` })).statusCode).toBe(404);
  });
});
