import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables';
import { can, type Permission } from '../../server/access/rules';
import type { Principal } from '../../server/auth/principal';
import { type Actor, audit } from '../../server/context';
import { AppError, forbidden, invalid, notFound, versionConflict } from '../../server/errors';
import { areaByCode } from '../registry/geography.service';
import * as outbox from './advisories.repository';
import { enqueueLevelAlert } from './level-alert.service';
import { levelsFromRows, presentAssessment } from './present';
import { anyRise, CATEGORIES, type CategoryLevels, levelChanges } from './rules';
import * as repo from './threats.repository';
import type { AssessmentBody } from './threats.schema';
import { assertNotAuthor, authorId, transition } from './workflow';

type Db = Kysely<DB>;
type Row = repo.AssessmentRow;
const scopeOf = (r: { country_code: string; area_id: string }) => ({
  countryCode: r.country_code,
  areaId: r.area_id,
});

function authorize(
  principal: Principal,
  permission: Permission,
  r: { country_code: string; area_id: string },
) {
  if (!can(principal.grants, permission, scopeOf(r))) throw forbidden();
}

async function present(db: Db, row: Row) {
  return presentAssessment(row, await repo.levelsOf(db, [row.id]));
}

/** The detailed assessment: security professionals of that country or area, and those above them. */
export async function getAssessment(db: Db, principal: Principal, id: string) {
  const row = await repo.findAssessment(db, id);
  if (!row || !can(principal.grants, 'threat.read', scopeOf(row))) throw notFound('Threat assessment');
  return present(db, row);
}

/** Every version of an area's assessment, newest first: the full history, never overwritten. */
export async function listAreaAssessments(db: Db, principal: Principal, areaCode: string) {
  const area = await areaByCode(db, areaCode);
  if (!area || !can(principal.grants, 'threat.read', { countryCode: area.countryCode, areaId: area.id })) {
    throw notFound(`Area ${areaCode}`);
  }
  const rows = await repo.listAssessments(db, area.id);
  const levels = await repo.levelsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => presentAssessment(r, levels));
}

function levelRows(body: Pick<AssessmentBody, 'categories'>) {
  return CATEGORIES.map((c) => {
    const a = body.categories[c];
    return {
      category: c,
      level: a.level,
      intent: a.intent,
      capability: a.capability,
      inhibiting_context: a.inhibitingContext,
      narrative: a.narrative,
    };
  });
}

/** Starts a new draft version for an area; there is at most one unpublished version at a time. */
export async function createAssessment(db: Db, actor: Actor, input: AssessmentBody & { areaCode: string }) {
  const area = await areaByCode(db, input.areaCode);
  if (!area) throw invalid('areaCode', `no area has the code ${input.areaCode}`);
  if (!can(actor.principal.grants, 'threat.write', { countryCode: area.countryCode, areaId: area.id })) {
    throw forbidden(`You may not assess threats in ${area.code}`);
  }
  return db.transaction().execute(async (trx) => {
    const open = await repo.findAssessmentByStatus(trx, area.id, ['draft', 'approved']);
    if (open)
      throw new AppError(
        'conflict',
        `Version ${open.number} of ${area.code} is still ${open.status}; finish it first`,
      );
    const id = await repo.insertAssessment(trx, {
      areaId: area.id,
      number: await repo.nextAssessmentNumber(trx, area.id),
      status: 'draft',
      effectiveDate: input.effectiveDate,
      summary: input.summary,
      legacySecurityLevel: input.legacySecurityLevel ?? null,
      source: 'manual',
      createdBy: authorId(actor),
    });
    await repo.replaceLevels(trx, id, levelRows(input));
    const after = await present(trx, (await repo.findAssessment(trx, id))!);
    await audit(trx, actor, {
      action: 'threat_assessment.create',
      entityType: 'threat_assessment',
      entityId: id,
      countryCode: area.countryCode,
      after,
    });
    return after;
  });
}

/** Edits a draft. A stale version gets 409: the second of two concurrent editors never overwrites. */
export async function updateAssessment(
  db: Db,
  actor: Actor,
  id: string,
  input: Partial<AssessmentBody> & { version: number },
) {
  return db.transaction().execute(async (trx) => {
    const row = await repo.findAssessment(trx, id);
    if (!row || !can(actor.principal.grants, 'threat.read', scopeOf(row)))
      throw notFound('Threat assessment');
    authorize(actor.principal, 'threat.write', row);
    if (row.version !== input.version) throw versionConflict(row.version);
    transition(row.status, 'edit', 'assessment');
    const before = await present(trx, row);
    const updated = await repo.updateAssessment(trx, id, input.version, {
      ...(input.effectiveDate ? { effective_date: input.effectiveDate } : {}),
      ...(input.summary !== undefined ? { summary: input.summary } : {}),
      ...(input.legacySecurityLevel !== undefined
        ? { legacy_security_level: input.legacySecurityLevel }
        : {}),
    });
    if (!updated) throw versionConflict(row.version);
    if (input.categories) await repo.replaceLevels(trx, id, levelRows({ categories: input.categories }));
    const after = await present(trx, updated);
    await audit(trx, actor, {
      action: 'threat_assessment.update',
      entityType: 'threat_assessment',
      entityId: id,
      countryCode: row.country_code,
      before,
      after,
    });
    return after;
  });
}

/** approve | return | publish. Publishing supersedes the current version and flags any rise. */
export async function actOnAssessment(
  db: Db,
  actor: Actor,
  id: string,
  action: 'approve' | 'return' | 'publish',
  version: number,
) {
  return db.transaction().execute(async (trx) => {
    const row = await repo.findAssessment(trx, id);
    if (!row || !can(actor.principal.grants, 'threat.read', scopeOf(row)))
      throw notFound('Threat assessment');
    authorize(actor.principal, action === 'publish' ? 'threat.write' : 'threat.approve', row);
    if (row.version !== version) throw versionConflict(row.version);
    const status = transition(row.status, action, 'assessment');
    if (action === 'approve') assertNotAuthor(row.created_by, actor, 'assessment');
    const now = new Date();
    let previous: CategoryLevels | null = null;
    if (action === 'publish') {
      const current = await repo.findAssessmentByStatus(trx, row.area_id, ['published']);
      if (current) previous = levelsFromRows(await repo.levelsOf(trx, [current.id]));
      await repo.supersedeAssessments(trx, row.area_id);
    }
    const updated = await repo.updateAssessment(trx, id, version, {
      status,
      ...(action === 'approve' ? { approved_by: authorId(actor), approved_at: now } : {}),
      ...(action === 'return' ? { approved_by: null, approved_at: null } : {}),
      ...(action === 'publish' ? { published_by: authorId(actor), published_at: now } : {}),
    });
    if (!updated) throw versionConflict(row.version);
    const after = await present(trx, updated);
    if (action === 'publish') {
      const next = levelsFromRows(await repo.levelsOf(trx, [id]));
      if (anyRise(previous, next)) {
        // A rise is a significant change: the SRM of the area is due for review at once (DOMAIN.md §4).
        await outbox.enqueue(trx, {
          topic: 'threat.level_raised',
          dedupeKey: `threat.level_raised:${id}`,
          payload: {
            assessmentId: id,
            areaId: row.area_id,
            areaCode: row.area_code,
            countryCode: row.country_code,
            changes: levelChanges(previous, next),
          },
          recipients: [],
        });
        // Everyone present in the area now is alerted, in this transaction.
        await enqueueLevelAlert(
          trx,
          { kind: 'assessment', id, countryCode: row.country_code, areaId: row.area_id },
          levelChanges(previous, next),
          next,
        );
      }
    }
    await audit(trx, actor, {
      action: `threat_assessment.${action}`,
      entityType: 'threat_assessment',
      entityId: id,
      countryCode: row.country_code,
      before: { status: row.status, version: row.version },
      after: { status: after.status, version: after.version },
    });
    return after;
  });
}

/** Current published levels of one area, or null: the default levels of an area advisory. */
export async function currentAreaLevels(db: Db, areaId: string): Promise<CategoryLevels | null> {
  const row = await repo.findAssessmentByStatus(db, areaId, ['published']);
  return row ? levelsFromRows(await repo.levelsOf(db, [row.id])) : null;
}

/**
 * The current published assessment of an area and the levels that rose since `sinceAssessmentId`
 * (an SRM's linked assessment): a rise makes the SRM due for review at once.
 */
export async function levelRisesSince(db: Db, areaId: string, sinceAssessmentId: string | null) {
  const current = await repo.findAssessmentByStatus(db, areaId, ['published']);
  if (!current) return { currentId: null, rises: [] };
  if (!sinceAssessmentId || current.id === sinceAssessmentId) return { currentId: current.id, rises: [] };
  const [before, now] = await Promise.all([
    repo.levelsOf(db, [sinceAssessmentId]),
    repo.levelsOf(db, [current.id]),
  ]);
  const changes = levelChanges(levelsFromRows(before), levelsFromRows(now));
  return { currentId: current.id, rises: changes.filter((c) => c.from !== null && c.to > c.from) };
}
