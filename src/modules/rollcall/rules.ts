/**
 * Pure rules of a roll call (DOMAIN.md §8): who is asked for whom, what an SMS reply means, how the
 * board counts, and when non-responders go to their wardens. No I/O.
 */

export type Answer = 'pending' | 'safe' | 'need_help';

/** Someone present when the roll call starts, as who-is-where and the people register give them. */
export interface PresentPerson {
  id: string;
  kind: 'personnel' | 'dependant';
  sponsorId: string | null;
  email: string | null;
  phone: string | null;
}

/** Whom a roll call asks, and for whom they answer. */
export interface Contact {
  personId: string;
  email: string | null;
  phone: string | null;
  /** The people this contact answers for: themself when present, and their dependants present. */
  answersFor: string[];
}

/**
 * Groups everyone present by the person who answers for them: personnel for themselves, dependants
 * through their sponsor (DOMAIN.md §8: "by the person responsible for them"), whether or not the
 * sponsor is present too. A dependant without a sponsor on file answers for themself.
 * `sponsors` gives the contact details of sponsors who are not present themselves.
 */
export function contactsFor(
  present: readonly PresentPerson[],
  sponsors: ReadonlyMap<string, { email: string | null; phone: string | null }>,
): { contacts: Contact[]; contactOf: Map<string, string> } {
  const byId = new Map(present.map((p) => [p.id, p]));
  const contacts = new Map<string, Contact>();
  const contactOf = new Map<string, string>();
  const contact = (id: string, email: string | null, phone: string | null) => {
    let c = contacts.get(id);
    if (!c) {
      c = { personId: id, email, phone, answersFor: [] };
      contacts.set(id, c);
    }
    return c;
  };
  for (const p of present) {
    if (p.kind === 'dependant' && p.sponsorId) {
      const sponsor = byId.get(p.sponsorId) ?? sponsors.get(p.sponsorId);
      if (sponsor) {
        contact(p.sponsorId, sponsor.email, sponsor.phone).answersFor.push(p.id);
        contactOf.set(p.id, p.sponsorId);
        continue;
      }
    }
    contact(p.id, p.email, p.phone).answersFor.push(p.id);
    contactOf.set(p.id, p.id);
  }
  // A contact's own entry first, then their dependants, for a stable answer page.
  for (const c of contacts.values())
    c.answersFor.sort((a, b) => (a === c.personId ? -1 : b === c.personId ? 1 : a < b ? -1 : 1));
  return { contacts: [...contacts.values()], contactOf };
}

/** What an SMS reply says: the answer, and any words after it as a note. */
export type SmsReply = { answer: Exclude<Answer, 'pending'>; note: string | null } | { error: string };

const SAFE_WORDS = new Set(['1', 'safe', 'ok', 'yes', 'sur', 'sauf', 'seguro', 'bien']);
const HELP_WORDS = new Set(['2', 'help', 'sos', 'aide', 'ayuda', 'no']);

/**
 * Reads an SMS reply: "1"/"SAFE" or "2"/"HELP" (any case, also French and Spanish), optionally
 * followed by a note ("2 HELP car broke down at checkpoint"). Anything else is not guessed at.
 */
export function parseSmsReply(text: string): SmsReply {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { error: 'empty reply' };
  const first = words[0]!.toLowerCase().replace(/[.!,;:]+$/, '');
  let rest = words.slice(1);
  let answer: Exclude<Answer, 'pending'> | null = null;
  if (SAFE_WORDS.has(first)) answer = 'safe';
  else if (HELP_WORDS.has(first)) answer = 'need_help';
  if (!answer) return { error: 'reply 1 (SAFE) or 2 (HELP)' };
  // "1 SAFE" and "2 HELP", as the message suggests, repeat the answer: drop the echo.
  const echo = rest[0]?.toLowerCase().replace(/[.!,;:]+$/, '');
  if (echo && (answer === 'safe' ? SAFE_WORDS : HELP_WORDS).has(echo)) rest = rest.slice(1);
  const note = rest.join(' ').trim();
  return { answer, note: note ? note.slice(0, 500) : null };
}

/** One group of the board: an organization or a warden zone. */
export interface BoardCount {
  total: number;
  safe: number;
  needHelp: number;
  pending: number;
}

/** Accounted for = answered either way: someone who needs help is known and being helped. */
export function accountedPercent(c: BoardCount): number {
  if (c.total === 0) return 100;
  return Math.floor(((c.safe + c.needHelp) * 1000) / c.total) / 10;
}

export function addCounts(rows: readonly BoardCount[]): BoardCount {
  const sum: BoardCount = { total: 0, safe: 0, needHelp: 0, pending: 0 };
  for (const r of rows) {
    sum.total += r.total;
    sum.safe += r.safe;
    sum.needHelp += r.needHelp;
    sum.pending += r.pending;
  }
  return sum;
}

/**
 * Escalation round due for a roll call at `now`: 0 before the first period has passed, then 1, 2, …
 * one per period. A non-responder escalated in an earlier round is escalated again each round
 * (the warden is reminded) until they are accounted for.
 */
export function escalationRound(startedAt: Date, everyMin: number, now: Date): number {
  const elapsed = now.getTime() - startedAt.getTime();
  if (elapsed < 0) return 0;
  return Math.floor(elapsed / (everyMin * 60_000));
}

/** Reference shown to people: RC-<year>-<4 digits>. */
export const rollCallReference = (year: number, seq: number) => `RC-${year}-${String(seq).padStart(4, '0')}`;
