import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireAuth } from '../../server/http';
import * as activities from './activities.service';
import { searchMeasures, srmDashboard } from './dashboard.service';
import { renderSrmReportPdf } from './pdf/report-pdf';
import { renderSrmSummaryPdf } from './pdf/summary-pdf';
import * as risks from './risks.service';
import { MEASURE_STATUSES } from './rules';
import * as s from './srm.schema';
import * as srms from './srm.service';

const tags = ['srm'];
const idParam = z.object({ id: z.uuid() });
const matrixVersion = z.object({
  number: z.number(),
  matrix: s.riskMatrix,
  note: z.string(),
  createdAt: z.string(),
});
const regionFilter = z.strictObject({
  region: z.string().max(60).optional(),
  country: z
    .string()
    .regex(/^[A-Za-z]{3}$/)
    .transform((c) => c.toUpperCase())
    .optional(),
  status: z.enum(s.SRM_STATUSES).optional(),
});

export function registerSrmRoutes(parent: FastifyInstance): void {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;

  app.get(
    '/srm',
    {
      schema: {
        tags,
        summary: 'SRMs within your scope',
        querystring: regionFilter,
        response: { 200: z.array(s.srm) },
      },
    },
    async (r) => srms.listSrms(db, requireAuth(r), r.query),
  );
  app.post(
    '/srm',
    {
      schema: {
        tags,
        summary: 'Draft an SRM for a country, an area or ad hoc',
        body: s.createSrm,
        response: { 201: s.srmDetail },
      },
    },
    async (r, reply) => reply.status(201).send(await srms.createSrmDraft(db, actorOf(r), r.body)),
  );
  app.get(
    '/srm/dashboard',
    {
      schema: {
        tags,
        summary: 'Residual risk compared across areas',
        querystring: regionFilter,
        response: { 200: z.array(s.dashboardRow) },
      },
      // One row per SRM of the world: plain JSON serialisation (the schema still documents it).
      serializerCompiler: () => (data) => JSON.stringify(data),
    },
    async (r) => srmDashboard(db, requireAuth(r), r.query),
  );
  app.get(
    '/srm/measures',
    {
      schema: {
        tags,
        summary: 'Search measures worldwide with cost and recorded effectiveness',
        querystring: z.strictObject({
          q: z.string().max(100).optional(),
          kind: z.enum(['prevention', 'mitigation']).optional(),
          status: z.enum(MEASURE_STATUSES).optional(),
          category: z.enum(s.RISK_CATEGORIES).optional(),
          limit: z.coerce.number().int().min(1).max(1000).default(200),
        }),
        response: {
          200: z.array(s.foundMeasure),
        },
      },
    },
    async (r) => searchMeasures(db, requireAuth(r), r.query),
  );
  app.get(
    '/srm/library',
    {
      schema: {
        tags,
        summary: 'The library of standard measures',
        response: {
          200: z.array(s.libraryMeasure),
        },
      },
    },
    async (r) => {
      requireAuth(r);
      return srms.listMeasureLibrary(db);
    },
  );
  app.get(
    '/srm/matrix',
    {
      schema: {
        tags,
        summary: 'Risk matrix versions, current first',
        response: { 200: z.array(matrixVersion) },
      },
    },
    async (r) => {
      requireAuth(r);
      return srms.listRiskMatrices(db);
    },
  );
  app.put(
    '/srm/matrix',
    {
      schema: {
        tags,
        summary: 'A new version of the risk matrix (administrators)',
        body: z.strictObject({ matrix: z.unknown(), note: z.string().max(2000).default('') }),
        response: { 201: matrixVersion },
      },
    },
    async (r, reply) => reply.status(201).send(await srms.setRiskMatrix(db, actorOf(r), r.body)),
  );
  app.get(
    '/srm/:id',
    {
      schema: {
        tags,
        summary: 'One SRM with risks, measures, activities and review state',
        params: idParam,
        response: { 200: s.srmDetail },
      },
    },
    async (r) => srms.getSrm(db, requireAuth(r), r.params.id),
  );
  app.post(
    '/srm/:id/:action',
    {
      schema: {
        tags,
        summary: 'Approve (DO, after SMT consultation), endorse (desk) or return an SRM',
        params: z.object({ id: z.uuid(), action: z.enum(['approve', 'endorse', 'return']) }),
        body: s.srmAction,
        response: { 200: s.srmDetail },
      },
    },
    async (r) => srms.actOnSrm(db, actorOf(r), r.params.id, r.params.action, r.body),
  );
  for (const [file, render, what] of [
    ['summary.pdf', renderSrmSummaryPdf, 'The one-page summary for the SMT (PDF)'],
    ['report.pdf', renderSrmReportPdf, 'The detailed report (PDF)'],
  ] as const) {
    app.get(`/srm/:id/${file}`, { schema: { tags, summary: what, params: idParam } }, async (r, reply) => {
      const srm = await srms.getSrm(db, requireAuth(r), r.params.id);
      const name = `${(srm.areaCode ?? srm.countryCode).toLowerCase()}-srm-${file}`;
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${name}"`)
        .send(await render(srm));
    });
  }
  app.post(
    '/srm/:id/risks',
    {
      schema: {
        tags,
        summary: 'Add a risk (threat scenario)',
        params: idParam,
        body: s.riskInput,
        response: { 201: s.risk },
      },
    },
    async (r, reply) => reply.status(201).send(await risks.addRisk(db, actorOf(r), r.params.id, r.body)),
  );
  app.patch(
    '/srm/risks/:id',
    {
      schema: {
        tags,
        summary: 'Edit a risk',
        params: idParam,
        body: s.updateRisk,
        response: { 200: s.risk },
      },
    },
    async (r) => risks.editRisk(db, actorOf(r), r.params.id, r.body),
  );
  app.put(
    '/srm/risks/:id/override',
    {
      schema: {
        tags,
        summary: 'Override the computed residual risk, with a reason (null clears)',
        params: idParam,
        body: s.overrideRisk,
        response: { 200: s.risk },
      },
    },
    async (r) => risks.setOverride(db, actorOf(r), r.params.id, r.body),
  );
  app.post(
    '/srm/risks/:id/measures',
    {
      schema: {
        tags,
        summary: 'Propose a measure for a risk',
        params: idParam,
        body: s.measureInput,
        response: { 201: s.measure },
      },
    },
    async (r, reply) => reply.status(201).send(await risks.addMeasure(db, actorOf(r), r.params.id, r.body)),
  );
  app.post(
    '/srm/measures/:id/:action',
    {
      schema: {
        tags,
        summary: 'Approve, reject, implement (evidence, date) or verify a measure',
        params: z.object({ id: z.uuid(), action: z.enum(['approve', 'reject', 'implement', 'verify']) }),
        body: s.measureAction,
        response: { 200: s.measure },
      },
    },
    async (r) => risks.actOnMeasure(db, actorOf(r), r.params.id, r.params.action, r.body),
  );
  app.post(
    '/srm/measures/:id/self-assessments',
    {
      schema: {
        tags,
        summary: 'Self-assess whether a measure is in place',
        params: idParam,
        body: s.selfAssessment,
        response: { 201: s.measure },
      },
    },
    async (r, reply) =>
      reply.status(201).send(await risks.selfAssessMeasure(db, actorOf(r), r.params.id, r.body)),
  );
  app.post(
    '/srm/:id/activities',
    {
      schema: {
        tags,
        summary: 'Add a programme activity with its criticality',
        params: idParam,
        body: s.activityInput,
        response: { 201: s.activity },
      },
    },
    async (r, reply) =>
      reply.status(201).send(await activities.addActivity(db, actorOf(r), r.params.id, r.body)),
  );
  app.put(
    '/srm/activities/:id/executive-head-approval',
    {
      schema: {
        tags,
        summary: "Record the Executive Head's approval of a PC1 activity at very high risk",
        params: idParam,
        body: s.ehApproval,
        response: { 200: s.activity },
      },
    },
    async (r) => activities.recordExecutiveHeadApproval(db, actorOf(r), r.params.id, r.body),
  );
}
