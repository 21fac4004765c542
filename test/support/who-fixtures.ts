import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/tables';

/**
 * People and travel written straight to the tables for who-is-where tests: the people and travel
 * services are built in parallel, and these tests are about reading presence, not about filing.
 */
export async function insertPerson(
  db: Kysely<DB>,
  p: {
    organizationId: string;
    stationId: string | null;
    name: string;
    kind?: 'personnel' | 'dependant';
    sponsorId?: string;
    recruitment?: 'international' | 'local';
    status?: 'active' | 'separated';
    userId?: string;
  },
): Promise<string> {
  const [given, family = 'Test'] = p.name.split(' ');
  const row = await db
    .insertInto('people')
    .values({
      organization_id: p.organizationId,
      external_id: p.name,
      kind: p.kind ?? 'personnel',
      sponsor_id: p.sponsorId ?? null,
      given_name: given as string,
      family_name: family,
      recruitment: p.recruitment ?? 'international',
      duty_station_id: p.stationId,
      status: p.status ?? 'active',
      user_id: p.userId ?? null,
      emergency_contact: '{}',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

let refs = 0;

/** A travel request of one segment (its status copied to the segment, as the travel module does). */
export async function insertTrip(
  db: Kysely<DB>,
  t: {
    personId: string;
    countryCode: string;
    areaId: string;
    stationId?: string;
    arrivesAt: Date;
    departsAt: Date;
    status: 'cleared' | 'pending' | 'refused' | 'cancelled';
    leavesAirport?: boolean;
    lat?: number;
    lon?: number;
  },
): Promise<string> {
  const reference = `TR-TEST-${++refs}`;
  const req = await db
    .insertInto('travel_requests')
    .values({
      reference,
      person_id: t.personId,
      travel_type: 'official',
      purpose: 'mission',
      pc_level: null,
      requested_by: null,
      decided_by: null,
      decision: null,
      reasons: '[]',
      status: t.status,
      starts_on: t.arrivesAt.toISOString().slice(0, 10),
      ends_on: t.departsAt.toISOString().slice(0, 10),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('travel_segments')
    .values({
      request_id: req.id,
      person_id: t.personId,
      position: 1,
      country_code: t.countryCode,
      area_id: t.areaId,
      station_id: t.stationId ?? null,
      lat: t.lat ?? null,
      lon: t.lon ?? null,
      arrives_at: t.arrivesAt,
      departs_at: t.departsAt,
      stopover: t.leavesAirport === false,
      leaves_airport: t.leavesAirport ?? true,
      status: t.status,
    })
    .execute();
  return reference;
}
