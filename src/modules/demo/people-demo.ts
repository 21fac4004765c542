/**
 * Loads the demo people and travel (people-generator.ts) in bulk, like incident-demo.ts: blocks of
 * 10,000 per transaction, one `INSERT … SELECT FROM unnest(…)` per table, deterministic ids so a
 * re-run skips the blocks already loaded, ONE summary audit entry, VACUUM ANALYZE at the end (PGlite
 * has no autovacuum, and who-is-where counts from index-only scans that need the visibility map).
 *
 * This module writes the people and travel tables directly, which only those modules otherwise do:
 * the bulk path belongs to the demo (and the benchmarks), never to user input.
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/tables';
import { type Actor, audit } from '../../server/context';
import type { DemoData } from './generator';
import { type DemoPerson, type DemoTravel, demoClearanceRules, planPeople } from './people-generator';

export interface PeopleDemoSummary {
  personnel: number;
  dependants: number;
  certificates: number;
  requests: number;
  segments: number;
  rules: number;
  linkedLogins: number;
  seconds: number;
  cpuSeconds: number;
}

type Ids = Map<string, string>;
const n = (r: { numAffectedRows?: bigint }) => Number(r.numAffectedRows ?? 0n);

async function codeIds(db: Kysely<DB>, table: 'areas' | 'duty_stations' | 'organizations') {
  const rows = await db.selectFrom(table).select(['id', 'code']).execute();
  return new Map(rows.map((r) => [r.code, r.id]));
}
const idOf = (ids: Ids, code: string, what: string) => {
  const id = ids.get(code);
  if (!id) throw new Error(`demo people: ${what} ${code} is not in the database (seed the registry first)`);
  return id;
};

/** Loads the demo's people, certificates, clearance rules and travel; links demo logins to profiles. */
export async function seedPeopleDemo(
  db: Kysely<DB>,
  actor: Actor,
  demo: Pick<DemoData, 'stations' | 'organizations' | 'areas' | 'users' | 'scale' | 'seed'>,
  options: { today?: string; counts?: { personnel: number; dependants: number; segments: number } } = {},
  onProgress?: (done: number, total: number) => void,
): Promise<PeopleDemoSummary> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const plan = planPeople({
    seed: demo.seed,
    scale: demo.scale,
    today,
    stations: demo.stations,
    organizations: demo.organizations,
    counts: options.counts,
  });
  const ids = {
    area: await codeIds(db, 'areas'),
    station: await codeIds(db, 'duty_stations'),
    org: await codeIds(db, 'organizations'),
  };
  const summary: PeopleDemoSummary = {
    personnel: 0,
    dependants: 0,
    certificates: 0,
    requests: 0,
    segments: 0,
    rules: 0,
    linkedLogins: 0,
    seconds: 0,
    cpuSeconds: 0,
  };
  const loaded = async (table: 'people' | 'travel_requests', first: string[]) =>
    new Set(
      first.length
        ? (await db.selectFrom(table).select('id').where('id', 'in', first).execute()).map((r) => r.id)
        : [],
    );
  const peopleFirst = Array.from({ length: plan.personBlocks }, (_, b) => plan.personId(b * 10_000));
  const travelFirst = Array.from({ length: plan.travelBlocks }, (_, b) => plan.travelId(b * 10_000));
  const donePeople = await loaded('people', peopleFirst);
  const doneTravel = await loaded('travel_requests', travelFirst);
  const total = plan.personBlocks + plan.travelBlocks;
  let step = 0;
  for (let b = 0; b < plan.personBlocks; b++, step++) {
    onProgress?.(step, total);
    if (donePeople.has(peopleFirst[b] as string)) continue;
    const block = plan.people(b);
    await db.transaction().execute(async (trx) => {
      const r = await insertPeople(trx, block.people, ids);
      summary.personnel += r.personnel;
      summary.dependants += r.dependants;
      summary.certificates += n(
        await sql`INSERT INTO training_certificates (person_id, course_code, completed_on, expires_on, source)
          SELECT *, 'demo' FROM unnest(${block.certificates.map((c) => c.personId)}::uuid[],
            ${block.certificates.map((c) => c.courseCode)}::text[], ${block.certificates.map((c) => c.completedOn)}::date[],
            ${block.certificates.map((c) => c.expiresOn)}::date[])
          ON CONFLICT DO NOTHING`.execute(trx),
      );
    });
  }
  summary.rules = await insertRules(db, demo.areas, today, ids);
  for (let b = 0; b < plan.travelBlocks; b++, step++) {
    onProgress?.(step, total);
    if (doneTravel.has(travelFirst[b] as string)) continue;
    const block = plan.travel(b);
    const r = await db.transaction().execute((trx) => insertTravel(trx, block, ids));
    summary.requests += r.requests;
    summary.segments += r.segments;
  }
  onProgress?.(total, total);
  summary.linkedLogins = await linkLogins(db, demo, ids);
  if (summary.personnel + summary.requests > 0) {
    await sql`VACUUM (ANALYZE) people, training_certificates, travel_requests, travel_segments`.execute(db);
  }
  const { seconds: _s, cpuSeconds: _c, ...counts } = summary;
  if (Object.values(counts).some((v) => v > 0)) {
    await db.transaction().execute((trx) =>
      audit(trx, actor, {
        action: 'demo.people.load',
        entityType: 'person',
        entityId: null,
        detail: {
          ...counts,
          seed: String(demo.seed),
          scale: demo.scale,
          note: 'Demo people and travel are bulk-loaded reference data: this one entry stands for every row loaded.',
        },
      }),
    );
  }
  summary.seconds = Math.round((performance.now() - started) / 100) / 10;
  const used = process.cpuUsage(cpu);
  summary.cpuSeconds = Math.round((used.user + used.system) / 100_000) / 10;
  return summary;
}

async function insertPeople(trx: Kysely<DB>, people: readonly DemoPerson[], ids: { org: Ids; station: Ids }) {
  const col = <T>(pick: (p: DemoPerson) => T) => people.map(pick);
  const r = await sql<{ kind: string; n: number }>`
    WITH ins AS (
      INSERT INTO people (id, organization_id, external_id, kind, sponsor_id, given_name, family_name, sex,
        contract_type, recruitment, duty_station_id, emergency_contact, source)
      SELECT *, '{}'::jsonb, 'demo' FROM unnest(${col((p) => p.id)}::uuid[],
        ${col((p) => idOf(ids.org, p.organizationCode, 'organization'))}::uuid[], ${col((p) => p.externalId)}::text[],
        ${col((p) => p.kind)}::text[], ${col((p) => p.sponsorId)}::uuid[], ${col((p) => p.givenName)}::text[],
        ${col((p) => p.familyName)}::text[], ${col((p) => p.sex)}::text[], ${col((p) => p.contractType)}::text[],
        ${col((p) => p.recruitment)}::text[], ${col((p) => idOf(ids.station, p.stationCode, 'duty station'))}::uuid[])
      ON CONFLICT DO NOTHING RETURNING kind)
    SELECT kind, count(*)::int AS n FROM ins GROUP BY kind`.execute(trx);
  const of = (k: string) => r.rows.find((x) => x.kind === k)?.n ?? 0;
  return { personnel: of('personnel'), dependants: of('dependant') };
}

async function insertTravel(trx: Kysely<DB>, block: readonly DemoTravel[], ids: { area: Ids; station: Ids }) {
  const col = <T>(pick: (t: DemoTravel) => T) => block.map(pick);
  const requests = await sql`
    INSERT INTO travel_requests (id, reference, person_id, travel_type, purpose, status, decision, decided_at,
      reasons, starts_on, ends_on)
    SELECT id, ref, person, tt, purpose, status, decision, CASE WHEN decision IS NULL THEN NULL ELSE starts - 7 END,
      reasons, starts, ends
    FROM unnest(${col((t) => t.id)}::uuid[], ${col((t) => t.reference)}::text[], ${col((t) => t.personId)}::uuid[],
      ${col((t) => t.travelType)}::text[], ${col((t) => t.purpose)}::text[], ${col((t) => t.status)}::text[],
      ${col((t) => t.decision)}::text[], ${col((t) => JSON.stringify(t.reasons))}::jsonb[],
      ${col((t) => t.startsOn)}::date[], ${col((t) => t.endsOn)}::date[])
      AS u(id, ref, person, tt, purpose, status, decision, reasons, starts, ends)
    ON CONFLICT DO NOTHING`.execute(trx);
  const segs = block.flatMap((t) => t.segments.map((s) => ({ t, s })));
  const scol = <T>(pick: (r: (typeof segs)[number]) => T) => segs.map(pick);
  const segments = await sql`
    INSERT INTO travel_segments (id, request_id, person_id, position, country_code, area_id, station_id, lat, lon,
      arrives_at, departs_at, stopover, leaves_airport, status)
    SELECT * FROM unnest(${scol((r) => r.s.id)}::uuid[], ${scol((r) => r.t.id)}::uuid[],
      ${scol((r) => r.t.personId)}::uuid[], ${scol((r) => r.s.position)}::int2[], ${scol((r) => r.s.countryCode)}::text[],
      ${scol((r) => idOf(ids.area, r.s.areaCode, 'area'))}::uuid[],
      ${scol((r) => idOf(ids.station, r.s.stationCode, 'duty station'))}::uuid[],
      ${scol((r) => r.s.lat)}::float8[], ${scol((r) => r.s.lon)}::float8[], ${scol((r) => r.s.arrivesAt)}::timestamptz[],
      ${scol((r) => r.s.departsAt)}::timestamptz[], ${scol((r) => r.s.stopover)}::bool[],
      ${scol((r) => r.s.leavesAirport)}::bool[], ${scol((r) => r.t.status)}::text[])
    ON CONFLICT DO NOTHING`.execute(trx);
  return { requests: n(requests), segments: n(segments) };
}

async function insertRules(db: Kysely<DB>, areas: DemoData['areas'], today: string, ids: { area: Ids }) {
  const rules = demoClearanceRules(areas, today);
  if (!rules.length) return 0;
  const r = await db
    .insertInto('clearance_rules')
    .values(
      rules.map((x) => ({
        country_code: x.countryCode,
        area_id: x.areaCode ? idOf(ids.area, x.areaCode, 'area') : null,
        mode: x.mode,
        required_courses: JSON.stringify(x.requiredCourses),
        max_travellers: x.maxTravellers,
        precise_tracking: x.preciseTracking,
        precise_until: x.preciseUntil,
        note: x.note,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n);
}

/**
 * Profiles for the demo logins that belong to an organization (personnel of it, at the main station
 * of their country or of the first demo country), linked by e-mail; the first organization's staff
 * login gets a dependant. Logins already linked are left alone.
 */
async function linkLogins(
  db: Kysely<DB>,
  demo: Pick<DemoData, 'stations' | 'users'>,
  ids: { org: Ids; station: Ids },
) {
  const users = await db
    .selectFrom('users')
    .select(['id', 'username', 'email'])
    .where(
      'username',
      'in',
      demo.users.map((u) => u.username),
    )
    .execute();
  const taken = new Set(
    (await db.selectFrom('people').select('user_id').where('user_id', 'is not', null).execute()).map(
      (r) => r.user_id,
    ),
  );
  let linked = 0;
  for (const u of demo.users) {
    const user = users.find((x) => x.username === u.username);
    if (!user || taken.has(user.id) || !u.organizationCode || !ids.org.has(u.organizationCode)) continue;
    const country = u.grants.find((g) => g.scopeType === 'country')?.scopeCode;
    const station = demo.stations.find((s) => s.countryCode === country) ?? demo.stations[0];
    if (!station) continue;
    const [given, ...family] = u.displayName.split(' ');
    const person = await db
      .insertInto('people')
      .values({
        organization_id: idOf(ids.org, u.organizationCode, 'organization'),
        external_id: `DEMO-LOGIN-${u.username}`,
        kind: 'personnel',
        given_name: given ?? u.username,
        family_name: family.join(' ') || u.username,
        email: user.email ?? u.email,
        recruitment: 'international',
        duty_station_id: idOf(ids.station, station.code, 'duty station'),
        user_id: user.id,
        emergency_contact: JSON.stringify({
          name: 'Demo contact',
          relation: 'spouse',
          phone: '+41 22 000 0000',
        }),
        source: 'demo',
      })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!person) continue;
    linked++;
    if (u.username.startsWith('staff.')) {
      await db
        .insertInto('people')
        .values({
          organization_id: idOf(ids.org, u.organizationCode, 'organization'),
          external_id: `DEMO-LOGIN-${u.username}-DEP1`,
          kind: 'dependant',
          sponsor_id: person.id,
          given_name: 'Sami',
          family_name: family.join(' ') || u.username,
          recruitment: 'international',
          duty_station_id: idOf(ids.station, station.code, 'duty station'),
          emergency_contact: '{}',
          source: 'demo',
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
  }
  return linked;
}
