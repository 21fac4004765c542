import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf, requireAuth } from '../../server/http';
import * as s from './preferences.schema';
import * as service from './preferences.service';

export function registerNotificationPreferenceRoutes(parent: FastifyInstance): void {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;
  const tags = ['notifications'];

  app.get(
    '/me/notification-preferences',
    {
      schema: {
        tags,
        summary: 'Your notification channels and language',
        response: { 200: s.preferences },
      },
    },
    async (r) => service.getMyPreferences(db, requireAuth(r)),
  );
  app.put(
    '/me/notification-preferences',
    {
      schema: {
        tags,
        summary: 'Choose your notification channels (e-mail, SMS to an E.164 number) and language',
        body: s.updatePreferences,
        response: { 200: s.preferences },
      },
    },
    async (r) => service.updateMyPreferences(db, actorOf(r), r.body),
  );
}
