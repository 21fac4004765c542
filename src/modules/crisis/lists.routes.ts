import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireAuth } from '../../server/http';
import { EXPORT_MEDIA, listCsv, listPdf, listXlsx } from './export';
import * as s from './lists.schema';
import * as lists from './lists.service';

const tags = ['crisis'];

/** Relocation and evacuation lists (DOMAIN.md §8). */
export function registerCrisisListRoutes(parent: FastifyInstance): void {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;

  app.get(
    '/crisis/lists',
    {
      schema: {
        tags,
        summary:
          'Relocation and evacuation lists you may read, newest first, with totals (organization roles: their own people only)',
        querystring: s.listQuery,
        response: { 200: z.array(s.listSummary) },
      },
    },
    async (r) => lists.listLists(db, requireAuth(r), r.query),
  );
  app.post(
    '/crisis/lists',
    {
      schema: {
        tags,
        summary:
          'Make a relocation (any personnel, within the country) or evacuation (international personnel and eligible dependants; local personnel designated as targeted) list from who-is-where in a country or area at a moment (default now)',
        body: s.createList,
        response: { 201: s.listDetail },
      },
    },
    async (r, reply) => reply.code(201).send(await lists.createList(db, actorOf(r), r.body)),
  );
  app.get(
    '/crisis/lists/:id',
    {
      schema: {
        tags,
        summary:
          'A list with its people, their status and latest roll-call answer, and totals; include=ineligible also shows who was left out and why',
        params: s.listParams,
        querystring: s.detailQuery,
        response: { 200: s.listDetail },
      },
    },
    async (r) => lists.getList(db, requireAuth(r), r.params.id, r.query),
  );
  app.post(
    '/crisis/lists/:id/refresh',
    {
      schema: {
        tags,
        summary:
          'Read who-is-where again: add newcomers, flag people no longer present (never deleting a row), re-check eligibility',
        params: s.listParams,
        response: { 200: s.refreshResult },
      },
    },
    async (r) => lists.refreshList(db, actorOf(r), r.params.id),
  );
  app.patch(
    '/crisis/lists/:id/people/:personId',
    {
      schema: {
        tags,
        summary: 'Set a person’s status on the list: listed, confirmed, moved, declined or unreachable',
        params: s.rowParams,
        body: s.updateRow,
        response: { 200: s.listRow },
      },
    },
    async (r) => lists.updateRow(db, actorOf(r), r.params.id, r.params.personId, r.body),
  );
  app.post(
    '/crisis/lists/:id/designations',
    {
      schema: {
        tags,
        summary:
          'Designate local personnel on an evacuation list as targeted because of their employment (with a reason): they and their dependants become eligible',
        params: s.listParams,
        body: s.designate,
        response: { 201: s.listDetail },
      },
    },
    async (r, reply) =>
      reply.code(201).send(await lists.designateTargeted(db, actorOf(r), r.params.id, r.body)),
  );
  app.post(
    '/crisis/lists/:id/designations/:personId/withdraw',
    {
      schema: {
        tags,
        summary:
          'Withdraw a designation as targeted (with a reason): the person and their dependants are judged again, their rows kept',
        params: s.rowParams,
        body: s.withdraw,
        response: { 200: s.listDetail },
      },
    },
    async (r) => lists.withdrawTargeted(db, actorOf(r), r.params.id, r.params.personId, r.body),
  );
  app.get(
    '/crisis/lists/:id/export',
    {
      schema: {
        tags,
        summary: 'The list as CSV, XLSX or a printable PDF manifest (the people you may see on it)',
        params: s.listParams,
        querystring: s.exportQuery,
      },
    },
    async (r, reply) => {
      const list = await lists.getList(db, requireAuth(r), r.params.id);
      const format = r.query.format;
      const media = EXPORT_MEDIA[format];
      const body =
        format === 'csv'
          ? listCsv(list)
          : format === 'xlsx'
            ? Buffer.from(listXlsx(list))
            : await listPdf(list);
      return reply
        .type(media.type)
        .header('cache-control', 'no-store')
        .header(
          'content-disposition',
          `${format === 'pdf' ? 'inline' : 'attachment'}; filename="${list.reference.toLowerCase()}.${media.extension}"`,
        )
        .send(body);
    },
  );
}
