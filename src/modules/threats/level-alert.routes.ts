import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAuth } from '../../server/http';
import { levelAlertList } from './level-alert.service';
import { advisoryLevelAlerts, assessmentLevelAlerts } from './level-alert-list.service';

const idParam = z.object({ id: z.uuid() });

/** Who was alerted when a version raised a level: readers of it with who-is-where where it applies. */
export function registerLevelAlertRoutes(parent: FastifyInstance): void {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;

  app.get(
    '/threats/assessments/:id/alerts',
    {
      schema: {
        tags: ['threats'],
        summary: 'Who was alerted when this assessment raised a level (needs who-is-where there)',
        params: idParam,
        response: { 200: levelAlertList },
      },
    },
    async (r) => assessmentLevelAlerts(db, requireAuth(r), r.params.id),
  );
  app.get(
    '/advisories/:id/alerts',
    {
      schema: {
        tags: ['advisories'],
        summary: 'Who was alerted when this advisory raised a level (needs who-is-where there)',
        params: idParam,
        response: { 200: levelAlertList },
      },
    },
    async (r) => advisoryLevelAlerts(db, requireAuth(r), r.params.id),
  );
}
