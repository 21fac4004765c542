import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireAuth } from '../../server/http';
import * as members from './members.service';
import * as s from './wardens.schema';
import * as service from './wardens.service';

export function registerWardenRoutes(parent: FastifyInstance): void {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;
  const tags = ['wardens'];

  app.get(
    '/wardens/zones',
    {
      schema: {
        tags,
        summary: 'Warden zones you may read (your country or organization, or where you are a warden)',
        querystring: s.listZonesQuery,
        response: { 200: z.object({ items: z.array(s.zoneSummary) }) },
      },
    },
    async (r) => service.listZones(db, requireAuth(r), r.query),
  );
  app.post(
    '/wardens/zones',
    {
      schema: {
        tags,
        summary: 'Create a warden zone from duty stations, residence areas and/or a GeoJSON polygon',
        body: s.createZone,
        response: { 201: s.zoneDetail },
      },
    },
    async (r, reply) => reply.status(201).send(await service.createZone(db, actorOf(r), r.body)),
  );
  app.get(
    '/wardens/zones/:id',
    {
      schema: {
        tags,
        summary: 'A warden zone with its definition and wardens',
        params: s.zoneIdParams,
        response: { 200: s.zoneDetail },
      },
    },
    async (r) => service.getZone(db, requireAuth(r), r.params.id),
  );
  app.patch(
    '/wardens/zones/:id',
    {
      schema: {
        tags,
        summary: 'Change a zone (name, description, stations, areas, polygon) over the version read',
        params: s.zoneIdParams,
        body: s.updateZone,
        response: { 200: s.zoneDetail },
      },
    },
    async (r) => service.updateZone(db, actorOf(r), r.params.id, r.body),
  );
  app.post(
    '/wardens/zones/:id/archive',
    {
      schema: {
        tags,
        summary: 'Archive a zone: it no longer claims anyone',
        params: s.zoneIdParams,
        body: s.archiveZone,
        response: { 200: s.zoneDetail },
      },
    },
    async (r) => service.archiveZone(db, actorOf(r), r.params.id, r.body.version),
  );
  app.post(
    '/wardens/zones/:id/wardens',
    {
      schema: {
        tags,
        summary: 'Appoint a warden or deputy (a platform user) to a zone',
        params: s.zoneIdParams,
        body: s.appointWarden,
        response: { 201: s.wardenOut },
      },
    },
    async (r, reply) =>
      reply.status(201).send(await service.appointWarden(db, actorOf(r), r.params.id, r.body)),
  );
  app.delete(
    '/wardens/zones/:id/wardens/:userId',
    { schema: { tags, summary: 'Remove a warden from a zone', params: s.wardenParams } },
    async (r, reply) => {
      await service.removeWarden(db, actorOf(r), r.params.id, r.params.userId);
      return reply.status(204).send();
    },
  );
  app.post(
    '/wardens/zones/:id/assignments',
    {
      schema: {
        tags,
        summary: 'Place a person in this zone whatever their station or residence',
        params: s.zoneIdParams,
        body: s.assignPerson,
        response: {
          201: z.object({ personId: z.string(), zoneId: z.string(), kind: s.zoneKind }),
        },
      },
    },
    async (r, reply) =>
      reply.status(201).send(await service.assignPerson(db, actorOf(r), r.params.id, r.body.personId)),
  );
  app.delete(
    '/wardens/zones/:id/assignments/:personId',
    {
      schema: {
        tags,
        summary: "Remove a person's explicit assignment to this zone",
        params: s.assignmentParams,
      },
    },
    async (r, reply) => {
      await service.unassignPerson(db, actorOf(r), r.params.id, r.params.personId);
      return reply.status(204).send();
    },
  );
  app.get(
    '/wardens/zones/:id/members',
    {
      schema: {
        tags,
        summary: "A zone's members by name (paged), with contacts and whether a warden covers them",
        params: s.zoneIdParams,
        querystring: s.membersQuery,
        response: { 200: s.membersPage },
      },
    },
    async (r) => members.listMembers(db, requireAuth(r), r.params.id, r.query),
  );
  app.get(
    '/wardens/me',
    {
      schema: {
        tags,
        summary: 'The zones where you are a warden or deputy, with their people',
        response: { 200: s.myZones },
      },
    },
    async (r) => members.myZones(db, requireAuth(r)),
  );
  app.get(
    '/wardens/coverage',
    {
      schema: {
        tags,
        summary: "A country's warden coverage: people with no zone, zones with no warden",
        querystring: s.coverageQuery,
        response: { 200: s.coverage },
      },
    },
    async (r) => members.coverage(db, requireAuth(r), r.query.country),
  );
}
