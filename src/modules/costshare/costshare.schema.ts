import { z } from 'zod';

/**
 * Amounts travel as decimal strings in currency units ("227184500.00"), never as JSON floats, so
 * that no rounding happens between the finance officer and the cents stored.
 */
export const amountInput = z
  .string()
  .trim()
  .regex(
    /^\d{1,11}(\.\d{1,2})?$/,
    'an amount in currency units with at most two decimals, e.g. 227184500.00',
  );
const orgCode = z.string().trim().min(1).max(40);
const day = z.iso.date();

/** A census row. Headcounts are checked by the apportionment rules so the message names the row. */
export const censusRowInput = z.strictObject({
  organization: orgCode,
  headcount: z.number(),
  /** Organization code it is counted in; omitted: as the registry says; null: none. */
  countedIn: orgCode.nullable().optional(),
});

export const createPeriod = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z][0-9A-Za-z._-]{0,39}$/, 'letters, digits, dot, dash or underscore, e.g. 2026-2027'),
  name: z.string().trim().min(1).max(200),
  startsOn: day,
  endsOn: day,
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as USD')
    .default('USD'),
  total: amountInput,
  minimum: amountInput,
  censusDate: day.nullable().optional(),
});
export type CreatePeriod = z.infer<typeof createPeriod>;

export const updatePeriod = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  startsOn: day.optional(),
  endsOn: day.optional(),
  total: amountInput.optional(),
  minimum: amountInput.optional(),
  censusDate: day.nullable().optional(),
  version: z.number().int().positive(),
});
export type UpdatePeriod = z.infer<typeof updatePeriod>;

export const putCensus = z.strictObject({
  census: z.array(censusRowInput).min(1).max(500),
  version: z.number().int().positive(),
});
export type PutCensus = z.infer<typeof putCensus>;

export const importCensus = z.strictObject({
  /** The census file: organization,headcount[,counted_in] with a header row. */
  csv: z.string().min(1).max(1_000_000),
  version: z.number().int().positive(),
});
export type ImportCensus = z.infer<typeof importCensus>;

export const createScenario = z.strictObject({
  name: z.string().trim().min(1).max(120),
  description: z.string().trim().max(2000).default(''),
  total: amountInput.nullable().optional(),
  minimum: amountInput.nullable().optional(),
  headcounts: z
    .array(z.strictObject({ organization: orgCode, headcount: z.number() }))
    .max(500)
    .default([]),
});
export type CreateScenario = z.infer<typeof createScenario>;

export const approve = z.strictObject({
  /** The scenario to approve; null or omitted: the period's own total, minimum and census. */
  scenarioId: z.uuid().nullable().optional(),
  note: z.string().trim().max(2000).default(''),
  /** The period version the approver looked at: figures changed since then are not approved. */
  periodVersion: z.number().int().positive(),
});
export type Approve = z.infer<typeof approve>;

export const censusRow = z.object({
  organization: z.string(),
  organizationName: z.string(),
  headcount: z.number().int(),
  countedIn: z.string().nullable(),
});

export const line = z.object({
  organization: z.string(),
  organizationName: z.string(),
  headcount: z.number().int(),
  ownHeadcount: z.number().int(),
  countedIn: z.string().nullable(),
  includes: z.array(z.string()),
  billed: z.boolean(),
  minimumApplied: z.boolean(),
  minimumRound: z.number().int().nullable(),
  amount: z.string().describe('Currency units with two decimals'),
  amountCents: z.number().int(),
  share: z.number().describe('Percent of the total, four decimals'),
  roundingCents: z.number().int(),
});
export type Line = z.infer<typeof line>;

export const summary = z.object({
  total: z.string(),
  totalCents: z.number().int(),
  minimum: z.string(),
  minimumCents: z.number().int(),
  billableCount: z.number().int(),
  billableHeadcount: z.number().int(),
  atMinimumCount: z.number().int(),
  rounds: z.array(
    z.object({
      round: z.number().int(),
      pool: z.string(),
      headcount: z.number().int(),
      sharing: z.number().int(),
      fellBelow: z.array(z.string()),
    }),
  ),
  leftoverCents: z.number().int(),
});

export const versionInfo = z.object({
  id: z.uuid(),
  periodId: z.uuid(),
  versionNo: z.number().int(),
  scenarioName: z.string().nullable(),
  currency: z.string(),
  total: z.string(),
  minimum: z.string(),
  note: z.string(),
  approvedBy: z.string(),
  approvedAt: z.string(),
});
export type VersionInfo = z.infer<typeof versionInfo>;

export const scenario = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  total: z.string().nullable(),
  minimum: z.string().nullable(),
  headcounts: z.array(z.object({ organization: z.string(), headcount: z.number().int() })),
  version: z.number().int(),
  createdAt: z.string(),
});
export type Scenario = z.infer<typeof scenario>;

export const period = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  currency: z.string(),
  /** Null for readers who see approved versions only (organization-scoped). */
  total: z.string().nullable(),
  minimum: z.string().nullable(),
  censusDate: z.string().nullable(),
  version: z.number().int(),
  latestVersion: versionInfo.nullable(),
});
export type Period = z.infer<typeof period>;

export const periodDetail = period.extend({
  /** Drafts (census, scenarios) only for readers with a global grant; null otherwise. */
  census: z.array(censusRow).nullable(),
  scenarios: z.array(scenario).nullable(),
  versions: z.array(versionInfo),
});
export type PeriodDetail = z.infer<typeof periodDetail>;

export const apportionment = z.object({
  periodId: z.uuid(),
  periodCode: z.string(),
  currency: z.string(),
  /** What was apportioned: the period's census, a scenario, or an approved version. */
  source: z.object({
    kind: z.enum(['census', 'scenario', 'approved']),
    scenarioId: z.uuid().nullable(),
    name: z.string(),
    version: versionInfo.nullable(),
  }),
  summary,
  lines: z.array(line),
});
export type ApportionmentView = z.infer<typeof apportionment>;

export const comparison = z.object({
  periodId: z.uuid(),
  columns: z.array(z.object({ key: z.string(), name: z.string(), total: z.string(), minimum: z.string() })),
  rows: z.array(
    z.object({
      organization: z.string(),
      organizationName: z.string(),
      cells: z.array(
        z.object({
          headcount: z.number().int(),
          amount: z.string(),
          amountCents: z.number().int(),
          share: z.number(),
          minimumApplied: z.boolean(),
          billed: z.boolean(),
        }),
      ),
      /** Last column minus the first, in cents. */
      differenceCents: z.number().int(),
    }),
  ),
});
export type Comparison = z.infer<typeof comparison>;

export const explanation = z.object({
  organization: z.string(),
  organizationName: z.string(),
  amount: z.string(),
  share: z.number(),
  steps: z.array(
    z.object({
      kind: z.enum(['headcount', 'counted-in', 'round', 'minimum', 'pro-rata', 'rounding', 'result']),
      text: z.string(),
      round: z.number().int().optional(),
      figures: z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string())])).optional(),
    }),
  ),
});
export type Explanation = z.infer<typeof explanation>;

export const EXPORT_FORMATS = ['csv', 'xlsx', 'pdf'] as const;
export const exportQuery = z.strictObject({ organization: orgCode.optional() });
export const sourceQuery = z.strictObject({ scenario: z.uuid().optional() });
export const compareQuery = z.strictObject({
  scenario: z.union([z.uuid(), z.array(z.uuid()).max(6)]).optional(),
  version: z
    .union([z.coerce.number().int().positive(), z.array(z.coerce.number().int().positive()).max(6)])
    .optional(),
});
