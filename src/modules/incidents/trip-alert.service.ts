/**
 * Who was alerted of an incident (issue 7): for readers of the incident who may also see where
 * people are (location.read over its country or area). Other readers are refused; whoever may not
 * read the incident sees no incident at all.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/tables';
import { can } from '../../server/access/rules';
import type { Principal } from '../../server/auth/principal';
import { forbidden, notFound } from '../../server/errors';
import { getIncident } from './incidents.service';
import { tripAlertOf } from './trip-alert.repository';

export const tripAlertList = z.object({
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
export type TripAlertList = z.infer<typeof tripAlertList>;

export async function incidentTripAlerts(
  db: Kysely<DB>,
  principal: Principal,
  id: string,
): Promise<TripAlertList> {
  await getIncident(db, principal, id);
  const where = await db
    .selectFrom('incidents')
    .select(['country_code', 'area_id'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!where) throw notFound('Incident');
  if (!can(principal.grants, 'location.read', { countryCode: where.country_code, areaId: where.area_id }))
    throw forbidden('Your roles do not include who-is-where where this incident happened');
  const alert = await tripAlertOf(db, id);
  if (!alert) return { alertedAt: null, recipients: [], count: 0 };
  return { ...alert, count: alert.recipients.length };
}
