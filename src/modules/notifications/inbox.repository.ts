/**
 * The in-app inbox: outbox messages whose recipients name the user (by id or e-mail address) and
 * which of them the user has read. The recipients test is jsonb containment, served by the GIN
 * index outbox_recipients_idx (jsonb_path_ops), one bitmap scan per way of naming the user.
 */
import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/tables';

type Db = Kysely<DB>;

export interface Me {
  userId: string;
  /** The user's addresses as messages may name them (as stored and lower-cased). */
  emails: string[];
}

/** The user's e-mail address, if active (null when none). */
export async function userEmail(db: Db, userId: string): Promise<string | null> {
  const r = await db.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirst();
  return r?.email ?? null;
}

/** `recipients` names the user: one containment test per form, OR-ed (a BitmapOr on the index). */
function addressedTo(me: Me): Expression<SqlBool> {
  const forms = [
    JSON.stringify([{ userId: me.userId }]),
    ...me.emails.map((email) => JSON.stringify([{ email }])),
  ];
  return sql<SqlBool>`(${sql.join(
    forms.map((f) => sql`o.recipients @> ${f}::jsonb`),
    sql` OR `,
  )})`;
}

/** Messages for the user, newest first, keyset-paged by outbox id. */
export function listMine(db: Db, me: Me, opts: { before?: number; limit: number; unreadOnly: boolean }) {
  let q = db
    .selectFrom('outbox as o')
    .leftJoin('inbox_reads as r', (j) => j.onRef('r.outbox_id', '=', 'o.id').on('r.user_id', '=', me.userId))
    .select(['o.id', 'o.topic', 'o.payload', 'o.recipients', 'o.created_at', 'r.read_at'])
    .where(addressedTo(me))
    .orderBy('o.id', 'desc')
    .limit(opts.limit);
  if (opts.before !== undefined) q = q.where('o.id', '<', opts.before);
  if (opts.unreadOnly) q = q.where('r.read_at', 'is', null);
  return q.execute();
}

/** Unread messages for the user, counted up to `cap` (a badge shows "99+", not an exact figure). */
export async function countUnread(db: Db, me: Me, cap: number): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM (
      SELECT 1 FROM outbox o
      WHERE ${addressedTo(me)}
        AND NOT EXISTS (SELECT 1 FROM inbox_reads r WHERE r.user_id = ${me.userId}::uuid AND r.outbox_id = o.id)
      LIMIT ${cap}) x`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** The message if it is addressed to the user. */
export function findMine(db: Db, me: Me, id: number) {
  return db
    .selectFrom('outbox as o')
    .select(['o.id', 'o.topic'])
    .where('o.id', '=', id)
    .where(addressedTo(me))
    .executeTakeFirst();
}

/** Marks read; true when it was unread. */
export async function markRead(db: Db, userId: string, id: number, at: Date): Promise<boolean> {
  const r = await db
    .insertInto('inbox_reads')
    .values({ user_id: userId, outbox_id: id, read_at: at })
    .onConflict((oc) => oc.columns(['user_id', 'outbox_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}
