import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables';
import { can, scopeFilter } from '../../server/access/rules';
import type { Principal } from '../../server/auth/principal';
import { type Actor, audit } from '../../server/context';
import { AppError, forbidden, invalid, notFound } from '../../server/errors';
import { presentIds } from '../incidents/trip-alert.repository';
import { areaByCode } from '../travel/who.repository';
import { peopleInZone, zoneByCode, zonesOfPeople } from '../wardens/membership.repository';
import { rollCallMessage } from './messages';
import * as repo from './rollcall.repository';
import type { Board, BoardPerson, StartRollCall } from './rollcall.schema';
import {
  accountedPercent,
  addCounts,
  type BoardCount,
  contactsFor,
  escalationRound,
  rollCallReference,
} from './rules';
import { newToken, tokenHash } from './token';

type Db = Kysely<DB>;
export const ROLL_CALL_TOPIC = 'rollcall.ask';
const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

/**
 * Starts a roll call for an area (everyone present now, from who-is-where, travellers included) or
 * a warden zone (its members). In one transaction: the roll call, everyone it accounts for, one
 * contact per person who answers (a dependant through their sponsor) with a one-tap token, one
 * outbox message per contact (e-mail and SMS), the log's first entry and the audit entry.
 */
export async function startRollCall(
  db: Db,
  actor: Actor,
  input: StartRollCall,
  opts: { publicUrl: string; now?: Date; startedBy?: { id: string; label: string } },
) {
  const now = opts.now ?? new Date();
  const p = actor.principal;
  let place: {
    countryCode: string;
    areaId: string | null;
    zoneId: string | null;
    zoneCode: string | null;
    name: string;
  };
  let ids: string[];
  if (input.area) {
    const area = await areaByCode(db, input.area);
    if (!area) throw invalid('area', `unknown area ${input.area}`);
    if (!can(p.grants, 'rollcall.start', { countryCode: area.country_code, areaId: area.id }))
      throw forbidden('Your roles do not allow starting a roll call in this area');
    const name = await repo.areaName(db, area.id);
    place = { countryCode: area.country_code, areaId: area.id, zoneId: null, zoneCode: null, name };
    ids = await presentIds(db, { areaId: area.id }, now);
  } else {
    const zone = await zoneByCode(db, input.zone!);
    if (!zone) throw invalid('zone', `unknown warden zone ${input.zone}`);
    if (!can(p.grants, 'rollcall.start', { countryCode: zone.country_code }))
      throw forbidden('Your roles do not allow starting a roll call in this zone');
    place = {
      countryCode: zone.country_code,
      areaId: null,
      zoneId: zone.id,
      zoneCode: zone.code,
      name: zone.name,
    };
    ids = await peopleInZone(db, zone.id);
  }
  const people = (await repo.peopleDetails(db, ids)).filter((x) => x.status === 'active');
  if (people.length === 0)
    throw invalid(input.area ? 'area' : 'zone', `nobody is present in ${place.name} now`);
  const present = new Set(people.map((x) => x.id));
  const absentSponsors = [
    ...new Set(people.map((x) => x.sponsor_id).filter((s): s is string => !!s && !present.has(s))),
  ];
  const sponsors = new Map(
    (await repo.peopleDetails(db, absentSponsors)).map((s) => [s.id, { email: s.email, phone: s.phone }]),
  );
  const { contacts, contactOf } = contactsFor(
    people.map((x) => ({ id: x.id, kind: x.kind, sponsorId: x.sponsor_id, email: x.email, phone: x.phone })),
    sponsors,
  );
  const languages = await repo.contactLanguages(
    db,
    contacts.map((c) => c.personId),
  );
  const zones = place.zoneId
    ? null
    : await zonesOfPeople(
        db,
        people.map((x) => x.id),
      );
  const zoneOf = (id: string) => place.zoneId ?? zones?.get(id)?.[0]?.zoneId ?? null;

  return db.transaction().execute(async (trx) => {
    const reference = rollCallReference(
      now.getUTCFullYear(),
      await repo.nextSequence(trx, now.getUTCFullYear()),
    );
    const rc = await repo.insertRollCall(trx, {
      reference,
      title: input.title,
      guidance: input.guidance,
      country_code: place.countryCode,
      area_id: place.areaId,
      zone_id: place.zoneId,
      zone_code: place.zoneCode,
      // From the command line, `--by` names who leads it (and receives the no-warden escalations).
      started_by: opts.startedBy?.id ?? (p.via === 'system' ? null : p.userId),
      started_by_label: opts.startedBy?.label ?? (p.displayName || p.username),
      started_at: now,
      escalate_after_min: input.escalateAfterMinutes,
    });
    await repo.insertPeople(
      trx,
      people.map((x) => ({
        roll_call_id: rc.id,
        person_id: x.id,
        contact_id: contactOf.get(x.id)!,
        organization_id: x.organization_id,
        kind: x.kind,
        recruitment: x.recruitment,
        zone_id: zoneOf(x.id),
      })),
    );
    const tokens = contacts.map((c) => ({ contact: c, token: newToken() }));
    await repo.insertContacts(
      trx,
      tokens.map(({ contact: c, token }) => ({
        roll_call_id: rc.id,
        person_id: c.personId,
        token_hash: tokenHash(token),
        email: c.email,
        phone: c.phone,
      })),
    );
    const reachable = tokens.filter(({ contact: c }) => c.email || c.phone);
    await repo.enqueueMany(
      trx,
      reachable.map(({ contact: c, token }) => {
        const url = `${opts.publicUrl}/r/${token}`;
        const forOthers = c.answersFor.filter((id) => id !== c.personId).length;
        const m = rollCallMessage(
          { reference, title: input.title, guidance: input.guidance, place: place.name, url, forOthers },
          languages.get(c.personId),
        );
        return {
          topic: ROLL_CALL_TOPIC,
          dedupe_key: `rollcall:${rc.id}:${c.personId}`,
          payload: { ...m, url, rollCallId: rc.id, reference },
          recipients: [
            {
              ...(c.email ? { email: c.email } : {}),
              ...(c.phone ? { phone: c.phone } : {}),
              reason: 'roll call',
            },
          ],
        };
      }),
    );
    const unreachable = contacts.length - reachable.length;
    await repo.appendLog(trx, {
      roll_call_id: rc.id,
      kind: 'started',
      actor_label: p.displayName || p.username,
      at: now,
      text: `Started for ${place.name}: ${people.length} people, ${contacts.length} contacts asked${unreachable ? `, ${unreachable} without e-mail or phone` : ''}; non-responders go to wardens after ${input.escalateAfterMinutes} min.`,
    });
    await audit(trx, actor, {
      action: 'rollcall.start',
      entityType: 'roll_call',
      entityId: rc.id,
      countryCode: place.countryCode,
      after: {
        reference,
        title: input.title,
        area: input.area ?? null,
        zone: input.zone ?? null,
        people: people.length,
        contacts: contacts.length,
      },
    });
    return { id: rc.id, reference, people: people.length, contacts: contacts.length, unreachable };
  });
}

/** The roll calls a reader may follow, newest first, with how many are accounted for. */
export async function listRollCalls(
  db: Db,
  principal: Principal,
  q: { status?: 'open' | 'closed'; limit: number },
) {
  const f = scopeFilter(principal.grants, 'rollcall.read');
  if (!f) throw forbidden('Your roles do not include roll calls');
  const rows = await repo.listRollCalls(db, f, q.status, q.limit);
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    title: r.title,
    country: r.country_code,
    area: r.area_code,
    areaName: r.area_name,
    zone: r.zone_code,
    status: r.status,
    startedAt: iso(r.started_at)!,
    startedBy: r.started_by_label,
    closedAt: iso(r.closed_at),
    total: Number(r.total ?? 0),
    accounted: Number(r.accounted ?? 0),
  }));
}

type View = { kind: 'all' } | { kind: 'organization'; orgs: string[] } | { kind: 'warden'; zones: string[] };

/** What part of a roll call a principal sees: all of it, their organizations' people, or their zones'. */
async function viewOf(db: Db, principal: Principal, rc: repo.RollCallRow): Promise<View | null> {
  if (can(principal.grants, 'rollcall.read', { countryCode: rc.country_code, areaId: rc.area_id }))
    return { kind: 'all' };
  const f = scopeFilter(principal.grants, 'rollcall.read');
  if (f && f.organizationIds.length > 0) return { kind: 'organization', orgs: f.organizationIds };
  if (principal.via !== 'system') {
    const zones = await repo.zonesWardenedBy(db, principal.userId);
    if (zones.length > 0) return { kind: 'warden', zones };
  }
  return null;
}

async function readable(db: Db, principal: Principal, id: string) {
  const rc = await repo.rollCallById(db, id);
  const view = rc ? await viewOf(db, principal, rc) : null;
  // Not found rather than forbidden: a roll call elsewhere is none of the reader's business.
  if (!rc || !view) throw notFound('Roll call');
  return { rc, view };
}

const withPercent = (c: BoardCount) => ({ ...c, accountedPercent: accountedPercent(c) });

function summary(rc: repo.RollCallRow, totals: BoardCount) {
  return {
    id: rc.id,
    reference: rc.reference,
    title: rc.title,
    country: rc.country_code,
    area: rc.area_code,
    areaName: rc.area_name,
    zone: rc.zone_code,
    status: rc.status,
    startedAt: iso(rc.started_at)!,
    startedBy: rc.started_by_label,
    closedAt: iso(rc.closed_at),
    total: totals.total,
    accounted: totals.safe + totals.needHelp,
  };
}

/**
 * The live board: accounted-for percentages by organization and zone, who needs help, a page of
 * non-responders with the person to call, and the log. Organization roles see their own people
 * only, wardens the people of their zones.
 */
export async function rollCallBoard(
  db: Db,
  principal: Principal,
  id: string,
  q: { after?: string; limit: number },
  now = new Date(),
): Promise<Board> {
  const { rc, view } = await readable(db, principal, id);
  const orgs = view.kind === 'organization' ? view.orgs : null;
  const zones = view.kind === 'warden' ? view.zones : null;
  const counts = await repo.boardCounts(db, id, orgs, zones);
  const totals = addCounts(counts.byOrg);
  const [orgRows, zoneRows, needHelp, pending, log] = await Promise.all([
    repo.organizationsByIds(
      db,
      counts.byOrg.map((r) => r.organization_id),
    ),
    repo.zoneNames(
      db,
      counts.byZone.map((r) => r.zone_id).filter((z): z is string => z !== null),
    ),
    repo.boardPeople(db, id, 'need_help', orgs, zones, { limit: 1000 }),
    repo.boardPeople(db, id, 'pending', orgs, zones, { limit: q.limit + 1, after: q.after }),
    repo.logOf(db, id, 200),
  ]);
  const orgById = new Map(orgRows.map((o) => [o.id, o]));
  const zoneById = new Map(zoneRows.map((z) => [z.id, z]));
  const person = (r: Awaited<ReturnType<typeof repo.boardPeople>>[number]): BoardPerson => ({
    personId: r.person_id,
    name: `${r.given_name} ${r.family_name}`.trim(),
    organization: r.organization,
    kind: r.kind,
    recruitment: r.recruitment,
    zone: r.zone_id ? (zoneById.get(r.zone_id)?.code ?? null) : null,
    answer: r.answer,
    answeredAt: iso(r.answered_at),
    answeredVia: r.answered_via,
    answeredBy: r.answered_by,
    note: r.note,
    location: r.lat !== null && r.lon !== null ? { lat: r.lat, lon: r.lon } : null,
    escalations: r.escalations,
    contact:
      r.contact_given !== null
        ? {
            name: `${r.contact_given} ${r.contact_family ?? ''}`.trim(),
            phone: r.contact_phone,
            email: r.contact_email,
          }
        : null,
  });
  const more = pending.length > q.limit;
  const page = more ? pending.slice(0, q.limit) : pending;
  const round = escalationRound(new Date(rc.started_at), rc.escalate_after_min, now);
  const next = new Date(new Date(rc.started_at).getTime() + (round + 1) * rc.escalate_after_min * 60_000);
  return {
    rollCall: {
      ...summary(rc, totals),
      guidance: rc.guidance,
      escalateAfterMinutes: rc.escalate_after_min,
      nextEscalationAt: rc.status === 'open' && totals.pending > 0 ? next.toISOString() : null,
      version: rc.version,
    },
    view: view.kind,
    totals: withPercent(totals),
    byOrganization: counts.byOrg
      .map((r) => ({
        ...withPercent(r),
        organization: orgById.get(r.organization_id)?.code ?? '?',
        name: orgById.get(r.organization_id)?.name ?? '?',
      }))
      .sort(
        (a, b) => a.accountedPercent - b.accountedPercent || a.organization.localeCompare(b.organization),
      ),
    byZone: counts.byZone
      .map((r) => ({
        ...withPercent(r),
        zone: r.zone_id ? (zoneById.get(r.zone_id)?.code ?? null) : null,
        name: r.zone_id ? (zoneById.get(r.zone_id)?.name ?? '?') : 'No warden zone',
      }))
      .sort(
        (a, b) => a.accountedPercent - b.accountedPercent || (a.zone ?? '~').localeCompare(b.zone ?? '~'),
      ),
    needHelp: needHelp.map(person),
    nonResponders: page.map(person),
    nonRespondersNext: more ? page[page.length - 1]!.person_id : null,
    log: log.map((l) => ({ at: iso(l.at)!, kind: l.kind, actor: l.actor_label, text: l.text })),
  };
}

/** Who may record an answer for someone: the security team there, or the person's warden. */
async function markerVia(db: Db, principal: Principal, rc: repo.RollCallRow, zoneId: string | null) {
  if (can(principal.grants, 'rollcall.start', { countryCode: rc.country_code, areaId: rc.area_id }))
    return 'security' as const;
  if (
    zoneId &&
    principal.via !== 'system' &&
    (await repo.zonesWardenedBy(db, principal.userId)).includes(zoneId)
  )
    return 'warden' as const;
  return null;
}

/** The security team or a warden records that someone is safe or needs help (they reached them). */
export async function markAnswer(
  db: Db,
  actor: Actor,
  id: string,
  personId: string,
  body: { answer: 'safe' | 'need_help'; note?: string },
  now = new Date(),
) {
  const { rc } = await readable(db, actor.principal, id);
  const row = await repo.personOnRollCall(db, id, personId);
  if (!row) throw notFound('Person on this roll call');
  const via = await markerVia(db, actor.principal, rc, row.zone_id);
  if (!via)
    throw forbidden('Only the security team there or the person’s warden can record an answer for them');
  if (rc.status !== 'open') throw new AppError('conflict', `Roll call ${rc.reference} is closed`);
  const by = actor.principal.displayName || actor.principal.username;
  await db.transaction().execute(async (trx) => {
    await repo.recordAnswers(trx, id, [personId], {
      answer: body.answer,
      via,
      by,
      at: now,
      note: body.note ?? null,
      lat: null,
      lon: null,
    });
    if (body.answer === 'need_help')
      await repo.appendLog(trx, {
        roll_call_id: id,
        kind: 'answered',
        actor_label: by,
        at: now,
        text: `Recorded that a person needs help${body.note ? `: ${body.note}` : ''}`,
      });
    await audit(trx, actor, {
      action: 'rollcall.answer',
      entityType: 'roll_call',
      entityId: id,
      countryCode: rc.country_code,
      before: { personId, answer: row.answer },
      after: { personId, answer: body.answer, via },
    });
  });
  return { personId, answer: body.answer, answeredVia: via, answeredAt: now.toISOString() };
}

/** A decision of the crisis team, time-stamped in the roll call's log. */
export async function logDecision(db: Db, actor: Actor, id: string, text: string, now = new Date()) {
  const { rc } = await readable(db, actor.principal, id);
  if (!can(actor.principal.grants, 'rollcall.start', { countryCode: rc.country_code, areaId: rc.area_id }))
    throw forbidden('Only the security team there can log decisions');
  const label = actor.principal.displayName || actor.principal.username;
  await db.transaction().execute(async (trx) => {
    await repo.appendLog(trx, { roll_call_id: id, kind: 'decision', actor_label: label, at: now, text });
    await audit(trx, actor, {
      action: 'rollcall.decision',
      entityType: 'roll_call',
      entityId: id,
      countryCode: rc.country_code,
      after: { text },
    });
  });
  return { at: now.toISOString(), kind: 'decision', actor: label, text };
}

export async function closeRollCall(db: Db, actor: Actor, id: string, now = new Date()) {
  const { rc } = await readable(db, actor.principal, id);
  if (!can(actor.principal.grants, 'rollcall.start', { countryCode: rc.country_code, areaId: rc.area_id }))
    throw forbidden('Only the security team there can close a roll call');
  const label = actor.principal.displayName || actor.principal.username;
  await db.transaction().execute(async (trx) => {
    if (!(await repo.closeRollCall(trx, id, label, now, rc.version)))
      throw new AppError('conflict', `Roll call ${rc.reference} is already closed`);
    const totals = addCounts((await repo.boardCounts(trx, id, null, null)).byOrg);
    await repo.appendLog(trx, {
      roll_call_id: id,
      kind: 'closed',
      actor_label: label,
      at: now,
      text: `Closed: ${accountedPercent(totals)} % accounted for (${totals.safe} safe, ${totals.needHelp} need help, ${totals.pending} not accounted for)`,
    });
    await audit(trx, actor, {
      action: 'rollcall.close',
      entityType: 'roll_call',
      entityId: id,
      countryCode: rc.country_code,
      after: { status: 'closed', ...totals },
    });
  });
  return rollCallBoard(db, actor.principal, id, { limit: 200 }, now);
}
