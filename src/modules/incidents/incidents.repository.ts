import {
  type Expression,
  type ExpressionBuilder,
  type Insertable,
  type Kysely,
  type SqlBool,
  sql,
  type Updateable,
} from 'kysely';
import type { DB } from '../../db/tables';
import { type IncidentReadScope, whereReadable } from './access';

type Db = Kysely<DB>;
export type IncidentValues = Insertable<DB['incidents']>;
export type PersonnelValues = Omit<Insertable<DB['incident_personnel']>, 'incident_id'>;
export type ImpactValues = Omit<Insertable<DB['incident_impacts']>, 'incident_id'>;

// ---- references --------------------------------------------------------------------------------

/** INC-2026-000123: the year the event happened and a number no other writer can take. */
export async function nextReference(db: Db, year: number): Promise<string> {
  const { rows } = await sql<{ n: number }>`select nextval('incident_reference_seq') as n`.execute(db);
  return `INC-${year}-${String(rows[0]!.n).padStart(6, '0')}`;
}

export const countryBoundary = (db: Db, code: string) =>
  db.selectFrom('countries').select(['code', 'name', 'boundary']).where('code', '=', code).executeTakeFirst();

export const organizationsByCodes = (db: Db, codes: string[]) =>
  codes.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('organizations')
        .select(['id', 'code', 'name'])
        .where(
          sql<string>`lower(code)`,
          'in',
          codes.map((c) => c.toLowerCase()),
        )
        .execute();

export const premisesByCodes = (db: Db, codes: string[]) =>
  codes.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('premises as p')
        .innerJoin('duty_stations as s', 's.id', 'p.station_id')
        .select(['p.id', 'p.code', 'p.name', 'p.organization_id', 's.country_code'])
        .where(
          sql<string>`lower(p.code)`,
          'in',
          codes.map((c) => c.toLowerCase()),
        )
        .execute();

// ---- incidents ---------------------------------------------------------------------------------

const incidentColumns = (db: Db) =>
  db
    .selectFrom('incidents as i')
    .leftJoin('areas as a', 'a.id', 'i.area_id')
    .leftJoin('duty_stations as s', 's.id', 'i.station_id')
    .leftJoin('organizations as ro', 'ro.id', 'i.reporting_org_id')
    .selectAll('i')
    .select([
      'a.code as area_code',
      'a.name as area_name',
      's.code as station_code',
      's.name as station_name',
      'ro.code as reporting_org_code',
      'ro.name as reporting_org_name',
    ]);
export type IncidentRow = Awaited<ReturnType<ReturnType<typeof incidentColumns>['executeTakeFirstOrThrow']>>;

export const findIncident = (db: Db, id: string) =>
  incidentColumns(db).where('i.id', '=', id).executeTakeFirst();

export const findBySource = (db: Db, source: 'sind' | 'hxl', sourceId: string) =>
  incidentColumns(db).where('i.source', '=', source).where('i.source_id', '=', sourceId).executeTakeFirst();

export const insertIncident = (db: Db, v: IncidentValues) =>
  db.insertInto('incidents').values(v).returning('id').executeTakeFirstOrThrow();

/** Optimistic update: undefined when the version moved on. */
export const updateIncident = (db: Db, id: string, version: number, v: Updateable<DB['incidents']>) =>
  db
    .updateTable('incidents')
    .set({ ...v, version: sql`version + 1`, revision: sql`revision + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning(['id', 'revision'])
    .executeTakeFirst();

export const setComplex = (db: Db, id: string, complexId: string) =>
  db.updateTable('incidents').set({ complex_id: complexId }).where('id', '=', id).execute();

export const linkedEvents = (db: Db, complexId: string, selfId: string) =>
  db
    .selectFrom('incidents')
    .select(['id', 'reference', 'title', 'country_code', 'area_id', 'created_by'])
    .where('complex_id', '=', complexId)
    .where('id', '<>', selfId)
    .orderBy('occurred_on')
    .orderBy('reference')
    .execute();

export const organizationsOf = (db: Db, incidentIds: string[]) =>
  incidentIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('incident_organizations as io')
        .innerJoin('organizations as o', 'o.id', 'io.organization_id')
        .select(['io.incident_id', 'o.id', 'o.code', 'o.name'])
        .where('io.incident_id', 'in', incidentIds)
        .orderBy('o.code')
        .execute();

export const personnelOf = (db: Db, incidentId: string) =>
  db
    .selectFrom('incident_personnel as p')
    .leftJoin('organizations as o', 'o.id', 'p.organization_id')
    .selectAll('p')
    .select(['o.code as organization_code', 'o.name as organization_name'])
    .where('p.incident_id', '=', incidentId)
    .orderBy('p.outcome')
    .orderBy('p.personnel_category')
    .orderBy('p.sex')
    .orderBy('p.id')
    .execute();
export type PersonnelRow = Awaited<ReturnType<typeof personnelOf>>[number];

export const impactsOf = (db: Db, incidentId: string) =>
  db
    .selectFrom('incident_impacts as m')
    .leftJoin('organizations as o', 'o.id', 'm.organization_id')
    .leftJoin('premises as p', 'p.id', 'm.premises_id')
    .selectAll('m')
    .select([
      'o.code as organization_code',
      'o.name as organization_name',
      'p.code as premises_code',
      'p.name as premises_name',
    ])
    .where('m.incident_id', '=', incidentId)
    .orderBy('m.kind')
    .orderBy('m.id')
    .execute();
export type ImpactRow = Awaited<ReturnType<typeof impactsOf>>[number];

/** Replaces the impacts and affected organizations of an incident (the form sends them whole). */
export async function replaceChildren(
  db: Db,
  incidentId: string,
  c: { organizationIds: string[]; personnel: PersonnelValues[]; impacts: ImpactValues[] },
  opts: { fresh?: boolean } = {},
) {
  if (!opts.fresh) {
    await db.deleteFrom('incident_organizations').where('incident_id', '=', incidentId).execute();
    await db.deleteFrom('incident_personnel').where('incident_id', '=', incidentId).execute();
    await db.deleteFrom('incident_impacts').where('incident_id', '=', incidentId).execute();
  }
  if (c.organizationIds.length) {
    await db
      .insertInto('incident_organizations')
      .values(c.organizationIds.map((organization_id) => ({ incident_id: incidentId, organization_id })))
      .execute();
  }
  if (c.personnel.length) {
    await db
      .insertInto('incident_personnel')
      .values(c.personnel.map((p) => ({ ...p, incident_id: incidentId })))
      .execute();
  }
  if (c.impacts.length) {
    await db
      .insertInto('incident_impacts')
      .values(c.impacts.map((m) => ({ ...m, incident_id: incidentId })))
      .execute();
  }
}

// ---- lists -------------------------------------------------------------------------------------

export interface IncidentFilter {
  country?: string | undefined;
  areaId?: string | undefined;
  organizationId?: string | undefined;
  categoryCode?: string | undefined;
  relevance?: 'organization' | 'situational' | 'near_miss' | undefined;
  from?: string | undefined;
  to?: string | undefined;
  q?: string | undefined;
}

/** The list's filters as one condition on `incidents as i`; lists and exports share it. */
export function whereFilter(eb: ExpressionBuilder<DB & { i: DB['incidents'] }, 'i'>, f: IncidentFilter) {
  const all: Expression<SqlBool>[] = [];
  if (f.country) all.push(eb('i.country_code', '=', f.country));
  if (f.areaId) all.push(eb('i.area_id', '=', f.areaId));
  if (f.categoryCode) all.push(eb('i.category_code', '=', f.categoryCode));
  if (f.relevance) all.push(eb('i.relevance', '=', f.relevance));
  if (f.from) all.push(eb('i.occurred_on', '>=', f.from));
  if (f.to) all.push(eb('i.occurred_on', '<=', f.to));
  if (f.organizationId) {
    all.push(
      eb.exists(
        eb
          .selectFrom('incident_organizations as fo')
          .select('fo.incident_id')
          .whereRef('fo.incident_id', '=', 'i.id')
          .where('fo.organization_id', '=', f.organizationId),
      ),
    );
  }
  return eb.and(all);
}

/** Newest first, keyset-paged on (occurred_on, id) so deep pages stay as fast as the first. */
export function listIncidents(
  db: Db,
  f: IncidentFilter,
  scope: IncidentReadScope,
  page: { limit: number; after?: { occurredOn: string; id: string } | undefined },
) {
  let q = db
    .selectFrom('incidents as i')
    .leftJoin('areas as a', 'a.id', 'i.area_id')
    .select([
      'i.id',
      'i.reference',
      'i.occurred_on',
      'i.country_code',
      'a.code as area_code',
      'i.lat',
      'i.lon',
      'i.category_code',
      'i.nature',
      'i.relevance',
      'i.title',
      'i.affected',
      'i.killed',
      'i.injured',
      'i.kidnapped',
      'i.arrested',
      'i.source',
      'i.revision',
      'i.updated_at',
    ])
    .where((eb) => whereReadable(eb, scope))
    .where((eb) => whereFilter(eb, f));
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('i.title', 'ilike', like), eb('i.reference', 'ilike', like)]));
  }
  if (page.after) {
    const { occurredOn, id } = page.after;
    q = q.where((eb) =>
      eb.or([
        eb('i.occurred_on', '<', occurredOn),
        eb.and([eb('i.occurred_on', '=', occurredOn), eb('i.id', '<', id)]),
      ]),
    );
  }
  return q
    .orderBy('i.occurred_on', 'desc')
    .orderBy('i.id', 'desc')
    .limit(page.limit + 1)
    .execute();
}
export type IncidentListRow = Awaited<ReturnType<typeof listIncidents>>[number];

// ---- revisions ---------------------------------------------------------------------------------

export const insertRevision = (
  db: Db,
  v: { incidentId: string; number: number; changedBy: string | null; reason: string; changes: unknown },
) =>
  db
    .insertInto('incident_revisions')
    .values({
      incident_id: v.incidentId,
      number: v.number,
      changed_by: v.changedBy,
      reason: v.reason,
      changes: JSON.stringify(v.changes),
    })
    .execute();

export const revisionsOf = (db: Db, incidentId: string) =>
  db
    .selectFrom('incident_revisions as r')
    .leftJoin('users as u', 'u.id', 'r.changed_by')
    .select(['r.number', 'r.changed_at', 'r.reason', 'r.changes', 'u.display_name as changed_by_name'])
    .where('r.incident_id', '=', incidentId)
    .orderBy('r.number', 'desc')
    .execute();

// ---- notification recipients -------------------------------------------------------------------

/**
 * Active users with an e-mail address who must hear of an incident: the Designated Official and
 * the security office of the country (or of the area), and the security focal points of the
 * organizations affected.
 */
export function notificationRecipients(
  db: Db,
  where: { countryCode: string; areaId: string | null; organizationIds: string[] },
) {
  return db
    .selectFrom('role_grants as g')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .select(['u.id', 'u.email', 'g.role'])
    .where('u.status', '=', 'active')
    .where('u.email', 'is not', null)
    .where((eb) =>
      eb.or([
        eb.and([
          eb('g.role', 'in', ['designated_official', 'security_professional']),
          eb('g.scope_type', '=', 'country'),
          eb('g.scope_id', '=', where.countryCode),
        ]),
        ...(where.areaId
          ? [
              eb.and([
                eb('g.role', '=', 'security_professional'),
                eb('g.scope_type', '=', 'area'),
                eb('g.scope_id', '=', where.areaId),
              ]),
            ]
          : []),
        ...(where.organizationIds.length
          ? [
              eb.and([
                eb('g.role', '=', 'org_security_focal_point'),
                eb('g.scope_type', '=', 'organization'),
                eb('g.scope_id', 'in', where.organizationIds),
              ]),
            ]
          : []),
      ]),
    )
    .orderBy('u.email')
    .execute();
}

// ---- distribution lists ------------------------------------------------------------------------

export const listDistributionLists = (db: Db) =>
  db.selectFrom('incident_distribution_lists').selectAll().orderBy('name').execute();

export const distributionListsFor = (db: Db, countryCode: string) =>
  db
    .selectFrom('incident_distribution_lists')
    .selectAll()
    .where((eb) => eb.or([eb('country_code', 'is', null), eb('country_code', '=', countryCode)]))
    .execute();

export const findDistributionList = (db: Db, id: string) =>
  db.selectFrom('incident_distribution_lists').selectAll().where('id', '=', id).executeTakeFirst();

export const insertDistributionList = (db: Db, v: Insertable<DB['incident_distribution_lists']>) =>
  db.insertInto('incident_distribution_lists').values(v).returningAll().executeTakeFirstOrThrow();

export const updateDistributionList = (
  db: Db,
  id: string,
  version: number,
  v: Updateable<DB['incident_distribution_lists']>,
) =>
  db
    .updateTable('incident_distribution_lists')
    .set({ ...v, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();

export const deleteDistributionList = (db: Db, id: string) =>
  db.deleteFrom('incident_distribution_lists').where('id', '=', id).executeTakeFirst();

// ---- the confidential registry of serious crimes -----------------------------------------------

const caseColumns = (db: Db) =>
  db
    .selectFrom('serious_crime_cases as c')
    .innerJoin('incidents as i', 'i.id', 'c.incident_id')
    .selectAll('c')
    .select([
      'i.reference',
      'i.title',
      'i.country_code',
      'i.area_id',
      'i.occurred_on',
      'i.created_by as incident_created_by',
    ]);
export type CaseRow = Awaited<ReturnType<ReturnType<typeof caseColumns>['executeTakeFirstOrThrow']>>;

export const listCases = (db: Db, scope: IncidentReadScope) =>
  caseColumns(db)
    .where((eb) => whereReadable(eb, scope))
    .orderBy('i.occurred_on', 'desc')
    .execute();

export const findCase = (db: Db, id: string) => caseColumns(db).where('c.id', '=', id).executeTakeFirst();

export const insertCase = (db: Db, v: Insertable<DB['serious_crime_cases']>) =>
  db.insertInto('serious_crime_cases').values(v).returning('id').executeTakeFirstOrThrow();

export const updateCase = (db: Db, id: string, version: number, v: Updateable<DB['serious_crime_cases']>) =>
  db
    .updateTable('serious_crime_cases')
    .set({ ...v, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
