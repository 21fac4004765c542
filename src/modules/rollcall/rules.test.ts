import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizePhone } from '../notifications/rules';
import { ROLL_CALL_LANGUAGES, rollCallMessage, templateLanguage } from './messages';
import { accountedPercent, contactsFor, escalationRound, type PresentPerson, parseSmsReply } from './rules';

describe('contactsFor', () => {
  const person = (id: string, extra: Partial<PresentPerson> = {}): PresentPerson => ({
    id,
    kind: 'personnel',
    sponsorId: null,
    email: `${id}@example.org`,
    phone: null,
    ...extra,
  });

  it('asks a sponsor for their dependants, present or not, and a dependant without a sponsor for themself', () => {
    const { contacts, contactOf } = contactsFor(
      [
        person('a'),
        person('a-kid', { kind: 'dependant', sponsorId: 'a', email: null }),
        person('away-kid', { kind: 'dependant', sponsorId: 'away', email: null }),
        person('orphan', { kind: 'dependant', sponsorId: 'gone', email: 'o@example.org' }),
      ],
      new Map([['away', { email: 'away@example.org', phone: '+41790000001' }]]),
    );
    expect(contactOf.get('a-kid')).toBe('a');
    expect(contactOf.get('away-kid')).toBe('away');
    // The sponsor on file is unknown (separated, deleted): the dependant answers for themself.
    expect(contactOf.get('orphan')).toBe('orphan');
    const a = contacts.find((c) => c.personId === 'a')!;
    expect(a.answersFor).toEqual(['a', 'a-kid']);
    expect(contacts.find((c) => c.personId === 'away')).toMatchObject({
      email: 'away@example.org',
      answersFor: ['away-kid'],
    });
  });

  it('accounts for everyone exactly once, through exactly one contact (property)', () => {
    const arb = fc
      .uniqueArray(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 40 })
      .chain((ids) =>
        fc.tuple(
          fc.constant(ids),
          fc.array(fc.tuple(fc.boolean(), fc.option(fc.integer({ min: 0, max: 80 }))), {
            minLength: ids.length,
            maxLength: ids.length,
          }),
        ),
      );
    fc.assert(
      fc.property(arb, ([ids, shape]) => {
        const present = ids.map((n, i) => {
          const [dependant, sponsor] = shape[i]!;
          return person(`p${n}`, {
            kind: dependant ? 'dependant' : 'personnel',
            sponsorId: dependant && sponsor !== null ? `p${sponsor}` : null,
          });
        });
        const sponsors = new Map([...Array(81).keys()].map((n) => [`p${n}`, { email: null, phone: null }]));
        const { contacts, contactOf } = contactsFor(present, sponsors);
        const answered = contacts.flatMap((c) => c.answersFor);
        expect(answered.sort()).toEqual(present.map((p) => p.id).sort());
        for (const p of present) {
          const c = contactOf.get(p.id)!;
          expect(contacts.find((x) => x.personId === c)!.answersFor).toContain(p.id);
          if (p.kind === 'personnel') expect(c).toBe(p.id);
        }
      }),
    );
  });
});

describe('parseSmsReply', () => {
  it.each([
    ['1', 'safe', null],
    ['SAFE', 'safe', null],
    ['1 SAFE', 'safe', null],
    [' ok. ', 'safe', null],
    ['2', 'need_help', null],
    ['2 HELP stuck at the checkpoint', 'need_help', 'stuck at the checkpoint'],
    ['help car broke down', 'need_help', 'car broke down'],
    ['aide', 'need_help', null],
    ['seguro en casa', 'safe', 'en casa'],
  ])('%j is %s', (text, answer, note) => {
    expect(parseSmsReply(text)).toEqual({ answer, note });
  });

  it.each(['', '   ', 'maybe', '3', 'call me'])('%j is not guessed at', (text) => {
    expect(parseSmsReply(text)).toHaveProperty('error');
  });
});

describe('normalizePhone', () => {
  it.each([
    ['+93 700 111 222', '+93700111222'],
    ['93700111222', '+93700111222'],
    ['+1 (202) 555-0123', '+12025550123'],
  ])('%s → %s', (raw, phone) => expect(normalizePhone(raw)).toBe(phone));
  it.each(['', '+0123456789', '12345', 'call me', '+1234567890123456'])('%j is not a number', (raw) =>
    expect(normalizePhone(raw)).toBeNull(),
  );
});

describe('the board and escalation', () => {
  it('counts someone who needs help as accounted for, and rounds down (never shows 100 % too early)', () => {
    expect(accountedPercent({ total: 3, safe: 1, needHelp: 1, pending: 1 })).toBe(66.6);
    expect(accountedPercent({ total: 10_000, safe: 9_999, needHelp: 0, pending: 1 })).toBe(99.9);
    expect(accountedPercent({ total: 0, safe: 0, needHelp: 0, pending: 0 })).toBe(100);
  });

  it('escalates once per period after the first', () => {
    const start = new Date('2026-11-30T10:00:00Z');
    const at = (min: number) => new Date(start.getTime() + min * 60_000);
    expect(escalationRound(start, 30, at(-5))).toBe(0);
    expect(escalationRound(start, 30, at(29.9))).toBe(0);
    expect(escalationRound(start, 30, at(30))).toBe(1);
    expect(escalationRound(start, 30, at(95))).toBe(3);
  });
});

describe('roll-call messages', () => {
  const text = {
    reference: 'RC-2026-0007',
    title: 'Explosion',
    guidance: 'Stay in',
    place: 'Kabul',
    url: 'https://x/r/abc',
    forOthers: 2,
  };
  it.each(ROLL_CALL_LANGUAGES)(
    '%s carries the link, the reference, the place and the reply codes',
    (lang) => {
      const m = rollCallMessage(text, lang);
      for (const part of [m.text, m.sms]) {
        expect(part).toContain('https://x/r/abc');
        expect(part).toContain('Kabul');
      }
      expect(m.subject).toContain('RC-2026-0007');
      expect(m.sms).toMatch(/1 .*2 /);
      expect(m.text).toContain('Stay in');
      expect(m.sms.length).toBeLessThanOrEqual(160 * 3);
    },
  );
  it('picks the language by its primary subtag and falls back to English', () => {
    expect(templateLanguage('fr-CA')).toBe('fr');
    expect(templateLanguage('pt-BR')).toBe('en');
    expect(templateLanguage(null)).toBe('en');
    expect(rollCallMessage(text, 'es').subject).toContain('¿está a salvo?');
    expect(rollCallMessage({ ...text, forOthers: 0 }, 'en').text).toContain('Answer for yourself.');
  });
});
