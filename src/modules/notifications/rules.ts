/**
 * Pure rules of e-mail delivery: who an outbox message goes to, what it says, how long to wait
 * after a failure and when to give up. No I/O: the delivery service feeds them rows and SMTP errors.
 */

/** Attempts per message before it is dead-lettered (a worker that crashes mid-run also uses one). */
export const MAX_ATTEMPTS = 8;
const FIRST_RETRY_MS = 60_000;
const RETRY_FACTOR = 3;
const LONGEST_RETRY_MS = 12 * 3_600_000;
/** Jitter spreads the retries of messages that failed together (an SMTP outage) over ±10 %. */
const JITTER = 0.1;

/**
 * Wait after failed attempt `attempt` (1-based): 1 min, 3, 9, 27, 81, 243 min, then 12 h, so the
 * eight attempts span about 19 hours, long enough to ride out a mail server's maintenance night.
 * `jitterSeed` (e.g. the message id) picks a stable point in the ±10 % band.
 */
export function retryDelayMs(attempt: number, jitterSeed = 0): number {
  const n = Math.max(1, Math.floor(attempt));
  const base = Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * RETRY_FACTOR ** (n - 1));
  return Math.round(base * (1 + JITTER * (2 * unitFraction(jitterSeed) - 1)));
}

/** A deterministic value in [0, 1) from an integer (Knuth's multiplicative hash). */
function unitFraction(seed: number): number {
  return ((Math.imul(Math.floor(Math.abs(seed)) | 0, 2654435761) >>> 0) % 10_000) / 10_000;
}

const MAX_ADDRESS = 254;
const MAX_LOCAL = 64;
// Deliberately narrower than RFC 5322: no quoted local parts, comments or IP literals. Addresses
// come from HR systems and forms; anything odder is more likely a typo than a mailbox.
const ADDRESS =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

/**
 * The address in the form it is sent and recorded in, or null when it cannot be a mailbox.
 * Lower-cased whole: the same person listed as "DO" and "Focal.Point" must get one e-mail, and no
 * mail system this platform meets treats local parts case-sensitively.
 */
export function normalizeAddress(raw: string): string | null {
  const a = raw.trim().toLowerCase();
  if (a.length > MAX_ADDRESS || !ADDRESS.test(a)) return null;
  const local = a.slice(0, a.lastIndexOf('@'));
  if (local.length > MAX_LOCAL || local.startsWith('.') || local.endsWith('.') || local.includes('..'))
    return null;
  return a;
}

/** One mailbox of a message and every reason it is on the list (DO, line manager, …). */
export interface EmailTarget {
  address: string;
  reasons: string[];
}

export interface EmailRecipients {
  targets: EmailTarget[];
  /** Entries with an e-mail that cannot be sent to: recorded as given up, visible to operators. */
  invalid: { address: string; reason: string }[];
  /** Entries naming neither an e-mail address nor a user: nobody to send to. */
  withoutEmail: number;
  /**
   * People who turned e-mail off in their preferences: recorded as given up, but not a failure of
   * the message (it is delivered once everyone else has it).
   */
  turnedOff: { address: string; reason: string }[];
}

export const EMAIL_TURNED_OFF = 'e-mail turned off by the recipient';

/** Where a user named by id only is recorded in outbox_deliveries when they cannot be e-mailed. */
export const userAddressKey = (userId: string) => `user:${userId}`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * User ids of the entries that name a user but no e-mail address (advisory and measure notices):
 * they are resolved to the user's address at delivery time. With `withEmail`, every entry's user
 * (for their preferences). Only well-formed ids, each once.
 */
export function recipientUserIds(recipients: unknown, opts: { withEmail?: boolean } = {}): string[] {
  const ids = new Set<string>();
  for (const r of Array.isArray(recipients) ? recipients : []) {
    if (typeof r !== 'object' || r === null) continue;
    const entry = r as Record<string, unknown>;
    const hasEmail = typeof entry.email === 'string' && entry.email.trim() !== '';
    if ((opts.withEmail || !hasEmail) && typeof entry.userId === 'string' && UUID.test(entry.userId))
      ids.add(entry.userId.toLowerCase());
  }
  return [...ids];
}

/**
 * Reads an outbox `recipients` value (JSON written by any module) into distinct mailboxes. Never
 * throws: a malformed entry is reported, not allowed to block the others. Entries named by user id
 * only take the address from `users` (active users' addresses, see recipientUserIds); a user who
 * cannot be e-mailed is reported under `user:<id>`.
 */
export function emailRecipients(
  recipients: unknown,
  users: ReadonlyMap<string, string | null> = new Map(),
  emailOff: ReadonlySet<string> = new Set(),
): EmailRecipients {
  const byAddress = new Map<string, EmailTarget>();
  const invalid: EmailRecipients['invalid'] = [];
  const off = new Set<string>();
  let withoutEmail = 0;
  for (const r of Array.isArray(recipients) ? recipients : []) {
    const entry = typeof r === 'object' && r !== null ? (r as Record<string, unknown>) : {};
    let raw = entry.email;
    const named = typeof entry.userId === 'string' ? entry.userId.trim().toLowerCase() : '';
    if (named && emailOff.has(named)) {
      // The person said no e-mail: whatever address names them is left out, listed once.
      const given = typeof raw === 'string' ? normalizeAddress(raw) : null;
      const own = users.get(named);
      off.add(given ?? (own ? (normalizeAddress(own) ?? userAddressKey(named)) : userAddressKey(named)));
      continue;
    }
    if (typeof raw !== 'string' || raw.trim() === '') {
      const userId = typeof entry.userId === 'string' ? entry.userId.trim().toLowerCase() : '';
      if (!userId) {
        withoutEmail++;
        continue;
      }
      // Named by user id only: the address is the user's own, looked up at delivery time.
      // `users` holds active users only: anyone else has left or been disabled.
      const email = users.get(userId)?.trim();
      if (!email) {
        const key = userAddressKey(userId.slice(0, 100));
        const reason = users.has(userId) ? 'no e-mail address' : 'no active user account';
        if (!invalid.some((i) => i.address === key)) invalid.push({ address: key, reason });
        continue;
      }
      raw = email;
    }
    if (typeof raw !== 'string') continue;
    const address = normalizeAddress(raw);
    if (!address) {
      const shown = raw.trim().slice(0, MAX_ADDRESS);
      if (!invalid.some((i) => i.address === shown))
        invalid.push({ address: shown, reason: 'invalid address' });
      continue;
    }
    const target = byAddress.get(address) ?? { address, reasons: [] };
    const reason = typeof entry.reason === 'string' ? oneLine(entry.reason, 120) : '';
    if (reason && !target.reasons.includes(reason)) target.reasons.push(reason);
    byAddress.set(address, target);
  }
  for (const a of off) byAddress.delete(a);
  const turnedOff = [...off].map((address) => ({ address, reason: EMAIL_TURNED_OFF }));
  return { targets: [...byAddress.values()], invalid, withoutEmail, turnedOff };
}

/**
 * A phone number in the E.164 form gateways take (+ and 8–15 digits), from what people type:
 * spaces, dots, dashes and brackets are ignored, the leading + is added when missing.
 */
export function normalizePhone(raw: string): string | null {
  const digits = raw.replace(/[\s().-]/g, '');
  const m = /^\+?([1-9]\d{7,14})$/.exec(digits);
  return m ? `+${m[1]}` : null;
}

/**
 * The phone numbers a message names directly (`{ phone }` entries, e.g. a roll call's contacts),
 * each once, and the entries that cannot be a number. Numbers of users who turned SMS on come
 * from their preferences instead.
 */
export function phoneRecipients(recipients: unknown): {
  numbers: string[];
  invalid: { address: string; reason: string }[];
} {
  const numbers = new Set<string>();
  const invalid: { address: string; reason: string }[] = [];
  for (const r of Array.isArray(recipients) ? recipients : []) {
    const raw = typeof r === 'object' && r !== null ? (r as Record<string, unknown>).phone : undefined;
    if (typeof raw !== 'string') continue;
    const phone = normalizePhone(raw);
    if (phone) numbers.add(phone);
    else {
      const shown = oneLine(raw, 40);
      if (!invalid.some((i) => i.address === shown))
        invalid.push({ address: shown, reason: 'invalid phone number' });
    }
  }
  return { numbers: [...numbers], invalid };
}

export interface RenderedEmail {
  subject: string;
  text: string;
}

const MAX_SUBJECT = 200;

/**
 * The e-mail for one outbox message and one recipient. Payloads with `{ subject, text, url? }`
 * are rendered as given; older topics (advisory and measure notices) carry only data, shown as
 * "key: value" lines so that nothing queued before their templates exist is unreadable.
 */
export function renderEmail(topic: string, payload: unknown, reasons: string[] = []): RenderedEmail {
  const p = typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : {};
  const subject =
    typeof p.subject === 'string' && p.subject.trim()
      ? oneLine(p.subject, MAX_SUBJECT)
      : `OpenSMIN: ${topic}`;
  const body = typeof p.text === 'string' && p.text.trim() ? normalizeText(p.text) : dataLines(p);
  const parts = [body];
  if (typeof p.url === 'string' && /^https?:\/\/\S+$/.test(p.url) && !body.includes(p.url)) {
    parts.push(`Open in OpenSMIN: ${p.url}`);
  }
  if (reasons.length > 0) parts.push(`--\nYou receive this message as: ${reasons.join('; ')}.`);
  return { subject, text: `${parts.filter((s) => s !== '').join('\n\n')}\n` };
}

/** One line, trimmed to `max` characters: a header must not carry a line break. */
function oneLine(s: string, max: number): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function normalizeText(s: string): string {
  return s.replace(/\r\n?/g, '\n').replace(/\s+$/, '');
}

function dataLines(p: Record<string, unknown>): string {
  return Object.entries(p)
    .filter(([k, v]) => k !== 'url' && v !== null && v !== undefined && typeof v !== 'object')
    .map(([k, v]) => `${k}: ${oneLine(String(v), 500)}`)
    .join('\n');
}

/** What an SMTP failure means for the address and for the run. */
export interface SmtpFailure {
  /** The server's reply or the connection error, one line: shown to operators. */
  reason: string;
  /** The server refused this address or message for good (5xx except 503): do not retry it. */
  permanent: boolean;
  /** The server could not be reached or used at all: stop this run, retry every message later. */
  serverDown: boolean;
}

/** Errors that are about the server or the connection, not about one message or address. */
const SERVER_CODES = new Set([
  'ECONNECTION',
  'ESOCKET',
  'ETIMEDOUT',
  'EDNS',
  'ETLS',
  'EAUTH',
  'ENOAUTH',
  'EPROXY',
  'ECONNREFUSED',
]);

/**
 * Classifies an error from the SMTP client (nodemailer sets `code`, `responseCode`, `response`).
 * Authentication failures count as "server down": they are a configuration problem that no
 * recipient should be blamed or given up for.
 */
export function classifySmtpError(err: {
  code?: unknown;
  responseCode?: unknown;
  response?: unknown;
  message?: unknown;
}): SmtpFailure {
  const code = typeof err.code === 'string' ? err.code : '';
  const responseCode = typeof err.responseCode === 'number' ? err.responseCode : null;
  const text =
    typeof err.response === 'string' && err.response
      ? err.response
      : `${code ? `${code}: ` : ''}${typeof err.message === 'string' ? err.message : 'unknown error'}`;
  const serverDown = SERVER_CODES.has(code) || responseCode === 421;
  const permanent = !serverDown && responseCode !== null && responseCode >= 500 && responseCode !== 503;
  return { reason: oneLine(text, 500), permanent, serverDown };
}

/** The state of one address of a message, after this run's attempt if there was one. */
export type AddressState = 'sent' | 'retry' | 'given_up';

export type MessageOutcome =
  | { kind: 'delivered' }
  | { kind: 'dead'; giveUpPending: boolean }
  | { kind: 'retry'; delayMs: number };

/**
 * What becomes of a message after attempt `attempt`: delivered when every address has it, dead
 * when nothing is left to try or the attempts are used up (the addresses still failing are then
 * given up too), otherwise another attempt after the backoff.
 */
export function messageOutcome(
  states: AddressState[],
  attempt: number,
  opts: { maxAttempts?: number; jitterSeed?: number } = {},
): MessageOutcome {
  const maxAttempts = opts.maxAttempts ?? MAX_ATTEMPTS;
  if (states.every((s) => s === 'sent')) return { kind: 'delivered' };
  const pending = states.some((s) => s === 'retry');
  if (!pending) return { kind: 'dead', giveUpPending: false };
  if (attempt >= maxAttempts) return { kind: 'dead', giveUpPending: true };
  return { kind: 'retry', delayMs: retryDelayMs(attempt, opts.jitterSeed) };
}
