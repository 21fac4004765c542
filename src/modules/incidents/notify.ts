/**
 * Who is told of a new incident, and what they are told. The message goes through the outbox in
 * the same transaction as the incident, so an incident is never recorded without its notice.
 * E-mail is not a need-to-know channel: victim names and sexual-assault details never go in it.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables';
import { enqueueMessage } from '../threats/advisories.service';
import * as repo from './incidents.repository';
import type { ResolvedIncident } from './resolve.service';

export interface Recipient {
  email: string;
  userId?: string;
  reason: string;
}

const ROLE_REASON: Record<string, string> = {
  designated_official: 'Designated Official',
  security_professional: 'security office',
  org_security_focal_point: 'organization security focal point',
};

/** Every address once, with the first reason it qualified for (roles before lists). */
export async function incidentRecipients(db: Kysely<DB>, r: ResolvedIncident): Promise<Recipient[]> {
  const byAddress = new Map<string, Recipient>();
  const add = (x: Recipient) => {
    const key = x.email.trim().toLowerCase();
    if (key && !byAddress.has(key)) byAddress.set(key, { ...x, email: x.email.trim() });
  };
  const users = await repo.notificationRecipients(db, {
    countryCode: r.values.country_code,
    areaId: r.values.area_id ?? null,
    organizationIds: r.organizationIds,
  });
  for (const u of users) add({ email: u.email!, userId: u.id, reason: ROLE_REASON[u.role] ?? u.role });
  for (const p of r.personnel)
    if (p.line_manager_email) add({ email: p.line_manager_email, reason: 'line manager' });
  for (const list of await repo.distributionListsFor(db, r.values.country_code)) {
    const categories = list.categories as string[];
    if (categories.length > 0 && !categories.includes(r.category.code)) continue;
    for (const email of list.addresses as string[]) add({ email, reason: `distribution list ${list.name}` });
  }
  return [...byAddress.values()];
}

export async function enqueueIncidentNotice(
  db: Kysely<DB>,
  incident: { id: string; reference: string; revision: number },
  r: ResolvedIncident,
  publicUrl: string,
): Promise<number> {
  const recipients = await incidentRecipients(db, r);
  const v = r.values;
  const t = v as {
    affected?: number;
    killed?: number;
    injured?: number;
    kidnapped?: number;
    arrested?: number;
  };
  const people = [
    t.killed ? `${t.killed} killed` : '',
    t.injured ? `${t.injured} injured` : '',
    t.kidnapped ? `${t.kidnapped} abducted` : '',
    t.arrested ? `${t.arrested} arrested or detained` : '',
  ].filter(Boolean);
  const url = `${publicUrl.replace(/\/$/, '')}/incidents/${incident.id}`;
  await enqueueMessage(db, {
    topic: 'incident.submitted',
    dedupeKey: `incident.submitted:${incident.id}:${incident.revision}`,
    payload: {
      subject: `[OpenSMIN] ${incident.reference} ${r.category.name} in ${v.country_code}: ${v.title}`,
      text: [
        `${r.category.name} (${r.category.nature}) on ${v.occurred_on} in ${v.country_code}.`,
        v.title,
        people.length ? `Personnel affected: ${people.join(', ')}.` : 'No personnel reported affected.',
        `Details (sign-in required): ${url}`,
      ].join('\n\n'),
      url,
      incidentId: incident.id,
    },
    recipients,
  });
  return recipients.length;
}
