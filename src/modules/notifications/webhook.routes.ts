import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireAuth } from '../../server/http';
import * as s from './webhook.schema';
import * as service from './webhook-admin.service';

const tags = ['webhooks'];
const idParam = z.object({ id: z.uuid() });

export function registerWebhookRoutes(parent: FastifyInstance): void {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;

  app.get(
    '/webhooks',
    {
      schema: {
        tags,
        summary: 'Webhook subscriptions you manage (secrets are never shown)',
        response: { 200: z.array(s.subscription) },
      },
    },
    async (r) => service.listSubscriptions(db, requireAuth(r)),
  );
  app.post(
    '/webhooks',
    {
      schema: {
        tags,
        summary: 'Subscribe a URL to outbox topics; the signing secret is in this response only',
        body: s.createSubscription,
        response: { 201: s.subscriptionWithSecret },
      },
    },
    async (r, reply) => reply.status(201).send(await service.createSubscription(db, actorOf(r), r.body)),
  );
  app.get(
    '/webhooks/:id',
    {
      schema: {
        tags,
        summary: 'One webhook subscription',
        params: idParam,
        response: { 200: s.subscription },
      },
    },
    async (r) => service.getSubscription(db, requireAuth(r), r.params.id),
  );
  app.patch(
    '/webhooks/:id',
    {
      schema: {
        tags,
        summary: 'Change name, URL, topics or active flag (over the version read)',
        params: idParam,
        body: s.updateSubscription,
        response: { 200: s.subscription },
      },
    },
    async (r) => service.updateSubscription(db, actorOf(r), r.params.id, r.body),
  );
  app.delete(
    '/webhooks/:id',
    {
      schema: {
        tags,
        summary: 'Delete a subscription and its delivery records',
        params: idParam,
        querystring: s.versionQuery,
      },
    },
    async (r, reply) => {
      await service.deleteSubscription(db, actorOf(r), r.params.id, r.query.version);
      return reply.status(204).send();
    },
  );
  app.post(
    '/webhooks/:id/rotate-secret',
    {
      schema: {
        tags,
        summary: 'Replace the signing secret; the new one is in this response only',
        params: idParam,
        body: s.versionBody,
        response: { 200: s.subscriptionWithSecret },
      },
    },
    async (r) => service.rotateSecret(db, actorOf(r), r.params.id, r.body.version),
  );
  app.get(
    '/webhooks/:id/deliveries',
    {
      schema: {
        tags,
        summary: 'Deliveries of the subscription, newest event first, with status and reasons',
        params: idParam,
        querystring: s.deliveriesQuery,
        response: { 200: s.deliveryPage },
      },
    },
    async (r) => service.listDeliveries(db, requireAuth(r), r.params.id, r.query),
  );
  app.post(
    '/webhooks/:id/test',
    {
      schema: {
        tags,
        summary: 'POST a signed webhook.test event now and report the answer',
        params: idParam,
        response: { 200: s.testResult },
      },
    },
    async (r) => service.sendTestEvent(db, actorOf(r), r.params.id),
  );
}
