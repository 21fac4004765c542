import fs from 'node:fs/promises';
import { renderSrmReportPdf } from '../../modules/srm/pdf/report-pdf';
import { renderSrmSummaryPdf } from '../../modules/srm/pdf/summary-pdf';
import { currentSrmForArea } from '../../modules/srm/srm.service';
import { CLI_ACTOR } from '../actor';
import { type CliContext, say } from '../context';
import { configOf, withDatabase } from '../database';
import { CliError } from '../errors';

export async function exportSrmAction(
  context: CliContext,
  opts: { area: string; format: string; out?: string },
) {
  if (!['pdf', 'report', 'json'].includes(opts.format)) {
    throw new CliError(`unknown format ${opts.format}: pdf, report or json`);
  }
  const srm = await withDatabase(configOf(context), { create: false }, ({ db }) =>
    currentSrmForArea(db, CLI_ACTOR.principal, opts.area),
  );
  if (!srm) throw new CliError(`area ${opts.area} has no current SRM`);
  if (opts.format === 'json') {
    const text = JSON.stringify(srm, null, 2);
    if (opts.out) await fs.writeFile(opts.out, text);
    else say(text);
    return;
  }
  const pdf = opts.format === 'pdf' ? await renderSrmSummaryPdf(srm) : await renderSrmReportPdf(srm);
  const out = opts.out ?? `${opts.area.toLowerCase()}-srm${opts.format === 'report' ? '-report' : ''}.pdf`;
  await fs.writeFile(out, pdf);
  say(`wrote ${out} (${pdf.length} bytes)`);
}
