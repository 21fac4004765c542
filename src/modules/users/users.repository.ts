import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/tables';

type Db = Kysely<DB>;

const userColumns = (db: Db) =>
  db
    .selectFrom('users as u')
    .leftJoin('organizations as o', 'o.id', 'u.organization_id')
    .select([
      'u.id',
      'u.username',
      'u.display_name',
      'u.email',
      'u.organization_id',
      'o.code as organization_code',
      'u.status',
      'u.last_login_at',
      'u.version',
    ]);
export type UserRow = Awaited<ReturnType<ReturnType<typeof userColumns>['executeTakeFirstOrThrow']>>;

export function listUsers(db: Db, f: { organizationId?: string; q?: string }, orgScope: string[] | null) {
  let q = userColumns(db).orderBy('u.username');
  if (f.organizationId) q = q.where('u.organization_id', '=', f.organizationId);
  if (f.q)
    q = q.where((eb) =>
      eb.or([eb('u.username', 'ilike', `%${f.q}%`), eb('u.display_name', 'ilike', `%${f.q}%`)]),
    );
  if (orgScope)
    q = orgScope.length ? q.where('u.organization_id', 'in', orgScope) : q.where(sql<boolean>`false`);
  return q.execute();
}

export const findUser = (db: Db, id: string) => userColumns(db).where('u.id', '=', id).executeTakeFirst();

export function grantsOf(db: Db, userIds: string[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('role_grants')
    .select(['id', 'user_id', 'role', 'scope_type', 'scope_id'])
    .where('user_id', 'in', userIds)
    .orderBy('created_at')
    .execute();
}

export async function insertUser(
  db: Db,
  v: {
    username: string;
    displayName: string;
    email: string | null;
    organizationId: string | null;
    passwordHash: string | null;
  },
) {
  const { id } = await db
    .insertInto('users')
    .values({
      username: v.username,
      display_name: v.displayName,
      email: v.email,
      organization_id: v.organizationId,
      password_hash: v.passwordHash,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return (await findUser(db, id))!;
}

export async function updateUser(
  db: Db,
  id: string,
  version: number,
  v: Partial<{
    display_name: string;
    email: string | null;
    status: 'active' | 'disabled';
    password_hash: string;
  }>,
) {
  const r = await db
    .updateTable('users')
    .set({ ...v, version: sql`version + 1`, updated_at: new Date() })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  return r ? findUser(db, id) : undefined;
}

export function insertGrant(
  db: Db,
  v: {
    userId: string;
    role: string;
    scopeType: 'global' | 'organization' | 'country' | 'area';
    scopeId: string | null;
    grantedBy: string | null;
  },
) {
  return db
    .insertInto('role_grants')
    .values({
      user_id: v.userId,
      role: v.role,
      scope_type: v.scopeType,
      scope_id: v.scopeId,
      granted_by: v.grantedBy,
    })
    .returning(['id', 'role', 'scope_type', 'scope_id'])
    .executeTakeFirstOrThrow();
}

export const findGrant = (db: Db, userId: string, grantId: string) =>
  db
    .selectFrom('role_grants')
    .selectAll()
    .where('id', '=', grantId)
    .where('user_id', '=', userId)
    .executeTakeFirst();

export async function deleteGrant(db: Db, grantId: string) {
  await db.deleteFrom('role_grants').where('id', '=', grantId).execute();
}

export async function deleteSessionsOf(db: Db, userId: string) {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}
