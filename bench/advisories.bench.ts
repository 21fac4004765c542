import { sql } from 'kysely';
import { benchEngines, freshDatabase, machine } from './lib/engines';
import { arg, startBench } from './lib/harness';
import { load, timeCalls } from './lib/load';
import { writeReport } from './lib/report';
import { seedThreatBench } from './lib/threat-data';

const SECONDS = arg('seconds', 10);
const CONNECTIONS = arg('connections', 16);
const AREAS = 2000;

const rows: string[][] = [];
for (const engine of benchEngines()) {
  const database = await freshDatabase(engine, 'advisories');
  const ids = await seedThreatBench(database.db, { areas: AREAS, seed: 1 });
  const bench = await startBench(database);
  const { base, headers } = bench;
  let n = 0;
  const anyAdvisory = () => `${base}/api/advisories/${ids[n++ % ids.length]}`;
  const opts = { seconds: SECONDS, connections: CONNECTIONS, headers };

  const bareResult = await load(() => bench.bareUrl, opts);
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
  await bench.close();
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
