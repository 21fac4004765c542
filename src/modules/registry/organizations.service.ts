import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables';
import { can } from '../../server/access/rules';
import { type Actor, audit } from '../../server/context';
import { AppError, forbidden, invalid, notFound, versionConflict } from '../../server/errors';
import { presentOrganization } from './present';
import * as repo from './registry.repository';
import type { CreateOrganization, Organization, UpdateOrganization } from './registry.schema';
import { normaliseCode } from './rules';

export async function listOrganizations(db: Kysely<DB>): Promise<Organization[]> {
  return (await repo.listOrganizations(db)).map(presentOrganization);
}

/** Resolves an organization by code, or null; used by other modules and imports. */
export async function organizationByCode(db: Kysely<DB>, code: string): Promise<Organization | null> {
  const r = await repo.findOrganizationByCode(db, code);
  return r ? presentOrganization(r) : null;
}

async function countedInId(db: Kysely<DB>, code: string | null | undefined, selfId?: string) {
  if (code === undefined) return undefined;
  if (code === null) return null;
  const parent = await repo.findOrganizationByCode(db, code);
  if (!parent) throw invalid('countedInCode', `no organization has the code ${code}`);
  if (parent.id === selfId) throw invalid('countedInCode', 'an organization cannot be counted inside itself');
  if (parent.counted_in_id) {
    throw invalid('countedInCode', `${parent.code} is itself counted inside another organization`);
  }
  return parent.id;
}

export async function createOrganization(db: Kysely<DB>, actor: Actor, input: CreateOrganization) {
  if (!can(actor.principal.grants, 'org.create')) throw forbidden('Only administrators create organizations');
  return db.transaction().execute(async (trx) => {
    const row = await repo.insertOrganization(trx, {
      code: normaliseCode(input.code),
      name: input.name,
      type: input.type,
      countedInId: (await countedInId(trx, input.countedInCode)) ?? null,
    });
    const after = presentOrganization(row);
    await audit(trx, actor, {
      action: 'organization.create',
      entityType: 'organization',
      entityId: row.id,
      orgId: row.id,
      after,
    });
    return after;
  });
}

export async function updateOrganization(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
  input: UpdateOrganization,
) {
  return db.transaction().execute(async (trx) => {
    const found = await repo.findOrganizationById(trx, id);
    if (!found) throw notFound('Organization');
    if (!can(actor.principal.grants, 'org.write', { organizationId: id })) throw forbidden();
    const parentId = await countedInId(trx, input.countedInCode, id);
    if (parentId && (await isParentOfOthers(trx, id))) {
      throw new AppError(
        'conflict',
        'Other organizations are counted inside this one; it cannot be counted inside another',
      );
    }
    const updated = await repo.updateOrganization(trx, id, input.version, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.type !== undefined ? { type: input.type } : {}),
      ...(parentId !== undefined ? { counted_in_id: parentId } : {}),
    });
    if (!updated) throw versionConflict(found.version);
    const before = presentOrganization(found);
    const after = presentOrganization(updated);
    await audit(trx, actor, {
      action: 'organization.update',
      entityType: 'organization',
      entityId: id,
      orgId: id,
      before,
      after,
    });
    return after;
  });
}

async function isParentOfOthers(db: Kysely<DB>, id: string) {
  return (await repo.listOrganizations(db)).some((o) => o.counted_in_id === id);
}
