/**
 * Calendar reminders of locally cost-shared budgets, run by the scheduler. For each budget not yet
 * closed: when circulation (1 October) or billing (15 November) is within 14 days or missed, the
 * country's Designated Official, its cost-sharing managers and the focal points of the
 * organizations sharing the budget are told; when payment (1 March) is near or missed, each
 * organization that still owes is told, with the DO. One outbox message per budget, milestone
 * (organization for payment) and state: the dedupe key makes every run and every server idempotent.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/tables';
import { enqueueMessage } from '../../threats/advisories.service';
import * as repo from './local.repository';
import {
  type BudgetStatus,
  calendarOf,
  centsToDecimal,
  daysBetween,
  type Milestone,
  type MilestoneState,
  milestoneDone,
  milestoneState,
  outstanding,
} from './rules';
import { sharesOf } from './shares.service';

type Db = Kysely<DB>;

/** Organization roles told about their organization's share: those who read it. */
export const FOCAL_POINT_ROLES = ['org_hq_focal_point', 'budget_officer'];
/** Country roles told: the DO (approves on the SMT's behalf) and the budget's preparers. */
const DO_ROLES = ['designated_official'];
const PREPARER_ROLES = ['costshare_manager'];

const WHAT: Record<Milestone, string> = {
  circulate: 'be circulated in country',
  bill: 'be billed to the organizations',
  pay: 'be paid',
};

/** Subject and text of a reminder (plain, no personal data). */
export function reminderText(m: {
  country: string;
  year: number;
  milestone: Milestone;
  state: MilestoneState;
  due: string;
  today: string;
  status: BudgetStatus;
  organization?: string;
  owedCents?: number;
  currency: string;
}) {
  const subject =
    m.state === 'missed'
      ? `Overdue: ${m.country} security budget ${m.year} was to ${WHAT[m.milestone]} by ${m.due}`
      : `Reminder: ${m.country} security budget ${m.year} is to ${WHAT[m.milestone]} by ${m.due}`;
  const days = daysBetween(m.today, m.due);
  const lines = [
    `The locally cost-shared security budget of ${m.country} for ${m.year} is to ${WHAT[m.milestone]} by ${m.due}` +
      (m.state === 'missed' ? ` (${-days} days ago).` : ` (in ${days} days).`),
    `Its status is ${m.status}.`,
  ];
  if (m.organization && m.owedCents !== undefined)
    lines.push(`${m.organization} still owes ${centsToDecimal(m.owedCents)} ${m.currency}.`);
  lines.push('Calendar agreed by the IASMN: circulated by 1 October, billed 15 November, paid by 1 March.');
  return { subject, text: lines.join('\n') };
}

const userIds = (rows: { id: string }[]) => [...new Set(rows.map((r) => r.id))];

/** Queues the reminders due on `on`; returns how many new messages were queued. */
export async function sweepLocalBudgetReminders(
  db: Db,
  on = new Date().toISOString().slice(0, 10),
): Promise<number> {
  const budgets = await repo.listBudgets(db, {
    countries: 'all',
    statuses: ['draft', 'circulated', 'approved', 'billed'],
  });
  let queued = 0;
  for (const b of budgets) {
    const cal = calendarOf(b.year);
    const pending: { milestone: 'circulate' | 'bill'; state: MilestoneState }[] = [];
    for (const milestone of ['circulate', 'bill'] as const) {
      const state = milestoneState(cal[milestone], milestoneDone(milestone, b.status), on);
      if (state === 'due-soon' || state === 'missed') pending.push({ milestone, state });
    }
    const payState = milestoneState(cal.pay, false, on);
    const payDue =
      (b.status === 'approved' || b.status === 'billed') &&
      (payState === 'due-soon' || payState === 'missed');
    if (pending.length === 0 && !payDue) continue;

    const { shares } = await sharesOf(db, b);
    const dos = await repo.usersWithCountryRole(db, DO_ROLES, b.country_code);
    const preparers = await repo.usersWithCountryRole(db, PREPARER_ROLES, b.country_code);
    const focal = await repo.usersWithOrganizationRole(
      db,
      FOCAL_POINT_ROLES,
      shares.map((s) => s.organizationId),
    );
    const base = { budgetId: b.id, countryCode: b.country_code, year: b.year };
    for (const p of pending) {
      const recipients = userIds([...dos, ...preparers, ...focal]).map((userId) => ({ userId }));
      const added = await enqueueMessage(db, {
        topic: 'costshare.local.reminder',
        dedupeKey: `costshare.local:${b.id}:${p.milestone}:${p.state}`,
        payload: {
          ...base,
          milestone: p.milestone,
          state: p.state,
          due: cal[p.milestone],
          ...reminderText({
            country: b.country_name,
            year: b.year,
            milestone: p.milestone,
            state: p.state,
            due: cal[p.milestone],
            today: on,
            status: b.status,
            currency: b.currency,
          }),
        },
        recipients,
      });
      if (added) queued++;
    }
    if (!payDue) continue;
    const pays = await repo.payments(db, [b.id]);
    for (const s of shares) {
      const paid = pays
        .filter((x) => x.organization_id === s.organizationId)
        .reduce((t, x) => t + x.amount_cents, 0);
      const owed = outstanding(s.amountCents, paid);
      if (owed === 0) continue;
      const theirs = focal.filter((f) => f.scope_id === s.organizationId);
      const recipients = userIds([...theirs, ...dos]).map((userId) => ({ userId }));
      const added = await enqueueMessage(db, {
        topic: 'costshare.local.reminder',
        dedupeKey: `costshare.local:${b.id}:pay:${s.organizationId}:${payState}`,
        payload: {
          ...base,
          milestone: 'pay',
          state: payState,
          due: cal.pay,
          organizationCode: s.organizationCode,
          outstandingCents: owed,
          ...reminderText({
            country: b.country_name,
            year: b.year,
            milestone: 'pay',
            state: payState,
            due: cal.pay,
            today: on,
            status: b.status,
            organization: s.organizationCode,
            owedCents: owed,
            currency: b.currency,
          }),
        },
        recipients,
      });
      if (added) queued++;
    }
  }
  return queued;
}
