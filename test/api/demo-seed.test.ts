import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/modules/demo/seed.service';
import { createTestApp, login, type TestApp } from '../support/app';
import { capSchemaErrors } from '../support/xmllint';

let t: TestApp;
let cookie: string;
beforeAll(async () => {
  t = await createTestApp();
  const summary = await seedDemo(t.database.db, { seed: 1, scale: 'small' });
  expect(summary.users.length).toBeGreaterThan(5);
  cookie = await login(t.app, 'staff.unicef', 'opensmin-demo');
  // The whole small demo (every module's data) is seeded here: allow for a busy CI machine.
}, 240_000);
afterAll(() => t.close());

const get = (url: string) => t.app.inject({ url, headers: { cookie } });

describe('the small demo dataset', () => {
  it('has a published assessment for every area and an advisory for every country', async () => {
    const areas = (await get('/api/areas')).json() as { code: string; countryCode: string }[];
    const compared = (await get('/api/threats/compare')).json() as { areaCode: string }[];
    expect(compared.map((c) => c.areaCode).sort()).toEqual(areas.map((a) => a.code).sort());
    const advisories = (await get('/api/advisories')).json() as { countryCode: string; overdue: boolean }[];
    expect(new Set(advisories.map((a) => a.countryCode))).toEqual(new Set(areas.map((a) => a.countryCode)));
  });

  it('issues a schema-valid CAP alert for every demo advisory, with real country boundaries', async () => {
    const advisories = (await get('/api/advisories')).json() as { id: string }[];
    for (const a of advisories) {
      const res = await get(`/api/advisories/${a.id}/cap.xml`);
      expect(res.statusCode).toBe(200);
      expect(capSchemaErrors(res.body), a.id).toBeNull();
      expect(res.body).toContain('<polygon>');
    }
  });

  it('has an SRM for every area, with overdue measures and unacceptable activities to act on', async () => {
    const desk = await login(t.app, 'desk', 'opensmin-demo');
    const dashboard = (
      await t.app.inject({ url: '/api/srm/dashboard', headers: { cookie: desk } })
    ).json() as {
      areaCode: string;
      risks: number;
      overdueMeasures: number;
    }[];
    const areas = (await get('/api/areas')).json() as unknown[];
    expect(dashboard).toHaveLength(areas.length);
    expect(dashboard.every((d) => d.risks >= 3)).toBe(true);
    expect(dashboard.some((d) => d.overdueMeasures > 0)).toBe(true);
    // The list's aggregated summaries agree with each SRM's full computation.
    const list = (await t.app.inject({ url: '/api/srm', headers: { cookie: desk } })).json() as {
      id: string;
      summary: unknown;
    }[];
    expect(list).toHaveLength(areas.length);
    for (const item of list) {
      const detail = (await t.app.inject({ url: `/api/srm/${item.id}`, headers: { cookie: desk } })).json();
      expect(item.summary).toEqual(detail.summary);
    }
  });

  it('has a roll call under way for the Designated Official, partly answered, with a decision logged', async () => {
    const doCookie = await login(t.app, 'do.afg', 'opensmin-demo');
    const list = (await t.app.inject({ url: '/api/rollcalls', headers: { cookie: doCookie } })).json() as {
      id: string;
      total: number;
      accounted: number;
    }[];
    expect(list).toHaveLength(1);
    expect(list[0]!.accounted).toBeGreaterThan(0);
    expect(list[0]!.accounted).toBeLessThan(list[0]!.total);
    const board = (
      await t.app.inject({ url: `/api/rollcalls/${list[0]!.id}`, headers: { cookie: doCookie } })
    ).json();
    expect(board.needHelp.length).toBeGreaterThan(0);
    expect(board.log.map((l: { kind: string }) => l.kind)).toEqual(
      expect.arrayContaining(['started', 'decision']),
    );
  });

  it('seeding again changes nothing', async () => {
    const before = await t.database.db.selectFrom('audit_log').select('id').execute();
    const again = await seedDemo(t.database.db, { seed: 1, scale: 'small' });
    expect(again).toMatchObject({ assessments: 0, advisories: 0, srms: 0, users: [] });
    const after = await t.database.db.selectFrom('audit_log').select(['id', 'action']).execute();
    const added = after.slice(before.length).map((e) => e.action);
    expect(added.filter((a) => !a.startsWith('import.'))).toEqual([]);
  });
});
