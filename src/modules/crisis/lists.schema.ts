import { z } from 'zod';
import { LIST_KINDS, ROW_STATUSES, RULES } from './rules';

const country = z
  .string()
  .regex(/^[A-Za-z]{3}$/, 'an ISO 3166 alpha-3 code')
  .transform((c) => c.toUpperCase());
const areaCode = z.string().trim().min(1).max(40);

export const createList = z
  .strictObject({
    kind: z.enum(LIST_KINDS),
    /** The country of the list; optional when an area is given (the area's country). */
    country: country.optional(),
    area: areaCode.optional(),
    title: z.string().trim().min(1).max(200).optional(),
    /** Where people go, in words (an assembly point, a city, a country). */
    destination: z.string().trim().min(1).max(300),
    destinationCountry: country.optional(),
    destinationArea: areaCode.optional(),
    /** The moment who-is-where is read at; default now. */
    at: z.iso.datetime({ offset: true, message: 'an ISO date and time with its UTC offset' }).optional(),
  })
  .refine((b) => b.country !== undefined || b.area !== undefined, {
    message: 'give country or area',
    path: ['country'],
  });
export type CreateList = z.infer<typeof createList>;

export const listQuery = z.strictObject({
  country: country.optional(),
  kind: z.enum(LIST_KINDS).optional(),
});
export type ListQuery = z.infer<typeof listQuery>;

export const detailQuery = z.strictObject({
  /** Also the people present who are not eligible, with the reason. */
  include: z.literal('ineligible').optional(),
  organization: z.string().trim().min(1).max(40).optional(),
});
export type DetailQuery = z.infer<typeof detailQuery>;

export const exportQuery = z.strictObject({ format: z.enum(['csv', 'xlsx', 'pdf']) });

export const listParams = z.strictObject({ id: z.uuid() });
export const rowParams = z.strictObject({ id: z.uuid(), personId: z.uuid() });

export const updateRow = z.strictObject({
  status: z.enum(ROW_STATUSES),
  note: z.string().trim().max(500).optional(),
  version: z.number().int().min(1),
});
export type UpdateRow = z.infer<typeof updateRow>;

export const designate = z.strictObject({
  personId: z.uuid(),
  reason: z.string().trim().min(3).max(500),
});
export type Designate = z.infer<typeof designate>;

export const withdraw = z.strictObject({ reason: z.string().trim().min(3).max(500) });
export type Withdraw = z.infer<typeof withdraw>;

const counts = {
  people: z.number().int(),
  personnel: z.number().int(),
  dependants: z.number().int(),
  accounted: z.number().int(),
  needHelp: z.number().int(),
  notAccounted: z.number().int(),
  noLongerPresent: z.number().int(),
  byStatus: z.object({
    listed: z.number().int(),
    confirmed: z.number().int(),
    moved: z.number().int(),
    declined: z.number().int(),
    unreachable: z.number().int(),
  }),
};
export const totals = z.object({
  ...counts,
  byOrganization: z.array(z.object({ organization: z.string(), ...counts })),
});

export const listSummary = z.object({
  id: z.uuid(),
  reference: z.string(),
  kind: z.enum(LIST_KINDS),
  title: z.string(),
  countryCode: z.string(),
  areaCode: z.string().nullable(),
  destination: z.string(),
  destinationCountry: z.string().nullable(),
  destinationAreaCode: z.string().nullable(),
  asOf: z.string(),
  refreshedAt: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  /** May the caller change it (status, refresh, designation)? */
  canManage: z.boolean(),
  totals,
});
export type ListSummary = z.infer<typeof listSummary>;

export const listRow = z.object({
  personId: z.uuid(),
  name: z.string(),
  organization: z.string(),
  kind: z.enum(['personnel', 'dependant']),
  recruitment: z.enum(['international', 'local']),
  sponsor: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  location: z.string(),
  source: z.enum(['duty_station', 'travel']),
  eligible: z.boolean(),
  rule: z.enum(RULES),
  reason: z.string(),
  present: z.boolean(),
  absentSince: z.string().nullable(),
  status: z.enum(ROW_STATUSES),
  statusNote: z.string(),
  statusBy: z.string().nullable(),
  statusAt: z.string().nullable(),
  rollCall: z.object({
    state: z.enum(['safe', 'need_help', 'pending', 'not_asked']),
    at: z.string().nullable(),
  }),
  version: z.number().int(),
});
export type ListRow = z.infer<typeof listRow>;

export const listDetail = listSummary.extend({
  rows: z.array(listRow),
  /** How many present people were left out (eligible false), whether or not they are shown. */
  ineligible: z.number().int(),
});
export type ListDetail = z.infer<typeof listDetail>;

export const refreshResult = z.object({
  added: z.number().int(),
  noLongerPresent: z.number().int(),
  backAgain: z.number().int(),
  list: listSummary,
});
