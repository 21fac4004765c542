import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/tables';
import { auditHash, GENESIS_HASH, type HashedAuditFields } from './rules';

/** Arbitrary constant key for the advisory lock that orders appends to the hash chain. */
const AUDIT_CHAIN_LOCK = 727_002;

export type AuditInput = Omit<HashedAuditFields, 'prevHash' | 'at'> & {
  requestId?: string | null;
  ip?: string | null;
};

/**
 * Appends one entry to the chain inside the caller's transaction, so the entry commits or rolls
 * back with the change it describes. The transaction-scoped advisory lock makes concurrent
 * writers (several app servers included) take turns at the head of the chain.
 */
export async function appendAudit(trx: Kysely<DB>, input: AuditInput): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(trx);
  const last = await trx
    .selectFrom('audit_log')
    .select('hash')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  // Millisecond precision, so the timestamp reads back exactly as it was hashed.
  const at = new Date(Math.floor(Date.now()));
  const fields: HashedAuditFields = {
    at,
    actorId: input.actorId,
    actorLabel: input.actorLabel,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    orgId: input.orgId,
    countryCode: input.countryCode,
    outcome: input.outcome,
    before: normalise(input.before),
    after: normalise(input.after),
    detail: normalise(input.detail),
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  await trx
    .insertInto('audit_log')
    .values({
      at,
      actor_id: fields.actorId,
      actor_label: fields.actorLabel,
      action: fields.action,
      entity_type: fields.entityType,
      entity_id: fields.entityId,
      org_id: fields.orgId,
      country_code: fields.countryCode,
      outcome: fields.outcome as 'success' | 'denied' | 'failed',
      before: json(fields.before),
      after: json(fields.after),
      detail: json(fields.detail),
      request_id: input.requestId ?? null,
      ip: input.ip ?? null,
      prev_hash: fields.prevHash,
      hash: auditHash(fields),
    })
    .execute();
}

/** Round-trips a value through JSON so what is hashed equals what jsonb stores and returns. */
function normalise(value: unknown): unknown {
  return value === undefined || value === null ? null : JSON.parse(JSON.stringify(value));
}
function json(value: unknown): string | null {
  return value === null ? null : JSON.stringify(value);
}

export interface AuditQuery {
  entityType?: string;
  entityId?: string;
  actorId?: string;
  /** Scope restriction: null = everything; otherwise entries matching any listed org or country. */
  scope: { organizationIds: string[]; countryCodes: string[] } | null;
  beforeId?: number;
  limit: number;
}

export async function listAudit(db: Kysely<DB>, q: AuditQuery) {
  let query = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(q.limit);
  if (q.entityType) query = query.where('entity_type', '=', q.entityType);
  if (q.entityId) query = query.where('entity_id', '=', q.entityId);
  if (q.actorId) query = query.where('actor_id', '=', q.actorId);
  if (q.beforeId) query = query.where('id', '<', q.beforeId);
  const scope = q.scope;
  if (scope) {
    query = query.where((eb) =>
      eb.or([
        ...(scope.organizationIds.length ? [eb('org_id', 'in', scope.organizationIds)] : []),
        ...(scope.countryCodes.length ? [eb('country_code', 'in', scope.countryCodes)] : []),
        eb.val(false),
      ]),
    );
  }
  return query.execute();
}

/** Reads the whole chain in id order, one page at a time, for verification. */
export async function* readChainPages(db: Kysely<DB>, pageSize = 5000) {
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('id', '>', after)
      .orderBy('id')
      .limit(pageSize)
      .execute();
    if (rows.length === 0) return;
    yield rows.map((r) => ({
      id: r.id,
      hash: r.hash,
      at: r.at,
      actorId: r.actor_id,
      actorLabel: r.actor_label,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      orgId: r.org_id,
      countryCode: r.country_code,
      outcome: r.outcome,
      before: r.before,
      after: r.after,
      detail: r.detail,
      prevHash: r.prev_hash,
    }));
    after = rows[rows.length - 1]!.id;
  }
}
