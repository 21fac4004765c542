/**
 * The realistic mix of the load test, on a database holding the small demo: what a platform sees in
 * a busy day of a crisis. Readers (a global security professional) read advisories and assessments,
 * incident lists and statistics, who-is-where, the SRM dashboard and people; field staff record
 * incidents and ask for travel clearance. The users are created through the users service; the
 * traveller is a personnel login linked to a personnel profile, as the demo's are.
 */
import { sql } from 'kysely';
import type { Database } from '../../src/db/engine';
import { CATEGORIES } from '../../src/modules/incidents/rules';
import { addGrant, createUser } from '../../src/modules/users/users.service';
import { SYSTEM_PRINCIPAL } from '../../src/server/auth/principal';
import type { MixKind, MixRequest } from './mix';

const PASSWORD = 'load-password-123';
const ACTOR = { principal: SYSTEM_PRINCIPAL, requestId: 'load' };

/** Signs in over HTTP and returns the Cookie header value of the session. */
export async function signInHttp(base: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('smin_session='));
  if (!cookie) throw new Error(`login ${username}: no session cookie`);
  return cookie.split(';')[0]!;
}

export interface MixData {
  advisoryIds: string[];
  assessmentIds: string[];
  areaCodes: string[];
  countries: string[];
  stations: { code: string; countryCode: string; lat: number; lon: number }[];
  organizationCodes: string[];
  categoryCodes: string[];
  peopleNames: string[];
}

/** Reads the identifiers the mix's requests need from the seeded database. */
export async function mixData(database: Database): Promise<MixData> {
  const db = database.db;
  const col = async <T>(q: { execute(): Promise<T[]> }) => await q.execute();
  const advisories = await col(db.selectFrom('travel_advisories').select('id').limit(200));
  const assessments = await col(db.selectFrom('threat_assessments').select('id').limit(200));
  const areas = await col(db.selectFrom('areas').select(['code', 'country_code']).limit(200));
  const stations = (
    await sql<{ code: string; country_code: string; lat: number; lon: number }>`
      SELECT s.code, a.country_code, s.lat, s.lon FROM duty_stations s JOIN areas a ON a.id = s.area_id
      WHERE s.lat IS NOT NULL AND s.lon IS NOT NULL LIMIT 100`.execute(db)
  ).rows;
  const organizations = await col(db.selectFrom('organizations').select('code').limit(50));
  const people = await col(db.selectFrom('people').select('family_name').distinct().limit(50));
  const data: MixData = {
    advisoryIds: advisories.map((r) => r.id),
    assessmentIds: assessments.map((r) => r.id),
    areaCodes: areas.map((r) => r.code),
    countries: [...new Set(areas.map((r) => r.country_code))],
    stations: stations.map((s) => ({
      code: s.code,
      countryCode: s.country_code,
      lat: Number(s.lat),
      lon: Number(s.lon),
    })),
    organizationCodes: organizations.map((r) => r.code),
    // Categories of organization-relevant incidents that need no premises code.
    categoryCodes: CATEGORIES.filter((c) => !c.premisesOnly && c.nature !== 'situational').map((c) => c.code),
    peopleNames: people.map((r) => r.family_name.slice(0, 4)).filter((n) => n.length >= 2),
  };
  for (const [k, v] of Object.entries(data))
    if (!(v as unknown[]).length) throw new Error(`load mix: no ${k} in the seeded database`);
  return data;
}

export interface MixUsers {
  reader: string;
  reporter: string;
  traveller: string;
}

/**
 * The mix's users: a global security professional who reads and records incidents, and a
 * personnel login with a personnel profile (the first demo profile with a duty station) who asks
 * for travel. Returns their session cookies.
 */
export async function mixUsers(database: Database, base: string, prefix = 'load'): Promise<MixUsers> {
  const db = database.db;
  const analyst = await createUser(db, ACTOR, {
    username: `${prefix}.analyst`,
    displayName: 'Load analyst',
    password: PASSWORD,
  });
  await addGrant(db, ACTOR, analyst.id, {
    role: 'security_professional',
    scopeType: 'global',
    scopeId: null,
  });
  const profile = await db
    .selectFrom('people')
    .innerJoin('organizations', 'organizations.id', 'people.organization_id')
    .select(['people.id', 'organizations.code'])
    .where('people.kind', '=', 'personnel')
    .where('people.user_id', 'is', null)
    .where('people.duty_station_id', 'is not', null)
    .orderBy('people.id')
    .executeTakeFirstOrThrow();
  const staff = await createUser(db, ACTOR, {
    username: `${prefix}.staff`,
    displayName: 'Load traveller',
    organizationCode: profile.code,
    password: PASSWORD,
  });
  await addGrant(db, ACTOR, staff.id, {
    role: 'personnel',
    scopeType: 'organization',
    scopeId: profile.code,
  });
  await db.updateTable('people').set({ user_id: staff.id }).where('id', '=', profile.id).execute();
  const reader = await signInHttp(base, `${prefix}.analyst`, PASSWORD);
  return { reader, reporter: reader, traveller: await signInHttp(base, `${prefix}.staff`, PASSWORD) };
}

/** Cycles through a list. */
function cycle<T>(items: T[]) {
  let i = 0;
  return () => items[i++ % items.length] as T;
}

function isoDay(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The mix, by weight in percent: 40 advisories and assessments, 15 incident lists and statistics,
 * 10 who-is-where, 10 SRM dashboard, 10 people search, 10 incident reports, 5 travel requests.
 * `acknowledged` hooks let a caller keep the ids of the writes the server confirmed.
 */
export function mixKinds(
  data: MixData,
  users: MixUsers,
  hooks: { incident?(id: string): void; travel?(id: string): void } = {},
): MixKind[] {
  const read = (path: string): MixRequest => ({ method: 'GET', path, headers: { cookie: users.reader } });
  const advisory = cycle(data.advisoryIds);
  const assessment = cycle(data.assessmentIds);
  const area = cycle(data.areaCodes);
  const country = cycle(data.countries);
  const station = cycle(data.stations);
  const person = cycle(data.peopleNames);
  const organization = cycle(data.organizationCodes);
  const category = cycle(data.categoryCodes);
  let n = 0;
  const advisoryReads = [
    () => read('/api/advisories'),
    () => read(`/api/advisories/${advisory()}`),
    () => read(`/api/advisories?country=${country()}`),
  ];
  const assessmentReads = [
    () => read(`/api/threats/assessments/${assessment()}`),
    () => read(`/api/threats/areas/${area()}/assessments`),
  ];
  const incidentReads = [
    () => read(`/api/incidents?country=${country()}&limit=50`),
    () => read('/api/incidents?limit=50'),
    () => read('/api/incidents/stats?by=country,year'),
    () => read('/api/incidents/stats?by=category'),
    () => read('/api/incidents/reports/personnel-affected?from=2016&to=2026'),
  ];
  const whoReads = [
    () => read(`/api/who?country=${country()}`),
    () => read(`/api/who?area=${area()}`),
    () => {
      const s = station();
      return read(`/api/who?near=${s.lat},${s.lon},50`);
    },
  ];
  const peopleReads = [
    () => read(`/api/people?q=${encodeURIComponent(person())}`),
    () => read(`/api/people?country=${country()}`),
  ];
  const rotate = (list: (() => MixRequest)[]) => {
    const next = cycle(list);
    return () => next()();
  };
  return [
    { name: 'advisories (list, one, by country)', weight: 20, next: rotate(advisoryReads) },
    { name: 'threat assessments (one, by area)', weight: 20, next: rotate(assessmentReads) },
    { name: 'incident lists and statistics', weight: 15, next: rotate(incidentReads) },
    { name: 'who-is-where (country, area, 50 km)', weight: 10, next: rotate(whoReads) },
    { name: 'SRM dashboard', weight: 10, next: () => read('/api/srm/dashboard') },
    { name: 'people search', weight: 10, next: rotate(peopleReads) },
    {
      name: 'POST /api/incidents',
      weight: 10,
      ok: [201],
      next: () => {
        const s = station();
        const i = ++n;
        return {
          method: 'POST',
          path: '/api/incidents',
          headers: { cookie: users.reporter },
          body: {
            occurredOn: isoDay(-(i % 30)),
            countryCode: s.countryCode,
            stationCode: s.code,
            lat: s.lat,
            lon: s.lon,
            categoryCode: category(),
            title: `Load test incident ${i}`,
            narrative: 'Recorded by the load test.',
            organizationCodes: [organization()],
          },
        };
      },
      acknowledged: (body) => hooks.incident?.((body as { id: string }).id),
    },
    {
      name: 'POST /api/travel/requests',
      weight: 5,
      ok: [201],
      next: () => {
        const start = 7 + (++n % 60);
        return {
          method: 'POST',
          path: '/api/travel/requests',
          headers: { cookie: users.traveller },
          body: {
            travelType: 'official',
            purpose: 'Field mission (load test)',
            pcLevel: 2,
            segments: [
              {
                areaCode: area(),
                arrivesAt: `${isoDay(start)}T08:00:00Z`,
                departsAt: `${isoDay(start + 2)}T18:00:00Z`,
              },
            ],
          },
        };
      },
      acknowledged: (body) => hooks.travel?.((body as { id: string }).id),
    },
  ];
}
