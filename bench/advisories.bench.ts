/**
 * Advisory reads and the world comparison table at UN scale (2,000 areas), on PGlite and, when
 * DATABASE_URL is set, on PostgreSQL. Each figure stands next to a bare Fastify route and the raw
 * SQL of the same query measured in the same run, so the platform's overhead reads as a ratio.
 *
 *   npx tsx bench/advisories.bench.ts [--seconds 10] [--connections 16]
 */
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { sql } from 'kysely';
import { addGrant, createUser } from '../src/modules/users/users.service';
import { buildApp } from '../src/server/app';
import { SYSTEM_PRINCIPAL } from '../src/server/auth/principal';
import { loadConfig } from '../src/server/config';
import { login } from '../test/support/app';
import { benchEngines, freshDatabase, machine } from './lib/engines';
import { load, timeCalls } from './lib/load';
import { writeReport } from './lib/report';
import { seedThreatBench } from './lib/threat-data';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const SECONDS = arg('seconds', 10);
const CONNECTIONS = arg('connections', 16);
const AREAS = 2000;

async function bareServer() {
  const bare = Fastify();
  bare.get('/bare', async () => ({ status: 'ok', levels: [1, 2, 3, 4] }));
  await bare.listen({ port: 0, host: '127.0.0.1' });
  return { app: bare, url: `http://127.0.0.1:${(bare.server.address() as AddressInfo).port}/bare` };
}

const rows: string[][] = [];
for (const engine of benchEngines()) {
  const database = await freshDatabase(engine, 'advisories');
  const ids = await seedThreatBench(database.db, { areas: AREAS, seed: 1 });
  const actor = { principal: SYSTEM_PRINCIPAL, requestId: 'bench' };
  const reader = await createUser(database.db, actor, {
    username: 'reader',
    displayName: 'Reader',
    password: 'bench-password-123',
  });
  await addGrant(database.db, actor, reader.id, { role: 'desk_officer', scopeType: 'global', scopeId: null });
  const app = await buildApp({
    config: loadConfig({ LOG_LEVEL: 'silent', SMIN_DEMO: 'off' }),
    database,
    serveWeb: false,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const headers = { cookie: await login(app, 'reader', 'bench-password-123') };
  const bare = await bareServer();
  let n = 0;
  const anyAdvisory = () => `${base}/api/advisories/${ids[n++ % ids.length]}`;
  const opts = { seconds: SECONDS, connections: CONNECTIONS, headers };

  const bareResult = await load(() => bare.url, opts);
  const advisory = await load(anyAdvisory, opts);
  const compare = await load(() => `${base}/api/threats/compare`, {
    ...opts,
    seconds: SECONDS,
    connections: 4,
  });
  let k = 0;
  const rawAdvisory = await timeCalls(
    () =>
      sql`SELECT * FROM travel_advisories v JOIN countries c ON c.code = v.country_code WHERE v.id = ${ids[k++ % ids.length]}`.execute(
        database.db,
      ),
    500,
  );
  const rawCompare = await timeCalls(
    () =>
      sql`SELECT a.id, a.code, a.name, c.code, c.name, c.region, t.effective_date,
            (t.levels ->> 'armed_conflict')::int, (t.levels ->> 'terrorism')::int,
            (t.levels ->> 'crime')::int, (t.levels ->> 'civil_unrest')::int
          FROM threat_assessments t JOIN areas a ON a.id = t.area_id JOIN countries c ON c.code = a.country_code
          WHERE t.status = 'published' ORDER BY c.name, a.code`.execute(database.db),
    50,
  );
  const fmt = (r: { p50: number; p95: number }) => `${r.p50} / ${r.p95}`;
  rows.push(
    [
      engine,
      'bare Fastify route (baseline)',
      fmt(bareResult),
      bareResult.rps.toFixed(0),
      '1.0',
      String(bareResult.errors),
    ],
    [
      engine,
      `GET /api/advisories/:id (any of ${ids.length})`,
      fmt(advisory),
      advisory.rps.toFixed(0),
      (bareResult.rps / advisory.rps).toFixed(1),
      String(advisory.errors),
    ],
    [engine, 'raw SQL: one advisory row', fmt(rawAdvisory), rawAdvisory.perSecond.toFixed(0), '–', '0'],
    [
      engine,
      `GET /api/threats/compare (${AREAS} areas, 4 conn.)`,
      fmt(compare),
      compare.rps.toFixed(0),
      (bareResult.rps / compare.rps).toFixed(1),
      String(compare.errors),
    ],
    [engine, 'raw SQL: the comparison query', fmt(rawCompare), rawCompare.perSecond.toFixed(0), '–', '0'],
  );
  console.log(
    rows
      .slice(-5)
      .map((r) => r.join(' | '))
      .join('\n'),
  );
  await bare.app.close();
  await app.close();
  await database.close();
}

await writeReport('advisories', {
  title: 'Advisory reads and the world comparison (issue 3)',
  command: `npx tsx bench/advisories.bench.ts --seconds ${SECONDS} --connections ${CONNECTIONS}`,
  machine: await machine(),
  header: ['engine', 'what', 'p50 / p95 ms', 'req/s', 'slowdown vs bare', 'errors'],
  rows,
  notes:
    `${AREAS} areas with published assessments and area advisories; ${CONNECTIONS} concurrent keep-alive clients ` +
    `(4 for the comparison, which returns all ${AREAS} rows) on loopback, for ${SECONDS} s each. ` +
    '"Slowdown vs bare" is the bare route\'s requests per second divided by the endpoint\'s; raw SQL runs sequentially on the same engine.',
});
process.exit(0);
