import { z } from 'zod';

/** One audit trail entry as the API sends it. */
export const auditEntry = z.object({
  id: z.number(),
  at: z.string(),
  actorId: z.string().nullable(),
  actor: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  outcome: z.enum(['success', 'denied', 'failed']),
  before: z.unknown(),
  after: z.unknown(),
  detail: z.unknown(),
  hash: z.string(),
});
