import type { Command } from 'commander';
import type { CliContext } from '../context';

/** `smin srm export`: an area's current SRM as the one-page PDF, the detailed PDF, or JSON. */
export function srmCommand(program: Command, context: CliContext): void {
  const srm = program.command('srm').description('security risk management');
  srm
    .command('export')
    .description("export an area's current SRM")
    .requiredOption('--area <code>', 'area code, e.g. AFG-01')
    .option('--format <format>', 'pdf (one-page summary), report (detailed PDF) or json', 'pdf')
    .option('--out <file>', 'file to write (default: stdout for json, <area>-srm.pdf for PDFs)')
    .action(async (opts: { area: string; format: string; out?: string }) =>
      (await import('../actions/srm.action')).exportSrmAction(context, opts),
    );
}
