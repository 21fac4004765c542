import { z } from 'zod';

const code = z.string().trim().min(1).max(40);

export const startRollCall = z
  .strictObject({
    area: code.optional(),
    zone: code.optional(),
    title: z.string().trim().min(3).max(200),
    guidance: z.string().trim().max(2000).default(''),
    escalateAfterMinutes: z.number().int().min(1).max(10080).default(30),
  })
  .refine((b) => (b.area ? 1 : 0) + (b.zone ? 1 : 0) === 1, {
    message: 'give an area or a warden zone (one of them)',
    path: ['area'],
  });
export type StartRollCall = z.infer<typeof startRollCall>;

export const rollCallStarted = z.object({
  id: z.uuid(),
  reference: z.string(),
  people: z.number().int(),
  contacts: z.number().int(),
  /** Contacts with neither e-mail nor phone: their people are escalated to wardens at once. */
  unreachable: z.number().int(),
});

export const idParams = z.strictObject({ id: z.uuid() });
export const personParams = z.strictObject({ id: z.uuid(), personId: z.uuid() });

export const listQuery = z.strictObject({
  status: z.enum(['open', 'closed']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const iso = z.string();

export const rollCallSummary = z.object({
  id: z.uuid(),
  reference: z.string(),
  title: z.string(),
  country: z.string(),
  area: z.string().nullable(),
  areaName: z.string().nullable(),
  zone: z.string().nullable(),
  status: z.enum(['open', 'closed']),
  startedAt: iso,
  startedBy: z.string(),
  closedAt: iso.nullable(),
  total: z.number().int(),
  accounted: z.number().int(),
});

const counts = z.object({
  total: z.number().int(),
  safe: z.number().int(),
  needHelp: z.number().int(),
  pending: z.number().int(),
  accountedPercent: z.number(),
});

export const boardPerson = z.object({
  personId: z.uuid(),
  name: z.string(),
  organization: z.string(),
  kind: z.string(),
  recruitment: z.string(),
  zone: z.string().nullable(),
  answer: z.enum(['pending', 'safe', 'need_help']),
  answeredAt: iso.nullable(),
  answeredVia: z.string().nullable(),
  answeredBy: z.string().nullable(),
  note: z.string().nullable(),
  location: z.object({ lat: z.number(), lon: z.number() }).nullable(),
  escalations: z.number().int(),
  contact: z
    .object({ name: z.string(), phone: z.string().nullable(), email: z.string().nullable() })
    .nullable(),
});
export type BoardPerson = z.infer<typeof boardPerson>;

export const board = z.object({
  rollCall: rollCallSummary.extend({
    guidance: z.string(),
    escalateAfterMinutes: z.number().int(),
    nextEscalationAt: iso.nullable(),
    version: z.number().int(),
  }),
  /** Which part of the roll call the reader sees: all of it, or their organizations' people. */
  view: z.enum(['all', 'organization', 'warden']),
  totals: counts,
  byOrganization: z.array(counts.extend({ organization: z.string(), name: z.string() })),
  byZone: z.array(counts.extend({ zone: z.string().nullable(), name: z.string() })),
  needHelp: z.array(boardPerson),
  nonResponders: z.array(boardPerson),
  /** Set when more non-responders exist than listed: pass as `after` to page on. */
  nonRespondersNext: z.uuid().nullable(),
  log: z.array(z.object({ at: iso, kind: z.string(), actor: z.string(), text: z.string() })),
});
export type Board = z.infer<typeof board>;

export const boardQuery = z.strictObject({
  after: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export const markAnswer = z.strictObject({
  answer: z.enum(['safe', 'need_help']),
  note: z.string().trim().max(500).optional(),
});

export const logDecision = z.strictObject({ text: z.string().trim().min(1).max(2000) });
export const logged = z.object({ at: iso, kind: z.string(), actor: z.string(), text: z.string() });

export const tokenParams = z.strictObject({
  token: z.string().regex(/^[A-Za-z0-9_-]{20,64}$/, 'a roll-call link token'),
});

export const answerPage = z.object({
  reference: z.string(),
  title: z.string(),
  guidance: z.string(),
  place: z.string(),
  open: z.boolean(),
  people: z.array(
    z.object({
      personId: z.uuid(),
      firstName: z.string(),
      self: z.boolean(),
      answer: z.enum(['pending', 'safe', 'need_help']),
      answeredAt: iso.nullable(),
    }),
  ),
});
export type AnswerPage = z.infer<typeof answerPage>;

export const submitAnswers = z.strictObject({
  answers: z
    .array(z.strictObject({ personId: z.uuid(), answer: z.enum(['safe', 'need_help']) }))
    .min(1)
    .max(50),
  note: z.string().trim().max(500).optional(),
  lat: z.number().min(-90).max(90).optional(),
  lon: z.number().min(-180).max(180).optional(),
});
export type SubmitAnswers = z.infer<typeof submitAnswers>;

export const smsInbound = z.object({
  from: z.string().trim().min(3).max(40),
  text: z.string().max(1600),
});

export const smsReply = z.object({
  matched: z.boolean(),
  recorded: z.number().int(),
  reply: z.string(),
});
