/**
 * Incidents at UN scale: a million demo incidents loaded by the demo's bulk loader, then the
 * statistics, the Secretary-General's table, the list and the map through the HTTP API, each beside
 * the raw SQL of the same query and a bare Fastify route measured in the same run; and the import
 * rate of SiND events.
 */
import os from 'node:os';
import { type RawBuilder, sql } from 'kysely';
import { addGrant, createUser } from '../src/modules/users/users.service';
import type { Role, ScopeType } from '../src/server/access/rules';
import { SYSTEM_PRINCIPAL } from '../src/server/auth/principal';
import { benchEngines, freshDatabase, machine } from './lib/engines';
import { arg, startBench } from './lib/harness';
import { seedIncidentBench, tableSizes } from './lib/incident-data';
import { importBench } from './lib/incident-import';
import { load, timeCalls } from './lib/load';
import { writeReport } from './lib/report';

const SECONDS = arg('seconds', 6);
const CONNECTIONS = arg('connections', 4);
const COUNT = arg('incidents', 1_000_000);
const RAW_CALLS = arg('raw', 10);
const IMPORT_ROWS = arg('import', 10_000);

const n = (v: number) => Math.round(v).toLocaleString('en');
const fmt = (r: { p50: number; p95: number }) => `${r.p50} / ${r.p95}`;
const rows: string[][] = [];
const notes: string[] = [];

/** A query of the API and the raw SQL that does the same work. */
interface Case {
  what: string;
  url: string;
  raw: RawBuilder<unknown>;
  connections?: number;
}

const SUMS = sql`count(*), sum(affected), sum(killed), sum(injured), sum(kidnapped), sum(arrested)`;
const CASES: Case[] = [
  {
    what: 'GET /api/incidents/stats?by=country,year',
    url: '/api/incidents/stats?by=country,year',
    raw: sql`SELECT country_code, occurred_year, ${SUMS} FROM incidents GROUP BY 1, 2`,
  },
  {
    what: 'GET /api/incidents/stats?by=year,month',
    url: '/api/incidents/stats?by=year,month',
    raw: sql`SELECT occurred_year, occurred_month, ${SUMS} FROM incidents GROUP BY 1, 2`,
  },
  {
    what: 'GET /api/incidents/stats?by=category',
    url: '/api/incidents/stats?by=category',
    raw: sql`SELECT category_code, ${SUMS} FROM incidents GROUP BY 1`,
  },
  {
    what: 'GET /api/incidents/reports/personnel-affected?from=2016&to=2025',
    url: '/api/incidents/reports/personnel-affected?from=2016&to=2025',
    raw: sql`SELECT occurred_year, category_code, outcome, sum(count) FROM incident_personnel
      WHERE relevance = 'organization' AND occurred_year BETWEEN 2016 AND 2025 GROUP BY 1, 2, 3`,
  },
  {
    what: 'GET /api/incidents?country=AFG (first page of 50)',
    url: '/api/incidents?country=AFG&limit=50',
    raw: sql`SELECT i.*, a.code FROM incidents i LEFT JOIN areas a ON a.id = i.area_id
      WHERE i.country_code = 'AFG' ORDER BY i.occurred_on DESC, i.id DESC LIMIT 51`,
  },
  {
    what: 'GET /api/incidents/map (world, zoom 2: clusters)',
    url: '/api/incidents/map?zoom=2',
    raw: sql`SELECT count(*), sum(affected), sum(killed), avg(lon), avg(lat) FROM incidents
      WHERE lat IS NOT NULL GROUP BY floor(lon / 5.625), floor(lat / 5.625)`,
  },
  {
    what: 'GET /api/incidents/map (Afghanistan box, zoom 6)',
    url: '/api/incidents/map?zoom=6&bbox=60.5,29.3,74.9,38.5',
    raw: sql`SELECT count(*), sum(affected), sum(killed), avg(lon), avg(lat) FROM incidents
      WHERE lat IS NOT NULL AND lat BETWEEN 29.3 AND 38.5 AND lon BETWEEN 60.5 AND 74.9
      GROUP BY floor(lon / 0.225), floor(lat / 0.225)`,
  },
];

for (const engine of benchEngines()) {
  const database = await freshDatabase(engine, 'incidents');
  const started = performance.now();
  let shown = 0;
  const { summary, registrySeconds } = await seedIncidentBench(database, COUNT, (done, total) => {
    if (done - shown >= total / 10 || done === total) {
      shown = done;
      console.log(
        `${engine}: ${n(done)} incidents after ${((performance.now() - started) / 1000).toFixed(0)} s`,
      );
    }
  });
  const loadRows = summary.incidents + summary.personnel + summary.organizations + summary.impacts;
  rows.push([
    engine,
    `bulk demo load: ${n(summary.incidents)} incidents, ${n(loadRows)} rows in all ` +
      `(${summary.seconds} s; ${summary.cpuSeconds} s CPU in the bench process)`,
    '–',
    `${n(summary.incidents / summary.seconds)} incidents/s`,
    '–',
    '0',
  ]);
  const sizes = await tableSizes(database, ['incidents', 'incident_personnel', 'incident_organizations']);
  notes.push(
    `${engine}: registry ${registrySeconds.toFixed(1)} s; ${n(summary.personnel)} personnel rows, ` +
      `${n(summary.organizations)} organization links, ${n(summary.impacts)} losses, ${n(summary.cases)} cases; ` +
      `on disk ${sizes.map((s) => `${s.name} ${s.mb} MB`).join(', ')}; ` +
      `load average ${os.loadavg()[1]?.toFixed(1)} (5 min) when the queries started.`,
  );

  const bench = await startBench(database);
  const { base, headers, bareUrl } = bench;
  const bareResult = await load(() => bareUrl, { seconds: SECONDS, connections: CONNECTIONS });
  rows.push([
    engine,
    'bare Fastify route (baseline)',
    fmt(bareResult),
    n(bareResult.rps),
    '1.0',
    String(bareResult.errors),
  ]);
  // Scoped readers: their filter is the list's (access.ts whereReadable), reproduced in the raw SQL.
  const wfp = await signedIn(database, base, 'bench.wfp', 'org_security_focal_point', 'organization', 'WFP');
  const afg = await signedIn(database, base, 'bench.afg', 'security_professional', 'country', 'AFG');
  const wfpId = (
    await database.db
      .selectFrom('organizations')
      .select('id')
      .where('code', '=', 'WFP')
      .executeTakeFirstOrThrow()
  ).id;
  const cases: (Case & { headers?: Record<string, string> })[] = [
    ...CASES,
    {
      what: 'GET /api/incidents/stats?by=country,year as a country security professional (AFG)',
      url: '/api/incidents/stats?by=country,year',
      headers: afg.headers,
      raw: sql`SELECT country_code, occurred_year, ${SUMS} FROM incidents i
        WHERE i.country_code IN ('AFG') OR i.created_by = ${afg.userId} GROUP BY 1, 2`,
    },
    {
      what: 'GET /api/incidents/stats?by=country,year as an organization security focal point (WFP)',
      url: '/api/incidents/stats?by=country,year',
      headers: wfp.headers,
      raw: sql`SELECT country_code, occurred_year, ${SUMS} FROM incidents i
        WHERE EXISTS (SELECT io.incident_id FROM incident_organizations io
          WHERE io.incident_id = i.id AND io.organization_id IN (${wfpId})) OR i.created_by = ${wfp.userId}
        GROUP BY 1, 2`,
    },
  ];
  for (const c of cases) {
    const http = await load(() => `${base}${c.url}`, {
      seconds: SECONDS,
      connections: c.connections ?? CONNECTIONS,
      headers: c.headers ?? headers,
    });
    const raw = await timeCalls(() => c.raw.execute(database.db), RAW_CALLS);
    rows.push(
      [
        engine,
        c.what,
        fmt(http),
        http.rps.toFixed(1),
        (bareResult.rps / http.rps).toFixed(0),
        String(http.errors),
      ],
      [engine, '  raw SQL of the same query', fmt(raw), raw.perSecond.toFixed(1), '–', '0'],
    );
    console.log(
      rows
        .slice(-2)
        .map((r) => r.join(' | '))
        .join('\n'),
    );
  }
  for (const r of await importBench(database, IMPORT_ROWS)) rows.push([engine, ...r]);
  await bench.close();
  await database.close();
}

await writeReport('incidents', {
  title: 'Incidents at UN scale: statistics, report, list, map and imports',
  command: `DATABASE_URL=postgres://… node --import tsx bench/run.ts incidents --seconds ${SECONDS} --connections ${CONNECTIONS}`,
  machine: await machine(),
  header: ['engine', 'what', 'p50 / p95 ms', 'req/s (rows/s)', 'slowdown vs bare', 'errors'],
  rows,
  notes: [
    `${n(COUNT)} demo incidents over 2016–2025 at the UN demo's 2,000 duty stations, loaded by the demo's own bulk ` +
      'loader (src/modules/demo/incident-demo.ts: 10,000 incidents per transaction, one INSERT … SELECT FROM unnest per ' +
      `table, then VACUUM ANALYZE). ${CONNECTIONS} concurrent keep-alive clients on loopback for ${SECONDS} s per ` +
      `endpoint, signed in as a global desk officer unless stated; raw SQL runs ${RAW_CALLS} times sequentially on the ` +
      'same engine. "Slowdown vs bare" is the bare route\'s requests per second divided by the endpoint\'s. With ' +
      `${CONNECTIONS} clients, an API p50 is about ${CONNECTIONS} times the work of one request when the engine is the ` +
      'bottleneck (PGlite runs one query at a time; PostgreSQL has two cores here): compare req/s with the raw rate.',
    '',
    ...notes.map((l) => `- ${l}`),
  ].join('\n'),
});
process.exit(0);

/** A user with one grant, signed in: their session cookie and id. */
async function signedIn(
  database: Awaited<ReturnType<typeof freshDatabase>>,
  base: string,
  username: string,
  role: Role,
  scopeType: ScopeType,
  scopeId: string,
): Promise<{ headers: Record<string, string>; userId: string }> {
  const actor = { principal: SYSTEM_PRINCIPAL, requestId: 'bench' };
  const password = 'bench-password-123';
  const user = await createUser(database.db, actor, {
    username,
    displayName: username,
    password,
    ...(scopeType === 'organization' ? { organizationCode: scopeId } : {}),
  });
  await addGrant(database.db, actor, user.id, { role, scopeType, scopeId });
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const cookie = /smin_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0];
  if (!cookie) throw new Error(`bench login failed: ${res.status}`);
  return { headers: { cookie }, userId: user.id };
}
