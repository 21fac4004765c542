import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { exportQuery, type IncidentImportResult } from '../../modules/incidents/incident-import.schema';
import {
  exportIncidents,
  importIncidents,
  parseIncidentFile,
} from '../../modules/incidents/incident-import.service';
import { CLI_ACTOR } from '../actor';
import { type CliContext, say } from '../context';
import { configOf, withDatabase } from '../database';
import { CliError } from '../errors';
import { startProgress } from '../progress';

/** Exit code when the file had rows and every one of them was rejected. */
export const ALL_REJECTED_EXIT_CODE = 2;

/** Reads the file, imports its rows as the system and prints the outcome. */
export async function importIncidentsAction(
  context: CliContext,
  file: string,
  opts: { format: 'sind' | 'hxl'; json?: boolean },
): Promise<void> {
  const text = await fs.promises.readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
    throw new CliError(`cannot read ${file}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
  });
  const parsed = parseIncidentFile(opts.format, text);
  const result = await withDatabase(configOf(context), { create: false }, async ({ db }) => {
    const progress = startProgress(`importing ${parsed.rows.length} incidents`, {
      unit: 'rows',
      total: parsed.rows.length,
    });
    try {
      return await importIncidents(db, CLI_ACTOR, parsed, (done) => progress.update(done));
    } finally {
      progress.stop();
    }
  });
  if (opts.json) say(JSON.stringify(result, null, 2));
  else printResult(result);
  if (result.total > 0 && rejectedRows(result) === result.total) {
    throw new CliError(`every row of ${file} was rejected; nothing was imported`, ALL_REJECTED_EXIT_CODE);
  }
}

/** One row may fail on several fields; the exit code counts rows, not messages. */
function rejectedRows(r: IncidentImportResult): number {
  return new Set(r.rejected.map((x) => x.line ?? x.index)).size;
}

function printResult(r: IncidentImportResult): void {
  say(
    `${r.format}: ${r.total} rows, ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged, ${rejectedRows(r)} rejected`,
  );
  for (const e of r.rejected) {
    const place = e.line !== undefined ? `line ${e.line}` : `index ${e.index}`;
    say(`${place}${e.eventId ? ` (event ${e.eventId})` : ''}: ${e.field}: ${e.message}`);
  }
}

/** Writes the export to --out or standard output; the filters are checked by the API's schema. */
export async function exportIncidentsAction(context: CliContext, opts: Record<string, string | undefined>) {
  const { out, ...rest } = opts;
  const given = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  const query = exportQuery.safeParse(given);
  if (!query.success) {
    throw new CliError(
      query.error.issues.map((i) => `--${i.path.join('.') || 'options'}: ${i.message}`).join('; '),
    );
  }
  if (!out && query.data.format === 'xlsx' && process.stdout.isTTY) {
    throw new CliError('an XLSX file is binary: give --out FILE or redirect the output');
  }
  await withDatabase(configOf(context), { create: false }, async ({ db }) => {
    const { body } = await exportIncidents(db, CLI_ACTOR.principal, query.data);
    const source = body instanceof Uint8Array ? Readable.from([Buffer.from(body)]) : Readable.from(body);
    await pipeline(source, out ? fs.createWriteStream(out) : process.stdout);
  });
  if (out) process.stderr.write(`wrote ${out}\n`);
}
