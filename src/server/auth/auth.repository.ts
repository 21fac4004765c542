import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/tables';
import type { Grant } from '../access/rules';

export function findUserByUsername(db: Kysely<DB>, username: string) {
  return db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
    .executeTakeFirst();
}

export function findUserById(db: Kysely<DB>, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function loadGrants(db: Kysely<DB>, userId: string): Promise<Grant[]> {
  const rows = await db
    .selectFrom('role_grants')
    .select(['role', 'scope_type', 'scope_id'])
    .where('user_id', '=', userId)
    .execute();
  return rows.map((r) => ({ role: r.role as Grant['role'], scopeType: r.scope_type, scopeId: r.scope_id }));
}

export async function insertSession(
  db: Kysely<DB>,
  s: { id: string; userId: string; expiresAt: Date; ip: string | null; userAgent: string | null },
) {
  await db
    .insertInto('sessions')
    .values({ id: s.id, user_id: s.userId, expires_at: s.expiresAt, ip: s.ip, user_agent: s.userAgent })
    .execute();
}

/** The user's grants as a JSON array, selected with the session or token in the same query. */
const grantsJson = sql<{ role: string; scopeType: string; scopeId: string | null }[]>`(
  SELECT coalesce(json_agg(json_build_object('role', g.role, 'scopeType', g.scope_type, 'scopeId', g.scope_id)), '[]'::json)
  FROM role_grants g WHERE g.user_id = users.id)`;

export function findLiveSession(db: Kysely<DB>, id: string, now: Date) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'users.id as user_id',
      'users.username',
      'users.display_name',
      'users.organization_id',
      'users.status',
      grantsJson.as('grants'),
    ])
    .where('sessions.id', '=', id)
    .where('sessions.expires_at', '>', now)
    .executeTakeFirst();
}

export async function touchSession(db: Kysely<DB>, id: string, now: Date) {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
}

export async function deleteSession(db: Kysely<DB>, id: string) {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteUserSessions(db: Kysely<DB>, userId: string) {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export async function deleteExpiredSessions(db: Kysely<DB>, now: Date) {
  await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}

export async function recordLoginAttempt(db: Kysely<DB>, username: string, ip: string, success: boolean) {
  await db.insertInto('login_attempts').values({ username: username.toLowerCase(), ip, success }).execute();
}

/** Failed attempts since `since` for this username or from this address. */
export async function countRecentFailures(db: Kysely<DB>, username: string, ip: string, since: Date) {
  const row = await db
    .selectFrom('login_attempts')
    .select((eb) => [
      eb.fn.countAll<number>().filterWhere('username', '=', username.toLowerCase()).as('by_user'),
      eb.fn.countAll<number>().filterWhere('ip', '=', ip).as('by_ip'),
    ])
    .where('success', '=', false)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  return { byUser: Number(row.by_user), byIp: Number(row.by_ip) };
}

export async function markLogin(db: Kysely<DB>, userId: string, at: Date) {
  await db.updateTable('users').set({ last_login_at: at }).where('id', '=', userId).execute();
}

export async function insertApiToken(
  db: Kysely<DB>,
  t: { userId: string; name: string; tokenHash: string; prefix: string; expiresAt: Date | null },
) {
  return db
    .insertInto('api_tokens')
    .values({
      user_id: t.userId,
      name: t.name,
      token_hash: t.tokenHash,
      prefix: t.prefix,
      expires_at: t.expiresAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findLiveToken(db: Kysely<DB>, tokenHash: string, now: Date) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([
      'api_tokens.id',
      'api_tokens.last_used_at',
      'users.id as user_id',
      'users.username',
      'users.display_name',
      'users.organization_id',
      'users.status',
      grantsJson.as('grants'),
    ])
    .where('api_tokens.token_hash', '=', tokenHash)
    .where('api_tokens.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('api_tokens.expires_at', 'is', null), eb('api_tokens.expires_at', '>', now)]))
    .executeTakeFirst();
}

export async function touchToken(db: Kysely<DB>, id: string, now: Date) {
  await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
}

export function listTokens(db: Kysely<DB>, userId: string) {
  return db
    .selectFrom('api_tokens')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .execute();
}

export function revokeToken(db: Kysely<DB>, userId: string, id: string, at: Date) {
  return db
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}
