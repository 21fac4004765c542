import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditHash, canonicalJson, GENESIS_HASH, type HashedAuditFields, verifyChain } from './rules';

function chain(n: number) {
  const entries: (HashedAuditFields & { id: number; hash: string })[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const fields: HashedAuditFields = {
      at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
      actorId: null,
      actorLabel: 'tester',
      action: 'area.update',
      entityType: 'area',
      entityId: `a${i}`,
      orgId: null,
      countryCode: 'AFG',
      outcome: 'success',
      before: { name: `old ${i}` },
      after: { name: `new ${i}` },
      detail: null,
      prevHash: prev,
    };
    const hash = auditHash(fields);
    entries.push({ ...fields, id: i, hash });
    prev = hash;
  }
  return entries;
}

describe('audit hash chain', () => {
  it('canonical JSON ignores key order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.oneof(fc.integer(), fc.string(), fc.boolean())), (o) => {
        const reversed = Object.fromEntries(Object.entries(o).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(o));
      }),
    );
  });

  it('an intact chain verifies', () => {
    const r = verifyChain(chain(20));
    expect(r).toMatchObject({ checked: 20, breaks: [] });
  });

  it('an edited entry is reported as a hash mismatch at its id', () => {
    const entries = chain(10);
    entries[4] = { ...entries[4]!, after: { name: 'tampered' } };
    expect(verifyChain(entries).breaks).toEqual([{ id: 5, reason: 'hash-mismatch' }]);
  });

  it('a deleted entry is reported as a broken link at the next entry', () => {
    const entries = chain(10);
    entries.splice(3, 1);
    expect(verifyChain(entries).breaks).toEqual([{ id: 5, reason: 'broken-link' }]);
  });

  it('any single edit anywhere is detected (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9 }), fc.string({ minLength: 1 }), (i, text) => {
        const entries = chain(10);
        const e = entries[i]!;
        if (e.actorLabel === text) return;
        entries[i] = { ...e, actorLabel: text };
        expect(verifyChain(entries).breaks.length).toBeGreaterThan(0);
      }),
    );
  });
});
