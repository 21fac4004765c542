/**
 * In-trip alerts (issue 7, DOMAIN.md §8): when an incident is recorded, everyone present where it
 * happened (from who-is-where, travellers and dependants included) is told what happened and what
 * to do. Pure rules here; the query and the outbox write are in trip-alert.repository.ts.
 *
 * Where: the incident's area when it has one; otherwise, when it has coordinates, everyone within
 * TRIP_ALERT_KM of its point; an incident with neither (country only) alerts no one, as a whole
 * country is too broad for an alert about one event. Near misses alert no one.
 * What: category, place and time only. The title, narrative, victims and sensitive details are
 * never in the alert: e-mail is not a need-to-know channel.
 */

export const TRIP_ALERT_TOPIC = 'incident.trip_alert';
export const TRIP_ALERT_KM = 25;

export const tripAlertKey = (incidentId: string) => `${TRIP_ALERT_TOPIC}:${incidentId}`;

export type AlertPlace = { areaId: string } | { near: { lat: number; lon: number; km: number } };

/** Where to alert, or null when the incident alerts no one. */
export function alertPlace(i: {
  relevance: string;
  areaId: string | null;
  lat: number | null;
  lon: number | null;
}): AlertPlace | null {
  if (i.relevance !== 'organization' && i.relevance !== 'situational') return null;
  if (i.areaId) return { areaId: i.areaId };
  if (i.lat !== null && i.lon !== null) return { near: { lat: i.lat, lon: i.lon, km: TRIP_ALERT_KM } };
  return null;
}

/** A person present, with what is needed to reach them (a dependant through their sponsor). */
export interface PresentPerson {
  id: string;
  kind: 'personnel' | 'dependant';
  email: string | null;
  userId: string | null;
  sponsorEmail: string | null;
  sponsorName: string | null;
}

export interface AlertRecipient {
  email: string;
  userId?: string;
  personId: string;
  reason: string;
}

/**
 * One recipient per address (first person wins, by the order given): each person present by
 * their own address; a dependant without one through their sponsor's. Nobody reachable, no entry.
 */
export function alertRecipients(people: readonly PresentPerson[]): AlertRecipient[] {
  const byAddress = new Map<string, AlertRecipient>();
  for (const p of people) {
    const own = p.email?.trim();
    let r: AlertRecipient | null = null;
    if (own) {
      r = {
        email: own,
        ...(p.userId ? { userId: p.userId } : {}),
        personId: p.id,
        reason: p.kind === 'dependant' ? 'dependant present in the area' : 'present in the area',
      };
    } else if (p.kind === 'dependant' && p.sponsorEmail?.trim()) {
      r = {
        email: p.sponsorEmail.trim(),
        personId: p.id,
        reason: `dependant of ${p.sponsorName ?? 'a staff member'}`,
      };
    }
    if (!r) continue;
    const key = r.email.toLowerCase();
    if (!byAddress.has(key)) byAddress.set(key, r);
  }
  return [...byAddress.values()];
}

export interface AlertFacts {
  incidentId: string;
  reference: string;
  categoryName: string;
  nature: string;
  countryCode: string;
  /** The area's name, when the incident has one (the free-text location is never used). */
  areaName: string | null;
  occurredOn: string;
  /** ISO timestamp, when the time is known. */
  occurredAt: string | null;
}

export interface TripAlertPayload {
  subject: string;
  text: string;
  url: string;
  incidentId: string;
}

/** The alert: what happened, where, when and the category, with guidance. No names, no details. */
export function buildTripAlert(f: AlertFacts, publicUrl: string): TripAlertPayload {
  const where = f.areaName
    ? `${f.areaName}, ${f.countryCode}`
    : `${f.countryCode} (within ${TRIP_ALERT_KM} km of the reported point)`;
  const at = f.occurredAt ? new Date(f.occurredAt) : null;
  const when =
    at && !Number.isNaN(at.getTime())
      ? `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`
      : f.occurredOn;
  const url = `${publicUrl.replace(/\/$/, '')}/incidents/${f.incidentId}`;
  return {
    subject: `[OpenSMIN] Security alert: ${f.categoryName} in ${f.areaName ?? f.countryCode}`,
    text: [
      `A security incident was reported where you are: ${f.categoryName} (${f.nature}), ${when}, in ${where}.`,
      `Reference: ${f.reference}. Category: ${f.categoryName}.`,
      'Stay where you are safe, follow the instructions of your security focal point; reply safe/not safe when asked.',
      `More information (sign-in required): ${url}`,
    ].join('\n\n'),
    url,
    incidentId: f.incidentId,
  };
}
