import type { Command } from 'commander';
import type { CliContext } from '../context';
import { addIncidentImportCommands } from './incidents-import.command';

const FORMAT = ['--format <format>', 'json or csv', 'json'] as const;

/** `smin incidents …`: the categories, statistics and the Secretary-General's personnel-affected table. */
export function incidentsCommand(program: Command, context: CliContext): void {
  const incidents = program
    .command('incidents')
    .description('incidents (SSIRS): categories, statistics, reports');
  incidents
    .command('categories')
    .description('the incident categories: code, name and nature (violence, safety, situational)')
    .option(...FORMAT)
    .action(async (opts: { format: string }) =>
      (await import('../actions/incidents.action')).categoriesAction(opts),
    );
  incidents
    .command('stats')
    .description('incidents and people affected per group, with rates per 100,000 personnel where known')
    .option(
      '--by <dimensions>',
      'comma list of country, year, month, category, organization, area',
      'country,year',
    )
    .option('--from <date>', 'first day, YYYY-MM-DD')
    .option('--to <date>', 'last day, YYYY-MM-DD')
    .option('--country <code>', 'ISO 3166 alpha-3 country code')
    .option('--organization <code>', 'organization code (incidents affecting it)')
    .option('--category <code>', 'category code or name')
    .option('--relevance <relevance>', 'organization, situational or near_miss')
    .option(...FORMAT)
    .addHelpText(
      'after',
      `
An incident affecting two organizations counts once for each when grouped by organization.
Columns: the dimensions, then incidents, affected, killed, injured, kidnapped, arrested, headcount, ratePer100k.`,
    )
    .action(async (opts: Record<string, string | undefined>) =>
      (await import('../actions/incidents.action')).statsAction(context, opts),
    );
  const report = incidents.command('report').description('standard reports');
  report
    .command('personnel-affected')
    .description(
      "the Secretary-General's table: 13 rows by year and a Total row (incidents affecting the organization only)",
    )
    .option('--from <year>', 'first year (default: four years before --to)')
    .option('--to <year>', 'last year (default: this year)')
    .option('--country <code>', 'ISO 3166 alpha-3 country code')
    .option('--organization <code>', "the affected person's organization code")
    .option(...FORMAT)
    .action(async (opts: Record<string, string | undefined>) =>
      (await import('../actions/incidents.action')).personnelAffectedAction(context, opts),
    );
  addIncidentImportCommands(incidents, context);
}
