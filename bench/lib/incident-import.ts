import type { Database } from '../../src/db/engine';
import {
  exportIncidents,
  importIncidents,
  parseIncidentFile,
} from '../../src/modules/incidents/incident-import.service';
import { SYSTEM_PRINCIPAL } from '../../src/server/auth/principal';
import { scaledSind } from './incident-data';

const actor = { principal: SYSTEM_PRINCIPAL, requestId: 'bench' };
const rate = (rows: number, seconds: number) => `${Math.round(rows / seconds).toLocaleString('en')} rows/s`;
const count = (v: number) => v.toLocaleString('en');

/**
 * Import and export rates through the incidents module's import service (the path of
 * POST /api/incidents/import and `smin incidents import`), as table rows (what, p50/p95, rate,
 * slowdown, errors), into the loaded database:
 * - SiND: the 1,299-event sample repeated to `rows` events with new event IDs;
 * - HXL CSV: the CSV export of the demo incidents of the first months of 2016 (about `rows`),
 *   imported back (each row a new HXL event, as the export's references are its event ids).
 */
export async function importBench(database: Database, rows: number): Promise<string[][]> {
  const out: string[][] = [];
  const events = scaledSind(rows);
  let t = performance.now();
  const sind = await importIncidents(database.db, actor, parseIncidentFile('sind', events));
  let seconds = (performance.now() - t) / 1000;
  out.push([
    `SiND import: ${count(sind.total)} events (the sample ×${(rows / 1299).toFixed(1)}), ${count(sind.created)} created, ` +
      `${count(new Set(sind.rejected.map((r) => r.index)).size)} rejected (${seconds.toFixed(1)} s)`,
    '–',
    rate(sind.total, seconds),
    '–',
    '0',
  ]);
  console.log(out.at(-1)?.join(' | '));

  // About `rows` incidents: the UN demo has ~7,000 a month in early 2016.
  const to = `2016-${String(Math.max(1, Math.min(12, Math.round(rows / 7000)))).padStart(2, '0')}-28`;
  t = performance.now();
  const exported = await exportIncidents(database.db, SYSTEM_PRINCIPAL, {
    format: 'csv',
    from: '2016-01-01',
    to,
  });
  let csv = '';
  for await (const piece of exported.body as AsyncIterable<string>) csv += piece;
  seconds = (performance.now() - t) / 1000;
  const csvRows = csv.split('\n').filter(Boolean).length - 2;
  out.push([
    `CSV export: ${count(csvRows)} incidents (${seconds.toFixed(1)} s)`,
    '–',
    rate(csvRows, seconds),
    '–',
    '0',
  ]);
  console.log(out.at(-1)?.join(' | '));

  t = performance.now();
  const hxl = await importIncidents(database.db, actor, parseIncidentFile('hxl', csv));
  seconds = (performance.now() - t) / 1000;
  out.push([
    `HXL CSV import of that export: ${count(hxl.total)} rows, ${count(hxl.created)} created, ` +
      `${count(new Set(hxl.rejected.map((r) => r.line)).size)} rejected (${seconds.toFixed(1)} s)`,
    '–',
    rate(hxl.total, seconds),
    '–',
    '0',
  ]);
  console.log(out.at(-1)?.join(' | '));
  return out;
}
