/**
 * In-trip alerts when a level rises: who is present (who-is-where, through the incidents module's
 * presentPeople, so the presence rules live in one place), the outbox message written in the
 * caller's transaction, and who was alerted, for the security office.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/tables';
import { can } from '../../server/access/rules';
import type { Principal } from '../../server/auth/principal';
import { forbidden } from '../../server/errors';
import { type AlertPlace, type AlertRecipient, alertRecipients } from '../incidents/trip-alert';
import { presentPeople } from '../incidents/trip-alert.repository';
import * as outbox from './advisories.repository';
import {
  buildLevelAlert,
  LEVEL_ALERT_TOPIC,
  type LevelAlertKind,
  levelAlertKey,
  levelRises,
} from './level-alert';
import { CATEGORIES, type Category, type CategoryLevels, type Level, type LevelChange } from './rules';

type Db = Kysely<DB>;

export interface LevelSubject {
  kind: LevelAlertKind;
  id: string;
  countryCode: string;
  areaId: string | null;
  /** The advisory's published guidance (advisories only). */
  guidance?: string | null;
}

/**
 * Queues the alert of a version that was just published with `changes` against the version before
 * it (call in the publishing transaction). Nothing when no level rose or nobody present can be
 * reached; idempotent per version and levels. Returns how many were alerted.
 */
export async function enqueueLevelAlert(
  db: Db,
  s: LevelSubject,
  changes: readonly { category: Category; from: number | null; to: number }[],
  levels: CategoryLevels,
  now = new Date(),
): Promise<number> {
  // Levels are 1–6 wherever they come from (stored versions, presented changes).
  const rises = levelRises(changes as readonly LevelChange[]);
  if (rises.length === 0) return 0;
  // An area's version alerts the area; a country advisory, everyone present in the country.
  // presentPeople hands the place to who-is-where's findPresent, which takes a country as well.
  const place = (s.areaId ? { areaId: s.areaId } : { countryCode: s.countryCode }) as AlertPlace;
  const recipients = alertRecipients(await presentPeople(db, place, now));
  if (recipients.length === 0) return 0;
  const area = s.areaId
    ? await db.selectFrom('areas').select(['code', 'name']).where('id', '=', s.areaId).executeTakeFirst()
    : undefined;
  await outbox.enqueue(db, {
    topic: LEVEL_ALERT_TOPIC,
    dedupeKey: levelAlertKey(s.kind, s.id, levels),
    payload: buildLevelAlert(
      {
        kind: s.kind,
        id: s.id,
        countryCode: s.countryCode,
        areaId: s.areaId,
        areaCode: area?.code ?? null,
        areaName: area?.name ?? null,
        guidance: s.guidance ?? null,
      },
      rises,
    ),
    recipients,
  });
  return recipients.length;
}

export const levelAlertList = z.object({
  alertedAt: z.string().nullable(),
  recipients: z.array(
    z.object({
      personId: z.string().optional(),
      name: z.string().optional(),
      email: z.string(),
      reason: z.string(),
    }),
  ),
  count: z.number().int(),
});
export type LevelAlertList = z.infer<typeof levelAlertList>;

/** Levels of a presented version ({category, level}[]) in the form the key is made of. */
export function levelsOfPresented(levels: { category: string; level: number }[]): CategoryLevels {
  return Object.fromEntries(
    CATEGORIES.map((c) => [c, (levels.find((l) => l.category === c)?.level ?? 1) as Level]),
  ) as CategoryLevels;
}

/**
 * Who was alerted of a version: the caller must already read the version (checked by the caller
 * through the assessment or advisory service) and hold location.read where it applies.
 */
export async function levelAlertOf(
  db: Db,
  principal: Principal,
  v: { kind: LevelAlertKind; id: string; countryCode: string; areaId: string | null; levels: CategoryLevels },
): Promise<LevelAlertList> {
  if (!can(principal.grants, 'location.read', { countryCode: v.countryCode, areaId: v.areaId }))
    throw forbidden('Your roles do not include who-is-where there');
  const m = await db
    .selectFrom('outbox')
    .select(['created_at', 'recipients'])
    .where('dedupe_key', '=', levelAlertKey(v.kind, v.id, v.levels))
    .executeTakeFirst();
  if (!m) return { alertedAt: null, recipients: [], count: 0 };
  const raw = (
    typeof m.recipients === 'string' ? JSON.parse(m.recipients) : m.recipients
  ) as AlertRecipient[];
  const personIds = [...new Set(raw.map((x) => x.personId).filter(Boolean))];
  const names = new Map<string, string>();
  if (personIds.length)
    for (const p of await db
      .selectFrom('people')
      .select(['id', 'given_name', 'family_name'])
      .where('id', 'in', personIds)
      .execute())
      names.set(p.id, `${p.given_name} ${p.family_name}`);
  const recipients = raw.map((x) => ({
    ...(x.personId ? { personId: x.personId } : {}),
    ...(x.personId && names.has(x.personId) ? { name: names.get(x.personId)! } : {}),
    email: x.email,
    reason: x.reason,
  }));
  return { alertedAt: new Date(m.created_at).toISOString(), recipients, count: recipients.length };
}
