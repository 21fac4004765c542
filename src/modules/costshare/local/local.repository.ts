/**
 * The only database access of locally cost-shared security budgets. Lists take the country codes
 * the caller may read (`'all'` for a global reader) so a list never holds a budget they could not open.
 */
import { type Kysely, type Selectable, sql } from 'kysely';
import type { DB } from '../../../db/tables';

type Db = Kysely<DB>;
export type BudgetRow = Selectable<DB['local_budgets']> & { country_name: string; total_cents: number };
export type LineRow = Selectable<DB['local_budget_lines']> & { category_name: string };
export type RegisterRow = Selectable<DB['jointly_funded_costs']>;
export type Countries = string[] | 'all';

/* Categories ---------------------------------------------------------------------------------- */

export const listCategories = (db: Db) =>
  db.selectFrom('local_costshare_categories').selectAll().orderBy('position').execute();

export const updateCategory = (db: Db, code: string, name: string, version: number) =>
  db
    .updateTable('local_costshare_categories')
    .set({ name, version: sql`version + 1`, updated_at: sql`now()` })
    .where('code', '=', code)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();

/* Register of jointly funded costs ----------------------------------------------------------- */

/** Active entries that apply in `country` (its own and those for every country), or all entries. */
export function listRegister(db: Db, f: { country?: string; activeOnly?: boolean; countries?: Countries }) {
  let q = db.selectFrom('jointly_funded_costs').selectAll();
  if (f.country)
    q = q.where((eb) => eb.or([eb('country_code', '=', f.country!), eb('country_code', 'is', null)]));
  if (f.countries && f.countries !== 'all') {
    const cs = f.countries;
    q = q.where((eb) =>
      cs.length
        ? eb.or([eb('country_code', 'in', cs), eb('country_code', 'is', null)])
        : eb('country_code', 'is', null),
    );
  }
  if (f.activeOnly) q = q.where('active', '=', true);
  return q.orderBy('country_code').orderBy('category_code').orderBy('created_at').execute();
}

export const findRegisterEntry = (db: Db, id: string) =>
  db.selectFrom('jointly_funded_costs').selectAll().where('id', '=', id).executeTakeFirst();

export const insertRegisterEntry = (
  db: Db,
  v: {
    countryCode: string | null;
    categoryCode: string;
    description: string;
    matchTerms: string[];
    wholeCategory: boolean;
  },
) =>
  db
    .insertInto('jointly_funded_costs')
    .values({
      country_code: v.countryCode,
      category_code: v.categoryCode,
      description: v.description,
      match_terms: JSON.stringify(v.matchTerms),
      whole_category: v.wholeCategory,
    })
    .returningAll()
    .executeTakeFirstOrThrow();

export const updateRegisterEntry = (
  db: Db,
  id: string,
  version: number,
  v: { description?: string; matchTerms?: string[]; wholeCategory?: boolean; active?: boolean },
) =>
  db
    .updateTable('jointly_funded_costs')
    .set({
      ...(v.description !== undefined ? { description: v.description } : {}),
      ...(v.matchTerms !== undefined ? { match_terms: JSON.stringify(v.matchTerms) } : {}),
      ...(v.wholeCategory !== undefined ? { whole_category: v.wholeCategory } : {}),
      ...(v.active !== undefined ? { active: v.active } : {}),
      version: sql`version + 1`,
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();

/* Budgets -------------------------------------------------------------------------------------- */

const budgetColumns = (db: Db) =>
  db
    .selectFrom('local_budgets as b')
    .innerJoin('countries as c', 'c.code', 'b.country_code')
    .selectAll('b')
    .select('c.name as country_name')
    .select((eb) =>
      eb
        .selectFrom('local_budget_lines as l')
        .whereRef('l.budget_id', '=', 'b.id')
        .select(sql<number>`coalesce(sum(l.amount_cents), 0)::bigint`.as('s'))
        .as('total_cents'),
    );

export async function listBudgets(
  db: Db,
  f: { countries: Countries; country?: string; year?: number; status?: string; statuses?: string[] },
): Promise<BudgetRow[]> {
  if (f.countries !== 'all' && f.countries.length === 0) return [];
  let q = budgetColumns(db);
  if (f.countries !== 'all') q = q.where('b.country_code', 'in', f.countries);
  if (f.country) q = q.where('b.country_code', '=', f.country);
  if (f.year !== undefined) q = q.where('b.year', '=', f.year);
  if (f.status) q = q.where('b.status', '=', f.status as BudgetRow['status']);
  if (f.statuses) q = q.where('b.status', 'in', f.statuses as BudgetRow['status'][]);
  const rows = await q.orderBy('b.year', 'desc').orderBy('b.country_code').limit(2000).execute();
  return rows.map((r) => ({ ...r, total_cents: Number(r.total_cents ?? 0) }));
}

export async function findBudget(db: Db, id: string): Promise<BudgetRow | undefined> {
  const r = await budgetColumns(db).where('b.id', '=', id).executeTakeFirst();
  return r ? { ...r, total_cents: Number(r.total_cents ?? 0) } : undefined;
}

/** Serializes changes to one budget within the transaction (row lock). */
export async function lockBudget(trx: Db, id: string): Promise<void> {
  await trx.selectFrom('local_budgets').select('id').where('id', '=', id).forUpdate().execute();
}

export const budgetExists = (db: Db, country: string, year: number) =>
  db
    .selectFrom('local_budgets')
    .select('id')
    .where('country_code', '=', country)
    .where('year', '=', year)
    .executeTakeFirst();

export const countryExists = async (db: Db, code: string) =>
  (await db.selectFrom('countries').select('code').where('code', '=', code).executeTakeFirst()) !== undefined;

export const insertBudget = (
  db: Db,
  v: { countryCode: string; year: number; currency: string; notes: string },
) =>
  db
    .insertInto('local_budgets')
    .values({ country_code: v.countryCode, year: v.year, currency: v.currency, notes: v.notes })
    .returning('id')
    .executeTakeFirstOrThrow();

type BudgetPatch = Partial<
  Pick<
    Selectable<DB['local_budgets']>,
    'status' | 'notes' | 'approved_by' | 'smt_meeting_ref' | 'headcount_source' | 'approved_on'
  >
> & {
  smt_members?: string[];
  circulated_at?: Date | null;
  billed_at?: Date | null;
  closed_at?: Date | null;
  approved_on?: string | null;
};

/** Applies `patch` when the budget is still at `version`; undefined when someone changed it since. */
export function updateBudget(db: Db, id: string, version: number, patch: BudgetPatch) {
  const { smt_members, ...rest } = patch;
  return db
    .updateTable('local_budgets')
    .set({
      ...rest,
      ...(smt_members ? { smt_members: JSON.stringify(smt_members) } : {}),
      version: sql`version + 1`,
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning(['id', 'version'])
    .executeTakeFirst();
}

export const budgetLines = (db: Db, budgetId: string): Promise<LineRow[]> =>
  db
    .selectFrom('local_budget_lines as l')
    .innerJoin('local_costshare_categories as k', 'k.code', 'l.category_code')
    .selectAll('l')
    .select('k.name as category_name')
    .where('l.budget_id', '=', budgetId)
    .orderBy('l.position')
    .execute();

export async function replaceLines(
  db: Db,
  budgetId: string,
  lines: { categoryCode: string; description: string; amountCents: number; currency: string }[],
) {
  await db.deleteFrom('local_budget_lines').where('budget_id', '=', budgetId).execute();
  if (lines.length === 0) return;
  await db
    .insertInto('local_budget_lines')
    .values(
      lines.map((l, i) => ({
        budget_id: budgetId,
        position: i + 1,
        category_code: l.categoryCode,
        description: l.description,
        amount_cents: l.amountCents,
        currency: l.currency,
      })),
    )
    .execute();
}

export const insertVersion = (
  db: Db,
  v: {
    budgetId: string;
    version: number;
    status: string;
    action: string;
    snapshot: unknown;
    actorId: string | null;
  },
) =>
  db
    .insertInto('local_budget_versions')
    .values({
      budget_id: v.budgetId,
      version: v.version,
      status: v.status,
      action: v.action,
      snapshot: JSON.stringify(v.snapshot),
      actor_id: v.actorId,
    })
    .execute();

export const listVersions = (db: Db, budgetId: string) =>
  db
    .selectFrom('local_budget_versions as v')
    .leftJoin('users as u', 'u.id', 'v.actor_id')
    .selectAll('v')
    .select('u.display_name as actor_name')
    .where('v.budget_id', '=', budgetId)
    .orderBy('v.version', 'desc')
    .execute();

export const userName = async (db: Db, id: string | null) =>
  id
    ? ((await db.selectFrom('users').select('display_name').where('id', '=', id).executeTakeFirst())
        ?.display_name ?? null)
    : null;

/* Headcounts ----------------------------------------------------------------------------------- */

export interface OrgHeadcount {
  organization_id: string;
  code: string;
  name: string;
  counted_in_id: string | null;
  headcount: number;
}

/** The census figures of (year, country) from personnel_headcounts; empty when none were loaded. */
export const headcountsFromCensus = (db: Db, year: number, country: string): Promise<OrgHeadcount[]> =>
  db
    .selectFrom('personnel_headcounts as h')
    .innerJoin('organizations as o', 'o.id', 'h.organization_id')
    .select(['h.organization_id', 'o.code', 'o.name', 'o.counted_in_id', 'h.headcount'])
    .where('h.year', '=', year)
    .where('h.country_code', '=', country)
    .orderBy('o.code')
    .execute();

/** Active personnel (not dependants) at the country's duty stations, per organization. */
export const headcountsFromPeople = async (db: Db, country: string): Promise<OrgHeadcount[]> => {
  const rows = await db
    .selectFrom('people as p')
    .innerJoin('duty_stations as s', 's.id', 'p.duty_station_id')
    .innerJoin('organizations as o', 'o.id', 'p.organization_id')
    .select(['p.organization_id', 'o.code', 'o.name', 'o.counted_in_id'])
    .select(sql<number>`count(*)::int`.as('headcount'))
    .where('s.country_code', '=', country)
    .where('p.status', '=', 'active')
    .where('p.kind', '=', 'personnel')
    .groupBy(['p.organization_id', 'o.code', 'o.name', 'o.counted_in_id'])
    .orderBy('o.code')
    .execute();
  return rows.map((r) => ({ ...r, headcount: Number(r.headcount) }));
};

/* Shares and payments -------------------------------------------------------------------------- */

export const frozenShares = (db: Db, budgetIds: string[]) =>
  budgetIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('local_budget_shares as s')
        .innerJoin('organizations as o', 'o.id', 's.organization_id')
        .select(['s.budget_id', 's.organization_id', 'o.code', 'o.name', 's.headcount', 's.amount_cents'])
        .where('s.budget_id', 'in', budgetIds)
        .orderBy('o.code')
        .execute();

export const insertShares = (
  db: Db,
  budgetId: string,
  rows: { organizationId: string; headcount: number; amountCents: number }[],
) =>
  rows.length === 0
    ? Promise.resolve()
    : db
        .insertInto('local_budget_shares')
        .values(
          rows.map((r) => ({
            budget_id: budgetId,
            organization_id: r.organizationId,
            headcount: r.headcount,
            amount_cents: r.amountCents,
          })),
        )
        .execute()
        .then(() => undefined);

export const payments = (db: Db, budgetIds: string[]) =>
  budgetIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('local_budget_payments as p')
        .innerJoin('organizations as o', 'o.id', 'p.organization_id')
        .select([
          'p.id',
          'p.budget_id',
          'p.organization_id',
          'o.code',
          'p.paid_on',
          'p.amount_cents',
          'p.reference',
        ])
        .where('p.budget_id', 'in', budgetIds)
        .orderBy('p.paid_on')
        .orderBy('p.created_at')
        .execute();

export const insertPayment = (
  db: Db,
  v: {
    budgetId: string;
    organizationId: string;
    paidOn: string;
    amountCents: number;
    reference: string;
    by: string | null;
  },
) =>
  db
    .insertInto('local_budget_payments')
    .values({
      budget_id: v.budgetId,
      organization_id: v.organizationId,
      paid_on: v.paidOn,
      amount_cents: v.amountCents,
      reference: v.reference,
      recorded_by: v.by,
    })
    .returningAll()
    .executeTakeFirstOrThrow();

/** Budgets where `organizationId` has a fixed share (approved or later). */
export const budgetIdsWithShare = async (db: Db, organizationId: string) =>
  (
    await db
      .selectFrom('local_budget_shares')
      .select('budget_id')
      .where('organization_id', '=', organizationId)
      .execute()
  ).map((r) => r.budget_id);

export const organizationCodes = async (db: Db, ids: string[]) =>
  ids.length === 0
    ? []
    : (await db.selectFrom('organizations').select('code').where('id', 'in', ids).execute()).map(
        (r) => r.code,
      );

/* Recipients of reminders ------------------------------------------------------------------------ */

/** Active users holding one of `roles` over this country. */
export const usersWithCountryRole = (db: Db, roles: string[], country: string) =>
  db
    .selectFrom('role_grants as g')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .select('u.id')
    .distinct()
    .where('g.role', 'in', roles)
    .where('g.scope_type', '=', 'country')
    .where('g.scope_id', '=', country)
    .where('u.status', '=', 'active')
    .orderBy('u.id')
    .execute();

/** Active users holding one of `roles` over one of these organizations (ids). */
export const usersWithOrganizationRole = (db: Db, roles: string[], organizationIds: string[]) =>
  organizationIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('role_grants as g')
        .innerJoin('users as u', 'u.id', 'g.user_id')
        .select(['u.id', 'g.scope_id'])
        .where('g.role', 'in', roles)
        .where('g.scope_type', '=', 'organization')
        .where('g.scope_id', 'in', organizationIds)
        .where('u.status', '=', 'active')
        .orderBy('u.id')
        .execute();
