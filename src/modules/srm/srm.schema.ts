import { z } from 'zod';
import { IMPACTS, LIKELIHOODS, MEASURE_STATUSES, RISKS } from './rules';

const isoDate = z.iso.date('a date as YYYY-MM-DD');
const text = (max: number) => z.string().trim().max(max);
const version = z.number().int().positive();
const code = z.string().trim().min(1).max(40);
export const RISK_CATEGORIES = ['armed_conflict', 'terrorism', 'crime', 'civil_unrest', 'hazards'] as const;
export const STRATEGIES = ['accept', 'control', 'avoid', 'transfer'] as const;
export const SRM_STATUSES = ['draft', 'approved', 'endorsed', 'superseded'] as const;

export const riskMatrix = z.record(z.string(), z.record(z.string(), z.string()));

export const createSrm = z
  .strictObject({
    kind: z.enum(['country', 'area', 'ad_hoc']),
    title: text(200).min(1),
    countryCode: z
      .string()
      .regex(/^[A-Za-z]{3}$/, 'an ISO 3166-1 alpha-3 code')
      .transform((c) => c.toUpperCase()),
    areaCode: code.optional(),
    organizationCode: code.optional(),
    periodStart: isoDate,
    periodEnd: isoDate,
  })
  .refine((s) => s.periodEnd > s.periodStart, { path: ['periodEnd'], message: 'must be after periodStart' })
  .refine((s) => s.kind !== 'area' || s.areaCode, {
    path: ['areaCode'],
    message: 'an area SRM needs its area',
  });

export const riskInput = z.strictObject({
  title: text(300).min(1),
  category: z.enum(RISK_CATEGORIES),
  exposed: text(1000).default(''),
  likelihood: z.enum(LIKELIHOODS),
  impact: z.enum(IMPACTS),
  strategy: z.enum(STRATEGIES).default('control'),
});
export const updateRisk = riskInput.partial().extend({ version });
export const overrideRisk = z.strictObject({
  risk: z.enum(RISKS).nullable(),
  reason: text(2000).optional(),
  version,
});

export const measureInput = z
  .strictObject({
    title: text(300).optional(),
    libraryCode: code.optional(),
    kind: z.enum(['prevention', 'mitigation']).optional(),
    mandatory: z.boolean().default(false),
    steps: z.number().int().min(0).max(2).default(1),
    ownerOrganizationCode: code.optional(),
    costUsd: z.number().nonnegative().max(1e10).optional(),
    agreedDate: isoDate.optional(),
  })
  .refine((m) => m.title || m.libraryCode, { path: ['title'], message: 'give a title or a library measure' })
  .refine((m) => m.kind || m.libraryCode, { path: ['kind'], message: 'prevention or mitigation' });

export const measureAction = z.strictObject({
  version,
  evidence: text(4000).optional(),
  implementedOn: isoDate.optional(),
  effectiveness: z.number().int().min(1).max(5).optional(),
});

export const srmAction = z.strictObject({
  version,
  smtConsultedOn: isoDate.optional(),
  smtNote: text(4000).optional(),
});

export const activityInput = z
  .strictObject({
    title: text(300).min(1),
    organizationCode: code,
    pcLevel: z.number().int().min(1).max(4).nullable().optional(),
    periodStart: isoDate,
    periodEnd: isoDate,
  })
  .refine((a) => a.periodEnd >= a.periodStart, {
    path: ['periodEnd'],
    message: 'must not be before periodStart',
  });
export const ehApproval = z.strictObject({
  approvedBy: text(200).min(1),
  approvedOn: isoDate,
  note: text(2000).default(''),
  version,
});
export const selfAssessment = z.strictObject({
  answer: z.enum(['in_place', 'partly', 'not_in_place']),
  note: text(2000).default(''),
});

const riskLevel = z.object({ level: z.enum(RISKS), label: z.string() });

export const measure = z.object({
  id: z.string(),
  riskId: z.string(),
  title: z.string(),
  libraryCode: z.string().nullable(),
  kind: z.enum(['prevention', 'mitigation']),
  mandatory: z.boolean(),
  steps: z.number(),
  ownerOrganizationCode: z.string().nullable(),
  costUsd: z.number().nullable(),
  effectiveness: z.number().nullable(),
  agreedDate: z.string().nullable(),
  status: z.enum(MEASURE_STATUSES),
  overdue: z.boolean(),
  implementedOn: z.string().nullable(),
  evidence: z.string().nullable(),
  lastSelfAssessment: z.object({ answer: z.string(), note: z.string(), at: z.string() }).nullable(),
  version: z.number(),
});
export type Measure = z.infer<typeof measure>;

/** A measure found by the worldwide search, with the risk and SRM it belongs to. */
export const foundMeasure = measure.extend({
  riskTitle: z.string(),
  category: z.string(),
  srmId: z.string(),
  srmTitle: z.string(),
  countryCode: z.string(),
  areaCode: z.string().nullable(),
});

/** One standard measure of the library. */
export const libraryMeasure = z.object({
  code: z.string(),
  title: z.string(),
  kind: z.enum(['prevention', 'mitigation']),
  category: z.string(),
  description: z.string(),
});

export const risk = z.object({
  id: z.string(),
  title: z.string(),
  category: z.enum(RISK_CATEGORIES),
  exposed: z.string(),
  likelihood: z.enum(LIKELIHOODS),
  impact: z.enum(IMPACTS),
  strategy: z.enum(STRATEGIES),
  inherent: riskLevel,
  /** Computed from implemented (and verified) measures only. */
  residual: riskLevel,
  /** What the residual risk would be if every approved measure were implemented too. */
  expected: riskLevel,
  override: z
    .object({
      level: z.enum(RISKS),
      label: z.string(),
      reason: z.string(),
      by: z.string().nullable(),
      at: z.string(),
    })
    .nullable(),
  /** The residual risk that counts: the override when there is one. */
  effective: riskLevel,
  measures: z.array(measure),
  version: z.number(),
});
export type Risk = z.infer<typeof risk>;

export const activity = z.object({
  id: z.string(),
  title: z.string(),
  organizationCode: z.string(),
  pcLevel: z.number().nullable(),
  periodStart: z.string(),
  periodEnd: z.string(),
  residual: riskLevel,
  acceptable: z.boolean(),
  reason: z.string(),
  remedy: z.string().nullable(),
  executiveHeadApproval: z.object({ by: z.string(), on: z.string(), note: z.string() }).nullable(),
  version: z.number(),
});

export const srm = z.object({
  id: z.string(),
  kind: z.enum(['country', 'area', 'ad_hoc']),
  title: z.string(),
  countryCode: z.string(),
  countryName: z.string(),
  areaId: z.string().nullable(),
  areaCode: z.string().nullable(),
  areaName: z.string().nullable(),
  organizationCode: z.string().nullable(),
  periodStart: z.string(),
  periodEnd: z.string(),
  status: z.enum(SRM_STATUSES),
  threatAssessmentId: z.string().nullable(),
  matrixNumber: z.number(),
  review: z.object({ due: z.boolean(), dueDate: z.string(), reasons: z.array(z.string()) }),
  smtConsultedOn: z.string().nullable(),
  smtNote: z.string(),
  approvedAt: z.string().nullable(),
  endorsedAt: z.string().nullable(),
  summary: z.object({
    risks: z.number(),
    byResidual: z.record(z.enum(RISKS), z.number()),
    highestResidual: riskLevel.nullable(),
    measures: z.number(),
    implementedMeasures: z.number(),
    overdueMeasures: z.number(),
    unacceptableActivities: z.number(),
  }),
  version: z.number(),
});
export type Srm = z.infer<typeof srm>;

export const srmDetail = srm.extend({
  matrix: riskMatrix,
  risks: z.array(risk),
  activities: z.array(activity),
});
export type SrmDetail = z.infer<typeof srmDetail>;

/** One SRM's residual risk on the dashboard that compares areas. */
export const dashboardRow = z.object({
  srmId: z.string(),
  title: z.string(),
  kind: z.string(),
  status: z.string(),
  countryCode: z.string(),
  countryName: z.string(),
  region: z.string(),
  areaCode: z.string().nullable(),
  areaName: z.string().nullable(),
  risks: z.number(),
  byResidual: z.record(z.enum(RISKS), z.number()),
  highestResidual: z.enum(RISKS).nullable(),
  measures: z.number(),
  measuresInPlace: z.number(),
  overdueMeasures: z.number(),
  reviewDue: z.string(),
});
