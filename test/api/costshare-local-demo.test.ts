import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedLocalCostshareDemo } from '../../src/modules/demo/costshare-local-demo';
import { DEMO_PASSWORD } from '../../src/modules/demo/generator';
import { admin, createTestApp, login, SYSTEM_ACTOR, type TestApp } from '../support/app';
import { seedTwoScopes, type TwoScopes } from '../support/fixtures';
import { insertPerson } from '../support/who-fixtures';

let t: TestApp;
let f: TwoScopes;
const demo = {
  users: [
    { username: 'do.afg', grants: [{ role: 'designated_official', scopeType: 'country', scopeCode: 'AFG' }] },
  ],
};

beforeAll(async () => {
  t = await createTestApp();
  f = await seedTwoScopes(await t.user('root', admin));
  for (const [org, n] of [
    [f.orgA, 3],
    [f.orgB, 1],
  ] as const)
    for (let i = 0; i < n; i++)
      await insertPerson(t.database.db, {
        organizationId: org,
        stationId: f.stationAfg,
        name: `P${org.slice(0, 4)}${i} X`,
      });
});
afterAll(() => t.close());

describe('the local security budget demo', () => {
  it('bills this year with payments overdue, circulates next year, and adds nothing on a re-run', async () => {
    const lines: string[] = [];
    const users = await seedLocalCostshareDemo(t.database.db, SYSTEM_ACTOR, demo, (l) => lines.push(l));
    expect(users).toHaveLength(1);
    const year = new Date().getUTCFullYear();
    expect(lines).toEqual([`local security budgets: AFG ${year} billed, ${year + 1} circulated for the SMT`]);
    const cookie = await login(t.app, 'budget.afg', DEMO_PASSWORD);
    const list = (
      await t.app.inject({ url: '/api/costshare/local/budgets', headers: { cookie } })
    ).json() as {
      year: number;
      status: string;
    }[];
    expect(list.map((b) => [b.year, b.status])).toEqual([
      [year + 1, 'circulated'],
      [year, 'billed'],
    ]);
    const overdue = (
      await t.app.inject({ url: `/api/costshare/local/overdue?on=${year}-03-02`, headers: { cookie } })
    ).json() as { organizationCode: string }[];
    expect(overdue.map((r) => r.organizationCode)).toEqual(['ORGB']);
    expect(await seedLocalCostshareDemo(t.database.db, SYSTEM_ACTOR, demo)).toEqual([]);
    expect(await t.database.db.selectFrom('local_budgets').select('id').execute()).toHaveLength(2);
  });
});
