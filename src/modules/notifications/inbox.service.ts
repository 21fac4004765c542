/**
 * The signed-in user's in-app inbox: every outbox message that names them (by user id or by their
 * e-mail address), whatever became of the e-mail, rendered as the e-mail is (renderEmail), with
 * read/unread state. A user sees only messages addressed to them.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables';
import type { Principal } from '../../server/auth/principal';
import { type Actor, audit } from '../../server/context';
import { forbidden, notFound } from '../../server/errors';
import * as repo from './inbox.repository';
import type { InboxItem, InboxQuery } from './inbox.schema';
import { renderEmail } from './rules';

type Db = Kysely<DB>;
const SUMMARY = 280;
export const UNREAD_CAP = 100;

async function me(db: Db, principal: Principal): Promise<repo.Me> {
  if (principal.via === 'system') throw forbidden('The inbox belongs to a signed-in user');
  const email = await repo.userEmail(db, principal.userId);
  return { userId: principal.userId, keys: repo.recipientKeys(principal.userId, email) };
}

/** The reasons this user is on the message's list ("Designated Official", "traveller"…). */
function reasonsFor(recipients: unknown, m: repo.Me): string[] {
  const mine = new Set(m.keys);
  const out: string[] = [];
  for (const r of Array.isArray(recipients) ? recipients : []) {
    const e = (r ?? {}) as Record<string, unknown>;
    // As inbox_entries keys an entry: by its user id when it has one, otherwise by its address.
    const key =
      typeof e.userId === 'string' && e.userId.trim()
        ? `u:${e.userId.trim().toLowerCase()}`
        : typeof e.email === 'string'
          ? `e:${e.email.trim().toLowerCase()}`
          : '';
    const named = mine.has(key);
    if (named && typeof e.reason === 'string' && e.reason && !out.includes(e.reason)) out.push(e.reason);
  }
  return out;
}

function present(row: Awaited<ReturnType<typeof repo.listMine>>[number], m: repo.Me): InboxItem {
  const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
  const payload = parse(row.payload) as Record<string, unknown> | null;
  const { subject, text } = renderEmail(row.topic, payload);
  const flat = text.replace(/\s+/g, ' ').trim();
  const reasons = reasonsFor(parse(row.recipients), m);
  const summary = flat.length > SUMMARY ? `${flat.slice(0, SUMMARY - 1)}…` : flat;
  const url = typeof payload?.url === 'string' && /^https?:\/\/\S+$/.test(payload.url) ? payload.url : null;
  return {
    id: Number(row.id),
    topic: row.topic,
    createdAt: new Date(row.created_at).toISOString(),
    subject,
    summary: reasons.length ? `${summary} (You receive this as: ${reasons.join('; ')}.)` : summary,
    url,
    read: row.read_at !== null,
    readAt: row.read_at ? new Date(row.read_at).toISOString() : null,
  };
}

export async function listInbox(db: Db, principal: Principal, q: InboxQuery) {
  const m = await me(db, principal);
  const rows = await repo.listMine(db, m, {
    before: q.before,
    limit: q.limit,
    unreadOnly: q.unread === 'true',
  });
  return {
    items: rows.map((r) => present(r, m)),
    next: rows.length === q.limit ? Number(rows[rows.length - 1]!.id) : null,
    unread: await repo.countUnread(db, m, UNREAD_CAP),
  };
}

export async function unreadCount(db: Db, principal: Principal) {
  return { unread: await repo.countUnread(db, await me(db, principal), UNREAD_CAP) };
}

/** Marks one of the user's messages read (idempotent); 404 for a message not addressed to them. */
export async function markRead(db: Db, actor: Actor, id: number) {
  return db.transaction().execute(async (trx) => {
    const m = await me(trx, actor.principal);
    if (!(await repo.isMine(trx, m, id))) throw notFound('Message');
    const changed = await repo.markRead(trx, m.userId, id, new Date());
    if (changed)
      await audit(trx, actor, {
        action: 'inbox.read',
        entityType: 'outbox_message',
        entityId: String(id),
        orgId: actor.principal.organizationId,
        after: { read: true },
      });
    return { unread: await repo.countUnread(trx, m, UNREAD_CAP) };
  });
}
