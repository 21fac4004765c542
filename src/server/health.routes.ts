import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { API_VERSION } from './version';

const healthResponse = z.object({
  status: z.literal('ok'),
  version: z.string(),
  engine: z.enum(['pglite', 'postgres']),
  engineVersion: z.string(),
});

/** Liveness and readiness in one: 200 only when the database answers. */
export function registerHealthRoutes(parent: FastifyInstance): void {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/health',
    {
      schema: {
        tags: ['platform'],
        summary: 'Health, engine and version',
        security: [],
        response: { 200: healthResponse },
      },
    },
    async () => ({
      status: 'ok' as const,
      version: API_VERSION,
      engine: app.deps.database.engine,
      engineVersion: await app.deps.database.version(),
    }),
  );
}
