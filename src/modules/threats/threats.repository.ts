import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/tables';
import type { Category } from './rules';

type Db = Kysely<DB>;
type Status = 'draft' | 'approved' | 'published' | 'superseded';

// ---- threat assessments --------------------------------------------------------------------

const assessmentColumns = (db: Db) =>
  db
    .selectFrom('threat_assessments as t')
    .innerJoin('areas as a', 'a.id', 't.area_id')
    .selectAll('t')
    .select(['a.code as area_code', 'a.name as area_name', 'a.country_code']);
export type AssessmentRow = Awaited<
  ReturnType<ReturnType<typeof assessmentColumns>['executeTakeFirstOrThrow']>
>;

export const findAssessment = (db: Db, id: string) =>
  assessmentColumns(db).where('t.id', '=', id).executeTakeFirst();

export function listAssessments(db: Db, areaId: string) {
  return assessmentColumns(db).where('t.area_id', '=', areaId).orderBy('t.number', 'desc').execute();
}

export function findAssessmentByStatus(db: Db, areaId: string, statuses: Status[]) {
  return assessmentColumns(db)
    .where('t.area_id', '=', areaId)
    .where('t.status', 'in', statuses)
    .executeTakeFirst();
}

export async function nextAssessmentNumber(db: Db, areaId: string): Promise<number> {
  const r = await db
    .selectFrom('threat_assessments')
    .select((eb) => eb.fn.max('number').as('n'))
    .where('area_id', '=', areaId)
    .executeTakeFirst();
  return Number(r?.n ?? 0) + 1;
}

export interface LevelRow {
  assessment_id: string;
  category: Category;
  level: number;
  intent: string;
  capability: string;
  inhibiting_context: string;
  narrative: string;
}

export function levelsOf(db: Db, assessmentIds: string[]) {
  if (assessmentIds.length === 0) return Promise.resolve([] as LevelRow[]);
  return db
    .selectFrom('threat_levels')
    .selectAll()
    .where('assessment_id', 'in', assessmentIds)
    .execute() as Promise<LevelRow[]>;
}

export async function insertAssessment(
  db: Db,
  v: {
    areaId: string;
    number: number;
    status: Status;
    effectiveDate: string;
    summary: string;
    legacySecurityLevel: number | null;
    source: 'manual' | 'import';
    createdBy: string | null;
  },
) {
  const { id } = await db
    .insertInto('threat_assessments')
    .values({
      area_id: v.areaId,
      number: v.number,
      status: v.status,
      effective_date: v.effectiveDate,
      summary: v.summary,
      legacy_security_level: v.legacySecurityLevel,
      source: v.source,
      created_by: v.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function replaceLevels(db: Db, assessmentId: string, rows: Omit<LevelRow, 'assessment_id'>[]) {
  await db.deleteFrom('threat_levels').where('assessment_id', '=', assessmentId).execute();
  const levels = Object.fromEntries(rows.map((r) => [r.category, r.level]));
  await db
    .updateTable('threat_assessments')
    .set({ levels: JSON.stringify(levels) })
    .where('id', '=', assessmentId)
    .execute();
  if (rows.length) {
    await db
      .insertInto('threat_levels')
      .values(rows.map((r) => ({ ...r, assessment_id: assessmentId })))
      .execute();
  }
}

/** Optimistic update of an assessment's own columns; undefined when the version is stale. */
export async function updateAssessment(
  db: Db,
  id: string,
  version: number,
  v: Partial<{
    status: Status;
    effective_date: string;
    summary: string;
    legacy_security_level: number | null;
    approved_by: string | null;
    approved_at: Date | null;
    published_by: string | null;
    published_at: Date | null;
  }>,
) {
  const r = await db
    .updateTable('threat_assessments')
    .set({ ...v, version: sql`version + 1`, updated_at: new Date() })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  return r ? findAssessment(db, id) : undefined;
}

export async function supersedeAssessments(db: Db, areaId: string) {
  await db
    .updateTable('threat_assessments')
    .set({ status: 'superseded', version: sql`version + 1`, updated_at: new Date() })
    .where('area_id', '=', areaId)
    .where('status', '=', 'published')
    .execute();
}

/**
 * The current (published) levels of every area, one row per area, with its country and region:
 * the comparison table and country advisories read this.
 */
export function currentLevels(db: Db, f: { region?: string; country?: string }) {
  const lvl = (c: Category) => sql<number>`(t.levels ->> ${sql.lit(c)})::int`;
  let q = db
    .selectFrom('threat_assessments as t')
    .innerJoin('areas as a', 'a.id', 't.area_id')
    .innerJoin('countries as c', 'c.code', 'a.country_code')
    .where('t.status', '=', 'published')
    .select([
      'a.id as area_id',
      'a.code as area_code',
      'a.name as area_name',
      'c.code as country_code',
      'c.name as country_name',
      'c.region',
      'c.subregion',
      't.effective_date',
      't.id as assessment_id',
      lvl('armed_conflict').as('armed_conflict'),
      lvl('terrorism').as('terrorism'),
      lvl('crime').as('crime'),
      lvl('civil_unrest').as('civil_unrest'),
    ])
    .orderBy('c.name')
    .orderBy('a.code');
  if (f.region) q = q.where(sql`lower(c.region)`, '=', f.region.toLowerCase());
  if (f.country) q = q.where('c.code', '=', f.country);
  return q.execute();
}

/**
 * A fingerprint of everything the comparison shows: it changes whenever an assessment is written
 * or an area renamed. Cheap enough to run on every request, so it can drive an ETag.
 */
export async function levelsFingerprint(db: Db): Promise<string> {
  // Bumped by triggers on every write of assessments or areas (change_counters migration).
  const r = await db
    .selectFrom('change_counters')
    .select('n')
    .where('name', '=', 'threats')
    .executeTakeFirstOrThrow();
  return String(r.n);
}

// ---- hazard assessments --------------------------------------------------------------------

const hazardColumns = (db: Db) =>
  db
    .selectFrom('hazard_assessments as h')
    .innerJoin('areas as a', 'a.id', 'h.area_id')
    .selectAll('h')
    .select(['a.code as area_code', 'a.country_code']);
export type HazardRow = Awaited<ReturnType<ReturnType<typeof hazardColumns>['executeTakeFirstOrThrow']>>;

export const findHazard = (db: Db, id: string) => hazardColumns(db).where('h.id', '=', id).executeTakeFirst();
export const listHazards = (db: Db, areaId: string) =>
  hazardColumns(db).where('h.area_id', '=', areaId).orderBy('h.number', 'desc').execute();

export async function insertHazard(
  db: Db,
  v: {
    areaId: string;
    number: number;
    effectiveDate: string;
    hazards: unknown;
    hostCapacity: 'none' | 'limited' | 'moderate' | 'strong';
    hostCapacityNotes: string;
    createdBy: string | null;
  },
) {
  const { id } = await db
    .insertInto('hazard_assessments')
    .values({
      area_id: v.areaId,
      number: v.number,
      status: 'draft',
      effective_date: v.effectiveDate,
      hazards: JSON.stringify(v.hazards),
      host_capacity: v.hostCapacity,
      host_capacity_notes: v.hostCapacityNotes,
      created_by: v.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function nextHazardNumber(db: Db, areaId: string): Promise<number> {
  const r = await db
    .selectFrom('hazard_assessments')
    .select((eb) => eb.fn.max('number').as('n'))
    .where('area_id', '=', areaId)
    .executeTakeFirst();
  return Number(r?.n ?? 0) + 1;
}

export async function setHazardStatus(
  db: Db,
  id: string,
  version: number,
  v: { status: Status; approved_by?: string | null; approved_at?: Date; published_at?: Date },
) {
  const r = await db
    .updateTable('hazard_assessments')
    .set({ ...v, version: sql`version + 1`, updated_at: new Date() })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  return r ? findHazard(db, id) : undefined;
}

export async function supersedeHazards(db: Db, areaId: string) {
  await db
    .updateTable('hazard_assessments')
    .set({ status: 'superseded', version: sql`version + 1`, updated_at: new Date() })
    .where('area_id', '=', areaId)
    .where('status', '=', 'published')
    .execute();
}
