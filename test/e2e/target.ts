import { startTestServer } from '../support/server';

/**
 * What the browser tests run against. By default a fresh in-process server from
 * test/support/server.ts (migrated PGlite with demo data, serving the built web app). With
 * E2E_BASE_URL set, an already running server instead (a dev machine's `npm start`, staging),
 * signing in as E2E_USERNAME / E2E_PASSWORD.
 */
export interface E2eTarget {
  url: string;
  close(): Promise<void>;
  logins: { admin: { username: string; password: string } };
}

export async function startTarget(): Promise<E2eTarget> {
  const external = process.env.E2E_BASE_URL;
  if (!external) return startTestServer();
  return {
    url: external.replace(/\/$/, ''),
    close: async () => {},
    logins: {
      admin: {
        username: process.env.E2E_USERNAME ?? 'admin',
        password: process.env.E2E_PASSWORD ?? 'opensmin-demo',
      },
    },
  };
}
