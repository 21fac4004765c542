import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import type { InjectOptions } from 'fastify';
import type { Database } from '../../src/db/engine';
import type { CreateGrant } from '../../src/modules/users/users.schema';
import { addGrant, createUser } from '../../src/modules/users/users.service';
import { buildApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import { SYSTEM_ACTOR, type TestUser } from '../support/app';

/** Real server processes for fault tests: `src/server/main.ts` as `npm start` runs it. */
const ROOT = path.resolve(import.meta.dirname, '../..');
export const PASSWORD = 'fault-test-password-1';

/** A port nobody listens on right now (the server cannot report an ephemeral one it chose). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything it wrote, for failure messages. */
  output(): string;
  exited: Promise<number | null>;
  /** SIGKILL: no shutdown hook, no flush. */
  kill9(): Promise<void>;
  /** SIGTERM, waiting for the clean shutdown. */
  stop(): Promise<void>;
}

/**
 * Starts the server on `database` (`{ url }` PostgreSQL or `{ dataDir }` PGlite) and waits until
 * /api/health answers. No demo seeding: the test's own fixture is the data.
 */
export async function startServer(
  database: { url: string } | { dataDir: string },
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const port = await freePort();
  const childEnv: Record<string, string | undefined> = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    SMIN_DEMO: 'off',
    LOG_LEVEL: 'warn',
    ...env,
  };
  delete childEnv.DATABASE_URL;
  delete childEnv.SMIN_DATA_DIR;
  if ('url' in database) childEnv.DATABASE_URL = database.url;
  else childEnv.SMIN_DATA_DIR = database.dataDir;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: ROOT,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += String(d);
  });
  child.stderr?.on('data', (d) => {
    output += String(d);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 60_000;
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  for (;;) {
    if (gone) throw new Error(`server exited while starting:\n${output}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > until) {
      child.kill('SIGKILL');
      throw new Error(`server did not start within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    child,
    output: () => output,
    exited,
    async kill9() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Signs in over HTTP and returns the session cookie. */
export async function signIn(url: string, username: string, password = PASSWORD): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${username} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('smin_session='));
  if (!cookie) throw new Error('no session cookie');
  return cookie.split(';')[0] as string;
}

/** A JSON request with the session cookie; never throws on an HTTP status. */
export async function call(
  url: string,
  cookie: string,
  method: string,
  route: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${url}${route}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  return { status: res.status, json };
}

/**
 * The app in this process on the test's database, to build the fixture through the API (the same
 * calls a user makes) before the real servers start.
 */
export async function fixtureApp(database: Database) {
  const config = loadConfig({ LOG_LEVEL: 'silent', NODE_ENV: 'test' });
  const app = await buildApp({ config, database, serveWeb: false });
  await app.ready();
  return {
    app,
    async user(
      username: string,
      grants: CreateGrant[],
      organizationCode: string | null = null,
      email: string | null = null,
    ): Promise<TestUser> {
      const created = await createUser(database.db, SYSTEM_ACTOR, {
        username,
        displayName: username,
        organizationCode,
        password: PASSWORD,
        ...(email ? { email } : {}),
      });
      for (const g of grants) await addGrant(database.db, SYSTEM_ACTOR, created.id, g);
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: PASSWORD },
      });
      const session = login.cookies.find((c) => c.name === 'smin_session');
      if (!session) throw new Error(`login ${username} failed: ${login.body}`);
      const cookie = `smin_session=${session.value}`;
      return {
        id: created.id,
        username,
        cookie,
        request: (options: InjectOptions) =>
          app.inject({ ...options, headers: { ...(options.headers ?? {}), cookie } } as InjectOptions),
      } as TestUser;
    },
    close: () => app.close(),
  };
}

/** A valid incident report (test/api/incidents.test.ts) that notifies its line manager. */
export const incidentBody = (i: number) => ({
  occurredAt: '2026-03-04T21:15:00+04:30',
  countryCode: 'AFG',
  stationCode: 'AFG-KBL',
  categoryCode: 'ROBBERY',
  title: `Fault-test robbery ${i}`,
  narrative: `Burst write number ${i}.`,
  weapon: 'Firearms',
  perpetratorType: 'Criminal',
  organizationCodes: ['ORGA'],
  personnel: [
    {
      organizationCode: 'ORGA',
      category: 'national',
      sex: 'female',
      outcome: 'robbed',
      onDuty: false,
      directlyTargeted: true,
      personName: `Person ${i}`,
      lineManagerEmail: 'manager@orga.example.org',
    },
  ],
});

/** A travel request of the signed-in traveller (test/api/travel.test.ts), `i` days into 2027. */
export const travelBody = (i: number) => {
  const day = (n: number) => new Date(Date.UTC(2027, 0, 1 + n)).toISOString().slice(0, 10);
  return {
    travelType: 'official',
    purpose: `Fault-test mission ${i}`,
    segments: [
      { areaCode: 'AFG-01', arrivesAt: `${day(i)}T08:00:00Z`, departsAt: `${day(i + 1)}T18:00:00Z` },
    ],
  };
};
