/**
 * Load: a realistic mix of reads and writes (bench/lib/load-mix.ts) from 100 concurrent clients for
 * five minutes against the platform on a loopback port, on the small demo dataset. Reports the
 * error rate and the p50/p95/p99 latency of each kind of request, the throughput, the server's
 * memory every 5 s (after a full GC) with a leak verdict, and checks that every write the server
 * acknowledged is in the database afterwards.
 *
 *   node --import tsx bench/load.bench.ts [--seconds 300] [--connections 100] [--sample 5]
 */
import os from 'node:os';
import { sql } from 'kysely';
import { seedDemo } from '../src/modules/demo/seed.service';
import { benchEngines, freshDatabase, machine } from './lib/engines';
import { arg, startBench } from './lib/harness';
import { mixData, mixKinds, mixUsers } from './lib/load-mix';
import { leakVerdict, type MemorySample, sampleMemory } from './lib/memory';
import { loadMix } from './lib/mix';
import { writeReport } from './lib/report';

const SECONDS = arg('seconds', 300);
const CONNECTIONS = arg('connections', 100);
const SAMPLE = arg('sample', 5);

const n = (v: number) => Math.round(v).toLocaleString('en');
const pct = (part: number, whole: number) => `${whole ? ((100 * part) / whole).toFixed(2) : '0.00'} %`;
const rows: string[][] = [];
const notes: string[] = [];
let failed = false;

/** Memory over time as a compact table: at most ~13 rows, evenly spaced, first and last kept. */
function memoryTable(samples: MemorySample[]): string {
  const step = Math.max(1, Math.ceil(samples.length / 12));
  const shown = samples.filter((_, i) => i % step === 0 || i === samples.length - 1);
  return [
    '| t (s) | RSS (MB) | heap used after GC (MB) |',
    '| ---: | ---: | ---: |',
    ...shown.map((s) => `| ${s.t} | ${s.rssMb} | ${s.heapUsedMb} |`),
  ].join('\n');
}

for (const engine of benchEngines()) {
  const database = await freshDatabase(engine, 'load');
  const seeded = performance.now();
  await seedDemo(database.db, { seed: 1, scale: 'small' });
  console.log(`${engine}: small demo seeded in ${((performance.now() - seeded) / 1000).toFixed(0)} s`);
  const bench = await startBench(database);
  const users = await mixUsers(database, bench.base);
  const data = await mixData(database);
  const count = async (table: 'incidents' | 'travel_requests') =>
    Number(
      (await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(database.db)).rows[0]
        ?.n,
    );
  let incidentsAcknowledged = 0;
  let travelAcknowledged = 0;
  const kinds = mixKinds(data, users, {
    incident: () => incidentsAcknowledged++,
    travel: () => travelAcknowledged++,
  });
  // A short warm-up (JIT, caches, pools), not counted.
  await loadMix(bench.base, kinds, { seconds: 5, connections: 10, seed: 1 });
  const before = { incidents: await count('incidents'), travel: await count('travel_requests') };
  incidentsAcknowledged = 0;
  travelAcknowledged = 0;

  console.log(`${engine}: ${CONNECTIONS} clients for ${SECONDS} s…`);
  const memory = sampleMemory(SAMPLE);
  const progress = setInterval(() => {
    const s = memory.samples.at(-1);
    if (s) console.log(`${engine}: t=${s.t} s RSS ${s.rssMb} MB, heap ${s.heapUsedMb} MB`);
  }, 30_000);
  const result = await loadMix(bench.base, kinds, { seconds: SECONDS, connections: CONNECTIONS });
  clearInterval(progress);
  const samples = memory.stop();
  const verdict = leakVerdict(samples);

  const after = { incidents: await count('incidents'), travel: await count('travel_requests') };
  const incidentsStored = after.incidents - before.incidents;
  const travelStored = after.travel - before.travel;
  const lost =
    Math.max(0, incidentsAcknowledged - incidentsStored) + Math.max(0, travelAcknowledged - travelStored);

  for (const k of [...result.kinds, { ...result.total, name: '**all**' }]) {
    rows.push([
      engine,
      k.name,
      n(k.requests),
      `${n(k.errors)} (${n(k.serverErrors)} 5xx)`,
      pct(k.errors, k.requests),
      `${k.p50} / ${k.p95} / ${k.p99}`,
      `${k.max}`,
      n(k.rps),
    ]);
    for (const s of k.name === '**all**' ? [] : k.samples) console.log(`${engine}: ${k.name}: ${s}`);
  }
  const peakRss = Math.max(...samples.map((s) => s.rssMb));
  notes.push(
    [
      `**${engine}**: ${n(result.total.requests)} requests in ${result.seconds.toFixed(0)} s ` +
        `(${n(result.total.rps)} req/s), error rate ${pct(result.total.errors, result.total.requests)}, ` +
        `${n(result.total.serverErrors)} 5xx. Writes acknowledged: ${n(incidentsAcknowledged)} incidents ` +
        `and ${n(travelAcknowledged)} travel requests; in the database afterwards: ${n(incidentsStored)} and ` +
        `${n(travelStored)} new rows — ${lost ? `**${lost} acknowledged writes missing**` : 'none missing'}` +
        (incidentsStored + travelStored > incidentsAcknowledged + travelAcknowledged
          ? ' (the extra rows are writes whose answer came after the client had given up at 60 s)'
          : '') +
        '. ' +
        `Memory: peak RSS ${peakRss} MB; ${verdict.text}` +
        `${memory.gcAvailable ? '' : ' (no GC available: heap figures include garbage)'}. ` +
        `Load average ${os.loadavg()[0]?.toFixed(1)} (1 min) at the end.`,
      '',
      memoryTable(samples),
    ].join('\n'),
  );
  console.log(notes.at(-1));
  if (lost || result.total.serverErrors || verdict.leak) failed = true;
  await bench.close();
  await database.close();
}

await writeReport('load', {
  title: `Load: a realistic mix at ${CONNECTIONS} concurrent clients for ${SECONDS} s`,
  command: `DATABASE_URL=postgres://… npm run bench -- load --seconds ${SECONDS} --connections ${CONNECTIONS}`,
  machine: await machine(),
  header: [
    'engine',
    'request kind',
    'requests',
    'errors',
    'error rate',
    'p50 / p95 / p99 (ms)',
    'max (ms)',
    'req/s',
  ],
  rows,
  notes: [
    `The small demo dataset (seed 1) is loaded first; ${CONNECTIONS} closed-loop clients (each sends a ` +
      'request, waits for the answer, sends the next) pick by weight: 20 % advisories (list, one, by ' +
      'country), 20 % threat assessments (one, by area), 15 % incident lists and statistics, 10 % ' +
      'who-is-where (country, area, 50 km radius), 10 % SRM dashboard, 10 % people search, 10 % incident ' +
      'reports (POST /api/incidents) and 5 % travel requests (POST /api/travel/requests), as a global ' +
      'security professional and a personnel login. Errors are answers other than 200 (201 for writes). ' +
      'Client and server share the process and its two cores on this machine, so the latencies include ' +
      `the load generator's own work. Memory is this process's, sampled every ${SAMPLE} s right after a ` +
      'full garbage collection (which also pauses the server briefly); a leak is suspected when heap used ' +
      'after GC rises by more than 1 MB/min and 5 % over the second half of the run. A client gives up ' +
      'after 60 s (counted as an error). On PGlite the database is one embedded connection: the queries ' +
      'of all requests are served one at a time in arrival order (src/db/pglite-dialect.ts), so a ' +
      'request that makes k queries queues k times behind everyone else, and under 100 clients the tail ' +
      'latency grows with the number of queries a request makes; PostgreSQL serves them from a pool.',
    '',
    ...notes,
  ].join('\n\n'),
});
if (failed) {
  console.error('load: 5xx answers, lost writes or a suspected leak; see docs/BENCHMARKS.md');
  process.exit(1);
}
process.exit(0);
