import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';

/** One e-mail to one mailbox: each address is its own SMTP transaction (MAIL FROM, RCPT TO, DATA). */
export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  /** Stable per message and address, so a resend after a crash is recognizably the same e-mail. */
  messageId: string;
  topic: string;
}

/** What the delivery service needs from a mail channel; tests use a real SMTP server behind it. */
export interface Mailer {
  /** Resolves when the server accepted the message for this address; rejects with its reply. */
  send(email: OutgoingEmail): Promise<void>;
  close(): void;
}

/**
 * An SMTP mailer from `SMIN_SMTP_URL` (smtp://user:pass@host:587 upgrades with STARTTLS when the
 * server offers it; smtps:// is TLS from the start). Pooled: one connection carries many
 * transactions, so per-address sending costs a few round trips, not a TCP and TLS handshake each.
 */
export function createSmtpMailer(mail: { smtpUrl: string; from: string }): Mailer {
  const transport = nodemailer.createTransport({
    url: mail.smtpUrl,
    pool: true,
    maxConnections: 4,
    // Short timeouts: a hung server must fail the run quickly, well inside the claim lease, so
    // that the messages are rescheduled instead of waiting minutes on a dead socket.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async send(email) {
      await transport.sendMail({
        from: mail.from,
        to: email.to,
        subject: email.subject,
        text: email.text,
        messageId: email.messageId,
        headers: {
          // RFC 3834: automatic mail; vacation responders must not answer it.
          'Auto-Submitted': 'auto-generated',
          'X-OpenSMIN-Topic': email.topic,
        },
      });
    },
    close: () => transport.close(),
  };
}

/** `<outbox.ID.HASH@domain>`: one id per message and address, the same on every resend. */
export function messageIdFor(outboxId: number, address: string, from: string): string {
  const domain = /@([^\s>]+)/.exec(from)?.[1] ?? 'opensmin.invalid';
  const hash = createHash('sha256').update(address).digest('hex').slice(0, 16);
  return `<outbox.${outboxId}.${hash}@${domain}>`;
}

/** The SMTP URL without its password, for logs. */
export function describeSmtpUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.username ? `${decodeURIComponent(u.username)}@` : ''}${u.host}`;
  } catch {
    return 'an SMTP server';
  }
}
