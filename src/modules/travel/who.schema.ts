import { z } from 'zod';
import { PRECISE_MAX_HOURS, parseNear } from './who-rules';

/** Most people one page lists; the totals always count everyone. */
export const MAX_WHO_LIMIT = 1000;

const near = z
  .string()
  .max(80)
  .transform((text, ctx) => {
    const parsed = parseNear(text);
    if ('error' in parsed) {
      ctx.addIssue({ code: 'custom', message: parsed.error });
      return z.NEVER;
    }
    return parsed;
  });

export const whoQuery = z
  .strictObject({
    area: z.string().trim().min(1).max(40).optional(),
    country: z
      .string()
      .regex(/^[A-Za-z]{3}$/, 'an ISO 3166 alpha-3 code')
      .transform((c) => c.toUpperCase())
      .optional(),
    near: near.optional(),
    at: z.iso.datetime({ offset: true, message: 'an ISO date and time with its UTC offset' }).optional(),
    organization: z.string().trim().min(1).max(40).optional(),
    recruitment: z.enum(['international', 'local']).optional(),
    kind: z.enum(['personnel', 'dependant']).optional(),
    include: z.literal('dependants').optional(),
    limit: z.coerce.number().int().min(1).max(MAX_WHO_LIMIT).default(100),
    after: z.uuid().optional(),
  })
  .refine((q) => [q.area, q.country, q.near].filter((v) => v !== undefined).length >= 1, {
    message: 'give area, country or near',
    path: ['area'],
  })
  .refine((q) => !(q.area && q.near), { message: 'give area or near, not both', path: ['near'] });
export type WhoQuery = z.infer<typeof whoQuery>;

export const whoItem = z.object({
  personId: z.uuid(),
  name: z.string(),
  organization: z.string(),
  kind: z.enum(['personnel', 'dependant']),
  recruitment: z.enum(['international', 'local']),
  where: z.object({
    source: z.enum(['duty_station', 'travel', 'precise']),
    areaCode: z.string().nullable(),
    stationCode: z.string().nullable(),
    /** Only from a precise location the DO approved, while it is kept (at most 96 h). */
    lat: z.number().optional(),
    lon: z.number().optional(),
    recordedAt: z.string().optional(),
  }),
  travel: z.object({ requestReference: z.string(), departsAt: z.string() }).optional(),
});
export type WhoItem = z.infer<typeof whoItem>;

const totals = z.object({
  people: z.number().int(),
  personnel: z.number().int(),
  dependants: z.number().int(),
  international: z.number().int(),
  local: z.number().int(),
  travellers: z.number().int(),
  byOrganization: z.array(
    z.object({
      organization: z.string(),
      people: z.number().int(),
      personnel: z.number().int(),
      dependants: z.number().int(),
    }),
  ),
});

export const whoResult = z.object({
  at: z.string(),
  totals,
  items: z.array(whoItem),
  /** The `after` of the next page, or null on the last. */
  next: z.uuid().nullable(),
});
export type WhoResult = z.infer<typeof whoResult>;

export const personParams = z.strictObject({ id: z.uuid() });

export const recordFix = z.strictObject({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  /** When the fix was taken; default now. */
  recordedAt: z.iso.datetime({ offset: true }).optional(),
  /** Keep it for fewer hours than the maximum, if the person wishes. */
  keepHours: z.number().int().min(1).max(PRECISE_MAX_HOURS).optional(),
});
export type RecordFix = z.infer<typeof recordFix>;

export const fixRecorded = z.object({
  id: z.string(),
  personId: z.uuid(),
  lat: z.number(),
  lon: z.number(),
  recordedAt: z.string(),
  expiresAt: z.string(),
});

export const fixesDeleted = z.object({ deleted: z.number().int() });
