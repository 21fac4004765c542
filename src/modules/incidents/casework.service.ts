/**
 * The confidential registry of serious crimes against personnel (followed to justice, with the
 * next-of-kin focal point) and the distribution lists told of new incidents.
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/tables';
import { can, holds, scopeFilter } from '../../server/access/rules';
import type { Principal } from '../../server/auth/principal';
import { type Actor, audit } from '../../server/context';
import { AppError, forbidden, invalid, notFound, versionConflict } from '../../server/errors';
import { canOnIncident, type IncidentScope } from './access';
import * as repo from './incidents.repository';
import type { openCase, saveDistributionList, updateCase } from './incidents.schema';
import { presentCase } from './present';

type Db = Kysely<DB>;

async function incidentScope(db: Db, incidentId: string): Promise<IncidentScope | undefined> {
  const r = await repo.findIncident(db, incidentId);
  if (!r) return undefined;
  const orgs = await repo.organizationsOf(db, [incidentId]);
  return {
    countryCode: r.country_code,
    areaId: r.area_id,
    organizationIds: orgs.map((o) => o.id),
    createdBy: r.created_by,
  };
}

export async function listCases(db: Db, principal: Principal) {
  const read = scopeFilter(principal.grants, 'incident.registry');
  if (!read) throw forbidden();
  return (await repo.listCases(db, { read, reporterId: null })).map(presentCase);
}

export async function openCaseFor(db: Db, actor: Actor, input: z.infer<typeof openCase>) {
  return db.transaction().execute(async (trx) => {
    const scope = await incidentScope(trx, input.incidentId);
    if (!scope || !canOnIncident(actor.principal, 'incident.registry', scope)) {
      if (!holds(actor.principal.grants, 'incident.registry')) throw forbidden();
      throw invalid('incidentId', 'no such incident in your registry scope');
    }
    const incident = (await repo.findIncident(trx, input.incidentId))!;
    if (incident.affected === 0) {
      throw invalid(
        'incidentId',
        'the registry follows crimes against personnel: this incident affected no one',
      );
    }
    const { id } = await repo.insertCase(trx, {
      incident_id: input.incidentId,
      status: input.status,
      next_of_kin_focal_point: input.nextOfKinFocalPoint,
      authority: input.authority,
      case_reference: input.caseReference,
      notes: input.notes,
      created_by: actor.principal.via === 'system' ? null : actor.principal.userId,
    });
    const after = presentCase((await repo.findCase(trx, id))!);
    // The trail records that a case exists and its status, not its confidential notes.
    await audit(trx, actor, {
      action: 'serious_crime.open',
      entityType: 'serious_crime_case',
      entityId: id,
      countryCode: scope.countryCode,
      after: { incidentId: after.incidentId, status: after.status },
    });
    return after;
  });
}

export async function updateCaseRecord(db: Db, actor: Actor, id: string, input: z.infer<typeof updateCase>) {
  return db.transaction().execute(async (trx) => {
    const found = await repo.findCase(trx, id);
    const scope = found ? await incidentScope(trx, found.incident_id) : undefined;
    if (!found || !scope || !canOnIncident(actor.principal, 'incident.registry', scope)) {
      throw notFound('Serious-crime case');
    }
    if (found.version !== input.version) throw versionConflict(found.version);
    const updated = await repo.updateCase(trx, id, input.version, {
      ...(input.status ? { status: input.status } : {}),
      ...(input.nextOfKinFocalPoint !== undefined
        ? { next_of_kin_focal_point: input.nextOfKinFocalPoint }
        : {}),
      ...(input.authority !== undefined ? { authority: input.authority } : {}),
      ...(input.caseReference !== undefined ? { case_reference: input.caseReference } : {}),
      ...(input.notes !== undefined ? { notes: input.notes } : {}),
    });
    if (!updated) throw versionConflict(found.version);
    const after = presentCase((await repo.findCase(trx, id))!);
    await audit(trx, actor, {
      action: 'serious_crime.update',
      entityType: 'serious_crime_case',
      entityId: id,
      countryCode: scope.countryCode,
      before: { status: found.status, version: found.version },
      after: { status: after.status, version: after.version },
    });
    return after;
  });
}

// ---- distribution lists ------------------------------------------------------------------------

type ListRow = Awaited<ReturnType<typeof repo.listDistributionLists>>[number];
const presentList = (l: ListRow) => ({
  id: l.id,
  name: l.name,
  countryCode: l.country_code,
  categories: l.categories as string[],
  addresses: l.addresses as string[],
  version: l.version,
});

/** Lists for a country are kept by whoever writes incidents there; system-wide lists by admins. */
function mayManage(principal: Principal, countryCode: string | null) {
  return (
    can(principal.grants, 'incident.write', countryCode ? { countryCode } : {}) ||
    principal.grants.some((g) => g.role === 'admin')
  );
}

export async function listDistributionLists(db: Db, principal: Principal) {
  const f = scopeFilter(principal.grants, 'incident.write');
  if (!f) throw forbidden();
  return (await repo.listDistributionLists(db))
    .filter((l) => f.global || (l.country_code !== null && f.countryCodes.includes(l.country_code)))
    .map(presentList);
}

type SaveList = z.infer<typeof saveDistributionList>;

async function checkCountry(db: Db, code: string | null) {
  if (!code) return;
  const c = await db.selectFrom('countries').select('code').where('code', '=', code).executeTakeFirst();
  if (!c) throw invalid('countryCode', `unknown country ${code}`);
}

export async function createDistributionList(db: Db, actor: Actor, input: SaveList) {
  if (!mayManage(actor.principal, input.countryCode))
    throw forbidden('You may not manage distribution lists here');
  await checkCountry(db, input.countryCode);
  return db.transaction().execute(async (trx) => {
    const row = await repo.insertDistributionList(trx, {
      name: input.name,
      country_code: input.countryCode,
      categories: JSON.stringify(input.categories),
      addresses: JSON.stringify([...new Set(input.addresses.map((a) => a.trim()))]),
    });
    const after = presentList(row);
    await audit(trx, actor, {
      action: 'distribution_list.create',
      entityType: 'incident_distribution_list',
      entityId: row.id,
      countryCode: row.country_code,
      after,
    });
    return after;
  });
}

export async function updateDistributionList(
  db: Db,
  actor: Actor,
  id: string,
  input: SaveList & { version: number },
) {
  await checkCountry(db, input.countryCode);
  return db.transaction().execute(async (trx) => {
    const found = await repo.findDistributionList(trx, id);
    if (!found || !mayManage(actor.principal, found.country_code)) throw notFound('Distribution list');
    if (!mayManage(actor.principal, input.countryCode)) throw forbidden('You may not move the list there');
    const row = await repo.updateDistributionList(trx, id, input.version, {
      name: input.name,
      country_code: input.countryCode,
      categories: JSON.stringify(input.categories),
      addresses: JSON.stringify([...new Set(input.addresses.map((a) => a.trim()))]),
    });
    if (!row) throw versionConflict(found.version);
    const after = presentList(row);
    await audit(trx, actor, {
      action: 'distribution_list.update',
      entityType: 'incident_distribution_list',
      entityId: id,
      countryCode: row.country_code,
      before: presentList(found),
      after,
    });
    return after;
  });
}

export async function deleteDistributionList(db: Db, actor: Actor, id: string) {
  return db.transaction().execute(async (trx) => {
    const found = await repo.findDistributionList(trx, id);
    if (!found || !mayManage(actor.principal, found.country_code)) throw notFound('Distribution list');
    const gone = await repo.deleteDistributionList(trx, id);
    if (!gone.numDeletedRows) throw new AppError('conflict', 'The list was removed meanwhile');
    await audit(trx, actor, {
      action: 'distribution_list.delete',
      entityType: 'incident_distribution_list',
      entityId: id,
      countryCode: found.country_code,
      before: presentList(found),
    });
  });
}
