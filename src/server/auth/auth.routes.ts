import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { permissionsOf } from '../access/rules';
import { actorOf, requireAuth } from '../http';
import * as schema from './auth.schema';
import * as service from './auth.service';
import type { Principal } from './principal';

const tags = ['auth'];

export function presentMe(p: Principal): schema.Me {
  return {
    id: p.userId,
    username: p.username,
    displayName: p.displayName,
    organizationId: p.organizationId,
    grants: p.grants,
    permissions: permissionsOf(p.grants),
    via: p.via,
  };
}

function cookieSecure(request: FastifyRequest): boolean {
  const mode = request.server.deps.config.cookieSecure;
  return mode === 'always' || (mode === 'auto' && request.protocol === 'https');
}

function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string, expires: Date) {
  reply.setCookie(service.SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: cookieSecure(request),
    expires,
  });
}

export function registerAuthRoutes(parent: FastifyInstance): void {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const { database, config } = app.deps;

  app.post(
    '/auth/login',
    {
      schema: {
        tags,
        summary: 'Sign in with a local account',
        body: schema.loginBody,
        response: { 200: schema.loginResponse },
      },
    },
    async (request, reply) => {
      const result = await service.login(database.db, config, {
        ...request.body,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
        requestId: request.id,
      });
      setSessionCookie(request, reply, result.token, result.expiresAt);
      return { user: presentMe(result.principal), expiresAt: result.expiresAt.toISOString() };
    },
  );

  app.post(
    '/auth/logout',
    { schema: { tags, summary: 'Sign out', response: { 204: z.null() } } },
    async (request, reply) => {
      const token = request.cookies[service.SESSION_COOKIE];
      if (token && request.principal) await service.logout(database.db, token, actorOf(request));
      reply.clearCookie(service.SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/auth/me',
    {
      schema: {
        tags,
        summary: 'The signed-in user, grants and permissions',
        response: { 200: schema.meResponse },
      },
    },
    async (request) => presentMe(requireAuth(request)),
  );

  app.get(
    '/auth/tokens',
    { schema: { tags, summary: 'My API tokens', response: { 200: z.array(schema.tokenSchema) } } },
    async (request) => service.listApiTokens(database.db, requireAuth(request)),
  );

  app.post(
    '/auth/tokens',
    {
      schema: {
        tags,
        summary: 'Create an API token (shown once)',
        body: schema.createTokenBody,
        response: { 201: schema.createdTokenSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createApiToken(database.db, actorOf(request), request.body)),
  );

  app.delete(
    '/auth/tokens/:id',
    {
      schema: {
        tags,
        summary: 'Revoke an API token',
        params: z.object({ id: z.uuid() }),
        response: { 200: schema.tokenSchema },
      },
    },
    async (request) => service.revokeApiToken(database.db, actorOf(request), request.params.id),
  );
}
