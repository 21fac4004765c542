/**
 * Relocation and evacuation lists: the only module file that touches the database. Presence comes
 * from who-is-where's findPresent, so the rules of who is where live in one place.
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/tables';
import type { ScopeFilter } from '../../server/access/rules';
import { findPresent, type Place } from '../travel/who.repository';
import type { ListKind, RollCallAnswer, RowStatus, RuleCode } from './rules';

type Db = Kysely<DB>;
const PAGE = 1000;

export interface Present {
  id: string;
  source: 'duty_station' | 'travel';
  location: string;
}

/** Everyone present in the place at `at`, personnel and dependants, every organization. */
export async function presentIn(db: Db, place: Place, at: Date, now: Date): Promise<Present[]> {
  const out: Present[] = [];
  let after: string | undefined;
  for (;;) {
    const { rows } = await findPresent(
      db,
      { place, at, scope: null },
      { limit: PAGE, after, kinds: ['personnel', 'dependant'], now },
    );
    for (const r of rows)
      out.push({ id: r.id, source: r.source, location: r.station_code ?? r.area_code ?? '' });
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1]!.id;
  }
  return out;
}

export interface CandidateRow {
  id: string;
  organization_id: string;
  kind: 'personnel' | 'dependant';
  recruitment: 'international' | 'local';
  designated_by: string | null;
  sponsor_id: string | null;
  sponsor_name: string | null;
  sponsor_kind: 'personnel' | 'dependant' | null;
  sponsor_recruitment: 'international' | 'local' | null;
  sponsor_active: boolean | null;
  sponsor_designated_by: string | null;
}

/** What the eligibility rules need of these people: kind, recruitment, sponsor, designations there. */
export async function candidates(
  db: Db,
  ids: readonly string[],
  countryCode: string,
): Promise<CandidateRow[]> {
  const out: CandidateRow[] = [];
  for (let i = 0; i < ids.length; i += PAGE) {
    const chunk = ids.slice(i, i + PAGE);
    const r = await sql<CandidateRow>`
      SELECT p.id, p.organization_id, p.kind, p.recruitment, d.designated_by_label AS designated_by,
        s.id AS sponsor_id, s.given_name || ' ' || s.family_name AS sponsor_name, s.kind AS sponsor_kind,
        s.recruitment AS sponsor_recruitment, s.status = 'active' AS sponsor_active,
        sd.designated_by_label AS sponsor_designated_by
      FROM people p
      LEFT JOIN crisis_designations d ON d.person_id = p.id AND d.country_code = ${countryCode}
        AND d.withdrawn_at IS NULL
      LEFT JOIN people s ON s.id = p.sponsor_id
      LEFT JOIN crisis_designations sd ON sd.person_id = s.id AND sd.country_code = ${countryCode}
        AND sd.withdrawn_at IS NULL
      WHERE p.id = ANY(${chunk}::uuid[])`.execute(db);
    out.push(...r.rows);
  }
  return out;
}

export const areaByCode = (db: Db, code: string) =>
  db.selectFrom('areas').select(['id', 'code', 'country_code']).where('code', '=', code).executeTakeFirst();

export const countryExists = async (db: Db, code: string) =>
  Boolean(await db.selectFrom('countries').select('code').where('code', '=', code).executeTakeFirst());

export const organizationByCode = (db: Db, code: string) =>
  db.selectFrom('organizations').select('id').where('code', '=', code).executeTakeFirst();

/**
 * The next sequence number of a kind of list in a country (the reference is unique). Two crisis
 * teams making lists at once wait for each other here, on any app server, until the transaction ends.
 */
export async function nextSequence(db: Db, kind: ListKind, countryCode: string): Promise<number> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`crisis_lists.reference:${kind}:${countryCode}`}))`.execute(
    db,
  );
  const r = await db
    .selectFrom('crisis_lists')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('kind', '=', kind)
    .where('country_code', '=', countryCode)
    .executeTakeFirstOrThrow();
  return Number(r.n) + 1;
}

export interface NewList {
  reference: string;
  kind: ListKind;
  title: string;
  countryCode: string;
  areaId: string | null;
  destination: string;
  destinationCountry: string | null;
  destinationAreaId: string | null;
  asOf: Date;
  createdBy: string | null;
  createdByLabel: string;
}

export async function insertList(db: Db, v: NewList): Promise<string> {
  const row = await db
    .insertInto('crisis_lists')
    .values({
      reference: v.reference,
      kind: v.kind,
      title: v.title,
      country_code: v.countryCode,
      area_id: v.areaId,
      destination: v.destination,
      destination_country: v.destinationCountry,
      destination_area_id: v.destinationAreaId,
      as_of: v.asOf,
      refreshed_at: v.asOf,
      created_by: v.createdBy,
      created_by_label: v.createdByLabel,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface NewRow {
  personId: string;
  organizationId: string;
  eligible: boolean;
  rule: RuleCode;
  reason: string;
  location: string;
  source: 'duty_station' | 'travel';
}

export async function insertRows(db: Db, listId: string, rows: readonly NewRow[], at: Date): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('crisis_list_people')
      .values(
        rows.slice(i, i + 500).map((r) => ({
          list_id: listId,
          person_id: r.personId,
          organization_id: r.organizationId,
          eligible: r.eligible,
          rule: r.rule,
          reason: r.reason,
          location: r.location,
          source: r.source,
          added_at: at,
        })),
      )
      .execute();
}

/**
 * Re-marks existing rows from a fresh read, a thousand per statement: eligibility, location and
 * presence (they are here again). Status and history stay.
 */
export async function markPresent(db: Db, listId: string, rows: readonly NewRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += PAGE) {
    const batch = rows.slice(i, i + PAGE).map((r) => ({
      person_id: r.personId,
      eligible: r.eligible,
      rule: r.rule,
      reason: r.reason,
      location: r.location,
      source: r.source,
    }));
    await sql`
      UPDATE crisis_list_people r
      SET eligible = v.eligible, rule = v.rule, reason = v.reason, location = v.location,
        source = v.source, present = true, absent_since = NULL
      FROM jsonb_to_recordset(${JSON.stringify(batch)}::jsonb)
        AS v(person_id uuid, eligible boolean, rule text, reason text, location text, source text)
      WHERE r.list_id = ${listId}::uuid AND r.person_id = v.person_id`.execute(db);
  }
}

export async function touchList(db: Db, listId: string, at: Date): Promise<void> {
  await db
    .updateTable('crisis_lists')
    .set((eb) => ({ refreshed_at: at, version: eb('version', '+', 1) }))
    .where('id', '=', listId)
    .execute();
}

export interface ListRecord {
  id: string;
  reference: string;
  kind: ListKind;
  title: string;
  country_code: string;
  area_id: string | null;
  area_code: string | null;
  destination: string;
  destination_country: string | null;
  destination_area_code: string | null;
  as_of: Date;
  refreshed_at: Date;
  created_by_label: string;
  created_at: Date;
}

const listColumns = (db: Db) =>
  db
    .selectFrom('crisis_lists as l')
    .leftJoin('areas as a', 'a.id', 'l.area_id')
    .leftJoin('areas as da', 'da.id', 'l.destination_area_id')
    .select([
      'l.id',
      'l.reference',
      'l.kind',
      'l.title',
      'l.country_code',
      'l.area_id',
      'a.code as area_code',
      'l.destination',
      'l.destination_country',
      'da.code as destination_area_code',
      'l.as_of',
      'l.refreshed_at',
      'l.created_by_label',
      'l.created_at',
    ]);

export const getList = (db: Db, id: string): Promise<ListRecord | undefined> =>
  listColumns(db).where('l.id', '=', id).executeTakeFirst() as Promise<ListRecord | undefined>;

/**
 * Lists the caller may read: those of their countries and areas (or all, globally), and those
 * holding people of their organizations. Newest first.
 */
export async function findLists(
  db: Db,
  scope: ScopeFilter,
  f: { country?: string; kind?: ListKind },
  limit = 200,
): Promise<ListRecord[]> {
  let q = listColumns(db);
  if (f.country) q = q.where('l.country_code', '=', f.country);
  if (f.kind) q = q.where('l.kind', '=', f.kind);
  if (!scope.global)
    q = q.where((eb) => {
      const ors = [];
      if (scope.countryCodes.length) ors.push(eb('l.country_code', 'in', scope.countryCodes));
      if (scope.areaIds.length) ors.push(eb('l.area_id', 'in', scope.areaIds));
      if (scope.organizationIds.length)
        ors.push(
          eb.exists(
            eb
              .selectFrom('crisis_list_people as r')
              .select('r.person_id')
              .whereRef('r.list_id', '=', 'l.id')
              .where('r.organization_id', 'in', scope.organizationIds),
          ),
        );
      return ors.length ? eb.or(ors) : eb.val(false);
    });
  return (await q.orderBy('l.created_at', 'desc').orderBy('l.id').limit(limit).execute()) as ListRecord[];
}

export interface RowRecord {
  person_id: string;
  given_name: string;
  family_name: string;
  organization: string;
  organization_id: string;
  kind: 'personnel' | 'dependant';
  recruitment: 'international' | 'local';
  sponsor: string | null;
  phone: string | null;
  email: string | null;
  location: string;
  source: 'duty_station' | 'travel';
  eligible: boolean;
  rule: RuleCode;
  reason: string;
  present: boolean;
  absent_since: Date | null;
  status: RowStatus;
  status_note: string;
  status_by_label: string | null;
  status_at: Date | null;
  version: number;
}

/** The rows of a list with the people's current names and contacts; by organization, then name. */
export async function listRows(
  db: Db,
  listId: string,
  f: { organizationIds?: string[]; eligibleOnly?: boolean; personId?: string },
): Promise<RowRecord[]> {
  let q = db
    .selectFrom('crisis_list_people as r')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .innerJoin('organizations as o', 'o.id', 'r.organization_id')
    .leftJoin('people as s', 's.id', 'p.sponsor_id')
    .select([
      'r.person_id',
      'p.given_name',
      'p.family_name',
      'o.code as organization',
      'r.organization_id',
      'p.kind',
      'p.recruitment',
      sql<string | null>`CASE WHEN s.id IS NULL THEN NULL ELSE s.given_name || ' ' || s.family_name END`.as(
        'sponsor',
      ),
      'p.phone',
      'p.email',
      'r.location',
      'r.source',
      'r.eligible',
      'r.rule',
      'r.reason',
      'r.present',
      'r.absent_since',
      'r.status',
      'r.status_note',
      'r.status_by_label',
      'r.status_at',
      'r.version',
    ])
    .where('r.list_id', '=', listId);
  if (f.organizationIds)
    q = q.where(
      'r.organization_id',
      'in',
      f.organizationIds.length ? f.organizationIds : ['00000000-0000-0000-0000-000000000000'],
    );
  if (f.eligibleOnly) q = q.where('r.eligible', '=', true);
  if (f.personId) q = q.where('r.person_id', '=', f.personId);
  return (await q
    .orderBy('o.code')
    .orderBy('p.family_name')
    .orderBy('p.given_name')
    .orderBy('r.person_id')
    .execute()) as RowRecord[];
}

/** Every row's person, presence and eligibility (for refresh). */
export const rowKeys = (db: Db, listId: string) =>
  db
    .selectFrom('crisis_list_people')
    .select(['person_id', 'present', 'eligible'])
    .where('list_id', '=', listId)
    .execute();

/**
 * Answers of these people in the open roll calls of a country: the latest per person is worked out
 * by the rules. Read live, so the list follows the roll call as people are accounted for.
 */
export async function openRollCallAnswers(
  db: Db,
  countryCode: string,
  listId: string,
): Promise<Map<string, RollCallAnswer[]>> {
  const rows = await db
    .selectFrom('roll_call_people as rp')
    .innerJoin('roll_calls as rc', 'rc.id', 'rp.roll_call_id')
    .select(['rp.person_id', 'rp.answer', 'rp.answered_at', 'rc.started_at'])
    .where('rc.status', '=', 'open')
    .where('rc.country_code', '=', countryCode)
    .where('rp.person_id', 'in', (eb) =>
      eb.selectFrom('crisis_list_people').select('person_id').where('list_id', '=', listId),
    )
    .execute();
  const out = new Map<string, RollCallAnswer[]>();
  for (const r of rows) {
    const list = out.get(r.person_id) ?? [];
    list.push({
      answer: r.answer,
      answeredAt: r.answered_at ? new Date(r.answered_at) : null,
      startedAt: new Date(r.started_at),
    });
    out.set(r.person_id, list);
  }
  return out;
}

/** Sets a row's status when its version still matches; the new version, or undefined. */
export async function setRowStatus(
  db: Db,
  listId: string,
  personId: string,
  v: { status: RowStatus; note: string; byLabel: string; at: Date; version: number },
): Promise<number | undefined> {
  const r = await db
    .updateTable('crisis_list_people')
    .set((eb) => ({
      status: v.status,
      status_note: v.note,
      status_by_label: v.byLabel,
      status_at: v.at,
      version: eb('version', '+', 1),
    }))
    .where('list_id', '=', listId)
    .where('person_id', '=', personId)
    .where('version', '=', v.version)
    .returning('version')
    .executeTakeFirst();
  return r?.version;
}

export const activeDesignation = (db: Db, personId: string, countryCode: string) =>
  db
    .selectFrom('crisis_designations')
    .select(['id', 'designated_by_label', 'reason'])
    .where('person_id', '=', personId)
    .where('country_code', '=', countryCode)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst();

export async function insertDesignation(
  db: Db,
  v: { personId: string; countryCode: string; reason: string; by: string | null; byLabel: string; at: Date },
): Promise<string> {
  const r = await db
    .insertInto('crisis_designations')
    .values({
      person_id: v.personId,
      country_code: v.countryCode,
      reason: v.reason,
      designated_by: v.by,
      designated_by_label: v.byLabel,
      designated_at: v.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** The dependants of a sponsor who are rows of the list. */
export const dependantRowsOf = (db: Db, listId: string, sponsorId: string) =>
  db
    .selectFrom('crisis_list_people as r')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .select('r.person_id')
    .where('r.list_id', '=', listId)
    .where('p.sponsor_id', '=', sponsorId)
    .execute();

/** Flags rows whose people who-is-where no longer places in the list's area or country. */
export async function markAbsent(
  db: Db,
  listId: string,
  personIds: readonly string[],
  at: Date,
): Promise<void> {
  for (let i = 0; i < personIds.length; i += PAGE)
    await db
      .updateTable('crisis_list_people')
      .set({ present: false, absent_since: at })
      .where('list_id', '=', listId)
      .where('person_id', 'in', personIds.slice(i, i + PAGE))
      .execute();
}

/** Sets a row's eligibility after a designation (its presence and status stay). */
export async function updateEligibility(
  db: Db,
  listId: string,
  personId: string,
  v: { eligible: boolean; rule: RuleCode; reason: string },
): Promise<void> {
  await db
    .updateTable('crisis_list_people')
    .set({ eligible: v.eligible, rule: v.rule, reason: v.reason })
    .where('list_id', '=', listId)
    .where('person_id', '=', personId)
    .execute();
}

/** Withdraws an active designation; true when there was one. */
export async function withdrawDesignation(
  db: Db,
  v: { personId: string; countryCode: string; byLabel: string; at: Date },
): Promise<{ id: string; reason: string } | undefined> {
  return db
    .updateTable('crisis_designations')
    .set({ withdrawn_at: v.at, withdrawn_by_label: v.byLabel })
    .where('person_id', '=', v.personId)
    .where('country_code', '=', v.countryCode)
    .where('withdrawn_at', 'is', null)
    .returning(['id', 'reason'])
    .executeTakeFirst();
}
