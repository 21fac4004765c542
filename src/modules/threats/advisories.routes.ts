import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { holds } from '../../server/access/rules';
import { forbidden } from '../../server/errors';
import { actorOf, requireAuth } from '../../server/http';
import * as advisories from './advisories.service';
import { advisoryFeed, capAlertFor } from './publishing.service';
import * as s from './threats.schema';

const tags = ['advisories'];
const idParam = z.object({ id: z.uuid() });

export function registerAdvisoryRoutes(parent: FastifyInstance): void {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const { database, config } = app.deps;
  const db = database.db;

  app.get(
    '/advisories',
    {
      schema: {
        tags,
        summary:
          'Current travel advisories (all personnel), with overdue flags; mine=true lists your own drafts too',
        querystring: z.strictObject({
          country: z
            .string()
            .regex(/^[A-Za-z]{3}$/)
            .transform((c) => c.toUpperCase())
            .optional(),
          region: z.string().max(60).optional(),
          overdue: z
            .enum(['true', 'false'])
            .transform((v) => v === 'true')
            .optional(),
          mine: z
            .enum(['true', 'false'])
            .transform((v) => v === 'true')
            .optional(),
        }),
        response: { 200: z.array(s.advisory) },
      },
    },
    async (r) => advisories.listAdvisories(db, requireAuth(r), r.query),
  );
  app.post(
    '/advisories',
    {
      schema: {
        tags,
        summary: 'Draft a new advisory version for a country or an area',
        body: s.createAdvisory,
        response: { 201: s.advisory },
      },
    },
    async (r, reply) => reply.status(201).send(await advisories.createAdvisoryDraft(db, actorOf(r), r.body)),
  );
  app.get(
    '/advisories/feed.atom',
    { schema: { tags, summary: 'Atom feed of published advisory versions' } },
    async (r, reply) => {
      if (!holds(requireAuth(r).grants, 'advisory.read')) throw forbidden();
      return reply.type('application/atom+xml; charset=utf-8').send(await advisoryFeed(db, config));
    },
  );
  app.get(
    '/advisories/:id',
    { schema: { tags, summary: 'One advisory version', params: idParam, response: { 200: s.advisory } } },
    async (r) => advisories.getAdvisory(db, requireAuth(r), r.params.id),
  );
  app.get(
    '/advisories/:id/history',
    {
      schema: {
        tags,
        summary: 'Every version of this advisory, newest first',
        params: idParam,
        response: { 200: z.array(s.advisory) },
      },
    },
    async (r) => advisories.advisoryHistory(db, requireAuth(r), r.params.id),
  );
  app.patch(
    '/advisories/:id',
    {
      schema: {
        tags,
        summary: 'Edit a draft advisory',
        params: idParam,
        body: s.updateAdvisory,
        response: { 200: s.advisory },
      },
    },
    async (r) => advisories.updateAdvisoryDraft(db, actorOf(r), r.params.id, r.body),
  );
  app.post(
    '/advisories/:id/:action',
    {
      schema: {
        tags,
        summary: 'Approve, return to draft, or publish an advisory',
        params: z.object({ id: z.uuid(), action: z.enum(['approve', 'return', 'publish']) }),
        body: s.workflowAction,
        response: { 200: s.advisory },
      },
    },
    async (r) => advisories.actOnAdvisory(db, actorOf(r), r.params.id, r.params.action, r.body.version),
  );
  app.get(
    '/advisories/:id/cap.xml',
    { schema: { tags, summary: 'The OASIS CAP 1.2 alert of a published advisory version', params: idParam } },
    async (r, reply) =>
      reply
        .type('application/cap+xml; charset=utf-8')
        .send(await capAlertFor(db, requireAuth(r), r.params.id, config)),
  );
}
