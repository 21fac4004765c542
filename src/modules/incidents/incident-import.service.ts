/**
 * Bulk incident import (SiND events or HXL CSV) and export (CSV, XLSX, GeoJSON).
 *
 * Import: every row is mapped and checked on its own; a bad row is reported with its place in the
 * file (CSV line or JSON array index), its event id, the source's column and the reason, and the
 * other rows are still written. All rows run in one transaction, each under a savepoint so a row
 * the database refuses cannot undo the rows before it. Rows are keyed by (source, event id), so a
 * re-import updates or leaves unchanged instead of duplicating: a file can be re-run after any
 * failure, and re-running an imported file changes nothing.
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/tables';
import { can, holds } from '../../server/access/rules';
import type { Principal } from '../../server/auth/principal';
import { type Actor, audit } from '../../server/context';
import { AppError, type FieldError, forbidden } from '../../server/errors';
import { toProblem } from '../../server/problem-handler';
import { areaByCode } from '../registry/geography.service';
import { readCsvRecords } from '../registry/import-parse';
import { listOrganizations, organizationByCode } from '../registry/organizations.service';
import { incidentReadScope } from './access';
import { csvChunks, type ExportFormat, geoJsonChunks, xlsxOf } from './export';
import type { ExportIncident } from './export-columns';
import { mapHxlRow } from './hxl';
import { readHxlTable } from './hxl-table';
import { type ExportFilter, exportBatches } from './incident-export.repository';
import type {
  ExportQuery,
  IncidentImportFormat,
  IncidentImportResult,
  Rejection,
} from './incident-import.schema';
import { saveImported } from './incidents.service';
import type { MappedRow } from './interchange';
import { findCategory } from './rules';
import { mapSindRecord } from './sind';

type Db = Kysely<DB>;

export const MAX_IMPORT_ROWS = 100_000;
/** How often progress is reported; also when the event loop gets a turn (PGlite runs in-thread). */
const PROGRESS_EVERY = 100;

/** A file read into rows, each with its place in the file and a way to map it. */
export interface ParsedIncidentFile {
  format: IncidentImportFormat;
  rows: {
    where: { line: number } | { index: number };
    map(orgs: { code: string; name: string }[]): MappedRow;
  }[];
}

const fileProblem = (message: string) => new AppError('validation', message, [{ field: 'file', message }]);

/**
 * Reads a file: SiND as a JSON array of events (text, or already parsed from a JSON body), HXL as
 * CSV text. An unreadable file is one 400 problem; rows are checked later, one by one.
 */
export function parseIncidentFile(format: IncidentImportFormat, content: unknown): ParsedIncidentFile {
  if (format === 'sind') {
    let events = content;
    if (typeof content === 'string' || Buffer.isBuffer(content)) {
      try {
        events = JSON.parse(String(content));
      } catch (e) {
        throw fileProblem(`The file is not valid JSON: ${(e as Error).message}`);
      }
    }
    if (!Array.isArray(events)) throw fileProblem('Expected a JSON array of SiND events');
    return {
      format,
      rows: events.map((record, index) => ({ where: { index }, map: (orgs) => mapSindRecord(record, orgs) })),
    };
  }
  if (typeof content !== 'string' && !Buffer.isBuffer(content))
    throw fileProblem('Expected HXL-tagged CSV text');
  const table = readHxlTable(readCsvRecords(String(content)));
  return {
    format,
    rows: table.rows.map((row) => ({ where: { line: row.line }, map: () => mapHxlRow(table, row) })),
  };
}

/** Imports the rows of a parsed file as `actor`; see the module comment for the guarantees. */
export async function importIncidents(
  db: Db,
  actor: Actor,
  file: ParsedIncidentFile,
  onProgress?: (done: number, total: number) => void,
): Promise<IncidentImportResult> {
  // Whoever may correct incidents nowhere is refused outright; a scoped writer's rows outside their
  // countries are reported one by one, like any other bad row.
  if (!holds(actor.principal.grants, 'incident.write'))
    throw forbidden('Importing incidents needs incident.write');
  if (file.rows.length > MAX_IMPORT_ROWS) {
    throw new AppError('validation', `At most ${MAX_IMPORT_ROWS} rows per import; split the file`);
  }
  const total = file.rows.length;
  const result: IncidentImportResult = {
    format: file.format,
    total,
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: [],
  };
  const organizations = (await listOrganizations(db)).map((o) => ({ code: o.code, name: o.name }));
  const seen = new Map<string, string>();

  await db.transaction().execute(async (trx) => {
    for (const [n, row] of file.rows.entries()) {
      if (n % PROGRESS_EVERY === 0 && n > 0) {
        onProgress?.(n, total);
        // Let timers run (progress bars, health checks): PGlite's queries do not yield on their own.
        await new Promise((resolve) => setImmediate(resolve));
      }
      const place = 'line' in row.where ? `line ${row.where.line}` : `index ${row.where.index}`;
      const reject = (errors: FieldError[], eventId?: string) =>
        result.rejected.push(
          ...errors.map((e): Rejection => ({ ...row.where, ...(eventId ? { eventId } : {}), ...e })),
        );
      const mapped = row.map(organizations);
      if (!mapped.ok) {
        reject(mapped.errors, mapped.eventId);
        continue;
      }
      const { eventId, input, provenance, columnOf } = mapped;
      const first = seen.get(eventId);
      if (first) {
        reject(
          [{ field: columnOf('sourceId'), message: `event ${eventId} is already at ${first} of this file` }],
          eventId,
        );
        continue;
      }
      seen.set(eventId, place);
      if (!can(actor.principal.grants, 'incident.write', { countryCode: input.countryCode })) {
        reject(
          [
            {
              field: columnOf('countryCode'),
              message: `you may not import incidents in ${input.countryCode}`,
            },
          ],
          eventId,
        );
        continue;
      }
      await sql`SAVEPOINT incident_row`.execute(trx);
      try {
        result[await saveImported(trx, actor, input, provenance)]++;
        await sql`RELEASE SAVEPOINT incident_row`.execute(trx);
      } catch (error) {
        await sql`ROLLBACK TO SAVEPOINT incident_row`.execute(trx);
        const p = toProblem(error, '');
        if (p.status >= 500) throw error;
        const errors = p.errors?.length
          ? p.errors
          : [{ field: 'countryCode', message: String(p.detail ?? p.title) }];
        reject(
          errors.map((e) => ({ field: columnOf(e.field), message: e.message })),
          eventId,
        );
      }
    }
    onProgress?.(total, total);
    await audit(trx, actor, {
      action: `import.incidents.${file.format}`,
      entityType: 'import',
      entityId: null,
      orgId: actor.principal.organizationId,
      detail: { ...result, rejected: new Set(result.rejected.map((r) => r.line ?? r.index)).size },
    });
  });
  return result;
}

/** The export filter from the list's query parameters (codes resolved; unknown ones match nothing). */
async function exportFilter(db: Db, q: Omit<ExportQuery, 'format'>): Promise<ExportFilter | null> {
  const category = q.category ? findCategory(q.category) : undefined;
  if (q.category && !category) {
    throw new AppError('validation', `category: unknown category "${q.category}"`, [
      { field: 'category', message: `unknown category "${q.category}"` },
    ]);
  }
  const area = q.area ? await areaByCode(db, q.area) : undefined;
  const org = q.organization ? await organizationByCode(db, q.organization) : undefined;
  if ((q.area && !area) || (q.organization && !org)) return null;
  return {
    country: q.country,
    areaId: area?.id,
    organizationId: org?.id,
    categoryCode: category?.code,
    relevance: q.relevance,
    from: q.from,
    to: q.to,
  };
}

/**
 * The incidents the caller may read, filtered like the list, in the format asked for: CSV and
 * GeoJSON as a stream of text pieces, XLSX as one buffer (a zip is written whole).
 */
export async function exportIncidents(
  db: Db,
  principal: Principal,
  q: ExportQuery,
): Promise<{ format: ExportFormat; body: AsyncIterable<string> | Uint8Array }> {
  const scope = incidentReadScope(principal);
  if (!scope) throw forbidden();
  const filter = await exportFilter(db, q);
  const batches: AsyncIterable<ExportIncident[]> = filter
    ? exportBatches(db, scope, filter)
    : (async function* () {})();
  if (q.format === 'xlsx') {
    const all: ExportIncident[] = [];
    for await (const b of batches) all.push(...b);
    return { format: q.format, body: xlsxOf(all) };
  }
  return { format: q.format, body: q.format === 'csv' ? csvChunks(batches) : geoJsonChunks(batches) };
}
