import { startTestServer } from '../support/server';

export interface Login {
  username: string;
  password: string;
}

/**
 * What the browser tests run against. By default a fresh in-process server from
 * test/support/server.ts (migrated PGlite with demo data, serving the built web app). With
 * E2E_BASE_URL set, an already running server instead (a dev machine's `npm start`, staging),
 * signing in as E2E_USERNAME / E2E_PASSWORD.
 */
export interface E2eTarget {
  url: string;
  close(): Promise<void>;
  /** The admin and, for the built-in server, every demo user by username. */
  logins: { admin: Login; [username: string]: Login };
}

/** A demo user's login; on an external target the demo password (E2E_DEMO_PASSWORD) is assumed. */
export function loginFor(target: E2eTarget, username: string): Login {
  return target.logins[username] ?? { username, password: process.env.E2E_DEMO_PASSWORD ?? 'opensmin-demo' };
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
