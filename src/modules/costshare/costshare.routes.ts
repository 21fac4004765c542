import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireAuth } from '../../server/http';
import * as s from './costshare.schema';
import * as service from './costshare.service';
import { EXPORT_MEDIA, exportCsv, exportPdf, exportXlsx } from './export';

export function registerCostshareRoutes(parent: FastifyInstance): void {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;
  const tags = ['costshare'];
  const idParam = z.object({ id: z.uuid() });
  const versionParam = z.object({ id: z.uuid(), versionNo: z.coerce.number().int().positive() });
  const orgParam = z.object({ organization: z.string().min(1).max(40) });

  app.get(
    '/costshare/periods',
    {
      schema: {
        tags,
        summary: 'Budget periods of the jointly financed activities',
        response: { 200: z.array(s.period) },
      },
    },
    async (r) => service.listPeriods(db, requireAuth(r)),
  );
  app.post(
    '/costshare/periods',
    {
      schema: {
        tags,
        summary: 'Open a budget period with its approved total and minimum contribution',
        body: s.createPeriod,
        response: { 201: s.periodDetail },
      },
    },
    async (r, reply) => reply.status(201).send(await service.createPeriod(db, actorOf(r), r.body)),
  );
  app.get(
    '/costshare/periods/:id',
    {
      schema: {
        tags,
        summary: 'A period with its census, scenarios and approved versions',
        params: idParam,
        response: { 200: s.periodDetail },
      },
    },
    async (r) => service.getPeriod(db, requireAuth(r), r.params.id),
  );
  app.patch(
    '/costshare/periods/:id',
    {
      schema: {
        tags,
        summary: 'Change the total, the minimum, the dates or the name',
        params: idParam,
        body: s.updatePeriod,
        response: { 200: s.periodDetail },
      },
    },
    async (r) => service.updatePeriod(db, actorOf(r), r.params.id, r.body),
  );
  app.put(
    '/costshare/periods/:id/census',
    {
      schema: {
        tags,
        summary: 'Replace the census (field headcount per organization)',
        params: idParam,
        body: s.putCensus,
        response: { 200: s.periodDetail },
      },
    },
    async (r) => service.putCensus(db, actorOf(r), r.params.id, r.body),
  );
  app.post(
    '/costshare/periods/:id/census/import',
    {
      schema: {
        tags,
        summary: 'Replace the census from a CSV file: organization,headcount[,counted_in]',
        params: idParam,
        body: s.importCensus,
        response: { 200: s.periodDetail },
      },
    },
    async (r) => service.importCensus(db, actorOf(r), r.params.id, r.body),
  );
  app.post(
    '/costshare/periods/:id/scenarios',
    {
      schema: {
        tags,
        summary: 'Add a named scenario overriding the total, the minimum or headcounts',
        params: idParam,
        body: s.createScenario,
        response: { 201: s.scenario },
      },
    },
    async (r, reply) =>
      reply.status(201).send(await service.createScenario(db, actorOf(r), r.params.id, r.body)),
  );
  app.delete(
    '/costshare/periods/:id/scenarios/:scenarioId',
    {
      schema: {
        tags,
        summary: 'Remove a scenario',
        params: z.object({ id: z.uuid(), scenarioId: z.uuid() }),
        response: { 204: z.null() },
      },
    },
    async (r, reply) => {
      await service.deleteScenario(db, actorOf(r), r.params.id, r.params.scenarioId);
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/costshare/periods/:id/apportionment',
    {
      schema: {
        tags,
        summary: 'The current figures (or a scenario) apportioned now',
        params: idParam,
        querystring: s.sourceQuery,
        response: { 200: s.apportionment },
      },
    },
    async (r) => service.computeApportionment(db, requireAuth(r), r.params.id, r.query.scenario),
  );
  app.get(
    '/costshare/periods/:id/explanations/:organization',
    {
      schema: {
        tags,
        summary: "Step by step: how the current figures (or a scenario) reach one organization's amount",
        params: idParam.extend(orgParam.shape),
        querystring: s.sourceQuery,
        response: { 200: s.explanation },
      },
    },
    async (r) =>
      service.explainDraft(db, requireAuth(r), r.params.id, r.params.organization, r.query.scenario),
  );
  app.get(
    '/costshare/periods/:id/compare',
    {
      schema: {
        tags,
        summary: 'The census, scenarios and approved versions side by side',
        params: idParam,
        querystring: s.compareQuery,
        response: { 200: s.comparison },
      },
    },
    async (r) => service.compare(db, requireAuth(r), r.params.id, r.query),
  );
  app.post(
    '/costshare/periods/:id/approve',
    {
      schema: {
        tags,
        summary: 'Approve the figures or a scenario: a new immutable version',
        params: idParam,
        body: s.approve,
        response: { 201: s.apportionment },
      },
    },
    async (r, reply) =>
      reply.status(201).send(await service.approveApportionment(db, actorOf(r), r.params.id, r.body)),
  );
  app.get(
    '/costshare/periods/:id/versions/:versionNo',
    {
      schema: {
        tags,
        summary: 'An approved version with every organization’s amount',
        params: versionParam,
        response: { 200: s.apportionment },
      },
    },
    async (r) => service.getVersion(db, requireAuth(r), r.params.id, r.params.versionNo),
  );
  app.get(
    '/costshare/periods/:id/versions/:versionNo/explanations/:organization',
    {
      schema: {
        tags,
        summary: "Step by step: how an approved version reaches one organization's amount",
        params: versionParam.extend(orgParam.shape),
        response: { 200: s.explanation },
      },
    },
    async (r) =>
      service.explainVersion(db, requireAuth(r), r.params.id, r.params.versionNo, r.params.organization),
  );
  app.get(
    '/costshare/periods/:id/versions/:versionNo/export.:format',
    {
      schema: {
        tags,
        summary: 'Export an approved version: the whole system, or one organization with its explanation',
        params: versionParam.extend({ format: z.enum(s.EXPORT_FORMATS) }),
        querystring: s.exportQuery,
      },
    },
    async (r, reply) => {
      const p = requireAuth(r);
      const { id, versionNo, format } = r.params;
      const { view } = await service.versionForExport(db, p, id, versionNo);
      const explanation = r.query.organization
        ? await service.explainVersion(db, p, id, versionNo, r.query.organization)
        : undefined;
      const name = `jfa-${view.periodCode}-v${versionNo}${explanation ? `-${explanation.organization}` : ''}`
        .toLowerCase()
        .replace(/[^a-z0-9._-]/g, '-');
      const body =
        format === 'csv'
          ? exportCsv(view, explanation)
          : format === 'xlsx'
            ? Buffer.from(exportXlsx(view, explanation))
            : await exportPdf(view, explanation);
      return reply
        .type(EXPORT_MEDIA[format])
        .header('content-disposition', `attachment; filename="${name}.${format}"`)
        .send(body);
    },
  );
}
