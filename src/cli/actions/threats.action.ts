import fs from 'node:fs/promises';
import path from 'node:path';
import { parseCsv } from '../../modules/registry/import-parse';
import { sweepOverdueAdvisories } from '../../modules/threats/advisories.service';
import { allCapAlerts } from '../../modules/threats/publishing.service';
import { importThreatLevels } from '../../modules/threats/threat-import.service';
import { loadConfig } from '../../server/config';
import { CLI_ACTOR } from '../actor';
import { type CliContext, say } from '../context';
import { configOf, withDatabase } from '../database';
import { CliError } from '../errors';

const ALL_REJECTED_EXIT_CODE = 2;

export async function importThreatsAction(context: CliContext, file: string, opts: { format: string }) {
  const text = await fs.readFile(file, 'utf8').catch((e: Error) => {
    throw new CliError(`cannot read ${file}: ${e.message}`);
  });
  const rows = parseCsv(text);
  const result = await withDatabase(configOf(context), { create: false }, ({ db }) =>
    importThreatLevels(db, CLI_ACTOR, rows),
  );
  if (opts.format === 'json') say(JSON.stringify(result, null, 2));
  else {
    say(
      `${result.published} assessments published from ${result.total} rows; ${result.rejected.length} rejected`,
    );
    for (const r of result.rejected) say(`line ${r.line}: ${r.field}: ${r.message}`);
  }
  if (result.total > 0 && result.published === 0 && result.rejected.length > 0) {
    throw new CliError(`nothing in ${file} could be imported`, ALL_REJECTED_EXIT_CODE);
  }
}

export async function exportCapAction(
  context: CliContext,
  opts: { out: string; format: string; publicUrl?: string },
) {
  if (opts.format !== 'cap') throw new CliError(`unknown format ${opts.format}: only "cap" is supported`);
  const config = configOf(context);
  // The public URL and CAP sender come from the environment like the server's, unless given.
  const server = loadConfig(context.env, opts.publicUrl ? { SMIN_PUBLIC_URL: opts.publicUrl } : {});
  const alerts = await withDatabase(config, { create: false }, ({ db }) =>
    allCapAlerts(db, CLI_ACTOR.principal, { publicUrl: server.publicUrl, capSender: server.capSender }),
  );
  await fs.mkdir(opts.out, { recursive: true });
  for (const a of alerts) await fs.writeFile(path.join(opts.out, a.fileName), a.xml);
  say(`wrote ${alerts.length} CAP alerts to ${opts.out}`);
}

export async function overdueAction(context: CliContext) {
  const queued = await withDatabase(configOf(context), { create: false }, ({ db }) =>
    sweepOverdueAdvisories(db),
  );
  say(`queued ${queued} overdue-review notices`);
}
