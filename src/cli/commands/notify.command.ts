import type { Command } from 'commander';
import type { CliContext } from '../context';

/** `smin notify …`: the outbox as operators see it, and e-mail delivery on demand (cron, tests). */
export function notifyCommand(program: Command, context: CliContext): void {
  const notify = program.command('notify').description('notifications: the outbox and e-mail delivery');
  notify
    .command('status')
    .description('messages queued, delivered and dead-lettered per topic; failed addresses with reasons')
    .option('--format <format>', 'text or json', 'text')
    .option('--limit <n>', 'failed addresses and dead letters to list', '50')
    .action(async (opts: { format: string; limit: string }) =>
      (await import('../actions/notify.action')).statusAction(context, opts),
    );
  notify
    .command('deliver')
    .description('send every due e-mail once now, then exit (app servers also do this every 5 s)')
    .option('--smtp-url <url>', 'SMTP server, e.g. smtp://user:pass@mail.example.org:587 (env SMIN_SMTP_URL)')
    .option('--from <address>', 'sender address (env SMIN_MAIL_FROM)')
    .option('--format <format>', 'text or json', 'text')
    .option(
      '--lease-seconds <n>',
      'how long a claim keeps other workers off a message; a worker that dies frees its messages after this',
      '300',
    )
    .addHelpText(
      'after',
      `
Each address gets its own SMTP transaction; addresses already sent are skipped, so running it
again (or alongside the app servers) sends nothing twice. Failed addresses are retried later
with backoff; see \`smin notify status\`.
Exit codes: 0 done (even with failed addresses), 1 the SMTP server was unavailable or unset.`,
    )
    .action(async (opts: { smtpUrl?: string; from?: string; format: string; leaseSeconds: string }) =>
      (await import('../actions/notify.action')).deliverAction(context, opts),
    );
}
