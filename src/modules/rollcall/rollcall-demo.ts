/**
 * A demo roll call in the first demo country (the one with a Designated Official), for its main
 * area, so the board has something to show on a fresh `npm start`: started through the service
 * (audited, messages queued), most people answered safe by link, a few needing help, the rest
 * still to be reached, and one decision logged. A re-run adds nothing.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables';
import type { Actor } from '../../server/context';
import type { DemoData } from '../demo/generator';
import * as repo from './rollcall.repository';
import { logDecision, startRollCall } from './rollcall.service';

export async function seedRollCallDemo(
  db: Kysely<DB>,
  actor: Actor,
  demo: Pick<DemoData, 'areas' | 'users'>,
  publicUrl: string,
  log: (line: string) => void,
): Promise<number> {
  const doUser = demo.users.find((u) => u.grants.some((g) => g.role === 'designated_official'));
  const country = doUser?.grants.find((g) => g.role === 'designated_official')?.scopeCode;
  const area = demo.areas.find((a) => a.countryCode === country);
  if (!country || !area) return 0;
  if ((await db.selectFrom('roll_calls').select('id').limit(1).execute()).length > 0) return 0;
  const lead = doUser ? await repo.activeUserByUsername(db, doUser.username) : undefined;
  const started = await startRollCall(
    db,
    actor,
    {
      area: area.code,
      title: `Drill: gunfire reported near ${area.name}`,
      guidance: 'Stay indoors, away from windows, until the all-clear.',
      escalateAfterMinutes: 30,
    },
    { publicUrl, startedBy: lead ? { id: lead.id, label: lead.display_name } : undefined },
  );
  const people = await db
    .selectFrom('roll_call_people')
    .select('person_id')
    .where('roll_call_id', '=', started.id)
    .orderBy('person_id')
    .execute();
  const ids = people.map((p) => p.person_id);
  const at = new Date();
  // Seven in ten safe, one in twenty needing help, the rest not yet accounted for.
  const safe = ids.filter((_, i) => i % 20 < 14);
  const help = ids.filter((_, i) => i % 20 === 14);
  await repo.recordAnswers(db, started.id, safe, {
    answer: 'safe',
    via: 'web',
    by: 'self',
    at,
    note: null,
    lat: null,
    lon: null,
  });
  await repo.recordAnswers(db, started.id, help, {
    answer: 'need_help',
    via: 'web',
    by: 'self',
    at,
    note: 'Cannot leave the building safely',
    lat: null,
    lon: null,
  });
  await logDecision(
    db,
    actor,
    started.id,
    'Drill: wardens to call their non-responders before the first escalation.',
  );
  log(`rollcall: ${started.reference} for ${area.code} with ${started.people} people`);
  return 1;
}
