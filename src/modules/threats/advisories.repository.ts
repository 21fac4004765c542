import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/tables';

type Db = Kysely<DB>;
type Status = 'draft' | 'approved' | 'published' | 'superseded';

const advisoryColumns = (db: Db) =>
  db
    .selectFrom('travel_advisories as v')
    .innerJoin('countries as c', 'c.code', 'v.country_code')
    .leftJoin('areas as a', 'a.id', 'v.area_id')
    .leftJoin('users as o', 'o.id', 'v.owner_id')
    .selectAll('v')
    .select([
      'c.name as country_name',
      'c.region',
      'a.code as area_code',
      'a.name as area_name',
      'o.display_name as owner_name',
    ]);
export type AdvisoryRow = Awaited<ReturnType<ReturnType<typeof advisoryColumns>['executeTakeFirstOrThrow']>>;

export const findAdvisory = (db: Db, id: string) =>
  advisoryColumns(db).where('v.id', '=', id).executeTakeFirst();

export function findAdvisoryByStatus(db: Db, subjectKey: string, statuses: Status[]) {
  return advisoryColumns(db)
    .where('v.subject_key', '=', subjectKey)
    .where('v.status', 'in', statuses)
    .orderBy('v.number', 'desc')
    .executeTakeFirst();
}

export function advisoryHistory(db: Db, subjectKey: string) {
  return advisoryColumns(db).where('v.subject_key', '=', subjectKey).orderBy('v.number', 'desc').execute();
}

export interface AdvisoryFilter {
  country?: string;
  region?: string;
  statuses: Status[];
  overdueOn?: string;
  ownerId?: string;
  /** Unpublished versions are visible only within these scopes (null = all). */
  limit?: number;
}

export function listAdvisories(db: Db, f: AdvisoryFilter) {
  let q = advisoryColumns(db).where('v.status', 'in', f.statuses).orderBy('c.name').orderBy('a.code', 'asc');
  if (f.country) q = q.where('v.country_code', '=', f.country);
  if (f.region) q = q.where(sql`lower(c.region)`, '=', f.region.toLowerCase());
  if (f.overdueOn) q = q.where('v.review_by', '<', f.overdueOn);
  if (f.ownerId) q = q.where('v.owner_id', '=', f.ownerId);
  if (f.limit) q = q.limit(f.limit);
  return q.execute();
}

/** Published versions (current and superseded), newest first: the Atom feed and CAP export. */
export function publishedVersions(db: Db, limit: number) {
  return advisoryColumns(db)
    .where('v.status', 'in', ['published', 'superseded'])
    .orderBy('v.published_at', 'desc')
    .limit(limit)
    .execute();
}

/** The published version immediately before `number` for the same subject, if any. */
export function previousPublished(db: Db, subjectKey: string, number: number) {
  return advisoryColumns(db)
    .where('v.subject_key', '=', subjectKey)
    .where('v.number', '<', number)
    .where('v.published_at', 'is not', null)
    .orderBy('v.number', 'desc')
    .executeTakeFirst();
}

/** Every published version (levels and number) of the given subjects, for level changes in bulk. */
export function publishedLevelsOf(db: Db, subjectKeys: string[]) {
  if (subjectKeys.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('travel_advisories')
    .select(['subject_key', 'number', 'levels'])
    .where('subject_key', 'in', subjectKeys)
    .where('published_at', 'is not', null)
    .execute();
}

export async function nextAdvisoryNumber(db: Db, subjectKey: string): Promise<number> {
  const r = await db
    .selectFrom('travel_advisories')
    .select((eb) => eb.fn.max('number').as('n'))
    .where('subject_key', '=', subjectKey)
    .executeTakeFirst();
  return Number(r?.n ?? 0) + 1;
}

export interface AdvisoryValues {
  country_code: string;
  area_id: string | null;
  subject_key: string;
  number: number;
  status: Status;
  levels: string;
  headline: string;
  guidance: string;
  required_clearance: 'none' | 'automatic' | 'manual';
  required_training: string;
  contacts: string;
  effective_date: string;
  review_by: string;
  owner_id: string | null;
  created_by: string | null;
}

export async function insertAdvisory(db: Db, v: AdvisoryValues) {
  const { id } = await db.insertInto('travel_advisories').values(v).returning('id').executeTakeFirstOrThrow();
  return (await findAdvisory(db, id))!;
}

export async function updateAdvisory(
  db: Db,
  id: string,
  version: number,
  v: Partial<Omit<AdvisoryValues, 'country_code' | 'area_id' | 'subject_key' | 'number'>> &
    Partial<{
      approved_by: string | null;
      approved_at: Date | null;
      published_by: string | null;
      published_at: Date | null;
    }>,
) {
  const r = await db
    .updateTable('travel_advisories')
    .set({ ...v, version: sql`version + 1`, updated_at: new Date() })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  return r ? findAdvisory(db, id) : undefined;
}

export async function supersedeAdvisories(db: Db, subjectKey: string) {
  await db
    .updateTable('travel_advisories')
    .set({ status: 'superseded', version: sql`version + 1`, updated_at: new Date() })
    .where('subject_key', '=', subjectKey)
    .where('status', '=', 'published')
    .execute();
}

/** Enqueues a message in the transactional outbox; a repeated dedupe key is a no-op. */
export async function enqueue(
  db: Db,
  m: { topic: string; dedupeKey: string | null; payload: unknown; recipients: unknown[] },
) {
  const r = await db
    .insertInto('outbox')
    .values({
      topic: m.topic,
      dedupe_key: m.dedupeKey,
      payload: JSON.stringify(m.payload),
      recipients: JSON.stringify(m.recipients),
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return r !== undefined;
}
