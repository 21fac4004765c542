import type { Command } from 'commander';
import type { CliContext } from '../context';

/** `smin threats …` and `smin advisories …`: bulk level loading, CAP export, overdue sweep. */
export function threatsCommand(program: Command, context: CliContext): void {
  const threats = program.command('threats').description('general threat assessments (security levels)');
  threats
    .command('import <file>')
    .description(
      'bulk-load level assessments from CSV: area,category,level,date (one published version per area and date)',
    )
    .option('--format <format>', 'text or json', 'text')
    .addHelpText(
      'after',
      `
Categories: armed_conflict, terrorism, crime, civil_unrest (spaces or hyphens allowed).
Each area and date needs all four categories. Bad rows are reported by line; the rest is kept.
Exit codes: 0 success (even with rejected rows), 1 failure, 2 every row rejected.`,
    )
    .action(async (file: string, opts: { format: string }) =>
      (await import('../actions/threats.action')).importThreatsAction(context, file, opts),
    );

  const advisories = program.command('advisories').description('travel advisories');
  advisories
    .command('export')
    .description('write one OASIS CAP 1.2 XML file per published advisory version')
    .requiredOption('--out <dir>', 'directory to write the CAP files into (created if missing)')
    .option('--format <format>', 'export format (cap)', 'cap')
    .option('--public-url <url>', 'base URL for links in the alerts (env SMIN_PUBLIC_URL)')
    .action(async (opts: { out: string; format: string; publicUrl?: string }) =>
      (await import('../actions/threats.action')).exportCapAction(context, opts),
    );
  advisories
    .command('check-overdue')
    .description('queue one review notice per published advisory past its review-by date (idempotent)')
    .action(async () => (await import('../actions/threats.action')).overdueAction(context));
}
