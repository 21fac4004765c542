import { type Command, Option } from 'commander';
import type { CliContext } from '../context';

/**
 * `smin incidents import` and `smin incidents export`: the same mapping, checks, scope and audit as
 * POST /api/incidents/import and GET /api/incidents/export. Added to the `incidents` command by
 * `incidents.command.ts`.
 */
export function addIncidentImportCommands(incidents: Command, context: CliContext): void {
  incidents
    .command('import')
    .description("import incidents: Insecurity Insight's SiND events (JSON array) or HXL-tagged CSV")
    .addOption(
      new Option('--format <format>', 'what the file holds').choices(['sind', 'hxl']).makeOptionMandatory(),
    )
    .argument('<file>', 'a .json file of SiND events, or a .csv file with an HXL hashtag row')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `
Events are matched by their id (SiND Event ID, or #event+id): new ones are created, changed ones
updated with a revision, identical ones left unchanged, so a file can simply be run again after a
failure. Each bad row is reported as "index N" (SiND) or "line N" (CSV) with the event id, the
source's column and the reason; the valid rows are kept.

Exit codes: 0 when the import ran (even if some rows were rejected), 1 when it could not run
(unreadable file, database unreachable), 2 when every row of the file was rejected.`,
    )
    .action(async (file: string, opts: { format: 'sind' | 'hxl'; json?: boolean }) =>
      (await import('../actions/incidents-import.action')).importIncidentsAction(context, file, opts),
    );

  incidents
    .command('export')
    .description('export incidents as HXL-tagged CSV, XLSX or GeoJSON (no names or sensitive details)')
    .addOption(
      new Option('--format <format>', 'file format').choices(['csv', 'xlsx', 'geojson']).default('csv'),
    )
    .option('--out <file>', 'write to this file (default: standard output)')
    .option('--country <code>', 'ISO 3166 alpha-3 country code')
    .option('--area <code>', 'area code')
    .option('--organization <code>', 'organization code (incidents affecting it)')
    .option('--category <code>', 'category code or name')
    .option('--relevance <relevance>', 'organization, situational or near_miss')
    .option('--from <date>', 'first day, YYYY-MM-DD')
    .option('--to <date>', 'last day, YYYY-MM-DD')
    .addHelpText(
      'after',
      `
The CSV has a human header row and an HXL hashtag row: it re-imports with
\`smin incidents import --format hxl\`. GeoJSON leaves out incidents without coordinates and counts
them in "withoutCoordinates".`,
    )
    .action(async (opts: Record<string, string | undefined>) =>
      (await import('../actions/incidents-import.action')).exportIncidentsAction(context, opts),
    );
}
