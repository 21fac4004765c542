import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../server/errors';
import { actorOf, requireAuth } from '../../server/http';
import { EXPORT_MEDIA } from './export';
import { exportQuery, importQuery, incidentImportResult } from './incident-import.schema';
import { exportIncidents, importIncidents, parseIncidentFile } from './incident-import.service';

const tags = ['incidents'];

/**
 * The uploaded file: a multipart form's file part, or the raw body (JSON for SiND, CSV for HXL),
 * as registry imports take it. JSON bodies arrive parsed; everything else as text.
 */
async function uploaded(r: FastifyRequest): Promise<unknown> {
  if (r.isMultipart()) {
    const part = await r.file();
    if (!part)
      throw new AppError('validation', 'No file in the form', [{ field: 'file', message: 'required' }]);
    return (await part.toBuffer()).toString('utf8');
  }
  const type = r.headers['content-type'] ?? '';
  if (/^(application\/json|text\/csv|text\/plain)/.test(type)) return r.body;
  throw new AppError(
    'unsupported-media-type',
    'Send the file as application/json (SiND), text/csv (HXL) or multipart/form-data',
  );
}

export function registerIncidentImportRoutes(parent: FastifyInstance): void {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const { database, config } = app.deps;
  const db = database.db;

  app.post(
    '/incidents/import',
    {
      schema: {
        tags,
        summary:
          'Import SiND events (JSON array) or HXL-tagged CSV; bad rows are reported by place, event and column, good rows kept; re-import updates',
        querystring: importQuery,
        response: { 200: incidentImportResult },
      },
      // A SiND file is larger than an ordinary JSON body: the import limit applies, as for CSV.
      bodyLimit: config.importLimitBytes,
    },
    async (r) => {
      const actor = actorOf(r);
      const file = parseIncidentFile(r.query.format, await uploaded(r));
      return importIncidents(db, actor, file);
    },
  );

  app.get(
    '/incidents/export',
    {
      schema: {
        tags,
        summary:
          'Incidents you may read, filtered like the list, as HXL-tagged CSV, XLSX or GeoJSON (no names or sensitive details)',
        querystring: exportQuery,
      },
    },
    async (r, reply) => {
      const { format, body } = await exportIncidents(db, requireAuth(r), r.query);
      const media = EXPORT_MEDIA[format];
      const day = new Date().toISOString().slice(0, 10);
      reply
        .type(media.type)
        .header('content-disposition', `attachment; filename="incidents-${day}.${media.extension}"`)
        .header('cache-control', 'private, no-store');
      return reply.send(body instanceof Uint8Array ? Buffer.from(body) : Readable.from(body));
    },
  );
}
