import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireAuth } from '../../server/http';
import * as headcounts from './headcounts.service';
import * as s from './stats.schema';
import * as stats from './stats.service';

const tags = ['incident statistics'];
// Large plain-data responses: serialised as JSON directly (their schemas still document them).
const plainJson = { serializerCompiler: () => (data: unknown) => JSON.stringify(data) };

/** Categories, statistics with rates, the Secretary-General's table, the map and headcounts. */
export function registerIncidentStatsRoutes(parent: FastifyInstance): void {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;

  app.get(
    '/incidents/categories',
    {
      schema: {
        tags,
        summary: 'The incident categories (violence, safety, situational)',
        response: { 200: z.array(s.category) },
      },
    },
    async (r) => stats.listCategories(requireAuth(r)),
  );
  app.get(
    '/incidents/stats',
    {
      schema: {
        tags,
        summary:
          'Incidents and people affected per group (by=country,year,month,category,organization,area), with the rate per 100,000 personnel where the headcount is known; an incident affecting two organizations counts once for each',
        querystring: s.statsQuery,
        response: { 200: z.array(s.statsRow) },
      },
      ...plainJson,
    },
    async (r) => stats.incidentStats(db, requireAuth(r), r.query),
  );
  app.get(
    '/incidents/stats.csv',
    { schema: { tags, summary: 'The statistics as CSV', querystring: s.statsQuery } },
    async (r, reply) => {
      const rows = await stats.incidentStats(db, requireAuth(r), r.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="incident-statistics.csv"')
        .send(stats.statsCsv(r.query.by, rows));
    },
  );
  app.get(
    '/incidents/reports/personnel-affected',
    {
      schema: {
        tags,
        summary:
          "The Secretary-General's table of personnel affected: 13 rows by year with computed totals (incidents affecting the organization only); from/to are years, the last five by default",
        querystring: s.reportQuery,
        response: { 200: s.personnelAffectedReport },
      },
    },
    async (r) => stats.personnelAffected(db, requireAuth(r), r.query),
  );
  app.get(
    '/incidents/reports/personnel-affected.csv',
    { schema: { tags, summary: 'The personnel-affected table as CSV', querystring: s.reportQuery } },
    async (r, reply) => {
      const report = await stats.personnelAffected(db, requireAuth(r), r.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="personnel-affected.csv"')
        .send(stats.personnelAffectedCsv(report));
    },
  );
  app.get(
    '/incidents/map',
    {
      schema: {
        tags,
        summary:
          'Located incidents as GeoJSON: points when at most 2,000 fall in the box (bbox=west,south,east,north), otherwise grid clusters sized by zoom with point_count',
        querystring: s.mapQuery,
        response: { 200: s.incidentMap },
      },
      ...plainJson,
    },
    async (r) => stats.incidentMap(db, requireAuth(r), r.query),
  );
  app.get(
    '/incidents/headcounts',
    {
      schema: {
        tags,
        summary: 'Known personnel headcounts per year, country and organization (the denominators of rates)',
        querystring: s.headcountQuery,
        response: { 200: z.array(s.headcount) },
      },
    },
    async (r) => headcounts.listHeadcounts(db, requireAuth(r), r.query),
  );
  app.put(
    '/incidents/headcounts',
    {
      schema: {
        tags,
        summary:
          'Set headcounts (all rows or none; errors name the row and field): organization HQ focal points for their organization, administrators and headquarters desk officers for all',
        body: s.saveHeadcounts,
        response: { 200: s.savedHeadcounts },
      },
    },
    async (r) => headcounts.saveHeadcounts(db, actorOf(r), r.body),
  );
}
