import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables';
import { can, scopeFilter } from '../../server/access/rules';
import type { Principal } from '../../server/auth/principal';
import { type Actor, audit } from '../../server/context';
import { forbidden, invalid, notFound, versionConflict } from '../../server/errors';
import { presentPremises } from './present';
import * as repo from './registry.repository';
import type { CreatePremises, UpdatePremises } from './registry.schema';
import { normaliseCode } from './rules';

type Db = Kysely<DB>;

/** Premises are need-to-know: each reader sees only those of their organizations, countries or areas. */
export async function listPremises(
  db: Db,
  principal: Principal,
  f: { country?: string; organization?: string; q?: string },
) {
  const filter = scopeFilter(principal.grants, 'premises.read');
  if (!filter) throw forbidden('Your roles do not include reading premises');
  let organizationId: string | undefined;
  if (f.organization) {
    const org = await repo.findOrganizationByCode(db, f.organization);
    if (!org) return [];
    organizationId = org.id;
  }
  const rows = await repo.listPremises(
    db,
    { country: f.country, organizationId, q: f.q },
    filter.global ? null : filter,
  );
  return rows.map(presentPremises);
}

function scopeOf(r: { organization_id: string; country_code: string; area_id: string }) {
  return { organizationId: r.organization_id, countryCode: r.country_code, areaId: r.area_id };
}

export async function getPremises(db: Db, principal: Principal, id: string) {
  const r = await repo.findPremisesById(db, id);
  // Out of scope reads as absent, so the existence of other organizations' premises does not leak.
  if (!r || !can(principal.grants, 'premises.read', scopeOf(r))) throw notFound('Premises');
  return presentPremises(r);
}

async function resolveRefs(db: Db, organizationCode: string | undefined, stationCode: string | undefined) {
  const org = organizationCode ? await repo.findOrganizationByCode(db, organizationCode) : undefined;
  if (organizationCode && !org)
    throw invalid('organizationCode', `no organization has the code ${organizationCode}`);
  const station = stationCode ? await repo.findStationByCode(db, stationCode) : undefined;
  if (stationCode && !station) throw invalid('stationCode', `no duty station has the code ${stationCode}`);
  return { org, station };
}

export async function createPremises(db: Db, actor: Actor, input: CreatePremises) {
  return db.transaction().execute(async (trx) => {
    const { org, station } = await resolveRefs(trx, input.organizationCode, input.stationCode);
    const scope = { organizationId: org!.id, countryCode: station!.country_code, areaId: station!.area_id };
    if (!can(actor.principal.grants, 'premises.write', scope))
      throw forbidden('You may not add premises here');
    const row = await repo.insertPremises(trx, {
      code: normaliseCode(input.code),
      name: input.name,
      kind: input.kind,
      organization_id: org!.id,
      station_id: station!.id,
      lat: input.lat ?? null,
      lon: input.lon ?? null,
      address: input.address ?? '',
    });
    const after = presentPremises(row);
    await audit(trx, actor, {
      action: 'premises.create',
      entityType: 'premises',
      entityId: row.id,
      orgId: row.organization_id,
      countryCode: row.country_code,
      after,
    });
    return after;
  });
}

export async function updatePremises(db: Db, actor: Actor, id: string, input: UpdatePremises) {
  return db.transaction().execute(async (trx) => {
    const found = await repo.findPremisesById(trx, id);
    if (!found || !can(actor.principal.grants, 'premises.read', scopeOf(found))) throw notFound('Premises');
    if (!can(actor.principal.grants, 'premises.write', scopeOf(found))) throw forbidden();
    const { station } = await resolveRefs(trx, undefined, input.stationCode);
    if (
      station &&
      !can(actor.principal.grants, 'premises.write', {
        ...scopeOf(found),
        countryCode: station.country_code,
        areaId: station.area_id,
      })
    ) {
      throw forbidden(`You may not move premises to ${station.code}`);
    }
    const { stationCode: _s, version, ...rest } = input;
    const updated = await repo.updatePremises(trx, id, version, {
      ...rest,
      ...(station ? { station_id: station.id } : {}),
    });
    if (!updated) throw versionConflict(found.version);
    await audit(trx, actor, {
      action: 'premises.update',
      entityType: 'premises',
      entityId: id,
      orgId: found.organization_id,
      countryCode: updated.country_code,
      before: presentPremises(found),
      after: presentPremises(updated),
    });
    return presentPremises(updated);
  });
}
