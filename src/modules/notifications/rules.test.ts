import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  classifySmtpError,
  emailRecipients,
  MAX_ATTEMPTS,
  messageOutcome,
  normalizeAddress,
  recipientUserIds,
  renderEmail,
  retryDelayMs,
} from './rules';

describe('retryDelayMs', () => {
  it('waits 1, 3, 9, 27, 81, 243 minutes, then 12 hours (without jitter)', () => {
    const mid = (n: number) => retryDelayMs(n, 0);
    // Seed 0 sits at the bottom of the band: -10 %.
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => mid(n) / 0.9 / 60_000)).toEqual([
      1, 3, 9, 27, 81, 243, 720, 720,
    ]);
  });

  it('grows with the attempt, stays within ±10 % of the schedule and is stable per seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 2 ** 40 }), (n, seed) => {
        const d = retryDelayMs(n, seed);
        const base = Math.min(12 * 3_600_000, 60_000 * 3 ** (n - 1));
        expect(d).toBeGreaterThanOrEqual(base * 0.9 - 1);
        expect(d).toBeLessThanOrEqual(base * 1.1 + 1);
        expect(retryDelayMs(n, seed)).toBe(d);
        // The next attempt never waits less, whatever the jitter (the factor 3 exceeds 1.1/0.9).
        if (n < 7) expect(retryDelayMs(n + 1, seed + 1)).toBeGreaterThan(d);
      }),
    );
  });

  it('spreads messages that failed together', () => {
    const delays = new Set(Array.from({ length: 100 }, (_, id) => retryDelayMs(1, id)));
    expect(delays.size).toBeGreaterThan(50);
  });

  it('sums to most of a day over the allowed attempts', () => {
    const total = Array.from({ length: MAX_ATTEMPTS - 1 }, (_, i) => retryDelayMs(i + 1, 0)).reduce(
      (a, b) => a + b,
    );
    expect(total / 3_600_000).toBeGreaterThan(15);
    expect(total / 3_600_000).toBeLessThan(24);
  });
});

describe('normalizeAddress', () => {
  it.each([
    ['do@country.example.org', 'do@country.example.org'],
    ['  Line.Manager@UNICEF.org ', 'line.manager@unicef.org'],
    ["o'brien+sec@x-y.example", "o'brien+sec@x-y.example"],
  ])('accepts %j', (raw, expected) => expect(normalizeAddress(raw)).toBe(expected));

  it.each([
    '',
    'nobody',
    'a@localhost',
    'a@@b.org',
    'a b@c.org',
    'a@b.org, c@d.org',
    'Name <a@b.org>',
    'a@b.org\r\nBcc: x@y.org',
    '.a@b.org',
    'a..b@c.org',
    'a@-b.org',
    `${'x'.repeat(65)}@b.org`,
    `a@${'b'.repeat(250)}.org`,
  ])('refuses %j', (raw) => expect(normalizeAddress(raw)).toBeNull());

  it('never lets a line break or a comma through', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const a = normalizeAddress(s);
        if (a !== null) expect(a).not.toMatch(/[\s,<>;]/);
      }),
    );
  });
});

describe('emailRecipients', () => {
  it('merges the same mailbox listed twice, keeping every reason once', () => {
    const r = emailRecipients([
      { email: 'do@x.org', userId: 'u1', reason: 'Designated Official' },
      { email: 'DO@x.org', reason: 'country security office' },
      { email: 'do@x.org', reason: 'Designated Official' },
      { email: 'lm@y.org', reason: 'line manager' },
    ]);
    expect(r.targets).toEqual([
      { address: 'do@x.org', reasons: ['Designated Official', 'country security office'] },
      { address: 'lm@y.org', reasons: ['line manager'] },
    ]);
    expect(r).toMatchObject({ invalid: [], withoutEmail: 0 });
  });

  it('reports malformed addresses and counts entries naming nobody', () => {
    const r = emailRecipients([{ email: 'not an address' }, { email: '' }, 'junk', null]);
    expect(r.targets).toEqual([]);
    expect(r.invalid).toEqual([{ address: 'not an address', reason: 'invalid address' }]);
    expect(r.withoutEmail).toBe(3);
  });

  it("sends recipients named by user id only to the user's address, and says why not when it cannot", () => {
    const [u1, u2, u3] = ['a', 'b', 'c'].map((c) => `${c.repeat(8)}-0000-4000-8000-000000000001`);
    const recipients = [
      { userId: u1, reason: 'advisory' },
      { email: 'DO@x.org', reason: 'Designated Official' },
      { userId: u2 },
      { userId: u3 },
      { userId: u3 },
      { userId: 'not-a-uuid' },
    ];
    expect(recipientUserIds(recipients)).toEqual([u1, u2, u3]);
    const r = emailRecipients(
      recipients,
      new Map([
        [u1!, 'do@x.org'],
        [u2!, null],
      ]),
    );
    expect(r.targets).toEqual([{ address: 'do@x.org', reasons: ['advisory', 'Designated Official'] }]);
    expect(r.invalid).toEqual([
      { address: `user:${u2}`, reason: 'no e-mail address' },
      { address: `user:${u3}`, reason: 'no active user account' },
      { address: 'user:not-a-uuid', reason: 'no active user account' },
    ]);
    expect(r.withoutEmail).toBe(0);
  });

  it('leaves out everyone who turned e-mail off, under whichever address names them', () => {
    const [u1, u2, u3] = ['a', 'b', 'c'].map((c) => `${c.repeat(8)}-0000-4000-8000-000000000002`);
    const recipients = [
      { email: 'DO@x.org', userId: u1, reason: 'Designated Official' },
      { email: 'do@x.org', reason: 'country security office' },
      { userId: u2 },
      { userId: u3 },
      { email: 'lm@y.org', reason: 'line manager' },
    ];
    expect(recipientUserIds(recipients, { withEmail: true })).toEqual([u1, u2, u3]);
    const r = emailRecipients(
      recipients,
      new Map([
        [u2!, 'Two@x.org'],
        [u3!, 'three@x.org'],
      ]),
      new Set([u1!, u2!]),
    );
    expect(r.targets.map((t) => t.address)).toEqual(['three@x.org', 'lm@y.org']);
    expect(r.turnedOff).toEqual([
      { address: 'do@x.org', reason: 'e-mail turned off by the recipient' },
      { address: 'two@x.org', reason: 'e-mail turned off by the recipient' },
    ]);
    expect(r.invalid).toEqual([]);
  });

  it('reads anything without throwing', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => void emailRecipients(v)));
    expect(emailRecipients(undefined)).toEqual({ targets: [], invalid: [], withoutEmail: 0, turnedOff: [] });
  });
});

describe('renderEmail', () => {
  it('uses the subject and text of the payload, adds the link and why the reader gets it', () => {
    const e = renderEmail(
      'incident.submitted',
      {
        subject: 'Incident: robbery\r\nBcc: x@y.org',
        text: 'A robbery.\r\nTwo staff.',
        url: 'https://s.example/i/1',
      },
      ['Designated Official', 'line manager'],
    );
    expect(e.subject).toBe('Incident: robbery Bcc: x@y.org');
    expect(e.text).toBe(
      'A robbery.\nTwo staff.\n\nOpen in OpenSMIN: https://s.example/i/1\n\n--\nYou receive this message as: Designated Official; line manager.\n',
    );
  });

  it('does not repeat a link the text already has, and ignores links that are not http(s)', () => {
    expect(
      renderEmail('t', { subject: 's', text: 'see https://a.example/x', url: 'https://a.example/x' }).text,
    ).toBe('see https://a.example/x\n');
    expect(renderEmail('t', { subject: 's', text: 'x', url: 'javascript:alert(1)' }).text).toBe('x\n');
  });

  it('shows older data-only payloads as lines under a subject named after the topic', () => {
    const e = renderEmail('advisory.overdue', { advisoryId: 'a1', reviewBy: '2026-01-01', changes: [1] });
    expect(e).toEqual({
      subject: 'OpenSMIN: advisory.overdue',
      text: 'advisoryId: a1\nreviewBy: 2026-01-01\n',
    });
  });

  it('keeps a subject to one line of at most 200 characters', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (s) => {
        const { subject } = renderEmail('t', { subject: s, text: 'x' });
        expect(subject.length).toBeLessThanOrEqual(200);
        expect(subject).not.toMatch(/[\r\n]/);
      }),
    );
  });
});

describe('classifySmtpError', () => {
  it('treats 5xx replies as final for the address, except 503', () => {
    expect(
      classifySmtpError({ code: 'EENVELOPE', responseCode: 550, response: '550 5.1.1 no such user' }),
    ).toEqual({ reason: '550 5.1.1 no such user', permanent: true, serverDown: false });
    expect(classifySmtpError({ code: 'EENVELOPE', responseCode: 503 }).permanent).toBe(false);
  });

  it('retries 4xx replies', () => {
    expect(classifySmtpError({ code: 'EENVELOPE', responseCode: 450, response: '450 mailbox busy' })).toEqual(
      {
        reason: '450 mailbox busy',
        permanent: false,
        serverDown: false,
      },
    );
  });

  it('treats connection, TLS and login failures and 421 as the server being unavailable', () => {
    for (const e of [
      { code: 'ESOCKET', message: 'connect ECONNREFUSED 127.0.0.1:1' },
      { code: 'ETIMEDOUT', message: 'Greeting never received' },
      { code: 'EAUTH', responseCode: 535, response: '535 bad credentials' },
      { code: 'EENVELOPE', responseCode: 421, response: '421 closing' },
    ]) {
      expect(classifySmtpError(e)).toMatchObject({ serverDown: true, permanent: false });
    }
    expect(classifySmtpError({ code: 'ESOCKET', message: 'connect ECONNREFUSED' }).reason).toBe(
      'ESOCKET: connect ECONNREFUSED',
    );
  });

  it('describes anything thrown, on one line', () => {
    expect(classifySmtpError({})).toEqual({ reason: 'unknown error', permanent: false, serverDown: false });
    expect(classifySmtpError({ response: '451 a\r\nb' }).reason).toBe('451 a b');
  });
});

describe('messageOutcome', () => {
  it('is delivered when every address has it, or when there is no address at all', () => {
    expect(messageOutcome(['sent', 'sent'], 3)).toEqual({ kind: 'delivered' });
    expect(messageOutcome([], 1)).toEqual({ kind: 'delivered' });
  });

  it('retries while an address may still succeed, with the backoff of that attempt', () => {
    expect(messageOutcome(['sent', 'retry', 'given_up'], 2, { jitterSeed: 7 })).toEqual({
      kind: 'retry',
      delayMs: retryDelayMs(2, 7),
    });
  });

  it('is dead when only refused addresses remain, or the attempts are used up', () => {
    expect(messageOutcome(['sent', 'given_up'], 1)).toEqual({ kind: 'dead', giveUpPending: false });
    expect(messageOutcome(['sent', 'retry'], 3, { maxAttempts: 3 })).toEqual({
      kind: 'dead',
      giveUpPending: true,
    });
  });

  it('never retries past the limit and never gives up an address that is all sent', () => {
    const state = fc.constantFrom<'sent' | 'retry' | 'given_up'>('sent', 'retry', 'given_up');
    fc.assert(
      fc.property(fc.array(state), fc.integer({ min: 1, max: 20 }), (states, attempt) => {
        const o = messageOutcome(states, attempt, { maxAttempts: 5 });
        if (o.kind === 'retry') expect(attempt).toBeLessThan(5);
        if (states.every((s) => s === 'sent')) expect(o.kind).toBe('delivered');
        if (o.kind === 'delivered') expect(states.every((s) => s === 'sent')).toBe(true);
      }),
    );
  });
});
