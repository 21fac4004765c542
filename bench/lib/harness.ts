import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import type { Database } from '../../src/db/engine';
import { addGrant, createUser } from '../../src/modules/users/users.service';
import { buildApp } from '../../src/server/app';
import { SYSTEM_PRINCIPAL } from '../../src/server/auth/principal';
import { loadConfig } from '../../src/server/config';
import { login } from '../../test/support/app';

/** A numeric `--name value` option of the benchmark's command line. */
export function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const PASSWORD = 'bench-password-123';

/**
 * The platform on a loopback port, a global desk officer signed in (their cookie in `headers`), and
 * a bare Fastify route beside it: the baseline every figure is compared with in the same run.
 */
export async function startBench(database: Database) {
  const actor = { principal: SYSTEM_PRINCIPAL, requestId: 'bench' };
  const user = await createUser(database.db, actor, {
    username: 'bench.desk',
    displayName: 'Bench',
    password: PASSWORD,
  });
  await addGrant(database.db, actor, user.id, { role: 'desk_officer', scopeType: 'global', scopeId: null });
  const app = await buildApp({
    config: loadConfig({ LOG_LEVEL: 'silent', SMIN_DEMO: 'off' }),
    database,
    serveWeb: false,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const bare = Fastify();
  bare.get('/bare', async () => ({ status: 'ok', levels: [1, 2, 3, 4] }));
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const portOf = (server: typeof bare.server) => (server.address() as AddressInfo).port;
  return {
    base: `http://127.0.0.1:${portOf(app.server)}`,
    bareUrl: `http://127.0.0.1:${portOf(bare.server)}/bare`,
    headers: { cookie: await login(app, 'bench.desk', PASSWORD) },
    async close() {
      await bare.close();
      await app.close();
    },
  };
}
