/**
 * Who-is-where at UN scale: 180,000 personnel, 300,000 dependants and 1,000,000 travel segments
 * loaded by the demo's bulk loader, then GET /api/who for an area, a country and a 50 km radius
 * through the HTTP API, each beside the same SQL called directly (who.repository.ts) and a bare
 * Fastify route measured in the same run.
 */
import os from 'node:os';
import { sql } from 'kysely';
import { generateDemo } from '../src/modules/demo/generator';
import { seedPeopleDemo } from '../src/modules/demo/people-demo';
import { findPresent, type WhoFilter } from '../src/modules/travel/who.repository';
import { SYSTEM_PRINCIPAL } from '../src/server/auth/principal';
import { benchEngines, freshDatabase, machine } from './lib/engines';
import { arg, startBench } from './lib/harness';
import { load, timeCalls } from './lib/load';
import { loadDemoRegistry } from './lib/registry-data';
import { writeReport } from './lib/report';

const SECONDS = arg('seconds', 6);
const CONNECTIONS = arg('connections', 1);
const RAW_CALLS = arg('raw', 30);
const SCALE = arg('scale', 1);

const n = (v: number) => Math.round(v).toLocaleString('en');
const fmt = (r: { p50: number; p95: number }) => `${r.p50} / ${r.p95}`;
const rows: string[][] = [];
const notes: string[] = [];
const actor = { principal: SYSTEM_PRINCIPAL, requestId: 'bench' };
const today = new Date().toISOString().slice(0, 10);
const demo = generateDemo({ seed: 1, scale: 'un' });
const counts = {
  personnel: Math.round(180_000 * SCALE),
  dependants: Math.round(300_000 * SCALE),
  segments: Math.round(1_000_000 * SCALE),
};

for (const engine of benchEngines()) {
  const database = await freshDatabase(engine, 'people');
  const db = database.db;
  await loadDemoRegistry(db, demo);
  let shown = 0;
  const s = await seedPeopleDemo(db, actor, demo, { today, counts }, (done, total) => {
    if (done - shown >= total / 10 || done === total) {
      shown = done;
      console.log(`${engine}: block ${done} of ${total}`);
    }
  });
  rows.push([
    engine,
    `bulk demo load: ${n(s.personnel)} personnel, ${n(s.dependants)} dependants, ${n(s.certificates)} certificates, ` +
      `${n(s.requests)} requests, ${n(s.segments)} segments (${s.seconds} s; ${s.cpuSeconds} s CPU in the bench process)`,
    '–',
    `${n((s.personnel + s.dependants + s.segments + s.requests) / s.seconds)} rows/s`,
    '–',
    '0',
  ]);

  // The busiest area and country by people stationed: the worst case of an ordinary query.
  const busiest = await sql<{ area: string; area_id: string; country: string; lat: number; lon: number }>`
    SELECT a.code AS area, a.id AS area_id, a.country_code AS country, st.lat, st.lon
    FROM people p JOIN duty_stations st ON st.id = p.duty_station_id JOIN areas a ON a.id = st.area_id
    GROUP BY a.code, a.id, a.country_code, st.lat, st.lon ORDER BY count(*) DESC LIMIT 1`.execute(db);
  const top = busiest.rows[0];
  if (!top) throw new Error('no people loaded');
  const at = new Date();
  const cases: { what: string; url: string; filter: WhoFilter }[] = [
    {
      what: `GET /api/who?area=${top.area}`,
      url: `/api/who?area=${top.area}`,
      filter: { place: { areaId: top.area_id }, at, scope: null },
    },
    {
      what: `GET /api/who?country=${top.country}`,
      url: `/api/who?country=${top.country}`,
      filter: { place: { countryCode: top.country }, at, scope: null },
    },
    {
      what: `GET /api/who?near=${top.lat},${top.lon},50`,
      url: `/api/who?near=${top.lat},${top.lon},50`,
      filter: { place: { near: { lat: top.lat, lon: top.lon, km: 50 } }, at, scope: null },
    },
  ];
  const bench = await startBench(database);
  const bare = await load(() => bench.bareUrl, { seconds: SECONDS, connections: CONNECTIONS });
  rows.push([engine, 'bare Fastify route (baseline)', fmt(bare), n(bare.rps), '1.0', String(bare.errors)]);
  const people: string[] = [];
  for (const c of cases) {
    const sample = (await (await fetch(`${bench.base}${c.url}`, { headers: bench.headers })).json()) as {
      totals: { people: number; travellers: number };
    };
    people.push(`${c.url}: ${n(sample.totals.people)} people (${n(sample.totals.travellers)} travellers)`);
    const http = await load(() => `${bench.base}${c.url}`, {
      seconds: SECONDS,
      connections: CONNECTIONS,
      headers: bench.headers,
    });
    const raw = await timeCalls(
      () => findPresent(db, c.filter, { limit: 101, kinds: ['personnel'], now: at }),
      RAW_CALLS,
    );
    rows.push(
      [engine, c.what, fmt(http), http.rps.toFixed(1), (bare.rps / http.rps).toFixed(0), String(http.errors)],
      [
        engine,
        '  the same SQL called directly (totals + first page)',
        fmt(raw),
        raw.perSecond.toFixed(1),
        '–',
        '0',
      ],
    );
    console.log(
      rows
        .slice(-2)
        .map((r) => r.join(' | '))
        .join('\n'),
    );
  }
  notes.push(
    `${engine}: ${people.join('; ')}; load average ${os.loadavg()[1]?.toFixed(1)} (5 min) when the queries started.`,
  );
  await bench.close();
  await database.close();
  if (engine === 'postgres') {
    // The benchmark's database is dropped: it holds half a gigabyte of generated people.
    const pg = await import('pg');
    const client = new pg.default.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    await client.query('DROP DATABASE IF EXISTS smin_bench_people WITH (FORCE)');
    await client.end();
  }
}

await writeReport('people', {
  title: 'Who-is-where at UN scale (issue 6)',
  command: `DATABASE_URL=postgres://… node --import tsx bench/run.ts people --seconds ${SECONDS} --connections ${CONNECTIONS}${SCALE !== 1 ? ` --scale ${SCALE}` : ''}`,
  machine: await machine(),
  header: ['engine', 'what', 'p50 / p95 ms', 'req/s (rows/s)', 'slowdown vs bare', 'errors'],
  rows,
  notes: [
    `${n(counts.personnel)} personnel, ${n(counts.dependants)} dependants and ${n(counts.segments)} travel segments over three years ` +
      "at the UN demo's 2,000 duty stations, loaded by the demo's bulk loader (src/modules/demo/people-demo.ts, then VACUUM ANALYZE). " +
      `The busiest area and country, and a 50 km radius around its station, at the current time, signed in as a global desk officer; ` +
      `${CONNECTIONS} keep-alive client(s) on loopback for ${SECONDS} s per endpoint; the direct SQL runs ${RAW_CALLS} times sequentially. ` +
      'Each request is two statements: the totals (one aggregate per source) and the first page of 100 by id. ' +
      'Targets: p95 ≤ 25 ms on PostgreSQL, ≤ 60 ms on PGlite.',
    '',
    ...notes.map((l) => `- ${l}`),
  ].join('\n'),
});
process.exit(0);
