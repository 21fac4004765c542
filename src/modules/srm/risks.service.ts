import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/tables';
import { can } from '../../server/access/rules';
import { type Actor, audit } from '../../server/context';
import { AppError, invalid, notFound, versionConflict } from '../../server/errors';
import { organizationByCode } from '../registry/organizations.service';
import { computeRisk, presentMeasure, presentRisk } from './present';
import { nextMeasureStatus, type RiskMatrix } from './rules';
import * as repo from './srm.repository';
import type {
  measureAction,
  measureInput,
  overrideRisk,
  riskInput,
  selfAssessment,
  updateRisk,
} from './srm.schema';
import { readableSrm, requireSrm, srmScope, today } from './srm.service';

type Db = Kysely<DB>;
const userOf = (actor: Actor) => (actor.principal.via === 'system' ? null : actor.principal.userId);

async function matrixOf(db: Db, s: repo.SrmRow) {
  return (await repo.findMatrix(db, s.matrix_id)).matrix as RiskMatrix;
}

/** Stores a risk's inherent, residual and expected levels after any change to it or its measures. */
async function recompute(db: Db, s: repo.SrmRow, riskId: string) {
  const risk = (await repo.findRisk(db, riskId))!;
  const measures = await repo.measuresOf(db, [riskId]);
  const levels = computeRisk(await matrixOf(db, s), risk, measures);
  return (await repo.updateRisk(db, riskId, null, {
    inherent_risk: levels.inherent,
    residual_risk: levels.residual,
    expected_risk: levels.expected,
  }))!;
}

async function riskContext(db: Db, actor: Actor, riskId: string) {
  const risk = await repo.findRisk(db, riskId);
  if (!risk) throw notFound('Risk');
  const s = await readableSrm(db, actor.principal, risk.srm_id);
  return { risk, srm: s };
}

async function presentOne(db: Db, riskId: string) {
  const r = (await repo.findRisk(db, riskId))!;
  return presentRisk(r, await repo.measuresOf(db, [riskId]), today());
}

export async function addRisk(db: Db, actor: Actor, srmId: string, input: z.infer<typeof riskInput>) {
  return db.transaction().execute(async (trx) => {
    const s = await readableSrm(trx, actor.principal, srmId);
    requireSrm(actor.principal, 'srm.write', s);
    if (s.status === 'superseded') throw new AppError('conflict', 'This SRM was superseded');
    const levels = computeRisk(await matrixOf(trx, s), input, []);
    const row = await repo.insertRisk(trx, {
      srm_id: srmId,
      ...input,
      inherent_risk: levels.inherent,
      residual_risk: levels.residual,
      expected_risk: levels.expected,
    });
    await repo.reopenSrm(trx, srmId, 'a risk was added after approval');
    const after = await presentOne(trx, row.id);
    await audit(trx, actor, {
      action: 'srm_risk.create',
      entityType: 'srm_risk',
      entityId: row.id,
      countryCode: s.country_code,
      after,
    });
    return after;
  });
}

export async function editRisk(db: Db, actor: Actor, riskId: string, input: z.infer<typeof updateRisk>) {
  return db.transaction().execute(async (trx) => {
    const { risk, srm } = await riskContext(trx, actor, riskId);
    requireSrm(actor.principal, 'srm.write', srm);
    const before = await presentOne(trx, riskId);
    const { version, ...change } = input;
    if (!(await repo.updateRisk(trx, riskId, version, change))) throw versionConflict(risk.version);
    await recompute(trx, srm, riskId);
    await repo.reopenSrm(trx, srm.id, 'a risk was changed after approval');
    const after = await presentOne(trx, riskId);
    await audit(trx, actor, {
      action: 'srm_risk.update',
      entityType: 'srm_risk',
      entityId: riskId,
      countryCode: srm.country_code,
      before,
      after,
    });
    return after;
  });
}

/**
 * A judgment that replaces the computed residual level. The reason is mandatory and the override
 * is shown beside the computed value and audited, so results cannot be quietly manipulated.
 */
export async function setOverride(db: Db, actor: Actor, riskId: string, input: z.infer<typeof overrideRisk>) {
  if (input.risk !== null && (!input.reason || input.reason.trim().length < 10)) {
    throw invalid('reason', 'an override needs a reason of at least 10 characters');
  }
  return db.transaction().execute(async (trx) => {
    const { risk, srm } = await riskContext(trx, actor, riskId);
    requireSrm(actor.principal, 'srm.write', srm);
    const before = await presentOne(trx, riskId);
    const updated = await repo.updateRisk(trx, riskId, input.version, {
      override_risk: input.risk,
      override_reason: input.risk === null ? null : input.reason!.trim(),
      overridden_by: input.risk === null ? null : userOf(actor),
      overridden_at: input.risk === null ? null : new Date(),
    });
    if (!updated) throw versionConflict(risk.version);
    const after = await presentOne(trx, riskId);
    await audit(trx, actor, {
      action: 'srm_risk.override',
      entityType: 'srm_risk',
      entityId: riskId,
      countryCode: srm.country_code,
      before: before.override,
      after: after.override,
    });
    return after;
  });
}

export async function addMeasure(db: Db, actor: Actor, riskId: string, input: z.infer<typeof measureInput>) {
  return db.transaction().execute(async (trx) => {
    const { srm } = await riskContext(trx, actor, riskId);
    requireSrm(actor.principal, 'srm.write', srm);
    const lib = input.libraryCode ? await repo.findLibraryMeasure(trx, input.libraryCode) : undefined;
    if (input.libraryCode && !lib)
      throw invalid('libraryCode', `no library measure has the code ${input.libraryCode}`);
    const owner = input.ownerOrganizationCode
      ? await organizationByCode(trx, input.ownerOrganizationCode)
      : null;
    if (input.ownerOrganizationCode && !owner)
      throw invalid('ownerOrganizationCode', `no organization has the code ${input.ownerOrganizationCode}`);
    const row = await repo.insertMeasure(trx, {
      risk_id: riskId,
      library_id: lib?.id ?? null,
      title: input.title ?? lib!.title,
      kind: input.kind ?? lib!.kind,
      mandatory: input.mandatory,
      steps: input.steps,
      owner_org_id: owner?.id ?? null,
      cost_cents: input.costUsd === undefined ? null : Math.round(input.costUsd * 100),
      agreed_date: input.agreedDate ?? null,
      status: 'proposed',
    });
    await recompute(trx, srm, riskId);
    const after = presentMeasure(row, today());
    await audit(trx, actor, {
      action: 'srm_measure.create',
      entityType: 'srm_measure',
      entityId: row.id,
      countryCode: srm.country_code,
      after,
    });
    return after;
  });
}

/**
 * approve (DO) | reject (DO) | implement (with evidence and date) | verify (DO or desk). A
 * measure that was never approved cannot be implemented; only implemented measures lower risk.
 */
export async function actOnMeasure(
  db: Db,
  actor: Actor,
  measureId: string,
  action: 'approve' | 'reject' | 'implement' | 'verify',
  input: z.infer<typeof measureAction>,
) {
  return db.transaction().execute(async (trx) => {
    const m = await repo.findMeasure(trx, measureId);
    if (!m) throw notFound('Measure');
    const { srm } = await riskContext(trx, actor, m.risk_id);
    const scope = srmScope(srm);
    const allowed =
      action === 'implement'
        ? can(actor.principal.grants, 'srm.write', scope)
        : action === 'verify'
          ? can(actor.principal.grants, 'srm.approve', scope) ||
            can(actor.principal.grants, 'srm.endorse', scope)
          : can(actor.principal.grants, 'srm.approve', scope);
    if (!allowed) requireSrm(actor.principal, action === 'implement' ? 'srm.write' : 'srm.approve', srm);
    if (m.version !== input.version) throw versionConflict(m.version);
    const next = nextMeasureStatus(m.status, action);
    if (!next)
      throw new AppError(
        'conflict',
        `A ${m.status} measure cannot be ${action === 'implement' ? 'implemented (it must be approved first)' : `${action}d`}`,
      );
    if (action === 'implement') {
      if (!input.evidence?.trim()) throw invalid('evidence', 'say what shows the measure is in place');
      if (!input.implementedOn) throw invalid('implementedOn', 'the date the measure was put in place');
      if (input.implementedOn > today()) throw invalid('implementedOn', 'cannot be in the future');
    }
    const now = new Date();
    const updated = await repo.updateMeasure(trx, measureId, input.version, {
      status: next,
      ...(action === 'approve' ? { approved_by: userOf(actor), approved_at: now } : {}),
      ...(action === 'implement'
        ? { implemented_on: input.implementedOn!, evidence: input.evidence!.trim() }
        : {}),
      ...(action === 'verify'
        ? {
            verified_by: userOf(actor),
            verified_at: now,
            effectiveness: input.effectiveness ?? m.effectiveness,
          }
        : {}),
    });
    if (!updated) throw versionConflict(m.version);
    const risk = await recompute(trx, srm, m.risk_id);
    await audit(trx, actor, {
      action: `srm_measure.${action}`,
      entityType: 'srm_measure',
      entityId: measureId,
      countryCode: srm.country_code,
      before: { status: m.status },
      after: { status: next, riskResidual: risk.residual_risk },
    });
    return presentMeasure(updated, today());
  });
}

/** The online self-assessment of a measure: is it really in place? Kept as a dated history. */
export async function selfAssessMeasure(
  db: Db,
  actor: Actor,
  measureId: string,
  input: z.infer<typeof selfAssessment>,
) {
  return db.transaction().execute(async (trx) => {
    const m = await repo.findMeasure(trx, measureId);
    if (!m) throw notFound('Measure');
    const { srm } = await riskContext(trx, actor, m.risk_id);
    await repo.insertSelfAssessment(trx, {
      measureId,
      answer: input.answer,
      note: input.note,
      by: userOf(actor),
    });
    await audit(trx, actor, {
      action: 'srm_measure.self_assess',
      entityType: 'srm_measure',
      entityId: measureId,
      countryCode: srm.country_code,
      after: input,
    });
    return presentMeasure((await repo.findMeasure(trx, measureId))!, today());
  });
}
