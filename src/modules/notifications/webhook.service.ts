/**
 * The webhook worker: fans each new outbox message out to the subscriptions whose topics and scope
 * take it (one webhook_deliveries row per pair), then POSTs due deliveries, signed, each claimed
 * with SKIP LOCKED and a lease like the e-mail worker's, so app servers share the work and a
 * subscription never gets one event from two workers at once. At-least-once: a crash between the
 * receiver's 2xx and the write that records it sends the event again with the same
 * X-Smin-Event-Id, which receivers use to drop the repeat.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables';
import * as repo from './webhook.repository';
import {
  type Attempt,
  classifyResponse,
  deliveryOutcome,
  EVENT_ID_HEADER,
  inScope,
  SIGNATURE_HEADER,
  signature,
  topicMatches,
  WEBHOOK_TIMEOUT_MS,
  webhookBody,
} from './webhook-rules';

type Db = Kysely<DB>;

export interface WebhookOptions {
  now?: () => Date;
  batchSize?: number;
  leaseMs?: number;
  timeoutMs?: number;
  maxAttempts?: number;
  /**
   * How long a message must be old before a subscription's cursor passes it. Outbox ids are taken
   * before their transaction commits, so a lower id can appear after a higher one; until the
   * margin has passed the anti-join on delivery rows catches it instead. Assumes no transaction
   * that writes the outbox lasts longer than this.
   */
  commitMarginS?: number;
}

export interface WebhookReport {
  /** Delivery rows added by the fan-out. */
  queued: number;
  attempted: number;
  delivered: number;
  retrying: number;
  dead: number;
  lostClaims: number;
}

const DEFAULT_BATCH = 20;
const DEFAULT_LEASE_MS = 2 * 60_000;
const FAN_OUT_PAGE = 1000;
const DEFAULT_MARGIN_S = 120;
const MAX_REASON = 1000;

/** One pass of the fan-out for every active subscription. Safe to run concurrently. */
export async function fanOutWebhooks(db: Db, marginS = DEFAULT_MARGIN_S): Promise<number> {
  let queued = 0;
  for (const sub of await repo.activeSubscriptions(db)) {
    const topics = (typeof sub.topics === 'string' ? JSON.parse(sub.topics) : sub.topics) as string[];
    const scope = { organizationId: sub.organization_id, countryCode: sub.country_code };
    let cursor = Number(sub.cursor_id);
    for (;;) {
      const rows = await repo.fanOutCandidates(
        db,
        { id: sub.id, cursor_id: cursor, created_at: new Date(sub.created_at) },
        marginS,
        FAN_OUT_PAGE,
      );
      const take = rows.filter((m) => topicMatches(topics, m.topic) && inScope(scope, m.payload));
      queued += await repo.addDeliveries(
        db,
        sub.id,
        take.map((m) => ({ id: Number(m.id), createdAt: new Date(m.created_at) })),
      );
      // The cursor passes only the leading run of messages older than the margin.
      let passed = cursor;
      for (const m of rows) {
        if (!m.old) break;
        passed = Number(m.id);
      }
      if (passed > cursor) await repo.advanceCursor(db, sub.id, passed);
      if (rows.length < FAN_OUT_PAGE || passed === cursor) break;
      cursor = passed;
    }
  }
  return queued;
}

/** POSTs one signed body; never throws. */
export async function postSigned(
  url: string,
  secret: string,
  event: { id: string; topic: string; createdAt: Date; payload: unknown },
  at: Date,
  timeoutMs: number,
): Promise<Attempt> {
  const body = webhookBody(event);
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'OpenSMIN-Webhooks/1',
        [SIGNATURE_HEADER]: signature(secret, body, at),
        [EVENT_ID_HEADER]: event.id,
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.body?.cancel().catch(() => undefined);
    return classifyResponse(res.status);
  } catch (error) {
    const e = error as { name?: string; cause?: { code?: string; message?: string }; message?: string };
    const reason =
      e.name === 'TimeoutError' || e.name === 'AbortError'
        ? `no answer within ${timeoutMs} ms`
        : `${e.cause?.code ?? 'connection error'}: ${e.cause?.message ?? e.message ?? 'failed'}`;
    return { kind: 'failed', status: null, reason: clip(reason), permanent: false };
  }
}

/**
 * Queues new messages for every subscription, then delivers due deliveries until none are left
 * or half the lease has passed (the rest are handed back untouched).
 */
export async function deliverDueWebhooks(db: Db, opts: WebhookOptions = {}): Promise<WebhookReport> {
  const clock = opts.now ?? (() => new Date());
  const limit = opts.batchSize ?? DEFAULT_BATCH;
  const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  const timeoutMs = opts.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  const report: WebhookReport = {
    queued: await fanOutWebhooks(db, opts.commitMarginS),
    attempted: 0,
    delivered: 0,
    retrying: 0,
    dead: 0,
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
    const deadline = claimedAt.getTime() + leaseMs / 2;
    for (const [i, d] of batch.entries()) {
      if (clock().getTime() > deadline) {
        for (const rest of batch.slice(i))
          await repo.settle(db, rest, token, { kind: 'release', availableAt: clock() });
        return report;
      }
      report.attempted++;
      const a = await postSigned(
        d.url,
        d.secret,
        { id: String(d.outbox_id), topic: d.topic, createdAt: d.created_at, payload: d.payload },
        // Signed at the wall-clock time: receivers check it against theirs (replay window).
        new Date(),
        timeoutMs,
      );
      const o = deliveryOutcome(a, d.attempts, { maxAttempts: opts.maxAttempts, jitterSeed: d.outbox_id });
      const at = clock();
      const status = a.status;
      const s: repo.Settlement =
        o.kind === 'delivered'
          ? { kind: 'delivered', at, status: status as number }
          : o.kind === 'dead'
            ? { kind: 'dead', at, status, reason: clip(o.reason) }
            : {
                kind: 'retry',
                availableAt: new Date(at.getTime() + o.delayMs),
                status,
                reason: clip(o.reason),
              };
      if (!(await repo.settle(db, d, token, s))) report.lostClaims++;
      else if (o.kind === 'delivered') report.delivered++;
      else if (o.kind === 'dead') report.dead++;
      else report.retrying++;
    }
    if (batch.length < limit) return report;
  }
}

function clip(s: string): string {
  return s.length > MAX_REASON ? `${s.slice(0, MAX_REASON - 1)}…` : s;
}

/** How often app servers look for webhook work. */
export const WEBHOOK_EVERY_MS = 5_000;

/** The scheduler's webhook job: always on (subscriptions decide whether anything is sent). */
export function webhookDeliveryJob(log: (msg: string, err?: unknown) => void) {
  return {
    async run(db: Db) {
      const r = await deliverDueWebhooks(db);
      if (r.dead > 0) log(`webhooks.deliver: ${r.dead} deliveries dead (GET /api/webhooks/{id}/deliveries)`);
      return r.delivered;
    },
  };
}
