import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/tables';
import { can } from '../../server/access/rules';
import type { Principal } from '../../server/auth/principal';
import { type Actor, audit } from '../../server/context';
import { AppError, forbidden, invalid, notFound, versionConflict } from '../../server/errors';
import { areaByCode } from '../registry/geography.service';
import * as repo from './threats.repository';
import type { createHazardAssessment, hazardAssessment } from './threats.schema';
import { assertNotAuthor, authorId, transition } from './workflow';

/**
 * Hazards (natural and occupational safety) are assessed apart from the four security categories,
 * with the host government's response capacity, and never enter the security levels (2024 decision).
 */
type Db = Kysely<DB>;
type HazardAssessment = z.infer<typeof hazardAssessment>;
const scopeOf = (r: { country_code: string; area_id: string }) => ({
  countryCode: r.country_code,
  areaId: r.area_id,
});

function present(r: repo.HazardRow): HazardAssessment {
  return {
    id: r.id,
    areaId: r.area_id,
    areaCode: r.area_code,
    countryCode: r.country_code,
    number: r.number,
    status: r.status,
    effectiveDate: r.effective_date,
    hazards: r.hazards as HazardAssessment['hazards'],
    hostCapacity: r.host_capacity,
    hostCapacityNotes: r.host_capacity_notes,
    approvedAt: r.approved_at?.toISOString() ?? null,
    publishedAt: r.published_at?.toISOString() ?? null,
    version: r.version,
  };
}

export async function listHazardAssessments(db: Db, principal: Principal, areaCode: string) {
  const area = await areaByCode(db, areaCode);
  if (!area || !can(principal.grants, 'threat.read', { countryCode: area.countryCode, areaId: area.id })) {
    throw notFound(`Area ${areaCode}`);
  }
  return (await repo.listHazards(db, area.id)).map(present);
}

export async function createHazardDraft(db: Db, actor: Actor, input: z.infer<typeof createHazardAssessment>) {
  const area = await areaByCode(db, input.areaCode);
  if (!area) throw invalid('areaCode', `no area has the code ${input.areaCode}`);
  if (!can(actor.principal.grants, 'threat.write', { countryCode: area.countryCode, areaId: area.id }))
    throw forbidden();
  const types = input.hazards.map((h) => h.type);
  const dup = types.find((t, i) => types.indexOf(t) !== i);
  if (dup) throw invalid('hazards', `${dup} is listed twice`);
  return db.transaction().execute(async (trx) => {
    const open = (await repo.listHazards(trx, area.id)).find(
      (h) => h.status === 'draft' || h.status === 'approved',
    );
    if (open)
      throw new AppError('conflict', `Hazard assessment version ${open.number} is still ${open.status}`);
    const id = await repo.insertHazard(trx, {
      areaId: area.id,
      number: await repo.nextHazardNumber(trx, area.id),
      effectiveDate: input.effectiveDate,
      hazards: input.hazards,
      hostCapacity: input.hostCapacity,
      hostCapacityNotes: input.hostCapacityNotes,
      createdBy: authorId(actor),
    });
    const after = present((await repo.findHazard(trx, id))!);
    await audit(trx, actor, {
      action: 'hazard_assessment.create',
      entityType: 'hazard_assessment',
      entityId: id,
      countryCode: area.countryCode,
      after,
    });
    return after;
  });
}

export async function actOnHazard(
  db: Db,
  actor: Actor,
  id: string,
  action: 'approve' | 'return' | 'publish',
  version: number,
) {
  return db.transaction().execute(async (trx) => {
    const row = await repo.findHazard(trx, id);
    if (!row || !can(actor.principal.grants, 'threat.read', scopeOf(row)))
      throw notFound('Hazard assessment');
    if (!can(actor.principal.grants, action === 'publish' ? 'threat.write' : 'threat.approve', scopeOf(row)))
      throw forbidden();
    if (row.version !== version) throw versionConflict(row.version);
    const status = transition(row.status, action, 'hazard assessment');
    if (action === 'approve') assertNotAuthor(row.created_by, actor, 'hazard assessment');
    if (action === 'publish') await repo.supersedeHazards(trx, row.area_id);
    const now = new Date();
    const updated = await repo.setHazardStatus(trx, id, version, {
      status,
      ...(action === 'approve' ? { approved_by: authorId(actor), approved_at: now } : {}),
      ...(action === 'publish' ? { published_at: now } : {}),
    });
    if (!updated) throw versionConflict(row.version);
    await audit(trx, actor, {
      action: `hazard_assessment.${action}`,
      entityType: 'hazard_assessment',
      entityId: id,
      countryCode: row.country_code,
      before: { status: row.status },
      after: { status },
    });
    return present(updated);
  });
}
