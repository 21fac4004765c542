import fc from 'fast-check';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/db';
import type { Database } from '../../db/engine';
import type { DB } from '../../db/tables';
import { peopleInZone, zoneByCode, zonesOfPeople } from './membership.repository';
import { type Geometry, type PersonPlace, partsOf, ringLiteral, type ZoneShape, zonesOf } from './rules';

/**
 * The SQL membership against the pure rules, on random worlds: every person's zones from
 * `zonesOfPeople` and every zone's people from `peopleInZone` must be what `rules.zonesOf` says.
 */
let database: Database;
let db: Kysely<DB>;
const orgs: string[] = [];
const areas: string[] = [];
const stations: { id: string; lat: number; lon: number }[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  for (const code of ['WZA', 'WZB']) {
    const o = await db
      .insertInto('organizations')
      .values({ code, name: code, type: 'agency' })
      .returning('id')
      .executeTakeFirstOrThrow();
    orgs.push(o.id);
  }
  for (let i = 0; i < 3; i++) {
    const a = await db
      .insertInto('areas')
      .values({ code: `WZ-AR${i}`, name: `Area ${i}`, country_code: 'AFG' })
      .returning('id')
      .executeTakeFirstOrThrow();
    areas.push(a.id);
  }
  // Stations on a grid of half-integer points, so none lies on a polygon edge (integer coordinates).
  for (let i = 0; i < 6; i++) {
    const lat = 30.5 + i;
    const lon = 60.5 + ((i * 3) % 7);
    const s = await db
      .insertInto('duty_stations')
      .values({
        code: `WZ-ST${i}`,
        name: `Station ${i}`,
        country_code: 'AFG',
        area_id: areas[i % 3] as string,
        lat,
        lon,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    stations.push({ id: s.id, lat, lon });
  }
});

afterAll(async () => {
  await database?.close();
});

const rect = (x0: number, y0: number, w: number, h: number): [number, number][] => [
  [x0, y0],
  [x0 + w, y0],
  [x0 + w, y0 + h],
  [x0, y0 + h],
  [x0, y0],
];

const zoneArb = fc.record({
  org: fc.option(fc.integer({ min: 0, max: 1 }), { nil: null }),
  stations: fc.subarray([0, 1, 2, 3, 4, 5]),
  areas: fc.subarray([0, 1, 2]),
  box: fc.option(
    fc.record({
      x: fc.integer({ min: 59, max: 67 }),
      y: fc.integer({ min: 29, max: 36 }),
      w: fc.integer({ min: 1, max: 6 }),
      h: fc.integer({ min: 1, max: 6 }),
      hole: fc.boolean(),
      multi: fc.boolean(),
    }),
    { nil: null },
  ),
  archived: fc.boolean(),
});
const personArb = fc.record({
  org: fc.integer({ min: 0, max: 1 }),
  station: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
  area: fc.option(fc.integer({ min: 0, max: 2 }), { nil: null }),
  sponsor: fc.option(fc.nat(), { nil: null }),
  separated: fc.boolean(),
  assign: fc.array(fc.nat(), { maxLength: 2 }),
});

describe('warden membership in SQL', () => {
  it('agrees with the pure rules on random worlds', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(zoneArb, { minLength: 1, maxLength: 6 }),
        fc.array(personArb, { minLength: 1, maxLength: 12 }),
        async (zoneSpecs, personSpecs) => {
          run++;
          await db.deleteFrom('warden_assignments').execute();
          await db.deleteFrom('warden_zones').execute();
          await db.deleteFrom('people').where('external_id', 'like', 'wz-%').execute();
          const zones: ZoneShape[] = [];
          for (const [i, z] of zoneSpecs.entries()) {
            let polygon: Geometry | null = null;
            if (z.box) {
              const outer = rect(z.box.x, z.box.y, z.box.w, z.box.h);
              const rings =
                z.box.hole && z.box.w > 2 && z.box.h > 2
                  ? [outer, rect(z.box.x + 1, z.box.y + 1, 1, 1)]
                  : [outer];
              polygon = z.box.multi
                ? { type: 'MultiPolygon', coordinates: [rings, [rect(z.box.x + 10, z.box.y, 1, 1)]] }
                : { type: 'Polygon', coordinates: rings };
            }
            const kind = z.org === null ? 'geographic' : 'organization';
            const row = await db
              .insertInto('warden_zones')
              .values({
                code: `Z${run}-${String.fromCharCode(65 + ((i * 7) % 26))}${i}`,
                name: `Zone ${i}`,
                country_code: 'AFG',
                kind,
                organization_id: z.org === null ? null : (orgs[z.org] as string),
                polygon: polygon ? JSON.stringify(polygon) : null,
                archived_at: z.archived ? new Date() : null,
              })
              .returning(['id', 'code'])
              .executeTakeFirstOrThrow();
            for (const s of z.stations)
              await db
                .insertInto('warden_zone_stations')
                .values({ zone_id: row.id, station_id: stations[s]?.id as string })
                .execute();
            for (const a of z.areas)
              await db
                .insertInto('warden_zone_areas')
                .values({ zone_id: row.id, area_id: areas[a] as string })
                .execute();
            if (polygon)
              for (const [p, rings] of partsOf(polygon).entries())
                for (const [r, ring] of rings.entries())
                  await db
                    .insertInto('warden_zone_rings')
                    .values({ zone_id: row.id, part: p, ring: r, shape: ringLiteral(ring) })
                    .execute();
            if (!z.archived)
              zones.push({
                id: row.id,
                code: row.code,
                kind,
                organizationId: z.org === null ? null : (orgs[z.org] as string),
                stationIds: z.stations.map((s) => stations[s]?.id as string),
                areaIds: z.areas.map((a) => areas[a] as string),
                polygon,
              });
          }
          const allZoneIds = await db
            .selectFrom('warden_zones')
            .select(['id', 'kind'])
            .orderBy('code')
            .execute();
          const people: (PersonPlace & { separated: boolean })[] = [];
          const assignments = new Map<string, string[]>();
          for (const [i, spec] of personSpecs.entries()) {
            const sponsor =
              spec.sponsor !== null && people.length > 0
                ? people.filter((p) => p.kind === 'personnel')[
                    spec.sponsor % Math.max(1, people.filter((p) => p.kind === 'personnel').length)
                  ]
                : undefined;
            const station = spec.station === null ? null : (stations[spec.station] ?? null);
            const row = await db
              .insertInto('people')
              .values({
                organization_id: sponsor ? sponsor.organizationId : (orgs[spec.org] as string),
                external_id: `wz-${run}-${i}`,
                kind: sponsor ? 'dependant' : 'personnel',
                sponsor_id: sponsor?.id ?? null,
                given_name: 'P',
                family_name: `${i}`,
                recruitment: 'international',
                duty_station_id: station?.id ?? null,
                residence_area_id: spec.area === null ? null : (areas[spec.area] as string),
                status: spec.separated ? 'separated' : 'active',
                emergency_contact: '{}',
              })
              .returning('id')
              .executeTakeFirstOrThrow();
            const person = {
              id: row.id,
              organizationId: sponsor ? sponsor.organizationId : (orgs[spec.org] as string),
              kind: sponsor ? ('dependant' as const) : ('personnel' as const),
              sponsorId: sponsor?.id ?? null,
              dutyStationId: station?.id ?? null,
              residenceAreaId: spec.area === null ? null : (areas[spec.area] as string),
              point: station ? { lat: station.lat, lon: station.lon } : null,
              separated: spec.separated,
            };
            people.push(person);
            const kinds = new Set<string>();
            for (const n of spec.assign) {
              const z = allZoneIds[n % allZoneIds.length];
              if (!z || kinds.has(z.kind)) continue;
              kinds.add(z.kind);
              await db
                .insertInto('warden_assignments')
                .values({ person_id: row.id, zone_id: z.id, zone_kind: z.kind })
                .execute();
              assignments.set(row.id, [...(assignments.get(row.id) ?? []), z.id]);
            }
          }
          const got = await zonesOfPeople(
            db,
            people.map((p) => p.id),
          );
          const expectedByZone = new Map<string, string[]>();
          for (const p of people) {
            const sponsor = people.find((q) => q.id === p.sponsorId) ?? null;
            const want = p.separated ? [] : zonesOf(p, sponsor, zones, assignments);
            for (const c of want)
              expectedByZone.set(c.zoneId, [...(expectedByZone.get(c.zoneId) ?? []), p.id]);
            const have = (got.get(p.id) ?? []).map((z) => z.zoneId).sort();
            expect(have).toEqual(want.map((c) => c.zoneId).sort());
          }
          for (const z of zones) {
            expect(await peopleInZone(db, z.id)).toEqual((expectedByZone.get(z.id) ?? []).sort());
          }
        },
      ),
      { numRuns: 25, seed: 20261207 },
    );
  });

  it('returns wardens with each zone and finds zones by code in any case', async () => {
    const user = await db
      .insertInto('users')
      .values({ username: 'wz.warden', display_name: 'Wendy Warden', email: 'wendy@example.org' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const zone = await db
      .insertInto('warden_zones')
      .values({ code: 'WZ-KBL-1', name: 'Kabul one', country_code: 'AFG', kind: 'geographic' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('warden_zone_stations')
      .values({ zone_id: zone.id, station_id: stations[0]?.id as string })
      .execute();
    await db.insertInto('wardens').values({ zone_id: zone.id, user_id: user.id, role: 'warden' }).execute();
    const person = await db
      .insertInto('people')
      .values({
        organization_id: orgs[0] as string,
        external_id: 'wz-w-1',
        kind: 'personnel',
        given_name: 'Zed',
        family_name: 'Member',
        recruitment: 'local',
        duty_station_id: stations[0]?.id as string,
        emergency_contact: '{}',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const map = await zonesOfPeople(db, [person.id, 'not-a-uuid']);
    const zones = map.get(person.id) ?? [];
    const mine = zones.find((z) => z.zoneId === zone.id);
    expect(mine).toMatchObject({ zoneCode: 'WZ-KBL-1', zoneName: 'Kabul one', kind: 'geographic' });
    expect(mine?.wardens).toEqual([
      { userId: user.id, name: 'Wendy Warden', email: 'wendy@example.org', role: 'warden' },
    ]);
    expect(await zoneByCode(db, 'wz-kbl-1')).toMatchObject({
      id: zone.id,
      country_code: 'AFG',
      kind: 'geographic',
      organization_id: null,
    });
    expect(await zoneByCode(db, 'nope')).toBeUndefined();
  });

  it('reads the zones of 10,000 real people in a few set-based statements', async () => {
    const zone = await db
      .insertInto('warden_zones')
      .values({
        code: 'WZ-BULK',
        name: 'Bulk',
        country_code: 'AFG',
        kind: 'geographic',
        polygon: JSON.stringify({ type: 'Polygon', coordinates: [rect(59, 29, 20, 20)] }),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('warden_zone_rings')
      .values({ zone_id: zone.id, part: 0, ring: 0, shape: ringLiteral(rect(59, 29, 20, 20)) })
      .execute();
    const stationIds = stations.map((s) => s.id);
    await sql`INSERT INTO people (organization_id, external_id, kind, given_name, family_name, recruitment,
        duty_station_id, emergency_contact)
      SELECT ${orgs[0]}::uuid, 'wz-bulk-' || g, 'personnel', 'Bulk', g::text, 'local',
        (${stationIds}::uuid[])[1 + g % ${stationIds.length}], '{}'
      FROM generate_series(1, 10000) g`.execute(db);
    const ids = (
      await db.selectFrom('people').select('id').where('external_id', 'like', 'wz-bulk-%').execute()
    ).map((r) => r.id);
    expect(ids).toHaveLength(10_000);
    const started = Date.now();
    const map = await zonesOfPeople(db, ids);
    const ms = Date.now() - started;
    // Every station lies inside the bulk zone's box; some are also in a station-listed zone, which wins.
    expect(map.size).toBe(10_000);
    for (const id of ids) expect(map.get(id)?.some((z) => z.kind === 'geographic')).toBe(true);
    expect(ms).toBeLessThan(15_000);
    const inZone = await peopleInZone(db, zone.id);
    expect(inZone.length).toBeGreaterThan(0);
    expect(new Set(inZone).size).toBe(inZone.length);
  });
});
