import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { holds } from '../../server/access/rules';
import { AppError, forbidden } from '../../server/errors';
import { actorOf, requireAuth } from '../../server/http';
import * as geo from './geography.service';
import { importRows } from './import.service';
import { parseCsv, parseGeoJsonFeatures, type RawRow } from './import-parse';
import * as orgs from './organizations.service';
import * as premises from './premises.service';
import * as s from './registry.schema';

const require = createRequire(import.meta.url);
const BASEMAP_PATH = require.resolve('world-atlas/countries-110m.json');

/** Reading reference data needs a signed-in user holding geo.read (every role has it). */
function reader(request: FastifyRequest) {
  const p = requireAuth(request);
  if (!holds(p.grants, 'geo.read')) throw forbidden();
  return p;
}

export function registerRegistryRoutes(parent: FastifyInstance): void {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;

  app.get(
    '/organizations',
    {
      schema: {
        tags: ['organizations'],
        summary: 'All organizations',
        response: { 200: z.array(s.organization) },
      },
    },
    async (r) => {
      reader(r);
      return orgs.listOrganizations(db);
    },
  );
  app.post(
    '/organizations',
    {
      schema: {
        tags: ['organizations'],
        summary: 'Create an organization',
        body: s.createOrganization,
        response: { 201: s.organization },
      },
    },
    async (r, reply) => reply.status(201).send(await orgs.createOrganization(db, actorOf(r), r.body)),
  );
  app.patch(
    '/organizations/:id',
    {
      schema: {
        tags: ['organizations'],
        summary: 'Update an organization',
        params: s.idParam,
        body: s.updateOrganization,
        response: { 200: s.organization },
      },
    },
    async (r) => orgs.updateOrganization(db, actorOf(r), r.params.id, r.body),
  );

  app.get(
    '/countries',
    {
      schema: {
        tags: ['geography'],
        summary: 'Countries (ISO 3166) with area and station counts',
        response: { 200: z.array(s.country) },
      },
    },
    async (r) => {
      reader(r);
      return geo.listCountries(db);
    },
  );
  app.get(
    '/countries/:code',
    {
      schema: {
        tags: ['geography'],
        summary: 'One country with its boundary',
        params: z.object({ code: z.string().regex(/^[A-Za-z]{3}$/) }),
        response: { 200: s.countryDetail },
      },
    },
    async (r) => {
      reader(r);
      return geo.getCountry(db, r.params.code.toUpperCase());
    },
  );

  app.get(
    '/areas',
    {
      schema: {
        tags: ['geography'],
        summary: 'Security risk management areas',
        querystring: s.listQuery,
        response: { 200: z.array(s.area) },
      },
    },
    async (r) => {
      reader(r);
      return geo.listAreas(db, r.query);
    },
  );
  app.get(
    '/areas/:id',
    {
      schema: {
        tags: ['geography'],
        summary: 'One area with its polygon',
        params: s.idParam,
        response: { 200: s.areaDetail },
      },
    },
    async (r) => {
      reader(r);
      return geo.getArea(db, r.params.id);
    },
  );
  app.post(
    '/areas',
    {
      schema: {
        tags: ['geography'],
        summary: 'Create an area',
        body: s.createArea,
        response: { 201: s.area },
      },
    },
    async (r, reply) => reply.status(201).send(await geo.createArea(db, actorOf(r), r.body)),
  );
  app.patch(
    '/areas/:id',
    {
      schema: {
        tags: ['geography'],
        summary: 'Update an area',
        params: s.idParam,
        body: s.updateArea,
        response: { 200: s.area },
      },
    },
    async (r) => geo.updateArea(db, actorOf(r), r.params.id, r.body),
  );

  app.get(
    '/stations',
    {
      schema: {
        tags: ['geography'],
        summary: 'Duty stations',
        querystring: s.listQuery,
        response: { 200: z.array(s.station) },
      },
    },
    async (r) => {
      reader(r);
      return geo.listStations(db, r.query);
    },
  );
  app.get(
    '/stations/:id',
    {
      schema: {
        tags: ['geography'],
        summary: 'One duty station',
        params: s.idParam,
        response: { 200: s.station },
      },
    },
    async (r) => {
      reader(r);
      return geo.getStation(db, r.params.id);
    },
  );
  app.post(
    '/stations',
    {
      schema: {
        tags: ['geography'],
        summary: 'Create a duty station',
        body: s.createStation,
        response: { 201: s.station },
      },
    },
    async (r, reply) => reply.status(201).send(await geo.createStation(db, actorOf(r), r.body)),
  );
  app.patch(
    '/stations/:id',
    {
      schema: {
        tags: ['geography'],
        summary: 'Update a duty station',
        params: s.idParam,
        body: s.updateStation,
        response: { 200: s.station },
      },
    },
    async (r) => geo.updateStation(db, actorOf(r), r.params.id, r.body),
  );

  app.get(
    '/premises',
    {
      schema: {
        tags: ['premises'],
        summary: 'Premises within your scope',
        querystring: s.listQuery,
        response: { 200: z.array(s.premises) },
      },
    },
    async (r) => premises.listPremises(db, requireAuth(r), r.query),
  );
  app.get(
    '/premises/:id',
    {
      schema: {
        tags: ['premises'],
        summary: 'One premises',
        params: s.idParam,
        response: { 200: s.premises },
      },
    },
    async (r) => premises.getPremises(db, requireAuth(r), r.params.id),
  );
  app.post(
    '/premises',
    {
      schema: {
        tags: ['premises'],
        summary: 'Create premises',
        body: s.createPremises,
        response: { 201: s.premises },
      },
    },
    async (r, reply) => reply.status(201).send(await premises.createPremises(db, actorOf(r), r.body)),
  );
  app.patch(
    '/premises/:id',
    {
      schema: {
        tags: ['premises'],
        summary: 'Update premises',
        params: s.idParam,
        body: s.updatePremises,
        response: { 200: s.premises },
      },
    },
    async (r) => premises.updatePremises(db, actorOf(r), r.params.id, r.body),
  );

  const countryFilter = z.strictObject({
    country: z
      .string()
      .regex(/^[A-Za-z]{3}$/)
      .transform((c) => c.toUpperCase())
      .optional(),
  });
  app.get(
    '/geo/areas',
    { schema: { tags: ['geography'], summary: 'Areas as GeoJSON', querystring: countryFilter } },
    async (r, reply) => {
      reader(r);
      return reply.type('application/geo+json').send(await geo.areaFeatureCollection(db, r.query.country));
    },
  );
  app.get(
    '/geo/stations',
    {
      schema: { tags: ['geography'], summary: 'Duty stations as GeoJSON points', querystring: countryFilter },
    },
    async (r, reply) => {
      reader(r);
      return reply.type('application/geo+json').send(await geo.stationFeatureCollection(db, r.query.country));
    },
  );
  app.get(
    '/geo/basemap',
    {
      schema: {
        tags: ['geography'],
        summary: 'Natural Earth countries (TopoJSON, bundled; no tile server)',
        security: [],
      },
    },
    async (_r, reply) =>
      reply
        .type('application/json')
        .header('cache-control', 'public, max-age=86400')
        .send(fs.createReadStream(BASEMAP_PATH)),
  );

  app.post(
    '/imports/:kind',
    {
      schema: {
        tags: ['imports'],
        summary:
          'Import CSV (text/csv) or GeoJSON (application/geo+json, areas) rows; bad rows are reported, good rows kept',
        params: z.object({ kind: z.enum(s.IMPORT_KINDS) }),
        response: { 200: s.importResult },
      },
    },
    async (r) => {
      const actor = actorOf(r);
      const type = r.headers['content-type'] ?? '';
      let rows: RawRow[];
      if (type.startsWith('application/geo+json')) {
        if (r.params.kind !== 'areas')
          throw new AppError('unsupported-media-type', 'GeoJSON imports are for areas only');
        rows = parseGeoJsonFeatures(r.body);
      } else if (type.startsWith('text/csv') || type.startsWith('text/plain')) {
        rows = parseCsv(r.body as string);
      } else {
        throw new AppError(
          'unsupported-media-type',
          'Send the file as text/csv, or application/geo+json for areas',
        );
      }
      return importRows(db, actor, r.params.kind, rows);
    },
  );
}
