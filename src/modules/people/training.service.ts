/**
 * Training certificates (DOMAIN.md §9): recorded one by one or imported from a learning platform,
 * courses with their validity (administrators), and organizations' reports on their own people.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables';
import { can } from '../../server/access/rules';
import type { Principal } from '../../server/auth/principal';
import { type Actor, audit } from '../../server/context';
import { AppError, forbidden, invalid, notFound } from '../../server/errors';
import { canOnPerson } from './access';
import * as repo from './people.repository';
import { certificatesByPerson, listPeople, scopeOfRow, today } from './people.service';
import { addDays, bestCertificate, EXPIRING_WITHIN_DAYS, expiryOf, trainingState, validAt } from './rules';
import type { PutCourses, RecordCertificate, TrainingReport, TrainingReportQuery } from './training.schema';

type Db = Kysely<DB>;

const presentCourse = (c: repo.CourseRow) => ({
  code: c.code,
  name: c.name,
  validityMonths: c.validity_months,
  version: c.version,
});

export async function listCourses(db: Db) {
  return (await repo.listCourses(db)).map(presentCourse);
}

/** Sets courses and their validity. Administrators only: validity is a policy of the whole system. */
export async function putCourses(db: Db, actor: Actor, input: PutCourses) {
  if (!actor.principal.grants.some((g) => g.role === 'admin'))
    throw forbidden('Course validity is set by administrators');
  await db.transaction().execute(async (trx) => {
    for (const [i, c] of input.entries()) {
      const before = await repo.findCourse(trx, c.code);
      if (
        !(await repo.upsertCourse(trx, {
          code: c.code,
          name: c.name,
          validity_months: c.validityMonths,
          version: c.version,
        }))
      ) {
        if (before && c.version !== undefined)
          throw new AppError('version-conflict', `${c.code} was changed since you read it`, undefined, {
            currentVersion: before.version,
          });
        throw invalid(
          `${i}.version`,
          before ? `${c.code} exists: state the version you read` : `${c.code} does not exist`,
        );
      }
      await audit(trx, actor, {
        action: before ? 'training.course.update' : 'training.course.create',
        entityType: 'training_course',
        entityId: null,
        before: before ? presentCourse(before) : undefined,
        after: { code: c.code, name: c.name, validityMonths: c.validityMonths },
      });
    }
  });
  return listCourses(db);
}

/** Certificates are HR's record: people.write over the person's organization. */
export function mayRecord(principal: Principal, r: repo.PersonRow) {
  return canOnPerson(principal, 'people.write', scopeOfRow(r));
}

/**
 * Records one certificate inside `trx`; expiry from the course's validity now. The same completion
 * recorded twice is one certificate (created: false).
 */
export async function saveCertificate(
  trx: Db,
  actor: Actor,
  r: repo.PersonRow,
  course: repo.CourseRow,
  completedOn: string,
  certificate: string,
  source: 'manual' | 'import',
) {
  if (completedOn > today()) throw invalid('completedOn', 'is in the future');
  const expiresOn = expiryOf(completedOn, course.validity_months);
  const id = await repo.insertCertificate(trx, {
    person_id: r.id,
    course_code: course.code,
    completed_on: completedOn,
    expires_on: expiresOn,
    certificate_ref: certificate,
    source,
  });
  if (id)
    await audit(trx, actor, {
      action: 'training.certificate.record',
      entityType: 'person',
      entityId: r.id,
      orgId: r.organization_id,
      after: { course: course.code, completedOn, expiresOn, certificate },
    });
  return { personId: r.id, course: course.code, completedOn, expiresOn, created: id !== null };
}

export async function recordCertificate(db: Db, actor: Actor, personId: string, input: RecordCertificate) {
  const r = await repo.findPerson(db, personId);
  if (!r || !canOnPerson(actor.principal, 'people.read', scopeOfRow(r))) throw notFound('Person');
  if (!mayRecord(actor.principal, r))
    throw forbidden('Recording training needs people.write over the organization');
  const course = await repo.findCourse(db, input.course);
  if (!course) throw invalid('course', `unknown course "${input.course}"`);
  return db
    .transaction()
    .execute((trx) => saveCertificate(trx, actor, r, course, input.completedOn, input.certificate, 'manual'));
}

/** Each active person of an organization and their standing per course at a date (default today). */
export async function trainingReport(
  db: Db,
  principal: Principal,
  q: TrainingReportQuery,
): Promise<TrainingReport> {
  const orgCode = q.organization ?? (await orgCodeOf(db, principal.organizationId));
  const [org] = orgCode ? await repo.organizationsByCodes(db, [orgCode]) : [];
  if (!org) throw invalid('organization', orgCode ? `unknown organization "${orgCode}"` : 'required');
  if (!can(principal.grants, 'people.read', { organizationId: org.id }))
    throw forbidden('The training report is for the organization’s own focal points (people.read over it)');
  const courses = (await repo.listCourses(db)).filter((c) => !q.course || c.code === q.course.toUpperCase());
  if (q.course && courses.length === 0) throw invalid('course', `unknown course "${q.course}"`);
  const at = q.at ?? today();
  const summary: TrainingReport['summary'] = {};
  for (const c of courses) summary[c.code] = { valid: 0, expiring: 0, expired: 0, missing: 0 };
  const counts = await repo.trainingCounts(
    db,
    org.id,
    at,
    addDays(at, EXPIRING_WITHIN_DAYS),
    q.course?.toUpperCase(),
  );
  for (const row of counts) {
    const s = summary[row.course];
    if (s) s[row.state as keyof typeof s] += row.n;
  }
  const page = await listPeople(db, principal, {
    organization: org.code,
    status: 'active',
    limit: q.limit,
    after: q.after,
  });
  const certs = await certificatesByPerson(
    db,
    page.items.map((p) => p.id),
  );
  return {
    organizationCode: org.code,
    at,
    summary,
    items: page.items.map((p) => {
      const out: Record<string, TrainingReport['items'][number]['courses'][string]> = {};
      for (const c of courses) {
        const list = certs.get(p.id)?.get(c.code) ?? [];
        const best = bestCertificate(list, at);
        out[c.code] = {
          completedOn: best?.completedOn ?? null,
          expiresOn: best?.expiresOn ?? null,
          valid: best ? validAt(best, at) : false,
          state: trainingState(list, at),
        };
      }
      return {
        personId: p.id,
        externalId: p.externalId,
        name: `${p.givenName} ${p.familyName}`,
        kind: p.kind,
        dutyStationCode: p.dutyStation?.code ?? null,
        courses: out,
      };
    }),
    next: page.next,
  };
}

async function orgCodeOf(db: Db, id: string | null) {
  if (!id) return undefined;
  const all = await repo.allOrganizations(db);
  return all.find((o) => o.id === id)?.code;
}
