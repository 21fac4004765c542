/**
 * Reading a budget as its screen shows it: lines, category totals, each organization's share
 * (fixed at approval, computed from the current headcount before), payments, the calendar and the
 * double-charging check.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/tables';
import * as repo from './local.repository';
import type { BudgetDetail } from './local.schema';
import {
  type BudgetStatus,
  calendarOf,
  computeShares,
  describeDoubleCharge,
  findDoubleCharges,
  isApprovedOrLater,
  type JointlyFundedCost,
  milestoneDone,
  milestoneState,
  outstanding,
} from './rules';

type Db = Kysely<DB>;

export type HeadcountSource = 'personnel_headcounts' | 'people' | 'none';

export interface Headcounts {
  source: HeadcountSource;
  rows: repo.OrgHeadcount[];
}

/**
 * The in-country headcount of budget year `year`: the census figures loaded for that year and
 * country (personnel_headcounts) when there are any, otherwise the active personnel (dependants
 * not counted) at the country's duty stations in `people`. The census wins because it is the
 * agreed basis of cost-sharing; people is the fallback where no census was loaded.
 */
export async function headcountsFor(db: Db, year: number, country: string): Promise<Headcounts> {
  const census = await repo.headcountsFromCensus(db, year, country);
  if (census.some((r) => r.headcount > 0)) return { source: 'personnel_headcounts', rows: census };
  const people = await repo.headcountsFromPeople(db, country);
  return { source: people.length ? 'people' : 'none', rows: people };
}

export const toRegister = (r: repo.RegisterRow): JointlyFundedCost => ({
  id: r.id,
  countryCode: r.country_code,
  categoryCode: r.category_code,
  description: r.description,
  matchTerms: r.match_terms,
  wholeCategory: r.whole_category,
});

export interface ShareFigure {
  organizationId: string;
  organizationCode: string;
  organizationName: string;
  headcount: number;
  amountCents: number;
}

/** Shares of a budget: the fixed ones once approved, else computed now from `headcountsFor`. */
export async function sharesOf(
  db: Db,
  b: Pick<repo.BudgetRow, 'id' | 'year' | 'country_code' | 'status' | 'total_cents' | 'headcount_source'>,
): Promise<{ source: HeadcountSource; fixed: boolean; shares: ShareFigure[] }> {
  if (isApprovedOrLater(b.status)) {
    const rows = await repo.frozenShares(db, [b.id]);
    return {
      source: b.headcount_source ?? 'none',
      fixed: true,
      shares: rows.map((r) => ({
        organizationId: r.organization_id,
        organizationCode: r.code,
        organizationName: r.name,
        headcount: r.headcount,
        amountCents: r.amount_cents,
      })),
    };
  }
  const hc = await headcountsFor(db, b.year, b.country_code);
  const names = new Map(hc.rows.map((r) => [r.organization_id, r.name]));
  const total = hc.rows.reduce((s, r) => s + r.headcount, 0);
  const shares =
    total === 0
      ? []
      : computeShares(
          b.total_cents,
          hc.rows.map((r) => ({
            organizationId: r.organization_id,
            organizationCode: r.code,
            countedInId: r.counted_in_id,
            headcount: r.headcount,
          })),
        );
  return {
    source: hc.source,
    fixed: false,
    shares: shares.map((s) => ({
      ...s,
      organizationName: names.get(s.organizationId) ?? s.organizationCode,
    })),
  };
}

function explain(
  source: HeadcountSource,
  fixed: boolean,
  year: number,
  country: string,
  total: number,
): string {
  const basis =
    source === 'personnel_headcounts'
      ? `census figures of ${year} for ${country} (personnel headcounts)`
      : source === 'people'
        ? `no census figures of ${year} for ${country}: active personnel at its duty stations, counted from the people register (dependants not counted)`
        : `no census figures of ${year} and no active personnel recorded in ${country}: nobody to share the budget with`;
  const when = fixed
    ? 'Fixed when the SMT approved the budget'
    : 'Computed from today’s figures until the SMT approves';
  return `${when}; basis: ${basis}; ${total} people in all. Organizations counted inside another are billed through it.`;
}

/** The full screen of one budget. */
export async function budgetDetail(db: Db, b: repo.BudgetRow, today: string): Promise<BudgetDetail> {
  const [lines, categories, register, pays, sh, approver] = await Promise.all([
    repo.budgetLines(db, b.id),
    repo.listCategories(db),
    repo.listRegister(db, { country: b.country_code, activeOnly: true }),
    repo.payments(db, [b.id]),
    sharesOf(db, b),
    repo.userName(db, b.approved_by),
  ]);
  const paid = new Map<string, number>();
  for (const p of pays) paid.set(p.organization_id, (paid.get(p.organization_id) ?? 0) + p.amount_cents);
  const shares = sh.shares.map((s) => {
    const paidCents = paid.get(s.organizationId) ?? 0;
    return {
      organizationCode: s.organizationCode,
      organizationName: s.organizationName,
      headcount: s.headcount,
      amountCents: s.amountCents,
      paidCents,
      outstandingCents: outstanding(s.amountCents, paidCents),
    };
  });
  const findings = findDoubleCharges(
    b.country_code,
    lines.map((l) => ({ categoryCode: l.category_code, description: l.description })),
    register.map(toRegister),
  );
  const cal = calendarOf(b.year);
  const owing = shares.filter((s) => s.outstandingCents > 0).length;
  const billed = b.status === 'billed' || b.status === 'closed';
  const payDone = billed && owing === 0 && shares.length > 0;
  return {
    ...summary(b),
    notes: b.notes,
    lines: lines.map((l) => ({
      position: l.position,
      categoryCode: l.category_code,
      categoryName: l.category_name,
      description: l.description,
      amountCents: l.amount_cents,
      currency: l.currency,
    })),
    categoryTotals: categories.map((c) => ({
      categoryCode: c.code,
      name: c.name,
      amountCents: lines.filter((l) => l.category_code === c.code).reduce((s, l) => s + l.amount_cents, 0),
    })),
    approval: b.approved_on
      ? {
          approvedOn: b.approved_on,
          approvedBy: approver,
          smtMeetingRef: b.smt_meeting_ref ?? '',
          smtMembers: b.smt_members ?? [],
        }
      : null,
    headcount: {
      source: sh.source,
      fixed: sh.fixed,
      explanation: explain(
        sh.source,
        sh.fixed,
        b.year,
        b.country_code,
        sh.shares.reduce((s, r) => s + r.headcount, 0),
      ),
    },
    shares,
    calendar: [
      {
        milestone: 'circulate',
        due: cal.circulate,
        state: milestoneState(cal.circulate, milestoneDone('circulate', b.status), today),
        note: b.circulated_at ? `circulated ${b.circulated_at.toISOString().slice(0, 10)}` : '',
      },
      {
        milestone: 'bill',
        due: cal.bill,
        state: milestoneState(cal.bill, milestoneDone('bill', b.status), today),
        note: b.billed_at ? `billed ${b.billed_at.toISOString().slice(0, 10)}` : '',
      },
      {
        milestone: 'pay',
        due: cal.pay,
        state: milestoneState(cal.pay, payDone, today),
        note: billed ? `${owing} of ${shares.length} organizations still owe` : 'not billed yet',
      },
    ],
    doubleChargeCheck: {
      ok: findings.length === 0,
      registerEntries: register.length,
      findings: findings.map((f) => ({
        line: f.line + 1,
        field: `lines.${f.line}.description`,
        costId: f.costId,
        message: describeDoubleCharge(f),
      })),
    },
    payments: pays.map((p) => ({
      id: p.id,
      organizationCode: p.code,
      paidOn: p.paid_on,
      amountCents: p.amount_cents,
      reference: p.reference,
    })),
    circulatedAt: b.circulated_at?.toISOString() ?? null,
    billedAt: b.billed_at?.toISOString() ?? null,
    closedAt: b.closed_at?.toISOString() ?? null,
  };
}

export const summary = (b: repo.BudgetRow) => ({
  id: b.id,
  countryCode: b.country_code,
  countryName: b.country_name,
  year: b.year,
  currency: b.currency,
  status: b.status as BudgetStatus,
  totalCents: b.total_cents,
  version: b.version,
  updatedAt: b.updated_at.toISOString(),
});
