import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoRegistry } from '../../../bench/lib/registry-data';
import { createTestDatabase } from '../../../test/support/db';
import type { Database } from '../../db/engine';
import { verifyAuditTrail } from '../../server/audit/audit.service';
import { SYSTEM_PRINCIPAL } from '../../server/auth/principal';
import { correctIncident, getIncident } from '../incidents/incidents.service';
import { personnelAffectedTable } from '../incidents/rules';
import { personnelAffected } from '../incidents/stats.service';
import { generateDemo } from './generator';
import { type IncidentDemoSummary, seedIncidentDemo } from './incident-demo';
import { demoIncidentPeriod, planIncidents } from './incident-generator';

const demo = generateDemo({ seed: 1, scale: 'small' });
const options = { seed: 1, scale: 'small' as const, today: '2026-11-30' };
const actor = { principal: SYSTEM_PRINCIPAL, requestId: 'test' };
let database: Database;
let first: IncidentDemoSummary;

beforeAll(async () => {
  database = await createTestDatabase();
  await loadDemoRegistry(database.db, demo);
  first = await seedIncidentDemo(database.db, actor, demo, options);
});
afterAll(async () => {
  await database?.close();
});

const one = async <T>(query: ReturnType<typeof sql<T>>) => (await query.execute(database.db)).rows[0] as T;

describe('the small demo incidents, loaded in bulk', () => {
  it('loads a few hundred incidents with their people, organizations, losses and cases', async () => {
    expect(first).toMatchObject({ incidents: 500, from: '2016-01-01', to: '2026-11-30' });
    expect(first.personnel).toBeGreaterThan(200);
    expect(first.organizations).toBeGreaterThan(400);
    expect(first.impacts).toBeGreaterThan(50);
    expect(first.cases).toBeGreaterThan(0);
    expect(first.distributionLists).toBeGreaterThan(1);
    expect(first.headcounts).toBeGreaterThan(100);
    const counted = await one<{ incidents: number; personnel: number; cases: number }>(sql`
      SELECT (SELECT count(*) FROM incidents WHERE source = 'demo')::int AS incidents,
        (SELECT count(*) FROM incident_personnel)::int AS personnel,
        (SELECT count(*) FROM serious_crime_cases)::int AS cases`);
    expect(counted).toEqual({ incidents: 500, personnel: first.personnel, cases: first.cases });
  });

  it('keeps every incident total equal to the sums of its personnel rows, and their copies equal', async () => {
    const totals = await one<{ wrong: number; affected: number }>(sql`
      SELECT count(*) FILTER (WHERE i.affected <> coalesce(p.affected, 0) OR i.killed <> coalesce(p.killed, 0)
          OR i.injured <> coalesce(p.injured, 0) OR i.kidnapped <> coalesce(p.kidnapped, 0)
          OR i.arrested <> coalesce(p.arrested, 0))::int AS wrong,
        sum(i.affected)::int AS affected
      FROM incidents i LEFT JOIN (
        SELECT incident_id, sum(count) AS affected,
          sum(count) FILTER (WHERE outcome = 'killed') AS killed,
          sum(count) FILTER (WHERE outcome = 'injured') AS injured,
          sum(count) FILTER (WHERE outcome = 'abducted') AS kidnapped,
          sum(count) FILTER (WHERE outcome = 'arrested_detained') AS arrested
        FROM incident_personnel GROUP BY incident_id) p ON p.incident_id = i.id`);
    expect(totals.wrong).toBe(0);
    expect(totals.affected).toBeGreaterThan(200);
    const copies = await one<{ wrong: number }>(sql`
      SELECT count(*)::int AS wrong FROM incident_personnel p JOIN incidents i ON i.id = p.incident_id
      WHERE p.occurred_year <> i.occurred_year OR p.category_code <> i.category_code OR p.relevance <> i.relevance`);
    expect(copies.wrong).toBe(0);
  });

  it('numbers incidents from the reference sequence, by year, and keeps the year and month copies', async () => {
    const refs = await one<{ wrong: number; distinct: number }>(sql`
      SELECT count(*) FILTER (WHERE reference !~ ('^INC-' || occurred_year || '-[0-9]{6,}$')
          OR occurred_year <> extract(year FROM occurred_on) OR occurred_month <> extract(month FROM occurred_on))::int AS wrong,
        count(DISTINCT reference)::int AS distinct
      FROM incidents`);
    expect(refs).toEqual({ wrong: 0, distinct: 500 });
  });

  it('gives burglaries their premises and complex incidents their first event', async () => {
    const burglary = await one<{ without: number }>(sql`
      SELECT count(*)::int AS without FROM incidents i WHERE category_code = 'BURGLARY'
        AND NOT EXISTS (SELECT 1 FROM incident_impacts m WHERE m.incident_id = i.id AND m.kind = 'premises'
          AND m.premises_id IS NOT NULL)`);
    expect(burglary.without).toBe(0);
    const complex = await one<{ roots: number; wrong: number }>(sql`
      SELECT count(*) FILTER (WHERE i.complex_id = i.id)::int AS roots,
        count(*) FILTER (WHERE r.complex_id IS DISTINCT FROM r.id OR r.country_code <> i.country_code)::int AS wrong
      FROM incidents i JOIN incidents r ON r.id = i.complex_id`);
    expect(complex.wrong).toBe(0);
  });

  it('reads back through the incidents service and the statistics as the generator made them', async () => {
    const plan = planIncidents({
      ...options,
      count: 500,
      ...demoIncidentPeriod('small', options.today),
      stations: demo.stations,
      premises: demo.premises,
      organizations: demo.organizations,
    });
    const generated = plan.block(0);
    const withPeople = generated.find((i) => i.personnel.length === 2 && i.organizationCodes.length > 0)!;
    const read = await getIncident(database.db, SYSTEM_PRINCIPAL, withPeople.id);
    expect(read).toMatchObject({
      occurredOn: withPeople.occurredOn,
      countryCode: withPeople.countryCode,
      categoryCode: withPeople.categoryCode,
      relevance: withPeople.relevance,
      totals: withPeople.totals,
      source: 'demo',
    });
    expect(read.personnel.map((p) => p.outcome).sort()).toEqual(
      withPeople.personnel.map((p) => p.outcome).sort(),
    );
    expect(read.organizations.map((o) => o.code).sort()).toEqual([...withPeople.organizationCodes].sort());

    const report = await personnelAffected(database.db, SYSTEM_PRINCIPAL, { from: 2016, to: 2025 });
    const expected = personnelAffectedTable(
      generated.flatMap((i) =>
        i.relevance === 'organization'
          ? i.personnel.map((p) => ({
              year: i.year,
              categoryCode: i.categoryCode,
              outcome: p.outcome,
              count: p.count,
            }))
          : [],
      ),
      2016,
      2025,
    );
    expect(report.totals.total).toBe(expected.totals.total);
    expect(report.totals.total).toBeGreaterThan(100);
  });

  it('passes every rule of the incident form: demo incidents can be corrected like any other', async () => {
    const sample = await database.db
      .selectFrom('incidents')
      .select(['id', 'version', 'affected', 'killed', 'category_code'])
      .where(sql<boolean>`(hashtext(id::text) % 12) = 0`)
      .orderBy('id')
      .limit(24)
      .execute();
    expect(sample.length).toBeGreaterThan(12);
    for (const i of sample) {
      const corrected = await correctIncident(database.db, actor, i.id, {
        version: i.version,
        narrative: 'Corrected after the security office reviewed the report.',
        reason: 'test',
      });
      expect(corrected, i.category_code).toMatchObject({
        revision: 2,
        totals: { affected: i.affected, killed: i.killed },
      });
    }
  });

  it('writes one audit entry for the whole load, and nothing on a second run', async () => {
    const entries = await database.db
      .selectFrom('audit_log')
      .select(['action', 'entity_type', 'detail'])
      .where('action', 'like', 'demo.%')
      .execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'demo.incidents.load',
      entity_type: 'incident',
      detail: { incidents: 500, personnel: first.personnel, scale: 'small', seed: '1' },
    });
    const auditRows = (await database.db.selectFrom('audit_log').select('id').execute()).length;
    const again = await seedIncidentDemo(database.db, actor, demo, options);
    expect(again).toMatchObject({
      incidents: 0,
      personnel: 0,
      cases: 0,
      distributionLists: 0,
      headcounts: 0,
    });
    expect((await database.db.selectFrom('audit_log').select('id').execute()).length).toBe(auditRows);
    expect((await verifyAuditTrail(database.db)).ok).toBe(true);
  });
});
