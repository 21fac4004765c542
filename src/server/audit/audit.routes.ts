import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { forbidden } from '../errors';
import { requireAuth } from '../http';
import { auditEntry } from './audit.schema';
import { listAuditEntries, verifyAuditTrail } from './audit.service';

export function registerAuditRoutes(parent: FastifyInstance): void {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const tags = ['audit'];
  app.get(
    '/audit',
    {
      schema: {
        tags,
        summary: 'Audit trail entries, newest first, within your scope',
        querystring: z.strictObject({
          entityType: z.string().max(100).optional(),
          entityId: z.string().max(100).optional(),
          actorId: z.uuid().optional(),
          beforeId: z.coerce.number().int().positive().optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: z.array(auditEntry) },
      },
    },
    async (request) => listAuditEntries(app.deps.database.db, requireAuth(request), request.query),
  );
  app.get(
    '/audit/verify',
    {
      schema: {
        tags,
        summary: 'Re-check every hash and link of the audit trail (global auditors and administrators)',
        response: {
          200: z.object({
            ok: z.boolean(),
            checked: z.number(),
            breaks: z.array(z.object({ id: z.number(), reason: z.enum(['hash-mismatch', 'broken-link']) })),
          }),
        },
      },
    },
    async (request) => {
      const p = requireAuth(request);
      const global = p.grants.some(
        (g) => (g.role === 'auditor' || g.role === 'admin') && g.scopeType === 'global',
      );
      if (!global) throw forbidden('Verifying the whole trail needs a global auditor or administrator');
      return verifyAuditTrail(app.deps.database.db);
    },
  );
}
