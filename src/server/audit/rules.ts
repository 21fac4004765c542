import { createHash } from 'node:crypto';

/** Serialises JSON with sorted keys, so that a value hashes the same after a jsonb round trip. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The fields of an audit entry that its hash protects. */
export interface HashedAuditFields {
  at: Date;
  actorId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  orgId: string | null;
  countryCode: string | null;
  outcome: string;
  before: unknown;
  after: unknown;
  detail: unknown;
  prevHash: string;
}

/** The first entry's predecessor. */
export const GENESIS_HASH = '0'.repeat(64);

/** sha-256 over the canonical form of an entry, chained to the previous entry's hash. */
export function auditHash(e: HashedAuditFields): string {
  // Only the protected fields: the entry's id and its own hash are not part of what is hashed.
  const fields: HashedAuditFields = {
    at: e.at,
    actorId: e.actorId,
    actorLabel: e.actorLabel,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    orgId: e.orgId,
    countryCode: e.countryCode,
    outcome: e.outcome,
    before: e.before,
    after: e.after,
    detail: e.detail,
    prevHash: e.prevHash,
  };
  return createHash('sha256').update(canonicalJson(fields)).digest('hex');
}

export interface ChainBreak {
  id: number;
  reason: 'hash-mismatch' | 'broken-link';
}

/**
 * Walks entries in id order and reports every place the chain does not hold: an entry whose
 * content no longer matches its hash (edited) or whose prev_hash is not its predecessor's hash
 * (an entry before it was deleted or inserted).
 */
export function verifyChain(
  entries: Iterable<HashedAuditFields & { id: number; hash: string }>,
  startHash = GENESIS_HASH,
): { checked: number; lastHash: string; breaks: ChainBreak[] } {
  let previous = startHash;
  let checked = 0;
  const breaks: ChainBreak[] = [];
  for (const e of entries) {
    checked++;
    if (e.prevHash !== previous) breaks.push({ id: e.id, reason: 'broken-link' });
    if (auditHash(e) !== e.hash) breaks.push({ id: e.id, reason: 'hash-mismatch' });
    previous = e.hash;
  }
  return { checked, lastHash: previous, breaks };
}
