import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PERIOD_CODE, seedCostshareDemo } from '../../src/modules/demo/costshare-demo';
import { ORGANIZATIONS, SMALL_ORGANIZATION_CODES } from '../../src/modules/demo/organizations-data';
import { admin, createTestApp, SYSTEM_ACTOR, type TestApp, type TestUser } from '../support/app';

/** The demo's budget period: the small demo's organizations, a census, scenarios, version 1. */
let t: TestApp;
let root: TestUser;
const small = ORGANIZATIONS.filter((o) => SMALL_ORGANIZATION_CODES.includes(o.code));

beforeAll(async () => {
  t = await createTestApp();
  root = await t.user('root', admin);
  for (const o of small) {
    const res = await root.request({
      method: 'POST',
      url: '/api/organizations',
      payload: { code: o.code, name: o.name, type: o.type },
    });
    expect(res.statusCode, res.body).toBe(201);
  }
});
afterAll(() => t?.close());

describe('cost-sharing demo data', () => {
  it('seeds one period with an approved version, once', async () => {
    expect(await seedCostshareDemo(t.database.db, SYSTEM_ACTOR, small)).toBe(1);
    expect(await seedCostshareDemo(t.database.db, SYSTEM_ACTOR, small)).toBe(0);
    const periods = (await root.request({ method: 'GET', url: '/api/costshare/periods' })).json();
    expect(periods).toHaveLength(1);
    expect(periods[0]).toMatchObject({ code: DEMO_PERIOD_CODE, latestVersion: { versionNo: 1 } });
    const detail = (
      await root.request({ method: 'GET', url: `/api/costshare/periods/${periods[0].id}` })
    ).json();
    expect(detail.census).toHaveLength(small.length);
    expect(detail.census.find((c: { organization: string }) => c.organization === 'UNV').countedIn).toBe(
      'UNDP',
    );
    expect(detail.scenarios).toHaveLength(2);
    const v1 = (
      await root.request({ method: 'GET', url: `/api/costshare/periods/${periods[0].id}/versions/1` })
    ).json();
    expect(v1.lines.reduce((s: number, l: { amountCents: number }) => s + l.amountCents, 0)).toBe(
      25_265_000_000,
    );
    // The proposal scenario shows the minimum rule at work on the demo's smallest organization.
    const proposal = detail.scenarios.find((s: { name: string }) => s.name.startsWith('Minimum'));
    const sc = (
      await root.request({
        method: 'GET',
        url: `/api/costshare/periods/${periods[0].id}/apportionment?scenario=${proposal.id}`,
      })
    ).json();
    expect(sc.summary.atMinimumCount).toBeGreaterThan(0);
  });
});
