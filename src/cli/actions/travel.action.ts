import { stringify } from 'csv-stringify/sync';
import { type WhoItem, type WhoResult, whoQuery } from '../../modules/travel/who.schema';
import { whoIsWhere } from '../../modules/travel/who.service';
import { CLI_ACTOR } from '../actor';
import { type CliContext, say } from '../context';
import { configOf, withDatabase } from '../database';
import { CliError } from '../errors';

/** `smin travel who`: the API's query schema checks the options, then every page is gathered. */
export async function whoAction(context: CliContext, opts: Record<string, string | boolean | undefined>) {
  const format = opts.format;
  if (format !== 'json' && format !== 'csv')
    throw new CliError(`unknown format ${String(format)}: json or csv`);
  const given = Object.fromEntries(
    Object.entries({
      ...opts,
      include: opts.dependants ? 'dependants' : undefined,
      dependants: undefined,
      format: undefined,
    }).filter(([, v]) => v !== undefined),
  );
  const parsed = whoQuery.safeParse({ ...given, limit: '1000' });
  if (!parsed.success)
    throw new CliError(
      parsed.error.issues.map((i) => `--${i.path.join('.') || 'options'}: ${i.message}`).join('; '),
    );
  const result = await withDatabase(configOf(context), { create: false }, async ({ db }) => {
    const at = parsed.data.at ?? new Date().toISOString();
    let page: WhoResult = await whoIsWhere(db, CLI_ACTOR.principal, { ...parsed.data, at });
    const items: WhoItem[] = [...page.items];
    while (page.next) {
      page = await whoIsWhere(db, CLI_ACTOR.principal, { ...parsed.data, at, after: page.next });
      items.push(...page.items);
    }
    return { ...page, items, next: null };
  });
  if (format === 'json') {
    const { next: _next, ...out } = result;
    say(JSON.stringify(out, null, 2));
    return;
  }
  process.stdout.write(
    stringify([
      [
        'personId',
        'name',
        'organization',
        'kind',
        'recruitment',
        'source',
        'areaCode',
        'stationCode',
        'lat',
        'lon',
        'travelReference',
        'departsAt',
      ],
      ...result.items.map((i) => [
        i.personId,
        i.name,
        i.organization,
        i.kind,
        i.recruitment,
        i.where.source,
        i.where.areaCode ?? '',
        i.where.stationCode ?? '',
        i.where.lat ?? '',
        i.where.lon ?? '',
        i.travel?.requestReference ?? '',
        i.travel?.departsAt ?? '',
      ]),
    ]),
  );
}
