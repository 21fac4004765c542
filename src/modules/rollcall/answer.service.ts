/**
 * Answers from the people asked: by the one-tap link (no sign-in: the link's token is the
 * credential, and it only answers for the people that contact answers for) and by SMS reply
 * (forwarded by the gateway, matched by phone number to the newest open roll call that asked it).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables';
import { SYSTEM_PRINCIPAL } from '../../server/auth/principal';
import { type Actor, audit } from '../../server/context';
import { AppError, invalid, notFound } from '../../server/errors';
import { normalizePhone } from '../notifications/rules';
import type { AnswerBatcher } from './answer-batch';
import * as repo from './rollcall.repository';
import type { AnswerPage, SubmitAnswers } from './rollcall.schema';
import { parseSmsReply } from './rules';
import { tokenHash } from './token';

type Db = Kysely<DB>;

/** The audit trail's actor for answers given by link or SMS: the contact, named by the channel. */
const answerActor = (via: string, reference: string, requestId?: string, ip?: string): Actor => ({
  principal: { ...SYSTEM_PRINCIPAL, username: `${via} answer to ${reference}`, displayName: `${via} answer` },
  requestId,
  ip,
});

type Contact = NonNullable<Awaited<ReturnType<typeof repo.contactWithRollCall>>>;

async function contactOf(db: Db, token: string): Promise<Contact> {
  const c = await repo.contactWithRollCall(db, tokenHash(token));
  if (!c) throw notFound('Roll-call link');
  return c;
}

const placeOf = (c: Contact) =>
  c.area_name ? `${c.area_name}, ${c.country_name ?? c.country_code}` : (c.zone_code ?? c.country_code);

async function pageOf(db: Db, c: Contact): Promise<AnswerPage> {
  const people = await repo.answersOfContact(db, c.roll_call_id, c.contact_id);
  return {
    reference: c.reference,
    title: c.title,
    guidance: c.guidance,
    place: placeOf(c),
    open: c.status === 'open',
    people: people.map((p) => ({
      personId: p.person_id,
      firstName: p.given_name,
      self: p.person_id === c.contact_id,
      answer: p.answer,
      answeredAt: p.answered_at ? new Date(p.answered_at).toISOString() : null,
    })),
  };
}

/** What the answer page shows: the roll call, and first names only of the people to answer for. */
export async function answerPage(db: Db, token: string): Promise<AnswerPage> {
  return pageOf(db, await contactOf(db, token));
}

export async function submitByLink(
  db: Db,
  batcher: AnswerBatcher,
  token: string,
  body: SubmitAnswers,
  meta: { requestId?: string },
  now = new Date(),
): Promise<AnswerPage> {
  const c = await contactOf(db, token);
  if (c.status !== 'open')
    throw new AppError('conflict', `Roll call ${c.reference} is closed; call your security focal point`);
  if ((body.lat === undefined) !== (body.lon === undefined))
    throw invalid('lat', 'give both lat and lon, or neither');
  await batcher.submit({
    rollCallId: c.roll_call_id,
    reference: c.reference,
    countryCode: c.country_code,
    contactId: c.contact_id,
    answers: body.answers,
    note: body.note ?? null,
    lat: body.lat ?? null,
    lon: body.lon ?? null,
    at: now,
    requestId: meta.requestId,
  });
  return pageOf(db, c);
}

/**
 * An SMS reply forwarded by the gateway. Always answered with a text for the gateway to send back:
 * a reply that cannot be read, or a number no open roll call asked, is told so rather than dropped.
 */
export async function answerBySms(
  db: Db,
  msg: { from: string; text: string },
  meta: { requestId?: string },
  now = new Date(),
) {
  const phone = normalizePhone(msg.from);
  const c = phone ? await repo.contactByPhone(db, phone) : undefined;
  if (!c)
    return {
      matched: false,
      recorded: 0,
      reply: 'No open roll call has asked this number. Call your security focal point if you need help.',
    };
  const parsed = parseSmsReply(msg.text);
  if ('error' in parsed)
    return {
      matched: true,
      recorded: 0,
      reply: `${c.reference}: not understood. Reply 1 (SAFE) or 2 (HELP).`,
    };
  const people = (await repo.answersOfContact(db, c.roll_call_id, c.person_id)).map((p) => p.person_id);
  const recorded = await db.transaction().execute(async (trx) => {
    const n = await repo.recordAnswers(trx, c.roll_call_id, people, {
      answer: parsed.answer,
      via: 'sms',
      by: 'self',
      at: now,
      note: parsed.note,
      lat: null,
      lon: null,
    });
    if (parsed.answer === 'need_help')
      await repo.appendLog(trx, {
        roll_call_id: c.roll_call_id,
        kind: 'answered',
        actor_label: 'SMS reply',
        at: now,
        text: `${n === 1 ? 'A person needs' : `${n} people need`} help${parsed.note ? `: ${parsed.note}` : ''}`,
      });
    await audit(trx, answerActor('SMS', c.reference, meta.requestId), {
      action: 'rollcall.answer',
      entityType: 'roll_call',
      entityId: c.roll_call_id,
      after: { answer: parsed.answer, people: n, note: parsed.note },
    });
    return n;
  });
  const whom = recorded > 1 ? ` for you and ${recorded - 1} dependant${recorded === 2 ? '' : 's'}` : '';
  const reply =
    parsed.answer === 'safe'
      ? `${c.reference}: recorded SAFE${whom}. Thank you.`
      : `${c.reference}: recorded NEED HELP${whom}. The security team has been told; keep your phone on.`;
  return { matched: true, recorded, reply };
}
