import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../server/errors';
import { actorOf, requireAuth } from '../../server/http';
import { parseCsv } from '../registry/import-parse';
import * as assessments from './assessments.service';
import { compareAreas, compareCsv, compareFingerprint } from './compare.service';
import * as hazards from './hazards.service';
import { CATEGORIES } from './rules';
import { importThreatLevels } from './threat-import.service';
import * as s from './threats.schema';

const tags = ['threats'];
const etag = (fingerprint: string, query: unknown) =>
  `W/"${createHash('sha256').update(fingerprint).update(JSON.stringify(query)).digest('base64url').slice(0, 27)}"`;
const idParam = z.object({ id: z.uuid() });
const actionParams = z.object({ id: z.uuid(), action: z.enum(['approve', 'return', 'publish']) });
const compareQuery = z.strictObject({
  region: z.string().trim().max(60).optional(),
  country: z
    .string()
    .regex(/^[A-Za-z]{3}$/)
    .transform((c) => c.toUpperCase())
    .optional(),
  category: z.enum(CATEGORIES).optional(),
  minLevel: z.coerce.number().int().min(1).max(6).optional(),
});

export function registerThreatRoutes(parent: FastifyInstance): void {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;

  app.post(
    '/threats/assessments',
    {
      schema: {
        tags,
        summary: 'Start a draft general threat assessment for an area',
        body: s.createAssessment,
        response: { 201: s.assessment },
      },
    },
    async (r, reply) => reply.status(201).send(await assessments.createAssessment(db, actorOf(r), r.body)),
  );
  app.get(
    '/threats/assessments/:id',
    {
      schema: {
        tags,
        summary: 'One assessment version with the factors behind each level',
        params: idParam,
        response: { 200: s.assessment },
      },
    },
    async (r) => assessments.getAssessment(db, requireAuth(r), r.params.id),
  );
  app.patch(
    '/threats/assessments/:id',
    {
      schema: {
        tags,
        summary: 'Edit a draft (409 when another editor saved first)',
        params: idParam,
        body: s.updateAssessment,
        response: { 200: s.assessment },
      },
    },
    async (r) => assessments.updateAssessment(db, actorOf(r), r.params.id, r.body),
  );
  app.post(
    '/threats/assessments/:id/:action',
    {
      schema: {
        tags,
        summary: 'Approve, return to draft, or publish an assessment',
        params: actionParams,
        body: s.workflowAction,
        response: { 200: s.assessment },
      },
    },
    async (r) => assessments.actOnAssessment(db, actorOf(r), r.params.id, r.params.action, r.body.version),
  );
  app.get(
    '/threats/areas/:code/assessments',
    {
      schema: {
        tags,
        summary: 'Every assessment version of an area, newest first',
        params: z.object({ code: z.string().max(40) }),
        response: { 200: z.array(s.assessment) },
      },
    },
    async (r) => assessments.listAreaAssessments(db, requireAuth(r), r.params.code),
  );

  app.get(
    '/threats/areas/:code/hazards',
    {
      schema: {
        tags,
        summary: 'Hazard assessments of an area (kept apart from security levels)',
        params: z.object({ code: z.string().max(40) }),
        response: { 200: z.array(s.hazardAssessment) },
      },
    },
    async (r) => hazards.listHazardAssessments(db, requireAuth(r), r.params.code),
  );
  app.post(
    '/threats/hazards',
    {
      schema: {
        tags,
        summary: 'Start a draft hazard assessment',
        body: s.createHazardAssessment,
        response: { 201: s.hazardAssessment },
      },
    },
    async (r, reply) => reply.status(201).send(await hazards.createHazardDraft(db, actorOf(r), r.body)),
  );
  app.post(
    '/threats/hazards/:id/:action',
    {
      schema: {
        tags,
        summary: 'Approve, return or publish a hazard assessment',
        params: actionParams,
        body: s.workflowAction,
        response: { 200: s.hazardAssessment },
      },
    },
    async (r) => hazards.actOnHazard(db, actorOf(r), r.params.id, r.params.action, r.body.version),
  );

  // The world table is large: plain JSON serialisation (the schema still documents it), and an
  // ETag so a field office on a slow link revalidates with a 304 instead of downloading it again.
  app.get(
    '/threats/compare',
    {
      schema: {
        tags,
        summary: 'Current levels of every area side by side, highest first (ETag: send If-None-Match)',
        querystring: compareQuery,
        response: { 200: z.array(s.compareRow), 304: z.null().describe('Not modified') },
      },
      serializerCompiler: () => (data) => JSON.stringify(data),
    },
    async (r, reply) => {
      const principal = requireAuth(r);
      const tag = etag(await compareFingerprint(db), r.query);
      if (r.headers['if-none-match'] === tag) return reply.status(304).send(null);
      reply.header('etag', tag).header('cache-control', 'private, no-cache');
      return compareAreas(db, principal, r.query);
    },
  );
  app.get(
    '/threats/compare.csv',
    { schema: { tags, summary: 'The comparison as HXL-tagged CSV', querystring: compareQuery } },
    async (r, reply) => {
      const rows = await compareAreas(db, requireAuth(r), r.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="security-levels.csv"')
        .send(compareCsv(rows));
    },
  );

  app.post(
    '/threats/import',
    {
      schema: {
        tags,
        summary:
          'Bulk-load level assessments from CSV (area,category,level,date); each area and date becomes a published version',
        response: {
          200: z.object({
            total: z.number(),
            published: z.number(),
            rejected: z.array(z.object({ line: z.number(), field: z.string(), message: z.string() })),
          }),
        },
      },
    },
    async (r) => {
      const actor = actorOf(r);
      if (!(r.headers['content-type'] ?? '').startsWith('text/csv')) {
        throw new AppError('unsupported-media-type', 'Send the file as text/csv');
      }
      return importThreatLevels(db, actor, parseCsv(r.body as string));
    },
  );
}
