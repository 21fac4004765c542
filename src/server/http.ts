import type { FastifyRequest } from 'fastify';
import type { Database } from '../db/engine';
import type { Principal } from './auth/principal';
import type { AppConfig } from './config';
import type { Actor } from './context';
import { unauthenticated } from './errors';

/** What every route module receives. */
export interface AppDeps {
  config: AppConfig;
  database: Database;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** The signed-in caller; throws 401 when there is none. */
export function requireAuth(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthenticated();
  return request.principal;
}

/** The caller as the actor of a change, with the request's id and address for the audit trail. */
export function actorOf(request: FastifyRequest): Actor {
  return { principal: requireAuth(request), requestId: request.id, ip: request.ip };
}
