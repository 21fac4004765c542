import { deliverDueEmail } from '../../modules/notifications/delivery.service';
import { createSmtpMailer, describeSmtpUrl } from '../../modules/notifications/email';
import { createHttpSmsGateway } from '../../modules/notifications/sms';
import { outboxStatus } from '../../modules/notifications/status.service';
import { loadConfig } from '../../server/config';
import { type CliContext, say, warn } from '../context';
import { withDatabase } from '../database';
import { CliError } from '../errors';

/** The configuration with the CLI's options first, then the environment. */
function configWith(context: CliContext, extra: { SMIN_SMTP_URL?: string; SMIN_MAIL_FROM?: string } = {}) {
  const g = context.globals();
  return loadConfig(context.env, { SMIN_DATA_DIR: g.dataDir, DATABASE_URL: g.databaseUrl, ...extra });
}

function checkFormat(format: string) {
  if (format !== 'text' && format !== 'json') throw new CliError(`unknown format ${format}: text or json`);
}

export async function statusAction(context: CliContext, opts: { format: string; limit: string }) {
  checkFormat(opts.format);
  const limit = Number(opts.limit);
  if (!Number.isInteger(limit) || limit < 0)
    throw new CliError(`--limit must be a whole number, not ${opts.limit}`);
  const config = configWith(context);
  const status = await withDatabase(config, { create: false }, ({ db }) => outboxStatus(db, limit));
  if (opts.format === 'json') return say(JSON.stringify(status, null, 2));

  if (!config.mail.smtpUrl) say('e-mail delivery: off here (SMIN_SMTP_URL is not set)');
  if (status.topics.length === 0) say('the outbox is empty');
  else {
    const width = Math.max(5, ...status.topics.map((t) => t.topic.length));
    say(
      `${'topic'.padEnd(width)}  ${['queued', 'retrying', 'delivered', 'dead'].map((h) => h.padStart(9)).join('')}`,
    );
    for (const t of status.topics) {
      const counts = [t.queued, t.retrying, t.delivered, t.deadLettered]
        .map((n) => String(n).padStart(9))
        .join('');
      const oldest = t.oldestQueuedAt ? `  oldest queued ${t.oldestQueuedAt}` : '';
      say(`${t.topic.padEnd(width)}  ${counts}${oldest}`);
    }
  }
  if (status.failedAddresses.length > 0) {
    say('');
    say('failed addresses:');
    for (const f of status.failedAddresses) {
      const state = f.givenUp ? 'given up' : `retry at ${f.nextAttemptAt}`;
      say(`  #${f.outboxId} ${f.topic} ${f.address} (${f.attempts} attempts, ${state}): ${f.reason ?? ''}`);
    }
  }
  if (status.deadLetters.length > 0) {
    say('');
    say('dead letters:');
    for (const d of status.deadLetters) say(`  #${d.outboxId} ${d.topic} at ${d.deadAt}: ${d.reason ?? ''}`);
  }
}

export async function deliverAction(
  context: CliContext,
  opts: { smtpUrl?: string; from?: string; format: string; leaseSeconds?: string },
) {
  checkFormat(opts.format);
  const leaseSeconds = Number(opts.leaseSeconds ?? '300');
  if (!Number.isInteger(leaseSeconds) || leaseSeconds < 1 || leaseSeconds > 86_400)
    throw new CliError(
      `--lease-seconds must be a whole number of seconds from 1 to 86400, not ${opts.leaseSeconds}`,
    );
  const config = configWith(context, { SMIN_SMTP_URL: opts.smtpUrl, SMIN_MAIL_FROM: opts.from });
  const smtpUrl = config.mail.smtpUrl;
  if (!smtpUrl) throw new CliError('no SMTP server: give --smtp-url or set SMIN_SMTP_URL');
  const mailer = createSmtpMailer({ smtpUrl, from: config.mail.from });
  // Roll calls text people directly: the CLI worker sends SMS too when a gateway is configured.
  const sms = config.sms ? createHttpSmsGateway(config.sms) : null;
  const report = await withDatabase(config, { create: false }, ({ db }) =>
    deliverDueEmail(db, mailer, { from: config.mail.from, leaseMs: leaseSeconds * 1000, sms }),
  ).finally(() => mailer.close());
  if (opts.format === 'json') say(JSON.stringify(report, null, 2));
  else {
    say(
      `${report.messages} messages: ${report.delivered} delivered, ${report.retrying} to retry, ` +
        `${report.deadLettered} dead-lettered; ${report.sent} e-mails sent, ${report.failed} failed`,
    );
  }
  if (report.serverDown) {
    warn(`${describeSmtpUrl(smtpUrl)} unavailable: ${report.serverDown}`);
    throw new CliError('the SMTP server was unavailable; the messages stay queued for a retry');
  }
}
