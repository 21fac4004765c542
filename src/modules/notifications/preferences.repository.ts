import type { Kysely, Selectable } from 'kysely';
import type { DB, NotificationPreferencesTable } from '../../db/tables';

type Db = Kysely<DB>;
export type PreferencesRow = Selectable<NotificationPreferencesTable>;

export function findPreferences(db: Db, userId: string) {
  return db
    .selectFrom('notification_preferences')
    .selectAll()
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export interface PreferenceValues {
  email_enabled: boolean;
  sms_enabled: boolean;
  phone: string | null;
  language: string;
}

/** First save: false when a row exists already (someone saved meanwhile). */
export async function insertPreferences(db: Db, userId: string, v: PreferenceValues, at: Date) {
  const r = await db
    .insertInto('notification_preferences')
    .values({ user_id: userId, ...v, version: 1, updated_at: at })
    .onConflict((oc) => oc.column('user_id').doNothing())
    .returning('user_id')
    .executeTakeFirst();
  return r !== undefined;
}

/** A later save, only over the version read: false when it changed meanwhile. */
export async function updatePreferences(
  db: Db,
  userId: string,
  version: number,
  v: PreferenceValues,
  at: Date,
) {
  const r = await db
    .updateTable('notification_preferences')
    .set({ ...v, version: version + 1, updated_at: at })
    .where('user_id', '=', userId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Users among `userIds` who turned e-mail off (everyone else gets e-mail: the default). */
export async function emailTurnedOff(db: Db, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('notification_preferences')
    .select('user_id')
    .where('user_id', 'in', userIds)
    .where('email_enabled', '=', false)
    .execute();
  return new Set(rows.map((r) => r.user_id.toLowerCase()));
}

/** Phone numbers of the active users among `userIds` who turned SMS on. */
export async function smsNumbers(db: Db, userIds: string[]): Promise<{ userId: string; phone: string }[]> {
  if (userIds.length === 0) return [];
  const rows = await db
    .selectFrom('notification_preferences as p')
    .innerJoin('users as u', 'u.id', 'p.user_id')
    .select(['p.user_id', 'p.phone'])
    .where('p.user_id', 'in', userIds)
    .where('p.sms_enabled', '=', true)
    .where('p.phone', 'is not', null)
    .where('u.status', '=', 'active')
    .orderBy('p.user_id')
    .execute();
  return rows.map((r) => ({ userId: r.user_id, phone: r.phone! }));
}
