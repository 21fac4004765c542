/**
 * Webhook subscriptions and their deliveries: the only database access of the webhook feature.
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/tables';
import type { ScopeFilter } from '../../server/access/rules';

type Db = Kysely<DB>;

export type SubscriptionRow = Awaited<ReturnType<typeof findSubscription>> & {};

const SUB_COLUMNS = [
  's.id',
  's.name',
  's.url',
  's.secret',
  's.topics',
  's.organization_id',
  'o.code as organization_code',
  's.country_code',
  's.active',
  's.cursor_id',
  's.secret_rotated_at',
  's.created_by',
  's.version',
  's.created_at',
  's.updated_at',
] as const;

const subs = (db: Db) =>
  db
    .selectFrom('webhook_subscriptions as s')
    .leftJoin('organizations as o', 'o.id', 's.organization_id')
    .select(SUB_COLUMNS);

export function findSubscription(db: Db, id: string) {
  return subs(db).where('s.id', '=', id).executeTakeFirst();
}

/** Subscriptions within the reader's scope, newest first. */
export function listSubscriptions(db: Db, scope: ScopeFilter) {
  let q = subs(db).orderBy('s.created_at', 'desc').orderBy('s.id');
  if (!scope.global) {
    q = q.where((eb) =>
      eb.or([
        ...(scope.organizationIds.length ? [eb('s.organization_id', 'in', scope.organizationIds)] : []),
        ...(scope.countryCodes.length ? [eb('s.country_code', 'in', scope.countryCodes)] : []),
        eb.val(false),
      ]),
    );
  }
  return q.execute();
}

export interface SubscriptionValues {
  name: string;
  url: string;
  topics: string[];
  organization_id: string | null;
  country_code: string | null;
  active: boolean;
}

/** A new subscription; its cursor starts at the newest outbox message, so only later ones go out. */
export async function insertSubscription(
  db: Db,
  v: SubscriptionValues & { secret: string; created_by: string | null },
): Promise<string> {
  const row = await db
    .insertInto('webhook_subscriptions')
    .values({
      ...v,
      topics: JSON.stringify(v.topics),
      cursor_id: sql<number>`(SELECT coalesce(max(id), 0) FROM outbox)`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateSubscription(
  db: Db,
  id: string,
  version: number,
  v: Partial<SubscriptionValues> & { secret?: string; secret_rotated_at?: Date },
): Promise<boolean> {
  const { topics, ...rest } = v;
  const r = await db
    .updateTable('webhook_subscriptions')
    .set({
      ...rest,
      ...(topics ? { topics: JSON.stringify(topics) } : {}),
      version: sql<number>`version + 1`,
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function deleteSubscription(db: Db, id: string, version: number): Promise<boolean> {
  const r = await db
    .deleteFrom('webhook_subscriptions')
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Deliveries of a subscription, newest message first, keyset-paged by outbox id. */
export function listDeliveries(
  db: Db,
  subscriptionId: string,
  opts: { status?: 'pending' | 'delivered' | 'dead'; before?: number; limit: number },
) {
  let q = db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('outbox as o', 'o.id', 'd.outbox_id')
    .select([
      'd.outbox_id',
      'o.topic',
      'd.status',
      'd.attempts',
      'd.available_at',
      'd.last_status',
      'd.last_error',
      'd.delivered_at',
      'd.dead_at',
      'd.created_at',
    ])
    .where('d.subscription_id', '=', subscriptionId)
    .orderBy('d.outbox_id', 'desc')
    .limit(opts.limit);
  if (opts.status) q = q.where('d.status', '=', opts.status);
  if (opts.before !== undefined) q = q.where('d.outbox_id', '<', opts.before);
  return q.execute();
}

/** Active subscriptions, for the worker's fan-out. */
export function activeSubscriptions(db: Db) {
  return db
    .selectFrom('webhook_subscriptions')
    .select(['id', 'topics', 'organization_id', 'country_code', 'cursor_id', 'created_at'])
    .where('active', '=', true)
    .orderBy('id')
    .execute();
}

/**
 * Outbox messages above the subscription's cursor, made after the subscription, that have no
 * delivery row for it yet (the anti-join on the primary key keeps this cheap), oldest first.
 * `old` says whether the message is older than the commit margin (the cursor may pass it).
 */
export function fanOutCandidates(
  db: Db,
  sub: { id: string; cursor_id: number; created_at: Date },
  marginS: number,
  limit: number,
) {
  return db
    .selectFrom('outbox as o')
    .select([
      'o.id',
      'o.topic',
      'o.payload',
      'o.created_at',
      sql<boolean>`o.created_at < now() - make_interval(secs => ${marginS})`.as('old'),
    ])
    .where('o.id', '>', sub.cursor_id)
    .where('o.created_at', '>=', sub.created_at)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('webhook_deliveries as d')
            .select(sql`1`.as('x'))
            .where('d.subscription_id', '=', sub.id)
            .whereRef('d.outbox_id', '=', 'o.id'),
        ),
      ),
    )
    .orderBy('o.id')
    .limit(limit)
    .execute();
}

/**
 * Adds delivery rows, due from the message's own time (idempotent: concurrent fan-outs insert each
 * pair once).
 */
export async function addDeliveries(
  db: Db,
  subscriptionId: string,
  messages: { id: number; createdAt: Date }[],
) {
  if (messages.length === 0) return 0;
  const r = await db
    .insertInto('webhook_deliveries')
    .values(
      messages.map((m) => ({ subscription_id: subscriptionId, outbox_id: m.id, available_at: m.createdAt })),
    )
    .onConflict((oc) => oc.columns(['subscription_id', 'outbox_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0);
}

export async function advanceCursor(db: Db, subscriptionId: string, to: number) {
  await db
    .updateTable('webhook_subscriptions')
    .set({ cursor_id: sql<number>`greatest(cursor_id, ${to})` })
    .where('id', '=', subscriptionId)
    .execute();
}

export interface ClaimedDelivery {
  subscription_id: string;
  outbox_id: number;
  attempts: number;
  url: string;
  secret: string;
  topic: string;
  payload: unknown;
  created_at: Date;
}

/**
 * Claims up to `limit` due deliveries of active subscriptions in one statement: rows locked with
 * SKIP LOCKED (workers on other app servers take disjoint rows), leased by moving available_at,
 * stamped with this run's token, the attempt counted at claim time.
 */
export async function claimDue(
  db: Db,
  opts: { now: Date; leaseUntil: Date; token: string; limit: number },
): Promise<ClaimedDelivery[]> {
  const due = new Date(opts.now.getTime() + 1);
  const { rows } = await sql<ClaimedDelivery>`
    WITH claimed AS (
      UPDATE webhook_deliveries d
      SET available_at = ${opts.leaseUntil}, claim_token = ${opts.token}::uuid, attempts = d.attempts + 1
      WHERE (d.subscription_id, d.outbox_id) IN (
        SELECT w.subscription_id, w.outbox_id FROM webhook_deliveries w
        JOIN webhook_subscriptions s ON s.id = w.subscription_id AND s.active
        WHERE w.status = 'pending' AND w.available_at < ${due}
        ORDER BY w.available_at, w.outbox_id
        LIMIT ${opts.limit}
        FOR UPDATE OF w SKIP LOCKED)
      RETURNING d.subscription_id, d.outbox_id, d.attempts)
    SELECT c.subscription_id, c.outbox_id, c.attempts, s.url, s.secret, o.topic, o.payload, o.created_at
    FROM claimed c
    JOIN webhook_subscriptions s ON s.id = c.subscription_id
    JOIN outbox o ON o.id = c.outbox_id
    ORDER BY c.outbox_id, c.subscription_id`.execute(db);
  return rows.map((r) => ({ ...r, outbox_id: Number(r.outbox_id), created_at: new Date(r.created_at) }));
}

export type Settlement =
  | { kind: 'delivered'; at: Date; status: number }
  | { kind: 'dead'; at: Date; status: number | null; reason: string }
  | { kind: 'retry'; availableAt: Date; status: number | null; reason: string }
  | { kind: 'release'; availableAt: Date };

/** Ends this run's claim; a worker whose lease was taken over finds its token gone and writes nothing. */
export async function settle(
  db: Db,
  d: { subscription_id: string; outbox_id: number },
  token: string,
  s: Settlement,
): Promise<boolean> {
  const set =
    s.kind === 'delivered'
      ? { status: 'delivered' as const, delivered_at: s.at, last_status: s.status, last_error: null }
      : s.kind === 'dead'
        ? { status: 'dead' as const, dead_at: s.at, last_status: s.status, last_error: s.reason }
        : s.kind === 'retry'
          ? { available_at: s.availableAt, last_status: s.status, last_error: s.reason }
          : { available_at: s.availableAt, attempts: sql<number>`greatest(attempts - 1, 0)` };
  const r = await db
    .updateTable('webhook_deliveries')
    .set({ ...set, claim_token: null })
    .where('subscription_id', '=', d.subscription_id)
    .where('outbox_id', '=', d.outbox_id)
    .where('claim_token', '=', token)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export function organizationByCode(db: Db, code: string) {
  return db.selectFrom('organizations').select('id').where('code', '=', code).executeTakeFirst();
}

export async function countryExists(db: Db, code: string): Promise<boolean> {
  return !!(await db.selectFrom('countries').select('code').where('code', '=', code).executeTakeFirst());
}
