/**
 * Pure rules of personal security profiles and training (DOMAIN.md §7, §9). No I/O.
 *
 * Dates are ISO calendar dates (YYYY-MM-DD), the database's `date` as the engine returns it.
 */

/** A course's status for a person at a date, as organizations' training reports show it. */
export type TrainingState = 'valid' | 'expiring' | 'expired' | 'missing';

/** "Expiring" means valid today but not this many days from now. */
export const EXPIRING_WITHIN_DAYS = 90;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (2025-02-30 is not one). */
export function isIsoDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return d.toISOString().slice(0, 10) === s;
}

/**
 * `date` plus whole months, clamped to the end of a shorter month (2024-01-31 + 1 → 2024-02-29),
 * so a certificate never gains days because its anniversary month is short.
 */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(d, last))).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/**
 * When a certificate completed on `completedOn` expires under a course's validity (months; null:
 * never). The result is stored with the certificate so a later change of the course's validity does
 * not rewrite what a certificate said when it was recorded.
 */
export function expiryOf(completedOn: string, validityMonths: number | null): string | null {
  return validityMonths === null ? null : addMonths(completedOn, validityMonths);
}

export interface Certificate {
  completedOn: string;
  /** Last day of validity (inclusive); null when the course does not expire. */
  expiresOn: string | null;
}

/** Valid at `date`: completed on or before it, and not yet past its expiry (inclusive). */
export function validAt(c: Certificate, date: string): boolean {
  return c.completedOn <= date && (c.expiresOn === null || date <= c.expiresOn);
}

/**
 * The certificate that counts at `date` among a person's certificates of one course: of those
 * completed by then, the one valid longest (a non-expiring one wins; ties go to the latest
 * completion). A certificate completed after `date` did not exist yet and never counts.
 */
export function bestCertificate<C extends Certificate>(certs: readonly C[], date: string): C | undefined {
  let best: C | undefined;
  for (const c of certs) {
    if (c.completedOn > date) continue;
    if (!best || laterExpiry(c, best) || (sameExpiry(c, best) && c.completedOn > best.completedOn)) best = c;
  }
  return best;
}

const laterExpiry = (a: Certificate, b: Certificate) =>
  b.expiresOn !== null && (a.expiresOn === null || a.expiresOn > b.expiresOn);
const sameExpiry = (a: Certificate, b: Certificate) => a.expiresOn === b.expiresOn;

/**
 * A course's state at `date`: missing (never completed by then), expired, expiring (valid at
 * `date` but not `withinDays` later) or valid.
 */
export function trainingState(
  certs: readonly Certificate[],
  date: string,
  withinDays = EXPIRING_WITHIN_DAYS,
): TrainingState {
  const best = bestCertificate(certs, date);
  if (!best) return 'missing';
  if (!validAt(best, date)) return 'expired';
  if (best.expiresOn !== null && best.expiresOn < addDays(date, withinDays)) return 'expiring';
  return 'valid';
}
