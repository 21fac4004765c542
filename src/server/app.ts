import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Database } from '../db/engine';
import { registerModules } from '../modules';
import { registerScimRoutes } from '../modules/people/scim.routes';
import { registerAuditRoutes } from './audit/audit.routes';
import { authenticateRequests } from './auth/auth.plugin';
import { registerAuthRoutes } from './auth/auth.routes';
import type { AppConfig } from './config';
import { problem } from './errors';
import { registerHealthRoutes } from './health.routes';
import type { AppDeps } from './http';
import { registerMetrics } from './metrics';
import { installProblemHandlers } from './problem-handler';
import { registerWebApp } from './web-app';

export { API_VERSION } from './version';

import { API_VERSION } from './version';

export interface BuildOptions {
  config: AppConfig;
  database: Database;
  /** Serve the built web app (off in API tests). */
  serveWeb?: boolean;
}

/** Assembles the HTTP application: plugins, security headers, auth, routes, docs and errors. */
export async function buildApp({
  config,
  database,
  serveWeb = true,
}: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    ajv: { customOptions: { removeAdditional: false } },
    // The router refuses bad percent-encoding and over-long path parameters before any handler
    // runs: answer those with a problem too (Fastify's own body is not one).
    frameworkErrors: (error, request, reply) => {
      const message =
        error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'A path parameter is too long' : 'The URL is not valid';
      const body = problem('validation', message, {
        instance: request.url,
        errors: [{ field: 'path', message }],
      });
      (reply as FastifyReply).status(body.status).type('application/problem+json').send(body);
    },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const deps: AppDeps = { config, database };
  app.decorate('deps', deps);
  app.decorateRequest('principal', null);

  installProblemHandlers(app);
  await app.register(fastifyCookie);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        workerSrc: ["'self'", 'blob:'],
        childSrc: ["'self'", 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: config.cookieSecure === 'always',
  });
  await app.register(fastifyMultipart, { limits: { fileSize: config.importLimitBytes, files: 1 } });
  // Imports accept raw CSV and GeoJSON bodies, with their own (larger) size limit.
  app.addContentTypeParser(
    ['text/csv', 'text/plain'],
    { parseAs: 'string', bodyLimit: config.importLimitBytes },
    (_req, body, done) => done(null, body),
  );
  app.addContentTypeParser(
    ['application/geo+json'],
    { parseAs: 'string', bodyLimit: config.importLimitBytes },
    (_req, body, done) => {
      try {
        done(null, JSON.parse(body as string));
      } catch {
        const err = new Error('The GeoJSON body is not valid JSON') as Error & { statusCode: number };
        err.statusCode = 400;
        done(err, undefined);
      }
    },
  );

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'OpenSMIN API',
        version: API_VERSION,
        description:
          'Open security management information network. Errors are RFC 9457 problem details; ' +
          'authenticate with the session cookie or `Authorization: Bearer smin_…` API tokens.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'smin_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  registerMetrics(app);
  authenticateRequests(app);
  await app.register(
    async (api) => {
      registerHealthRoutes(api);
      registerAuthRoutes(api);
      registerAuditRoutes(api);
      registerModules(api);
    },
    { prefix: '/api' },
  );
  // SCIM 2.0 lives at the root, where identity systems look for it (its own parser and errors).
  await registerScimRoutes(app);
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await registerWebApp(app, serveWeb);
  return app;
}
