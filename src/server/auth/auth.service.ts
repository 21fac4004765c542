import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables';
import type { Grant } from '../access/rules';
import { appendAudit } from '../audit/audit.repository';
import type { AppConfig } from '../config';
import { type Actor, audit, toAuditInput } from '../context';
import { AppError, notFound } from '../errors';
import * as repo from './auth.repository';
import type { Principal } from './principal';
import { decoyHash, digest, newSecret, verifyPassword } from './secrets';

export const SESSION_COOKIE = 'smin_session';
export const API_TOKEN_PREFIX = 'smin_';
/** Last-seen times are written at most this often, so reads do not each cause a write. */
const TOUCH_INTERVAL_MS = 60_000;

export interface LoginResult {
  token: string;
  expiresAt: Date;
  principal: Principal;
}

/**
 * Signs a user in. Failures are counted in the database (not in process memory) so that the
 * limit holds across several app servers; past the limit the answer is 429 whatever the password.
 */
export async function login(
  db: Kysely<DB>,
  config: AppConfig,
  input: { username: string; password: string; ip: string; userAgent: string | null; requestId?: string },
): Promise<LoginResult> {
  const since = new Date(Date.now() - config.login.windowMinutes * 60_000);
  const failures = await repo.countRecentFailures(db, input.username, input.ip, since);
  if (failures.byUser >= config.login.maxFailures || failures.byIp >= config.login.maxFailures * 5) {
    throw new AppError('rate-limited', 'Too many failed sign-in attempts; try again later', undefined, {
      retryAfterSeconds: config.login.windowMinutes * 60,
    });
  }
  const user = await repo.findUserByUsername(db, input.username);
  const ok = user
    ? user.status === 'active' && (await verifyPassword(user.password_hash, input.password))
    : await verifyPassword(await decoyHash(), input.password).then(() => false);
  if (!user || !ok) {
    await db.transaction().execute(async (trx) => {
      await repo.recordLoginAttempt(trx, input.username, input.ip, false);
      await appendAudit(trx, {
        ...toAuditInput(
          { principal: anonymous(input.username), ip: input.ip, requestId: input.requestId },
          {
            action: 'auth.login',
            entityType: 'user',
            entityId: user?.id ?? null,
            orgId: user?.organization_id,
          },
          'denied',
        ),
      });
    });
    throw new AppError('unauthenticated', 'Unknown username or wrong password');
  }
  const token = newSecret();
  const expiresAt = new Date(Date.now() + config.sessionHours * 3_600_000);
  const grants = await repo.loadGrants(db, user.id);
  const principal: Principal = {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    organizationId: user.organization_id,
    grants,
    via: 'session',
  };
  await db.transaction().execute(async (trx) => {
    await repo.insertSession(trx, {
      id: digest(token),
      userId: user.id,
      expiresAt,
      ip: input.ip,
      userAgent: input.userAgent,
    });
    await repo.recordLoginAttempt(trx, input.username, input.ip, true);
    await repo.markLogin(trx, user.id, new Date());
    await audit(
      trx,
      { principal, ip: input.ip, requestId: input.requestId },
      {
        action: 'auth.login',
        entityType: 'user',
        entityId: user.id,
        orgId: user.organization_id,
      },
    );
  });
  return { token, expiresAt, principal };
}

function anonymous(username: string): Principal {
  return { userId: '', username, displayName: username, organizationId: null, grants: [], via: 'system' };
}

/** Resolves a session cookie to its principal; null when absent, expired or the user is disabled. */
export async function principalFromSession(db: Kysely<DB>, token: string): Promise<Principal | null> {
  const now = new Date();
  const s = await repo.findLiveSession(db, digest(token), now);
  if (s?.status !== 'active') return null;
  if (now.getTime() - s.last_seen_at.getTime() > TOUCH_INTERVAL_MS) await repo.touchSession(db, s.id, now);
  return {
    userId: s.user_id,
    username: s.username,
    displayName: s.display_name,
    organizationId: s.organization_id,
    grants: s.grants as Grant[],
    via: 'session',
  };
}

/** Resolves a bearer API token to its principal. */
export async function principalFromToken(db: Kysely<DB>, token: string): Promise<Principal | null> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return null;
  const now = new Date();
  const t = await repo.findLiveToken(db, digest(token), now);
  if (t?.status !== 'active') return null;
  if (!t.last_used_at || now.getTime() - t.last_used_at.getTime() > TOUCH_INTERVAL_MS) {
    await repo.touchToken(db, t.id, now);
  }
  return {
    userId: t.user_id,
    username: t.username,
    displayName: t.display_name,
    organizationId: t.organization_id,
    grants: t.grants as Grant[],
    via: 'token',
  };
}

export async function logout(db: Kysely<DB>, token: string, actor: Actor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await repo.deleteSession(trx, digest(token));
    await audit(trx, actor, { action: 'auth.logout', entityType: 'user', entityId: actor.principal.userId });
  });
}

/** Creates an API token for the caller; the secret is shown once and only its digest is kept. */
export async function createApiToken(
  db: Kysely<DB>,
  actor: Actor,
  input: { name: string; expiresInDays?: number },
) {
  if (actor.principal.via === 'token')
    throw new AppError('forbidden', 'An API token cannot create API tokens');
  const secret = newSecret(API_TOKEN_PREFIX);
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
  return db.transaction().execute(async (trx) => {
    const row = await repo.insertApiToken(trx, {
      userId: actor.principal.userId,
      name: input.name,
      tokenHash: digest(secret),
      prefix: secret.slice(0, API_TOKEN_PREFIX.length + 6),
      expiresAt,
    });
    await audit(trx, actor, {
      action: 'token.create',
      entityType: 'api_token',
      entityId: row.id,
      orgId: actor.principal.organizationId,
      after: { name: row.name, prefix: row.prefix, expiresAt: row.expires_at },
    });
    return { ...presentToken(row), token: secret };
  });
}

export async function listApiTokens(db: Kysely<DB>, principal: Principal) {
  return (await repo.listTokens(db, principal.userId)).map(presentToken);
}

export async function revokeApiToken(db: Kysely<DB>, actor: Actor, id: string) {
  return db.transaction().execute(async (trx) => {
    const row = await repo.revokeToken(trx, actor.principal.userId, id, new Date());
    if (!row) throw notFound('API token');
    await audit(trx, actor, {
      action: 'token.revoke',
      entityType: 'api_token',
      entityId: id,
      orgId: actor.principal.organizationId,
    });
    return presentToken(row);
  });
}

function presentToken(r: Awaited<ReturnType<typeof repo.listTokens>>[number]) {
  return {
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    createdAt: r.created_at.toISOString(),
    expiresAt: r.expires_at?.toISOString() ?? null,
    lastUsedAt: r.last_used_at?.toISOString() ?? null,
    revokedAt: r.revoked_at?.toISOString() ?? null,
  };
}
