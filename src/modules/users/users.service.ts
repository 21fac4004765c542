import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables';
import {
  can,
  canGrant,
  type Grant,
  ROLE_LABELS,
  ROLE_SCOPES,
  ROLES,
  scopeFilter,
} from '../../server/access/rules';
import type { Principal } from '../../server/auth/principal';
import { hashPassword } from '../../server/auth/secrets';
import { type Actor, audit } from '../../server/context';
import { AppError, forbidden, invalid, notFound, versionConflict } from '../../server/errors';
import { areaByCode, getArea, getCountry } from '../registry/geography.service';
import { listOrganizations, organizationByCode } from '../registry/organizations.service';
import * as repo from './users.repository';
import type { CreateGrant, CreateUser, UpdateUser, User } from './users.schema';

type Db = Kysely<DB>;

export function listRoles() {
  return ROLES.map((role) => ({ role, label: ROLE_LABELS[role], scopes: [...ROLE_SCOPES[role]] }));
}

async function present(db: Db, rows: repo.UserRow[]): Promise<User[]> {
  const grants = await repo.grantsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    email: r.email,
    organizationId: r.organization_id,
    organizationCode: r.organization_code,
    status: r.status,
    grants: grants
      .filter((g) => g.user_id === r.id)
      .map((g) => ({
        id: g.id,
        role: g.role as Grant['role'],
        scopeType: g.scope_type,
        scopeId: g.scope_id,
      })),
    lastLoginAt: r.last_login_at?.toISOString() ?? null,
    version: r.version,
  }));
}

/** Users the caller may see: all for global readers, their organizations' people otherwise. */
export async function listUsers(db: Db, principal: Principal, f: { organization?: string; q?: string }) {
  const filter = scopeFilter(principal.grants, 'users.read');
  if (!filter) throw forbidden('Your roles do not include reading users');
  const org = f.organization ? await organizationByCode(db, f.organization) : null;
  if (f.organization && !org) return [];
  const rows = await repo.listUsers(
    db,
    { organizationId: org?.id, q: f.q },
    filter.global ? null : filter.organizationIds,
  );
  return present(db, rows);
}

async function visibleUser(db: Db, principal: Principal, id: string) {
  const row = await repo.findUser(db, id);
  if (!row || !can(principal.grants, 'users.read', { organizationId: row.organization_id }))
    throw notFound('User');
  return row;
}

export async function getUser(db: Db, principal: Principal, id: string) {
  return (await present(db, [await visibleUser(db, principal, id)]))[0]!;
}

export async function createUser(db: Db, actor: Actor, input: CreateUser) {
  const org = input.organizationCode ? await organizationByCode(db, input.organizationCode) : null;
  if (input.organizationCode && !org)
    throw invalid('organizationCode', `no organization has the code ${input.organizationCode}`);
  if (!can(actor.principal.grants, 'users.write', { organizationId: org?.id ?? null })) {
    throw forbidden(
      org
        ? `You may not create users in ${org.code}`
        : 'Only administrators create users without an organization',
    );
  }
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return db.transaction().execute(async (trx) => {
    const row = await repo.insertUser(trx, {
      username: input.username,
      displayName: input.displayName,
      email: input.email ?? null,
      organizationId: org?.id ?? null,
      passwordHash,
    });
    const [after] = await present(trx, [row]);
    await audit(trx, actor, {
      action: 'user.create',
      entityType: 'user',
      entityId: row.id,
      orgId: row.organization_id,
      after,
    });
    return after!;
  });
}

export async function updateUser(db: Db, actor: Actor, id: string, input: UpdateUser) {
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  return db.transaction().execute(async (trx) => {
    const found = await visibleUser(trx, actor.principal, id);
    if (!can(actor.principal.grants, 'users.write', { organizationId: found.organization_id }))
      throw forbidden();
    const updated = await repo.updateUser(trx, id, input.version, {
      ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
      ...(input.email !== undefined ? { email: input.email } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
      ...(passwordHash ? { password_hash: passwordHash } : {}),
    });
    if (!updated) throw versionConflict(found.version);
    // A disabled account or a new password ends every open session of that user.
    if (input.status === 'disabled' || passwordHash) await repo.deleteSessionsOf(trx, id);
    const [before] = await present(trx, [found]);
    const [after] = await present(trx, [updated]);
    await audit(trx, actor, {
      action: 'user.update',
      entityType: 'user',
      entityId: id,
      orgId: found.organization_id,
      before,
      after,
      detail: passwordHash ? { passwordChanged: true } : undefined,
    });
    return after!;
  });
}

/** Checks that a grant's scope names something that exists; returns the normalised scope id. */
async function resolveScope(db: Db, g: CreateGrant): Promise<string | null> {
  if (g.scopeType === 'global') {
    if (g.scopeId) throw invalid('scopeId', 'a global grant has no scope id');
    return null;
  }
  if (!g.scopeId) throw invalid('scopeId', `a ${g.scopeType} grant needs a scope id`);
  if (g.scopeType === 'organization') {
    const orgs = await listOrganizations(db);
    const org = orgs.find((o) => o.id === g.scopeId || o.code.toLowerCase() === g.scopeId!.toLowerCase());
    if (!org) throw invalid('scopeId', `no organization ${g.scopeId}`);
    return org.id;
  }
  if (g.scopeType === 'country') {
    const code = g.scopeId.toUpperCase();
    await getCountry(db, code).catch(() => {
      throw invalid('scopeId', `no country ${g.scopeId}`);
    });
    return code;
  }
  const area = /^[0-9a-f-]{36}$/i.test(g.scopeId)
    ? await getArea(db, g.scopeId).catch(() => null)
    : await areaByCode(db, g.scopeId);
  if (!area) throw invalid('scopeId', `no area ${g.scopeId}`);
  return area.id;
}

export async function addGrant(db: Db, actor: Actor, userId: string, input: CreateGrant) {
  const target = await visibleUser(db, actor.principal, userId);
  if (!ROLE_SCOPES[input.role].includes(input.scopeType)) {
    throw invalid(
      'scopeType',
      `${ROLE_LABELS[input.role]} is granted over ${ROLE_SCOPES[input.role].join(' or ')}`,
    );
  }
  const scopeId = await resolveScope(db, input);
  const grant: Grant = { role: input.role, scopeType: input.scopeType, scopeId };
  if (!canGrant(actor.principal.grants, grant))
    throw forbidden('You may not grant this role over this scope');
  if (
    grant.scopeType === 'organization' &&
    target.organization_id &&
    target.organization_id !== scopeId &&
    !actor.principal.grants.some((g) => g.role === 'admin')
  ) {
    throw forbidden('Organizations grant access to their own people only');
  }
  return db.transaction().execute(async (trx) => {
    const row = await repo.insertGrant(trx, {
      userId,
      ...grant,
      grantedBy: actor.principal.via === 'system' ? null : actor.principal.userId,
    });
    const after = { id: row.id, role: row.role, scopeType: row.scope_type, scopeId: row.scope_id };
    await audit(trx, actor, {
      action: 'grant.create',
      entityType: 'user',
      entityId: userId,
      orgId: target.organization_id,
      after,
    });
    return after as User['grants'][number];
  });
}

export async function removeGrant(db: Db, actor: Actor, userId: string, grantId: string) {
  const target = await visibleUser(db, actor.principal, userId);
  const g = await repo.findGrant(db, userId, grantId);
  if (!g) throw notFound('Grant');
  const grant: Grant = { role: g.role as Grant['role'], scopeType: g.scope_type, scopeId: g.scope_id };
  if (!canGrant(actor.principal.grants, grant)) throw forbidden('You may not revoke this grant');
  if (userId === actor.principal.userId && g.role === 'admin') {
    throw new AppError('conflict', 'You cannot remove your own administrator role');
  }
  await db.transaction().execute(async (trx) => {
    await repo.deleteGrant(trx, grantId);
    await audit(trx, actor, {
      action: 'grant.delete',
      entityType: 'user',
      entityId: userId,
      orgId: target.organization_id,
      before: { id: g.id, role: g.role, scopeType: g.scope_type, scopeId: g.scope_id },
    });
  });
}
