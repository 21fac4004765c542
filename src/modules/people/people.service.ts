/**
 * Personal security profiles (DOMAIN.md §7): read, create, correct, self-service. Also the
 * functions other modules use (travel, who-is-where): `getPersonRow`, `personByUser`,
 * `trainingStatus`.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables';
import * as repo from './people.repository';
import { bestCertificate, validAt } from './rules';

type Db = Kysely<DB>;

export type { PersonRow } from './people.repository';

/** A person's row with organization, station and sponsor codes; undefined when there is none. */
export const getPersonRow = (db: Db, id: string) => repo.findPerson(db, id);

/** The profile linked to a sign-in (people.user_id); undefined when the user has none. */
export const personByUser = (db: Db, userId: string) => repo.findPersonByUser(db, userId);

/** One course's standing for a person at a date. */
export interface CourseStatus {
  /** The certificate that counts at the date (see rules.bestCertificate); null when none. */
  completedOn: string | null;
  expiresOn: string | null;
  valid: boolean;
}

/**
 * Training standing of people at `atDate` (YYYY-MM-DD): for every person asked about, every course
 * (all configured courses are present, missing ones with `completedOn: null, valid: false`).
 * A certificate completed after `atDate` does not count; expiry is inclusive. Travel checks
 * BSAFE/SSAFE at each travel date with this.
 */
export async function trainingStatus(
  db: Db,
  personIds: readonly string[],
  atDate: string,
): Promise<Map<string, Record<string, CourseStatus>>> {
  const [courses, certs] = await Promise.all([repo.listCourses(db), repo.certificatesOf(db, personIds)]);
  const byPerson = new Map<string, Map<string, { completedOn: string; expiresOn: string | null }[]>>();
  for (const c of certs) {
    const perCourse = byPerson.get(c.person_id) ?? new Map();
    byPerson.set(c.person_id, perCourse);
    const list = perCourse.get(c.course_code) ?? [];
    perCourse.set(c.course_code, list);
    list.push({ completedOn: c.completed_on, expiresOn: c.expires_on });
  }
  const out = new Map<string, Record<string, CourseStatus>>();
  for (const id of personIds) {
    const status: Record<string, CourseStatus> = {};
    for (const course of courses) {
      const best = bestCertificate(byPerson.get(id)?.get(course.code) ?? [], atDate);
      status[course.code] = best
        ? { completedOn: best.completedOn, expiresOn: best.expiresOn, valid: validAt(best, atDate) }
        : { completedOn: null, expiresOn: null, valid: false };
    }
    out.set(id, status);
  }
  return out;
}
