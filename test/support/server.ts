import type { AddressInfo } from 'node:net';
import { DEMO_PASSWORD } from '../../src/modules/demo/generator';
import { seedDemo } from '../../src/modules/demo/seed.service';
import { buildApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import { createTestDatabase } from './db';

export interface TestServer {
  url: string;
  logins: {
    admin: { username: string; password: string };
    [name: string]: { username: string; password: string };
  };
  close(): Promise<void>;
}

/**
 * The whole platform over real HTTP on a free loopback port: a fresh database with the small demo
 * dataset, the API and the built web app, as `npm start` serves them.
 */
export async function startTestServer(): Promise<TestServer> {
  const database = await createTestDatabase();
  const summary = await seedDemo(database.db, { seed: 1, scale: 'small' });
  const config = loadConfig({ LOG_LEVEL: 'silent', NODE_ENV: 'test' });
  const app = await buildApp({ config, database, serveWeb: true });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const logins = Object.fromEntries(
    summary.users.map((line) => {
      const username = line.split(/\s+/)[0]!;
      return [username, { username, password: DEMO_PASSWORD }];
    }),
  ) as TestServer['logins'];
  return {
    url: `http://127.0.0.1:${port}`,
    logins,
    async close() {
      await app.close();
      await database.close();
    },
  };
}
