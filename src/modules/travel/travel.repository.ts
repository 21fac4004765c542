/**
 * The only database access of travel requests and clearance rules. Lists take the caller's read
 * condition (`TravelReadScope`) so a list never holds a request the caller could not open.
 */
import { type ExpressionBuilder, type Insertable, type Kysely, type Selectable, sql } from 'kysely';
import type { DB } from '../../db/tables';
import type { ScopeFilter } from '../../server/access/rules';

type Db = Kysely<DB>;
export type RuleRow = Selectable<DB['clearance_rules']> & { area_code: string | null };
export type SegmentValues = Omit<Insertable<DB['travel_segments']>, 'request_id' | 'person_id' | 'status'>;

export async function nextReference(db: Db, year: number): Promise<string> {
  const { rows } = await sql<{ n: number }>`select nextval('travel_reference_seq') as n`.execute(db);
  return `TRV-${year}-${String(rows[0]!.n).padStart(6, '0')}`;
}

/**
 * Serializes clearance decisions for one rule's scope within the transaction: two travellers
 * cleared at once must not both take the last place under the DO's maximum.
 */
export async function lockQuota(trx: Db, key: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`travel.quota:${key}`}))`.execute(trx);
}

const ruleColumns = (db: Db) =>
  db
    .selectFrom('clearance_rules as c')
    .leftJoin('areas as a', 'a.id', 'c.area_id')
    .selectAll('c')
    .select('a.code as area_code');

/** Every rule (country-wide and per area) of these countries. */
export const rulesOfCountries = (db: Db, countryCodes: string[]): Promise<RuleRow[]> =>
  countryCodes.length === 0
    ? Promise.resolve([])
    : ruleColumns(db).where('c.country_code', 'in', countryCodes).execute();

export function listRules(db: Db, country?: string): Promise<RuleRow[]> {
  let q = ruleColumns(db);
  if (country) q = q.where('c.country_code', '=', country);
  return q
    .orderBy('c.country_code')
    .orderBy('a.code', (o) => o.nullsFirst())
    .execute();
}

export const findRule = (db: Db, countryCode: string, areaId: string | null) =>
  ruleColumns(db)
    .where('c.country_code', '=', countryCode)
    .where((eb) => (areaId ? eb('c.area_id', '=', areaId) : eb('c.area_id', 'is', null)))
    .executeTakeFirst();

export async function insertRule(db: Db, v: Insertable<DB['clearance_rules']>) {
  const { id } = await db.insertInto('clearance_rules').values(v).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Replaces a rule at the version read; undefined when someone changed it since. */
export const updateRule = (
  db: Db,
  id: string,
  readVersion: number,
  v: Omit<Insertable<DB['clearance_rules']>, 'country_code' | 'area_id'>,
) =>
  db
    .updateTable('clearance_rules')
    .set({ ...v, version: sql`version + 1`, updated_at: new Date() })
    .where('id', '=', id)
    .where('version', '=', readVersion)
    .returning('id')
    .executeTakeFirst();

/** Course codes among `codes` that are configured (training_courses is read-only here). */
export async function knownCourses(db: Db, codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db.selectFrom('training_courses').select('code').where('code', 'in', codes).execute();
  return new Set(rows.map((r) => r.code));
}

/**
 * Other people with cleared travel in a rule's scope (an area, or a whole country for a
 * country-wide rule) at times overlapping [from, to).
 */
export async function clearedOverlapping(
  db: Db,
  w: { countryCode: string; areaId: string | null; from: Date; to: Date; excludePersonId: string },
): Promise<number> {
  let q = db
    .selectFrom('travel_segments')
    .select((eb) => eb.fn.count<string>('person_id').distinct().as('n'))
    .where('status', '=', 'cleared')
    .where('person_id', '<>', w.excludePersonId)
    .where('arrives_at', '<', w.to)
    .where('departs_at', '>', w.from)
    // An airside connection does not put anyone in the area.
    .where((eb) => eb.or([eb('stopover', '=', false), eb('leaves_airport', '=', true)]));
  q = w.areaId ? q.where('area_id', '=', w.areaId) : q.where('country_code', '=', w.countryCode);
  const row = await q.executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertRequest(db: Db, v: Insertable<DB['travel_requests']>) {
  const { id } = await db.insertInto('travel_requests').values(v).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function insertSegments(
  db: Db,
  requestId: string,
  personId: string,
  status: string,
  rows: SegmentValues[],
) {
  await db
    .insertInto('travel_segments')
    .values(rows.map((r) => ({ ...r, request_id: requestId, person_id: personId, status })))
    .execute();
}

/**
 * Sets a request's status (and decision) at the version read, and its segments' copy of the
 * status in the same statement order, so who-is-where never sees the two disagree.
 */
export async function setStatus(
  db: Db,
  id: string,
  readVersion: number,
  v: {
    status: DB['travel_requests']['status'];
    decision?: 'automatic' | 'manual';
    decided_by?: string | null;
    decided_at?: Date;
    reasons?: string[];
  },
) {
  const { reasons, ...rest } = v;
  const row = await db
    .updateTable('travel_requests')
    .set({
      ...rest,
      ...(reasons ? { reasons: JSON.stringify(reasons) } : {}),
      version: sql`version + 1`,
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .where('version', '=', readVersion)
    .returning('id')
    .executeTakeFirst();
  if (!row) return false;
  await db.updateTable('travel_segments').set({ status: v.status }).where('request_id', '=', id).execute();
  return true;
}

const requestColumns = (db: Db) =>
  db
    .selectFrom('travel_requests as r')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .innerJoin('organizations as o', 'o.id', 'p.organization_id')
    .leftJoin('people as sp', 'sp.id', 'p.sponsor_id')
    .selectAll('r')
    .select([
      'p.given_name',
      'p.family_name',
      'p.email as person_email',
      'p.user_id as person_user_id',
      'sp.user_id as sponsor_user_id',
      'p.organization_id',
      'o.code as organization_code',
    ]);
export type RequestRow = Awaited<ReturnType<ReturnType<typeof requestColumns>['executeTakeFirstOrThrow']>>;

export const findRequest = (db: Db, id: string) =>
  requestColumns(db).where('r.id', '=', id).executeTakeFirst();

export async function segmentsOf(db: Db, requestIds: string[]) {
  if (requestIds.length === 0) return [];
  return db
    .selectFrom('travel_segments as s')
    .innerJoin('areas as a', 'a.id', 's.area_id')
    .innerJoin('countries as c', 'c.code', 's.country_code')
    .leftJoin('duty_stations as d', 'd.id', 's.station_id')
    .selectAll('s')
    .select([
      'a.code as area_code',
      'a.name as area_name',
      'c.name as country_name',
      'd.code as station_code',
    ])
    .where('s.request_id', 'in', requestIds)
    .orderBy('s.request_id')
    .orderBy('s.position')
    .execute();
}
export type SegmentRow = Awaited<ReturnType<typeof segmentsOf>>[number];

/** Who may read travel: a scope filter for travel.read, and the caller themself. */
export interface TravelReadScope {
  filter: ScopeFilter | null;
  userId: string | null;
}

type R = ExpressionBuilder<
  DB & { r: DB['travel_requests']; p: DB['people']; sp: DB['people'] },
  'r' | 'p' | 'sp'
>;

/**
 * Organizations read all their people's travel wherever it goes; countries and areas the travel
 * that goes there; a person their own, their dependants' and what they filed.
 */
function whereReadable(eb: R, s: TravelReadScope) {
  const f = s.filter;
  if (f?.global) return eb.lit(true);
  const ors = [];
  if (f?.organizationIds.length) ors.push(eb('p.organization_id', 'in', f.organizationIds));
  const places = [
    ...(f?.countryCodes.length ? [['country_code', f.countryCodes] as const] : []),
    ...(f?.areaIds.length ? [['area_id', f.areaIds] as const] : []),
  ];
  for (const [column, values] of places) {
    ors.push(
      eb.exists(
        eb
          .selectFrom('travel_segments as x')
          .select('x.id')
          .whereRef('x.request_id', '=', 'r.id')
          .where(`x.${column}`, 'in', values as string[]),
      ),
    );
  }
  if (s.userId) {
    ors.push(
      eb('p.user_id', '=', s.userId),
      eb('sp.user_id', '=', s.userId),
      eb('r.requested_by', '=', s.userId),
    );
  }
  return ors.length ? eb.or(ors) : eb.lit(false);
}

export interface ListFilter {
  status?: string;
  country?: string;
  organizationId?: string;
  personId?: string;
  from?: string;
  to?: string;
}

export function listRequests(
  db: Db,
  f: ListFilter,
  scope: TravelReadScope,
  page: { limit: number; after?: { createdAt: string; id: string } },
) {
  let q = requestColumns(db).where((eb) => whereReadable(eb, scope));
  if (f.status) q = q.where('r.status', '=', f.status as RequestRow['status']);
  if (f.organizationId) q = q.where('p.organization_id', '=', f.organizationId);
  if (f.personId) q = q.where('r.person_id', '=', f.personId);
  if (f.from) q = q.where('r.ends_on', '>=', f.from);
  if (f.to) q = q.where('r.starts_on', '<=', f.to);
  if (f.country) {
    const country = f.country;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('travel_segments as x')
          .select('x.id')
          .whereRef('x.request_id', '=', 'r.id')
          .where('x.country_code', '=', country),
      ),
    );
  }
  if (page.after) {
    const a = page.after;
    q = q.where((eb) =>
      eb.or([
        eb('r.created_at', '<', new Date(a.createdAt)),
        eb.and([eb('r.created_at', '=', new Date(a.createdAt)), eb('r.id', '<', a.id)]),
      ]),
    );
  }
  return q
    .orderBy('r.created_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(page.limit + 1)
    .execute();
}

/** Pending requests with a segment in these countries or areas, oldest first. */
export function pendingIn(db: Db, f: ScopeFilter, limit: number) {
  return requestColumns(db)
    .where('r.status', '=', 'pending')
    .where((eb) =>
      f.global
        ? eb.lit(true)
        : eb.exists(
            eb
              .selectFrom('travel_segments as x')
              .select('x.id')
              .whereRef('x.request_id', '=', 'r.id')
              .where((e) =>
                e.or([
                  ...(f.countryCodes.length ? [e('x.country_code', 'in', f.countryCodes)] : []),
                  ...(f.areaIds.length ? [e('x.area_id', 'in', f.areaIds)] : []),
                  e.lit(false),
                ]),
              ),
          ),
    )
    .orderBy('r.created_at')
    .orderBy('r.id')
    .limit(limit)
    .execute();
}

/** The receiving security office: the DO and security professionals of a country or area. */
export function securityOffice(db: Db, countryCode: string, areaIds: string[]) {
  return db
    .selectFrom('role_grants as g')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .select(['u.id', 'u.email', 'u.display_name', 'g.role'])
    .where('u.status', '=', 'active')
    .where((eb) =>
      eb.or([
        eb.and([
          eb('g.role', 'in', ['designated_official', 'security_professional']),
          eb('g.scope_type', '=', 'country'),
          eb('g.scope_id', '=', countryCode),
        ]),
        ...(areaIds.length
          ? [
              eb.and([
                eb('g.role', '=', 'security_professional'),
                eb('g.scope_type', '=', 'area'),
                eb('g.scope_id', 'in', areaIds),
              ]),
            ]
          : []),
      ]),
    )
    .orderBy('g.role')
    .orderBy('u.display_name')
    .execute();
}

export const usersByIds = (db: Db, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db.selectFrom('users').select(['id', 'email', 'display_name']).where('id', 'in', ids).execute();
