/**
 * SCIM 2.0 endpoint at /scim/v2 (the path identity systems expect), answered in
 * `application/scim+json` with SCIM error bodies, authenticated by API tokens only (see
 * auth.plugin.ts). Hidden from the OpenAPI document: SCIM is specified by RFC 7643/7644 and
 * describes itself at /Schemas and /ResourceTypes; its loose bodies (unknown attributes ignored,
 * "False" for false) are not the strict contracts the typed client is generated from.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf, requireAuth } from '../../server/http';
import { auditFailure } from '../../server/problem-handler';
import * as scim from './scim.service';
import { resourceTypes, schemas, serviceProviderConfig } from './scim-discovery';
import { invalidSyntax, ScimError, toScimError } from './scim-errors';

export const SCIM_PREFIX = '/scim/v2';
const SCIM_JSON = 'application/scim+json';
const hide = { schema: { hide: true } };

const baseOf = (request: FastifyRequest) => `${request.protocol}://${request.host}${SCIM_PREFIX}`;
const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;
const ifMatch = (request: FastifyRequest) => request.headers['if-match'];

function send(reply: FastifyReply, body: object, status = 200) {
  const version = (body as { meta?: { version?: string } }).meta?.version;
  if (version) reply.header('etag', version);
  return reply.status(status).type(SCIM_JSON).send(body);
}

/** Mounts the SCIM endpoint at /scim/v2 in its own context (parser, errors, not-found). */
export async function registerScimRoutes(app: FastifyInstance): Promise<void> {
  await app.register(
    async (s) => {
      s.addContentTypeParser(SCIM_JSON, { parseAs: 'string' }, (_req, body, done) => {
        // Some clients send the content type on a DELETE without a body.
        if ((body as string).trim() === '') return done(null, undefined);
        try {
          done(null, JSON.parse(body as string));
        } catch {
          done(invalidSyntax('The body is not valid JSON'), undefined);
        }
      });
      s.setErrorHandler(async (error, request, reply) => {
        const body = toScimError(error);
        const status = Number(body.status);
        if (status >= 500) request.log.error({ err: error }, 'SCIM request failed');
        await auditFailure(app, request, status, error instanceof ScimError ? error.code : body.status);
        return reply.status(status).type(SCIM_JSON).send(body);
      });
      s.setNotFoundHandler((request, reply) =>
        reply
          .status(404)
          .type(SCIM_JSON)
          .send(toScimError(new ScimError(404, undefined, `No resource ${request.method} ${request.url}`))),
      );

      // Discovery needs a valid token but no particular permission.
      s.get('/ServiceProviderConfig', hide, async (request, reply) => {
        requireAuth(request);
        return send(reply, serviceProviderConfig(baseOf(request)));
      });
      s.get('/Schemas', hide, async (request, reply) => {
        requireAuth(request);
        return send(reply, schemas(baseOf(request)));
      });
      s.get('/ResourceTypes', hide, async (request, reply) => {
        requireAuth(request);
        return send(reply, resourceTypes(baseOf(request)));
      });

      s.get('/Users', hide, async (request, reply) => {
        const q = request.query as { filter?: string; startIndex?: string; count?: string };
        return send(
          reply,
          await scim.listUsers(s.deps.database.db, requireAuth(request), q, baseOf(request)),
        );
      });
      s.post('/Users', hide, async (request, reply) => {
        const user = await scim.createUser(
          s.deps.database.db,
          actorOf(request),
          request.body,
          baseOf(request),
        );
        reply.header('location', user.meta.location);
        return send(reply, user, 201);
      });
      s.get('/Users/:id', hide, async (request, reply) =>
        send(
          reply,
          await scim.getUser(s.deps.database.db, requireAuth(request), idOf(request), baseOf(request)),
        ),
      );
      s.put('/Users/:id', hide, async (request, reply) =>
        send(
          reply,
          await scim.replaceUser(
            s.deps.database.db,
            actorOf(request),
            idOf(request),
            request.body,
            ifMatch(request),
            baseOf(request),
          ),
        ),
      );
      s.patch('/Users/:id', hide, async (request, reply) =>
        send(
          reply,
          await scim.patchUser(
            s.deps.database.db,
            actorOf(request),
            idOf(request),
            request.body,
            ifMatch(request),
            baseOf(request),
          ),
        ),
      );
      s.delete('/Users/:id', hide, async (request, reply) => {
        await scim.deactivateUser(s.deps.database.db, actorOf(request), idOf(request), ifMatch(request));
        return reply.status(204).send();
      });
    },
    { prefix: SCIM_PREFIX },
  );
}
