import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf, requireAuth } from '../../server/http';
import * as s from './inbox.schema';
import * as service from './inbox.service';

export function registerInboxRoutes(parent: FastifyInstance): void {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;
  const tags = ['notifications'];

  app.get(
    '/me/notifications',
    {
      schema: {
        tags,
        summary: 'Your messages, newest first (keyset pages: pass `next` as `before`), with the unread count',
        querystring: s.inboxQuery,
        response: { 200: s.inboxPage },
      },
    },
    async (r) => service.listInbox(db, requireAuth(r), r.query),
  );
  app.get(
    '/me/notifications/unread-count',
    { schema: { tags, summary: 'How many of your messages are unread', response: { 200: s.unreadCount } } },
    async (r) => service.unreadCount(db, requireAuth(r)),
  );
  app.post(
    '/me/notifications/:id/read',
    {
      schema: {
        tags,
        summary: 'Mark one of your messages read',
        params: s.messageId,
        response: { 200: s.unreadCount },
      },
    },
    async (r) => service.markRead(db, actorOf(r), r.params.id),
  );
}
