/** Request and response schemas of locally cost-shared security budgets. */
import { z } from 'zod';
import { BUDGET_STATUSES, MILESTONES } from './rules';

const text = (max: number) => z.string().trim().max(max);
const isoDate = z.iso.date('a date as YYYY-MM-DD');
const version = z.number().int().positive();
const country = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, 'an ISO 3166 alpha-3 country code');
const currency = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, 'an ISO 4217 currency code');
const year = z.coerce.number().int().min(2000).max(2100);
/** Whole cents, positive, at most 10^13 (a hundred billion in the currency): safe in a double. */
const cents = z.number().int('whole cents').positive('more than zero').max(10_000_000_000_000, 'too large');
const orgCode = text(40).min(1);

export const createBudget = z.strictObject({
  countryCode: country,
  year: z.number().int().min(2000).max(2100),
  currency: currency.default('USD'),
  notes: text(4000).default(''),
});
export type CreateBudget = z.infer<typeof createBudget>;

export const lineInput = z.strictObject({
  categoryCode: text(40).min(1),
  description: text(500).min(1, 'describe the cost'),
  amountCents: cents,
  currency,
  /** The jointly funded cost this line is for, when known: such a line is refused. */
  jointlyFundedCostId: z.uuid().nullable().optional(),
});
export type LineInput = z.infer<typeof lineInput>;

export const putLines = z.strictObject({
  version,
  lines: z.array(lineInput).max(500),
  notes: text(4000).optional(),
});
export type PutLines = z.infer<typeof putLines>;

export const transitionInput = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('circulate'), version }),
  z.strictObject({ action: z.literal('reopen'), version, reason: text(2000).min(1, 'say why') }),
  z.strictObject({
    action: z.literal('approve'),
    version,
    /** The day the SMT approved the budget. */
    approvedOn: isoDate,
    smtMeetingRef: text(200).min(1, 'the SMT meeting (date, minutes reference)'),
    smtMembers: z.array(text(200).min(1)).min(1, 'at least one SMT member').max(60),
  }),
  z.strictObject({ action: z.literal('bill'), version }),
  z.strictObject({ action: z.literal('close'), version }),
]);
export type TransitionInput = z.infer<typeof transitionInput>;

export const paymentInput = z.strictObject({
  organizationCode: orgCode,
  paidOn: isoDate,
  amountCents: cents,
  reference: text(200).default(''),
});
export type PaymentInput = z.infer<typeof paymentInput>;

export const budgetListQuery = z.strictObject({
  country: country.optional(),
  year: year.optional(),
  status: z.enum(BUDGET_STATUSES).optional(),
});
export type BudgetListQuery = z.infer<typeof budgetListQuery>;

export const yearQuery = z.strictObject({ year: year.optional() });
export const overdueQuery = z.strictObject({ on: isoDate.optional() });
export const exportQuery = z.strictObject({ year: year.optional(), organization: orgCode.optional() });
export type ExportQuery = z.infer<typeof exportQuery>;

export const registerQuery = z.strictObject({ country: country.optional() });
export const registerInput = z.strictObject({
  /** Omitted or null: funded jointly in every country. */
  countryCode: country.nullable().optional(),
  categoryCode: text(40).min(1),
  description: text(500).min(1),
  matchTerms: z.array(text(100).min(2, 'at least two characters')).max(30).default([]),
  wholeCategory: z.boolean().default(false),
});
export type RegisterInput = z.infer<typeof registerInput>;
export const registerUpdate = z.strictObject({
  version,
  description: text(500).min(1).optional(),
  matchTerms: z.array(text(100).min(2, 'at least two characters')).max(30).optional(),
  wholeCategory: z.boolean().optional(),
  active: z.boolean().optional(),
});
export type RegisterUpdate = z.infer<typeof registerUpdate>;

export const categoryUpdate = z.strictObject({ version, name: text(200).min(1) });

/* ---------------------------------------------------------------------------------------------- */

export const category = z.object({
  code: z.string(),
  name: z.string(),
  position: z.number(),
  miscellaneous: z.boolean(),
  version: z.number(),
});

export const jointlyFundedCost = z.object({
  id: z.string(),
  countryCode: z.string().nullable(),
  categoryCode: z.string(),
  description: z.string(),
  matchTerms: z.array(z.string()),
  wholeCategory: z.boolean(),
  active: z.boolean(),
  version: z.number(),
});

const line = z.object({
  position: z.number(),
  categoryCode: z.string(),
  categoryName: z.string(),
  description: z.string(),
  amountCents: z.number(),
  currency: z.string(),
});

const share = z.object({
  organizationCode: z.string(),
  organizationName: z.string(),
  headcount: z.number(),
  amountCents: z.number(),
  paidCents: z.number(),
  outstandingCents: z.number(),
});

const milestone = z.object({
  milestone: z.enum(MILESTONES),
  due: z.string(),
  state: z.enum(['done', 'upcoming', 'due-soon', 'missed']),
  /** For payment: how many organizations still owe something. */
  note: z.string(),
});

const finding = z.object({
  line: z.number(),
  field: z.string(),
  costId: z.string(),
  message: z.string(),
});

export const budgetSummary = z.object({
  id: z.string(),
  countryCode: z.string(),
  countryName: z.string(),
  year: z.number(),
  currency: z.string(),
  status: z.enum(BUDGET_STATUSES),
  totalCents: z.number(),
  version: z.number(),
  updatedAt: z.string(),
});

export const budgetDetail = budgetSummary.extend({
  notes: z.string(),
  lines: z.array(line),
  categoryTotals: z.array(z.object({ categoryCode: z.string(), name: z.string(), amountCents: z.number() })),
  approval: z
    .object({
      approvedOn: z.string(),
      approvedBy: z.string().nullable(),
      smtMeetingRef: z.string(),
      smtMembers: z.array(z.string()),
    })
    .nullable(),
  headcount: z.object({
    source: z.enum(['personnel_headcounts', 'people', 'none']),
    /** Fixed at approval; before that computed on every reading. */
    fixed: z.boolean(),
    explanation: z.string(),
  }),
  shares: z.array(share),
  calendar: z.array(milestone),
  doubleChargeCheck: z.object({ ok: z.boolean(), registerEntries: z.number(), findings: z.array(finding) }),
  payments: z.array(
    z.object({
      id: z.string(),
      organizationCode: z.string(),
      paidOn: z.string(),
      amountCents: z.number(),
      reference: z.string(),
    }),
  ),
  circulatedAt: z.string().nullable(),
  billedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
});
export type BudgetDetail = z.infer<typeof budgetDetail>;

export const budgetVersion = z.object({
  version: z.number(),
  status: z.string(),
  action: z.string(),
  actor: z.string().nullable(),
  at: z.string(),
  snapshot: z.unknown(),
});

export const billRow = z.object({
  budgetId: z.string(),
  countryCode: z.string(),
  countryName: z.string(),
  year: z.number(),
  status: z.enum(BUDGET_STATUSES),
  currency: z.string(),
  budgetTotalCents: z.number(),
  headcount: z.number(),
  countryHeadcount: z.number(),
  amountCents: z.number(),
  paidCents: z.number(),
  outstandingCents: z.number(),
  payBy: z.string(),
  /** Shares are final once the SMT approved; before, an estimate from the current headcount. */
  final: z.boolean(),
});
export const organizationBill = z.object({
  organizationCode: z.string(),
  organizationName: z.string(),
  year: z.number().nullable(),
  rows: z.array(billRow),
  totals: z.array(z.object({ currency: z.string(), amountCents: z.number(), outstandingCents: z.number() })),
});
export type OrganizationBill = z.infer<typeof organizationBill>;

export const overdueRow = z.object({
  budgetId: z.string(),
  countryCode: z.string(),
  year: z.number(),
  organizationCode: z.string(),
  organizationName: z.string(),
  currency: z.string(),
  amountCents: z.number(),
  paidCents: z.number(),
  outstandingCents: z.number(),
  payBy: z.string(),
  daysOverdue: z.number(),
});
