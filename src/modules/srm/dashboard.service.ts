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
 * risks counted by level, the highest, measures in place and overdue.
 */
export async function srmDashboard(db: Db, principal: Principal, f: { region?: string; country?: string }) {
  const filter = scopeFilter(principal.grants, 'srm.read');
  if (!filter) throw forbidden('Your roles do not include reading SRMs');
  const visible = (r: WorldRow) =>
    filter.global ||
    filter.countryCodes.includes(r.countryCode) ||
    (r.areaId !== null && filter.areaIds.includes(r.areaId)) ||
    (r.organizationId !== null && filter.organizationIds.includes(r.organizationId));
  return (await worldDashboard(db))
    .filter(visible)
    .filter(
      (r) =>
        (!f.country || r.countryCode === f.country) &&
        (!f.region || r.region.toLowerCase() === f.region.toLowerCase()),
    )
    .map(({ areaId: _a, organizationId: _o, ...row }) => row);
}

type WorldRow = Awaited<ReturnType<typeof computeWorld>>[number];

/**
 * The world's dashboard rows, kept per process and checked against the database's SRM fingerprint
 * (and the date, for "overdue") on every call: a change on any app server is seen at once.
 */
const worlds = new WeakMap<Db, { key: string; rows: WorldRow[] }>();
async function worldDashboard(db: Db): Promise<WorldRow[]> {
  const key = `${today()}|${await repo.srmFingerprint(db)}`;
  const cached = worlds.get(db);
  if (cached?.key === key) return cached.rows;
  const rows = await computeWorld(db);
  worlds.set(db, { key, rows });
  return rows;
}

async function computeWorld(db: Db) {
  // Independent aggregates: on PostgreSQL they run on three pooled connections at once.
  const [srms, riskStats, measureStats] = await Promise.all([
    repo.listSrms(db, {}, null),
    repo.riskStatsBySrm(db, {}, null),
    repo.measureStatsBySrm(db, {}, null, today()),
  ]);
  const rows = srms.map((s) => {
    const counts = riskStats.get(s.id) ?? new Map<string, number>();
    const byResidual = Object.fromEntries(RISKS.map((r) => [r, counts.get(r) ?? 0])) as Record<Risk, number>;
    const highest = [...RISKS].reverse().find((r) => byResidual[r] > 0) ?? null;
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
      areaId: s.area_id,
      organizationId: s.organization_id,
      risks: RISKS.reduce((n, r) => n + byResidual[r], 0),
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
