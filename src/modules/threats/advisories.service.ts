import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/tables';
import { can, holds } from '../../server/access/rules';
import type { Principal } from '../../server/auth/principal';
import { type Actor, audit } from '../../server/context';
import { AppError, forbidden, invalid, notFound, versionConflict } from '../../server/errors';
import { areaByCode, getArea, getCountry } from '../registry/geography.service';
import * as repo from './advisories.repository';
import { currentAreaLevels } from './assessments.service';
import { enqueueLevelAlert } from './level-alert.service';
import { presentAdvisory } from './present';
import { type CategoryLevels, countryLevels, isoDate, levelChanges } from './rules';
import * as threats from './threats.repository';
import type { createAdvisory, updateAdvisory } from './threats.schema';
import { assertNotAuthor, authorId, transition } from './workflow';

type Db = Kysely<DB>;
type Row = repo.AdvisoryRow;
type CreateAdvisory = z.infer<typeof createAdvisory>;
type UpdateAdvisory = z.infer<typeof updateAdvisory>;

const today = () => isoDate(new Date());
const scopeOf = (r: { country_code: string; area_id: string | null }) => ({
  countryCode: r.country_code,
  areaId: r.area_id,
});

/** Published and superseded versions are for everyone; drafts only for their writers and approvers. */
function visible(principal: Principal, r: Row): boolean {
  if (r.status === 'published' || r.status === 'superseded') return holds(principal.grants, 'advisory.read');
  return (
    can(principal.grants, 'advisory.write', scopeOf(r)) ||
    can(principal.grants, 'advisory.approve', scopeOf(r))
  );
}

/** Presents a version with its level changes against the published version before it. */
async function present(db: Db, r: Row) {
  const prev = r.number > 1 ? await repo.previousPublished(db, r.subject_key, r.number) : undefined;
  const changes = levelChanges(prev ? (prev.levels as CategoryLevels) : null, r.levels as CategoryLevels);
  return presentAdvisory(r, today(), changes);
}

export async function getAdvisory(db: Db, principal: Principal, id: string) {
  const r = await repo.findAdvisory(db, id);
  if (!r || !visible(principal, r)) throw notFound('Travel advisory');
  return present(db, r);
}

/** Current published advisories, with overdue flags; `mine` lists the caller's own, any status. */
export async function listAdvisories(
  db: Db,
  principal: Principal,
  f: { country?: string; region?: string; overdue?: boolean; mine?: boolean },
) {
  if (!holds(principal.grants, 'advisory.read')) throw forbidden();
  const rows = await repo.listAdvisories(db, {
    country: f.country,
    region: f.region,
    statuses: f.mine ? ['draft', 'approved', 'published'] : ['published'],
    overdueOn: f.overdue ? today() : undefined,
    ownerId: f.mine ? principal.userId : undefined,
  });
  return presentMany(
    db,
    rows.filter((r) => visible(principal, r)),
  );
}

/** Presents many versions with two queries in all (not one per version): lists stay fast at scale. */
async function presentMany(db: Db, rows: Row[]) {
  const bySubject = new Map<string, { number: number; levels: unknown }[]>();
  for (const p of await repo.publishedLevelsOf(db, [...new Set(rows.map((r) => r.subject_key))])) {
    bySubject.set(p.subject_key, [...(bySubject.get(p.subject_key) ?? []), p]);
  }
  const day = today();
  return rows.map((r) => {
    const prev = (bySubject.get(r.subject_key) ?? [])
      .filter((p) => p.number < r.number)
      .sort((a, b) => b.number - a.number)[0];
    return presentAdvisory(
      r,
      day,
      levelChanges(prev ? (prev.levels as CategoryLevels) : null, r.levels as CategoryLevels),
    );
  });
}

export async function advisoryHistory(db: Db, principal: Principal, id: string) {
  const r = await repo.findAdvisory(db, id);
  if (!r || !visible(principal, r)) throw notFound('Travel advisory');
  const rows = (await repo.advisoryHistory(db, r.subject_key)).filter((h) => visible(principal, h));
  return presentMany(db, rows);
}

/** Levels for a new advisory: given explicitly, or from the current published assessments. */
async function defaultLevels(
  db: Db,
  countryCode: string,
  areaId: string | null,
): Promise<CategoryLevels | null> {
  if (areaId) return currentAreaLevels(db, areaId);
  const rows = await threats.currentLevels(db, { country: countryCode });
  return countryLevels(
    rows.map(
      (r) =>
        ({
          armed_conflict: r.armed_conflict,
          terrorism: r.terrorism,
          crime: r.crime,
          civil_unrest: r.civil_unrest,
        }) as CategoryLevels,
    ),
  );
}

export async function createAdvisoryDraft(db: Db, actor: Actor, input: CreateAdvisory) {
  const countryCode = input.countryCode.toUpperCase();
  await getCountry(db, countryCode).catch(() => {
    throw invalid('countryCode', `unknown country ${input.countryCode}`);
  });
  const area = input.areaCode ? await areaByCode(db, input.areaCode) : null;
  if (input.areaCode && !area) throw invalid('areaCode', `no area has the code ${input.areaCode}`);
  if (area && area.countryCode !== countryCode)
    throw invalid('areaCode', `${area.code} is not in ${countryCode}`);
  if (!can(actor.principal.grants, 'advisory.write', { countryCode, areaId: area?.id ?? null })) {
    throw forbidden(`You may not write advisories for ${area?.code ?? countryCode}`);
  }
  const levels = input.levels ?? (await defaultLevels(db, countryCode, area?.id ?? null));
  if (!levels) {
    throw new AppError('unprocessable', 'There is no published threat assessment here yet: give the levels', [
      { field: 'levels', message: 'required when no published assessment exists' },
    ]);
  }
  const subjectKey = area?.id ?? countryCode;
  return db.transaction().execute(async (trx) => {
    const open = await repo.findAdvisoryByStatus(trx, subjectKey, ['draft', 'approved']);
    if (open)
      throw new AppError(
        'conflict',
        `Version ${open.number} of this advisory is still ${open.status}; finish it first`,
      );
    const row = await repo.insertAdvisory(trx, {
      country_code: countryCode,
      area_id: area?.id ?? null,
      subject_key: subjectKey,
      number: await repo.nextAdvisoryNumber(trx, subjectKey),
      status: 'draft',
      levels: JSON.stringify(levels),
      headline: input.headline,
      guidance: input.guidance,
      required_clearance: input.requiredClearance,
      required_training: JSON.stringify(input.requiredTraining),
      contacts: JSON.stringify(input.contacts),
      effective_date: input.effectiveDate,
      review_by: input.reviewBy,
      owner_id: authorId(actor),
      created_by: authorId(actor),
    });
    const after = await present(trx, row);
    await audit(trx, actor, {
      action: 'advisory.create',
      entityType: 'travel_advisory',
      entityId: row.id,
      countryCode,
      after,
    });
    return after;
  });
}

export async function updateAdvisoryDraft(db: Db, actor: Actor, id: string, input: UpdateAdvisory) {
  return db.transaction().execute(async (trx) => {
    const row = await repo.findAdvisory(trx, id);
    if (!row || !visible(actor.principal, row)) throw notFound('Travel advisory');
    if (!can(actor.principal.grants, 'advisory.write', scopeOf(row))) throw forbidden();
    if (row.version !== input.version) throw versionConflict(row.version);
    transition(row.status, 'edit', 'advisory');
    const effective = input.effectiveDate ?? row.effective_date;
    const reviewBy = input.reviewBy ?? row.review_by;
    if (reviewBy < effective) throw invalid('reviewBy', 'must be on or after effectiveDate');
    const before = await present(trx, row);
    const updated = await repo.updateAdvisory(trx, id, input.version, {
      ...(input.headline !== undefined ? { headline: input.headline } : {}),
      ...(input.guidance !== undefined ? { guidance: input.guidance } : {}),
      ...(input.requiredClearance ? { required_clearance: input.requiredClearance } : {}),
      ...(input.requiredTraining ? { required_training: JSON.stringify(input.requiredTraining) } : {}),
      ...(input.contacts ? { contacts: JSON.stringify(input.contacts) } : {}),
      ...(input.levels ? { levels: JSON.stringify(input.levels) } : {}),
      effective_date: effective,
      review_by: reviewBy,
    });
    if (!updated) throw versionConflict(row.version);
    const after = await present(trx, updated);
    await audit(trx, actor, {
      action: 'advisory.update',
      entityType: 'travel_advisory',
      entityId: id,
      countryCode: row.country_code,
      before,
      after,
    });
    return after;
  });
}

/** approve | return | publish. Publishing supersedes the current version and queues its notice. */
export async function actOnAdvisory(
  db: Db,
  actor: Actor,
  id: string,
  action: 'approve' | 'return' | 'publish',
  version: number,
) {
  return db.transaction().execute(async (trx) => {
    const row = await repo.findAdvisory(trx, id);
    if (!row || !visible(actor.principal, row)) throw notFound('Travel advisory');
    const needed = action === 'publish' ? 'advisory.write' : 'advisory.approve';
    if (!can(actor.principal.grants, needed, scopeOf(row))) throw forbidden();
    if (row.version !== version) throw versionConflict(row.version);
    const status = transition(row.status, action, 'advisory');
    if (action === 'approve') assertNotAuthor(row.created_by, actor, 'advisory');
    const now = new Date();
    if (action === 'publish') await repo.supersedeAdvisories(trx, row.subject_key);
    const updated = await repo.updateAdvisory(trx, id, version, {
      status,
      ...(action === 'approve' ? { approved_by: authorId(actor), approved_at: now } : {}),
      ...(action === 'return' ? { approved_by: null, approved_at: null } : {}),
      ...(action === 'publish' ? { published_by: authorId(actor), published_at: now } : {}),
    });
    if (!updated) throw versionConflict(row.version);
    const after = await present(trx, updated);
    if (action === 'publish') {
      await repo.enqueue(trx, {
        topic: 'advisory.published',
        dedupeKey: `advisory.published:${id}`,
        payload: {
          advisoryId: id,
          countryCode: row.country_code,
          areaId: row.area_id,
          highest: after.highest,
          changes: after.changes,
        },
        recipients: [],
      });
      // A rise over the previous published version alerts everyone present there, in this transaction.
      await enqueueLevelAlert(
        trx,
        { kind: 'advisory', id, countryCode: row.country_code, areaId: row.area_id, guidance: row.guidance },
        after.changes,
        updated.levels as CategoryLevels,
      );
    }
    await audit(trx, actor, {
      action: `advisory.${action}`,
      entityType: 'travel_advisory',
      entityId: id,
      countryCode: row.country_code,
      before: { status: row.status, version: row.version },
      after: { status: after.status, version: after.version },
    });
    return after;
  });
}

/**
 * Queues one "review overdue" notice per published advisory past its review-by date, to its
 * owner. Idempotent (one notice per advisory and review date), so every app server may run it.
 */
export async function sweepOverdueAdvisories(db: Db, on = today()): Promise<number> {
  const rows = await repo.listAdvisories(db, { statuses: ['published'], overdueOn: on });
  let queued = 0;
  for (const r of rows) {
    const added = await repo.enqueue(db, {
      topic: 'advisory.overdue',
      dedupeKey: `advisory.overdue:${r.id}:${r.review_by}`,
      payload: {
        advisoryId: r.id,
        countryCode: r.country_code,
        areaCode: r.area_code,
        reviewBy: r.review_by,
        headline: r.headline,
      },
      recipients: r.owner_id ? [{ userId: r.owner_id }] : [],
    });
    if (added) queued++;
  }
  return queued;
}

/** Published versions newest first (CAP export, Atom feed). */
export async function publishedAdvisoryVersions(db: Db, limit = 100) {
  return presentMany(db, await repo.publishedVersions(db, limit));
}

/** The geometry a CAP alert covers: the area's polygon or the country's boundary. */
export async function advisoryGeometry(db: Db, advisoryId: string) {
  const r = await repo.findAdvisory(db, advisoryId);
  if (!r) return null;
  if (r.area_id) return (await getArea(db, r.area_id)).polygon ?? null;
  return (await getCountry(db, r.country_code)).boundary ?? null;
}

/**
 * Puts a message in the platform's transactional outbox (idempotent per dedupe key). Other modules
 * queue their notices through this until the notification module owns the outbox.
 */
export function enqueueMessage(
  db: Db,
  m: { topic: string; dedupeKey: string | null; payload: unknown; recipients: unknown[] },
): Promise<boolean> {
  return repo.enqueue(db, m);
}
