import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables';
import type { Principal } from '../../server/auth/principal';
import { type Actor, audit } from '../../server/context';
import { AppError, forbidden, notFound, versionConflict } from '../../server/errors';
import { areaByCode } from '../registry/geography.service';
import { findOrganizationByCode } from '../registry/registry.repository';
import * as srmRepo from '../srm/srm.repository';
import {
  canCorrect,
  canOnIncident,
  canRead,
  canSeeSensitive,
  type IncidentScope,
  incidentReadScope,
} from './access';
import { diffSnapshots, localDateTime, majorIncidentReason, redactChange } from './form-rules';
import * as repo from './incidents.repository';
import type { IncidentInput, IncidentListQuery, IncidentUpdate } from './incidents.schema';
import { enqueueIncidentNotice } from './notify';
import { presentIncident, presentSummary, snapshotOf } from './present';
import { type ResolvedIncident, resolveIncident } from './resolve.service';
import { findCategory } from './rules';
import { enqueueTripAlert } from './trip-alert.repository';

type Db = Kysely<DB>;
type Row = repo.IncidentRow;

async function partsOf(db: Db, r: Row) {
  const [organizations, personnel, impacts, linked] = await Promise.all([
    repo.organizationsOf(db, [r.id]),
    repo.personnelOf(db, r.id),
    repo.impactsOf(db, r.id),
    r.complex_id ? repo.linkedEvents(db, r.complex_id, r.id) : Promise.resolve([]),
  ]);
  return { organizations, personnel, impacts, linked };
}
type Parts = Awaited<ReturnType<typeof partsOf>>;

const scopeOf = (r: Row, p: Pick<Parts, 'organizations'>): IncidentScope => ({
  countryCode: r.country_code,
  areaId: r.area_id,
  organizationIds: p.organizations.map((o) => o.id),
  createdBy: r.created_by,
});

const resolvedScope = (r: ResolvedIncident, createdBy: string | null): IncidentScope => ({
  countryCode: r.values.country_code,
  areaId: r.values.area_id ?? null,
  organizationIds: r.organizationIds,
  createdBy,
});

function present(principal: Principal, r: Row, p: Parts) {
  const scope = scopeOf(r, p);
  return presentIncident(r, {
    ...p,
    // Whoever may read one event of a complex incident sees which events it links to.
    linked: p.linked.map((l) => ({ id: l.id, reference: l.reference, title: l.title })),
    sensitive: canSeeSensitive(principal, scope),
    canEdit: canCorrect(principal, scope),
  });
}

/** What the audit trail keeps: the record without restricted values (auditors lack need to know). */
function auditSnapshot(r: Row, p: Parts) {
  const s = snapshotOf(r, p);
  return {
    reference: r.reference,
    ...s,
    sensitiveDetails: s.sensitiveDetails ? '(restricted)' : '',
    personnel: s.personnel.map((x) => ({
      ...x,
      personName: x.personName ? '(restricted)' : '',
      lineManagerEmail: x.lineManagerEmail ? '(restricted)' : '',
    })),
  };
}

async function load(db: Db, id: string) {
  const r = await repo.findIncident(db, id);
  if (!r) return undefined;
  return { r, p: await partsOf(db, r) };
}

export async function getIncident(db: Db, principal: Principal, id: string) {
  const found = await load(db, id);
  if (!found || !canRead(principal, scopeOf(found.r, found.p))) throw notFound('Incident');
  return present(principal, found.r, found.p);
}

const encodeCursor = (occurredOn: string, id: string) =>
  Buffer.from(`${occurredOn}|${id}`).toString('base64url');
function decodeCursor(after: string) {
  const [occurredOn, id] = Buffer.from(after, 'base64url').toString().split('|');
  if (!occurredOn || !id || !/^\d{4}-\d{2}-\d{2}$/.test(occurredOn) || !/^[0-9a-f-]{36}$/.test(id)) {
    throw new AppError('validation', 'after: not a cursor from a previous page', [
      { field: 'after', message: 'not a cursor from a previous page' },
    ]);
  }
  return { occurredOn, id };
}

export async function listIncidents(db: Db, principal: Principal, q: IncidentListQuery) {
  const scope = incidentReadScope(principal);
  if (!scope) throw forbidden();
  const area = q.area ? await areaByCode(db, q.area) : undefined;
  const org = q.organization ? await findOrganizationByCode(db, q.organization) : undefined;
  const category = q.category ? findCategory(q.category) : undefined;
  if (q.category && !category) {
    throw new AppError('validation', `category: unknown category "${q.category}"`, [
      { field: 'category', message: `unknown category "${q.category}"` },
    ]);
  }
  if ((q.area && !area) || (q.organization && !org)) return { items: [], next: null };
  const rows = await repo.listIncidents(
    db,
    {
      country: q.country,
      areaId: area?.id,
      organizationId: org?.id,
      categoryCode: category?.code,
      relevance: q.relevance,
      from: q.from,
      to: q.to,
      q: q.q,
    },
    scope,
    { limit: q.limit, after: q.after ? decodeCursor(q.after) : undefined },
  );
  const more = rows.length > q.limit;
  const items = rows.slice(0, q.limit);
  const last = items.at(-1);
  return {
    items: items.map(presentSummary),
    next: more && last ? encodeCursor(last.occurred_on, last.id) : null,
  };
}

async function writeNew(
  trx: Db,
  actor: Actor,
  resolved: ResolvedIncident,
  extra: {
    source: 'manual' | 'sind' | 'hxl';
    sourceId: string | null;
    sourceRecord?: unknown;
    linkTo?: string | undefined;
  },
) {
  const createdBy = actor.principal.via === 'system' ? null : actor.principal.userId;
  let complexId: string | null = null;
  if (extra.linkTo) complexId = await complexFor(trx, actor.principal, extra.linkTo);
  const { id } = await repo.insertIncident(trx, {
    ...resolved.values,
    reference: await repo.nextReference(trx, resolved.values.occurred_year),
    complex_id: complexId,
    reporting_org_id: actor.principal.organizationId,
    source: extra.source,
    source_id: extra.sourceId,
    source_record: extra.sourceRecord === undefined ? null : JSON.stringify(extra.sourceRecord),
    created_by: createdBy,
    updated_by: createdBy,
  });
  await repo.replaceChildren(trx, id, resolved, { fresh: true });
  await repo.insertRevision(trx, {
    incidentId: id,
    number: 1,
    changedBy: createdBy,
    reason: extra.source === 'manual' ? 'recorded' : `imported (${extra.source})`,
    changes: [],
  });
  const found = (await load(trx, id))!;
  await audit(trx, actor, {
    action: 'incident.create',
    entityType: 'incident',
    entityId: id,
    countryCode: found.r.country_code,
    after: auditSnapshot(found.r, found.p),
  });
  return found;
}

/** The complex an event joins: the linked incident's, or a new one rooted at it. */
async function complexFor(trx: Db, principal: Principal, linkTo: string): Promise<string> {
  const target = await load(trx, linkTo);
  if (!target || !canRead(principal, scopeOf(target.r, target.p))) {
    throw new AppError('validation', 'linkTo: no such incident', [
      { field: 'linkTo', message: 'no such incident' },
    ]);
  }
  if (target.r.complex_id) return target.r.complex_id;
  await repo.setComplex(trx, target.r.id, target.r.id);
  return target.r.id;
}

/** Records an incident from the standard form and notifies everyone concerned. */
export async function recordIncident(
  db: Db,
  actor: Actor,
  input: IncidentInput,
  opts: { publicUrl: string },
) {
  const principal = actor.principal;
  const resolved = await resolveIncident(db, input, {
    now: new Date(),
    defaultOrganizationId: principal.organizationId,
  });
  const scope = resolvedScope(resolved, principal.userId);
  if (
    !canOnIncident(principal, 'incident.report', scope) &&
    !canOnIncident(principal, 'incident.write', scope)
  ) {
    throw forbidden(`You may not record incidents in ${scope.countryCode} for these organizations`);
  }
  return db.transaction().execute(async (trx) => {
    const found = await writeNew(trx, actor, resolved, {
      source: 'manual',
      sourceId: null,
      linkTo: input.linkTo,
    });
    await enqueueIncidentNotice(
      trx,
      { id: found.r.id, reference: found.r.reference, revision: 1 },
      resolved,
      opts.publicUrl,
    );
    // Everyone present where it happened, travellers included (issue 7, trip-alert.ts).
    await enqueueTripAlert(trx, { id: found.r.id, reference: found.r.reference }, resolved, opts.publicUrl);
    await requestSrmReview(trx, actor, found.r);
    return present(principal, found.r, found.p);
  });
}

/** A major incident puts the SRMs in force where it happened up for immediate review. */
async function requestSrmReview(trx: Db, actor: Actor, r: Row) {
  const major = majorIncidentReason(r);
  if (!major) return;
  const reason = `major incident ${r.reference} on ${r.occurred_on}: ${major}`;
  const flagged = await srmRepo.flagForReview(
    trx,
    { countryCode: r.country_code, areaId: r.area_id },
    reason,
  );
  if (flagged.length === 0) return;
  await audit(trx, actor, {
    action: 'srm.review_requested',
    entityType: 'incident',
    entityId: r.id,
    countryCode: r.country_code,
    detail: { reason, srmIds: flagged.map((f) => f.id) },
  });
}

/** The stored record in the form's terms, so that a correction can name only what it changes. */
function formOf(r: Row, p: Parts): IncidentInput {
  const s = snapshotOf(r, p);
  return {
    occurredOn: s.occurredOn,
    occurredAt: s.occurredAt && s.utcOffset ? localDateTime(s.occurredAt, s.utcOffset) : undefined,
    countryCode: s.countryCode,
    areaCode: s.areaCode ?? undefined,
    stationCode: s.stationCode ?? undefined,
    lat: s.lat,
    lon: s.lon,
    geoPrecision: s.geoPrecision,
    admin1: s.admin1,
    location: s.location,
    categoryCode: s.categoryCode,
    relevance: s.relevance,
    perpetratorType: s.perpetratorType,
    perpetratorName: s.perpetratorName,
    weapon: s.weapon,
    context: s.context,
    title: s.title,
    narrative: s.narrative,
    sensitiveDetails: s.sensitiveDetails,
    captivityOutcome: s.captivityOutcome,
    organizationCodes: s.organizationCodes,
    personnel: s.personnel.map((x) => ({ ...x, organizationCode: x.organizationCode ?? undefined })),
    impacts: s.impacts.map((m) => ({
      ...m,
      organizationCode: m.organizationCode ?? undefined,
      premisesCode: m.premisesCode ?? undefined,
    })),
  };
}

/**
 * Applies a correction to the stored form. A writer without need-to-know cannot see restricted
 * values, so what they send for them is ignored and the stored values are kept.
 */
function mergeCorrection(
  old: IncidentInput,
  patch: IncidentUpdate,
  stored: Parts['personnel'],
  sensitive: boolean,
): IncidentInput {
  const { version: _v, reason: _r, ...fields } = patch;
  const merged: IncidentInput = { ...old, ...fields } as IncidentInput;
  if ('occurredOn' in fields && !('occurredAt' in fields)) merged.occurredAt = undefined;
  if ('occurredAt' in fields && !('occurredOn' in fields)) merged.occurredOn = undefined;
  if ('stationCode' in fields && !('lat' in fields)) {
    merged.lat = null;
    merged.lon = null;
  }
  if (!sensitive) {
    merged.sensitiveDetails = old.sensitiveDetails;
    if (fields.personnel) {
      const byId = new Map(stored.map((p) => [p.id, p]));
      merged.personnel = fields.personnel.map((p) => {
        const was = p.id ? byId.get(p.id) : undefined;
        return was ? { ...p, personName: was.person_name, lineManagerEmail: was.line_manager_email } : p;
      });
    }
  }
  return merged;
}

async function applyUpdate(
  trx: Db,
  actor: Actor,
  found: { r: Row; p: Parts },
  resolved: ResolvedIncident,
  extra: { reason: string; sourceRecord?: unknown; linkTo?: string | undefined },
) {
  const { r, p } = found;
  const complexId = extra.linkTo ? await complexFor(trx, actor.principal, extra.linkTo) : r.complex_id;
  const by = actor.principal.via === 'system' ? null : actor.principal.userId;
  const updated = await repo.updateIncident(trx, r.id, r.version, {
    ...resolved.values,
    complex_id: complexId,
    updated_by: by,
    ...(extra.sourceRecord === undefined ? {} : { source_record: JSON.stringify(extra.sourceRecord) }),
  });
  if (!updated) throw versionConflict(r.version);
  await repo.replaceChildren(trx, r.id, resolved);
  const after = (await load(trx, r.id))!;
  const changes = diffSnapshots(snapshotOf(r, p), snapshotOf(after.r, after.p));
  await repo.insertRevision(trx, {
    incidentId: r.id,
    number: updated.revision,
    changedBy: by,
    reason: extra.reason,
    changes,
  });
  await audit(trx, actor, {
    action: 'incident.update',
    entityType: 'incident',
    entityId: r.id,
    countryCode: after.r.country_code,
    before: auditSnapshot(r, p),
    after: auditSnapshot(after.r, after.p),
    detail: { revision: updated.revision, reason: extra.reason },
  });
  return after;
}

/** Corrects any field of an incident; the revision keeps who, when and every old value. */
export async function correctIncident(db: Db, actor: Actor, id: string, patch: IncidentUpdate) {
  const principal = actor.principal;
  return db.transaction().execute(async (trx) => {
    const found = await load(trx, id);
    if (!found || !canRead(principal, scopeOf(found.r, found.p))) throw notFound('Incident');
    const oldScope = scopeOf(found.r, found.p);
    if (!canCorrect(principal, oldScope)) throw forbidden('You may read this incident but not correct it');
    if (found.r.version !== patch.version) throw versionConflict(found.r.version);
    const merged = mergeCorrection(
      formOf(found.r, found.p),
      patch,
      found.p.personnel,
      canSeeSensitive(principal, oldScope),
    );
    const resolved = await resolveIncident(trx, merged, { now: new Date(), defaultOrganizationId: null });
    if (!canCorrect(principal, resolvedScope(resolved, found.r.created_by))) {
      throw forbidden('The corrected incident would fall outside what you may write');
    }
    const after = await applyUpdate(trx, actor, found, resolved, {
      reason: patch.reason,
      linkTo: patch.linkTo,
    });
    return present(principal, after.r, after.p);
  });
}

export async function incidentHistory(db: Db, principal: Principal, id: string) {
  const found = await load(db, id);
  if (!found || !canRead(principal, scopeOf(found.r, found.p))) throw notFound('Incident');
  const sensitive = canSeeSensitive(principal, scopeOf(found.r, found.p));
  return (await repo.revisionsOf(db, id)).map((v) => ({
    number: v.number,
    changedAt: new Date(v.changed_at).toISOString(),
    changedBy: v.changed_by_name ?? null,
    reason: v.reason,
    changes: (v.changes as { field: string; old: unknown; new: unknown }[]).map((c) =>
      sensitive ? c : redactChange(c),
    ),
  }));
}

/** JSON with object keys sorted: jsonb keeps keys in its own order, so text comparison needs one. */
function canonicalJson(v: unknown): string {
  return JSON.stringify(v, (_k, x) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : x,
  );
}

/** Compares what an import would write with what is stored, in database terms. */
function sameAsStored(
  found: { r: Row; p: Parts },
  resolved: ResolvedIncident,
  sourceRecord: unknown,
): boolean {
  const { r, p } = found;
  const stored = r as unknown as Record<string, unknown>;
  for (const [k, v] of Object.entries(resolved.values)) {
    const s = stored[k];
    const a = s instanceof Date ? s.toISOString() : s;
    const b = v instanceof Date ? v.toISOString() : v;
    if ((a ?? null) !== (b ?? null)) return false;
  }
  if (canonicalJson(r.source_record ?? null) !== canonicalJson(sourceRecord ?? null)) return false;
  const sortJson = (xs: unknown[]) =>
    xs
      .map((x) => JSON.stringify(x))
      .sort()
      .join('\n');
  if (sortJson(p.organizations.map((o) => o.id)) !== sortJson(resolved.organizationIds)) return false;
  const personKeys = (x: repo.PersonnelValues) => ({
    o: x.organization_id ?? null,
    c: x.personnel_category,
    s: x.sex,
    out: x.outcome,
    n: x.count,
    d: x.on_duty ?? null,
    t: x.directly_targeted ?? null,
    cap: x.in_captivity ?? false,
    name: x.person_name ?? '',
    lm: x.line_manager_email ?? '',
  });
  if (sortJson(p.personnel.map((x) => personKeys(x))) !== sortJson(resolved.personnel.map(personKeys)))
    return false;
  const impactKeys = (m: repo.ImpactValues) => ({
    k: m.kind,
    o: m.organization_id ?? null,
    p: m.premises_id ?? null,
    d: m.description ?? '',
    l: m.estimated_loss == null ? null : Number(m.estimated_loss),
  });
  return sortJson(p.impacts.map((m) => impactKeys(m))) === sortJson(resolved.impacts.map(impactKeys));
}

/**
 * Saves one imported incident inside the caller's transaction: a new (source, sourceId) is
 * created; a known one is updated with a revision, or left alone when nothing differs. Imports
 * are historical records, so they notify no one.
 */
export async function saveImported(
  trx: Db,
  actor: Actor,
  input: IncidentInput,
  provenance: { source: 'sind' | 'hxl'; sourceId: string | null; sourceRecord?: unknown },
): Promise<'created' | 'updated' | 'unchanged'> {
  const principal = actor.principal;
  const resolved = await resolveIncident(trx, input, { now: new Date(), defaultOrganizationId: null });
  const scope = resolvedScope(resolved, null);
  if (!canOnIncident(principal, 'incident.write', scope)) {
    throw forbidden(`You may not import incidents in ${scope.countryCode}`);
  }
  const existing = provenance.sourceId
    ? await repo.findBySource(trx, provenance.source, provenance.sourceId)
    : undefined;
  if (!existing) {
    await writeNew(trx, actor, resolved, { ...provenance, linkTo: input.linkTo });
    return 'created';
  }
  const found = { r: existing, p: await partsOf(trx, existing) };
  if (!canCorrect(principal, scopeOf(found.r, found.p))) {
    throw forbidden(`You may not update incident ${existing.reference}`);
  }
  if (sameAsStored(found, resolved, provenance.sourceRecord)) return 'unchanged';
  await applyUpdate(trx, actor, found, resolved, {
    reason: `re-imported (${provenance.source} ${provenance.sourceId})`,
    sourceRecord: provenance.sourceRecord,
  });
  return 'updated';
}
