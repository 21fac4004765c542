import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/tables';
import type { ScopeFilter } from '../../server/access/rules';
import type { BoardCount } from './rules';

type Db = Kysely<DB>;
const CHUNK = 1000;

function* chunks<T>(items: readonly T[], size = CHUNK): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/** What the roll call needs of each person present, and of sponsors who are not. */
export async function peopleDetails(db: Db, ids: readonly string[]) {
  const out: {
    id: string;
    kind: 'personnel' | 'dependant';
    sponsor_id: string | null;
    email: string | null;
    phone: string | null;
    organization_id: string;
    recruitment: string;
    status: string;
  }[] = [];
  for (const part of chunks(ids)) {
    out.push(
      ...(await db
        .selectFrom('people')
        .select(['id', 'kind', 'sponsor_id', 'email', 'phone', 'organization_id', 'recruitment', 'status'])
        .where('id', 'in', part)
        .execute()),
    );
  }
  return out;
}

/** The next reference number of the year, under a transaction-scoped lock against twins. */
export async function nextSequence(db: Db, year: number): Promise<number> {
  await sql`SELECT pg_advisory_xact_lock(hashtext('roll_calls.reference'))`.execute(db);
  const r = await db
    .selectFrom('roll_calls')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('reference', 'like', `RC-${year}-%`)
    .executeTakeFirstOrThrow();
  return r.n + 1;
}

export interface NewRollCall {
  reference: string;
  title: string;
  guidance: string;
  country_code: string;
  area_id: string | null;
  zone_id: string | null;
  zone_code: string | null;
  started_by: string | null;
  started_by_label: string;
  started_at: Date;
  escalate_after_min: number;
}

export async function insertRollCall(db: Db, r: NewRollCall) {
  return db.insertInto('roll_calls').values(r).returning(['id']).executeTakeFirstOrThrow();
}

export async function insertPeople(db: Db, rows: InsertPerson[]) {
  for (const part of chunks(rows)) await db.insertInto('roll_call_people').values(part).execute();
}

export interface InsertPerson {
  roll_call_id: string;
  person_id: string;
  contact_id: string;
  organization_id: string;
  kind: string;
  recruitment: string;
  zone_id: string | null;
}

export async function insertContacts(
  db: Db,
  rows: {
    roll_call_id: string;
    person_id: string;
    token_hash: Buffer;
    email: string | null;
    phone: string | null;
  }[],
) {
  for (const part of chunks(rows)) await db.insertInto('roll_call_contacts').values(part).execute();
}

/** Outbox messages in bulk (one per contact): a plain multi-row insert, idempotent by dedupe key. */
export async function enqueueMany(
  db: Db,
  messages: { topic: string; dedupe_key: string; payload: unknown; recipients: unknown[] }[],
) {
  for (const part of chunks(messages, 500)) {
    await db
      .insertInto('outbox')
      .values(
        part.map((m) => ({
          topic: m.topic,
          dedupe_key: m.dedupe_key,
          payload: JSON.stringify(m.payload),
          recipients: JSON.stringify(m.recipients),
        })),
      )
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .execute();
  }
}

export async function appendLog(
  db: Db,
  e: {
    roll_call_id: string;
    kind: DB['roll_call_log']['kind'];
    actor_label: string;
    text: string;
    at?: Date;
  },
) {
  await db
    .insertInto('roll_call_log')
    .values({ ...e, at: e.at ?? new Date() })
    .execute();
}

export async function areaName(db: Db, areaId: string): Promise<string> {
  const r = await db
    .selectFrom('areas as a')
    .innerJoin('countries as c', 'c.code', 'a.country_code')
    .select(['a.name', 'c.name as country'])
    .where('a.id', '=', areaId)
    .executeTakeFirstOrThrow();
  return `${r.name}, ${r.country}`;
}

export const rollCallById = (db: Db, id: string) =>
  db
    .selectFrom('roll_calls as r')
    .leftJoin('areas as a', 'a.id', 'r.area_id')
    .leftJoin('countries as c', 'c.code', 'r.country_code')
    .selectAll('r')
    .select(['a.code as area_code', 'a.name as area_name', 'c.name as country_name'])
    .where('r.id', '=', id)
    .executeTakeFirst();

export type RollCallRow = NonNullable<Awaited<ReturnType<typeof rollCallById>>>;

/** Roll calls a reader may see: by country or area, or with people of their organizations. */
export async function listRollCalls(
  db: Db,
  f: ScopeFilter,
  status: 'open' | 'closed' | undefined,
  limit: number,
) {
  return db
    .selectFrom('roll_calls as r')
    .leftJoin('areas as a', 'a.id', 'r.area_id')
    .select([
      'r.id',
      'r.reference',
      'r.title',
      'r.country_code',
      'a.code as area_code',
      'a.name as area_name',
      'r.zone_code',
      'r.status',
      'r.started_at',
      'r.started_by_label',
      'r.closed_at',
    ])
    .select((eb) => [
      eb
        .selectFrom('roll_call_people as p')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('p.roll_call_id', '=', 'r.id')
        .as('total'),
      eb
        .selectFrom('roll_call_people as p')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('p.roll_call_id', '=', 'r.id')
        .where('p.answer', '!=', 'pending')
        .as('accounted'),
    ])
    .where((eb) => {
      if (f.global) return eb.lit(true);
      const ors = [];
      if (f.countryCodes.length) ors.push(eb('r.country_code', 'in', f.countryCodes));
      if (f.areaIds.length) ors.push(eb('r.area_id', 'in', f.areaIds));
      if (f.organizationIds.length)
        ors.push(
          eb.exists(
            eb
              .selectFrom('roll_call_people as p')
              .select(sql`1`.as('one'))
              .whereRef('p.roll_call_id', '=', 'r.id')
              .where('p.organization_id', 'in', f.organizationIds),
          ),
        );
      return ors.length ? eb.or(ors) : eb.lit(false);
    })
    .$if(status !== undefined, (q) => q.where('r.status', '=', status!))
    .orderBy('r.started_at', 'desc')
    .limit(limit)
    .execute();
}

/** `IN ()` is not SQL: an empty list matches no row through an id no row has. */
const orNone = (ids: readonly string[]) => (ids.length ? [...ids] : ['00000000-0000-0000-0000-000000000000']);

/**
 * The board's counts by organization and by zone, for everyone or only some organizations or
 * zones: one pass over the board index (GROUPING SETS), not one per grouping.
 */
export async function boardCounts(
  db: Db,
  id: string,
  orgs: readonly string[] | null,
  zones: readonly string[] | null,
) {
  const { rows } = await sql<
    BoardCount & { organization_id: string | null; zone_id: string | null; by_org: boolean }
  >`
    SELECT organization_id, zone_id, GROUPING(organization_id) = 0 AS by_org,
      count(*)::int AS total,
      (count(*) FILTER (WHERE answer = 'safe'))::int AS safe,
      (count(*) FILTER (WHERE answer = 'need_help'))::int AS "needHelp",
      (count(*) FILTER (WHERE answer = 'pending'))::int AS pending
    FROM roll_call_people
    WHERE roll_call_id = ${id}
      ${orgs !== null ? sql`AND organization_id = ANY(${orNone(orgs)}::uuid[])` : sql``}
      ${zones !== null ? sql`AND zone_id = ANY(${orNone(zones)}::uuid[])` : sql``}
    GROUP BY GROUPING SETS ((organization_id), (zone_id))`.execute(db);
  const counts = (r: BoardCount) => ({
    total: r.total,
    safe: r.safe,
    needHelp: r.needHelp,
    pending: r.pending,
  });
  return {
    byOrg: rows.filter((r) => r.by_org).map((r) => ({ ...counts(r), organization_id: r.organization_id! })),
    byZone: rows.filter((r) => !r.by_org).map((r) => ({ ...counts(r), zone_id: r.zone_id })),
  };
}

/** People of the board with a given answer, keyset-paged by person id, with contact details. */
export async function boardPeople(
  db: Db,
  id: string,
  answer: 'pending' | 'need_help' | 'safe',
  orgs: readonly string[] | null,
  zones: readonly string[] | null,
  page: { limit: number; after?: string },
) {
  return db
    .selectFrom('roll_call_people as r')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .innerJoin('organizations as o', 'o.id', 'r.organization_id')
    .leftJoin('people as c', 'c.id', 'r.contact_id')
    .select([
      'r.person_id',
      'p.given_name',
      'p.family_name',
      'o.code as organization',
      'r.kind',
      'r.recruitment',
      'r.zone_id',
      'r.answer',
      'r.answered_at',
      'r.answered_via',
      'r.answered_by',
      'r.note',
      'r.lat',
      'r.lon',
      'r.escalations',
      'c.given_name as contact_given',
      'c.family_name as contact_family',
      'c.phone as contact_phone',
      'c.email as contact_email',
    ])
    .where('r.roll_call_id', '=', id)
    .where('r.answer', '=', answer)
    .$if(orgs !== null, (q) => q.where('r.organization_id', 'in', orNone(orgs!)))
    .$if(zones !== null, (q) => q.where('r.zone_id', 'in', orNone(zones!)))
    .$if(page.after !== undefined, (q) => q.where('r.person_id', '>', page.after!))
    .orderBy('r.person_id')
    .limit(page.limit)
    .execute();
}

export const logOf = (db: Db, id: string, limit: number) =>
  db
    .selectFrom('roll_call_log')
    .select(['at', 'kind', 'actor_label', 'text'])
    .where('roll_call_id', '=', id)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();

export const organizationsByIds = (db: Db, ids: readonly string[]) =>
  ids.length
    ? db.selectFrom('organizations').select(['id', 'code', 'name']).where('id', 'in', ids).execute()
    : Promise.resolve([]);

export const contactByToken = (db: Db, tokenHash: Buffer) =>
  db
    .selectFrom('roll_call_contacts')
    .select(['roll_call_id', 'person_id'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();

/** The contact of an SMS reply: the newest open roll call that asked this number. */
export const contactByPhone = (db: Db, phone: string) =>
  db
    .selectFrom('roll_call_contacts as c')
    .innerJoin('roll_calls as r', 'r.id', 'c.roll_call_id')
    .select(['c.roll_call_id', 'c.person_id', 'r.reference'])
    .where('c.phone', '=', phone)
    .where('r.status', '=', 'open')
    .orderBy('r.started_at', 'desc')
    .limit(1)
    .executeTakeFirst();

/** The people a contact answers for, with their first names and current answers. */
export const answersOfContact = (db: Db, rollCallId: string, contactId: string) =>
  db
    .selectFrom('roll_call_people as r')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .select(['r.person_id', 'p.given_name', 'r.kind', 'r.answer', 'r.answered_at'])
    .where('r.roll_call_id', '=', rollCallId)
    .where('r.contact_id', '=', contactId)
    .orderBy('r.kind', 'desc')
    .orderBy('r.person_id')
    .execute();

export async function recordAnswers(
  db: Db,
  rollCallId: string,
  personIds: readonly string[],
  a: {
    answer: 'safe' | 'need_help';
    via: 'web' | 'sms' | 'warden' | 'security';
    by: string;
    at: Date;
    note: string | null;
    lat: number | null;
    lon: number | null;
  },
) {
  if (personIds.length === 0) return 0;
  const r = await db
    .updateTable('roll_call_people')
    .set({
      answer: a.answer,
      answered_via: a.via,
      answered_by: a.by,
      answered_at: a.at,
      note: a.note,
      lat: a.lat,
      lon: a.lon,
    })
    .where('roll_call_id', '=', rollCallId)
    .where('person_id', 'in', personIds)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export const personOnRollCall = (db: Db, rollCallId: string, personId: string) =>
  db
    .selectFrom('roll_call_people')
    .select(['person_id', 'organization_id', 'zone_id', 'answer', 'contact_id'])
    .where('roll_call_id', '=', rollCallId)
    .where('person_id', '=', personId)
    .executeTakeFirst();

export const openRollCalls = (db: Db) =>
  db
    .selectFrom('roll_calls')
    .select(['id', 'reference', 'title', 'started_at', 'escalate_after_min', 'started_by', 'country_code'])
    .where('status', '=', 'open')
    .execute();

/** Non-responders not yet escalated in `round`. */
export const dueForEscalation = (db: Db, rollCallId: string, round: number) =>
  db
    .selectFrom('roll_call_people as r')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .innerJoin('organizations as o', 'o.id', 'r.organization_id')
    .leftJoin('people as c', 'c.id', 'r.contact_id')
    .select([
      'r.person_id',
      'p.given_name',
      'p.family_name',
      'o.code as organization',
      'r.kind',
      'r.zone_id',
      'c.phone as contact_phone',
      'c.email as contact_email',
    ])
    .where('r.roll_call_id', '=', rollCallId)
    .where('r.answer', '=', 'pending')
    .where('r.escalations', '<', round)
    .orderBy('r.person_id')
    .execute();

export async function markEscalated(
  db: Db,
  rollCallId: string,
  personIds: readonly string[],
  round: number,
  at: Date,
) {
  for (const part of chunks(personIds))
    await db
      .updateTable('roll_call_people')
      .set({ escalations: round, escalated_at: at })
      .where('roll_call_id', '=', rollCallId)
      .where('person_id', 'in', part)
      .where('escalations', '<', round)
      .execute();
}

export async function closeRollCall(db: Db, id: string, label: string, at: Date, version: number) {
  const r = await db
    .updateTable('roll_calls')
    .set({ status: 'closed', closed_at: at, closed_by_label: label, version: version + 1 })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Zones where a user is warden or deputy: a warden follows their zone's people on the board. */
export async function zonesWardenedBy(db: Db, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('wardens').select('zone_id').where('user_id', '=', userId).execute();
  return rows.map((r) => r.zone_id);
}

export const zoneNames = (db: Db, ids: readonly string[]) =>
  ids.length
    ? db.selectFrom('warden_zones').select(['id', 'code', 'name']).where('id', 'in', ids).execute()
    : Promise.resolve([]);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A roll call by its reference (RC-2026-0001) or id. */
export const findRollCall = (db: Db, refOrId: string) =>
  db
    .selectFrom('roll_calls')
    .select(['id', 'reference'])
    .where((eb) =>
      UUID.test(refOrId) ? eb('id', '=', refOrId) : eb('reference', '=', refOrId.trim().toUpperCase()),
    )
    .executeTakeFirst();

/** The active user who leads a roll call started from the command line. */
export const activeUserByUsername = (db: Db, username: string) =>
  db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('username', '=', username)
    .where('status', '=', 'active')
    .executeTakeFirst();

/** The notification language of contacts who have a sign-in and chose one (others get English). */
export async function contactLanguages(db: Db, personIds: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const part of chunks(personIds)) {
    const rows = await db
      .selectFrom('people as p')
      .innerJoin('notification_preferences as n', 'n.user_id', 'p.user_id')
      .select(['p.id', 'n.language'])
      .where('p.id', 'in', part)
      .execute();
    for (const r of rows) out.set(r.id, r.language);
  }
  return out;
}

/** The contact a one-tap token belongs to, with what the answer page shows of its roll call. */
export const contactWithRollCall = (db: Db, tokenHash: Buffer) =>
  db
    .selectFrom('roll_call_contacts as c')
    .innerJoin('roll_calls as r', 'r.id', 'c.roll_call_id')
    .leftJoin('areas as a', 'a.id', 'r.area_id')
    .leftJoin('countries as co', 'co.code', 'r.country_code')
    .select([
      'c.roll_call_id',
      'c.person_id as contact_id',
      'r.reference',
      'r.title',
      'r.guidance',
      'r.status',
      'r.country_code',
      'r.zone_code',
      'a.name as area_name',
      'co.name as country_name',
    ])
    .where('c.token_hash', '=', tokenHash)
    .executeTakeFirst();

/** Which (roll call, contact, person) triples exist: the people each link answers for. */
export async function coveredPairs(
  db: Db,
  pairs: readonly { rollCallId: string; contactId: string; personId: string }[],
): Promise<Set<string>> {
  if (pairs.length === 0) return new Set();
  const { rows } = await sql<{ roll_call_id: string; contact_id: string; person_id: string }>`
    SELECT r.roll_call_id, r.contact_id, r.person_id
    FROM unnest(${pairs.map((p) => p.rollCallId)}::uuid[], ${pairs.map((p) => p.contactId)}::uuid[],
      ${pairs.map((p) => p.personId)}::uuid[]) AS x(roll_call_id, contact_id, person_id)
    JOIN roll_call_people r ON r.roll_call_id = x.roll_call_id AND r.person_id = x.person_id
      AND r.contact_id = x.contact_id`.execute(db);
  return new Set(rows.map((r) => `${r.roll_call_id} ${r.contact_id} ${r.person_id}`));
}

/** A batch of link answers in one UPDATE (validated by the caller with coveredPairs). */
export async function recordLinkAnswers(
  db: Db,
  items: readonly {
    rollCallId: string;
    answers: readonly { personId: string; answer: string }[];
    note: string | null;
    lat: number | null;
    lon: number | null;
    at: Date;
  }[],
) {
  const rows = items.flatMap((i) => i.answers.map((a) => ({ ...i, ...a })));
  await sql`
    UPDATE roll_call_people r
    SET answer = x.answer, answered_via = 'web', answered_by = 'self', answered_at = x.at, note = x.note,
      lat = x.lat, lon = x.lon
    FROM unnest(${rows.map((r) => r.rollCallId)}::uuid[], ${rows.map((r) => r.personId)}::uuid[],
      ${rows.map((r) => r.answer)}::text[], ${rows.map((r) => r.at.toISOString())}::timestamptz[],
      ${rows.map((r) => r.note)}::text[], ${rows.map((r) => r.lat)}::float8[], ${rows.map((r) => r.lon)}::float8[])
      AS x(roll_call_id, person_id, answer, at, note, lat, lon)
    WHERE r.roll_call_id = x.roll_call_id AND r.person_id = x.person_id`.execute(db);
}
