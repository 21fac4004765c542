import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables';
import { scopeFilter } from '../../server/access/rules';
import type { Principal } from '../../server/auth/principal';
import { forbidden } from '../../server/errors';
import { enqueueMessage } from '../threats/advisories.service';
import { presentMeasure } from './present';
import { RISKS, type Risk, riskRank } from './rules';
import * as repo from './srm.repository';
import { today } from './srm.service';

type Db = Kysely<DB>;

/**
 * Risk levels compared across every SRM the caller may read: one row per SRM with its residual
 * risks counted by level, the highest, measures in place and overdue. Computed in three aggregate
 * queries whatever the number of SRMs.
 */
export async function srmDashboard(db: Db, principal: Principal, f: { region?: string; country?: string }) {
  const filter = scopeFilter(principal.grants, 'srm.read');
  if (!filter) throw forbidden('Your roles do not include reading SRMs');
  const scope = filter.global ? null : filter;
  // Independent aggregates: on PostgreSQL they run on three pooled connections at once.
  const [srms, riskStats, measureStats] = await Promise.all([
    repo.listSrms(db, f, scope),
    repo.riskStatsBySrm(db, f, scope),
    repo.measureStatsBySrm(db, f, scope, today()),
  ]);
  const rows = srms.map((s) => {
    const counts = riskStats.get(s.id) ?? new Map<string, number>();
    const byResidual = Object.fromEntries(RISKS.map((r) => [r, counts.get(r) ?? 0])) as Record<Risk, number>;
    const highest = [...RISKS].reverse().find((r) => byResidual[r] > 0) ?? null;
    const total = RISKS.reduce((n, r) => n + byResidual[r], 0);
    const stats = measureStats.get(s.id) ?? { total: 0, inPlace: 0, overdue: 0 };
    return {
      srmId: s.id,
      title: s.title,
      kind: s.kind,
      status: s.status,
      countryCode: s.country_code,
      countryName: s.country_name,
      region: s.region,
      areaCode: s.area_code,
      areaName: s.area_name,
      risks: total,
      byResidual,
      highestResidual: highest,
      measures: stats.total,
      measuresInPlace: stats.inPlace,
      overdueMeasures: stats.overdue,
      reviewDue: s.review_due,
    };
  });
  return rows.sort(
    (a, b) =>
      (b.highestResidual ? riskRank(b.highestResidual) : -1) -
        (a.highestResidual ? riskRank(a.highestResidual) : -1) || a.countryName.localeCompare(b.countryName),
  );
}

/** Measures worldwide (within scope) with cost and recorded effectiveness, to compare what works. */
export async function searchMeasures(
  db: Db,
  principal: Principal,
  f: { q?: string; kind?: 'prevention' | 'mitigation'; status?: string; category?: string; limit: number },
) {
  const filter = scopeFilter(principal.grants, 'srm.read');
  if (!filter) throw forbidden('Your roles do not include reading SRMs');
  const rows = await repo.searchMeasures(db, f, filter.global ? null : filter);
  return rows.map((r) => ({
    ...presentMeasure(r, today()),
    riskTitle: r.risk_title,
    category: r.category,
    srmId: r.srm_id,
    srmTitle: r.srm_title,
    countryCode: r.country_code,
    areaCode: r.area_code,
  }));
}

/**
 * Queues one notice per approved measure past its agreed date, to the SRM's author (the security
 * adviser) and the desk officers covering the country. Idempotent per measure and agreed date.
 */
export async function sweepOverdueMeasures(db: Db, on = today()): Promise<number> {
  let queued = 0;
  for (const m of await repo.overdueMeasures(db, on)) {
    const desk = await repo.deskOfficersFor(db, m.country_code);
    const recipients = [
      ...(m.created_by ? [{ userId: m.created_by }] : []),
      ...desk.map((d) => ({ userId: d.user_id })),
    ];
    const added = await enqueueMessage(db, {
      topic: 'measure.overdue',
      dedupeKey: `measure.overdue:${m.id}:${m.agreed_date}`,
      payload: {
        measureId: m.id,
        title: m.title,
        agreedDate: m.agreed_date,
        srmId: m.srm_id,
        srmTitle: m.srm_title,
        countryCode: m.country_code,
      },
      recipients,
    });
    if (added) queued++;
  }
  return queued;
}
