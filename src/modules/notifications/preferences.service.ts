import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables';
import type { Principal } from '../../server/auth/principal';
import { type Actor, audit } from '../../server/context';
import { forbidden, versionConflict } from '../../server/errors';
import * as repo from './preferences.repository';
import type { Preferences, UpdatePreferences } from './preferences.schema';

type Db = Kysely<DB>;

const DEFAULTS = { email_enabled: true, sms_enabled: false, phone: null, language: 'en' } as const;

function present(row: repo.PreferencesRow | undefined): Preferences {
  const r = row ?? { ...DEFAULTS, version: 0, updated_at: null };
  return {
    emailEnabled: r.email_enabled,
    smsEnabled: r.sms_enabled,
    phone: r.phone,
    language: r.language,
    version: r.version,
    updatedAt: r.updated_at ? new Date(r.updated_at).toISOString() : null,
  };
}

function userOf(p: Principal): string {
  if (p.via === 'system') throw forbidden('Notification preferences belong to a signed-in user');
  return p.userId;
}

/** The signed-in user's own channels and language (the defaults until they save any). */
export async function getMyPreferences(db: Db, principal: Principal): Promise<Preferences> {
  return present(await repo.findPreferences(db, userOf(principal)));
}

/** Saves the signed-in user's channels and language, over the version they read; audited. */
export async function updateMyPreferences(
  db: Db,
  actor: Actor,
  input: UpdatePreferences,
): Promise<Preferences> {
  const userId = userOf(actor.principal);
  const values: repo.PreferenceValues = {
    email_enabled: input.emailEnabled,
    sms_enabled: input.smsEnabled,
    phone: input.phone,
    language: input.language,
  };
  return db.transaction().execute(async (trx) => {
    const before = await repo.findPreferences(trx, userId);
    const current = before?.version ?? 0;
    if (current !== input.version) throw versionConflict(current);
    const now = new Date();
    const ok = before
      ? await repo.updatePreferences(trx, userId, input.version, values, now)
      : await repo.insertPreferences(trx, userId, values, now);
    if (!ok) throw versionConflict(current + 1);
    const after = (await repo.findPreferences(trx, userId))!;
    await audit(trx, actor, {
      action: 'notification_preferences.update',
      entityType: 'notification_preferences',
      entityId: userId,
      orgId: actor.principal.organizationId,
      before: before ? present(before) : undefined,
      after: present(after),
    });
    return present(after);
  });
}
