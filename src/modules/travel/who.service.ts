import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables';
import { can } from '../../server/access/rules';
import type { Principal } from '../../server/auth/principal';
import { type Actor, audit } from '../../server/context';
import { AppError, forbidden, invalid, notFound } from '../../server/errors';
import { isSelf, type PersonScope, peopleReadFilter, personScope } from '../people/access';
import * as repo from './who.repository';
import type { RecordFix, WhoItem, WhoQuery, WhoResult } from './who.schema';
import { fixRefusal, preciseExpiry, sumTotals } from './who-rules';

type Db = Kysely<DB>;
const iso = (v: Date | string) => new Date(v).toISOString();

/**
 * Everyone present in an area, a country or a radius at a moment (DOMAIN.md §7, §8: roll calls and
 * evacuation lists start here). Totals count everyone the filters select, dependants included;
 * the items list personnel, and dependants too with include=dependants or kind=dependant.
 */
export async function whoIsWhere(
  db: Db,
  principal: Principal,
  q: WhoQuery,
  now = new Date(),
): Promise<WhoResult> {
  const scope = peopleReadFilter(principal, 'location.read');
  if (!scope) throw forbidden('Your roles do not include who-is-where');
  const place: repo.Place = { countryCode: q.country, near: q.near };
  if (q.area) {
    const area = await repo.areaByCode(db, q.area);
    if (!area) throw invalid('area', `unknown area ${q.area}`);
    place.areaId = area.id;
  }
  let organizationId: string | undefined;
  if (q.organization) {
    const org = await repo.organizationByCode(db, q.organization);
    if (!org) throw invalid('organization', `unknown organization ${q.organization}`);
    organizationId = org.id;
  }
  const at = q.at ? new Date(q.at) : now;
  const filter: repo.WhoFilter = {
    place,
    at,
    scope: scope.global ? null : scope,
    organizationId,
    recruitment: q.recruitment,
    kind: q.kind,
  };
  const kinds = q.include === 'dependants' ? ['personnel', 'dependant'] : ['personnel'];
  const { groups, rows } = await repo.findPresent(db, filter, {
    limit: q.limit + 1,
    after: q.after,
    kinds,
    now,
  });
  const more = rows.length > q.limit;
  const page = more ? rows.slice(0, q.limit) : rows;
  return {
    at: at.toISOString(),
    totals: sumTotals(groups.map((g) => ({ ...g, organizationCode: g.organization, count: g.n }))),
    items: page.map(presentItem),
    next: more ? (page[page.length - 1]?.id ?? null) : null,
  };
}

function presentItem(r: repo.PresentRow): WhoItem {
  const precise = r.fix_lat !== null && r.fix_lon !== null && r.fix_recorded_at !== null;
  return {
    personId: r.id,
    name: `${r.given_name} ${r.family_name}`,
    organization: r.organization,
    kind: r.kind,
    recruitment: r.recruitment,
    where: {
      source: precise ? 'precise' : r.source,
      areaCode: r.area_code,
      stationCode: r.station_code,
      ...(precise ? { lat: r.fix_lat!, lon: r.fix_lon!, recordedAt: iso(r.fix_recorded_at!) } : {}),
    },
    ...(r.source === 'travel' && r.reference && r.departs_at
      ? { travel: { requestReference: r.reference, departsAt: iso(r.departs_at) } }
      : {}),
  };
}

/**
 * The person themself (or their sponsor, for a dependant), or a focal point of the person's
 * organization (an organization-scoped grant with location.read). Anyone else reads as 404.
 */
async function locatablePerson(db: Db, principal: Principal, personId: string): Promise<PersonScope> {
  const p = await personScope(db, personId);
  if (!p) throw notFound('Person');
  const orgGrants = principal.grants.filter((g) => g.scopeType === 'organization');
  if (isSelf(principal, p) || can(orgGrants, 'location.read', { organizationId: p.organizationId })) return p;
  throw notFound('Person');
}

/** Records a precise fix where the DO approved precise tracking; kept 96 h at most. */
export async function recordFix(db: Db, actor: Actor, personId: string, input: RecordFix, now = new Date()) {
  const person = await locatablePerson(db, actor.principal, personId);
  const recordedAt = input.recordedAt ? new Date(input.recordedAt) : now;
  const where = await repo.currentArea(db, personId, recordedAt);
  const rule = where?.countryCode ? await repo.ruleFor(db, where.countryCode, where.areaId) : undefined;
  const approval = rule ? { preciseTracking: rule.precise_tracking, preciseUntil: rule.precise_until } : null;
  const refusal = fixRefusal(recordedAt, approval, now);
  if (refusal || !rule || !approval) throw new AppError('unprocessable', refusal ?? 'No clearance rule here');
  let expiresAt = preciseExpiry(recordedAt, approval);
  if (input.keepHours)
    expiresAt = new Date(Math.min(expiresAt.getTime(), recordedAt.getTime() + input.keepHours * 3_600_000));
  return db.transaction().execute(async (trx) => {
    const row = await repo.insertFix(trx, {
      personId,
      lat: input.lat,
      lon: input.lon,
      recordedAt,
      expiresAt,
      ruleId: rule.id,
    });
    // The audit trail records that a fix was taken, never where: it outlives the 96 hours.
    await audit(trx, actor, {
      action: 'location.record',
      entityType: 'person',
      entityId: personId,
      orgId: person.organizationId,
      detail: { recordedAt: recordedAt.toISOString(), expiresAt: expiresAt.toISOString(), ruleId: rule.id },
    });
    return {
      id: String(row.id),
      personId,
      lat: row.lat,
      lon: row.lon,
      recordedAt: iso(row.recorded_at),
      expiresAt: iso(row.expires_at),
    };
  });
}

/** Deletes every precise fix of a person on their request (or their focal point's). */
export async function deleteFixes(db: Db, actor: Actor, personId: string) {
  const person = await locatablePerson(db, actor.principal, personId);
  return db.transaction().execute(async (trx) => {
    const deleted = await repo.deleteFixes(trx, personId);
    await audit(trx, actor, {
      action: 'location.delete',
      entityType: 'person',
      entityId: personId,
      orgId: person.organizationId,
      detail: { deleted },
    });
    return { deleted };
  });
}

/** Scheduler job: fixes past their expiry are deleted, not merely hidden. */
export const sweepExpiredFixes = (db: Db, now = new Date()) => repo.deleteExpiredFixes(db, now);
