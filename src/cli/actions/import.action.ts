import fs from 'node:fs/promises';
import path from 'node:path';
import { importRows } from '../../modules/registry/import.service';
import { parseCsv, parseGeoJsonFeatures, type RawRow } from '../../modules/registry/import-parse';
import type { ImportKind, ImportResult } from '../../modules/registry/registry.schema';
import { CLI_ACTOR } from '../actor';
import type { ImportOptions } from '../commands/import.command';
import { type CliContext, say } from '../context';
import { configOf, withDatabase } from '../database';
import { CliError } from '../errors';
import { startProgress } from '../progress';

/** The CLI acts as the system: an operator with shell access to the server is already trusted. */

/** Exit code when the file had rows and every one of them was rejected. */
export const ALL_REJECTED_EXIT_CODE = 2;

/** Reads and parses the file, imports its rows and prints the outcome (text or JSON). */
export async function importAction(
  context: CliContext,
  kind: ImportKind,
  file: string,
  opts: ImportOptions,
): Promise<void> {
  const rows = parseFile(kind, file, await readFile(file));
  const config = configOf(context);
  const result = await withDatabase(config, { create: false }, async (database) => {
    const progress = startProgress(`importing ${rows.length} ${kind}`, {
      unit: 'rows',
      total: rows.length,
    });
    try {
      const outcome = await importRows(database.db, CLI_ACTOR, kind, rows, (done) => progress.update(done));
      progress.update(rows.length);
      return outcome;
    } finally {
      progress.stop();
    }
  });
  if (opts.format === 'json') say(JSON.stringify(result, null, 2));
  else printResult(result);
  if (result.total > 0 && rejectedRows(result) === result.total) {
    throw new CliError(`every row of ${file} was rejected; nothing was imported`, ALL_REJECTED_EXIT_CODE);
  }
}

async function readFile(file: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
    throw new CliError(`cannot read ${file}: ${why}`);
  }
}

function parseFile(kind: ImportKind, file: string, text: string): RawRow[] {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.csv') return parseCsv(text);
  if (ext === '.geojson' || ext === '.json') {
    if (kind !== 'areas') throw new CliError(`GeoJSON is accepted for areas only; give ${kind} as .csv`);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (error) {
      throw new CliError(`${file} is not valid JSON: ${(error as Error).message}`);
    }
    return parseGeoJsonFeatures(body);
  }
  throw new CliError(`cannot tell the format of ${file}: use a .csv, .geojson or .json file`);
}

/** One row may fail on several fields; the exit code counts rows, not messages. */
function rejectedRows(result: ImportResult): number {
  return new Set(result.rejected.map((r) => r.line)).size;
}

function printResult(r: ImportResult): void {
  say(
    `${r.kind}: ${r.total} rows, ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged, ${rejectedRows(r)} rejected`,
  );
  for (const e of r.rejected) say(`line ${e.line}: ${e.field}: ${e.message}`);
}
