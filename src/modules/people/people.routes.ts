import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../server/errors';
import { actorOf, requireAuth } from '../../server/http';
import { readTable } from './import-table';
import * as s from './people.schema';
import * as people from './people.service';
import { importPeople } from './people-import.service';
import * as t from './training.schema';
import * as training from './training.service';
import { importTraining } from './training-import.service';

const tags = ['people'];
const idParam = z.object({ id: z.uuid() });
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const problem = z.object({
  line: z.number(),
  externalId: z.string().optional(),
  field: z.string(),
  message: z.string(),
});
const peopleImportResult = z.object({
  total: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  rejectedRows: z.number(),
  warnings: z.array(problem),
  rejected: z.array(problem),
});
const trainingImportResult = z.object({
  total: z.number(),
  recorded: z.number(),
  unchanged: z.number(),
  rejected: z.array(problem),
});
const importQuery = z.strictObject({
  /** The organization of rows that do not name one. */
  organization: z.string().trim().min(1).max(40).optional(),
});

/** The uploaded list: a multipart file part, or the raw body (text/csv or an XLSX workbook). */
async function uploaded(r: FastifyRequest): Promise<Uint8Array | string> {
  if (r.isMultipart()) {
    const part = await r.file();
    if (!part)
      throw new AppError('validation', 'No file in the form', [{ field: 'file', message: 'required' }]);
    return part.toBuffer();
  }
  if (typeof r.body === 'string' || Buffer.isBuffer(r.body)) return r.body;
  throw new AppError(
    'unsupported-media-type',
    `Send the list as text/csv, ${XLSX_TYPE} or multipart/form-data`,
  );
}

/** Profiles, self-service, staff-list and training imports, courses and the training report. */
export function registerPeopleRoutes(api: FastifyInstance): void {
  // A child context: the XLSX body parser stays local to these routes.
  api.register(async (parent) => {
    parent.addContentTypeParser(
      XLSX_TYPE,
      { parseAs: 'buffer', bodyLimit: parent.deps.config.importLimitBytes },
      (_r, body, done) => done(null, body),
    );
    const app = parent.withTypeProvider<ZodTypeProvider>();
    const { database, config } = app.deps;
    const db = database.db;

    app.get(
      '/people',
      {
        schema: {
          tags,
          summary:
            'Profiles you may read (your scopes, yourself, your dependants); keyset pages: pass `next` as `after`',
          querystring: s.peopleListQuery,
          response: { 200: s.peoplePage },
        },
      },
      async (r) => people.listPeople(db, requireAuth(r), r.query),
    );
    app.post(
      '/people',
      {
        schema: {
          tags,
          summary: 'Create a profile (people.write over the organization)',
          body: s.createPerson,
          response: { 201: s.personDetail },
        },
      },
      async (r, reply) => reply.status(201).send(await people.createPerson(db, actorOf(r), r.body)),
    );
    // Static paths before /people/:id.
    app.get(
      '/people/me',
      {
        schema: {
          tags,
          summary: 'Your own profile, dependants and training',
          response: { 200: s.personDetail },
        },
      },
      async (r) => people.getMe(db, requireAuth(r)),
    );
    app.patch(
      '/people/me',
      {
        schema: {
          tags,
          summary:
            'Correct your contacts, residence and emergency contact, and your dependants’ (HR owns the rest)',
          body: s.updateSelf,
          response: { 200: s.personDetail },
        },
      },
      async (r) => people.updateMe(db, actorOf(r), r.body),
    );
    app.post(
      '/people/me/dependants',
      {
        schema: {
          tags,
          summary: 'Declare a dependant of yours',
          body: s.createDependant,
          response: { 201: s.personDetail },
        },
      },
      async (r, reply) => reply.status(201).send(await people.addDependant(db, actorOf(r), r.body)),
    );
    app.post(
      '/people/import',
      {
        schema: {
          tags,
          summary:
            'Import an HR staff list (CSV or XLSX); every problem reported by line and column, warnings keep the person; re-import updates by (organization, external_id)',
          querystring: importQuery,
          response: { 200: peopleImportResult },
        },
        bodyLimit: config.importLimitBytes,
      },
      async (r) =>
        importPeople(db, actorOf(r), readTable(await uploaded(r)).rows, {
          organization: r.query.organization,
        }),
    );
    app.get(
      '/people/:id',
      {
        schema: {
          tags,
          summary: 'A profile with dependants and training status',
          params: idParam,
          response: { 200: s.personDetail },
        },
      },
      async (r) => people.getPerson(db, requireAuth(r), r.params.id),
    );
    app.patch(
      '/people/:id',
      {
        schema: {
          tags,
          summary: 'Correct a profile (people.write; state the version read)',
          params: idParam,
          body: s.updatePerson,
          response: { 200: s.personDetail },
        },
      },
      async (r) => people.updatePerson(db, actorOf(r), r.params.id, r.body),
    );
    app.post(
      '/people/:id/training',
      {
        schema: {
          tags,
          summary: 'Record a training certificate (expiry from the course’s validity)',
          params: idParam,
          body: t.recordCertificate,
          response: { 201: t.certificateRecorded },
        },
      },
      async (r, reply) =>
        reply.status(201).send(await training.recordCertificate(db, actorOf(r), r.params.id, r.body)),
    );

    app.get(
      '/training/courses',
      {
        schema: {
          tags,
          summary: 'Training courses and their validity',
          response: { 200: z.array(t.course) },
        },
      },
      async (r) => {
        requireAuth(r);
        return training.listCourses(db);
      },
    );
    app.put(
      '/training/courses',
      {
        schema: {
          tags,
          summary: 'Set courses and their validity (administrators)',
          body: t.putCourses,
          response: { 200: z.array(t.course) },
        },
      },
      async (r) => training.putCourses(db, actorOf(r), r.body),
    );
    app.get(
      '/training/report',
      {
        schema: {
          tags,
          summary:
            'An organization’s people and their training: valid, expiring within 90 days, expired, missing',
          querystring: t.trainingReportQuery,
          response: { 200: t.trainingReport },
        },
      },
      async (r) => training.trainingReport(db, requireAuth(r), r.query),
    );
    app.post(
      '/training/import',
      {
        schema: {
          tags,
          summary:
            'Import a learning platform’s completions (email or organization+external_id, course, completed_on[, certificate])',
          querystring: importQuery,
          response: { 200: trainingImportResult },
        },
        bodyLimit: config.importLimitBytes,
      },
      async (r) =>
        importTraining(db, actorOf(r), readTable(await uploaded(r)).rows, {
          organization: r.query.organization,
        }),
    );
  });
}
