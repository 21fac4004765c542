import { type Insertable, type Kysely, sql, type Updateable } from 'kysely';
import type { DB } from '../../db/tables';

type Db = Kysely<DB>;

// ---- risk matrices ---------------------------------------------------------------------------

/** The current matrix: the highest number (version 1, the default, comes with the schema). */
export function currentMatrix(db: Db) {
  return db
    .selectFrom('risk_matrices')
    .selectAll()
    .orderBy('number', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
}

export const findMatrix = (db: Db, id: string) =>
  db.selectFrom('risk_matrices').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

export async function insertMatrix(db: Db, v: { matrix: unknown; note: string; createdBy: string | null }) {
  const current = await currentMatrix(db);
  return db
    .insertInto('risk_matrices')
    .values({
      number: current.number + 1,
      matrix: JSON.stringify(v.matrix),
      note: v.note,
      created_by: v.createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export const listMatrices = (db: Db) =>
  db.selectFrom('risk_matrices').selectAll().orderBy('number', 'desc').execute();

// ---- SRMs ------------------------------------------------------------------------------------

const srmColumns = (db: Db) =>
  db
    .selectFrom('srms as s')
    .innerJoin('countries as c', 'c.code', 's.country_code')
    .innerJoin('risk_matrices as m', 'm.id', 's.matrix_id')
    .leftJoin('areas as a', 'a.id', 's.area_id')
    .leftJoin('organizations as o', 'o.id', 's.organization_id')
    .selectAll('s')
    .select([
      'c.name as country_name',
      'c.region',
      'a.code as area_code',
      'a.name as area_name',
      'o.code as organization_code',
      'm.number as matrix_number',
    ]);
export type SrmRow = Awaited<ReturnType<ReturnType<typeof srmColumns>['executeTakeFirstOrThrow']>>;

export const findSrm = (db: Db, id: string) => srmColumns(db).where('s.id', '=', id).executeTakeFirst();

export interface SrmScopeWhere {
  organizationIds: string[];
  countryCodes: string[];
  areaIds: string[];
}

export type SrmFilter = { country?: string; region?: string; status?: string };

/** The ids of the SRMs a filter and a scope select: one definition for lists and aggregates. */
export function srmIds(db: Db, f: SrmFilter, scope: SrmScopeWhere | null) {
  let q = db
    .selectFrom('srms as s')
    .innerJoin('countries as c', 'c.code', 's.country_code')
    .select('s.id')
    .where('s.status', '!=', 'superseded');
  if (f.country) q = q.where('s.country_code', '=', f.country);
  if (f.region) q = q.where(sql`lower(c.region)`, '=', f.region.toLowerCase());
  if (f.status) q = q.where('s.status', '=', f.status as 'draft');
  if (scope) {
    q = q.where((eb) =>
      eb.or([
        ...(scope.countryCodes.length ? [eb('s.country_code', 'in', scope.countryCodes)] : []),
        ...(scope.areaIds.length ? [eb('s.area_id', 'in', scope.areaIds)] : []),
        ...(scope.organizationIds.length ? [eb('s.organization_id', 'in', scope.organizationIds)] : []),
        eb.val(false),
      ]),
    );
  }
  return q;
}

export function listSrms(db: Db, f: SrmFilter, scope: SrmScopeWhere | null) {
  return srmColumns(db)
    .where('s.id', 'in', srmIds(db, f, scope))
    .orderBy('c.name')
    .orderBy('a.code')
    .execute();
}

export async function insertSrm(db: Db, v: Insertable<DB['srms']>) {
  const { id } = await db.insertInto('srms').values(v).returning('id').executeTakeFirstOrThrow();
  return (await findSrm(db, id))!;
}

export async function updateSrm(db: Db, id: string, version: number, v: Updateable<DB['srms']>) {
  const r = await db
    .updateTable('srms')
    .set({ ...v, version: sql`version + 1`, updated_at: new Date() })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  return r ? findSrm(db, id) : undefined;
}

/** An edit of risks in an approved SRM sends it back for approval. */
export async function reopenSrm(db: Db, id: string, reason: string) {
  await db
    .updateTable('srms')
    .set({ status: 'draft', review_reason: reason, version: sql`version + 1`, updated_at: new Date() })
    .where('id', '=', id)
    .where('status', 'in', ['approved', 'endorsed'])
    .execute();
}

// ---- risks and measures ----------------------------------------------------------------------

export const risksOf = (db: Db, srmIds: string[]) =>
  srmIds.length
    ? db.selectFrom('srm_risks').selectAll().where('srm_id', 'in', srmIds).orderBy('created_at').execute()
    : Promise.resolve([]);
export type RiskRow = Awaited<ReturnType<typeof risksOf>>[number];

export const findRisk = (db: Db, id: string) =>
  db.selectFrom('srm_risks').selectAll().where('id', '=', id).executeTakeFirst();

export const measureColumns = (db: Db) =>
  db
    .selectFrom('srm_measures as x')
    .leftJoin('measure_library as l', 'l.id', 'x.library_id')
    .leftJoin('organizations as o', 'o.id', 'x.owner_org_id')
    .selectAll('x')
    .select([
      'l.code as library_code',
      'o.code as owner_org_code',
      (eb) =>
        eb
          .selectFrom('measure_self_assessments as a')
          .select(
            sql<string>`json_build_object('answer', a.answer, 'note', a.note, 'at', a.assessed_at)`.as('j'),
          )
          .whereRef('a.measure_id', '=', 'x.id')
          .orderBy('a.assessed_at', 'desc')
          .limit(1)
          .as('last_self_assessment'),
    ]);
export type MeasureRow = Awaited<ReturnType<ReturnType<typeof measureColumns>['executeTakeFirstOrThrow']>>;

export const measuresOf = (db: Db, riskIds: string[]) =>
  riskIds.length
    ? measureColumns(db).where('x.risk_id', 'in', riskIds).orderBy('x.created_at').execute()
    : Promise.resolve([]);
export const findMeasure = (db: Db, id: string) =>
  measureColumns(db).where('x.id', '=', id).executeTakeFirst();

export async function insertRisk(db: Db, v: Insertable<DB['srm_risks']>) {
  const { id } = await db.insertInto('srm_risks').values(v).returning('id').executeTakeFirstOrThrow();
  return (await findRisk(db, id))!;
}

export async function updateRisk(db: Db, id: string, version: number | null, v: Updateable<DB['srm_risks']>) {
  let q = db
    .updateTable('srm_risks')
    .set({ ...v, version: sql`version + 1`, updated_at: new Date() })
    .where('id', '=', id);
  if (version !== null) q = q.where('version', '=', version);
  const r = await q.returning('id').executeTakeFirst();
  return r ? findRisk(db, id) : undefined;
}

export async function insertMeasure(db: Db, v: Insertable<DB['srm_measures']>) {
  const { id } = await db.insertInto('srm_measures').values(v).returning('id').executeTakeFirstOrThrow();
  return (await findMeasure(db, id))!;
}

export async function updateMeasure(db: Db, id: string, version: number, v: Updateable<DB['srm_measures']>) {
  const r = await db
    .updateTable('srm_measures')
    .set({ ...v, version: sql`version + 1`, updated_at: new Date() })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  return r ? findMeasure(db, id) : undefined;
}

export const findLibraryMeasure = (db: Db, code: string) =>
  db
    .selectFrom('measure_library')
    .selectAll()
    .where(sql`lower(code)`, '=', code.toLowerCase())
    .executeTakeFirst();

export async function insertSelfAssessment(
  db: Db,
  v: { measureId: string; answer: 'in_place' | 'partly' | 'not_in_place'; note: string; by: string | null },
) {
  await db
    .insertInto('measure_self_assessments')
    .values({ measure_id: v.measureId, answer: v.answer, note: v.note, assessed_by: v.by })
    .execute();
}

// ---- activities ------------------------------------------------------------------------------

const activityColumns = (db: Db) =>
  db
    .selectFrom('programme_activities as p')
    .innerJoin('organizations as o', 'o.id', 'p.organization_id')
    .selectAll('p')
    .select('o.code as organization_code');
export type ActivityRow = Awaited<ReturnType<ReturnType<typeof activityColumns>['executeTakeFirstOrThrow']>>;

export const activitiesOf = (db: Db, srmIds: string[]) =>
  srmIds.length
    ? activityColumns(db).where('p.srm_id', 'in', srmIds).orderBy('p.created_at').execute()
    : Promise.resolve([]);
export const findActivity = (db: Db, id: string) =>
  activityColumns(db).where('p.id', '=', id).executeTakeFirst();

export async function insertActivity(db: Db, v: Insertable<DB['programme_activities']>) {
  const { id } = await db
    .insertInto('programme_activities')
    .values(v)
    .returning('id')
    .executeTakeFirstOrThrow();
  return (await findActivity(db, id))!;
}

export async function updateActivity(
  db: Db,
  id: string,
  version: number,
  v: Updateable<DB['programme_activities']>,
) {
  const r = await db
    .updateTable('programme_activities')
    .set({ ...v, version: sql`version + 1`, updated_at: new Date() })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  return r ? findActivity(db, id) : undefined;
}

// ---- worldwide views -------------------------------------------------------------------------

/** Measures across every SRM the caller may read, for the worldwide search (cost, effectiveness). */
export function searchMeasures(
  db: Db,
  f: { q?: string; kind?: 'prevention' | 'mitigation'; status?: string; category?: string; limit: number },
  scope: SrmScopeWhere | null,
) {
  let q = measureColumns(db)
    .innerJoin('srm_risks as r', 'r.id', 'x.risk_id')
    .innerJoin('srms as s', 's.id', 'r.srm_id')
    .leftJoin('areas as a', 'a.id', 's.area_id')
    .select([
      'r.title as risk_title',
      'r.category',
      's.id as srm_id',
      's.title as srm_title',
      's.country_code',
      'a.code as area_code',
    ])
    .where('s.status', '!=', 'superseded')
    .orderBy('x.title')
    .limit(f.limit);
  if (f.q)
    q = q.where((eb) => eb.or([eb('x.title', 'ilike', `%${f.q}%`), eb('r.title', 'ilike', `%${f.q}%`)]));
  if (f.kind) q = q.where('x.kind', '=', f.kind);
  if (f.status) q = q.where('x.status', '=', f.status as 'approved');
  if (f.category) q = q.where('r.category', '=', f.category);
  if (scope) {
    q = q.where((eb) =>
      eb.or([
        ...(scope.countryCodes.length ? [eb('s.country_code', 'in', scope.countryCodes)] : []),
        ...(scope.areaIds.length ? [eb('s.area_id', 'in', scope.areaIds)] : []),
        ...(scope.organizationIds.length ? [eb('s.organization_id', 'in', scope.organizationIds)] : []),
        eb.val(false),
      ]),
    );
  }
  return q.execute();
}

/** Approved measures past their agreed date, with the SRM's author, for the overdue sweep. */
export function overdueMeasures(db: Db, today: string) {
  return db
    .selectFrom('srm_measures as x')
    .innerJoin('srm_risks as r', 'r.id', 'x.risk_id')
    .innerJoin('srms as s', 's.id', 'r.srm_id')
    .select([
      'x.id',
      'x.title',
      'x.agreed_date',
      's.id as srm_id',
      's.title as srm_title',
      's.country_code',
      's.created_by',
    ])
    .where('x.status', '=', 'approved')
    .where('x.agreed_date', '<', today)
    .where('s.status', '!=', 'superseded')
    .execute();
}

/** Desk officers whose grants cover a country (global or that country), for notifications. */
export function deskOfficersFor(db: Db, countryCode: string) {
  return db
    .selectFrom('role_grants')
    .select('user_id')
    .distinct()
    .where('role', '=', 'desk_officer')
    .where((eb) =>
      eb.or([
        eb('scope_type', '=', 'global'),
        eb.and([eb('scope_type', '=', 'country'), eb('scope_id', '=', countryCode)]),
      ]),
    )
    .execute();
}

/** Per SRM: how many measures, how many in place, how many overdue (one grouped query). */
export async function measureStatsBySrm(db: Db, f: SrmFilter, scope: SrmScopeWhere | null, today: string) {
  const out = new Map<string, { total: number; inPlace: number; overdue: number }>();
  const rows = await db
    .selectFrom('srm_measures as x')
    .innerJoin('srm_risks as r', 'r.id', 'x.risk_id')
    .select((eb) => [
      'r.srm_id',
      eb.fn.countAll<number>().as('total'),
      eb.fn.countAll<number>().filterWhere('x.status', 'in', ['implemented', 'verified']).as('in_place'),
      eb.fn
        .countAll<number>()
        .filterWhere((w) => w.and([w('x.status', '=', 'approved'), w('x.agreed_date', '<', today)]))
        .as('overdue'),
    ])
    .where('r.srm_id', 'in', srmIds(db, f, scope))
    .groupBy('r.srm_id')
    .execute();
  for (const r of rows)
    out.set(r.srm_id, { total: Number(r.total), inPlace: Number(r.in_place), overdue: Number(r.overdue) });
  return out;
}

/** Adds the standard measures that are not in the library yet (by code). */
export async function ensureLibrary(
  db: Db,
  measures: {
    code: string;
    title: string;
    kind: 'prevention' | 'mitigation';
    category: string;
    description: string;
  }[],
) {
  const have = new Set((await db.selectFrom('measure_library').select('code').execute()).map((r) => r.code));
  const missing = measures.filter((m) => !have.has(m.code));
  if (missing.length)
    await db
      .insertInto('measure_library')
      .values(missing)
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
  return missing.length;
}

export const listLibrary = (db: Db) => db.selectFrom('measure_library').selectAll().orderBy('code').execute();

/** Per SRM: the number of risks at each effective residual level (override when set). */
export async function riskStatsBySrm(db: Db, f: SrmFilter, scope: SrmScopeWhere | null) {
  const out = new Map<string, Map<string, number>>();
  const rows = await db
    .selectFrom('srm_risks')
    .select((eb) => [
      'srm_id',
      sql<string>`coalesce(override_risk, residual_risk)`.as('level'),
      eb.fn.countAll<number>().as('n'),
    ])
    .where('srm_id', 'in', srmIds(db, f, scope))
    .groupBy(['srm_id', sql`coalesce(override_risk, residual_risk)`])
    .execute();
  for (const r of rows) {
    const m = out.get(r.srm_id) ?? new Map<string, number>();
    m.set(r.level, Number(r.n));
    out.set(r.srm_id, m);
  }
  return out;
}

/** The activities of every SRM a filter and scope select (one query, for lists). */
export function activitiesFor(db: Db, f: SrmFilter, scope: SrmScopeWhere | null) {
  return activityColumns(db)
    .where('p.srm_id', 'in', srmIds(db, f, scope))
    .execute();
}

/**
 * Changes whenever an SRM, a risk, a measure or an area is written: a counter bumped by triggers in
 * the writing transaction (see the change_counters migration). The key of derived, cached views.
 */
export async function srmFingerprint(db: Db): Promise<string> {
  const r = await db
    .selectFrom('change_counters')
    .select('n')
    .where('name', '=', 'srm')
    .executeTakeFirstOrThrow();
  return String(r.n);
}

/**
 * Asks for an immediate review of the SRMs in force where a major incident happened: the country
 * SRM and the SRM of the area. The reason is shown with the review state until the SRM is reviewed.
 */
export function flagForReview(db: Db, where: { countryCode: string; areaId: string | null }, reason: string) {
  return db
    .updateTable('srms')
    .set({ review_reason: reason, updated_at: new Date() })
    .where('status', 'in', ['approved', 'endorsed'])
    .where('country_code', '=', where.countryCode)
    .where((eb) =>
      eb.or([
        eb('kind', '=', 'country'),
        ...(where.areaId ? [eb.and([eb('kind', '=', 'area'), eb('area_id', '=', where.areaId)])] : []),
      ]),
    )
    .returning(['id'])
    .execute();
}
