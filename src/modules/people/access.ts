import type { ExpressionBuilder, Kysely } from 'kysely';
import type { DB } from '../../db/tables';
import { can, type Permission, type ScopeFilter, scopeFilter } from '../../server/access/rules';
import type { Principal } from '../../server/auth/principal';

/**
 * Who may see or act on a person's profile and travel (DOMAIN.md §1, §7): their organization's
 * focal points everywhere; country and area roles where the person is stationed; the person
 * themself (their profile, their dependants, their own travel) without any grant.
 */
export interface PersonScope {
  personId: string;
  organizationId: string;
  /** Country and area of the duty station, when the person has one. */
  countryCode: string | null;
  areaId: string | null;
  /** The person's own sign-in, and their sponsor's for a dependant. */
  userId: string | null;
  sponsorUserId: string | null;
}

/** The person themself, or the member of personnel responsible for this dependant. */
export const isSelf = (principal: Principal, p: PersonScope) =>
  principal.via !== 'system' &&
  (p.userId === principal.userId || (p.sponsorUserId !== null && p.sponsorUserId === principal.userId));

export function canOnPerson(principal: Principal, permission: Permission, p: PersonScope): boolean {
  return can(principal.grants, permission, {
    organizationId: p.organizationId,
    countryCode: p.countryCode,
    areaId: p.areaId,
  });
}

/** Loads what access decisions about a person need; undefined when there is no such person. */
export async function personScope(db: Kysely<DB>, personId: string): Promise<PersonScope | undefined> {
  const r = await db
    .selectFrom('people as p')
    .leftJoin('duty_stations as s', 's.id', 'p.duty_station_id')
    .leftJoin('people as sp', 'sp.id', 'p.sponsor_id')
    .select([
      'p.id',
      'p.organization_id',
      's.country_code',
      's.area_id',
      'p.user_id',
      'sp.user_id as sponsor_user_id',
    ])
    .where('p.id', '=', personId)
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    personId: r.id,
    organizationId: r.organization_id,
    countryCode: r.country_code ?? null,
    areaId: r.area_id ?? null,
    userId: r.user_id,
    sponsorUserId: r.sponsor_user_id ?? null,
  };
}

/** The list filter for people a principal may read with `permission`; null when none. */
export function peopleReadFilter(principal: Principal, permission: Permission): ScopeFilter | null {
  return scopeFilter(principal.grants, permission);
}

/**
 * WHERE condition on `people as p` joined to `duty_stations as s` (left join) for a scope filter:
 * organizations' people anywhere, countries' and areas' people by duty station.
 */
export function wherePeopleReadable(
  eb: ExpressionBuilder<DB & { p: DB['people']; s: DB['duty_stations'] }, 'p' | 's'>,
  f: ScopeFilter,
) {
  if (f.global) return eb.lit(true);
  const ors = [];
  if (f.organizationIds.length) ors.push(eb('p.organization_id', 'in', f.organizationIds));
  if (f.countryCodes.length) ors.push(eb('s.country_code', 'in', f.countryCodes));
  if (f.areaIds.length) ors.push(eb('s.area_id', 'in', f.areaIds));
  return ors.length ? eb.or(ors) : eb.lit(false);
}
