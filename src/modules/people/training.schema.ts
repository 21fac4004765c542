import { z } from 'zod';
import { courseStatus } from './people.schema';

export const recordCertificate = z.strictObject({
  course: z.string().trim().min(1).max(40),
  completedOn: z.iso.date('a date as YYYY-MM-DD'),
  certificate: z.string().trim().max(200).default(''),
});
export type RecordCertificate = z.infer<typeof recordCertificate>;

export const course = z.object({
  code: z.string(),
  name: z.string(),
  /** Months a certificate stays valid; null: it does not expire. */
  validityMonths: z.number().nullable(),
  version: z.number(),
});

export const putCourses = z
  .array(
    z.strictObject({
      code: z
        .string()
        .trim()
        .regex(/^[A-Z0-9_]{2,40}$/, 'upper-case letters, digits and _'),
      name: z.string().trim().min(1).max(200),
      validityMonths: z.number().int().min(1).max(240).nullable(),
      /** The version read, for an existing course; absent for a new one. */
      version: z.number().int().positive().optional(),
    }),
  )
  .min(1)
  .max(100);
export type PutCourses = z.infer<typeof putCourses>;

export const certificateRecorded = z.object({
  personId: z.string(),
  course: z.string(),
  completedOn: z.string(),
  expiresOn: z.string().nullable(),
  created: z.boolean(),
});

export const trainingReportQuery = z.strictObject({
  organization: z.string().trim().min(1).max(40).optional(),
  course: z.string().trim().min(1).max(40).optional(),
  /** The date the status is computed at (default today). */
  at: z.iso.date().optional(),
  limit: z.coerce.number().int().min(1).max(2000).default(500),
  after: z.string().max(400).optional(),
});
export type TrainingReportQuery = z.infer<typeof trainingReportQuery>;

export const trainingReport = z.object({
  organizationCode: z.string(),
  at: z.string(),
  /** Over all the organization's active people: per course, how many in each state. */
  summary: z.record(
    z.string(),
    z.object({ valid: z.number(), expiring: z.number(), expired: z.number(), missing: z.number() }),
  ),
  items: z.array(
    z.object({
      personId: z.string(),
      externalId: z.string(),
      name: z.string(),
      kind: z.string(),
      dutyStationCode: z.string().nullable(),
      courses: z.record(z.string(), courseStatus),
    }),
  ),
  next: z.string().nullable(),
});
export type TrainingReport = z.infer<typeof trainingReport>;
