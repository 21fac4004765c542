/**
 * Personal security profiles (DOMAIN.md §7): read, create, correct, self-service. Also the
 * functions other modules use (travel, who-is-where): `getPersonRow`, `personByUser`,
 * `trainingStatus`.
 *
 * Access (access.ts): people.read over the person's organization, or over the country or area of
 * their duty station; people.write over the organization to create and correct (HR's data); the
 * person themself (and the sponsor of a dependant) without any grant, for reading and for
 * correcting contacts, residence and emergency contact only. A profile out of reach reads as 404.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables';
import { can } from '../../server/access/rules';
import type { Principal } from '../../server/auth/principal';
import { type Actor, audit } from '../../server/context';
import { AppError, forbidden, invalid, notFound, versionConflict } from '../../server/errors';
import { canOnPerson, isSelf, type PersonScope, peopleReadFilter } from './access';
import * as repo from './people.repository';
import type {
  CreateDependant,
  CreatePerson,
  PeopleListQuery,
  PersonDetail,
  SelfFields,
  UpdatePerson,
  UpdateSelf,
} from './people.schema';
import { auditSnapshot, presentPerson, presentSummary } from './present';
import { bestCertificate, trainingState, validAt } from './rules';

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

type Cert = { completedOn: string; expiresOn: string | null };

/** Certificates per person per course. */
export async function certificatesByPerson(db: Db, personIds: readonly string[]) {
  const byPerson = new Map<string, Map<string, Cert[]>>();
  for (const c of await repo.certificatesOf(db, personIds)) {
    const perCourse = byPerson.get(c.person_id) ?? new Map<string, Cert[]>();
    byPerson.set(c.person_id, perCourse);
    const list = perCourse.get(c.course_code) ?? [];
    perCourse.set(c.course_code, list);
    list.push({ completedOn: c.completed_on, expiresOn: c.expires_on });
  }
  return byPerson;
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
  const [courses, byPerson] = await Promise.all([repo.listCourses(db), certificatesByPerson(db, personIds)]);
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

export const today = () => new Date().toISOString().slice(0, 10);

export const scopeOfRow = (r: repo.PersonRow): PersonScope => ({
  personId: r.id,
  organizationId: r.organization_id,
  countryCode: r.station_country ?? null,
  areaId: r.station_area_id ?? null,
  userId: r.user_id,
  sponsorUserId: r.sponsor_user_id ?? null,
});

const mayRead = (principal: Principal, r: repo.PersonRow) =>
  isSelf(principal, scopeOfRow(r)) || canOnPerson(principal, 'people.read', scopeOfRow(r));

// ---- reading -----------------------------------------------------------------------------------

const encodeCursor = (familyName: string, id: string) =>
  Buffer.from(JSON.stringify([familyName, id])).toString('base64url');
function decodeCursor(after: string) {
  try {
    const [familyName, id] = JSON.parse(Buffer.from(after, 'base64url').toString()) as unknown[];
    if (typeof familyName === 'string' && typeof id === 'string' && /^[0-9a-f-]{36}$/.test(id))
      return { familyName, id };
  } catch {}
  throw invalid('after', 'not a cursor from a previous page');
}

/** People the caller may read (their grants' scopes, plus themself and their dependants). */
export async function listPeople(db: Db, principal: Principal, q: PeopleListQuery) {
  const scope = peopleReadFilter(principal, 'people.read');
  const [org] = q.organization ? await repo.organizationsByCodes(db, [q.organization]) : [];
  const [station] = q.station ? await repo.stationsByCodes(db, [q.station]) : [];
  if ((q.organization && !org) || (q.station && !station)) return { items: [], next: null };
  const rows = await repo.listPeople(
    db,
    {
      organizationId: org?.id,
      stationId: station?.id,
      country: q.country,
      kind: q.kind,
      status: q.status,
      q: q.q,
    },
    { scope, selfUserId: principal.via === 'system' ? null : principal.userId },
    { limit: q.limit, after: q.after ? decodeCursor(q.after) : undefined },
  );
  const items = rows.slice(0, q.limit);
  const last = items.at(-1);
  return {
    items: items.map(presentSummary),
    next: rows.length > q.limit && last ? encodeCursor(last.family_name, last.id) : null,
  };
}

async function detail(db: Db, r: repo.PersonRow): Promise<PersonDetail> {
  const dependants = r.kind === 'personnel' ? await repo.dependantsOf(db, r.id) : [];
  const [courses, certs] = await Promise.all([repo.listCourses(db), certificatesByPerson(db, [r.id])]);
  const at = today();
  const training: PersonDetail['training'] = {};
  for (const c of courses) {
    const list = certs.get(r.id)?.get(c.code) ?? [];
    const best = bestCertificate(list, at);
    training[c.code] = {
      completedOn: best?.completedOn ?? null,
      expiresOn: best?.expiresOn ?? null,
      valid: best ? validAt(best, at) : false,
      state: trainingState(list, at),
    };
  }
  return { ...presentPerson(r), dependants: dependants.map(presentPerson), training };
}

export async function getPerson(db: Db, principal: Principal, id: string): Promise<PersonDetail> {
  const r = await repo.findPerson(db, id);
  if (!r || !mayRead(principal, r)) throw notFound('Person');
  return detail(db, r);
}

export async function getMe(db: Db, principal: Principal): Promise<PersonDetail> {
  const r = principal.via === 'system' ? undefined : await repo.findPersonByUser(db, principal.userId);
  if (!r) throw notFound('Your personal security profile');
  return detail(db, r);
}

// ---- writing -----------------------------------------------------------------------------------

/** Station and residence area codes to ids; an unknown code is a 400 naming the field. */
async function resolvePlaces(
  db: Db,
  f: { dutyStationCode?: string | null; residenceAreaCode?: string | null },
) {
  const out: { duty_station_id?: string | null; residence_area_id?: string | null } = {};
  if (f.dutyStationCode !== undefined) {
    const [s] = f.dutyStationCode ? await repo.stationsByCodes(db, [f.dutyStationCode]) : [];
    if (f.dutyStationCode && !s)
      throw invalid('dutyStationCode', `unknown duty station "${f.dutyStationCode}"`);
    out.duty_station_id = s?.id ?? null;
  }
  if (f.residenceAreaCode !== undefined) {
    const [a] = f.residenceAreaCode ? await repo.areasByCodes(db, [f.residenceAreaCode]) : [];
    if (f.residenceAreaCode && !a)
      throw invalid('residenceAreaCode', `unknown area "${f.residenceAreaCode}"`);
    out.residence_area_id = a?.id ?? null;
  }
  return out;
}

const selfColumns = (f: SelfFields): repo.PersonChanges => ({
  ...(f.phone !== undefined ? { phone: f.phone } : {}),
  ...(f.email !== undefined ? { email: f.email } : {}),
  ...(f.residenceAddress !== undefined ? { residence_address: f.residenceAddress } : {}),
  ...(f.emergencyContact !== undefined ? { emergency_contact: JSON.stringify(f.emergencyContact) } : {}),
});

async function writeAudited(
  db: Db,
  actor: Actor,
  action: string,
  before: repo.PersonRow | undefined,
  write: (trx: Db) => Promise<string>,
): Promise<repo.PersonRow> {
  return db.transaction().execute(async (trx) => {
    const id = await write(trx);
    const after = (await repo.findPerson(trx, id))!;
    await audit(trx, actor, {
      action,
      entityType: 'person',
      entityId: id,
      orgId: after.organization_id,
      countryCode: after.station_country ?? null,
      before: before ? auditSnapshot(before) : undefined,
      after: auditSnapshot(after),
    });
    return after;
  });
}

export async function createPerson(db: Db, actor: Actor, input: CreatePerson) {
  const [org] = await repo.organizationsByCodes(db, [input.organizationCode]);
  if (!org) throw invalid('organizationCode', `unknown organization "${input.organizationCode}"`);
  if (!can(actor.principal.grants, 'people.write', { organizationId: org.id }))
    throw forbidden('Creating profiles needs people.write over the organization');
  let sponsorId: string | null = null;
  if (input.kind === 'dependant') {
    const sponsor = input.sponsorId ? await repo.findPerson(db, input.sponsorId) : undefined;
    if (!sponsor || sponsor.organization_id !== org.id || sponsor.kind !== 'personnel')
      throw invalid('sponsorId', 'a dependant needs a sponsor among the organization’s personnel');
    sponsorId = sponsor.id;
  } else if (input.sponsorId) throw invalid('sponsorId', 'only dependants have a sponsor');
  const places = await resolvePlaces(db, input);
  const existing = await repo.findByExternalId(db, org.id, input.externalId);
  if (existing)
    throw new AppError('duplicate', `${input.organizationCode} already has a person ${input.externalId}`);
  const created = await writeAudited(db, actor, 'person.create', undefined, (trx) =>
    repo.insertPerson(trx, {
      organization_id: org.id,
      external_id: input.externalId,
      kind: input.kind,
      sponsor_id: sponsorId,
      given_name: input.givenName,
      family_name: input.familyName,
      sex: input.sex,
      birth_date: input.birthDate ?? null,
      nationality: input.nationality ?? null,
      contract_type: input.contractType,
      recruitment: input.recruitment,
      user_id: input.userId ?? null,
      email: input.email ?? null,
      phone: input.phone ?? null,
      residence_address: input.residenceAddress ?? '',
      emergency_contact: JSON.stringify(input.emergencyContact ?? {}),
      ...places,
    }),
  );
  return detail(db, created);
}

async function changeOne(
  db: Db,
  actor: Actor,
  r: repo.PersonRow,
  version: number,
  changes: repo.PersonChanges,
) {
  if (r.version !== version) throw versionConflict(r.version);
  return writeAudited(db, actor, 'person.update', r, async (trx) => {
    if (!(await repo.updatePerson(trx, r.id, version, changes))) throw versionConflict(r.version + 1);
    return r.id;
  });
}

/** HR's correction of a profile (people.write over the person's organization). */
export async function updatePerson(db: Db, actor: Actor, id: string, input: UpdatePerson) {
  const r = await repo.findPerson(db, id);
  if (!r || !mayRead(actor.principal, r)) throw notFound('Person');
  if (!canOnPerson(actor.principal, 'people.write', scopeOfRow(r)))
    throw forbidden('Correcting profiles needs people.write over the organization');
  const changes: repo.PersonChanges = {
    ...selfColumns(input),
    ...(await resolvePlaces(db, input)),
    ...(input.givenName !== undefined ? { given_name: input.givenName } : {}),
    ...(input.familyName !== undefined ? { family_name: input.familyName } : {}),
    ...(input.sex !== undefined ? { sex: input.sex } : {}),
    ...(input.birthDate !== undefined ? { birth_date: input.birthDate } : {}),
    ...(input.nationality !== undefined ? { nationality: input.nationality } : {}),
    ...(input.contractType !== undefined ? { contract_type: input.contractType } : {}),
    ...(input.recruitment !== undefined ? { recruitment: input.recruitment } : {}),
    ...(input.userId !== undefined ? { user_id: input.userId } : {}),
    ...(input.status !== undefined ? { status: input.status } : {}),
  };
  return detail(db, await changeOne(db, actor, r, input.version, changes));
}

/** The signed-in person corrects their contacts, residence and emergency contact, and their dependants'. */
export async function updateMe(db: Db, actor: Actor, input: UpdateSelf) {
  const me =
    actor.principal.via === 'system' ? undefined : await repo.findPersonByUser(db, actor.principal.userId);
  if (!me) throw notFound('Your personal security profile');
  const mine = await repo.dependantsOf(db, me.id);
  for (const d of input.dependants ?? []) {
    if (!mine.some((m) => m.id === d.id))
      throw invalid('dependants', `${d.id} is not one of your dependants`);
  }
  await changeOne(db, actor, me, input.version, {
    ...selfColumns(input),
    ...(await resolvePlaces(db, input)),
  });
  for (const d of input.dependants ?? []) {
    const row = mine.find((m) => m.id === d.id)!;
    await changeOne(db, actor, row, d.version, { ...selfColumns(d), ...(await resolvePlaces(db, d)) });
  }
  return getMe(db, actor.principal);
}

/**
 * The signed-in member of personnel declares a dependant. It gets an id of its own within the
 * organization (`<sponsor's id>-D-<random>`); an HR list may later carry the dependant under HR's
 * id, which HR then reconciles (the profile is marked `manual`).
 */
export async function addDependant(db: Db, actor: Actor, input: CreateDependant) {
  const me =
    actor.principal.via === 'system' ? undefined : await repo.findPersonByUser(db, actor.principal.userId);
  if (!me) throw notFound('Your personal security profile');
  if (me.kind !== 'personnel') throw forbidden('Only personnel sponsor dependants');
  const places = await resolvePlaces(db, { residenceAreaCode: input.residenceAreaCode });
  const created = await writeAudited(db, actor, 'person.create', undefined, (trx) =>
    repo.insertPerson(trx, {
      organization_id: me.organization_id,
      external_id: `${me.external_id}-D-${randomBytes(3).toString('hex')}`,
      kind: 'dependant',
      sponsor_id: me.id,
      given_name: input.givenName,
      family_name: input.familyName,
      sex: input.sex,
      birth_date: input.birthDate ?? null,
      nationality: input.nationality ?? null,
      recruitment: me.recruitment,
      // A dependant lives where their sponsor is stationed unless HR says otherwise.
      duty_station_id: me.duty_station_id,
      email: input.email ?? null,
      phone: input.phone ?? null,
      residence_address: input.residenceAddress ?? '',
      emergency_contact: JSON.stringify(input.emergencyContact ?? {}),
      residence_area_id: places.residence_area_id ?? me.residence_area_id,
    }),
  );
  return detail(db, created);
}
