/**
 * In-trip alerts: who is present where an incident happened (through who-is-where's findPresent,
 * so the presence rules live in one place) and the outbox message that alerts them, written in the
 * caller's transaction.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables';
import { enqueueMessage } from '../threats/advisories.service';
import { findPresent } from '../travel/who.repository';
import type { ResolvedIncident } from './resolve.service';
import {
  type AlertPlace,
  type AlertRecipient,
  alertPlace,
  alertRecipients,
  buildTripAlert,
  type PresentPerson,
  TRIP_ALERT_TOPIC,
  tripAlertKey,
} from './trip-alert';

type Db = Kysely<DB>;
const PAGE = 1000;

/** The ids of everyone present in the place at `at`, personnel and dependants, every organization. */
export async function presentIds(db: Db, place: AlertPlace, at: Date): Promise<string[]> {
  const ids: string[] = [];
  let after: string | undefined;
  for (;;) {
    const { rows } = await findPresent(
      db,
      { place, at, scope: null },
      { limit: PAGE, after, kinds: ['personnel', 'dependant'], now: at },
    );
    for (const r of rows) ids.push(r.id);
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1]!.id;
  }
  return ids;
}

/** Everyone present in the place at `at`, with how to reach them (a dependant through their sponsor). */
export async function presentPeople(db: Db, place: AlertPlace, at: Date): Promise<PresentPerson[]> {
  const ids = await presentIds(db, place, at);
  if (ids.length === 0) return [];
  const out: PresentPerson[] = [];
  for (let i = 0; i < ids.length; i += PAGE) {
    const rows = await db
      .selectFrom('people as p')
      .leftJoin('people as s', 's.id', 'p.sponsor_id')
      .select([
        'p.id',
        'p.kind',
        'p.email',
        'p.user_id',
        's.email as sponsor_email',
        's.given_name as sponsor_given',
        's.family_name as sponsor_family',
      ])
      .where('p.id', 'in', ids.slice(i, i + PAGE))
      .orderBy('p.id')
      .execute();
    for (const r of rows)
      out.push({
        id: r.id,
        kind: r.kind as PresentPerson['kind'],
        email: r.email,
        userId: r.user_id,
        sponsorEmail: r.sponsor_email,
        sponsorName: r.sponsor_given ? `${r.sponsor_given} ${r.sponsor_family ?? ''}`.trim() : null,
      });
  }
  return out;
}

/**
 * Queues the in-trip alert of a newly recorded incident (one message, idempotent per incident);
 * returns how many were alerted. Nothing is queued for a near miss, an incident with no area or
 * point, or when no one present can be reached.
 */
export async function enqueueTripAlert(
  db: Db,
  incident: { id: string; reference: string },
  r: ResolvedIncident,
  publicUrl: string,
  now = new Date(),
): Promise<number> {
  const v = r.values;
  const place = alertPlace({
    relevance: v.relevance,
    areaId: v.area_id ?? null,
    lat: v.lat ?? null,
    lon: v.lon ?? null,
  });
  if (!place) return 0;
  const recipients = alertRecipients(await presentPeople(db, place, now));
  if (recipients.length === 0) return 0;
  const area = v.area_id
    ? await db.selectFrom('areas').select('name').where('id', '=', v.area_id).executeTakeFirst()
    : undefined;
  const occurredAt = v.occurred_at ? new Date(v.occurred_at as string | Date).toISOString() : null;
  await enqueueMessage(db, {
    topic: TRIP_ALERT_TOPIC,
    dedupeKey: tripAlertKey(incident.id),
    payload: buildTripAlert(
      {
        incidentId: incident.id,
        reference: incident.reference,
        categoryName: r.category.name,
        nature: r.category.nature,
        countryCode: v.country_code,
        areaName: area?.name ?? null,
        occurredOn: String(v.occurred_on),
        occurredAt,
      },
      publicUrl,
    ),
    recipients,
  });
  return recipients.length;
}

/** The alert queued for an incident, with the names of the people it was for. */
export async function tripAlertOf(db: Db, incidentId: string) {
  const m = await db
    .selectFrom('outbox')
    .select(['created_at', 'recipients'])
    .where('dedupe_key', '=', tripAlertKey(incidentId))
    .executeTakeFirst();
  if (!m) return undefined;
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
  return {
    alertedAt: new Date(m.created_at as string | Date).toISOString(),
    recipients: raw.map((x) => ({
      ...(x.personId ? { personId: x.personId } : {}),
      ...(x.personId && names.has(x.personId) ? { name: names.get(x.personId)! } : {}),
      email: x.email,
      reason: x.reason,
    })),
  };
}
