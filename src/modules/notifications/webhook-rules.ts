/**
 * Pure rules of webhook delivery: which messages a subscription takes, the signed request, what a
 * receiver's answer means and when to give up. No I/O.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { retryDelayMs } from './rules';

/** Attempts per (message, subscription) before the delivery is dead. */
export const WEBHOOK_MAX_ATTEMPTS = 8;
/** How long the worker waits for a receiver's answer. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
export const SIGNATURE_HEADER = 'X-Smin-Signature';
export const EVENT_ID_HEADER = 'X-Smin-Event-Id';
export const TEST_TOPIC = 'webhook.test';

/** A topic filter: an exact topic ("threat.level_raised") or a prefix ending in ".*" ("incident.*"). */
export const TOPIC_FILTER = /^(\*|[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*(\.\*)?)$/;

/** True when `topic` is one the filters chose. "*" takes every topic; "incident.*" every incident.… */
export function topicMatches(filters: readonly string[], topic: string): boolean {
  return filters.some((f) =>
    f === '*' ? true : f.endsWith('.*') ? topic.startsWith(f.slice(0, -1)) : f === topic,
  );
}

export interface SubscriptionScope {
  organizationId: string | null;
  countryCode: string | null;
}

/**
 * True when a message's payload belongs to the subscription's scope. A global subscription takes
 * every message of its topics. A country subscription takes only payloads that name that country
 * (`countryCode`); an organization subscription only payloads that name that organization
 * (`organizationId` or `organizationIds`). A payload that names neither is for global subscribers
 * only: deny by default, as the platform's access rules do.
 */
export function inScope(scope: SubscriptionScope, payload: unknown): boolean {
  if (!scope.organizationId && !scope.countryCode) return true;
  const p = typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : {};
  if (scope.countryCode) return p.countryCode === scope.countryCode;
  const orgs = Array.isArray(p.organizationIds) ? p.organizationIds : [];
  return p.organizationId === scope.organizationId || orgs.includes(scope.organizationId);
}

/** A new signing secret: 32 random bytes, shown once. */
export function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/** The body POSTed for one message: exactly these four keys. */
export function webhookBody(m: { id: number | string; topic: string; createdAt: Date; payload: unknown }) {
  return JSON.stringify({
    id: String(m.id),
    topic: m.topic,
    createdAt: m.createdAt.toISOString(),
    payload: m.payload,
  });
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" keyed with the secret>`. */
export function signature(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return `t=${t},v1=${v1}`;
}

/**
 * What a receiver does to check a request (the README shows the same in a few lines): recompute
 * the HMAC, compare in constant time, and refuse old timestamps (replays).
 */
export function verifySignature(
  secret: string,
  body: string,
  header: string,
  now: Date,
  toleranceS = 300,
): boolean {
  const parts = Object.fromEntries(header.split(',').map((kv) => kv.split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !parts.v1 || Math.abs(now.getTime() / 1000 - t) > toleranceS) return false;
  const want = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  const got = Buffer.from(parts.v1, 'hex');
  return got.length === want.length && timingSafeEqual(got, want);
}

/** The outcome of one POST, from the status code or the error. */
export type Attempt =
  | { kind: 'ok'; status: number }
  | { kind: 'failed'; status: number | null; reason: string; permanent: boolean };

/**
 * 2xx is delivered. 408 and 429 and every 5xx are worth retrying, as are timeouts and connection
 * errors; any other answer (a 3xx: redirects are not followed; a 4xx: the receiver refuses this
 * event) is final: retrying would get the same answer.
 */
export function classifyResponse(status: number): Attempt {
  if (status >= 200 && status < 300) return { kind: 'ok', status };
  const retry = status === 408 || status === 429 || status >= 500;
  return { kind: 'failed', status, reason: `HTTP ${status}`, permanent: !retry };
}

export type DeliveryOutcome =
  | { kind: 'delivered' }
  | { kind: 'dead'; reason: string }
  | { kind: 'retry'; delayMs: number; reason: string };

/** What becomes of a delivery after attempt `attempt` (1-based). */
export function deliveryOutcome(
  a: Attempt,
  attempt: number,
  opts: { maxAttempts?: number; jitterSeed?: number } = {},
): DeliveryOutcome {
  if (a.kind === 'ok') return { kind: 'delivered' };
  const max = opts.maxAttempts ?? WEBHOOK_MAX_ATTEMPTS;
  if (a.permanent) return { kind: 'dead', reason: `refused: ${a.reason}` };
  if (attempt >= max) return { kind: 'dead', reason: `gave up after ${attempt} attempts: ${a.reason}` };
  return {
    kind: 'retry',
    delayMs: retryDelayMs(attempt, opts.jitterSeed),
    reason: `attempt ${attempt} of ${max}: ${a.reason}`,
  };
}
