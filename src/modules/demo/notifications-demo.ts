/**
 * Demo messages for the inbox and the level-alert list: one area where a demo login is stationed
 * has its threat level raised by a new imported version, so everyone present there, that login
 * among them, receives an in-trip level alert. A re-run adds nothing once an alert exists.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables';
import type { Actor } from '../../server/context';
import { CATEGORIES } from '../threats/rules';
import { importThreatLevels } from '../threats/threat-import.service';

export async function seedNotificationsDemo(db: Kysely<DB>, actor: Actor, log: (line: string) => void) {
  if (await db.selectFrom('outbox').select('id').where('topic', '=', 'threat.level_alert').executeTakeFirst())
    return;
  const place = await db
    .selectFrom('people as p')
    .innerJoin('duty_stations as s', 's.id', 'p.duty_station_id')
    .innerJoin('areas as a', 'a.id', 's.area_id')
    .innerJoin('threat_assessments as t', (j) =>
      j.onRef('t.area_id', '=', 'a.id').on('t.status', '=', 'published'),
    )
    .select(['a.code', 't.id', 't.effective_date'])
    .where('p.user_id', 'is not', null)
    .orderBy('a.code')
    .limit(1)
    .executeTakeFirst();
  if (!place) return;
  const current = await db
    .selectFrom('threat_levels')
    .select(['category', 'level'])
    .where('assessment_id', '=', place.id)
    .execute();
  const levelOf = (c: string) => current.find((l) => l.category === c)?.level ?? 1;
  // Civil unrest rises by one (crime when civil unrest is already at the top).
  const raised = levelOf('civil_unrest') < 6 ? 'civil_unrest' : 'crime';
  const today = new Date().toISOString().slice(0, 10);
  // Not before the current version (the import refuses an older date).
  const date = [String(place.effective_date), today].sort()[1]!;
  const rows = CATEGORIES.map((category, i) => ({
    line: i + 2,
    values: {
      area: place.code,
      category,
      level: String(Math.min(6, levelOf(category) + (category === raised ? 1 : 0))),
      date,
    },
  }));
  const r = await importThreatLevels(db, actor, rows);
  if (r.published > 0)
    log(`notifications: ${raised.replace('_', ' ')} raised in ${place.code}; level alert queued`);
}
