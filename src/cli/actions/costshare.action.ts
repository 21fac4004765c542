import fs from 'node:fs/promises';
import { stringify } from 'csv-stringify/sync';
import { csvRowField, parseCensusCsv } from '../../modules/costshare/census-csv';
import { type ApportionLineOut, presentLines } from '../../modules/costshare/present';
import { ApportionError, apportion, parseAmount } from '../../modules/costshare/rules';
import { say } from '../context';
import { CliError } from '../errors';

/** `smin costshare apportion`: a census file and two amounts in, the apportionment out. Pure. */
export async function apportionAction(opts: Record<string, string | undefined>): Promise<void> {
  const format = opts.format ?? 'json';
  if (format !== 'json' && format !== 'csv')
    throw new CliError(`--format: unknown format ${format}: json or csv`);
  const totalCents = parseAmount(opts.total ?? '');
  if (totalCents === null)
    throw new CliError(
      `--total: ${JSON.stringify(opts.total)} is not an amount (digits, up to two decimals)`,
    );
  const minimumCents = parseAmount(opts.minimum ?? '');
  if (minimumCents === null)
    throw new CliError(
      `--minimum: ${JSON.stringify(opts.minimum)} is not an amount (digits, up to two decimals)`,
    );
  const file = opts.headcounts as string;
  const parsed = parseCensusCsv(await fs.readFile(file, 'utf8'));
  if (!parsed.ok)
    throw new CliError(
      `${file}: ${parsed.issues.map((i) => `${csvRowField(i.field)}: ${i.message}`).join('; ')}`,
    );
  let lines: ApportionLineOut[];
  try {
    lines = presentLines(apportion({ totalCents, minimumCents, census: parsed.census }));
  } catch (error) {
    if (!(error instanceof ApportionError)) throw error;
    const where = (f: string) => (f === 'total' || f === 'minimum' ? `--${f}` : `${file}: ${csvRowField(f)}`);
    throw new CliError(error.issues.map((i) => `${where(i.field)}: ${i.message}`).join('; '));
  }
  const rows = lines.map((l) => ({
    organization: l.organization,
    headcount: l.headcount,
    minimumApplied: l.minimumApplied,
    amount: Number(l.amount),
    share: l.share,
  }));
  if (format === 'json') {
    say(JSON.stringify(rows, null, 2));
    return;
  }
  process.stdout.write(
    stringify([
      ['organization', 'headcount', 'minimumApplied', 'amount', 'share'],
      ...lines.map((l) => [
        l.organization,
        l.headcount,
        String(l.minimumApplied),
        l.amount,
        l.share.toFixed(4),
      ]),
    ]),
  );
}
