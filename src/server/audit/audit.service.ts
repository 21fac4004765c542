import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables';
import { scopeFilter } from '../access/rules';
import type { Principal } from '../auth/principal';
import { forbidden } from '../errors';
import { listAudit, readChainPages } from './audit.repository';
import { type ChainBreak, GENESIS_HASH, verifyChain } from './rules';

export interface VerifyReport {
  ok: boolean;
  checked: number;
  breaks: ChainBreak[];
}

/** Re-computes every hash of the trail and checks every link; reports each break by entry id. */
export async function verifyAuditTrail(
  db: Kysely<DB>,
  onProgress?: (checked: number) => void,
): Promise<VerifyReport> {
  let last = GENESIS_HASH;
  let checked = 0;
  const breaks: ChainBreak[] = [];
  for await (const page of readChainPages(db)) {
    const r = verifyChain(page, last);
    last = r.lastHash;
    checked += r.checked;
    breaks.push(...r.breaks);
    onProgress?.(checked);
  }
  return { ok: breaks.length === 0, checked, breaks };
}

export interface AuditListParams {
  entityType?: string;
  entityId?: string;
  actorId?: string;
  beforeId?: number;
  limit: number;
}

/** Audit entries the principal may read: global auditors all, scoped auditors their scope's. */
export async function listAuditEntries(db: Kysely<DB>, principal: Principal, params: AuditListParams) {
  const filter = scopeFilter(principal.grants, 'audit.read');
  if (!filter) throw forbidden('Reading the audit trail needs the auditor or administrator role');
  const scope = filter.global
    ? null
    : { organizationIds: filter.organizationIds, countryCodes: filter.countryCodes };
  const rows = await listAudit(db, { ...params, scope });
  return rows.map(presentAuditEntry);
}

export function presentAuditEntry(r: Awaited<ReturnType<typeof listAudit>>[number]) {
  return {
    id: r.id,
    at: r.at.toISOString(),
    actorId: r.actor_id,
    actor: r.actor_label,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    outcome: r.outcome,
    before: r.before ?? null,
    after: r.after ?? null,
    detail: r.detail ?? null,
    hash: r.hash,
  };
}
