import fs from 'node:fs/promises';
import path from 'node:path';
import { Argument, type Command, Option } from 'commander';
import { importRows } from '../../modules/registry/import.service';
import { parseCsv, parseGeoJsonFeatures, type RawRow } from '../../modules/registry/import-parse';
import { IMPORT_KINDS, type ImportKind, type ImportResult } from '../../modules/registry/registry.schema';
import { SYSTEM_PRINCIPAL } from '../../server/auth/principal';
import type { Actor } from '../../server/context';
import { type CliContext, configOf, say, warn } from '../context';
import { withDatabase } from '../database';
import { CliError } from '../errors';
import { startProgress } from '../progress';

/** The CLI acts as the system: an operator with shell access to the server is already trusted. */
const CLI_ACTOR: Actor = { principal: SYSTEM_PRINCIPAL, requestId: 'cli' };

/** Exit code when the file had rows and every one of them was rejected. */
export const ALL_REJECTED_EXIT_CODE = 2;

/** `smin import KIND FILE`: the same validation and audit as the web import, from a file. */
export function importCommand(program: Command, context: CliContext): void {
  program
    .command('import')
    .description('import reference data from a CSV (or, for areas, GeoJSON) file')
    .addArgument(new Argument('<kind>', 'what the file holds').choices(IMPORT_KINDS))
    .argument('<file>', '.csv with a header row; .geojson or .json (a FeatureCollection) for areas')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addHelpText(
      'after',
      `
Rows are matched by code: new codes are created, changed rows updated, identical rows left
unchanged. Each bad row is reported as "line N: field: message" and the valid rows are kept.

Exit codes: 0 when the import ran (even if some rows were rejected), 1 when it could not run
(unreadable file, database unreachable), 2 when every row of the file was rejected.`,
    )
    .action(async (kind: ImportKind, file: string, opts: { format: 'text' | 'json' }) => {
      const rows = parseFile(kind, file, await readFile(file));
      const config = configOf(context);
      const result = await withDatabase(config, { create: false }, async (database) => {
        // importRows reports nothing until it ends (one transaction), so the display is a heartbeat.
        const progress = startProgress(`importing ${rows.length} ${kind}`, { unit: 'rows', total: rows.length });
        try {
          return await importRows(database.db, CLI_ACTOR, kind, rows);
        } finally {
          progress.stop();
        }
      });
      if (opts.format === 'json') say(JSON.stringify(result, null, 2));
      else printResult(result);
      if (result.total > 0 && rejectedRows(result) === result.total) {
        throw new CliError(`every row of ${file} was rejected; nothing was imported`, ALL_REJECTED_EXIT_CODE);
      }
    });
}

async function readFile(file: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
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
