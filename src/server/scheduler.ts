import type { Kysely } from 'kysely';
import type { DB } from '../db/tables';
import { sweepLocalBudgetReminders } from '../modules/costshare/local/reminders.service';
import { EMAIL_EVERY_MS, emailDeliveryJob } from '../modules/notifications/delivery.service';
import { WEBHOOK_EVERY_MS, webhookDeliveryJob } from '../modules/notifications/webhook.service';
import { sweepEscalations } from '../modules/rollcall/escalate.service';
import { sweepOverdueMeasures } from '../modules/srm/dashboard.service';
import { sweepOverdueAdvisories } from '../modules/threats/advisories.service';
import { sweepExpiredFixes } from '../modules/travel/who.service';
import type { AppConfig } from './config';

interface Job {
  id: string;
  everyMs: number;
  run(db: Kysely<DB>): Promise<number>;
  /** What the count a run returns means, for the log line. */
  done?: string;
}

/**
 * Periodic checks. Every job is idempotent (its messages carry dedupe keys), so each app server
 * may run the scheduler without coordination: two servers produce one notice, not two.
 */
const JOBS: Job[] = [
  { id: 'advisories.overdue', everyMs: 60 * 60_000, run: (db) => sweepOverdueAdvisories(db) },
  { id: 'measures.overdue', everyMs: 60 * 60_000, run: (db) => sweepOverdueMeasures(db) },
  // Precise locations are deleted when they expire (96 h at most), not merely hidden.
  { id: 'locations.expire', everyMs: 10 * 60_000, run: (db) => sweepExpiredFixes(db), done: 'deleted' },
  // Locally cost-shared budgets: reminders 14 days before and after each calendar milestone.
  { id: 'costshare.local.reminders', everyMs: 60 * 60_000, run: (db) => sweepLocalBudgetReminders(db) },
];

/**
 * Starts the jobs; with SMTP configured, also e-mail delivery of the outbox (claims keep app
 * servers off each other's messages). The returned stop waits for runs in flight and closes the
 * mail connections, so the database can be closed right after it.
 */
export function startScheduler(
  db: Kysely<DB>,
  log: (msg: string, err?: unknown) => void,
  config?: Pick<AppConfig, 'mail'> & Partial<Pick<AppConfig, 'sms' | 'publicUrl'>>,
): () => Promise<void> {
  // Roll-call non-responders go to their wardens; checked every minute (the period is in minutes).
  const rollcall: Job = {
    id: 'rollcall.escalate',
    everyMs: 60_000,
    run: (db) => sweepEscalations(db, { publicUrl: config?.publicUrl ?? 'http://localhost:8080' }),
    done: 'escalated',
  };
  const smtpUrl = config?.mail.smtpUrl;
  const email = smtpUrl
    ? emailDeliveryJob({ smtpUrl, from: config.mail.from }, log, config.sms ?? null)
    : null;
  if (config) log(email?.describe ?? 'e-mail delivery off: SMIN_SMTP_URL is not set; messages stay queued');
  // Webhooks need no configuration: subscriptions (none by default) decide what is sent.
  const webhooks: Job = {
    id: 'webhooks.deliver',
    everyMs: WEBHOOK_EVERY_MS,
    run: webhookDeliveryJob(log).run,
    done: 'delivered',
  };
  const jobs: Job[] = email
    ? [
        ...JOBS,
        rollcall,
        webhooks,
        { id: 'email.deliver', everyMs: EMAIL_EVERY_MS, run: email.run, done: 'sent' },
      ]
    : [...JOBS, rollcall, webhooks];
  const running = new Set<Promise<unknown>>();
  const timers = jobs.map((job) => {
    let busy = false;
    const tick = () => {
      // A run longer than the period (an e-mail backlog) is not overlapped by the next one.
      if (busy) return;
      busy = true;
      const run = job
        .run(db)
        .then((n) => n > 0 && log(`${job.id}: ${job.done ?? 'queued'} ${n}`))
        .catch((err: unknown) => log(`${job.id} failed`, err))
        .finally(() => {
          busy = false;
          running.delete(run);
        });
      running.add(run);
    };
    tick();
    const timer = setInterval(tick, job.everyMs);
    timer.unref();
    return timer;
  });
  return async () => {
    for (const t of timers) clearInterval(t);
    await Promise.all(running);
    email?.close();
  };
}
