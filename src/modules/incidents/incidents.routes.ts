import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireAuth } from '../../server/http';
import * as casework from './casework.service';
import * as s from './incidents.schema';
import * as incidents from './incidents.service';
import { incidentTripAlerts, tripAlertList } from './trip-alert.service';

const tags = ['incidents'];
const idParam = z.object({ id: z.uuid() });

export function registerIncidentRoutes(parent: FastifyInstance): void {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const { database, config } = app.deps;
  const db = database.db;

  app.get(
    '/incidents',
    {
      schema: {
        tags,
        summary: 'Incidents you may read, newest first (keyset pages: pass `next` as `after`)',
        querystring: s.incidentListQuery,
        response: { 200: s.incidentPage },
      },
    },
    async (r) => incidents.listIncidents(db, requireAuth(r), r.query),
  );
  app.post(
    '/incidents',
    {
      schema: {
        tags,
        summary:
          'Record an incident on the standard form; notifies the DO, security office, organizations and lists',
        body: s.createIncident,
        response: { 201: s.incident },
      },
    },
    async (r, reply) =>
      reply
        .status(201)
        .send(await incidents.recordIncident(db, actorOf(r), r.body, { publicUrl: config.publicUrl })),
  );

  // Static paths before /incidents/:id so that they are not taken for ids.
  app.get(
    '/incidents/registry',
    {
      schema: {
        tags,
        summary: 'Confidential registry of serious crimes against personnel (case officers)',
        response: { 200: z.array(s.seriousCrimeCase) },
      },
    },
    async (r) => casework.listCases(db, requireAuth(r)),
  );
  app.post(
    '/incidents/registry',
    {
      schema: {
        tags,
        summary: 'Open a serious-crime case for an incident',
        body: s.openCase,
        response: { 201: s.seriousCrimeCase },
      },
    },
    async (r, reply) => reply.status(201).send(await casework.openCaseFor(db, actorOf(r), r.body)),
  );
  app.patch(
    '/incidents/registry/:id',
    {
      schema: {
        tags,
        summary: 'Follow a case: status, authority, next-of-kin focal point, notes',
        params: idParam,
        body: s.updateCase,
        response: { 200: s.seriousCrimeCase },
      },
    },
    async (r) => casework.updateCaseRecord(db, actorOf(r), r.params.id, r.body),
  );
  app.get(
    '/incidents/distribution-lists',
    {
      schema: {
        tags,
        summary: 'Distribution lists told of new incidents',
        response: { 200: z.array(s.distributionList) },
      },
    },
    async (r) => casework.listDistributionLists(db, requireAuth(r)),
  );
  app.post(
    '/incidents/distribution-lists',
    {
      schema: {
        tags,
        summary: 'Add a distribution list',
        body: s.saveDistributionList,
        response: { 201: s.distributionList },
      },
    },
    async (r, reply) => reply.status(201).send(await casework.createDistributionList(db, actorOf(r), r.body)),
  );
  app.put(
    '/incidents/distribution-lists/:id',
    {
      schema: {
        tags,
        summary: 'Replace a distribution list',
        params: idParam,
        body: s.saveDistributionList.extend({ version: z.number().int().positive() }),
        response: { 200: s.distributionList },
      },
    },
    async (r) => casework.updateDistributionList(db, actorOf(r), r.params.id, r.body),
  );
  app.delete(
    '/incidents/distribution-lists/:id',
    { schema: { tags, summary: 'Remove a distribution list', params: idParam } },
    async (r, reply) => {
      await casework.deleteDistributionList(db, actorOf(r), r.params.id);
      return reply.status(204).send();
    },
  );

  app.get(
    '/incidents/:id',
    {
      schema: {
        tags,
        summary: 'One incident with its impacts',
        params: idParam,
        response: { 200: s.incident },
      },
    },
    async (r) => incidents.getIncident(db, requireAuth(r), r.params.id),
  );
  app.patch(
    '/incidents/:id',
    {
      schema: {
        tags,
        summary: 'Correct any field; the revision keeps who, when and the old values',
        params: idParam,
        body: s.updateIncident,
        response: { 200: s.incident },
      },
    },
    async (r) => incidents.correctIncident(db, actorOf(r), r.params.id, r.body),
  );
  app.get(
    '/incidents/:id/history',
    {
      schema: {
        tags,
        summary: 'Every revision of the incident, newest first',
        params: idParam,
        response: { 200: z.array(s.revision) },
      },
    },
    async (r) => incidents.incidentHistory(db, requireAuth(r), r.params.id),
  );
  app.get(
    '/incidents/:id/alerts',
    {
      schema: {
        tags,
        summary: 'Who was alerted of the incident where it happened (needs who-is-where there)',
        params: idParam,
        response: { 200: tripAlertList },
      },
    },
    async (r) => incidentTripAlerts(db, requireAuth(r), r.params.id),
  );
}
