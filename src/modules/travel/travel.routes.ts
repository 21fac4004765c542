import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireAuth } from '../../server/http';
import * as clearance from './clearance.service';
import * as s from './travel.schema';
import * as travel from './travel.service';

const tags = ['travel'];
const idParam = z.object({ id: z.uuid() });

export function registerTravelRoutes(parent: FastifyInstance): void {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const { database, config } = app.deps;
  const db = database.db;
  const opts = { publicUrl: config.publicUrl };

  app.post(
    '/travel/requests',
    {
      schema: {
        tags,
        summary:
          'Request travel (for yourself, your dependant, or as your organization’s focal point); cleared at once where the rules allow, otherwise queued for the security adviser',
        body: s.createTravelRequest,
        response: { 201: s.travelRequest },
      },
    },
    async (r, reply) => reply.status(201).send(await travel.requestTravel(db, actorOf(r), r.body, opts)),
  );
  app.get(
    '/travel/requests',
    {
      schema: {
        tags,
        summary: 'Travel you may read, newest first (pass `next` as `after` for the next page)',
        querystring: s.travelListQuery,
        response: { 200: s.travelPage },
      },
    },
    async (r) => travel.listTravelRequests(db, requireAuth(r), r.query),
  );
  app.get(
    '/travel/requests/:id',
    { schema: { tags, summary: 'One travel request', params: idParam, response: { 200: s.travelRequest } } },
    async (r) => travel.getTravelRequest(db, requireAuth(r), r.params.id),
  );
  app.get(
    '/travel/requests/:id/briefing',
    {
      schema: {
        tags,
        summary: 'The travel briefing: advisory, threat levels highest first, requirements, contacts',
        params: idParam,
        response: { 200: s.briefing },
      },
    },
    async (r) => travel.getBriefing(db, requireAuth(r), r.params.id),
  );
  app.post(
    '/travel/requests/:id/decision',
    {
      schema: {
        tags,
        summary: 'Clear or refuse a pending request on the Designated Official’s behalf (not your own)',
        params: idParam,
        body: s.decisionInput,
        response: { 200: s.travelRequest },
      },
    },
    async (r) => travel.decideTravel(db, actorOf(r), r.params.id, r.body, opts),
  );
  app.post(
    '/travel/requests/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Cancel a travel request',
        params: idParam,
        body: s.cancelInput,
        response: { 200: s.travelRequest },
      },
    },
    async (r) => travel.cancelTravel(db, actorOf(r), r.params.id, r.body),
  );
  app.get(
    '/travel/queue',
    {
      schema: {
        tags,
        summary: 'Pending requests you may decide, oldest first',
        response: { 200: z.array(s.travelRequest) },
      },
    },
    async (r) => travel.travelQueue(db, requireAuth(r)),
  );
  app.get(
    '/travel/clearance-rules',
    {
      schema: {
        tags,
        summary: 'Clearance rules per country and area (an area’s rule wins over its country’s)',
        querystring: s.clearanceRuleQuery,
        response: { 200: z.array(s.clearanceRule) },
      },
    },
    async (r) => clearance.listClearanceRules(db, requireAuth(r), r.query.country),
  );
  app.put(
    '/travel/clearance-rules',
    {
      schema: {
        tags,
        summary: 'Set the clearance rule of a country or one of its areas',
        body: s.putClearanceRule,
        response: { 200: s.clearanceRule },
      },
    },
    async (r) => clearance.putClearanceRule(db, actorOf(r), r.body),
  );
}
