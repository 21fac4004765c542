/**
 * Warden zones: use cases. Geographic zones are managed by the Designated Official (or a security
 * professional for them) of the zone's country; organization zones by the organization's security
 * focal point, for the head of office. Readers: security roles of the country, the organization's
 * focal points, and the zone's own wardens. Everything else reads as 404.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables';
import { can, scopeFilter } from '../../server/access/rules';
import type { Principal } from '../../server/auth/principal';
import { type Actor, audit } from '../../server/context';
import { AppError, type FieldError, forbidden, notFound, versionConflict } from '../../server/errors';
import { zoneMembers } from './reports.repository';
import { type Geometry, manageScope, validateGeometry } from './rules';
import * as repo from './wardens.repository';
import type { AppointWarden, CreateZone, UpdateZone, ZoneDetail, ZoneSummary } from './wardens.schema';

type Db = Kysely<DB>;

export function presentZone(r: repo.ZoneRow): ZoneSummary {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    countryCode: r.country_code,
    kind: r.kind,
    organization:
      r.organization_id && r.organization_code
        ? {
            id: r.organization_id,
            code: r.organization_code,
            name: r.organization_name ?? r.organization_code,
          }
        : null,
    stationCount: r.station_count,
    areaCount: r.area_count,
    hasPolygon: r.polygon !== null,
    wardenCount: r.warden_count,
    archived: r.archived_at !== null,
    version: r.version,
  };
}

export function presentWarden(w: repo.WardenRow) {
  return {
    userId: w.user_id,
    username: w.username,
    name: w.display_name,
    email: w.email,
    role: w.role,
    personId: w.person_id,
    appointedBy: w.appointed_by_label,
    appointedAt: new Date(w.appointed_at).toISOString(),
  };
}

const userIdOf = (p: Principal) => (p.via === 'system' ? null : p.userId);

/** May the principal read this zone through their grants (not as its warden)? */
function readsByGrant(p: Principal, z: repo.ZoneRow): boolean {
  return can(p.grants, 'warden.read', {
    countryCode: z.country_code,
    organizationId: z.kind === 'organization' ? z.organization_id : null,
  });
}

export function canManage(
  p: Principal,
  z: { kind: repo.ZoneRow['kind']; country_code: string; organization_id: string | null },
) {
  return can(
    p.grants,
    'warden.manage',
    manageScope({ kind: z.kind, countryCode: z.country_code, organizationId: z.organization_id }),
  );
}

async function isWardenOf(db: Db, p: Principal, zoneId: string): Promise<boolean> {
  const uid = userIdOf(p);
  return uid !== null && (await repo.findWarden(db, zoneId, uid)) !== undefined;
}

/** The zone when the principal may read it; 404 otherwise (its existence does not leak). */
export async function readableZone(db: Db, p: Principal, id: string): Promise<repo.ZoneRow> {
  const z = await repo.findZone(db, id);
  if (!z) throw notFound('Warden zone');
  if (readsByGrant(p, z) || canManage(p, z) || (await isWardenOf(db, p, id))) return z;
  throw notFound('Warden zone');
}

/** The zone when the principal may manage it: 404 when unreadable, 403 when read-only. */
async function manageableZone(db: Db, p: Principal, id: string): Promise<repo.ZoneRow> {
  const z = await readableZone(db, p, id);
  if (!canManage(p, z))
    throw forbidden(
      'Only the Designated Official (geographic zones) or the organization (its zones) manages this zone',
    );
  if (z.archived_at) throw new AppError('conflict', 'The zone is archived');
  return z;
}

export async function listZones(
  db: Db,
  p: Principal,
  q: { country?: string; kind?: 'geographic' | 'organization'; includeArchived: boolean },
): Promise<{ items: ZoneSummary[] }> {
  const rows = await repo.listZones(db, scopeFilter(p.grants, 'warden.read'), userIdOf(p), q);
  return { items: rows.map(presentZone) };
}

export async function getZone(db: Db, p: Principal, id: string): Promise<ZoneDetail> {
  const z = await readableZone(db, p, id);
  return detail(db, p, z);
}

async function detail(db: Db, p: Principal, z: repo.ZoneRow): Promise<ZoneDetail> {
  const [stations, areas, wardens, count, assigned] = await Promise.all([
    repo.zoneStations(db, z.id),
    repo.zoneAreas(db, z.id),
    repo.zoneWardens(db, [z.id]),
    zoneMembers(db, z.id, { limit: 0 }).then((m) => m.total),
    repo.countAssignments(db, z.id),
  ]);
  return {
    ...presentZone(z),
    description: z.description,
    stations,
    areas,
    polygon: z.polygon ?? null,
    wardens: wardens.map(presentWarden),
    memberCount: count,
    assignedCount: assigned,
    canManage: canManage(p, z) && z.archived_at === null,
    createdAt: new Date(z.created_at).toISOString(),
    updatedAt: new Date(z.updated_at).toISOString(),
  };
}

const unprocessable = (errors: FieldError[]) =>
  new AppError('unprocessable', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);

/** Resolves station and area codes in the zone's country and checks the polygon; all problems at once. */
async function resolveDefinition(
  db: Db,
  country: string,
  input: { stationCodes?: string[]; areaCodes?: string[]; polygon?: unknown },
): Promise<{ stationIds?: string[]; areaIds?: string[]; polygon?: Geometry | null }> {
  const errors: FieldError[] = [];
  const out: { stationIds?: string[]; areaIds?: string[]; polygon?: Geometry | null } = {};
  for (const [field, codes, find] of [
    ['stationCodes', input.stationCodes, repo.stationsByCode],
    ['areaCodes', input.areaCodes, repo.areasByCode],
  ] as const) {
    if (codes === undefined) continue;
    const found = new Map((await find(db, codes)).map((r) => [r.code.toLowerCase(), r]));
    const ids: string[] = [];
    codes.forEach((c, i) => {
      const r = found.get(c.toLowerCase());
      const what = field === 'stationCodes' ? 'duty station' : 'area';
      if (!r) errors.push({ field: `${field}.${i}`, message: `no ${what} ${c}` });
      else if (r.country_code !== country)
        errors.push({
          field: `${field}.${i}`,
          message: `${c} is in ${r.country_code}, not in the zone's country ${country}`,
        });
      else ids.push(r.id);
    });
    if (field === 'stationCodes') out.stationIds = ids;
    else out.areaIds = ids;
  }
  if (input.polygon !== undefined) {
    if (input.polygon === null) out.polygon = null;
    else {
      const problems = validateGeometry(input.polygon);
      for (const pr of problems)
        errors.push({
          field: ['polygon', ...pr.path.split('/').filter(Boolean)].join('.'),
          message: pr.message,
        });
      if (problems.length === 0) {
        const g = input.polygon as Geometry;
        out.polygon = { type: g.type, coordinates: g.coordinates } as Geometry;
      }
    }
  }
  if (errors.length > 0) throw unprocessable(errors);
  return out;
}

export async function createZone(db: Db, actor: Actor, input: CreateZone): Promise<ZoneDetail> {
  const p = actor.principal;
  const errors: FieldError[] = [];
  if (!(await repo.countryExists(db, input.countryCode)))
    errors.push({ field: 'countryCode', message: `no country ${input.countryCode}` });
  let organizationId: string | null = null;
  if (input.kind === 'organization') {
    if (!input.organizationCode)
      errors.push({ field: 'organizationCode', message: 'an organization zone needs its organization' });
    else {
      const o = await repo.organizationByCode(db, input.organizationCode);
      if (!o)
        errors.push({ field: 'organizationCode', message: `no organization ${input.organizationCode}` });
      else organizationId = o.id;
    }
  } else if (input.organizationCode) {
    errors.push({ field: 'organizationCode', message: 'a geographic zone belongs to no organization' });
  }
  if (errors.length > 0) throw unprocessable(errors);
  const shape = { kind: input.kind, country_code: input.countryCode, organization_id: organizationId };
  if (!canManage(p, shape))
    throw forbidden(
      input.kind === 'geographic'
        ? `Geographic zones in ${input.countryCode} are appointed by its Designated Official`
        : 'Organization zones are managed by that organization',
    );
  const def = await resolveDefinition(db, input.countryCode, input);
  return db.transaction().execute(async (trx) => {
    if (await repo.zoneCodeTaken(trx, input.code))
      throw new AppError('duplicate', `code: a zone ${input.code} already exists`, [
        { field: 'code', message: 'already used by another zone' },
      ]);
    const id = await repo.insertZone(trx, {
      code: input.code,
      name: input.name,
      country_code: input.countryCode,
      kind: input.kind,
      organization_id: organizationId,
      polygon: def.polygon ?? null,
      description: input.description,
      created_by: userIdOf(p),
    });
    await repo.setStations(trx, id, def.stationIds ?? []);
    await repo.setAreas(trx, id, def.areaIds ?? []);
    await repo.writeRings(trx, id, def.polygon ?? null);
    const after = await detail(trx, p, (await repo.findZone(trx, id))!);
    await audit(trx, actor, {
      action: 'warden_zone.create',
      entityType: 'warden_zone',
      entityId: id,
      orgId: organizationId,
      countryCode: input.countryCode,
      after: auditView(after),
    });
    return after;
  });
}

/** What the audit trail keeps of a zone: its definition, not its member list. */
function auditView(d: ZoneDetail) {
  return {
    code: d.code,
    name: d.name,
    kind: d.kind,
    countryCode: d.countryCode,
    organization: d.organization?.code ?? null,
    description: d.description,
    stations: d.stations.map((s) => s.code),
    areas: d.areas.map((a) => a.code),
    polygon: d.polygon,
    archived: d.archived,
    version: d.version,
  };
}

export async function updateZone(db: Db, actor: Actor, id: string, input: UpdateZone): Promise<ZoneDetail> {
  const p = actor.principal;
  const z = await manageableZone(db, p, id);
  const def = await resolveDefinition(db, z.country_code, input);
  return db.transaction().execute(async (trx) => {
    await repo.lockZone(trx, id);
    const current = (await repo.findZone(trx, id))!;
    if (current.version !== input.version) throw versionConflict(current.version);
    const before = await detail(trx, p, current);
    const ok = await repo.updateZone(trx, id, input.version, {
      name: input.name,
      description: input.description,
      polygon: def.polygon,
    });
    if (!ok) throw versionConflict(current.version + 1);
    if (def.stationIds) await repo.setStations(trx, id, def.stationIds);
    if (def.areaIds) await repo.setAreas(trx, id, def.areaIds);
    if (def.polygon !== undefined) await repo.writeRings(trx, id, def.polygon);
    const after = await detail(trx, p, (await repo.findZone(trx, id))!);
    await audit(trx, actor, {
      action: 'warden_zone.update',
      entityType: 'warden_zone',
      entityId: id,
      orgId: z.organization_id,
      countryCode: z.country_code,
      before: auditView(before),
      after: auditView(after),
    });
    return after;
  });
}

/** Archives a zone: it claims no one any more; its history (roll calls) keeps pointing at it. */
export async function archiveZone(db: Db, actor: Actor, id: string, version: number): Promise<ZoneDetail> {
  const z = await manageableZone(db, actor.principal, id);
  return db.transaction().execute(async (trx) => {
    await repo.lockZone(trx, id);
    if (!(await repo.updateZone(trx, id, version, { archived: true }))) throw versionConflict(z.version);
    const after = await detail(trx, actor.principal, (await repo.findZone(trx, id))!);
    await audit(trx, actor, {
      action: 'warden_zone.archive',
      entityType: 'warden_zone',
      entityId: id,
      orgId: z.organization_id,
      countryCode: z.country_code,
      before: { archived: false, version },
      after: { archived: true, version: after.version },
    });
    return after;
  });
}

export async function appointWarden(db: Db, actor: Actor, zoneId: string, input: AppointWarden) {
  const z = await manageableZone(db, actor.principal, zoneId);
  const user = await repo.userByUsername(db, input.username);
  if (!user || user.status !== 'active')
    throw unprocessable([{ field: 'username', message: `no active user ${input.username}` }]);
  if (z.kind === 'organization' && user.organization_id !== z.organization_id)
    throw unprocessable([
      {
        field: 'username',
        message: `${user.username} is not a member of ${z.organization_code}, whose zone this is`,
      },
    ]);
  let personId = input.personId ?? (await repo.personByUser(db, user.id))?.id ?? null;
  if (input.personId) {
    const person = await repo.personPlace(db, input.personId);
    if (!person || person.status !== 'active')
      throw unprocessable([{ field: 'personId', message: 'no active person with this id' }]);
    if (person.user_id !== null && person.user_id !== user.id)
      throw unprocessable([{ field: 'personId', message: 'this profile belongs to another user' }]);
    personId = person.id;
  }
  return db.transaction().execute(async (trx) => {
    await repo.lockZone(trx, zoneId);
    if (await repo.findWarden(trx, zoneId, user.id))
      throw new AppError('duplicate', `username: ${user.username} is already a warden of ${z.code}`, [
        { field: 'username', message: 'already a warden of this zone' },
      ]);
    await repo.insertWarden(trx, {
      zone_id: zoneId,
      user_id: user.id,
      person_id: personId,
      role: input.role,
      appointed_by: userIdOf(actor.principal),
    });
    const w = (await repo.zoneWardens(trx, [zoneId])).find((x) => x.user_id === user.id)!;
    const out = presentWarden(w);
    await audit(trx, actor, {
      action: 'warden.appoint',
      entityType: 'warden_zone',
      entityId: zoneId,
      orgId: z.organization_id,
      countryCode: z.country_code,
      after: { zone: z.code, user: user.username, role: input.role, personId },
    });
    return out;
  });
}

export async function removeWarden(db: Db, actor: Actor, zoneId: string, userId: string): Promise<void> {
  const z = await manageableZone(db, actor.principal, zoneId);
  await db.transaction().execute(async (trx) => {
    await repo.lockZone(trx, zoneId);
    const w = await repo.findWarden(trx, zoneId, userId);
    if (!w) throw notFound('Warden');
    await repo.deleteWarden(trx, zoneId, userId);
    await audit(trx, actor, {
      action: 'warden.remove',
      entityType: 'warden_zone',
      entityId: zoneId,
      orgId: z.organization_id,
      countryCode: z.country_code,
      before: { zone: z.code, userId, role: w.role, personId: w.person_id },
    });
  });
}

/**
 * Places a person in the zone whatever their station or residence (replacing their assignment to
 * another zone of the same kind). The person must be active and stationed or living in the zone's
 * country (a dependant through their sponsor); for an organization zone, of that organization.
 */
export async function assignPerson(db: Db, actor: Actor, zoneId: string, personId: string) {
  const z = await manageableZone(db, actor.principal, zoneId);
  const person = await repo.personPlace(db, personId);
  if (!person || person.status !== 'active')
    throw unprocessable([{ field: 'personId', message: 'no active person with this id' }]);
  if (z.kind === 'organization' && person.organization_id !== z.organization_id)
    throw unprocessable([{ field: 'personId', message: `not a member of ${z.organization_code}` }]);
  if (person.station_country !== z.country_code && person.residence_country !== z.country_code)
    throw unprocessable([
      { field: 'personId', message: `neither stationed nor living in ${z.country_code}` },
    ]);
  return db.transaction().execute(async (trx) => {
    await repo.lockZone(trx, zoneId);
    const before = await repo.findAssignment(trx, personId, z.kind);
    await repo.upsertAssignment(trx, {
      person_id: personId,
      zone_id: zoneId,
      zone_kind: z.kind,
      assigned_by: userIdOf(actor.principal),
    });
    await audit(trx, actor, {
      action: before ? 'warden_assignment.move' : 'warden_assignment.create',
      entityType: 'person',
      entityId: personId,
      orgId: person.organization_id,
      countryCode: z.country_code,
      before: before ? { zoneId: before.zone_id } : undefined,
      after: { zoneId, zone: z.code, kind: z.kind },
    });
    return { personId, zoneId, kind: z.kind };
  });
}

export async function unassignPerson(db: Db, actor: Actor, zoneId: string, personId: string): Promise<void> {
  const z = await manageableZone(db, actor.principal, zoneId);
  await db.transaction().execute(async (trx) => {
    await repo.lockZone(trx, zoneId);
    if ((await repo.deleteAssignment(trx, zoneId, personId)) === 0) throw notFound('Assignment');
    await audit(trx, actor, {
      action: 'warden_assignment.delete',
      entityType: 'person',
      entityId: personId,
      orgId: z.organization_id,
      countryCode: z.country_code,
      before: { zoneId, zone: z.code, kind: z.kind },
    });
  });
}
