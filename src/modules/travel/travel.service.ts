/**
 * Travel requests (DOMAIN.md §7): filing with clearance computed at once, reading within scope,
 * the approvers' queue, manual decisions on the DO's behalf, cancellation.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables';
import { can, scopeFilter } from '../../server/access/rules';
import type { Principal } from '../../server/auth/principal';
import { type Actor, audit } from '../../server/context';
import { AppError, forbidden, invalid, notFound, versionConflict } from '../../server/errors';
import { isSelf, type PersonScope } from '../people/access';
import { getPersonRow, type PersonRow, personByUser } from '../people/people.service';
import { organizationByCode } from '../registry/organizations.service';
import { buildBriefing, notifyDecision } from './briefing';
import { computeClearance, pcRequiredAt, resolveItinerary, rulesFor } from './clearance.service';
import { utcDate } from './rules';
import { presentRequest } from './travel.present';
import * as repo from './travel.repository';
import type { CreateTravelRequest, DecisionInput, TravelListQuery } from './travel.schema';

type Db = Kysely<DB>;
export interface TravelOptions {
  publicUrl: string;
}

const personScopeOf = (p: PersonRow): PersonScope => ({
  personId: p.id,
  organizationId: p.organization_id,
  countryCode: p.station_country ?? null,
  areaId: p.station_area_id ?? null,
  userId: p.user_id,
  sponsorUserId: p.sponsor_user_id ?? null,
});

/**
 * Filing for someone else takes a focal point of their organization: a role that both requests
 * and reads the organization's travel. `travel.request` alone (every member of personnel holds it)
 * is for one's own travel and one's dependants'.
 */
const mayFileFor = (principal: Principal, p: PersonScope) =>
  isSelf(principal, p) ||
  (can(principal.grants, 'travel.request', { organizationId: p.organizationId }) &&
    can(principal.grants, 'travel.read', { organizationId: p.organizationId }));

async function travellerOf(db: Db, principal: Principal, personId: string | undefined): Promise<PersonRow> {
  if (!personId) {
    const own = principal.via === 'system' ? undefined : await personByUser(db, principal.userId);
    if (!own) {
      throw new AppError(
        'unprocessable',
        'You have no personal security profile: ask your organization to record one before requesting travel',
        [{ field: 'personId', message: 'no personal security profile' }],
      );
    }
    return own;
  }
  const p = await getPersonRow(db, personId);
  if (!p) {
    throw new AppError('unprocessable', 'No personal security profile has this id', [
      { field: 'personId', message: 'no personal security profile' },
    ]);
  }
  return p;
}

/** Files a travel request and clears it at once where the rules allow; otherwise it waits in the queue. */
export async function requestTravel(db: Db, actor: Actor, input: CreateTravelRequest, opts: TravelOptions) {
  const principal = actor.principal;
  const person = await travellerOf(db, principal, input.personId);
  if (!mayFileFor(principal, personScopeOf(person))) {
    throw forbidden(
      'You may request travel for yourself, your dependants, or as a focal point of their organization',
    );
  }
  if (person.status !== 'active') {
    throw new AppError('unprocessable', 'This person is separated from their organization', [
      { field: 'personId', message: 'separated' },
    ]);
  }
  const segments = await resolveItinerary(db, input.segments);
  const pcLevel = input.pcLevel ?? null;
  // Caught before anything is written: the requester can supply it, so it is an input error.
  const needPc = pcRequiredAt(segments, await rulesFor(db, segments));
  if (pcLevel === null && needPc.length) {
    throw invalid('pcLevel', `required: segments ${needPc.join(', ')} go where the PC level is mandatory`);
  }
  const requestedBy = principal.via === 'system' ? null : principal.userId;
  const found = await db.transaction().execute(async (trx) => {
    const result = await computeClearance(trx, person.id, segments, pcLevel);
    const decided = result.decision !== 'pending';
    const id = await repo.insertRequest(trx, {
      reference: await repo.nextReference(trx, segments[0]!.arrivesAt.getUTCFullYear()),
      person_id: person.id,
      requested_by: requestedBy,
      travel_type: input.travelType,
      purpose: input.purpose,
      pc_level: pcLevel,
      status: result.decision,
      decision: decided ? 'automatic' : null,
      decided_at: decided ? new Date() : null,
      reasons: JSON.stringify(result.reasons),
      starts_on: utcDate(segments[0]!.arrivesAt),
      ends_on: utcDate(segments.at(-1)!.departsAt),
    });
    await repo.insertSegments(
      trx,
      id,
      person.id,
      result.decision,
      segments.map((s) => ({
        position: s.position,
        country_code: s.countryCode,
        area_id: s.areaId,
        station_id: s.stationId,
        lat: s.lat,
        lon: s.lon,
        arrives_at: s.arrivesAt,
        departs_at: s.departsAt,
        stopover: s.stopover,
        leaves_airport: s.leavesAirport,
      })),
    );
    const row = (await repo.findRequest(trx, id))!;
    const segs = await repo.segmentsOf(trx, [id]);
    await audit(trx, actor, {
      action: 'travel.request',
      entityType: 'travel_request',
      entityId: id,
      orgId: person.organization_id,
      countryCode: segments[0]!.countryCode,
      after: { ...presentRequest(row, segs), personName: undefined },
    });
    if (decided) await notifyDecision(trx, row, segs, opts.publicUrl);
    return presentRequest(row, segs);
  });
  return found;
}

const readScope = (principal: Principal): repo.TravelReadScope => ({
  filter: scopeFilter(principal.grants, 'travel.read'),
  userId: principal.via === 'system' ? null : principal.userId,
});

/** Own travel: the traveller, their sponsor, or whoever filed it. */
const ownTravel = (principal: Principal, r: repo.RequestRow) =>
  principal.via !== 'system' &&
  [r.person_user_id, r.sponsor_user_id, r.requested_by].includes(principal.userId);

function canRead(principal: Principal, r: repo.RequestRow, segs: repo.SegmentRow[]): boolean {
  if (ownTravel(principal, r)) return true;
  if (can(principal.grants, 'travel.read', { organizationId: r.organization_id })) return true;
  return segs.some((s) =>
    can(principal.grants, 'travel.read', { countryCode: s.country_code, areaId: s.area_id }),
  );
}

/** A request with its segments, 404 when out of the caller's reach (existence does not leak). */
export async function loadReadable(db: Db, principal: Principal, id: string) {
  const r = await repo.findRequest(db, id);
  const segs = r ? await repo.segmentsOf(db, [id]) : [];
  if (!r || !canRead(principal, r, segs)) throw notFound('Travel request');
  return { r, segs };
}

export async function getTravelRequest(db: Db, principal: Principal, id: string) {
  const { r, segs } = await loadReadable(db, principal, id);
  return presentRequest(r, segs);
}

/** The destinations' briefing: advisory, threat levels highest first, requirements, contacts. */
export async function getBriefing(db: Db, principal: Principal, id: string) {
  const { r, segs } = await loadReadable(db, principal, id);
  return buildBriefing(db, r, segs);
}

const cursor = (r: repo.RequestRow) =>
  Buffer.from(`${r.created_at.toISOString()}|${r.id}`).toString('base64url');
function decodeCursor(after: string) {
  const [createdAt, id] = Buffer.from(after, 'base64url').toString().split('|');
  if (!createdAt || !id || Number.isNaN(Date.parse(createdAt)) || !/^[0-9a-f-]{36}$/.test(id)) {
    throw invalid('after', 'not a cursor from a previous page');
  }
  return { createdAt, id };
}

/** Travel the caller may read, newest first: organizations all of theirs, countries what goes there. */
export async function listTravelRequests(db: Db, principal: Principal, q: TravelListQuery) {
  const org = q.organization ? await organizationByCode(db, q.organization) : undefined;
  if (q.organization && !org) return { items: [], next: null };
  const rows = await repo.listRequests(
    db,
    {
      status: q.status,
      country: q.country,
      organizationId: org?.id,
      personId: q.person,
      from: q.from,
      to: q.to,
    },
    readScope(principal),
    { limit: q.limit, after: q.after ? decodeCursor(q.after) : undefined },
  );
  const items = rows.slice(0, q.limit);
  const segs = await repo.segmentsOf(
    db,
    items.map((r) => r.id),
  );
  return {
    items: items.map((r) => presentRequest(r, segs)),
    next: rows.length > q.limit && items.length ? cursor(items.at(-1)!) : null,
  };
}

/** Segments whose clearance a person decides: those the pending reasons name (all counted ones otherwise). */
function segmentsToDecide(r: repo.RequestRow, segs: repo.SegmentRow[]) {
  const named = new Set(
    (r.reasons as string[]).flatMap((x) => {
      const m = /^segments\.(\d+) /.exec(x);
      return m ? [Number(m[1])] : [];
    }),
  );
  const counted = segs.filter((s) => !s.stopover || s.leaves_airport);
  return named.size ? counted.filter((s) => named.has(s.position)) : counted;
}

const mayDecide = (principal: Principal, r: repo.RequestRow, segs: repo.SegmentRow[]) =>
  !ownTravel(principal, r) &&
  segmentsToDecide(r, segs).every((s) =>
    can(principal.grants, 'travel.clear', { countryCode: s.country_code, areaId: s.area_id }),
  );

/** Pending requests the caller may decide, oldest first. */
export async function travelQueue(db: Db, principal: Principal) {
  const f = scopeFilter(principal.grants, 'travel.clear');
  if (!f) throw forbidden();
  const rows = await repo.pendingIn(db, f, 500);
  const segs = await repo.segmentsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows
    .filter((r) =>
      mayDecide(
        principal,
        r,
        segs.filter((s) => s.request_id === r.id),
      ),
    )
    .map((r) => presentRequest(r, segs));
}

/** Clears or refuses a pending request on the DO's behalf; never one's own (four eyes). */
export async function decideTravel(
  db: Db,
  actor: Actor,
  id: string,
  input: DecisionInput,
  opts: TravelOptions,
) {
  const principal = actor.principal;
  const { r, segs } = await loadReadable(db, principal, id);
  if (ownTravel(principal, r)) throw forbidden('Someone else decides on your own travel (four eyes)');
  if (!mayDecide(principal, r, segs)) {
    throw forbidden('Clearance is decided by the security office of the destination country');
  }
  if (r.status !== 'pending') throw new AppError('conflict', `The request is ${r.status}, not pending`);
  const status = input.decision === 'clear' ? 'cleared' : 'refused';
  const by = principal.displayName;
  const reasons = [
    ...(r.reasons as string[]),
    `${status} by ${by} on the Designated Official's behalf${input.reason ? `: ${input.reason}` : ''}`,
  ];
  return db.transaction().execute(async (trx) => {
    const ok = await repo.setStatus(trx, id, input.version, {
      status,
      decision: 'manual',
      decided_by: principal.via === 'system' ? null : principal.userId,
      decided_at: new Date(),
      reasons,
    });
    if (!ok) throw versionConflict(r.version);
    const row = (await repo.findRequest(trx, id))!;
    const after = await repo.segmentsOf(trx, [id]);
    await audit(trx, actor, {
      action: `travel.${input.decision}`,
      entityType: 'travel_request',
      entityId: id,
      orgId: r.organization_id,
      countryCode: segs[0]?.country_code ?? null,
      before: { status: r.status, version: r.version },
      after: { status, version: row.version, reason: input.reason },
    });
    await notifyDecision(trx, row, after, opts.publicUrl);
    return presentRequest(row, after);
  });
}

/** Withdraws a request: by the traveller, whoever filed it, or their organization's focal points. */
export async function cancelTravel(
  db: Db,
  actor: Actor,
  id: string,
  input: { version: number; reason: string },
) {
  const principal = actor.principal;
  const { r } = await loadReadable(db, principal, id);
  const scope = { personId: r.person_id, organizationId: r.organization_id, countryCode: null, areaId: null };
  const person = { ...scope, userId: r.person_user_id, sponsorUserId: r.sponsor_user_id };
  if (!ownTravel(principal, r) && !mayFileFor(principal, person)) {
    throw forbidden('Only the traveller, whoever filed the request or their organization may cancel it');
  }
  if (r.status === 'cancelled' || r.status === 'refused') {
    throw new AppError('conflict', `The request is already ${r.status}`);
  }
  return db.transaction().execute(async (trx) => {
    const reasons = [
      ...(r.reasons as string[]),
      `cancelled by ${principal.displayName}${input.reason ? `: ${input.reason}` : ''}`,
    ];
    if (!(await repo.setStatus(trx, id, input.version, { status: 'cancelled', reasons }))) {
      throw versionConflict(r.version);
    }
    const row = (await repo.findRequest(trx, id))!;
    await audit(trx, actor, {
      action: 'travel.cancel',
      entityType: 'travel_request',
      entityId: id,
      orgId: r.organization_id,
      before: { status: r.status, version: r.version },
      after: { status: 'cancelled', version: row.version },
    });
    return presentRequest(row, await repo.segmentsOf(trx, [id]));
  });
}
