/**
 * `npm run bench`: runs every benchmark in bench/ one after another (they load the machine, so
 * never in parallel) and leaves their tables in docs/BENCHMARKS.md. Set DATABASE_URL to measure
 * PostgreSQL as well as PGlite. Leading names select benchmarks (`bench/run.ts incidents srm`);
 * the other arguments are passed to each benchmark.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const dir = path.resolve('bench');
const args = process.argv.slice(2);
const names: string[] = [];
while (args[0] && !args[0].startsWith('-')) names.push(args.shift() as string);
const benches = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts') && (!names.length || names.includes(f.replace('.bench.ts', ''))))
  .sort();
if (!benches.length) throw new Error(`no benchmark named ${names.join(', ')} in bench/`);
for (const file of benches) {
  console.log(`\n== ${file}`);
  const r = spawnSync('node', ['--import', 'tsx', path.join(dir, file), ...args], {
    stdio: 'inherit',
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
console.log('\nResults: docs/BENCHMARKS.md');
