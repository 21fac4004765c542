/**
 * Use cases of a country's locally cost-shared security budget: create, edit its lines (refusing
 * costs already funded jointly), move it through draft → circulated → approved (by the SMT,
 * recorded by the Designated Official) → billed → closed, and record payments. Every write is
 * audited and every change of the budget saved as a version, in the same transaction.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/tables';
import type { Principal } from '../../../server/auth/principal';
import { type Actor, audit } from '../../../server/context';
import {
  AppError,
  type FieldError,
  forbidden,
  invalid,
  notFound,
  versionConflict,
} from '../../../server/errors';
import { organizationByCode } from '../../registry/organizations.service';
import { approvesCountry, managesCountry, readableCountries, readsCountry } from './access';
import * as repo from './local.repository';
import type { BudgetListQuery, CreateBudget, PaymentInput, PutLines, TransitionInput } from './local.schema';
import { type BudgetAction, describeDoubleCharge, findDoubleCharges, nextStatus, outstanding } from './rules';
import { budgetDetail, headcountsFor, sharesOf, summary, toRegister } from './shares.service';

type Db = Kysely<DB>;

export const today = () => new Date().toISOString().slice(0, 10);
const actorId = (a: Actor) => (a.principal.via === 'system' ? null : a.principal.userId);

/** The budget if the caller may read it; 404 otherwise (its existence is not disclosed). */
async function readable(db: Db, p: Principal, id: string): Promise<repo.BudgetRow> {
  const b = await repo.findBudget(db, id);
  if (!b || !readsCountry(p, b.country_code)) throw notFound('Budget');
  return b;
}

export async function listBudgets(db: Db, p: Principal, q: BudgetListQuery) {
  const rows = await repo.listBudgets(db, { countries: readableCountries(p), ...q });
  return rows.map(summary);
}

export async function getBudget(db: Db, p: Principal, id: string, on = today()) {
  return budgetDetail(db, await readable(db, p, id), on);
}

export async function budgetHistory(db: Db, p: Principal, id: string) {
  await readable(db, p, id);
  return (await repo.listVersions(db, id)).map((v) => ({
    version: v.version,
    status: v.status,
    action: v.action,
    actor: v.actor_name ?? null,
    at: v.at.toISOString(),
    snapshot: v.snapshot,
  }));
}

/** What a version keeps: the budget's state and its lines as they were saved. */
async function snapshotOf(db: Db, id: string) {
  const b = (await repo.findBudget(db, id))!;
  const lines = await repo.budgetLines(db, id);
  return {
    status: b.status,
    version: b.version,
    totalCents: b.total_cents,
    currency: b.currency,
    notes: b.notes,
    lines: lines.map((l) => ({
      categoryCode: l.category_code,
      description: l.description,
      amountCents: l.amount_cents,
      currency: l.currency,
    })),
    approval: b.approved_on
      ? { approvedOn: b.approved_on, smtMeetingRef: b.smt_meeting_ref, smtMembers: b.smt_members }
      : null,
  };
}

async function saveVersion(trx: Db, actor: Actor, id: string, action: string) {
  const snap = await snapshotOf(trx, id);
  await repo.insertVersion(trx, {
    budgetId: id,
    version: snap.version,
    status: snap.status,
    action,
    snapshot: snap,
    actorId: actorId(actor),
  });
  return snap;
}

export async function createBudget(db: Db, actor: Actor, input: CreateBudget, on = today()) {
  if (!managesCountry(actor.principal, input.countryCode))
    throw forbidden(`You do not prepare cost-shared budgets in ${input.countryCode}`);
  if (!(await repo.countryExists(db, input.countryCode)))
    throw invalid('countryCode', `no country has the code ${input.countryCode}`);
  return db.transaction().execute(async (trx) => {
    if (await repo.budgetExists(trx, input.countryCode, input.year))
      throw new AppError('duplicate', `${input.countryCode} already has a budget for ${input.year}`, [
        { field: 'year', message: `a budget for ${input.year} exists; edit it instead` },
      ]);
    const { id } = await repo.insertBudget(trx, input);
    const snap = await saveVersion(trx, actor, id, 'create');
    await audit(trx, actor, {
      action: 'costshare.local.create',
      entityType: 'local_budget',
      entityId: id,
      countryCode: input.countryCode,
      after: snap,
    });
    return budgetDetail(trx, (await repo.findBudget(trx, id))!, on);
  });
}

/**
 * Checks the lines against the categories, the budget's currency and the register of costs funded
 * jointly. Input problems (unknown category, wrong currency, unknown link) are 400s; a line charging
 * a jointly funded cost is a 422 naming it. Nothing is written when anything is wrong.
 */
async function checkLines(db: Db, b: repo.BudgetRow, lines: PutLines['lines']) {
  const categories = new Set((await repo.listCategories(db)).map((c) => c.code));
  const register = await repo.listRegister(db, { country: b.country_code, activeOnly: true });
  const known = new Set(register.map((r) => r.id));
  const errors: FieldError[] = [];
  lines.forEach((l, i) => {
    if (!categories.has(l.categoryCode))
      errors.push({
        field: `lines.${i}.categoryCode`,
        message: `no expenditure category has the code ${l.categoryCode}`,
      });
    if (l.currency !== b.currency)
      errors.push({
        field: `lines.${i}.currency`,
        message: `the budget is in ${b.currency}, not ${l.currency}`,
      });
    if (l.jointlyFundedCostId && !known.has(l.jointlyFundedCostId))
      errors.push({
        field: `lines.${i}.jointlyFundedCostId`,
        message: 'no active jointly funded cost of this country has this id',
      });
  });
  if (errors.length)
    throw new AppError('validation', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
  const total = lines.reduce((s, l) => s + l.amountCents, 0);
  if (!Number.isSafeInteger(total)) throw invalid('lines', 'the total is too large');
  refuseDoubleCharges(b.country_code, lines, register);
}

function refuseDoubleCharges(
  country: string,
  lines: { categoryCode: string; description: string; jointlyFundedCostId?: string | null }[],
  register: repo.RegisterRow[],
) {
  const found = findDoubleCharges(country, lines, register.map(toRegister));
  if (found.length === 0) return;
  const errors = found.map((d) => ({
    field: `lines.${d.line}.description`,
    message: `${describeDoubleCharge(d)}; costs already funded jointly must not be charged again locally`,
  }));
  throw new AppError(
    'unprocessable',
    `Already funded jointly: ${found.map((d) => `line ${d.line + 1}`).join(', ')}`,
    errors,
    {
      findings: found.map((d) => ({ line: d.line + 1, costId: d.costId, reason: d.reason })),
    },
  );
}

export async function putLines(db: Db, actor: Actor, id: string, input: PutLines, on = today()) {
  const b = await readable(db, actor.principal, id);
  if (!managesCountry(actor.principal, b.country_code))
    throw forbidden('Only the country’s cost-sharing manager edits the budget');
  if (b.status !== 'draft')
    throw new AppError(
      'conflict',
      `The budget is ${b.status}; only a draft's lines change (reopen a circulated one)`,
    );
  await checkLines(db, b, input.lines);
  return db.transaction().execute(async (trx) => {
    await repo.lockBudget(trx, id);
    const before = await snapshotOf(trx, id);
    const updated = await repo.updateBudget(trx, id, input.version, {
      ...(input.notes !== undefined ? { notes: input.notes } : {}),
    });
    if (!updated) throw versionConflict((await repo.findBudget(trx, id))!.version);
    const fresh = (await repo.findBudget(trx, id))!;
    if (fresh.status !== 'draft') throw new AppError('conflict', `The budget is ${fresh.status}`);
    await repo.replaceLines(trx, id, input.lines);
    const after = await saveVersion(trx, actor, id, 'edit');
    await audit(trx, actor, {
      action: 'costshare.local.lines',
      entityType: 'local_budget',
      entityId: id,
      countryCode: b.country_code,
      before,
      after,
    });
    return budgetDetail(trx, (await repo.findBudget(trx, id))!, on);
  });
}

function mayAct(p: Principal, action: BudgetAction, country: string): boolean {
  return action === 'approve' ? approvesCountry(p, country) : managesCountry(p, country);
}

export async function transition(db: Db, actor: Actor, id: string, input: TransitionInput, on = today()) {
  const b = await readable(db, actor.principal, id);
  if (!mayAct(actor.principal, input.action, b.country_code))
    throw forbidden(
      input.action === 'approve'
        ? 'Only the Designated Official records the SMT’s approval'
        : 'Only the country’s cost-sharing manager does this',
    );
  return db.transaction().execute(async (trx) => {
    await repo.lockBudget(trx, id);
    const cur = (await repo.findBudget(trx, id))!;
    if (cur.version !== input.version) throw versionConflict(cur.version);
    const to = nextStatus(cur.status, input.action);
    if (!to) throw new AppError('conflict', `A ${cur.status} budget cannot be ${pastTense(input.action)}`);
    const before = await snapshotOf(trx, id);
    const patch: Parameters<typeof repo.updateBudget>[3] = { status: to };
    if (input.action === 'circulate' || input.action === 'approve') {
      const lines = await repo.budgetLines(trx, id);
      if (lines.length === 0)
        throw new AppError('unprocessable', 'The budget has no lines', [
          { field: 'lines', message: 'add at least one line' },
        ]);
      refuseDoubleCharges(
        cur.country_code,
        lines.map((l) => ({ categoryCode: l.category_code, description: l.description })),
        await repo.listRegister(trx, { country: cur.country_code, activeOnly: true }),
      );
      const hc = await headcountsFor(trx, cur.year, cur.country_code);
      if (hc.source === 'none')
        throw new AppError('unprocessable', `No headcount in ${cur.country_code} to share the budget by`, [
          {
            field: 'headcount',
            message: `load census figures for ${cur.year} or record the personnel at its duty stations`,
          },
        ]);
      if (input.action === 'circulate') patch.circulated_at = new Date();
      else {
        if (input.approvedOn > on) throw invalid('approvedOn', 'the SMT cannot have approved in the future');
        const { shares, source } = await sharesOf(trx, cur);
        await repo.insertShares(trx, id, shares);
        Object.assign(patch, {
          approved_on: input.approvedOn,
          approved_by: actorId(actor),
          smt_meeting_ref: input.smtMeetingRef,
          smt_members: input.smtMembers,
          headcount_source: source === 'none' ? null : source,
        });
      }
    }
    if (input.action === 'bill') patch.billed_at = new Date();
    if (input.action === 'close') {
      const det = await budgetDetail(trx, cur, on);
      const owing = det.shares.filter((s) => s.outstandingCents > 0);
      if (owing.length)
        throw new AppError(
          'unprocessable',
          `Still owed by ${owing.map((s) => s.organizationCode).join(', ')}`,
          owing.map((s) => ({
            field: 'payments',
            message: `${s.organizationCode} still owes ${s.outstandingCents} cents`,
          })),
        );
      patch.closed_at = new Date();
    }
    const updated = await repo.updateBudget(trx, id, input.version, patch);
    if (!updated) throw versionConflict(cur.version);
    const after = await saveVersion(trx, actor, id, input.action);
    await audit(trx, actor, {
      action: `costshare.local.${input.action}`,
      entityType: 'local_budget',
      entityId: id,
      countryCode: cur.country_code,
      before,
      after,
      detail: input.action === 'reopen' ? { reason: input.reason } : undefined,
    });
    return budgetDetail(trx, (await repo.findBudget(trx, id))!, on);
  });
}

const pastTense = (a: BudgetAction) =>
  ({ circulate: 'circulated', reopen: 'reopened', approve: 'approved', bill: 'billed', close: 'closed' })[a];

export async function recordPayment(db: Db, actor: Actor, id: string, input: PaymentInput, on = today()) {
  const b = await readable(db, actor.principal, id);
  if (!managesCountry(actor.principal, b.country_code))
    throw forbidden('Only the country’s cost-sharing manager records payments');
  if (b.status !== 'billed')
    throw new AppError('conflict', `Payments are recorded against a billed budget; this one is ${b.status}`);
  if (input.paidOn > on) throw invalid('paidOn', 'a payment cannot be recorded before it is made');
  const org = await organizationByCode(db, input.organizationCode);
  const { shares } = await sharesOf(db, b);
  const share = org ? shares.find((s) => s.organizationId === org.id) : undefined;
  if (!org || !share)
    throw invalid('organizationCode', `${input.organizationCode} has no share in this budget`);
  return db.transaction().execute(async (trx) => {
    await repo.lockBudget(trx, id);
    const paidBefore = (await repo.payments(trx, [id]))
      .filter((p) => p.organization_id === org.id)
      .reduce((s, p) => s + p.amount_cents, 0);
    if (input.amountCents > outstanding(share.amountCents, paidBefore))
      throw invalid(
        'amountCents',
        `more than the ${outstanding(share.amountCents, paidBefore)} cents ${org.code} still owes`,
      );
    const row = await repo.insertPayment(trx, {
      budgetId: id,
      organizationId: org.id,
      paidOn: input.paidOn,
      amountCents: input.amountCents,
      reference: input.reference,
      by: actorId(actor),
    });
    await audit(trx, actor, {
      action: 'costshare.local.payment',
      entityType: 'local_budget_payment',
      entityId: row.id,
      orgId: org.id,
      countryCode: b.country_code,
      after: {
        budgetId: id,
        organization: org.code,
        paidOn: input.paidOn,
        amountCents: input.amountCents,
        reference: input.reference,
      },
    });
    return budgetDetail(trx, (await repo.findBudget(trx, id))!, on);
  });
}
