import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepOverdueAdvisories } from '../../src/modules/threats/advisories.service';
import { admin, createTestApp, type TestApp, type TestUser } from '../support/app';
import { publishAssessment as publishLevels } from '../support/fixtures';
import { capSchemaErrors } from '../support/xmllint';

let t: TestApp;
let root: TestUser;
let sa: TestUser;
let dso: TestUser;
let staff: TestUser;

const cat = (level: number, narrative = '') => ({
  level,
  intent: 'stated',
  capability: 'proven',
  inhibitingContext: 'weak',
  narrative,
});
const body = (levels: [number, number, number, number], effectiveDate = '2026-11-01') => ({
  effectiveDate,
  summary: 'Quarterly review',
  categories: {
    armed_conflict: cat(levels[0]),
    terrorism: cat(levels[1]),
    crime: cat(levels[2]),
    civil_unrest: cat(levels[3]),
  },
});

beforeAll(async () => {
  t = await createTestApp();
  root = await t.user('root', admin);
  await root.request({
    method: 'POST',
    url: '/api/organizations',
    payload: { code: 'UNDP', name: 'UNDP', type: 'programme' },
  });
  const polygon = {
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
  };
  await root.request({
    method: 'POST',
    url: '/api/areas',
    payload: { code: 'AFG-01', name: 'Central Region', countryCode: 'AFG', polygon },
  });
  await root.request({
    method: 'POST',
    url: '/api/areas',
    payload: { code: 'AFG-02', name: 'Southern Region', countryCode: 'AFG' },
  });
  await root.request({
    method: 'POST',
    url: '/api/areas',
    payload: { code: 'KEN-01', name: 'Nairobi', countryCode: 'KEN' },
  });
  sa = await t.user('sa.afg', [{ role: 'security_professional', scopeType: 'country', scopeId: 'AFG' }]);
  dso = await t.user('do.afg', [{ role: 'designated_official', scopeType: 'country', scopeId: 'AFG' }]);
  staff = await t.user('staff', [{ role: 'personnel', scopeType: 'organization', scopeId: 'UNDP' }], 'UNDP');
});
afterAll(() => t.close());

const publishAssessment = (areaCode: string, levels: number[], date?: string) =>
  publishLevels(sa, dso, areaCode, levels, date);

describe('threat assessments', () => {
  it('are drafted, approved by someone else, published; the highest category is emphasised', async () => {
    const draft = await sa.request({
      method: 'POST',
      url: '/api/threats/assessments',
      payload: { areaCode: 'AFG-01', ...body([5, 4, 3, 2]), legacySecurityLevel: 4 },
    });
    expect(draft.json()).toMatchObject({
      status: 'draft',
      number: 1,
      highest: { level: 5, name: 'High', categories: ['armed_conflict'] },
    });
    expect(draft.json().levels.map((l: { category: string }) => l.category)).toEqual([
      'armed_conflict',
      'terrorism',
      'crime',
      'civil_unrest',
    ]);
    const self = await sa.request({
      method: 'POST',
      url: `/api/threats/assessments/${draft.json().id}/approve`,
      payload: { version: 1 },
    });
    expect(self.statusCode).toBe(403);
    const early = await sa.request({
      method: 'POST',
      url: `/api/threats/assessments/${draft.json().id}/publish`,
      payload: { version: 1 },
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toContain('approved before it is published');
    const approved = await dso.request({
      method: 'POST',
      url: `/api/threats/assessments/${draft.json().id}/approve`,
      payload: { version: 1 },
    });
    const published = await sa.request({
      method: 'POST',
      url: `/api/threats/assessments/${draft.json().id}/publish`,
      payload: { version: approved.json().version },
    });
    expect(published.json()).toMatchObject({ status: 'published', legacySecurityLevel: 4 });
  });

  it('a new version never overwrites the old; concurrent edits of a draft conflict', async () => {
    const v2 = await sa.request({
      method: 'POST',
      url: '/api/threats/assessments',
      payload: { areaCode: 'AFG-01', ...body([5, 5, 3, 2], '2026-11-15') },
    });
    expect(v2.json().number).toBe(2);
    const second = await sa.request({
      method: 'POST',
      url: '/api/threats/assessments',
      payload: { areaCode: 'AFG-01', ...body([1, 1, 1, 1]) },
    });
    expect(second.statusCode).toBe(409);
    const a = await sa.request({
      method: 'PATCH',
      url: `/api/threats/assessments/${v2.json().id}`,
      payload: { summary: 'first editor', version: 1 },
    });
    const b = await sa.request({
      method: 'PATCH',
      url: `/api/threats/assessments/${v2.json().id}`,
      payload: { summary: 'second editor', version: 1 },
    });
    expect(a.statusCode).toBe(200);
    expect(b.statusCode).toBe(409);
    expect(b.json().code).toBe('version-conflict');
    const approved = await dso.request({
      method: 'POST',
      url: `/api/threats/assessments/${v2.json().id}/approve`,
      payload: { version: 2 },
    });
    await sa.request({
      method: 'POST',
      url: `/api/threats/assessments/${v2.json().id}/publish`,
      payload: { version: approved.json().version },
    });
    const history = (await sa.request({ url: '/api/threats/areas/AFG-01/assessments' })).json();
    expect(
      history.map((h: { number: number; status: string; summary: string }) => [
        h.number,
        h.status,
        h.summary,
      ]),
    ).toEqual([
      [2, 'published', 'first editor'],
      [1, 'superseded', 'Quarterly review'],
    ]);
    const raised = await t.database.db
      .selectFrom('outbox')
      .selectAll()
      .where('topic', '=', 'threat.level_raised')
      .execute();
    expect(raised).toHaveLength(1);
    expect(raised[0]!.payload).toMatchObject({
      areaCode: 'AFG-01',
      changes: [{ category: 'terrorism', from: 4, to: 5 }],
    });
  });

  it('rejects bad input with named fields', async () => {
    const bad = await sa.request({
      method: 'POST',
      url: '/api/threats/assessments',
      payload: { areaCode: 'AFG-02', ...body([7, 0, 3, 2]) },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['categories.armed_conflict.level', 'categories.terrorism.level']),
    );
    const unknownCategory = {
      ...body([1, 1, 1, 1]),
      categories: { ...body([1, 1, 1, 1]).categories, hazards: cat(2) },
    };
    expect(
      (
        await sa.request({
          method: 'POST',
          url: '/api/threats/assessments',
          payload: { areaCode: 'AFG-02', ...unknownCategory },
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await sa.request({
          method: 'POST',
          url: '/api/threats/assessments',
          payload: { areaCode: 'ZZZ-09', ...body([1, 1, 1, 1]) },
        })
      ).statusCode,
    ).toBe(400);
  });

  it('keeps the detailed assessment to security professionals in scope', async () => {
    const [current] = (await sa.request({ url: '/api/threats/areas/AFG-01/assessments' })).json();
    expect((await staff.request({ url: `/api/threats/assessments/${current.id}` })).statusCode).toBe(404);
    const kenSa = await t.user('sa.ken', [
      { role: 'security_professional', scopeType: 'country', scopeId: 'KEN' },
    ]);
    expect((await kenSa.request({ url: `/api/threats/assessments/${current.id}` })).statusCode).toBe(404);
    expect(
      (
        await kenSa.request({
          method: 'POST',
          url: '/api/threats/assessments',
          payload: { areaCode: 'AFG-02', ...body([1, 1, 1, 1]) },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('keeps hazards in their own assessment', async () => {
    const res = await sa.request({
      method: 'POST',
      url: '/api/threats/hazards',
      payload: {
        areaCode: 'AFG-01',
        effectiveDate: '2026-11-01',
        hazards: [
          { type: 'earthquake', level: 5 },
          { type: 'flood', level: 3 },
        ],
        hostCapacity: 'limited',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const assessment = (await sa.request({ url: '/api/threats/areas/AFG-01/assessments' })).json()[0];
    expect(Object.keys(assessment.categories).sort()).toEqual([
      'armed_conflict',
      'civil_unrest',
      'crime',
      'terrorism',
    ]);
  });
});

describe('travel advisories', () => {
  let advisoryId: string;

  it('take the published levels by default, are approved, published and read by everyone', async () => {
    await publishAssessment('AFG-02', [3, 3, 4, 3]);
    const draft = await sa.request({
      method: 'POST',
      url: '/api/advisories',
      payload: {
        countryCode: 'AFG',
        headline: 'Afghanistan: travel only with clearance',
        guidance: 'Move in armoured vehicles. Check in with the security office on arrival.',
        requiredClearance: 'manual',
        requiredTraining: ['BSAFE', 'SSAFE'],
        contacts: [
          {
            role: 'Security Adviser',
            name: 'SA Kabul',
            phone: '+93 700 000 000',
            email: 'sa.kabul@example.org',
          },
        ],
        effectiveDate: '2026-11-01',
        reviewBy: '2027-02-01',
      },
    });
    expect(draft.statusCode, draft.body).toBe(201);
    // Country levels: the worst area per category (AFG-01 5/5/3/2, AFG-02 3/3/4/3).
    expect(
      draft.json().levels.map((l: { category: string; level: number }) => [l.category, l.level]),
    ).toEqual([
      ['armed_conflict', 5],
      ['terrorism', 5],
      ['crime', 4],
      ['civil_unrest', 3],
    ]);
    expect((await staff.request({ url: `/api/advisories/${draft.json().id}` })).statusCode).toBe(404);
    const approved = await dso.request({
      method: 'POST',
      url: `/api/advisories/${draft.json().id}/approve`,
      payload: { version: 1 },
    });
    const published = await sa.request({
      method: 'POST',
      url: `/api/advisories/${draft.json().id}/publish`,
      payload: { version: approved.json().version },
    });
    expect(published.json()).toMatchObject({
      status: 'published',
      overdue: false,
      highest: { level: 5, categories: ['armed_conflict', 'terrorism'] },
    });
    advisoryId = published.json().id;
    const list = (await staff.request({ url: '/api/advisories' })).json();
    expect(list.map((a: { id: string }) => a.id)).toEqual([advisoryId]);
  });

  it('refuses a review-by date before the effective date and unknown subjects', async () => {
    const res = await sa.request({
      method: 'POST',
      url: '/api/advisories',
      payload: {
        countryCode: 'AFG',
        areaCode: 'AFG-01',
        headline: 'x',
        requiredClearance: 'none',
        effectiveDate: '2026-11-10',
        reviewBy: '2026-11-01',
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('reviewBy');
    const noLevels = await root.request({
      method: 'POST',
      url: '/api/advisories',
      payload: {
        countryCode: 'KEN',
        headline: 'x',
        requiredClearance: 'none',
        effectiveDate: '2026-11-01',
        reviewBy: '2026-12-01',
      },
    });
    expect(noLevels.statusCode).toBe(422);
  });

  it('issues a CAP 1.2 alert per published version that validates against the schema', async () => {
    const res = await staff.request({ url: `/api/advisories/${advisoryId}/cap.xml` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/cap+xml');
    expect(capSchemaErrors(res.body)).toBeNull();
    expect(res.body).toContain('<msgType>Alert</msgType>');
    expect(res.body).toContain('<value>AFG</value>');
    const second = await sa.request({
      method: 'POST',
      url: '/api/advisories',
      payload: {
        countryCode: 'AFG',
        headline: 'Afghanistan: review',
        requiredClearance: 'manual',
        effectiveDate: '2026-11-20',
        reviewBy: '2027-02-20',
        levels: { armed_conflict: 6, terrorism: 5, crime: 4, civil_unrest: 3 },
      },
    });
    const ok = await dso.request({
      method: 'POST',
      url: `/api/advisories/${second.json().id}/approve`,
      payload: { version: 1 },
    });
    const pub = await sa.request({
      method: 'POST',
      url: `/api/advisories/${second.json().id}/publish`,
      payload: { version: ok.json().version },
    });
    expect(pub.json().changes).toEqual([{ category: 'armed_conflict', from: 5, to: 6 }]);
    const update = (await staff.request({ url: `/api/advisories/${pub.json().id}/cap.xml` })).body;
    expect(capSchemaErrors(update)).toBeNull();
    expect(update).toContain('<msgType>Update</msgType>');
    expect(update).toContain('<references>');
    const feed = await staff.request({ url: '/api/advisories/feed.atom' });
    expect(feed.headers['content-type']).toContain('application/atom+xml');
    expect(feed.body.indexOf(pub.json().id)).toBeLessThan(feed.body.indexOf(advisoryId));
    const history = (await staff.request({ url: `/api/advisories/${pub.json().id}/history` })).json();
    expect(history.map((h: { number: number; status: string }) => [h.number, h.status])).toEqual([
      [2, 'published'],
      [1, 'superseded'],
    ]);
  });

  it('flags overdue advisories to readers and queues one notice to the owner', async () => {
    const a = await sa.request({
      method: 'POST',
      url: '/api/advisories',
      payload: {
        countryCode: 'AFG',
        areaCode: 'AFG-01',
        headline: 'Central: old',
        requiredClearance: 'automatic',
        effectiveDate: '2026-01-01',
        reviewBy: '2026-03-01',
      },
    });
    const ok = await dso.request({
      method: 'POST',
      url: `/api/advisories/${a.json().id}/approve`,
      payload: { version: 1 },
    });
    await sa.request({
      method: 'POST',
      url: `/api/advisories/${a.json().id}/publish`,
      payload: { version: ok.json().version },
    });
    const overdue = (await staff.request({ url: '/api/advisories?overdue=true' })).json();
    expect(overdue).toHaveLength(1);
    expect(overdue[0]).toMatchObject({ areaCode: 'AFG-01', overdue: true });
    expect(overdue[0].daysOverdue).toBeGreaterThan(200);
    expect(await sweepOverdueAdvisories(t.database.db)).toBe(1);
    expect(await sweepOverdueAdvisories(t.database.db)).toBe(0);
    const [notice] = await t.database.db
      .selectFrom('outbox')
      .selectAll()
      .where('topic', '=', 'advisory.overdue')
      .execute();
    expect(notice!.recipients).toEqual([{ userId: sa.id }]);
  });

  it('compares areas highest first, filterable, and exports HXL CSV', async () => {
    const rows = (await staff.request({ url: '/api/threats/compare?region=Asia' })).json();
    expect(rows.map((r: { areaCode: string }) => r.areaCode)).toEqual(['AFG-01', 'AFG-02']);
    const byCrime = (await staff.request({ url: '/api/threats/compare?category=crime' })).json();
    expect(byCrime[0].areaCode).toBe('AFG-02');
    expect((await staff.request({ url: '/api/threats/compare?region=Africa' })).json()).toEqual([]);
    const csv = await staff.request({ url: '/api/threats/compare.csv' });
    const lines = csv.body.trim().split('\n');
    expect(lines[1]).toMatch(/^#country\+code,/);
    expect(lines[2]).toContain('AFG-01');
  });

  it('bulk-imports level assessments, reporting bad rows and incomplete groups', async () => {
    const csv = [
      'area,category,level,date',
      'KEN-01,armed conflict,1,2026-10-01',
      'KEN-01,terrorism,3,2026-10-01',
      'KEN-01,crime,4,2026-10-01',
      'KEN-01,civil_unrest,3,2026-10-01',
      'KEN-01,crime,9,2026-11-01',
      'KEN-01,floods,2,2026-11-01',
      'AFG-02,crime,2,2026-12-01',
    ].join('\n');
    const res = await root.request({
      method: 'POST',
      url: '/api/threats/import',
      headers: { 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(res.json()).toMatchObject({ total: 7, published: 1 });
    expect(res.json().rejected.map((r: { line: number; field: string }) => [r.line, r.field])).toEqual([
      [6, 'level'],
      [7, 'category'],
      [8, 'category'],
    ]);
    const ken = (await staff.request({ url: '/api/threats/compare?country=KEN' })).json();
    expect(ken[0]).toMatchObject({ areaCode: 'KEN-01', highest: { level: 4, categories: ['crime'] } });
  });
});

describe('the comparison on a slow link', () => {
  it('answers 304 to a matching If-None-Match, and a new ETag once levels change', async () => {
    const first = await staff.request({ url: '/api/threats/compare' });
    const tag = first.headers.etag as string;
    expect(tag).toMatch(/^W\/"/);
    const again = await staff.request({ url: '/api/threats/compare', headers: { 'if-none-match': tag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const filtered = await staff.request({
      url: '/api/threats/compare?region=Asia',
      headers: { 'if-none-match': tag },
    });
    expect(filtered.statusCode).toBe(200);
    await publishAssessment('AFG-02', [1, 1, 1, 1], '2026-11-20');
    const changed = await staff.request({ url: '/api/threats/compare', headers: { 'if-none-match': tag } });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(tag);
    expect(changed.json().find((r: { areaCode: string }) => r.areaCode === 'AFG-02').highest.level).toBe(1);
  });
});
