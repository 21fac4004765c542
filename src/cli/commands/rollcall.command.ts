import type { Command } from 'commander';
import type { CliContext } from '../context';

/** `smin rollcall …`: start a roll call and follow it from a terminal (crisis drills, no browser). */
export function rollcallCommand(program: Command, context: CliContext): void {
  const rollcall = program.command('rollcall').description('roll calls: start one, follow its board');
  rollcall
    .command('start')
    .description('ask everyone present in an area (or a warden zone) whether they are safe')
    .option('--area <code>', 'area code, e.g. AFG-01')
    .option('--zone <code>', 'warden zone code (instead of --area)')
    .requiredOption('--title <text>', 'what happened, as the message will say it')
    .option('--guidance <text>', 'what people should do', '')
    .option(
      '--escalate-after <minutes>',
      'non-responders go to their wardens after this, then again each period',
      '30',
    )
    .option('--by <username>', 'who leads the roll call (gets the non-responders who have no warden)')
    .option('--format <format>', 'text or json', 'text')
    .addHelpText(
      'after',
      `
Messages go out through the outbox: app servers with SMIN_SMTP_URL (and SMIN_SMS_GATEWAY_URL) deliver
them, or run \`smin notify deliver\`. Links point at SMIN_PUBLIC_URL.`,
    )
    .action(async (opts: Record<string, string | undefined>) =>
      (await import('../actions/rollcall.action')).startAction(context, opts),
    );
  rollcall
    .command('status')
    .description('the board of a roll call: accounted for by organization and zone, who needs help')
    .argument('<reference>', 'RC-YYYY-NNNN or the roll call id')
    .option('--format <format>', 'text or json', 'text')
    .action(async (reference: string, opts: { format: string }) =>
      (await import('../actions/rollcall.action')).statusAction(context, reference, opts),
    );
}
