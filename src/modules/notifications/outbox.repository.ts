import { type Kysely, type QueryCreator, sql } from 'kysely';
import type { DB } from '../../db/tables';

type Db = Kysely<DB>;
const EMAIL = 'email';

export interface ClaimedMessage {
  id: number;
  topic: string;
  payload: unknown;
  recipients: unknown;
  attempts: number;
}

/**
 * Claims up to `limit` due messages for this worker in one statement: the rows are locked with
 * SKIP LOCKED, so concurrent workers on other app servers take disjoint batches, and leased by
 * moving `available_at` to `leaseUntil`. The attempt is counted at claim time, so a message that
 * kills its worker every time still runs out of attempts instead of looping forever.
 */
export async function claimDue(
  db: Db,
  opts: { now: Date; leaseUntil: Date; token: string; limit: number },
): Promise<ClaimedMessage[]> {
  const due = db
    .selectFrom('outbox')
    .select('id')
    .where('delivered_at', 'is', null)
    .where('dead_at', 'is', null)
    // The clock here has milliseconds and the database microseconds: a message queued in this very
    // millisecond is due too (strictly before the next millisecond).
    .where('available_at', '<', new Date(opts.now.getTime() + 1))
    .orderBy('available_at')
    .orderBy('id')
    .limit(opts.limit)
    .forUpdate()
    .skipLocked();
  const rows = await db
    .updateTable('outbox')
    .set({ available_at: opts.leaseUntil, claim_token: opts.token, attempts: sql<number>`attempts + 1` })
    .where('id', 'in', due)
    .returning(['id', 'topic', 'payload', 'recipients', 'attempts'])
    .execute();
  return rows.sort((a, b) => a.id - b.id);
}

/**
 * E-mail addresses of the active users among `userIds` (null for an active user without one).
 * Disabled and unknown users are absent. The notifications module reads users only through here.
 */
export async function activeUserEmails(db: Db, userIds: string[]): Promise<Map<string, string | null>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'email'])
    .where('id', 'in', userIds)
    .where('status', '=', 'active')
    .execute();
  return new Map(rows.map((r) => [r.id.toLowerCase(), r.email]));
}

/** Addresses of a message that need no further attempt (sent, or given up), with the reason. */
export async function settledAddresses(db: Db, outboxId: number, channel = EMAIL) {
  const rows = await db
    .selectFrom('outbox_deliveries')
    .select(['address', 'status', 'last_error'])
    .where('outbox_id', '=', outboxId)
    .where('channel', '=', channel)
    .where((eb) => eb.or([eb('status', '=', 'sent'), eb('given_up_at', 'is not', null)]))
    .execute();
  return new Map(rows.map((r) => [r.address, { status: r.status, lastError: r.last_error }]));
}

/** The insert that records an accepted address; also run inside `settle` for a message's last one. */
const sentRow = (db: QueryCreator<DB>, outboxId: number, address: string, at: Date, channel: string) =>
  db
    .insertInto('outbox_deliveries')
    .values({ outbox_id: outboxId, address, channel, status: 'sent', attempts: 1, sent_at: at })
    .onConflict((oc) =>
      oc.columns(['outbox_id', 'channel', 'address']).doUpdateSet({
        status: 'sent',
        attempts: sql<number>`outbox_deliveries.attempts + 1`,
        sent_at: at,
        last_error: null,
        given_up_at: null,
      }),
    );

/** Records that the server accepted the message for `address` (written right after it did). */
export async function recordSent(db: Db, outboxId: number, address: string, at: Date, channel = EMAIL) {
  await sentRow(db, outboxId, address, at, channel).execute();
}

/**
 * Records a failed attempt for `address`. Never downgrades an address another worker has
 * meanwhile recorded as sent.
 */
export async function recordFailure(
  db: Db,
  outboxId: number,
  address: string,
  f: { reason: string; givenUpAt: Date | null; countAttempt: boolean },
  channel = EMAIL,
) {
  await db
    .insertInto('outbox_deliveries')
    .values({
      outbox_id: outboxId,
      address,
      channel,
      status: 'failed',
      attempts: f.countAttempt ? 1 : 0,
      last_error: f.reason,
      given_up_at: f.givenUpAt,
    })
    .onConflict((oc) =>
      oc
        .columns(['outbox_id', 'channel', 'address'])
        .doUpdateSet({
          attempts: sql<number>`outbox_deliveries.attempts + ${f.countAttempt ? 1 : 0}`,
          last_error: f.reason,
          given_up_at: f.givenUpAt,
        })
        .where('outbox_deliveries.status', '<>', 'sent'),
    )
    .execute();
}

/** Gives up every still-failing address of a message, on every channel (its attempts are used up). */
export async function giveUpFailing(db: Db, outboxId: number, at: Date) {
  await db
    .updateTable('outbox_deliveries')
    .set({ given_up_at: at })
    .where('outbox_id', '=', outboxId)
    .where('status', '=', 'failed')
    .where('given_up_at', 'is', null)
    .execute();
}

export type Settlement =
  | { kind: 'delivered'; at: Date; note: string | null }
  | { kind: 'dead'; at: Date; reason: string }
  | { kind: 'retry'; availableAt: Date; reason: string | null };

/**
 * Ends this worker's claim on a message. Only the holder of the current claim token may: a worker
 * that outlived its lease finds the message claimed by another and leaves it to that one.
 */
export async function settle(
  db: Db,
  outboxId: number,
  token: string,
  s: Settlement,
  /**
   * The address sent last, recorded in the same statement (one commit instead of two: the
   * window between the server's acceptance and the record is the same). Recorded whatever the
   * claim: that it was sent is a fact.
   */
  lastSent?: { address: string; channel: string; at: Date },
): Promise<boolean> {
  const set =
    s.kind === 'delivered'
      ? { delivered_at: s.at, last_error: s.note }
      : s.kind === 'dead'
        ? { dead_at: s.at, last_error: s.reason }
        : { available_at: s.availableAt, last_error: s.reason };
  const base = lastSent
    ? db.with('sent', (qc) => sentRow(qc, outboxId, lastSent.address, lastSent.at, lastSent.channel))
    : db;
  const r = await base
    .updateTable('outbox')
    .set({ ...set, claim_token: null })
    .where('id', '=', outboxId)
    .where('claim_token', '=', token)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/**
 * Hands unprocessed messages of a claim back untouched (due now, attempt refunded): used when a
 * run stops early because its lease is running out.
 */
export async function release(db: Db, ids: number[], token: string, now: Date) {
  if (ids.length === 0) return;
  await db
    .updateTable('outbox')
    .set({ available_at: now, claim_token: null, attempts: sql<number>`greatest(attempts - 1, 0)` })
    .where('id', 'in', ids)
    .where('claim_token', '=', token)
    .execute();
}

/** Messages per topic by state, for `smin notify status`. */
export function countsByTopic(db: Db) {
  return db
    .selectFrom('outbox')
    .select((eb) => [
      'topic',
      sql<number>`count(*) filter (where delivered_at is null and dead_at is null)::int`.as('queued'),
      sql<number>`count(*) filter (where delivered_at is null and dead_at is null and attempts > 0)::int`.as(
        'retrying',
      ),
      sql<number>`count(*) filter (where delivered_at is not null)::int`.as('delivered'),
      sql<number>`count(*) filter (where dead_at is not null)::int`.as('dead'),
      eb.fn
        .min(sql<Date>`case when delivered_at is null and dead_at is null then created_at end`)
        .as('oldest_queued'),
    ])
    .groupBy('topic')
    .orderBy('topic')
    .execute();
}

/** Addresses whose last attempt failed, newest messages first (still retrying or given up). */
export function failedAddresses(db: Db, limit: number) {
  return db
    .selectFrom('outbox_deliveries as d')
    .innerJoin('outbox as o', 'o.id', 'd.outbox_id')
    .select([
      'd.outbox_id',
      'o.topic',
      'd.address',
      'd.attempts',
      'd.last_error',
      'd.given_up_at',
      'o.available_at',
      'o.dead_at',
    ])
    .where('d.channel', '=', EMAIL)
    .where('d.status', '=', 'failed')
    .orderBy('d.outbox_id', 'desc')
    .orderBy('d.address')
    .limit(limit)
    .execute();
}

/** Dead-lettered messages, newest first, with the reason the worker gave up. */
export function deadMessages(db: Db, limit: number) {
  return db
    .selectFrom('outbox')
    .select(['id', 'topic', 'attempts', 'dead_at', 'last_error'])
    .where('dead_at', 'is not', null)
    .orderBy('dead_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
