import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireAuth } from '../../../server/http';
import * as billing from './billing.service';
import * as budgets from './budgets.service';
import { toCsv, toPdf, toXlsx } from './export';
import * as s from './local.schema';
import * as register from './register.service';

const tags = ['cost-sharing (local)'];
const idParam = z.object({ id: z.uuid() });
const base = '/costshare/local';

export function registerLocalCostshareRoutes(parent: FastifyInstance): void {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;

  app.get(
    `${base}/categories`,
    {
      schema: {
        tags,
        summary: 'The expenditure categories (eight plus miscellaneous)',
        response: { 200: z.array(s.category) },
      },
    },
    async (r) => register.listCategories(db, requireAuth(r)),
  );
  app.put(
    `${base}/categories/:code`,
    {
      schema: {
        tags,
        summary: 'Rename an expenditure category (global cost-sharing managers)',
        params: z.object({ code: z.string().max(40) }),
        body: s.categoryUpdate,
        response: { 200: s.category },
      },
    },
    async (r) => register.renameCategory(db, actorOf(r), r.params.code, r.body),
  );

  app.get(
    `${base}/jointly-funded`,
    {
      schema: {
        tags,
        summary: 'Costs already funded jointly, which local budgets must not charge again',
        querystring: s.registerQuery,
        response: { 200: z.array(s.jointlyFundedCost) },
      },
    },
    async (r) => register.listRegister(db, requireAuth(r), r.query.country),
  );
  app.post(
    `${base}/jointly-funded`,
    {
      schema: {
        tags,
        summary: 'Record a cost funded jointly (in one country, or everywhere with a global grant)',
        body: s.registerInput,
        response: { 201: s.jointlyFundedCost },
      },
    },
    async (r, reply) => reply.status(201).send(await register.addRegisterEntry(db, actorOf(r), r.body)),
  );
  app.put(
    `${base}/jointly-funded/:id`,
    {
      schema: {
        tags,
        summary: 'Change or deactivate a jointly funded cost',
        params: idParam,
        body: s.registerUpdate,
        response: { 200: s.jointlyFundedCost },
      },
    },
    async (r) => register.updateRegisterEntry(db, actorOf(r), r.params.id, r.body),
  );

  app.get(
    `${base}/budgets`,
    {
      schema: {
        tags,
        summary: 'Country budgets you read, newest year first',
        querystring: s.budgetListQuery,
        response: { 200: z.array(s.budgetSummary) },
      },
    },
    async (r) => budgets.listBudgets(db, requireAuth(r), r.query),
  );
  app.post(
    `${base}/budgets`,
    {
      schema: {
        tags,
        summary: 'Start a country’s budget for a year (one per country and year)',
        body: s.createBudget,
        response: { 201: s.budgetDetail },
      },
    },
    async (r, reply) => reply.status(201).send(await budgets.createBudget(db, actorOf(r), r.body)),
  );
  app.get(
    `${base}/budgets/:id`,
    {
      schema: {
        tags,
        summary:
          'A budget: lines, shares and their headcount source, calendar, double-charging check, payments',
        params: idParam,
        response: { 200: s.budgetDetail },
      },
    },
    async (r) => budgets.getBudget(db, requireAuth(r), r.params.id),
  );
  app.put(
    `${base}/budgets/:id/lines`,
    {
      schema: {
        tags,
        summary:
          'Replace a draft’s lines (refused with 422 naming the line when a cost is already funded jointly)',
        params: idParam,
        body: s.putLines,
        response: { 200: s.budgetDetail },
      },
    },
    async (r) => budgets.putLines(db, actorOf(r), r.params.id, r.body),
  );
  app.post(
    `${base}/budgets/:id/transitions`,
    {
      schema: {
        tags,
        summary: 'Circulate, reopen, approve (the DO records the SMT’s approval), bill or close the budget',
        params: idParam,
        body: s.transitionInput,
        response: { 200: s.budgetDetail },
      },
    },
    async (r) => budgets.transition(db, actorOf(r), r.params.id, r.body),
  );
  app.post(
    `${base}/budgets/:id/payments`,
    {
      schema: {
        tags,
        summary: 'Record an organization’s payment of its share of a billed budget',
        params: idParam,
        body: s.paymentInput,
        response: { 201: s.budgetDetail },
      },
    },
    async (r, reply) =>
      reply.status(201).send(await budgets.recordPayment(db, actorOf(r), r.params.id, r.body)),
  );
  app.get(
    `${base}/budgets/:id/history`,
    {
      schema: {
        tags,
        summary: 'Every saved version of the budget, newest first',
        params: idParam,
        response: { 200: z.array(s.budgetVersion) },
      },
    },
    async (r) => budgets.budgetHistory(db, requireAuth(r), r.params.id),
  );

  app.get(
    `${base}/organizations/:code/bill`,
    {
      schema: {
        tags,
        summary: 'An organization’s share in every country (from circulation on)',
        params: z.object({ code: z.string().max(40) }),
        querystring: s.yearQuery,
        response: { 200: s.organizationBill },
      },
    },
    async (r) => billing.organizationBill(db, requireAuth(r), r.params.code, r.query.year),
  );
  app.get(
    `${base}/overdue`,
    {
      schema: {
        tags,
        summary: 'Shares not paid in full after 1 March of the budget year',
        querystring: s.overdueQuery,
        response: { 200: z.array(s.overdueRow) },
      },
    },
    async (r) => billing.overduePayments(db, requireAuth(r), r.query.on ?? budgets.today()),
  );

  const formats = [
    [
      'csv',
      'text/csv; charset=utf-8',
      (_t: string, rows: billing.ExportRow[]) => Promise.resolve(toCsv(rows)),
      'CSV',
    ],
    [
      'xlsx',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      (t: string, rows: billing.ExportRow[]) => Promise.resolve(Buffer.from(toXlsx(t, rows))),
      'XLSX',
    ],
    ['pdf', 'application/pdf', (t: string, rows: billing.ExportRow[]) => toPdf(t, rows), 'PDF'],
  ] as const;
  for (const [ext, type, render, label] of formats) {
    app.get(
      `${base}/export.${ext}`,
      {
        schema: {
          tags,
          summary: `Shares per organization and country (${label}): one organization’s with ?organization=, else all you read`,
          querystring: s.exportQuery,
        },
      },
      async (r, reply) => {
        const { title, rows } = await billing.exportRows(db, requireAuth(r), r.query);
        const name = `local-cost-shares${r.query.organization ? `-${r.query.organization.toLowerCase()}` : ''}${r.query.year ? `-${r.query.year}` : ''}.${ext}`;
        return reply
          .type(type)
          .header('content-disposition', `attachment; filename="${name.replace(/[^\w.-]/g, '_')}"`)
          .send(await render(title, rows));
      },
    );
  }
}
