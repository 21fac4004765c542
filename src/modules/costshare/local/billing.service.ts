/**
 * Organizations' side of local cost-sharing: an organization's bill across countries, overdue
 * payments, and the rows of the CSV/XLSX/PDF exports (per organization or for the whole system).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/tables';
import type { Principal } from '../../../server/auth/principal';
import { forbidden, notFound } from '../../../server/errors';
import { organizationByCode } from '../../registry/organizations.service';
import { readableCountries, readableOrganizations, readsCountry, readsOrganization } from './access';
import * as repo from './local.repository';
import type { OrganizationBill } from './local.schema';
import { type BudgetStatus, calendarOf, daysBetween, outstanding } from './rules';
import { sharesOf } from './shares.service';

type Db = Kysely<DB>;

/** Budgets organizations see: from circulation on (a draft is the preparer's working copy). */
const SHOWN: BudgetStatus[] = ['circulated', 'approved', 'billed', 'closed'];

export interface ExportRow {
  budgetId: string;
  countryCode: string;
  countryName: string;
  year: number;
  status: BudgetStatus;
  currency: string;
  budgetTotalCents: number;
  organizationCode: string;
  organizationName: string;
  headcount: number;
  countryHeadcount: number;
  amountCents: number;
  paidCents: number;
  outstandingCents: number;
  payBy: string;
  final: boolean;
}

/** Every organization's share (with payments) of these budgets. */
async function shareRows(db: Db, budgets: repo.BudgetRow[]): Promise<ExportRow[]> {
  const pays = await repo.payments(
    db,
    budgets.map((b) => b.id),
  );
  const paid = new Map<string, number>();
  for (const p of pays) {
    const k = `${p.budget_id}:${p.organization_id}`;
    paid.set(k, (paid.get(k) ?? 0) + p.amount_cents);
  }
  const out: ExportRow[] = [];
  for (const b of budgets) {
    const { shares, fixed } = await sharesOf(db, b);
    const countryHeadcount = shares.reduce((s, r) => s + r.headcount, 0);
    for (const s of shares) {
      const paidCents = paid.get(`${b.id}:${s.organizationId}`) ?? 0;
      out.push({
        budgetId: b.id,
        countryCode: b.country_code,
        countryName: b.country_name,
        year: b.year,
        status: b.status,
        currency: b.currency,
        budgetTotalCents: b.total_cents,
        organizationCode: s.organizationCode,
        organizationName: s.organizationName,
        headcount: s.headcount,
        countryHeadcount,
        amountCents: s.amountCents,
        paidCents,
        outstandingCents: outstanding(s.amountCents, paidCents),
        payBy: calendarOf(b.year).pay,
        final: fixed,
      });
    }
  }
  return out;
}

function totals(rows: ExportRow[]) {
  const m = new Map<string, { currency: string; amountCents: number; outstandingCents: number }>();
  for (const r of rows) {
    const t = m.get(r.currency) ?? { currency: r.currency, amountCents: 0, outstandingCents: 0 };
    t.amountCents += r.amountCents;
    t.outstandingCents += r.outstandingCents;
    m.set(r.currency, t);
  }
  return [...m.values()].sort((a, b) => (a.currency < b.currency ? -1 : 1));
}

/**
 * An organization's share in every country (circulated budgets on): fixed once the SMT approved,
 * an estimate from the current headcount before. Read with costshare.read over the organization.
 */
export async function organizationBill(
  db: Db,
  p: Principal,
  code: string,
  year?: number,
): Promise<OrganizationBill> {
  const org = await organizationByCode(db, code);
  if (!org || !readsOrganization(p, org.id)) throw notFound(`Organization ${code}`);
  const budgets = await repo.listBudgets(db, { countries: 'all', year, statuses: SHOWN });
  const rows = (await shareRows(db, budgets)).filter((r) => r.organizationCode === org.code);
  return {
    organizationCode: org.code,
    organizationName: org.name,
    year: year ?? null,
    rows: rows.map(({ organizationCode: _c, organizationName: _n, ...r }) => r),
    totals: totals(rows),
  };
}

/**
 * Shares not paid in full after their pay-by date (1 March of the budget year) on `on`: every
 * organization in the countries the caller reads, and the caller's own organizations elsewhere.
 */
export async function overduePayments(db: Db, p: Principal, on: string) {
  const countries = readableCountries(p);
  const orgIds = readableOrganizations(p);
  if (countries !== 'all' && countries.length === 0 && orgIds.length === 0)
    throw forbidden('Your roles do not include cost-sharing');
  const budgets = (await repo.listBudgets(db, { countries: 'all', statuses: ['approved', 'billed'] })).filter(
    (b) => calendarOf(b.year).pay < on,
  );
  const orgCodes = new Set(await repo.organizationCodes(db, orgIds));
  const rows = (await shareRows(db, budgets)).filter(
    (r) => r.outstandingCents > 0 && (readsCountry(p, r.countryCode) || orgCodes.has(r.organizationCode)),
  );
  return rows
    .map((r) => ({
      budgetId: r.budgetId,
      countryCode: r.countryCode,
      year: r.year,
      organizationCode: r.organizationCode,
      organizationName: r.organizationName,
      currency: r.currency,
      amountCents: r.amountCents,
      paidCents: r.paidCents,
      outstandingCents: r.outstandingCents,
      payBy: r.payBy,
      daysOverdue: daysBetween(r.payBy, on),
    }))
    .sort((a, b) => b.daysOverdue - a.daysOverdue || (a.countryCode < b.countryCode ? -1 : 1));
}

/**
 * The rows of an export. With `organization`: that organization's bill (as organizationBill).
 * Without: every share of every budget the caller reads in full (drafts included, marked as
 * estimates), plus the caller's own organizations' shares elsewhere from circulation on.
 */
export async function exportRows(db: Db, p: Principal, q: { year?: number; organization?: string }) {
  if (q.organization) {
    const bill = await organizationBill(db, p, q.organization, q.year);
    return {
      title: `Locally cost-shared security budgets: ${bill.organizationCode}${q.year ? `, ${q.year}` : ''}`,
      rows: bill.rows.map((r) => ({
        ...r,
        organizationCode: bill.organizationCode,
        organizationName: bill.organizationName,
      })),
    };
  }
  const countries = readableCountries(p);
  const orgIds = readableOrganizations(p);
  if (countries !== 'all' && countries.length === 0 && orgIds.length === 0)
    throw forbidden('Your roles do not include cost-sharing');
  const full = await repo.listBudgets(db, { countries, year: q.year });
  const rows = await shareRows(db, full);
  if (countries !== 'all' && orgIds.length) {
    const seen = new Set(full.map((b) => b.id));
    const others = (await repo.listBudgets(db, { countries: 'all', year: q.year, statuses: SHOWN })).filter(
      (b) => !seen.has(b.id),
    );
    const mine = new Set(await repo.organizationCodes(db, orgIds));
    rows.push(...(await shareRows(db, others)).filter((r) => mine.has(r.organizationCode)));
  }
  rows.sort((a, b) =>
    a.year !== b.year
      ? b.year - a.year
      : a.countryCode !== b.countryCode
        ? a.countryCode < b.countryCode
          ? -1
          : 1
        : a.organizationCode < b.organizationCode
          ? -1
          : 1,
  );
  return {
    title: `Locally cost-shared security budgets${countries === 'all' ? ': whole system' : ''}${q.year ? `, ${q.year}` : ''}`,
    rows,
  };
}
