/**
 * Loads the demo incidents (incident-generator.ts) in bulk.
 *
 * Demo incidents are bulk-loaded reference data, not reports made by anyone: they are written
 * set-based, a block of 10,000 incidents per transaction with one `INSERT … SELECT FROM unnest(…)`
 * per table (arrays as parameters, so a statement is parsed once whatever its size), not through
 * the incidents service row by row, and they are audited by ONE entry summarising the load
 * instead of one per row. This is what makes a million incidents load in minutes on PGlite. The
 * ids are deterministic (UUID version 8, per seed and scale), so personnel rows refer to their
 * incident without a round trip, and a re-run skips the blocks already loaded (every insert is
 * also `ON CONFLICT DO NOTHING`). Totals are computed from the personnel rows of the same
 * generator, so they always equal the sums of those rows.
 *
 * This module writes the incidents tables directly, which only the incidents module otherwise
 * does: the bulk path belongs to the demo (and the benchmarks), never to user input.
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/tables';
import { type Actor, audit } from '../../server/context';
import type { DemoData } from './generator';
import { demoDistributionLists, demoHeadcounts } from './incident-extras';
import {
  DEMO_INCIDENT_COUNT,
  type DemoIncident,
  demoIncidentPeriod,
  INCIDENT_BLOCK,
  planIncidents,
} from './incident-generator';

export interface IncidentDemoOptions {
  seed: number | string;
  scale: DemoData['scale'];
  /** The day the demo is loaded (ISO); it sets the period. Default: today (UTC). */
  today?: string;
  /** Number of incidents; default DEMO_INCIDENT_COUNT of the scale. */
  count?: number;
}

export interface IncidentDemoSummary {
  incidents: number;
  personnel: number;
  organizations: number;
  impacts: number;
  cases: number;
  distributionLists: number;
  headcounts: number;
  from: string;
  to: string;
  seconds: number;
  /** CPU time of this process meanwhile (with PGlite, the database's too): wall time on a busy machine misleads. */
  cpuSeconds: number;
}

type Ids = Map<string, string>;

/**
 * Loads the demo incidents of `demo` with their personnel, organizations and losses, serious-crime
 * cases, distribution lists and headcounts. Re-running loads nothing twice and audits nothing.
 */
export async function seedIncidentDemo(
  db: Kysely<DB>,
  actor: Actor,
  demo: Pick<DemoData, 'stations' | 'premises' | 'organizations' | 'countries'>,
  options: IncidentDemoOptions,
  onProgress?: (done: number, total: number) => void,
): Promise<IncidentDemoSummary> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const period = demoIncidentPeriod(options.scale, options.today ?? new Date().toISOString().slice(0, 10));
  const plan = planIncidents({
    seed: options.seed,
    scale: options.scale,
    count: options.count ?? DEMO_INCIDENT_COUNT[options.scale],
    ...period,
    stations: demo.stations,
    premises: demo.premises,
    organizations: demo.organizations,
  });
  const ids = {
    area: await codeIds(db, 'areas'),
    station: await codeIds(db, 'duty_stations'),
    org: await codeIds(db, 'organizations'),
    premises: await codeIds(db, 'premises'),
  };
  const firstIds = Array.from({ length: plan.blocks }, (_, b) => plan.incidentId(b * INCIDENT_BLOCK));
  const loaded = new Set(
    firstIds.length
      ? (await db.selectFrom('incidents').select('id').where('id', 'in', firstIds).execute()).map((r) => r.id)
      : [],
  );
  const summary: IncidentDemoSummary = {
    incidents: 0,
    personnel: 0,
    organizations: 0,
    impacts: 0,
    cases: 0,
    distributionLists: 0,
    headcounts: 0,
    ...period,
    seconds: 0,
    cpuSeconds: 0,
  };
  onProgress?.(0, plan.count);
  const todo = Array.from({ length: plan.blocks }, (_, b) => b).filter(
    (b) => !loaded.has(firstIds[b] as string),
  );
  for (const b of todo) {
    const block = plan.block(b);
    const n = await db.transaction().execute((trx) => insertBlock(trx, block, ids));
    summary.incidents += n.incidents;
    summary.personnel += n.personnel;
    summary.organizations += n.organizations;
    summary.impacts += n.impacts;
    summary.cases += n.cases;
    onProgress?.(Math.min(plan.count, b * INCIDENT_BLOCK + block.length), plan.count);
  }
  onProgress?.(plan.count, plan.count);
  if (todo.length) {
    // After a bulk load: planner statistics, and the visibility map that lets the statistics read
    // the covering indexes alone. PGlite has no autovacuum to do it later.
    await sql`VACUUM (ANALYZE) incidents, incident_personnel, incident_organizations, incident_impacts`.execute(
      db,
    );
  }

  await db.transaction().execute(async (trx) => {
    summary.distributionLists = await insertDistributionLists(trx, demo.countries);
    const years = Array.from(
      { length: Number(period.to.slice(0, 4)) - Number(period.from.slice(0, 4)) + 1 },
      (_, i) => Number(period.from.slice(0, 4)) + i,
    );
    summary.headcounts = await insertHeadcounts(
      trx,
      ids.org,
      demoHeadcounts({ ...demo, seed: options.seed, years }),
    );
    const { seconds: _seconds, cpuSeconds: _cpu, ...counts } = summary;
    if (Object.values(counts).some((v) => typeof v === 'number' && v > 0)) {
      await audit(trx, actor, {
        action: 'demo.incidents.load',
        entityType: 'incident',
        entityId: null,
        detail: {
          ...counts,
          seed: String(options.seed),
          scale: options.scale,
          note: 'Demo incidents are bulk-loaded reference data: this one entry stands for every row loaded.',
        },
      });
    }
  });
  summary.seconds = Math.round((performance.now() - started) / 100) / 10;
  const used = process.cpuUsage(cpu);
  summary.cpuSeconds = Math.round((used.user + used.system) / 100_000) / 10;
  return summary;
}

async function codeIds(db: Kysely<DB>, table: 'areas' | 'duty_stations' | 'organizations' | 'premises') {
  const rows = await db.selectFrom(table).select(['id', 'code']).execute();
  return new Map(rows.map((r) => [r.code, r.id]));
}

const idOf = (ids: Ids, code: string | null, what: string): string | null => {
  if (code === null) return null;
  const id = ids.get(code);
  if (!id)
    throw new Error(`demo incidents: ${what} ${code} is not in the database (seed the registry first)`);
  return id;
};

/** Inserts one block's incidents and everything hanging from them; returns the rows inserted. */
export async function insertBlock(
  trx: Kysely<DB>,
  block: readonly DemoIncident[],
  ids: { area: Ids; station: Ids; org: Ids; premises: Ids },
) {
  const col = <T>(pick: (i: DemoIncident) => T) => block.map(pick);
  const org = (code: string | null) => idOf(ids.org, code, 'organization');
  // The reference comes from the same sequence as the service's, so later reports never collide.
  const incidents = await sql`
    INSERT INTO incidents (id, reference, occurred_on, occurred_at, utc_offset, occurred_year, occurred_month,
      country_code, area_id, station_id, lat, lon, geo_precision, location, category_code, nature, relevance,
      perpetrator_type, weapon, title, narrative, sensitive_details, captivity_outcome, complex_id, reporting_org_id,
      affected, killed, injured, kidnapped, arrested, source, created_at, updated_at)
    SELECT id, 'INC-' || y || '-' || lpad(n::text, greatest(6, length(n::text)), '0'), d, at, utc, y, m,
      c, area, station, lat, lon, geo, loc, cat, nat, rel, perp, weapon, title, narr, sens, capt, cx, rep,
      a, k, i, kid, arr, 'demo', ca, ca
    FROM (
      SELECT u.*, nextval('incident_reference_seq') AS n
      FROM unnest(${col((i) => i.id)}::uuid[], ${col((i) => i.occurredOn)}::date[],
        ${col((i) => i.occurredAt)}::timestamptz[], ${col((i) => i.utcOffset)}::text[],
        ${col((i) => i.year)}::int2[], ${col((i) => i.month)}::int2[], ${col((i) => i.countryCode)}::text[],
        ${col((i) => idOf(ids.area, i.areaCode, 'area'))}::uuid[],
        ${col((i) => idOf(ids.station, i.stationCode, 'duty station'))}::uuid[],
        ${col((i) => i.lat)}::float8[], ${col((i) => i.lon)}::float8[], ${col((i) => i.geoPrecision)}::text[],
        ${col((i) => i.location)}::text[], ${col((i) => i.categoryCode)}::text[], ${col((i) => i.nature)}::text[],
        ${col((i) => i.relevance)}::text[], ${col((i) => i.perpetratorType)}::text[], ${col((i) => i.weapon)}::text[],
        ${col((i) => i.title)}::text[], ${col((i) => i.narrative)}::text[], ${col((i) => i.sensitiveDetails)}::text[],
        ${col((i) => i.captivityOutcome)}::text[], ${col((i) => i.complexId)}::uuid[],
        ${col((i) => org(i.reportingOrganizationCode))}::uuid[],
        ${col((i) => i.totals.affected)}::int4[], ${col((i) => i.totals.killed)}::int4[],
        ${col((i) => i.totals.injured)}::int4[], ${col((i) => i.totals.kidnapped)}::int4[],
        ${col((i) => i.totals.arrested)}::int4[], ${col((i) => i.recordedAt)}::timestamptz[])
        AS u(id, d, at, utc, y, m, c, area, station, lat, lon, geo, loc, cat, nat, rel, perp, weapon, title, narr,
          sens, capt, cx, rep, a, k, i, kid, arr, ca)
    ) s
    ON CONFLICT DO NOTHING`.execute(trx);

  const links = block.flatMap((i) => i.organizationCodes.map((c) => [i.id, org(c)] as const));
  const orgs = await sql`
    INSERT INTO incident_organizations (incident_id, organization_id)
    SELECT * FROM unnest(${links.map((l) => l[0])}::uuid[], ${links.map((l) => l[1])}::uuid[])
    ON CONFLICT DO NOTHING`.execute(trx);

  // Personnel rows carry copies of their incident's year, category and relevance.
  const people = block.flatMap((i) => i.personnel.map((p) => ({ i, p })));
  const pcol = <T>(pick: (r: (typeof people)[number]) => T) => people.map(pick);
  const personnel = await sql`
    INSERT INTO incident_personnel (id, incident_id, organization_id, personnel_category, sex, outcome, count,
      on_duty, directly_targeted, in_captivity, occurred_year, category_code, relevance)
    SELECT * FROM unnest(${pcol((r) => r.p.id)}::uuid[], ${pcol((r) => r.i.id)}::uuid[],
      ${pcol((r) => org(r.p.organizationCode))}::uuid[], ${pcol((r) => r.p.category)}::text[],
      ${pcol((r) => r.p.sex)}::text[], ${pcol((r) => r.p.outcome)}::text[], ${pcol((r) => r.p.count)}::int4[],
      ${pcol((r) => r.p.onDuty)}::bool[], ${pcol((r) => r.p.directlyTargeted)}::bool[],
      ${pcol((r) => r.p.inCaptivity)}::bool[], ${pcol((r) => r.i.year)}::int2[],
      ${pcol((r) => r.i.categoryCode)}::text[], ${pcol((r) => r.i.relevance)}::text[])
    ON CONFLICT DO NOTHING`.execute(trx);

  const losses = block.flatMap((i) => i.impacts.map((m) => ({ i, m })));
  const lcol = <T>(pick: (r: (typeof losses)[number]) => T) => losses.map(pick);
  const impacts = await sql`
    INSERT INTO incident_impacts (id, incident_id, kind, organization_id, premises_id, description, estimated_loss)
    SELECT * FROM unnest(${lcol((r) => r.m.id)}::uuid[], ${lcol((r) => r.i.id)}::uuid[],
      ${lcol((r) => r.m.kind)}::text[], ${lcol((r) => org(r.m.organizationCode))}::uuid[],
      ${lcol((r) => idOf(ids.premises, r.m.premisesCode, 'premises'))}::uuid[],
      ${lcol((r) => r.m.description)}::text[], ${lcol((r) => r.m.estimatedLoss)}::numeric[])
    ON CONFLICT DO NOTHING`.execute(trx);

  const serious = block.filter((i) => i.seriousCase);
  const scol = <T>(pick: (c: NonNullable<DemoIncident['seriousCase']>, i: DemoIncident) => T) =>
    serious.map((i) => pick(i.seriousCase!, i));
  const cases = await sql`
    INSERT INTO serious_crime_cases (incident_id, status, next_of_kin_focal_point, authority, case_reference,
      notes, created_at, updated_at)
    SELECT id, status, kin, authority, ref, 'Followed up by the security office with the authorities.', ca, ca
    FROM unnest(${scol((_c, i) => i.id)}::uuid[], ${scol((c) => c.status)}::text[],
      ${scol((c) => c.nextOfKinFocalPoint)}::text[], ${scol((c) => c.authority)}::text[],
      ${scol((c) => c.caseReference)}::text[], ${scol((_c, i) => i.recordedAt)}::timestamptz[])
      AS u(id, status, kin, authority, ref, ca)
    ON CONFLICT DO NOTHING`.execute(trx);

  const n = (r: { numAffectedRows?: bigint }) => Number(r.numAffectedRows ?? 0n);
  return {
    incidents: n(incidents),
    organizations: n(orgs),
    personnel: n(personnel),
    impacts: n(impacts),
    cases: n(cases),
  };
}

/** The demo's distribution lists, unless a list of the same name exists. */
async function insertDistributionLists(trx: Kysely<DB>, countries: readonly string[]): Promise<number> {
  const existing = new Set(
    (await trx.selectFrom('incident_distribution_lists').select('name').execute()).map((r) => r.name),
  );
  const lists = demoDistributionLists(countries).filter((l) => !existing.has(l.name));
  if (!lists.length) return 0;
  await trx
    .insertInto('incident_distribution_lists')
    .values(
      lists.map((l) => ({
        name: l.name,
        country_code: l.countryCode,
        categories: JSON.stringify(l.categories),
        addresses: JSON.stringify(l.addresses),
      })),
    )
    .execute();
  return lists.length;
}

async function insertHeadcounts(
  trx: Kysely<DB>,
  orgIds: Ids,
  rows: ReturnType<typeof demoHeadcounts>,
): Promise<number> {
  const known = rows.filter((r) => orgIds.has(r.organizationCode));
  const result = await sql`
    INSERT INTO personnel_headcounts (year, country_code, organization_id, headcount)
    SELECT * FROM unnest(${known.map((r) => r.year)}::int2[], ${known.map((r) => r.countryCode)}::text[],
      ${known.map((r) => orgIds.get(r.organizationCode))}::uuid[], ${known.map((r) => r.headcount)}::int4[])
    ON CONFLICT DO NOTHING`.execute(trx);
  return Number(result.numAffectedRows ?? 0n);
}
