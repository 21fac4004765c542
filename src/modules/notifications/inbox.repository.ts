/**
 * The in-app inbox: outbox messages that name the user (by user id or e-mail address) and which of
 * them the user has read. `inbox_entries` (kept by a trigger on the outbox) lists each message
 * under every way it names someone, keyed (recipient, outbox_id): the newest messages of a user
 * are the last entries of one or two index ranges, read in order and no further than a page.
 */
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../../db/tables';

type Db = Kysely<DB>;

export interface Me {
  userId: string;
  /** `u:<user id>` and, when the user has an address, `e:<address>`, lower-cased as the trigger keys them. */
  keys: string[];
}

/** The user's e-mail address (null when none). */
export async function userEmail(db: Db, userId: string): Promise<string | null> {
  const r = await db.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirst();
  return r?.email ?? null;
}

export const recipientKeys = (userId: string, email: string | null) => [
  `u:${userId.trim().toLowerCase()}`,
  ...(email?.trim() ? [`e:${email.trim().toLowerCase()}`] : []),
];

/**
 * The newest `limit` message ids for the user below `before`: one ordered index range per key,
 * each stopped at `limit`, merged. With `unreadOnly`, messages the user has read are skipped.
 */
function mineIds(me: Me, opts: { before?: number; limit: number; unreadOnly: boolean }): RawBuilder<unknown> {
  const branch = (key: string) => sql`(SELECT e.outbox_id FROM inbox_entries e
    WHERE e.recipient = ${key}
      ${opts.before !== undefined ? sql`AND e.outbox_id < ${opts.before}` : sql``}
      ${
        opts.unreadOnly
          ? sql`AND NOT EXISTS (SELECT 1 FROM inbox_reads r
              WHERE r.user_id = ${me.userId}::uuid AND r.outbox_id = e.outbox_id)`
          : sql``
      }
    ORDER BY e.outbox_id DESC LIMIT ${opts.limit})`;
  return sql`SELECT DISTINCT outbox_id FROM (${sql.join(me.keys.map(branch), sql` UNION ALL `)}) b
    ORDER BY outbox_id DESC LIMIT ${opts.limit}`;
}

export interface InboxRow {
  id: number;
  topic: string;
  payload: unknown;
  recipients: unknown;
  created_at: Date;
  read_at: Date | null;
}

/** Messages for the user, newest first, keyset-paged by outbox id. */
export async function listMine(
  db: Db,
  me: Me,
  opts: { before?: number; limit: number; unreadOnly: boolean },
): Promise<InboxRow[]> {
  const { rows } = await sql<InboxRow>`
    SELECT o.id, o.topic, o.payload, o.recipients, o.created_at, r.read_at
    FROM (${mineIds(me, opts)}) m
    JOIN outbox o ON o.id = m.outbox_id
    LEFT JOIN inbox_reads r ON r.outbox_id = o.id AND r.user_id = ${me.userId}::uuid
    ORDER BY o.id DESC`.execute(db);
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/** Unread messages for the user, counted up to `cap` (a badge shows "99+", not an exact figure). */
export async function countUnread(db: Db, me: Me, cap: number): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM (${mineIds(me, { limit: cap, unreadOnly: true })}) x`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** True when the message names the user. */
export async function isMine(db: Db, me: Me, id: number): Promise<boolean> {
  const r = await db
    .selectFrom('inbox_entries')
    .select('outbox_id')
    .where('recipient', 'in', me.keys)
    .where('outbox_id', '=', id)
    .executeTakeFirst();
  return r !== undefined;
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
