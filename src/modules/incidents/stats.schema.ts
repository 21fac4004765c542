import { z } from 'zod';
import { RELEVANCES } from './incidents.schema';
import { parseBbox, parseDimensions } from './stats-rules';

/** The calendar the statistics accept: anything outside is a typing error, not history. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;
/** Most years one personnel-affected table spans (one column each). */
export const MAX_REPORT_YEARS = 50;

const isoDate = z.iso
  .date('a date as YYYY-MM-DD')
  .refine(
    (d) => Number(d.slice(0, 4)) >= MIN_YEAR && Number(d.slice(0, 4)) <= MAX_YEAR,
    `a year between ${MIN_YEAR} and ${MAX_YEAR}`,
  );
const countryCode = z
  .string()
  .regex(/^[A-Za-z]{3}$/, 'an ISO 3166 alpha-3 code')
  .transform((c) => c.toUpperCase());
const code = z.string().trim().min(1).max(40);

const dimensions = z
  .string()
  .max(200)
  .transform((text, ctx) => {
    const parsed = parseDimensions(text);
    if ('error' in parsed) {
      ctx.addIssue({ code: 'custom', message: parsed.error });
      return z.NEVER;
    }
    return parsed.dims;
  });

/** The filters every statistic, map and report shares. */
const filters = {
  from: isoDate.optional(),
  to: isoDate.optional(),
  country: countryCode.optional(),
  organization: code.optional(),
  category: z.string().trim().min(1).max(120).optional(),
  relevance: z.enum(RELEVANCES).optional(),
};

const fromBeforeTo = (q: { from?: string | number; to?: string | number }, ctx: z.RefinementCtx) => {
  if (q.from !== undefined && q.to !== undefined && q.from > q.to)
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
};

export const statsQuery = z
  .strictObject({
    by: dimensions.default(['country', 'year']),
    ...filters,
  })
  .superRefine(fromBeforeTo);
export type StatsQuery = z.infer<typeof statsQuery>;

export const filterQuery = z.strictObject(filters).superRefine(fromBeforeTo);
export type FilterQuery = z.infer<typeof filterQuery>;

const year = z.coerce
  .number()
  .int('a whole year')
  .min(MIN_YEAR, `from ${MIN_YEAR}`)
  .max(MAX_YEAR, `until ${MAX_YEAR}`);

export const reportQuery = z
  .strictObject({
    from: year.optional(),
    to: year.optional(),
    country: countryCode.optional(),
    organization: code.optional(),
  })
  .superRefine((q, ctx) => {
    fromBeforeTo(q, ctx);
    if (q.from !== undefined && q.to !== undefined && q.to - q.from >= MAX_REPORT_YEARS)
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `at most ${MAX_REPORT_YEARS} years in one table`,
      });
  });
export type ReportQuery = z.infer<typeof reportQuery>;

export const mapQuery = z
  .strictObject({
    ...filters,
    bbox: z
      .string()
      .max(200)
      .transform((text, ctx) => {
        const parsed = parseBbox(text);
        if ('error' in parsed) {
          ctx.addIssue({ code: 'custom', message: parsed.error });
          return z.NEVER;
        }
        return parsed.bbox;
      })
      .optional(),
    zoom: z.coerce.number().min(0).max(24).default(2),
  })
  .superRefine(fromBeforeTo);
export type MapQuery = z.infer<typeof mapQuery>;

export const category = z.object({
  code: z.string(),
  name: z.string(),
  nature: z.enum(['violence', 'safety', 'situational']),
  /** Burglary: only with an impact on premises. */
  premisesOnly: z.boolean(),
});

/** One group: the values of the dimensions asked for, then the counts. */
export const statsRow = z.object({
  country: z.string().optional().describe('ISO 3166 alpha-3'),
  year: z.number().optional(),
  month: z.number().optional(),
  category: z.string().optional(),
  categoryName: z.string().optional(),
  organization: z.string().nullable().optional().describe('organization code; null: affecting none'),
  organizationName: z.string().nullable().optional(),
  area: z.string().nullable().optional().describe('area code; null: not in an area'),
  areaName: z.string().nullable().optional(),
  incidents: z.number(),
  affected: z.number(),
  killed: z.number(),
  injured: z.number(),
  kidnapped: z.number(),
  arrested: z.number(),
  /** Known personnel of the group's year (country, organization), summed; null when unknown. */
  headcount: z.number().nullable(),
  ratePer100k: z.number().nullable().describe('people affected per 100,000 personnel'),
});
export type StatsRow = z.infer<typeof statsRow>;

const reportLine = z.object({
  row: z.string(),
  byYear: z.record(z.string(), z.number()),
  total: z.number(),
});
export type ReportLine = z.infer<typeof reportLine>;

export const personnelAffectedReport = z.object({
  years: z.array(z.number()),
  rows: z.array(reportLine).describe("the Secretary-General's 13 rows, in the report's order"),
  totals: reportLine.describe('the Total row: every column summed'),
});
export type PersonnelAffectedReport = z.infer<typeof personnelAffectedReport>;

const position = z.tuple([z.number(), z.number()]);
const pointProps = z.object({
  cluster: z.literal(false),
  id: z.string(),
  reference: z.string(),
  occurredOn: z.string(),
  category: z.string(),
  nature: z.enum(['violence', 'safety', 'situational']),
  relevance: z.enum(RELEVANCES),
  title: z.string(),
  affected: z.number(),
  killed: z.number(),
});
const clusterProps = z.object({
  cluster: z.literal(true),
  /** Incidents in the cell (MapLibre's clustering reads point_count). */
  point_count: z.number(),
  affected: z.number(),
  killed: z.number(),
});
export const incidentMap = z.object({
  type: z.literal('FeatureCollection'),
  /** True when features are grid cells rather than incidents. */
  clustered: z.boolean(),
  /** Grid cell size in degrees, when clustered. */
  cellDegrees: z.number().nullable(),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      geometry: z.object({ type: z.literal('Point'), coordinates: position }),
      properties: z.union([pointProps, clusterProps]),
    }),
  ),
});
export type IncidentMap = z.infer<typeof incidentMap>;

export const headcountRow = z.strictObject({
  year: z.number().int('a whole year').min(MIN_YEAR).max(MAX_YEAR),
  countryCode,
  organizationCode: code,
  headcount: z.number().int('a whole number').min(0, 'cannot be negative').max(10_000_000),
});
export const saveHeadcounts = z.strictObject({ rows: z.array(headcountRow).min(1).max(10_000) });
export type SaveHeadcounts = z.infer<typeof saveHeadcounts>;

export const headcountQuery = z.strictObject({
  year: year.optional(),
  country: countryCode.optional(),
  organization: code.optional(),
});
export type HeadcountQuery = z.infer<typeof headcountQuery>;

export const headcount = z.object({
  year: z.number(),
  countryCode: z.string(),
  organizationCode: z.string(),
  organizationName: z.string(),
  headcount: z.number(),
});
export const savedHeadcounts = z.object({ created: z.number(), updated: z.number(), unchanged: z.number() });
