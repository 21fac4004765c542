import { sql } from 'kysely';
import type { Database } from '../../src/db/engine';
import { type DemoData, generateDemo } from '../../src/modules/demo/generator';
import { type IncidentDemoSummary, seedIncidentDemo } from '../../src/modules/demo/incident-demo';
import { SYSTEM_PRINCIPAL } from '../../src/server/auth/principal';
import { loadSindSample } from '../../test/support/sind-sample';
import { loadDemoRegistry } from './registry-data';

/** The day the bench pretends it is: the UN demo then covers 2016–2025 whenever the bench runs. */
export const BENCH_TODAY = '2026-06-30';

/**
 * The UN-scale demo registry (bulk, unaudited) and `count` demo incidents through the demo's own
 * bulk loader, the path `smin demo --scale un` takes. Returns the loader's summary and the seconds
 * each step took.
 */
export async function seedIncidentBench(
  database: Database,
  count: number,
  onProgress?: (done: number, total: number) => void,
): Promise<{ demo: DemoData; summary: IncidentDemoSummary; registrySeconds: number }> {
  const demo = generateDemo({ seed: 1, scale: 'un' });
  const t = performance.now();
  await loadDemoRegistry(database.db, demo);
  const registrySeconds = (performance.now() - t) / 1000;
  const summary = await seedIncidentDemo(
    database.db,
    { principal: SYSTEM_PRINCIPAL, requestId: 'bench' },
    demo,
    { seed: 1, scale: 'un', today: BENCH_TODAY, count },
    onProgress,
  );
  return { demo, summary, registrySeconds };
}

/** Table sizes on disk (heap and indexes), for the report. */
export async function tableSizes(database: Database, tables: string[]) {
  const rows = await sql<{ name: string; rows: number; mb: number }>`
    SELECT c.relname AS name, c.reltuples::bigint AS rows,
      round(pg_total_relation_size(c.oid) / 1048576.0) AS mb
    FROM pg_class c WHERE c.relname = ANY(${tables}::text[]) ORDER BY c.relname`.execute(database.db);
  return rows.rows;
}

/**
 * The SiND sample repeated to `n` events, each copy with new event IDs (and the same everything
 * else), so that an import of `n` rows creates `n` incidents.
 */
export function scaledSind(n: number): Record<string, unknown>[] {
  const sample = loadSindSample();
  return Array.from({ length: n }, (_, i) => {
    const row = sample[i % sample.length]!;
    const copy = Math.floor(i / sample.length);
    return copy === 0 ? row : { ...row, 'SiND Event ID': 10_000_000 * copy + Number(row['SiND Event ID']) };
  });
}
