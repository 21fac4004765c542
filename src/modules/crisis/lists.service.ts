/**
 * Relocation and evacuation lists (DOMAIN.md §8, issue 7): made from who-is-where, tracked person by
 * person, followed live against the open roll calls of the country.
 *
 * Access: `crisis.lists` (security professionals and the DO over the country or area) makes and runs
 * a list; `rollcall.read` reads it: country, area and global holders the whole list, an
 * organization's focal point only their own organization's people on it (read-only). Anyone else
 * reads no list at all (404).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables';
import { can, scopeFilter } from '../../server/access/rules';
import type { Principal } from '../../server/auth/principal';
import { type Actor, audit } from '../../server/context';
import { AppError, forbidden, invalid, notFound, versionConflict } from '../../server/errors';
import * as repo from './lists.repository';
import type * as s from './lists.schema';
import {
  type Candidate,
  canMove,
  destinationProblem,
  eligibility,
  latestAnswer,
  listReference,
  type RowStatus,
  totalsOf,
} from './rules';

type Db = Kysely<DB>;
const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

/** What the caller may see of a list: all of it, or only some organizations' people; null: nothing. */
interface Access {
  orgIds?: string[];
  manage: boolean;
}

function accessTo(
  principal: Principal,
  list: { country_code: string; area_id: string | null },
): Access | null {
  const place = { countryCode: list.country_code, areaId: list.area_id };
  const manage = can(principal.grants, 'crisis.lists', place);
  if (manage || can(principal.grants, 'rollcall.read', place)) return { manage };
  const orgIds = principal.grants
    .filter((g) => g.scopeType === 'organization' && can([g], 'rollcall.read', { organizationId: g.scopeId }))
    .map((g) => g.scopeId as string);
  return orgIds.length ? { orgIds, manage: false } : null;
}

async function readable(db: Db, principal: Principal, id: string) {
  const list = await repo.getList(db, id);
  const access = list && accessTo(principal, list);
  if (!list || !access) throw notFound('List');
  if (access.orgIds && (await repo.listRows(db, id, { organizationIds: access.orgIds })).length === 0)
    throw notFound('List');
  return { list, access };
}

async function manageable(db: Db, principal: Principal, id: string) {
  const { list, access } = await readable(db, principal, id);
  if (!access.manage)
    throw forbidden('Your roles do not include running relocation and evacuation lists here');
  return list;
}

function toCandidate(c: repo.CandidateRow): Candidate {
  return {
    id: c.id,
    kind: c.kind,
    recruitment: c.recruitment,
    designatedBy: c.designated_by,
    sponsor:
      c.sponsor_id && c.sponsor_kind && c.sponsor_recruitment
        ? {
            id: c.sponsor_id,
            name: c.sponsor_name ?? '',
            kind: c.sponsor_kind,
            recruitment: c.sponsor_recruitment,
            active: c.sponsor_active === true,
            designatedBy: c.sponsor_designated_by,
          }
        : null,
  };
}

/** Eligibility of everyone present, by person id. */
async function judge(
  db: Db,
  kind: s.CreateList['kind'],
  countryCode: string,
  present: readonly repo.Present[],
) {
  const rows = await repo.candidates(
    db,
    present.map((p) => p.id),
    countryCode,
  );
  const byId = new Map(present.map((p) => [p.id, p]));
  return rows.map((c) => {
    const e = eligibility(kind, toCandidate(c));
    const p = byId.get(c.id)!;
    return {
      personId: c.id,
      organizationId: c.organization_id,
      ...e,
      location: p.location,
      source: p.source,
    } satisfies repo.NewRow;
  });
}

function presentRow(r: repo.RowRecord, answers: Map<string, ReturnType<typeof latestAnswer>>): s.ListRow {
  const a = answers.get(r.person_id) ?? { state: 'not_asked' as const, at: null };
  return {
    personId: r.person_id,
    name: `${r.given_name} ${r.family_name}`,
    organization: r.organization,
    kind: r.kind,
    recruitment: r.recruitment,
    sponsor: r.sponsor,
    phone: r.phone,
    email: r.email,
    location: r.location,
    source: r.source,
    eligible: r.eligible,
    rule: r.rule,
    reason: r.reason,
    present: r.present,
    absentSince: iso(r.absent_since),
    status: r.status,
    statusNote: r.status_note,
    statusBy: r.status_by_label,
    statusAt: iso(r.status_at),
    rollCall: { state: a.state, at: iso(a.at) },
    version: r.version,
  };
}

async function rowsOf(
  db: Db,
  list: repo.ListRecord,
  access: Access,
  f: { eligibleOnly: boolean; orgId?: string },
) {
  let organizationIds = access.orgIds;
  if (f.orgId) organizationIds = organizationIds ? organizationIds.filter((o) => o === f.orgId) : [f.orgId];
  const rows = await repo.listRows(db, list.id, { organizationIds, eligibleOnly: f.eligibleOnly });
  const raw = await repo.openRollCallAnswers(db, list.country_code, list.id);
  const answers = new Map([...raw.entries()].map(([id, a]) => [id, latestAnswer(a)]));
  return rows.map((r) => presentRow(r, answers));
}

function summaryOf(list: repo.ListRecord, access: Access, rows: readonly s.ListRow[]): s.ListSummary {
  const eligible = rows.filter((r) => r.eligible);
  return {
    id: list.id,
    reference: list.reference,
    kind: list.kind,
    title: list.title,
    countryCode: list.country_code,
    areaCode: list.area_code,
    destination: list.destination,
    destinationCountry: list.destination_country,
    destinationAreaCode: list.destination_area_code,
    asOf: iso(list.as_of)!,
    refreshedAt: iso(list.refreshed_at)!,
    createdBy: list.created_by_label,
    createdAt: iso(list.created_at)!,
    canManage: access.manage,
    totals: totalsOf(
      eligible.map((r) => ({
        organization: r.organization,
        kind: r.kind,
        status: r.status,
        accounting: r.rollCall.state,
        present: r.present,
      })),
    ),
  };
}

/** The lists the caller may read, newest first, each with its totals. */
export async function listLists(db: Db, principal: Principal, q: s.ListQuery): Promise<s.ListSummary[]> {
  const scope = scopeFilter(principal.grants, 'rollcall.read');
  if (!scope) throw forbidden('Your roles do not include relocation and evacuation lists');
  const lists = await repo.findLists(db, scope, q);
  const out: s.ListSummary[] = [];
  for (const list of lists) {
    const access = accessTo(principal, list);
    if (!access) continue;
    out.push(summaryOf(list, access, await rowsOf(db, list, access, { eligibleOnly: true })));
  }
  return out;
}

/** One list with its rows (eligible people; the others too with include=ineligible). */
export async function getList(
  db: Db,
  principal: Principal,
  id: string,
  q: s.DetailQuery = {},
): Promise<s.ListDetail> {
  const { list, access } = await readable(db, principal, id);
  let orgId: string | undefined;
  if (q.organization) {
    const org = await repo.organizationByCode(db, q.organization);
    if (!org) throw invalid('organization', `unknown organization ${q.organization}`);
    orgId = org.id;
  }
  const all = await rowsOf(db, list, access, { eligibleOnly: false, orgId });
  const eligible = all.filter((r) => r.eligible);
  return {
    ...summaryOf(list, access, eligible),
    rows: q.include === 'ineligible' ? all : eligible,
    ineligible: all.length - eligible.length,
  };
}

/** Makes a list from who-is-where at a moment (default now). */
export async function createList(
  db: Db,
  actor: Actor,
  input: s.CreateList,
  now = new Date(),
): Promise<s.ListDetail> {
  const p = actor.principal;
  let countryCode = input.country;
  let areaId: string | null = null;
  if (input.area) {
    const area = await repo.areaByCode(db, input.area);
    if (!area) throw invalid('area', `unknown area ${input.area}`);
    if (countryCode && area.country_code !== countryCode)
      throw invalid('area', `${input.area} is not in ${countryCode}`);
    countryCode = area.country_code;
    areaId = area.id;
  }
  if (!countryCode || !(await repo.countryExists(db, countryCode)))
    throw invalid('country', `unknown country ${countryCode ?? ''}`);
  if (!can(p.grants, 'crisis.lists', { countryCode, areaId }))
    throw forbidden('Your roles do not include relocation and evacuation lists for this place');
  let destinationCountry = input.destinationCountry ?? null;
  let destinationAreaId: string | null = null;
  if (input.destinationCountry && !(await repo.countryExists(db, input.destinationCountry)))
    throw invalid('destinationCountry', `unknown country ${input.destinationCountry}`);
  if (input.destinationArea) {
    const area = await repo.areaByCode(db, input.destinationArea);
    if (!area) throw invalid('destinationArea', `unknown area ${input.destinationArea}`);
    if (destinationCountry && area.country_code !== destinationCountry)
      throw invalid('destinationArea', `${input.destinationArea} is not in ${destinationCountry}`);
    destinationCountry = area.country_code;
    destinationAreaId = area.id;
  }
  const problem = destinationProblem(input.kind, countryCode, destinationCountry);
  if (problem) throw invalid(input.destinationArea ? 'destinationArea' : 'destinationCountry', problem);
  const at = input.at ? new Date(input.at) : now;
  const place = input.area ? (input.area as string) : countryCode;
  const kindWord = input.kind === 'evacuation' ? 'Evacuation' : 'Relocation';
  const id = await db.transaction().execute(async (trx) => {
    const reference = listReference(
      input.kind,
      countryCode,
      await repo.nextSequence(trx, input.kind, countryCode),
    );
    const listId = await repo.insertList(trx, {
      reference,
      kind: input.kind,
      title: input.title ?? `${kindWord} from ${place} to ${input.destination}`,
      countryCode,
      areaId,
      destination: input.destination,
      destinationCountry,
      destinationAreaId,
      asOf: at,
      createdBy: p.via === 'system' ? null : p.userId,
      createdByLabel: p.username,
    });
    const present = await repo.presentIn(trx, { countryCode, ...(areaId ? { areaId } : {}) }, at, now);
    const rows = await judge(trx, input.kind, countryCode, present);
    await repo.insertRows(trx, listId, rows, now);
    await audit(trx, actor, {
      action: 'crisis_list.create',
      entityType: 'crisis_list',
      entityId: listId,
      countryCode,
      after: {
        reference,
        kind: input.kind,
        area: input.area ?? null,
        destination: input.destination,
        destinationCountry,
        at: at.toISOString(),
        present: rows.length,
        eligible: rows.filter((r) => r.eligible).length,
      },
    });
    return listId;
  });
  return getList(db, p, id);
}

/**
 * Reads who-is-where again (now): newcomers are added, people no longer present are flagged (never
 * deleted), people back again are unflagged, and eligibility is worked out again.
 */
export async function refreshList(db: Db, actor: Actor, id: string, now = new Date()) {
  const list = await manageable(db, actor.principal, id);
  const result = await db.transaction().execute(async (trx) => {
    const place = { countryCode: list.country_code, ...(list.area_id ? { areaId: list.area_id } : {}) };
    const present = await repo.presentIn(trx, place, now, now);
    const judged = await judge(trx, list.kind, list.country_code, present);
    const existing = new Map((await repo.rowKeys(trx, id)).map((r) => [r.person_id, r]));
    const fresh = judged.filter((r) => !existing.has(r.personId));
    await repo.insertRows(trx, id, fresh, now);
    const again = judged.filter((r) => existing.has(r.personId));
    const backAgain = again.filter((r) => !existing.get(r.personId)?.present).length;
    await repo.markPresent(trx, id, again);
    const here = new Set(judged.map((r) => r.personId));
    const gone = [...existing.values()]
      .filter((r) => r.present && !here.has(r.person_id))
      .map((r) => r.person_id);
    await repo.markAbsent(trx, id, gone, now);
    await repo.touchList(trx, id, now);
    await audit(trx, actor, {
      action: 'crisis_list.refresh',
      entityType: 'crisis_list',
      entityId: id,
      countryCode: list.country_code,
      detail: { added: fresh.length, noLongerPresent: gone.length, backAgain },
    });
    return { added: fresh.length, noLongerPresent: gone.length, backAgain };
  });
  const detail = await getList(db, actor.principal, id);
  const { rows: _rows, ineligible: _n, ...summary } = detail;
  return { ...result, list: summary };
}

/** Moves one person's row along (listed → confirmed → moved / declined / unreachable). */
export async function updateRow(db: Db, actor: Actor, id: string, personId: string, input: s.UpdateRow) {
  const list = await manageable(db, actor.principal, id);
  const [row] = await repo.listRows(db, id, { personId });
  if (!row) throw notFound('Person on this list');
  if (!row.eligible)
    throw new AppError('unprocessable', `Not on the list: ${row.reason}`, [
      { field: 'personId', message: row.reason },
    ]);
  if (row.version !== input.version) throw versionConflict(row.version);
  if (!canMove(row.status, input.status))
    throw invalid('status', `a row that is ${row.status} cannot become ${input.status}`);
  const now = new Date();
  await db.transaction().execute(async (trx) => {
    const version = await repo.setRowStatus(trx, id, personId, {
      status: input.status as RowStatus,
      note: input.note ?? '',
      byLabel: actor.principal.username,
      at: now,
      version: input.version,
    });
    if (version === undefined) throw versionConflict(row.version + 1);
    await audit(trx, actor, {
      action: 'crisis_list.row_status',
      entityType: 'crisis_list',
      entityId: id,
      orgId: row.organization_id,
      countryCode: list.country_code,
      before: { personId, status: row.status },
      after: { personId, status: input.status, note: input.note ?? '' },
    });
  });
  const [updated] = await rowsOf(db, list, { manage: true }, { eligibleOnly: false }).then((rows) =>
    rows.filter((r) => r.personId === personId),
  );
  return updated!;
}

/**
 * Designates a member of local personnel on the list as targeted because of their employment (for
 * the list's country, with a reason): they and their dependants on the list become eligible for
 * evacuation. Other evacuation lists of the country take it up at their next refresh.
 */
export async function designateTargeted(db: Db, actor: Actor, id: string, input: s.Designate) {
  const list = await manageable(db, actor.principal, id);
  if (list.kind !== 'evacuation')
    throw invalid(
      'personId',
      'designation as targeted concerns evacuation lists; relocation already includes any personnel',
    );
  const [row] = await repo.listRows(db, id, { personId: input.personId });
  if (!row) throw invalid('personId', 'this person is not present on the list');
  if (row.kind !== 'personnel' || row.recruitment !== 'local')
    throw invalid(
      'personId',
      'only local personnel are designated as targeted (international personnel are eligible already)',
    );
  if (await repo.activeDesignation(db, input.personId, list.country_code))
    throw new AppError('duplicate', 'Already designated as targeted in this country', [
      { field: 'personId', message: 'already designated' },
    ]);
  await db.transaction().execute(async (trx) => {
    const designationId = await repo.insertDesignation(trx, {
      personId: input.personId,
      countryCode: list.country_code,
      reason: input.reason,
      by: actor.principal.via === 'system' ? null : actor.principal.userId,
      byLabel: actor.principal.username,
      at: new Date(),
    });
    const deps = await repo.dependantRowsOf(trx, id, input.personId);
    const affected = [input.personId, ...deps.map((d) => d.person_id)];
    const judged = await judge(
      trx,
      list.kind,
      list.country_code,
      affected.map((pid) => ({ id: pid, source: 'duty_station' as const, location: '' })),
    );
    for (const r of judged)
      await repo.updateEligibility(trx, id, r.personId, {
        eligible: r.eligible,
        rule: r.rule,
        reason: r.reason,
      });
    await audit(trx, actor, {
      action: 'crisis_list.designate_targeted',
      entityType: 'person',
      entityId: input.personId,
      orgId: row.organization_id,
      countryCode: list.country_code,
      after: { designationId, listId: id, reason: input.reason, dependants: deps.length },
    });
  });
  return getList(db, actor.principal, id);
}

/**
 * Withdraws a designation (a mistake, or the threat is gone), with a reason: the person and their
 * dependants on this list are judged again; their rows stay, with their status, as left out.
 */
export async function withdrawTargeted(
  db: Db,
  actor: Actor,
  id: string,
  personId: string,
  input: s.Withdraw,
) {
  const list = await manageable(db, actor.principal, id);
  const [row] = await repo.listRows(db, id, { personId });
  if (!row) throw notFound('Person on this list');
  await db.transaction().execute(async (trx) => {
    const withdrawn = await repo.withdrawDesignation(trx, {
      personId,
      countryCode: list.country_code,
      byLabel: actor.principal.username,
      at: new Date(),
    });
    if (!withdrawn) throw notFound('Designation');
    const deps = await repo.dependantRowsOf(trx, id, personId);
    const judged = await judge(
      trx,
      list.kind,
      list.country_code,
      [personId, ...deps.map((d) => d.person_id)].map((pid) => ({
        id: pid,
        source: 'duty_station' as const,
        location: '',
      })),
    );
    for (const r of judged)
      await repo.updateEligibility(trx, id, r.personId, {
        eligible: r.eligible,
        rule: r.rule,
        reason: r.reason,
      });
    await audit(trx, actor, {
      action: 'crisis_list.withdraw_targeted',
      entityType: 'person',
      entityId: personId,
      orgId: row.organization_id,
      countryCode: list.country_code,
      before: { designationId: withdrawn.id, reason: withdrawn.reason },
      after: { listId: id, reason: input.reason },
    });
  });
  return getList(db, actor.principal, id);
}
