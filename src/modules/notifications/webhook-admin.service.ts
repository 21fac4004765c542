/**
 * Managing webhook subscriptions (webhook.manage over the subscription's scope): create (the secret
 * is shown once), read, change, delete, rotate the secret, list deliveries, send a test event.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/tables';
import { can, type ResourceScope, scopeFilter } from '../../server/access/rules';
import type { Principal } from '../../server/auth/principal';
import { type Actor, audit } from '../../server/context';
import { AppError, forbidden, notFound, versionConflict } from '../../server/errors';
import * as repo from './webhook.repository';
import type * as s from './webhook.schema';
import { postSigned } from './webhook.service';
import { newSecret, TEST_TOPIC, WEBHOOK_TIMEOUT_MS } from './webhook-rules';

type Db = Kysely<DB>;
type Row = NonNullable<Awaited<ReturnType<typeof repo.findSubscription>>>;
const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

const scopeOf = (r: { organization_id: string | null; country_code: string | null }): ResourceScope => ({
  organizationId: r.organization_id,
  countryCode: r.country_code,
});

function present(r: Row): s.Subscription {
  return {
    id: r.id,
    name: r.name,
    url: r.url,
    topics: (typeof r.topics === 'string' ? JSON.parse(r.topics) : r.topics) as string[],
    organizationCode: r.organization_code ?? null,
    countryCode: r.country_code,
    active: r.active,
    version: r.version,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
    secretRotatedAt: iso(r.secret_rotated_at),
  };
}

/** The subscription if the caller manages its scope; 404 otherwise (its existence does not leak). */
async function managed(db: Db, principal: Principal, id: string): Promise<Row> {
  const row = await repo.findSubscription(db, id);
  if (!row || !can(principal.grants, 'webhook.manage', scopeOf(row))) throw notFound('Webhook subscription');
  return row;
}

export async function listSubscriptions(db: Db, principal: Principal) {
  const scope = scopeFilter(principal.grants, 'webhook.manage');
  if (!scope) throw forbidden();
  return (await repo.listSubscriptions(db, scope)).map(present);
}

export async function getSubscription(db: Db, principal: Principal, id: string) {
  return present(await managed(db, principal, id));
}

export async function createSubscription(db: Db, actor: Actor, input: s.CreateSubscription) {
  return db.transaction().execute(async (trx) => {
    let organizationId: string | null = null;
    if (input.organizationCode) {
      const org = await repo.organizationByCode(trx, input.organizationCode);
      if (!org)
        throw new AppError('validation', 'Unknown organization', [
          { field: 'organizationCode', message: `no organization ${input.organizationCode}` },
        ]);
      organizationId = org.id;
    }
    if (input.countryCode && !(await repo.countryExists(trx, input.countryCode)))
      throw new AppError('validation', 'Unknown country', [
        { field: 'countryCode', message: `no country ${input.countryCode}` },
      ]);
    const scope = { organizationId, countryCode: input.countryCode };
    if (!can(actor.principal.grants, 'webhook.manage', scope))
      throw forbidden(
        organizationId || input.countryCode
          ? 'Your roles do not include managing webhooks for this scope'
          : 'A subscription without a scope needs a global role',
      );
    const secret = newSecret();
    const id = await repo.insertSubscription(trx, {
      name: input.name,
      url: input.url,
      topics: input.topics,
      organization_id: organizationId,
      country_code: input.countryCode,
      active: input.active,
      secret,
      created_by: actor.principal.via === 'system' ? null : actor.principal.userId,
    });
    const after = present((await repo.findSubscription(trx, id))!);
    await audit(trx, actor, {
      action: 'webhook.create',
      entityType: 'webhook_subscription',
      entityId: id,
      orgId: organizationId,
      countryCode: input.countryCode,
      after,
    });
    return { ...after, secret };
  });
}

export async function updateSubscription(db: Db, actor: Actor, id: string, input: s.UpdateSubscription) {
  return db.transaction().execute(async (trx) => {
    const row = await managed(trx, actor.principal, id);
    if (row.version !== input.version) throw versionConflict(row.version);
    const { version, ...changes } = input;
    if (!(await repo.updateSubscription(trx, id, version, changes))) throw versionConflict(row.version);
    const after = present((await repo.findSubscription(trx, id))!);
    await audit(trx, actor, {
      action: 'webhook.update',
      entityType: 'webhook_subscription',
      entityId: id,
      orgId: row.organization_id,
      countryCode: row.country_code,
      before: present(row),
      after,
    });
    return after;
  });
}

export async function deleteSubscription(db: Db, actor: Actor, id: string, version: number) {
  await db.transaction().execute(async (trx) => {
    const row = await managed(trx, actor.principal, id);
    if (row.version !== version || !(await repo.deleteSubscription(trx, id, version)))
      throw versionConflict(row.version);
    await audit(trx, actor, {
      action: 'webhook.delete',
      entityType: 'webhook_subscription',
      entityId: id,
      orgId: row.organization_id,
      countryCode: row.country_code,
      before: present(row),
    });
  });
}

/** A new secret, returned once; the old one stops signing at once. */
export async function rotateSecret(db: Db, actor: Actor, id: string, version: number) {
  return db.transaction().execute(async (trx) => {
    const row = await managed(trx, actor.principal, id);
    if (row.version !== version) throw versionConflict(row.version);
    const secret = newSecret();
    if (!(await repo.updateSubscription(trx, id, version, { secret, secret_rotated_at: new Date() })))
      throw versionConflict(row.version);
    const after = present((await repo.findSubscription(trx, id))!);
    await audit(trx, actor, {
      action: 'webhook.rotate_secret',
      entityType: 'webhook_subscription',
      entityId: id,
      orgId: row.organization_id,
      countryCode: row.country_code,
      before: { version: row.version },
      after: { version: after.version, secretRotatedAt: after.secretRotatedAt },
    });
    return { ...after, secret };
  });
}

export async function listDeliveries(
  db: Db,
  principal: Principal,
  id: string,
  q: z.infer<typeof s.deliveriesQuery>,
) {
  await managed(db, principal, id);
  const rows = await repo.listDeliveries(db, id, q);
  return {
    items: rows.map((d) => ({
      eventId: String(d.outbox_id),
      topic: d.topic,
      status: d.status,
      attempts: d.attempts,
      nextAttemptAt: d.status === 'pending' ? iso(d.available_at) : null,
      lastStatus: d.last_status,
      reason: d.last_error,
      deliveredAt: iso(d.delivered_at),
      deadAt: iso(d.dead_at),
      queuedAt: iso(d.created_at)!,
    })),
    nextBefore: rows.length === q.limit ? Number(rows[rows.length - 1]!.outbox_id) : null,
  };
}

/**
 * POSTs a signed `webhook.test` event to the subscription now and reports the answer. Nothing is
 * queued or retried; the attempt is audited.
 */
export async function sendTestEvent(db: Db, actor: Actor, id: string, timeoutMs = WEBHOOK_TIMEOUT_MS) {
  const row = await managed(db, actor.principal, id);
  const eventId = `test-${randomUUID()}`;
  const now = new Date();
  const a = await postSigned(
    row.url,
    row.secret,
    {
      id: eventId,
      topic: TEST_TOPIC,
      createdAt: now,
      payload: { subject: 'OpenSMIN webhook test', subscriptionId: id },
    },
    now,
    timeoutMs,
  );
  const result = {
    eventId,
    ok: a.kind === 'ok',
    status: a.status,
    reason: a.kind === 'ok' ? null : a.reason,
  };
  await db.transaction().execute((trx) =>
    audit(trx, actor, {
      action: 'webhook.test',
      entityType: 'webhook_subscription',
      entityId: id,
      orgId: row.organization_id,
      countryCode: row.country_code,
      detail: result,
    }),
  );
  return result;
}
