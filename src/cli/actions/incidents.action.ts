import { stringify } from 'csv-stringify/sync';
import type { z } from 'zod';
import { reportQuery, statsQuery } from '../../modules/incidents/stats.schema';
import {
  incidentStats,
  listCategories,
  personnelAffected,
  personnelAffectedCsv,
  statsCsv,
} from '../../modules/incidents/stats.service';
import { CLI_ACTOR } from '../actor';
import { type CliContext, say } from '../context';
import { configOf, withDatabase } from '../database';
import { CliError } from '../errors';

function formatOf(opts: { format?: string }): 'json' | 'csv' {
  if (opts.format !== 'json' && opts.format !== 'csv')
    throw new CliError(`unknown format ${opts.format}: json or csv`);
  return opts.format;
}

/** Options checked by the API's own schema, so the CLI accepts exactly what the API does. */
function parseOptions<S extends z.ZodType>(schema: S, opts: Record<string, string | undefined>): z.output<S> {
  const given = Object.fromEntries(
    Object.entries(opts).filter(([k, v]) => k !== 'format' && v !== undefined),
  );
  const parsed = schema.safeParse(given);
  if (!parsed.success)
    throw new CliError(
      parsed.error.issues.map((i) => `--${i.path.join('.') || 'options'}: ${i.message}`).join('; '),
    );
  return parsed.data;
}

export function categoriesAction(opts: { format: string }) {
  const format = formatOf(opts);
  const rows = listCategories(CLI_ACTOR.principal).map(({ code, name, nature }) => ({ code, name, nature }));
  if (format === 'json') say(JSON.stringify(rows, null, 2));
  else
    process.stdout.write(
      stringify([['code', 'name', 'nature'], ...rows.map((c) => [c.code, c.name, c.nature])]),
    );
}

export async function statsAction(context: CliContext, opts: Record<string, string | undefined>) {
  const format = formatOf(opts);
  const query = parseOptions(statsQuery, opts);
  const rows = await withDatabase(configOf(context), { create: false }, ({ db }) =>
    incidentStats(db, CLI_ACTOR.principal, query),
  );
  if (format === 'json') say(JSON.stringify(rows, null, 2));
  else process.stdout.write(statsCsv(query.by, rows));
}

export async function personnelAffectedAction(context: CliContext, opts: Record<string, string | undefined>) {
  const format = formatOf(opts);
  const query = parseOptions(reportQuery, opts);
  const report = await withDatabase(configOf(context), { create: false }, ({ db }) =>
    personnelAffected(db, CLI_ACTOR.principal, query),
  );
  // The 13 rows, then the Total row: the same lines as the CSV.
  if (format === 'json') say(JSON.stringify([...report.rows, report.totals], null, 2));
  else process.stdout.write(personnelAffectedCsv(report));
}
