import { z } from 'zod';
import { EXPORT_FORMATS } from './export';
import { incidentListQuery } from './incidents.schema';

export const INCIDENT_IMPORT_FORMATS = ['sind', 'hxl'] as const;
export type IncidentImportFormat = (typeof INCIDENT_IMPORT_FORMATS)[number];

export const importQuery = z.strictObject({
  /** sind: Insecurity Insight's SiND events (a JSON array); hxl: HXL-tagged CSV. */
  format: z.enum(INCIDENT_IMPORT_FORMATS),
});

/** A row that was not imported: where (CSV line or JSON array index), which event, why. */
export const rejection = z.object({
  line: z.number().optional(),
  index: z.number().optional(),
  eventId: z.string().optional(),
  field: z.string(),
  message: z.string(),
});
export type Rejection = z.infer<typeof rejection>;

export const incidentImportResult = z.object({
  format: z.enum(INCIDENT_IMPORT_FORMATS),
  total: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  rejected: z.array(rejection),
});
export type IncidentImportResult = z.infer<typeof incidentImportResult>;

/** The list's filters (without search and paging), and the format. */
export const exportQuery = incidentListQuery
  .pick({
    country: true,
    area: true,
    organization: true,
    category: true,
    relevance: true,
    from: true,
    to: true,
  })
  .extend({ format: z.enum(EXPORT_FORMATS).default('csv') });
export type ExportQuery = z.infer<typeof exportQuery>;
