import { z } from 'zod';
import { TOPIC_FILTER } from './webhook-rules';

const url = z
  .string()
  .trim()
  .max(2000)
  .refine((u) => {
    try {
      const p = new URL(u);
      return (p.protocol === 'https:' || p.protocol === 'http:') && !p.username && !p.password;
    } catch {
      return false;
    }
  }, 'an http:// or https:// URL without user name or password');

const topics = z
  .array(
    z
      .string()
      .trim()
      .regex(TOPIC_FILTER, 'a topic such as threat.level_raised, a prefix such as incident.*, or *'),
  )
  .min(1, 'choose at least one topic')
  .max(50);

export const subscription = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  topics: z.array(z.string()),
  organizationCode: z.string().nullable(),
  countryCode: z.string().nullable(),
  active: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  secretRotatedAt: z.string().nullable(),
});
export type Subscription = z.infer<typeof subscription>;

/** Returned once, on creation and rotation: the only time the secret leaves the server. */
export const subscriptionWithSecret = subscription.extend({ secret: z.string() });

export const createSubscription = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    url,
    topics,
    organizationCode: z.string().trim().min(1).max(20).nullable().default(null),
    countryCode: z
      .string()
      .trim()
      .regex(/^[A-Z]{3}$/, 'an ISO 3166 alpha-3 code')
      .nullable()
      .default(null),
    active: z.boolean().default(true),
  })
  .refine((s) => !(s.organizationCode && s.countryCode), {
    path: ['countryCode'],
    message: 'a subscription is scoped to an organization or a country, not both',
  });
export type CreateSubscription = z.infer<typeof createSubscription>;

export const updateSubscription = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  url: url.optional(),
  topics: topics.optional(),
  active: z.boolean().optional(),
  version: z.number().int().positive(),
});
export type UpdateSubscription = z.infer<typeof updateSubscription>;

export const versionBody = z.strictObject({ version: z.number().int().positive() });
export const versionQuery = z.strictObject({ version: z.coerce.number().int().positive() });

export const deliveriesQuery = z.strictObject({
  status: z.enum(['pending', 'delivered', 'dead']).optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const delivery = z.object({
  eventId: z.string(),
  topic: z.string(),
  status: z.enum(['pending', 'delivered', 'dead']),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastStatus: z.number().int().nullable(),
  reason: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  deadAt: z.string().nullable(),
  queuedAt: z.string(),
});
export const deliveryPage = z.object({
  items: z.array(delivery),
  /** Pass as `before` for the next (older) page; null at the end. */
  nextBefore: z.number().int().nullable(),
});

export const testResult = z.object({
  eventId: z.string(),
  ok: z.boolean(),
  status: z.number().int().nullable(),
  reason: z.string().nullable(),
});
