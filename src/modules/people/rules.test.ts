import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, bestCertificate, expiryOf, isIsoDate, trainingState, validAt } from './rules';

const cert = (completedOn: string, expiresOn: string | null) => ({ completedOn, expiresOn });

describe('calendar', () => {
  it('recognizes real ISO dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-13-01')).toBe(false);
    expect(isIsoDate('25-01-01')).toBe(false);
    expect(isIsoDate('2025-1-01')).toBe(false);
  });

  it('adds months and clamps to the end of a shorter month', () => {
    expect(addMonths('2021-03-10', 36)).toBe('2024-03-10');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2024-11-15', 2)).toBe('2025-01-15');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
  });

  it('never moves backwards and never gains a month (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1990-01-01'), max: new Date('2090-12-31'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 120 }),
        (d, months) => {
          const date = d.toISOString().slice(0, 10);
          const later = addMonths(date, months);
          expect(later > date).toBe(true);
          expect(isIsoDate(later)).toBe(true);
          expect(later <= addMonths(`${date.slice(0, 8)}01`, months + 1)).toBe(true);
        },
      ),
    );
  });
});

describe('certificates', () => {
  it('expire by the course validity, or never', () => {
    expect(expiryOf('2022-06-01', 36)).toBe('2025-06-01');
    expect(expiryOf('2022-06-01', null)).toBeNull();
  });

  it('are valid from completion through the expiry day', () => {
    const c = cert('2022-06-01', '2025-06-01');
    expect(validAt(c, '2022-05-31')).toBe(false);
    expect(validAt(c, '2022-06-01')).toBe(true);
    expect(validAt(c, '2025-06-01')).toBe(true);
    expect(validAt(c, '2025-06-02')).toBe(false);
    expect(validAt(cert('2000-01-01', null), '2099-01-01')).toBe(true);
  });

  it('the one that counts is the longest-valid completed by the date', () => {
    const old = cert('2019-01-01', '2022-01-01');
    const renewed = cert('2021-12-01', '2024-12-01');
    const future = cert('2026-01-01', '2029-01-01');
    expect(bestCertificate([old, renewed, future], '2023-01-01')).toBe(renewed);
    expect(bestCertificate([old, renewed, future], '2020-01-01')).toBe(old);
    expect(bestCertificate([future], '2025-01-01')).toBeUndefined();
    expect(bestCertificate([renewed, cert('2020-01-01', null)], '2023-01-01')?.expiresOn).toBeNull();
  });
});

describe('training state at a date', () => {
  const certs = [cert('2022-06-01', '2025-06-01')];
  it('missing, valid, expiring within 90 days, expired', () => {
    expect(trainingState([], '2024-01-01')).toBe('missing');
    expect(trainingState(certs, '2022-05-01')).toBe('missing');
    expect(trainingState(certs, '2024-01-01')).toBe('valid');
    expect(trainingState(certs, '2025-03-04')).toBe('expiring');
    expect(trainingState(certs, '2025-03-03')).toBe('valid');
    expect(trainingState(certs, '2025-06-01')).toBe('expiring');
    expect(trainingState(certs, '2025-06-02')).toBe('expired');
    expect(trainingState([cert('2001-01-01', null)], '2090-01-01')).toBe('valid');
  });

  it('is "valid" or "expiring" exactly when some certificate is valid at the date (property)', () => {
    const day = fc.integer({ min: 0, max: 6000 }).map((n) => addDays('2010-01-01', n));
    const c = fc.record({ completedOn: day, months: fc.option(fc.integer({ min: 1, max: 60 })) });
    fc.assert(
      fc.property(fc.array(c, { maxLength: 5 }), day, (raw, at) => {
        const list = raw.map((r) => cert(r.completedOn, expiryOf(r.completedOn, r.months)));
        const state = trainingState(list, at);
        const anyValid = list.some((x) => validAt(x, at));
        expect(state === 'valid' || state === 'expiring').toBe(anyValid);
      }),
    );
  });
});
