import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoRegistry } from '../../../bench/lib/registry-data';
import { createTestDatabase } from '../../../test/support/db';
import type { Database } from '../../db/engine';
import { SYSTEM_PRINCIPAL } from '../../server/auth/principal';
import { whoIsWhere } from '../travel/who.service';
import { generateDemo } from './generator';
import { type PeopleDemoSummary, seedPeopleDemo } from './people-demo';

const demo = generateDemo({ seed: 1, scale: 'small' });
const actor = { principal: SYSTEM_PRINCIPAL, requestId: 'test' };
let database: Database;
let first: PeopleDemoSummary;

beforeAll(async () => {
  database = await createTestDatabase();
  await loadDemoRegistry(database.db, demo);
  first = await seedPeopleDemo(database.db, actor, demo, { today: '2026-11-30' });
});
afterAll(async () => {
  await database?.close();
});

describe('the small demo people and travel, loaded in bulk', () => {
  it('loads personnel, dependants, certificates, rules and travel with one audit entry; a re-run adds nothing', async () => {
    expect(first).toMatchObject({ personnel: 300, dependants: 150, segments: 80 });
    expect(first.requests).toBeGreaterThan(30);
    expect(first.certificates).toBeGreaterThan(250);
    expect(first.rules).toBeGreaterThan(3);
    const again = await seedPeopleDemo(database.db, actor, demo, { today: '2026-11-30' });
    expect(again).toMatchObject({
      personnel: 0,
      dependants: 0,
      requests: 0,
      segments: 0,
      certificates: 0,
      rules: 0,
    });
    const audits = await database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'demo.people.load')
      .execute();
    expect(audits).toHaveLength(1);
  });

  it('answers who-is-where over the demo: everyone is somewhere, once', async () => {
    const global = {
      ...SYSTEM_PRINCIPAL,
      grants: [{ role: 'desk_officer' as const, scopeType: 'global' as const, scopeId: null }],
    };
    const countries = [...new Set(demo.stations.map((s) => s.countryCode))];
    let people = 0;
    for (const country of countries) {
      const r = await whoIsWhere(
        database.db,
        global,
        { country, limit: 10, include: 'dependants' },
        new Date('2026-11-30T12:00:00Z'),
      );
      people += r.totals.people;
    }
    // Everyone is in one demo country, except those in an airside stopover at that moment.
    expect(people).toBeGreaterThan(440);
    expect(people).toBeLessThanOrEqual(450);
  });
});
