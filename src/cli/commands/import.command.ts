import { Argument, type Command, Option } from 'commander';
import { IMPORT_KINDS, type ImportKind } from '../../modules/registry/registry.schema';
import type { CliContext } from '../context';

/** Options of `smin import`. */
export interface ImportOptions {
  format: 'text' | 'json';
}

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
    .action(async (kind: ImportKind, file: string, opts: ImportOptions) =>
      (await import('../actions/import.action')).importAction(context, kind, file, opts),
    );
}
