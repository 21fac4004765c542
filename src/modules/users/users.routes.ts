import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireAuth } from '../../server/http';
import * as s from './users.schema';
import * as service from './users.service';

export function registerUserRoutes(parent: FastifyInstance): void {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;
  const tags = ['users'];
  const idParam = z.object({ id: z.uuid() });

  app.get(
    '/roles',
    {
      schema: {
        tags,
        summary: 'Roles and the scopes each is granted over',
        response: { 200: z.array(s.roleInfo) },
      },
    },
    async (r) => {
      requireAuth(r);
      return service.listRoles();
    },
  );
  app.get(
    '/users',
    {
      schema: {
        tags,
        summary: 'Users within your scope',
        querystring: z.strictObject({
          organization: z.string().max(40).optional(),
          q: z.string().max(100).optional(),
        }),
        response: { 200: z.array(s.user) },
      },
    },
    async (r) => service.listUsers(db, requireAuth(r), r.query),
  );
  app.get(
    '/users/:id',
    { schema: { tags, summary: 'One user', params: idParam, response: { 200: s.user } } },
    async (r) => service.getUser(db, requireAuth(r), r.params.id),
  );
  app.post(
    '/users',
    { schema: { tags, summary: 'Create a user', body: s.createUser, response: { 201: s.user } } },
    async (r, reply) => reply.status(201).send(await service.createUser(db, actorOf(r), r.body)),
  );
  app.patch(
    '/users/:id',
    {
      schema: {
        tags,
        summary: 'Update a user',
        params: idParam,
        body: s.updateUser,
        response: { 200: s.user },
      },
    },
    async (r) => service.updateUser(db, actorOf(r), r.params.id, r.body),
  );
  app.post(
    '/users/:id/grants',
    {
      schema: {
        tags,
        summary: 'Grant a role over a scope',
        params: idParam,
        body: s.createGrant,
        response: { 201: s.grant },
      },
    },
    async (r, reply) => reply.status(201).send(await service.addGrant(db, actorOf(r), r.params.id, r.body)),
  );
  app.delete(
    '/users/:id/grants/:grantId',
    {
      schema: {
        tags,
        summary: 'Revoke a grant',
        params: z.object({ id: z.uuid(), grantId: z.uuid() }),
        response: { 204: z.null() },
      },
    },
    async (r, reply) => {
      await service.removeGrant(db, actorOf(r), r.params.id, r.params.grantId);
      return reply.status(204).send(null);
    },
  );
}
