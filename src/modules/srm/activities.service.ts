import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/tables';
import { type Actor, audit } from '../../server/context';
import { invalid, notFound, versionConflict } from '../../server/errors';
import { organizationByCode } from '../registry/organizations.service';
import * as repo from './srm.repository';
import type { activityInput, ehApproval } from './srm.schema';
import { readableSrm, requireSrm, srmDetail } from './srm.service';

type Db = Kysely<DB>;

async function presented(db: Db, srm: repo.SrmRow, id: string) {
  return (await srmDetail(db, srm)).activities.find((a) => a.id === id)!;
}

/** A programme activity in the SRM's place and time frame, with its programme criticality. */
export async function addActivity(db: Db, actor: Actor, srmId: string, input: z.infer<typeof activityInput>) {
  return db.transaction().execute(async (trx) => {
    const s = await readableSrm(trx, actor.principal, srmId);
    requireSrm(actor.principal, 'srm.write', s);
    const org = await organizationByCode(trx, input.organizationCode);
    if (!org) throw invalid('organizationCode', `no organization has the code ${input.organizationCode}`);
    if (input.periodStart < s.period_start || input.periodEnd > s.period_end) {
      throw invalid(
        'periodStart',
        `the activity must fall within the SRM's time frame (${s.period_start} to ${s.period_end})`,
      );
    }
    const row = await repo.insertActivity(trx, {
      srm_id: srmId,
      title: input.title,
      organization_id: org.id,
      pc_level: input.pcLevel ?? null,
      period_start: input.periodStart,
      period_end: input.periodEnd,
    });
    const after = await presented(trx, s, row.id);
    await audit(trx, actor, {
      action: 'activity.create',
      entityType: 'programme_activity',
      entityId: row.id,
      countryCode: s.country_code,
      orgId: org.id,
      after,
    });
    return after;
  });
}

/**
 * Records the Executive Head's approval of a PC1 activity at Very High residual risk. The approval
 * itself is made outside the system; what is recorded is who approved, when, and the note.
 */
export async function recordExecutiveHeadApproval(
  db: Db,
  actor: Actor,
  activityId: string,
  input: z.infer<typeof ehApproval>,
) {
  return db.transaction().execute(async (trx) => {
    const a = await repo.findActivity(trx, activityId);
    if (!a) throw notFound('Activity');
    const s = await readableSrm(trx, actor.principal, a.srm_id);
    requireSrm(actor.principal, 'srm.write', s);
    if (a.pc_level !== 1)
      throw invalid('approvedBy', "the Executive Head's approval applies to PC1 activities only");
    const updated = await repo.updateActivity(trx, activityId, input.version, {
      eh_approved_by: input.approvedBy,
      eh_approved_on: input.approvedOn,
      eh_note: input.note,
    });
    if (!updated) throw versionConflict(a.version);
    const after = await presented(trx, s, activityId);
    await audit(trx, actor, {
      action: 'activity.eh_approval',
      entityType: 'programme_activity',
      entityId: activityId,
      countryCode: s.country_code,
      orgId: a.organization_id,
      after,
    });
    return after;
  });
}
