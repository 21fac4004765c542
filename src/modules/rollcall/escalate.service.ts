/**
 * Escalation of non-responders (DOMAIN.md §8): once a roll call's period has passed, each warden
 * gets the list of their zone's people not yet accounted for, with the person to call; people with
 * no warden go to whoever started the roll call. Again each period until they are accounted for.
 * Idempotent per roll call, round and recipient, so every app server may run it.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables';
import { wardensOfZones } from '../wardens/membership.repository';
import * as repo from './rollcall.repository';
import { escalationRound } from './rules';

type Db = Kysely<DB>;
export const ESCALATION_TOPIC = 'rollcall.escalation';
const MAX_LISTED = 200;

type Due = Awaited<ReturnType<typeof repo.dueForEscalation>>[number];

function listText(people: Due[]): string {
  const lines = people.slice(0, MAX_LISTED).map((p) => {
    const who = p.kind === 'dependant' ? ' (dependant)' : '';
    const reach =
      [p.contact_phone, p.contact_email].filter(Boolean).join(', ') || 'no phone or e-mail on file';
    return `- ${p.given_name} ${p.family_name}${who}, ${p.organization}: ${reach}`;
  });
  if (people.length > MAX_LISTED) lines.push(`… and ${people.length - MAX_LISTED} more on the board`);
  return lines.join('\n');
}

/** Runs every due escalation; returns how many people were escalated. */
export async function sweepEscalations(db: Db, opts: { publicUrl: string; now?: Date }): Promise<number> {
  const now = opts.now ?? new Date();
  let escalated = 0;
  for (const rc of await repo.openRollCalls(db)) {
    const round = escalationRound(new Date(rc.started_at), rc.escalate_after_min, now);
    if (round < 1) continue;
    escalated += await escalate(db, rc, round, opts.publicUrl, now);
  }
  return escalated;
}

async function escalate(
  db: Db,
  rc: Awaited<ReturnType<typeof repo.openRollCalls>>[number],
  round: number,
  publicUrl: string,
  now: Date,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const due = await repo.dueForEscalation(trx, rc.id, round);
    if (due.length === 0) return 0;
    const wardens = await wardensOfZones(
      trx,
      due.map((d) => d.zone_id).filter((z): z is string => z !== null),
    );
    const byWarden = new Map<string, { name: string; people: Due[] }>();
    const unassigned: Due[] = [];
    for (const d of due) {
      const ws = d.zone_id ? (wardens.get(d.zone_id) ?? []) : [];
      if (ws.length === 0) unassigned.push(d);
      for (const w of ws) {
        const entry = byWarden.get(w.userId) ?? { name: w.name, people: [] };
        entry.people.push(d);
        byWarden.set(w.userId, entry);
      }
    }
    const url = `${publicUrl}/rollcalls/${rc.id}`;
    const messages = [...byWarden.entries()].map(([userId, w]) => ({
      topic: ESCALATION_TOPIC,
      dedupe_key: `rollcall:${rc.id}:escalation:${round}:${userId}`,
      recipients: [{ userId, reason: 'warden' }],
      payload: {
        subject: `Roll call ${rc.reference}: ${w.people.length} in your zone not accounted for`,
        text: `${rc.title}\n\nPlease reach these people and record their answer on the board:\n\n${listText(w.people)}`,
        url,
        rollCallId: rc.id,
        round,
      },
    }));
    if (unassigned.length > 0 && rc.started_by)
      messages.push({
        topic: ESCALATION_TOPIC,
        dedupe_key: `rollcall:${rc.id}:escalation:${round}:no-warden`,
        recipients: [{ userId: rc.started_by, reason: 'started the roll call' }],
        payload: {
          subject: `Roll call ${rc.reference}: ${unassigned.length} not accounted for have no warden`,
          text: `${rc.title}\n\nNobody is warden for these people; please reach them:\n\n${listText(unassigned)}`,
          url,
          rollCallId: rc.id,
          round,
        },
      });
    await repo.enqueueMany(trx, messages);
    await repo.markEscalated(
      trx,
      rc.id,
      due.map((d) => d.person_id),
      round,
      now,
    );
    await repo.appendLog(trx, {
      roll_call_id: rc.id,
      kind: 'escalated',
      actor_label: 'OpenSMIN',
      at: now,
      text: `Round ${round}: ${due.length} not accounted for; ${due.length - unassigned.length} sent to ${byWarden.size} warden${byWarden.size === 1 ? '' : 's'}${unassigned.length ? `, ${unassigned.length} without a warden sent to ${rc.started_by ? 'the roll call’s starter' : 'nobody (started from the command line)'}` : ''}.`,
    });
    return due.length;
  });
}
