import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf, requireAuth } from '../../server/http';
import * as s from './who.schema';
import * as who from './who.service';

const tags = ['who-is-where'];

/** Who-is-where and precise locations. */
export function registerWhoRoutes(parent: FastifyInstance): void {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;

  app.get(
    '/who',
    {
      schema: {
        tags,
        summary:
          'Everyone present in an area, a country or within KM of a point (near=LAT,LON,KM) at a moment (at, default now): duty stations plus cleared or pending travel; totals count everyone selected, items page by id (after=next); dependants listed with include=dependants; precise coordinates only where the DO approved them (at most 96 h)',
        querystring: s.whoQuery,
        response: { 200: s.whoResult },
      },
    },
    async (r) => who.whoIsWhere(db, requireAuth(r), r.query),
  );
  app.post(
    '/people/:id/locations',
    {
      schema: {
        tags,
        summary:
          'Record a precise location of a person (the person themself or their organization’s focal point), only where the DO has approved precise tracking; kept at most 96 hours',
        params: s.personParams,
        body: s.recordFix,
        response: { 201: s.fixRecorded },
      },
    },
    async (r, reply) => reply.code(201).send(await who.recordFix(db, actorOf(r), r.params.id, r.body)),
  );
  app.delete(
    '/people/:id/locations',
    {
      schema: {
        tags,
        summary: 'Delete every precise location of a person, on their request (or their focal point’s)',
        params: s.personParams,
        response: { 200: s.fixesDeleted },
      },
    },
    async (r) => who.deleteFixes(db, actorOf(r), r.params.id),
  );
}
