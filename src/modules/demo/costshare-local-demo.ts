/**
 * Demo data for locally cost-shared security budgets, in the country of the demo Designated
 * Official: a country cost-sharing manager login, the register of costs funded jointly (the
 * security adviser posts everywhere, surge missions there), this year's budget billed with one
 * organization paid and the others overdue after 1 March, and next year's
 * budget circulated and waiting for the SMT's approval (the DO login records it). Through the
 * services, so it is validated and audited like a user's work; a re-run adds nothing.
 *
 * Figures are illustrative. Shares follow the headcounts the demo already holds (the census rows
 * of the incident demo, else the demo people).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables';
import { ROLE_LABELS } from '../../server/access/rules';
import type { Actor } from '../../server/context';
import { AppError } from '../../server/errors';
import {
  createBudget,
  listBudgets,
  putLines,
  recordPayment,
  transition,
} from '../costshare/local/budgets.service';
import { addRegisterEntry } from '../costshare/local/register.service';
import { addGrant, createUser } from '../users/users.service';
import { DEMO_PASSWORD } from './generator';

interface DemoUsers {
  users: { username: string; grants: { role: string; scopeType: string; scopeCode: string | null }[] }[];
}

const LINES = [
  ['personnel', 'Local security guards at the common premises (24 posts)', 21_600_000],
  ['personnel', 'Security assistants, national (3 posts)', 5_400_000],
  ['communications', 'VHF/HF radio network maintenance and repeaters', 3_850_000],
  ['communications', 'Radio room operators (6, rotating)', 4_320_000],
  ['crisis', 'Relocation contingency: hotel block and transport', 2_500_000],
  ['compliance', 'Blast film and access control at the common premises', 3_100_000],
  ['facilities', 'Safe room upgrades at two field offices', 4_750_000],
  ['insurance', 'Armoured vehicle insurance (4 vehicles)', 960_000],
  ['training', 'SSAFE courses for staff arriving in country', 1_800_000],
  ['missions', 'Security assessment missions to field locations', 1_250_000],
  ['misc', 'Security information materials and printing', 270_000],
] as const;

const lines = (scale: number) =>
  LINES.map(([categoryCode, description, cents]) => ({
    categoryCode,
    description,
    amountCents: Math.round(cents * scale),
    currency: 'USD',
  }));

/** Seeds the demo; returns the demo login lines it added (for the start-up banner). */
export async function seedLocalCostshareDemo(
  db: Kysely<DB>,
  actor: Actor,
  demo: DemoUsers,
  log: (line: string) => void = () => {},
): Promise<string[]> {
  const country = demo.users
    .flatMap((u) => u.grants)
    .find((g) => g.role === 'designated_official' && g.scopeType === 'country')?.scopeCode;
  if (!country) return [];
  const year = new Date().getUTCFullYear();
  if ((await listBudgets(db, actor.principal, { country, year })).length > 0) return [];

  const added: string[] = [];
  const username = `budget.${country.toLowerCase()}`;
  if (!(await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst())) {
    const u = await createUser(db, actor, {
      username,
      displayName: 'Joseph Mwangi',
      email: `${username}@demo.example.org`,
      organizationCode: null,
      password: DEMO_PASSWORD,
    });
    await addGrant(db, actor, u.id, { role: 'costshare_manager', scopeType: 'country', scopeId: country });
    added.push(`${username.padEnd(22)} ${ROLE_LABELS.costshare_manager} (${country})`);
  }

  await addRegisterEntry(db, actor, {
    countryCode: null,
    categoryCode: 'personnel',
    description: 'UNDSS security adviser, deputy and field security posts (jointly financed activities)',
    matchTerms: ['security adviser', 'security advisor', 'field security coordination officer', 'FSCO'],
    wholeCategory: false,
  });
  await addRegisterEntry(db, actor, {
    countryCode: country,
    categoryCode: 'missions',
    description: 'UNDSS surge missions funded by the jointly financed budget',
    matchTerms: ['surge'],
    wholeCategory: false,
  });

  // This year's budget: approved last October, billed, paid by one organization only.
  try {
    let b = await createBudget(db, actor, {
      countryCode: country,
      year,
      currency: 'USD',
      notes: 'Demo budget',
    });
    b = await putLines(db, actor, b.id, { version: b.version, lines: lines(1) });
    b = await transition(db, actor, b.id, { action: 'circulate', version: b.version });
    b = await transition(db, actor, b.id, {
      action: 'approve',
      version: b.version,
      approvedOn: `${year - 1}-10-20`,
      smtMeetingRef: `SMT meeting of ${year - 1}-10-20, minutes item 3`,
      smtMembers: [
        'Designated Official',
        'Heads of agencies present at the SMT',
        'Chief Security Adviser (adviser)',
      ],
    });
    b = await transition(db, actor, b.id, { action: 'bill', version: b.version });
    const first = b.shares[0];
    if (first)
      await recordPayment(db, actor, b.id, {
        organizationCode: first.organizationCode,
        paidOn: `${year - 1}-12-10`,
        amountCents: first.amountCents,
        reference: 'Demo transfer to UNDP',
      });
    // Next year's budget: circulated, waiting for the SMT.
    let n = await createBudget(db, actor, {
      countryCode: country,
      year: year + 1,
      currency: 'USD',
      notes: '',
    });
    n = await putLines(db, actor, n.id, { version: n.version, lines: lines(1.04) });
    await transition(db, actor, n.id, { action: 'circulate', version: n.version });
    log(`local security budgets: ${country} ${year} billed, ${year + 1} circulated for the SMT`);
  } catch (error) {
    // No headcount in the country (a demo without people or census): leave the budgets out.
    if (!(error instanceof AppError) || error.code !== 'unprocessable') throw error;
    log(`local security budgets: left out (${error.message})`);
  }
  return added;
}
