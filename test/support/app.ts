import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Database } from '../../src/db/engine';
import type { CreateGrant } from '../../src/modules/users/users.schema';
import { addGrant, createUser } from '../../src/modules/users/users.service';
import { buildApp } from '../../src/server/app';
import { SYSTEM_PRINCIPAL } from '../../src/server/auth/principal';
import { loadConfig } from '../../src/server/config';
import { createTestDatabase } from './db';

export const TEST_PASSWORD = 'correct horse battery staple';
export const SYSTEM_ACTOR = { principal: SYSTEM_PRINCIPAL, requestId: 'test' };

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  /** Creates a user with a password and grants (scope ids: organization code, country code or area code). */
  user(username: string, grants: CreateGrant[], organizationCode?: string | null): Promise<TestUser>;
  close(): Promise<void>;
}

export interface TestUser {
  id: string;
  username: string;
  cookie: string;
  /** Sends a request as this user (session cookie). */
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
}

/** A real app on a fresh real database; requests go through Fastify's inject (no sockets). */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({ LOG_LEVEL: 'silent', NODE_ENV: 'test', ...env });
  const app = await buildApp({ config, database, serveWeb: false });
  await app.ready();
  return {
    app,
    database,
    async user(username, grants, organizationCode = null) {
      const created = await createUser(database.db, SYSTEM_ACTOR, {
        username,
        displayName: username,
        organizationCode,
        password: TEST_PASSWORD,
      });
      for (const g of grants) await addGrant(database.db, SYSTEM_ACTOR, created.id, g);
      const cookie = await login(app, username, TEST_PASSWORD);
      return {
        id: created.id,
        username,
        cookie,
        request: (options) =>
          app.inject({ ...options, headers: { ...(options.headers ?? {}), cookie } } as InjectOptions),
      };
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** Signs in and returns the Cookie header value for the session. */
export async function login(app: FastifyInstance, username: string, password: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'smin_session');
  if (!cookie) throw new Error('no session cookie');
  return `smin_session=${cookie.value}`;
}

export const admin: CreateGrant[] = [{ role: 'admin', scopeType: 'global', scopeId: null }];
