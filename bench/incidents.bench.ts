/**
 * Incidents at UN scale: a million demo incidents loaded by the demo's bulk loader, then the
 * statistics, the Secretary-General's table, the list and the map through the HTTP API, each beside
 * the raw SQL of the same query and a bare Fastify route measured in the same run; and the import
 * rate of SiND events.
 */
import { type RawBuilder, sql } from 'kysely';
import { addGrant, createUser } from '../src/modules/users/users.service';
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
      `on disk ${sizes.map((s) => `${s.name} ${s.mb} MB`).join(', ')}.`,
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
  const focal = await orgFocalPoint(database, base, 'WFP');
  const cases: (Case & { headers?: Record<string, string> })[] = [
    ...CASES,
    {
      what: 'GET /api/incidents/stats?by=country,year as an organization focal point (WFP)',
      url: '/api/incidents/stats?by=country,year',
      headers: focal,
      raw: sql`SELECT country_code, occurred_year, ${SUMS} FROM incidents i WHERE EXISTS (
        SELECT 1 FROM incident_organizations io JOIN organizations o ON o.id = io.organization_id
        WHERE io.incident_id = i.id AND o.code = 'WFP') GROUP BY 1, 2`,
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
      'same engine. "Slowdown vs bare" is the bare route\'s requests per second divided by the endpoint\'s.',
    '',
    ...notes.map((l) => `- ${l}`),
  ].join('\n'),
});
process.exit(0);

/** A signed-in HQ focal point of one organization: statistics restricted to its incidents. */
async function orgFocalPoint(
  database: Awaited<ReturnType<typeof freshDatabase>>,
  base: string,
  code: string,
): Promise<Record<string, string>> {
  const actor = { principal: SYSTEM_PRINCIPAL, requestId: 'bench' };
  const username = `bench.${code.toLowerCase()}`;
  const password = 'bench-password-123';
  const user = await createUser(database.db, actor, {
    username,
    displayName: code,
    password,
    organizationCode: code,
  });
  await addGrant(database.db, actor, user.id, {
    role: 'org_hq_focal_point',
    scopeType: 'organization',
    scopeId: code,
  });
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const cookie = /smin_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0];
  if (!cookie) throw new Error(`bench login failed: ${res.status}`);
  return { cookie };
}
