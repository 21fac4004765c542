/**
 * The only database access of the people module: profiles, dependants, training certificates and
 * courses. Lists take the caller's scope filter (access.ts) so a list never holds a row the
 * caller could not open.
 */
import { type Insertable, type Kysely, type Selectable, sql, type Updateable } from 'kysely';
import type { DB } from '../../db/tables';
import type { ScopeFilter } from '../../server/access/rules';
import { wherePeopleReadable } from './access';

type Db = Kysely<DB>;
export type PersonValues = Insertable<DB['people']>;
export type PersonChanges = Updateable<DB['people']>;
export type CourseRow = Selectable<DB['training_courses']>;

export const personColumns = (db: Db) =>
  db
    .selectFrom('people as p')
    .innerJoin('organizations as o', 'o.id', 'p.organization_id')
    .leftJoin('duty_stations as s', 's.id', 'p.duty_station_id')
    .leftJoin('areas as ra', 'ra.id', 'p.residence_area_id')
    .leftJoin('people as sp', 'sp.id', 'p.sponsor_id')
    .selectAll('p')
    .select([
      'o.code as organization_code',
      's.code as station_code',
      's.name as station_name',
      's.country_code as station_country',
      's.area_id as station_area_id',
      'ra.code as residence_area_code',
      'sp.external_id as sponsor_external_id',
      'sp.user_id as sponsor_user_id',
    ]);
export type PersonRow = Awaited<ReturnType<ReturnType<typeof personColumns>['executeTakeFirstOrThrow']>>;

export const findPerson = (db: Db, id: string) => personColumns(db).where('p.id', '=', id).executeTakeFirst();

export const findPersonByUser = (db: Db, userId: string) =>
  personColumns(db).where('p.user_id', '=', userId).executeTakeFirst();

export const findByExternalId = (db: Db, organizationId: string, externalId: string) =>
  personColumns(db)
    .where('p.organization_id', '=', organizationId)
    .where(sql<string>`lower(p.external_id)`, '=', externalId.toLowerCase())
    .executeTakeFirst();

/** People of one organization by external id (lower-cased keys), for imports. */
export async function peopleByExternalIds(db: Db, organizationId: string, externalIds: string[]) {
  if (externalIds.length === 0) return new Map<string, PersonRow>();
  const rows = await personColumns(db)
    .where('p.organization_id', '=', organizationId)
    .where(
      sql<string>`lower(p.external_id)`,
      'in',
      externalIds.map((e) => e.toLowerCase()),
    )
    .execute();
  return new Map(rows.map((r) => [r.external_id.toLowerCase(), r]));
}

export const dependantsOf = (db: Db, sponsorId: string) =>
  personColumns(db).where('p.sponsor_id', '=', sponsorId).orderBy('p.given_name').orderBy('p.id').execute();

export interface PeopleFilter {
  organizationId?: string;
  stationId?: string;
  country?: string;
  kind?: 'personnel' | 'dependant';
  status?: 'active' | 'separated';
  q?: string;
}

/** One page in (family name, id) order; `limit + 1` rows so the caller knows if more follow. */
export function listPeople(
  db: Db,
  f: PeopleFilter,
  access: { scope: ScopeFilter | null; selfUserId: string | null },
  page: { limit: number; after?: { familyName: string; id: string } },
) {
  const { scope, selfUserId } = access;
  let q = personColumns(db).where((eb) => {
    const ors = scope ? [wherePeopleReadable(eb, scope)] : [];
    // The person themself and the dependants they sponsor, without any grant.
    if (selfUserId) ors.push(eb('p.user_id', '=', selfUserId), eb('sp.user_id', '=', selfUserId));
    return ors.length ? eb.or(ors) : eb.lit(false);
  });
  if (f.organizationId) q = q.where('p.organization_id', '=', f.organizationId);
  if (f.stationId) q = q.where('p.duty_station_id', '=', f.stationId);
  if (f.country) q = q.where('s.country_code', '=', f.country);
  if (f.kind) q = q.where('p.kind', '=', f.kind);
  if (f.status) q = q.where('p.status', '=', f.status);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb(sql<string>`p.family_name || ' ' || p.given_name`, 'ilike', like),
        eb(sql<string>`p.given_name || ' ' || p.family_name`, 'ilike', like),
        eb('p.email', 'ilike', like),
        eb('p.external_id', 'ilike', like),
      ]),
    );
  }
  const after = page.after;
  if (after) {
    q = q.where((eb) =>
      eb.or([
        eb('p.family_name', '>', after.familyName),
        eb.and([eb('p.family_name', '=', after.familyName), eb('p.id', '>', after.id)]),
      ]),
    );
  }
  return q
    .orderBy('p.family_name')
    .orderBy('p.id')
    .limit(page.limit + 1)
    .execute();
}

export async function insertPerson(db: Db, values: PersonValues): Promise<string> {
  const r = await db.insertInto('people').values(values).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** Applies changes when the row is still at `version`; false when someone changed it since. */
export async function updatePerson(db: Db, id: string, version: number, changes: PersonChanges) {
  const r = await db
    .updateTable('people')
    .set({ ...changes, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return r.numUpdatedRows === 1n;
}

// ---- reference lookups for forms and imports ---------------------------------------------------

export const stationsByCodes = (db: Db, codes: string[]) =>
  codes.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('duty_stations')
        .select(['id', 'code', 'country_code', 'area_id'])
        .where(
          sql<string>`lower(code)`,
          'in',
          codes.map((c) => c.toLowerCase()),
        )
        .execute();

export const areasByCodes = (db: Db, codes: string[]) =>
  codes.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('areas')
        .select(['id', 'code', 'country_code'])
        .where(
          sql<string>`lower(code)`,
          'in',
          codes.map((c) => c.toLowerCase()),
        )
        .execute();

export const allOrganizations = (db: Db) => db.selectFrom('organizations').select(['id', 'code']).execute();

export const organizationsByCodes = (db: Db, codes: string[]) =>
  codes.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('organizations')
        .select(['id', 'code'])
        .where(
          sql<string>`lower(code)`,
          'in',
          codes.map((c) => c.toLowerCase()),
        )
        .execute();

// ---- training ----------------------------------------------------------------------------------

export const listCourses = (db: Db) =>
  db.selectFrom('training_courses').selectAll().orderBy('code').execute();

export async function updateCourse(
  db: Db,
  code: string,
  version: number,
  changes: { name?: string; validity_months?: number | null },
) {
  const r = await db
    .updateTable('training_courses')
    .set({ ...changes, version: sql`version + 1`, updated_at: sql`now()` })
    .where('code', '=', code)
    .where('version', '=', version)
    .executeTakeFirst();
  return r.numUpdatedRows === 1n;
}

export const certificatesOf = (db: Db, personIds: readonly string[]) =>
  personIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('training_certificates')
        .select(['person_id', 'course_code', 'completed_on', 'expires_on', 'certificate_ref'])
        .where('person_id', 'in', personIds)
        .orderBy('person_id')
        .orderBy('course_code')
        .orderBy('completed_on')
        .execute();

/** Records a certificate; a second record of the same completion changes nothing (null then). */
export async function insertCertificate(db: Db, values: Insertable<DB['training_certificates']>) {
  const r = await db
    .insertInto('training_certificates')
    .values(values)
    .onConflict((oc) => oc.columns(['person_id', 'course_code', 'completed_on']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return r?.id ?? null;
}

/**
 * Counts per course and state of an organization's active people at a date, in SQL so a report on
 * 100,000 people does not load their certificates. Same rule as rules.trainingState: the
 * certificate that counts is the longest-valid completed by the date.
 */
export async function trainingCounts(
  db: Db,
  organizationId: string,
  at: string,
  soon: string,
  course?: string,
) {
  const { rows } = await sql<{ course: string; state: string; n: number }>`
    with best as (
      select t.person_id, t.course_code, bool_or(t.expires_on is null) as forever, max(t.expires_on) as expires
      from training_certificates t join people p on p.id = t.person_id
      where p.organization_id = ${organizationId} and p.status = 'active' and t.completed_on <= ${at}::date
      group by 1, 2)
    select c.code as course,
      case when b.person_id is null then 'missing' when b.forever then 'valid'
           when b.expires < ${at}::date then 'expired' when b.expires < ${soon}::date then 'expiring'
           else 'valid' end as state,
      count(*)::int as n
    from people p cross join training_courses c
    left join best b on b.person_id = p.id and b.course_code = c.code
    where p.organization_id = ${organizationId} and p.status = 'active'
      ${course ? sql`and c.code = ${course}` : sql``}
    group by 1, 2`.execute(db);
  return rows;
}

export async function upsertCourse(
  db: Db,
  c: { code: string; name: string; validity_months: number | null; version?: number },
) {
  if (c.version === undefined) {
    const r = await db
      .insertInto('training_courses')
      .values({ code: c.code, name: c.name, validity_months: c.validity_months, updated_at: sql`now()` })
      .onConflict((oc) => oc.column('code').doNothing())
      .returning('code')
      .executeTakeFirst();
    return r !== undefined;
  }
  return updateCourse(db, c.code, c.version, { name: c.name, validity_months: c.validity_months });
}

export const findCourse = (db: Db, code: string) =>
  db
    .selectFrom('training_courses')
    .selectAll()
    .where(sql<string>`upper(code)`, '=', code.toUpperCase())
    .executeTakeFirst();

/** Active or not, the people with this e-mail (case-insensitive). */
export const peopleByEmail = (db: Db, email: string) =>
  personColumns(db).where(sql<string>`lower(p.email)`, '=', email.toLowerCase()).execute();
