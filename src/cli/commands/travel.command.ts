import type { Command } from 'commander';
import type { CliContext } from '../context';

/** `smin travel …`: who-is-where. */
export function travelCommand(program: Command, context: CliContext): void {
  const travel = program.command('travel').description('people, travel and who-is-where');
  travel
    .command('who')
    .description('everyone present in an area, a country or a radius at a moment (duty stations plus travel)')
    .option('--area <code>', 'area code, e.g. AFG-01')
    .option('--country <code>', 'ISO 3166 alpha-3 country code')
    .option('--near <lat,lon,km>', 'a point and a radius in km, e.g. 34.53,69.17,50')
    .option('--at <time>', 'ISO date and time with its UTC offset (default now)')
    .option('--organization <code>', 'organization code')
    .option('--recruitment <recruitment>', 'international or local')
    .option('--kind <kind>', 'personnel or dependant')
    .option('--dependants', 'list dependants too (the totals always count them)')
    .option('--format <format>', 'json or csv', 'json')
    .addHelpText(
      'after',
      `
Lists everyone (all pages). JSON: {at, totals, items}. CSV columns: personId, name, organization, kind,
recruitment, source, areaCode, stationCode, lat, lon, travelReference, departsAt.`,
    )
    .action(async (opts: Record<string, string | boolean | undefined>) =>
      (await import('../actions/travel.action')).whoAction(context, opts),
    );
}
