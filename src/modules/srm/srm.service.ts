import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/tables';
import { can, type Permission, scopeFilter } from '../../server/access/rules';
import type { Principal } from '../../server/auth/principal';
import { type Actor, audit } from '../../server/context';
import { AppError, forbidden, invalid, notFound, versionConflict } from '../../server/errors';
import { areaByCode, getCountry } from '../registry/geography.service';
import { organizationByCode } from '../registry/organizations.service';
import { levelRisesSince } from '../threats/assessments.service';
import { CATEGORY_LABELS, isoDate } from '../threats/rules';
import { STANDARD_MEASURES } from './measure-library';
import { presentRisk, presentSrm, type ReviewState, summarizeSrm } from './present';
import { type RiskMatrix, validateMatrix } from './rules';
import * as repo from './srm.repository';
import type { createSrm, SrmDetail, srmAction } from './srm.schema';

type Db = Kysely<DB>;
export const today = () => isoDate(new Date());

export const srmScope = (s: {
  country_code: string;
  area_id: string | null;
  organization_id: string | null;
}) => ({
  countryCode: s.country_code,
  areaId: s.area_id,
  organizationId: s.organization_id,
});

/** The SRM if the principal may read it; out of scope reads as absent. */
export async function readableSrm(db: Db, principal: Principal, id: string) {
  const s = await repo.findSrm(db, id);
  if (!s || !can(principal.grants, 'srm.read', srmScope(s))) throw notFound('SRM');
  return s;
}

export function requireSrm(principal: Principal, permission: Permission, s: repo.SrmRow) {
  if (!can(principal.grants, permission, srmScope(s))) throw forbidden();
}

/** Reviewed at least annually, and at once after a rise of a threat level in the area. */
async function reviewState(db: Db, s: repo.SrmRow): Promise<ReviewState> {
  const reasons: string[] = [];
  if (s.review_due <= today()) reasons.push(`annual review due on ${s.review_due}`);
  if (s.review_reason) reasons.push(s.review_reason);
  if (s.area_id) {
    const { rises } = await levelRisesSince(db, s.area_id, s.threat_assessment_id);
    for (const r of rises)
      reasons.push(`${CATEGORY_LABELS[r.category]} rose from ${r.from} to ${r.to} since this SRM`);
  }
  return { due: reasons.length > 0, dueDate: s.review_due, reasons };
}

/** The whole SRM: risks with computed levels, measures, activities with acceptability, review. */
export async function srmDetail(db: Db, s: repo.SrmRow): Promise<SrmDetail> {
  const risks = await repo.risksOf(db, [s.id]);
  const measures = await repo.measuresOf(
    db,
    risks.map((r) => r.id),
  );
  const activities = await repo.activitiesOf(db, [s.id]);
  const matrix = (await repo.findMatrix(db, s.matrix_id)).matrix as RiskMatrix;
  const presented = risks.map((r) => presentRisk(r, measures, today()));
  return { ...presentSrm(s, presented, activities, await reviewState(db, s)), matrix, risks: presented };
}

export async function getSrm(db: Db, principal: Principal, id: string) {
  return srmDetail(db, await readableSrm(db, principal, id));
}

/**
 * SRM summaries within scope, from four aggregate queries whatever their number. Review state here
 * is the annual date and recorded reasons; rises of threat levels are checked when an SRM is opened.
 */
export async function listSrms(
  db: Db,
  principal: Principal,
  f: { country?: string; region?: string; status?: string },
) {
  const filter = scopeFilter(principal.grants, 'srm.read');
  if (!filter) throw forbidden('Your roles do not include reading SRMs');
  const scope = filter.global ? null : filter;
  const [rows, riskStats, measureStats, activities] = await Promise.all([
    repo.listSrms(db, f, scope),
    repo.riskStatsBySrm(db, f, scope),
    repo.measureStatsBySrm(db, f, scope, today()),
    repo.activitiesFor(db, f, scope),
  ]);
  return rows.map((s) => {
    const counts = riskStats.get(s.id) ?? new Map<string, number>();
    const stats = measureStats.get(s.id) ?? { total: 0, inPlace: 0, overdue: 0 };
    const reasons = [
      ...(s.review_due <= today() ? [`annual review due on ${s.review_due}`] : []),
      ...(s.review_reason ? [s.review_reason] : []),
    ];
    return summarizeSrm(
      s,
      counts,
      stats,
      activities.filter((a) => a.srm_id === s.id),
      { due: reasons.length > 0, dueDate: s.review_due, reasons },
    );
  });
}

export async function createSrmDraft(db: Db, actor: Actor, input: z.infer<typeof createSrm>) {
  await getCountry(db, input.countryCode).catch(() => {
    throw invalid('countryCode', `unknown country ${input.countryCode}`);
  });
  const area = input.areaCode ? await areaByCode(db, input.areaCode) : null;
  if (input.areaCode && !area) throw invalid('areaCode', `no area has the code ${input.areaCode}`);
  if (area && area.countryCode !== input.countryCode)
    throw invalid('areaCode', `${area.code} is not in ${input.countryCode}`);
  const org = input.organizationCode ? await organizationByCode(db, input.organizationCode) : null;
  if (input.organizationCode && !org)
    throw invalid('organizationCode', `no organization has the code ${input.organizationCode}`);
  if (
    !can(actor.principal.grants, 'srm.write', { countryCode: input.countryCode, areaId: area?.id ?? null })
  ) {
    throw forbidden(`You may not draft SRMs for ${area?.code ?? input.countryCode}`);
  }
  return db.transaction().execute(async (trx) => {
    const matrix = await repo.currentMatrix(trx);
    const linked = area ? (await levelRisesSince(trx, area.id, null)).currentId : null;
    const yearOn = isoDate(new Date(Date.parse(`${input.periodStart}T00:00:00Z`) + 365 * 86_400_000));
    const row = await repo.insertSrm(trx, {
      kind: input.kind,
      title: input.title,
      country_code: input.countryCode,
      area_id: area?.id ?? null,
      organization_id: org?.id ?? null,
      period_start: input.periodStart,
      period_end: input.periodEnd,
      status: 'draft',
      threat_assessment_id: linked,
      matrix_id: matrix.id,
      // biome-ignore lint/complexity/useMathMinMax: ISO date strings, not numbers; Math.min would give NaN
      review_due: yearOn < input.periodEnd ? yearOn : input.periodEnd,
      created_by: actor.principal.via === 'system' ? null : actor.principal.userId,
    });
    const after = await srmDetail(trx, row);
    await audit(trx, actor, {
      action: 'srm.create',
      entityType: 'srm',
      entityId: row.id,
      countryCode: row.country_code,
      orgId: row.organization_id,
      after,
    });
    return after;
  });
}

/**
 * The approval chain: the security adviser drafts; the DO approves after consulting the SMT
 * (recorded); the desk endorses. Nobody approves or endorses their own draft.
 */
export async function actOnSrm(
  db: Db,
  actor: Actor,
  id: string,
  action: 'approve' | 'endorse' | 'return',
  input: z.infer<typeof srmAction>,
) {
  return db.transaction().execute(async (trx) => {
    const s = await readableSrm(trx, actor.principal, id);
    if (s.version !== input.version) throw versionConflict(s.version);
    const me = actor.principal.via === 'system' ? null : actor.principal.userId;
    const now = new Date();
    let change: Parameters<typeof repo.updateSrm>[3];
    if (action === 'approve') {
      requireSrm(actor.principal, 'srm.approve', s);
      if (s.status !== 'draft')
        throw new AppError('conflict', `Only a draft SRM can be approved; this one is ${s.status}`);
      if (!input.smtConsultedOn)
        throw invalid('smtConsultedOn', 'the DO approves after consulting the SMT: give the date');
      if (me && s.created_by === me)
        throw new AppError('forbidden', 'You drafted this SRM; the Designated Official approves it');
      change = {
        status: 'approved',
        approved_by: me,
        approved_at: now,
        smt_consulted_on: input.smtConsultedOn,
        smt_note: input.smtNote ?? '',
        review_reason: null,
      };
    } else if (action === 'endorse') {
      requireSrm(actor.principal, 'srm.endorse', s);
      if (s.status !== 'approved')
        throw new AppError('conflict', `Only an approved SRM can be endorsed; this one is ${s.status}`);
      if (me && (s.created_by === me || s.approved_by === me))
        throw new AppError('forbidden', 'The desk endorses what others drafted and approved');
      change = { status: 'endorsed', endorsed_by: me, endorsed_at: now };
    } else {
      if (
        !can(actor.principal.grants, 'srm.approve', srmScope(s)) &&
        !can(actor.principal.grants, 'srm.endorse', srmScope(s))
      )
        throw forbidden();
      if (s.status === 'draft' || s.status === 'superseded')
        throw new AppError('conflict', `This SRM is ${s.status}`);
      change = { status: 'draft', review_reason: input.smtNote ?? 'returned for changes' };
    }
    const updated = await repo.updateSrm(trx, id, input.version, change);
    if (!updated) throw versionConflict(s.version);
    await audit(trx, actor, {
      action: `srm.${action}`,
      entityType: 'srm',
      entityId: id,
      countryCode: s.country_code,
      orgId: s.organization_id,
      before: { status: s.status },
      after: { status: updated.status, smtConsultedOn: updated.smt_consulted_on },
    });
    return srmDetail(trx, updated);
  });
}

export async function listRiskMatrices(db: Db) {
  return (await repo.listMatrices(db)).map((m) => ({
    number: m.number,
    matrix: m.matrix as RiskMatrix,
    note: m.note,
    createdAt: m.created_at.toISOString(),
  }));
}

/** A new matrix version (administrators): existing SRMs keep the version they were made with. */
export async function setRiskMatrix(db: Db, actor: Actor, input: { matrix: unknown; note: string }) {
  if (!actor.principal.grants.some((g) => g.role === 'admin'))
    throw forbidden('Only administrators change the risk matrix');
  const v = validateMatrix(input.matrix);
  if (!v.ok)
    throw new AppError('validation', v.errors.map((e) => `${e.field}: ${e.message}`).join('; '), v.errors);
  return db.transaction().execute(async (trx) => {
    const row = await repo.insertMatrix(trx, {
      matrix: v.matrix,
      note: input.note,
      createdBy: actor.principal.via === 'system' ? null : actor.principal.userId,
    });
    await audit(trx, actor, {
      action: 'risk_matrix.create',
      entityType: 'risk_matrix',
      entityId: row.id,
      after: { number: row.number, matrix: v.matrix },
    });
    return { number: row.number, matrix: v.matrix, note: row.note, createdAt: row.created_at.toISOString() };
  });
}

/** Makes sure the standard measure library is present (start-up; idempotent). */
export function ensureMeasureLibrary(db: Db) {
  return repo.ensureLibrary(db, STANDARD_MEASURES);
}

export async function listMeasureLibrary(db: Db) {
  return (await repo.listLibrary(db)).map((m) => ({
    code: m.code,
    title: m.title,
    kind: m.kind,
    category: m.category,
    description: m.description,
  }));
}

/** The current (not superseded) SRM of an area, newest first; null when there is none. */
export async function currentSrmForArea(db: Db, principal: Principal, areaCode: string) {
  const area = await areaByCode(db, areaCode);
  if (!area) throw invalid('area', `no area has the code ${areaCode}`);
  const rows = await repo.listSrms(db, {}, null);
  const mine = rows
    .filter((s) => s.area_id === area.id)
    .sort((a, b) => b.created_at.getTime() - a.created_at.getTime())[0];
  if (!mine) return null;
  return getSrm(db, principal, mine.id);
}
