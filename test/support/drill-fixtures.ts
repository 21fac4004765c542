import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/tables';

export interface DrillArea {
  areaCode: string;
  areaId: string;
  organizationIds: string[];
  /** The e-mail address of each member of personnel, in insertion order. */
  emails: string[];
}

/**
 * A crisis-drill population written straight to the tables: `people` members of personnel of three
 * organizations at five duty stations of one Kenyan area, each with an e-mail address (and a phone
 * number with `phones`). Used by the worker-kill fault test and the roll-call benchmark.
 */
export async function seedDrillArea(
  db: Kysely<DB>,
  opts: { people: number; code?: string; phones?: boolean },
): Promise<DrillArea> {
  const code = opts.code ?? 'DRILL-01';
  const orgs = await db
    .insertInto('organizations')
    .values(
      ['A', 'B', 'C'].map((x) => ({
        code: `${code}-ORG${x}`,
        name: `Drill organization ${x}`,
        type: 'agency' as const,
        counted_in_id: null,
      })),
    )
    .returning('id')
    .execute();
  const area = await db
    .insertInto('areas')
    .values({ code, name: `Drill area ${code}`, country_code: 'KEN', polygon: null, pcode: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const stations = await db
    .insertInto('duty_stations')
    .values(
      [0, 1, 2, 3, 4].map((i) => ({
        code: `${code}-S${i}`,
        name: `Drill station ${i}`,
        country_code: 'KEN',
        area_id: area.id,
        lat: -1.28 + i * 0.01,
        lon: 36.82 + i * 0.01,
      })),
    )
    .returning('id')
    .execute();
  const emails: string[] = [];
  const CHUNK = 1000;
  for (let start = 0; start < opts.people; start += CHUNK) {
    const rows = [];
    for (let i = start; i < Math.min(opts.people, start + CHUNK); i++) {
      const email = `drill.${i}@${code.toLowerCase()}.example.org`;
      emails.push(email);
      rows.push({
        organization_id: orgs[i % orgs.length]!.id,
        external_id: `${code}-${i}`,
        kind: 'personnel' as const,
        given_name: `Given${i}`,
        family_name: `Drill${i}`,
        recruitment: i % 3 === 0 ? ('international' as const) : ('local' as const),
        duty_station_id: stations[i % stations.length]!.id,
        email,
        phone: opts.phones ? `+2547${String(10_000_000 + i).padStart(8, '0')}` : null,
        emergency_contact: '{}',
      });
    }
    await db.insertInto('people').values(rows).execute();
  }
  return { areaCode: code, areaId: area.id, organizationIds: orgs.map((o) => o.id), emails };
}
