import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/tables';
import { type AuditInput, appendAudit } from './audit/audit.repository';
import type { Principal } from './auth/principal';

/** What a use case needs to know about the request that called it. */
export interface Actor {
  principal: Principal;
  requestId?: string;
  ip?: string;
}

export type Trx = Transaction<DB>;

/** A change to record in the audit trail, inside the transaction that makes it. */
export interface AuditedChange {
  action: string;
  entityType: string;
  entityId: string | null;
  orgId?: string | null;
  countryCode?: string | null;
  before?: unknown;
  after?: unknown;
  detail?: unknown;
}

/** Appends a success entry for `change`, attributed to the actor, in the same transaction. */
export function audit(trx: Kysely<DB>, actor: Actor, change: AuditedChange): Promise<void> {
  return appendAudit(trx, toAuditInput(actor, change, 'success'));
}

export function toAuditInput(
  actor: Actor,
  change: AuditedChange,
  outcome: 'success' | 'denied' | 'failed',
): AuditInput {
  const p = actor.principal;
  return {
    actorId: p.via === 'system' ? null : p.userId,
    actorLabel: p.via === 'token' ? `${p.username} (API token)` : p.username,
    action: change.action,
    entityType: change.entityType,
    entityId: change.entityId,
    orgId: change.orgId ?? null,
    countryCode: change.countryCode ?? null,
    outcome,
    before: change.before ?? null,
    after: change.after ?? null,
    detail: change.detail ?? null,
    requestId: actor.requestId ?? null,
    ip: actor.ip ?? null,
  };
}
