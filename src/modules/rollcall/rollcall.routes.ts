import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../server/errors';
import { actorOf, requireAuth } from '../../server/http';
import * as answers from './answer.service';
import { createAnswerBatcher } from './answer-batch';
import * as s from './rollcall.schema';
import * as rc from './rollcall.service';

const tags = ['roll calls'];

/** Roll calls: start, follow on the live board, record answers and decisions, close. */
export function registerRollCallRoutes(parent: FastifyInstance): void {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;
  const config = app.deps.config;
  const batcher = createAnswerBatcher(db);
  app.addHook('onClose', () => batcher.drain());

  app.post(
    '/rollcalls',
    {
      schema: {
        tags,
        summary:
          'Start a roll call for an area (everyone present now, travellers included) or a warden zone: one message with a one-tap link per person who answers (dependants through their sponsor), by e-mail and SMS',
        body: s.startRollCall,
        response: { 201: s.rollCallStarted },
      },
    },
    async (r, reply) =>
      reply.code(201).send(await rc.startRollCall(db, actorOf(r), r.body, { publicUrl: config.publicUrl })),
  );
  app.get(
    '/rollcalls',
    {
      schema: {
        tags,
        summary: 'Roll calls the caller may follow, newest first, with how many are accounted for',
        querystring: s.listQuery,
        response: { 200: z.array(s.rollCallSummary) },
      },
    },
    async (r) => rc.listRollCalls(db, requireAuth(r), r.query),
  );
  app.get(
    '/rollcalls/:id',
    {
      schema: {
        tags,
        summary:
          'The live board: accounted-for percentages by organization and warden zone, who needs help, non-responders (paged by after=) with the person to call, and the log',
        params: s.idParams,
        querystring: s.boardQuery,
        response: { 200: s.board },
      },
    },
    async (r) => rc.rollCallBoard(db, requireAuth(r), r.params.id, r.query),
  );
  app.post(
    '/rollcalls/:id/people/:personId/answer',
    {
      schema: {
        tags,
        summary:
          'Record that someone is safe or needs help (the security team there, or the person’s warden)',
        params: s.personParams,
        body: s.markAnswer,
        response: {
          200: z.object({
            personId: z.uuid(),
            answer: z.string(),
            answeredVia: z.string(),
            answeredAt: z.string(),
          }),
        },
      },
    },
    async (r) => rc.markAnswer(db, actorOf(r), r.params.id, r.params.personId, r.body),
  );
  app.post(
    '/rollcalls/:id/log',
    {
      schema: {
        tags,
        summary: 'Add a time-stamped decision to the roll call’s log',
        params: s.idParams,
        body: s.logDecision,
        response: { 201: s.logged },
      },
    },
    async (r, reply) => reply.code(201).send(await rc.logDecision(db, actorOf(r), r.params.id, r.body.text)),
  );
  app.post(
    '/rollcalls/:id/close',
    {
      schema: {
        tags,
        summary: 'Close the roll call (answers are no longer taken; escalation stops)',
        params: s.idParams,
        response: { 200: s.board },
      },
    },
    async (r) => rc.closeRollCall(db, actorOf(r), r.params.id),
  );

  // Answers from the people asked. No sign-in: the link's token is the credential.
  app.get(
    '/rollcall/answer/:token',
    {
      schema: {
        tags,
        summary: 'The one-tap answer page’s data for a roll-call link (no sign-in; first names only)',
        params: s.tokenParams,
        response: { 200: s.answerPage },
      },
    },
    async (r) => answers.answerPage(db, r.params.token),
  );
  app.post(
    '/rollcall/answer/:token',
    {
      schema: {
        tags,
        summary:
          'Answer a roll call from its link: safe or need help for each person the link answers for, optionally with a note and location',
        params: s.tokenParams,
        body: s.submitAnswers,
        response: { 200: s.answerPage },
      },
    },
    async (r) => answers.submitByLink(db, batcher, r.params.token, r.body, { requestId: r.id }),
  );
  app.post(
    '/rollcall/sms',
    {
      schema: {
        tags,
        summary:
          'SMS replies forwarded by the gateway (bearer SMIN_SMS_INBOUND_TOKEN): "1"/"SAFE" or "2"/"HELP" from a number an open roll call asked; answers with the text to send back',
        body: s.smsInbound,
        response: { 200: s.smsReply },
      },
    },
    async (r) => {
      if (!inboundAllowed(config.smsInboundToken, r.headers.authorization))
        throw new AppError(
          'unauthenticated',
          'The SMS gateway must present SMIN_SMS_INBOUND_TOKEN as a bearer token',
        );
      return answers.answerBySms(db, r.body, { requestId: r.id });
    },
  );
}

/** Constant-time comparison of the gateway's bearer token; no token configured refuses all. */
function inboundAllowed(expected: string | null, header: string | undefined): boolean {
  if (!expected || !header?.startsWith('Bearer ')) return false;
  const digest = (v: string) => createHash('sha256').update(v).digest();
  return timingSafeEqual(digest(header.slice(7)), digest(expected));
}
