import { sql } from 'kysely';
import { benchEngines, freshDatabase, machine } from './lib/engines';
import { arg, startBench } from './lib/harness';
import { load, timeCalls } from './lib/load';
import { writeReport } from './lib/report';
import { seedSrmBench } from './lib/srm-data';

const SECONDS = arg('seconds', 10);
const CONNECTIONS = arg('connections', 4);
const SHAPE = { areas: 2000, risksPer: 20, measuresPer: 60, seed: 1 };

const rows: string[][] = [];
for (const engine of benchEngines()) {
  const database = await freshDatabase(engine, 'srm');
  const seeded = performance.now();
  await seedSrmBench(database.db, SHAPE);
  console.log(`${engine}: seeded in ${((performance.now() - seeded) / 1000).toFixed(1)} s`);
  const bench = await startBench(database);
  const { base, headers, bareUrl } = bench;

  const opts = { seconds: SECONDS, connections: CONNECTIONS, headers };
  const bareResult = await load(() => bareUrl, opts);
  const dashboard = await load(() => `${base}/api/srm/dashboard`, opts);
  const raw = await timeCalls(
    () =>
      sql`SELECT s.id, coalesce(r.override_risk, r.residual_risk) AS level, count(*) FROM srms s
          JOIN srm_risks r ON r.srm_id = s.id GROUP BY s.id, level`.execute(database.db),
    20,
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
      'GET /api/srm/dashboard (2,000 SRMs)',
      fmt(dashboard),
      dashboard.rps.toFixed(1),
      (bareResult.rps / dashboard.rps).toFixed(0),
      String(dashboard.errors),
    ],
    [engine, 'raw SQL: risks by residual level per SRM', fmt(raw), raw.perSecond.toFixed(1), '–', '0'],
  );
  console.log(
    rows
      .slice(-3)
      .map((r) => r.join(' | '))
      .join('\n'),
  );
  await bench.close();
  await database.close();
}

await writeReport('srm', {
  title: 'SRM dashboard at UN scale (issue 4)',
  command: `npx tsx bench/srm.bench.ts --seconds ${SECONDS} --connections ${CONNECTIONS}`,
  machine: await machine(),
  header: ['engine', 'what', 'p50 / p95 ms', 'req/s', 'slowdown vs bare', 'errors'],
  rows,
  notes:
    `${SHAPE.areas} area SRMs × ${SHAPE.risksPer} risks × ${SHAPE.measuresPer} measures (${SHAPE.areas * SHAPE.risksPer} risks, ` +
    `${SHAPE.areas * SHAPE.measuresPer} measures); ${CONNECTIONS} concurrent clients on loopback for ${SECONDS} s. The dashboard ` +
    'aggregates in SQL (risks by residual level, measures in place and overdue) and returns one row per SRM.',
});
process.exit(0);
