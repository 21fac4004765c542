/**
 * Demo data for the jointly financed apportionment: one budget period (2026-2027) with a field
 * headcount census of the demo organizations, two scenarios and an approved version 1, through the
 * cost-sharing services (so it is validated and audited like a user's work). Re-running leaves an
 * existing period alone.
 *
 * The figures are illustrative, not official: headcount grows with the square of each
 * organization's demo field weight (operational agencies dominate, as in the CEB census), the
 * total is of the order of the JIU's 2016-2017 figure (227,184,500 USD) and the minimum is the
 * 75,000 USD of JIU/REP/2016/9 Annex I. UNV is counted inside UNDP (Annex I, note 5).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables';
import type { Actor } from '../../server/context';
import {
  approveApportionment,
  createPeriod,
  createScenario,
  listPeriods,
  putCensus,
} from '../costshare/costshare.service';

export const DEMO_PERIOD_CODE = '2026-2027';

export interface CostshareDemoOrganization {
  code: string;
  countedIn: string | null;
  fieldWeight: number;
}

/** Field headcount of a demo organization: deterministic, from its field weight. */
export const demoHeadcount = (fieldWeight: number) =>
  Math.max(12, Math.round(fieldWeight * fieldWeight * 110));

export async function seedCostshareDemo(
  db: Kysely<DB>,
  actor: Actor,
  organizations: readonly CostshareDemoOrganization[],
  log: (line: string) => void = () => {},
): Promise<number> {
  if ((await listPeriods(db, actor.principal)).some((p) => p.code === DEMO_PERIOD_CODE)) return 0;
  const period = await createPeriod(db, actor, {
    code: DEMO_PERIOD_CODE,
    name: 'Jointly financed activities, biennium 2026-2027 (demo figures)',
    startsOn: '2026-01-01',
    endsOn: '2027-12-31',
    currency: 'USD',
    total: '252650000.00',
    minimum: '75000.00',
    censusDate: '2024-12-31',
  });
  const codes = new Set(organizations.map((o) => o.code));
  const withCensus = await putCensus(db, actor, period.id, {
    version: period.version,
    census: organizations.map((o) => ({
      organization: o.code,
      headcount: demoHeadcount(o.fieldWeight),
      countedIn: o.countedIn && codes.has(o.countedIn) ? o.countedIn : null,
    })),
  });
  await createScenario(db, actor, period.id, {
    name: 'Minimum 5,000,000 (proposal)',
    description: 'A higher minimum contribution, as discussed by the Finance and Budget Network.',
    minimum: '5000000',
    headcounts: [],
  });
  await createScenario(db, actor, period.id, {
    name: 'Recosted total +3%',
    description: 'The total after re-costing for inflation and exchange rates.',
    total: '260229500',
    headcounts: [],
  });
  await approveApportionment(db, actor, period.id, {
    periodVersion: withCensus.version,
    note: 'Demo: endorsed by the Finance and Budget Network.',
  });
  log(
    `cost-sharing: period ${DEMO_PERIOD_CODE} with ${organizations.length} organizations, version 1 approved`,
  );
  return 1;
}
