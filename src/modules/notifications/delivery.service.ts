import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables';
import { createSmtpMailer, describeSmtpUrl, type Mailer, messageIdFor } from './email';
import * as repo from './outbox.repository';
import * as prefs from './preferences.repository';
import {
  type AddressState,
  classifySmtpError,
  emailRecipients,
  MAX_ATTEMPTS,
  messageOutcome,
  phoneRecipients,
  recipientUserIds,
  renderEmail,
} from './rules';
import { createHttpSmsGateway, renderSms, SmsError, type SmsGateway } from './sms';

type Db = Kysely<DB>;

export interface DeliveryOptions {
  /** The envelope and header sender (SMIN_MAIL_FROM). */
  from: string;
  /** The clock; tests move it forward to reach a retry time. */
  now?: () => Date;
  batchSize?: number;
  maxAttempts?: number;
  /** How long a claim keeps other workers off a message; a run stops starting messages at half. */
  leaseMs?: number;
  /** Messages sent at once by this worker (default 4). */
  parallel?: number;
  /** The SMS gateway, when one is configured: users who turned SMS on get the message there too. */
  sms?: SmsGateway | null;
}

const SMS = 'sms';

/** What one run did, summed over its messages and addresses. */
export interface DeliveryReport {
  messages: number;
  delivered: number;
  deadLettered: number;
  retrying: number;
  /** Addresses the server accepted in this run. */
  sent: number;
  /** Failed attempts for one address in this run. */
  failed: number;
  /** Set when the server could not be used: the rest of the run was postponed. */
  serverDown: string | null;
  /** Messages whose claim another worker took over (this run's lease ran out). */
  lostClaims: number;
}

const DEFAULT_BATCH = 20;
const DEFAULT_LEASE_MS = 5 * 60_000;
const DEFAULT_PARALLEL = 4;
const MAX_REASON = 2000;

/**
 * Delivers every due outbox message by e-mail, one SMTP transaction per address, and records each
 * address in outbox_deliveries as soon as the server has answered. Safe to run on several app
 * servers at once (claims skip each other's rows) and to re-run after a crash (addresses already
 * sent are skipped). Stops early when the server is unreachable; the messages wait for their retry.
 */
export async function deliverDueEmail(
  db: Db,
  mailer: Mailer,
  opts: DeliveryOptions,
): Promise<DeliveryReport> {
  const clock = opts.now ?? (() => new Date());
  const limit = opts.batchSize ?? DEFAULT_BATCH;
  const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  const parallel = Math.max(1, opts.parallel ?? DEFAULT_PARALLEL);
  const report: DeliveryReport = {
    messages: 0,
    delivered: 0,
    deadLettered: 0,
    retrying: 0,
    sent: 0,
    failed: 0,
    serverDown: null,
    lostClaims: 0,
  };
  for (;;) {
    const claimedAt = clock();
    const token = randomUUID();
    const batch = await repo.claimDue(db, {
      now: claimedAt,
      leaseUntil: new Date(claimedAt.getTime() + leaseMs),
      token,
      limit,
    });
    // Past half the lease, hand the rest back rather than risk another worker taking them over
    // while this one is still sending.
    const deadline = claimedAt.getTime() + leaseMs / 2;
    // A few messages at once: SMTP round trips and database writes of different messages overlap
    // (the pooled mailer has connections to spare); each message's addresses stay in order.
    let next = 0;
    const unstarted: number[] = [];
    const lane = async () => {
      for (let i = next++; i < batch.length; i = next++) {
        const m = batch[i]!;
        if (clock().getTime() > deadline) {
          unstarted.push(m.id);
          continue;
        }
        await deliverOne(db, mailer, m, token, { ...opts, now: clock, deadline }, report);
      }
    };
    await Promise.all(Array.from({ length: Math.min(parallel, batch.length) }, lane));
    if (unstarted.length > 0) {
      await repo.release(db, unstarted, token, clock());
      return report;
    }
    if (batch.length < limit || report.serverDown) return report;
  }
}

async function deliverOne(
  db: Db,
  mailer: Mailer,
  m: repo.ClaimedMessage,
  token: string,
  opts: DeliveryOptions & { now: () => Date; deadline: number },
  report: DeliveryReport,
): Promise<void> {
  report.messages++;
  const maxAttempts = opts.maxAttempts ?? MAX_ATTEMPTS;
  const now = opts.now();
  if (m.attempts > maxAttempts) {
    // Claimed more often than it may be tried: earlier runs died before settling it.
    await repo.giveUpFailing(db, m.id, now);
    return settle(db, m.id, token, report, {
      kind: 'dead',
      at: now,
      reason: `gave up: claimed ${m.attempts} times without finishing (did the worker crash on it?)`,
    });
  }
  // Recipients named by user id only are e-mailed at the user's current address.
  const userIds = recipientUserIds(m.recipients, { withEmail: true });
  const users = await repo.activeUserEmails(db, recipientUserIds(m.recipients));
  const rcpt = emailRecipients(m.recipients, users, await prefs.emailTurnedOff(db, userIds));
  const settled = await repo.settledAddresses(db, m.id);
  // SMS: numbers the message names directly (roll calls) and those of users who turned SMS on.
  const direct = phoneRecipients(m.recipients);
  const numbers = opts.sms
    ? [...new Set([...direct.numbers, ...(await prefs.smsNumbers(db, userIds)).map((n) => n.phone)])]
    : [];
  const settledSms =
    numbers.length + direct.invalid.length > 0 ? await repo.settledAddresses(db, m.id, SMS) : new Map();
  // The last send of this message is recorded with its settlement, in one statement (one commit).
  const toSend = [
    ...rcpt.targets.filter((t) => !settled.has(t.address)).map((t) => `email ${t.address}`),
    ...numbers.filter((n) => !settledSms.has(n)).map((n) => `sms ${n}`),
  ];
  const lastKey = toSend.at(-1);
  let lastSent: { address: string; channel: string; at: Date } | undefined;
  const sent = async (address: string, channel: string) => {
    if (`${channel} ${address}` === lastKey) lastSent = { address, channel, at: opts.now() };
    else await repo.recordSent(db, m.id, address, opts.now(), channel);
  };
  const states: AddressState[] = [];
  const problems: string[] = [];
  let notAttempted = 0;

  for (const skip of rcpt.turnedOff) {
    if (!settled.has(skip.address)) {
      await repo.recordFailure(db, m.id, skip.address, {
        reason: skip.reason,
        givenUpAt: now,
        countAttempt: false,
      });
    }
  }
  for (const bad of rcpt.invalid) {
    if (!settled.has(bad.address)) {
      await repo.recordFailure(db, m.id, bad.address, {
        reason: bad.reason,
        givenUpAt: now,
        countAttempt: false,
      });
    }
    states.push('given_up');
    problems.push(`${bad.address}: ${bad.reason}`);
  }
  for (const t of rcpt.targets) {
    const prior = settled.get(t.address);
    if (prior) {
      states.push(prior.status === 'sent' ? 'sent' : 'given_up');
      if (prior.status !== 'sent') problems.push(`${t.address}: ${prior.lastError ?? 'given up'}`);
      continue;
    }
    if (report.serverDown || opts.now().getTime() > opts.deadline) {
      states.push('retry');
      notAttempted++;
      continue;
    }
    const { subject, text } = renderEmail(m.topic, m.payload, t.reasons);
    try {
      await mailer.send({
        to: t.address,
        subject,
        text,
        messageId: messageIdFor(m.id, t.address, opts.from),
        topic: m.topic,
      });
    } catch (error) {
      const f = classifySmtpError(error as Record<string, unknown>);
      await repo.recordFailure(db, m.id, t.address, {
        reason: f.reason,
        givenUpAt: f.permanent ? opts.now() : null,
        countAttempt: true,
      });
      report.failed++;
      states.push(f.permanent ? 'given_up' : 'retry');
      problems.push(`${t.address}: ${f.reason}`);
      if (f.serverDown) report.serverDown = f.reason;
      continue;
    }
    // A crash between the server's acceptance and this write resends to this address later:
    // at-least-once, with the same Message-ID.
    await sent(t.address, 'email');
    report.sent++;
    states.push('sent');
  }

  if (direct.invalid.length > 0) {
    for (const bad of direct.invalid) {
      if (!settledSms.has(bad.address)) {
        await repo.recordFailure(
          db,
          m.id,
          bad.address,
          { reason: bad.reason, givenUpAt: now, countAttempt: false },
          SMS,
        );
      }
      states.push('given_up');
      problems.push(`sms ${bad.address}: ${bad.reason}`);
    }
  }
  let untexted = 0;
  if (opts.sms) {
    const sms = opts.sms;
    const text = smsText(m.topic, m.payload);
    for (const phone of numbers) {
      const prior = settledSms.get(phone);
      if (prior) {
        states.push(prior.status === 'sent' ? 'sent' : 'given_up');
        if (prior.status !== 'sent') problems.push(`sms ${phone}: ${prior.lastError ?? 'given up'}`);
        continue;
      }
      if (opts.now().getTime() > opts.deadline) {
        states.push('retry');
        notAttempted++;
        continue;
      }
      try {
        await sms.send({ to: phone, text, idempotencyKey: `${m.id}:${phone}` });
      } catch (error) {
        const f = error instanceof SmsError ? error : new SmsError(String(error), false);
        await repo.recordFailure(
          db,
          m.id,
          phone,
          { reason: f.message, givenUpAt: f.permanent ? opts.now() : null, countAttempt: true },
          SMS,
        );
        report.failed++;
        states.push(f.permanent ? 'given_up' : 'retry');
        problems.push(`sms ${phone}: ${f.message}`);
        continue;
      }
      await sent(phone, SMS);
      report.sent++;
      states.push('sent');
    }
  } else untexted = direct.numbers.length;

  const outcome = messageOutcome(states, m.attempts, { maxAttempts, jitterSeed: m.id });
  // Addresses not tried because the server went down have no reply of their own to show.
  if (notAttempted > 0) {
    problems.push(
      `${notAttempted} not attempted: ${report.serverDown ?? 'the run ran out of time (slow SMTP server)'}`,
    );
  }
  const detail = problems.join('; ');
  const at = opts.now();
  if (outcome.kind === 'delivered') {
    return settle(
      db,
      m.id,
      token,
      report,
      { kind: 'delivered', at, note: deliveredNote(rcpt, untexted) },
      lastSent,
    );
  }
  if (outcome.kind === 'dead') {
    if (outcome.giveUpPending) await repo.giveUpFailing(db, m.id, at);
    const failed = states.filter((s) => s !== 'sent').length;
    const why = outcome.giveUpPending ? `gave up after ${m.attempts} attempts` : 'refused for good';
    return settle(
      db,
      m.id,
      token,
      report,
      { kind: 'dead', at, reason: clip(`${why}: ${failed} of ${states.length} addresses: ${detail}`) },
      lastSent,
    );
  }
  return settle(
    db,
    m.id,
    token,
    report,
    {
      kind: 'retry',
      availableAt: new Date(at.getTime() + outcome.delayMs),
      reason: clip(`attempt ${m.attempts} of ${maxAttempts}: ${detail}`),
    },
    lastSent,
  );
}

async function settle(
  db: Db,
  id: number,
  token: string,
  report: DeliveryReport,
  s: repo.Settlement,
  lastSent?: { address: string; channel: string; at: Date },
) {
  if (!(await repo.settle(db, id, token, s, lastSent))) {
    report.lostClaims++;
    return;
  }
  if (s.kind === 'delivered') report.delivered++;
  else if (s.kind === 'dead') report.deadLettered++;
  else report.retrying++;
}

/** Why a delivered message reached fewer people than it names, if it did. */
function deliveredNote(rcpt: ReturnType<typeof emailRecipients>, untexted: number): string | null {
  const notes: string[] = [];
  if (untexted > 0) notes.push(`${untexted} phone numbers not texted: no SMS gateway configured`);
  if (rcpt.targets.length === 0) notes.push('no e-mail recipients');
  else if (rcpt.withoutEmail > 0)
    notes.push(`${rcpt.withoutEmail} recipients without an e-mail address skipped`);
  if (rcpt.turnedOff.length > 0) notes.push(`${rcpt.turnedOff.length} turned e-mail off`);
  return notes.length > 0 ? notes.join('; ') : null;
}

/** The SMS of a message: its own short text when it carries one (roll calls), else subject and link. */
function smsText(topic: string, payload: unknown): string {
  const own = (payload as { sms?: unknown } | null)?.sms;
  if (typeof own === 'string' && own.trim()) return renderSms(own.trim(), null);
  return renderSms(renderEmail(topic, payload).subject, urlOf(payload));
}

function urlOf(payload: unknown): string | null {
  const url = (payload as { url?: unknown } | null)?.url;
  return typeof url === 'string' && /^https?:\/\/\S+$/.test(url) ? url : null;
}

function clip(s: string): string {
  return s.length > MAX_REASON ? `${s.slice(0, MAX_REASON - 1)}…` : s;
}

/** How often app servers look for due e-mail. */
export const EMAIL_EVERY_MS = 5_000;

/**
 * The scheduler's e-mail job: a pooled SMTP mailer and a run that logs what an operator must know
 * (dead letters; an unreachable server once per outage, not every five seconds).
 */
export function emailDeliveryJob(
  mail: { smtpUrl: string; from: string },
  log: (msg: string, err?: unknown) => void,
  smsGateway: { url: string; token: string | null } | null = null,
): { describe: string; run(db: Db): Promise<number>; close(): void } {
  const mailer = createSmtpMailer(mail);
  const sms = smsGateway ? createHttpSmsGateway(smsGateway) : null;
  let down = false;
  return {
    describe: `e-mail delivery on: ${describeSmtpUrl(mail.smtpUrl)} as ${mail.from}${sms ? `, SMS via ${new URL(smsGateway!.url).host}` : ''}`,
    async run(db) {
      const r = await deliverDueEmail(db, mailer, { from: mail.from, sms });
      if (r.serverDown && !down) log(`email.deliver: SMTP server unavailable, will retry: ${r.serverDown}`);
      if (!r.serverDown && down && r.messages > 0) log('email.deliver: SMTP server reachable again');
      down = r.serverDown ? true : r.messages > 0 ? false : down;
      if (r.deadLettered > 0)
        log(`email.deliver: ${r.deadLettered} messages dead-lettered (smin notify status)`);
      return r.sent;
    },
    close: () => mailer.close(),
  };
}
