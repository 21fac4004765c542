/**
 * A demo relocation list in the first demo country (the one with a Designated Official), for its
 * main area, so the crisis screens have something to show on a fresh `npm start`: made through the
 * service (audited) from the demo's who-is-where, a few people confirmed and one moved. A re-run
 * adds nothing.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables';
import type { Actor } from '../../server/context';
import type { DemoData } from '../demo/generator';
import { createList, updateRow } from './lists.service';

export async function seedCrisisDemo(
  db: Kysely<DB>,
  actor: Actor,
  demo: Pick<DemoData, 'areas' | 'users'>,
  log: (line: string) => void,
): Promise<number> {
  const doUser = demo.users.find((u) => u.grants.some((g) => g.role === 'designated_official'));
  const country = doUser?.grants.find((g) => g.role === 'designated_official')?.scopeCode;
  const area = demo.areas.find((a) => a.countryCode === country);
  if (!country || !area) return 0;
  const existing = await db
    .selectFrom('crisis_lists')
    .select('id')
    .where('country_code', '=', country)
    .limit(1);
  if ((await existing.execute()).length > 0) return 0;
  const list = await createList(db, actor, {
    kind: 'relocation',
    area: area.code,
    title: `Relocation drill: ${area.name} to the regional hub`,
    destination: 'Regional hub compound (drill)',
  });
  const [moved, ...rest] = list.rows;
  if (moved) {
    const confirmed = await updateRow(db, actor, list.id, moved.personId, {
      status: 'confirmed',
      version: 1,
    });
    await updateRow(db, actor, list.id, moved.personId, { status: 'moved', version: confirmed.version });
  }
  for (const r of rest.slice(0, 3))
    await updateRow(db, actor, list.id, r.personId, { status: 'confirmed', version: r.version });
  log(`crisis: relocation list ${list.reference} for ${area.code} with ${list.totals.people} people`);
  return 1;
}
