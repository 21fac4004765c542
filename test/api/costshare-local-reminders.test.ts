import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BudgetDetail } from '../../src/modules/costshare/local/local.schema';
import { sweepLocalBudgetReminders } from '../../src/modules/costshare/local/reminders.service';
import { deliverDueEmail } from '../../src/modules/notifications/delivery.service';
import { createSmtpMailer, type Mailer } from '../../src/modules/notifications/email';
import type { CreateGrant } from '../../src/modules/users/users.schema';
import { startScheduler } from '../../src/server/scheduler';
import { admin, createTestApp, type TestApp, type TestUser } from '../support/app';
import { seedTwoScopes, type TwoScopes } from '../support/fixtures';
import { type SmtpSink, startSmtpSink } from '../support/smtp';

/**
 * Calendar reminders of local security budgets go through the real outbox (one message per budget,
 * milestone and state, whatever the number of runs) and out by e-mail to a real SMTP server.
 */
const FROM = 'opensmin@security.example.org';
const B = '/api/costshare/local';
let t: TestApp;
let f: TwoScopes;
let root: TestUser;
let mgr: TestUser;
let dOfficial: TestUser;
let sink: SmtpSink;
let mailer: Mailer;

async function person(username: string, email: string, grants: CreateGrant[], org: string | null = null) {
  const u = await t.user(username, grants, org);
  const current = await root.request({ method: 'GET', url: `/api/users/${u.id}` });
  const res = await root.request({
    method: 'PATCH',
    url: `/api/users/${u.id}`,
    payload: { email, version: current.json().version },
  });
  expect(res.statusCode, res.body).toBe(200);
  return u;
}
const grant = (role: string, scopeType: string, scopeId: string) =>
  [{ role, scopeType, scopeId }] as CreateGrant[];

const outbox = () =>
  t.database.db
    .selectFrom('outbox')
    .select(['dedupe_key', 'recipients', 'payload'])
    .where('topic', '=', 'costshare.local.reminder')
    .orderBy('id')
    .execute();

beforeAll(async () => {
  t = await createTestApp();
  root = await t.user('root', admin);
  f = await seedTwoScopes(root);
  sink = await startSmtpSink();
  mailer = createSmtpMailer({ smtpUrl: sink.url, from: FROM });
  mgr = await person('mgr.afg', 'mgr@afg.example.org', grant('costshare_manager', 'country', 'AFG'));
  dOfficial = await person('do.afg', 'do@afg.example.org', grant('designated_official', 'country', 'AFG'));
  await person(
    'focal.a',
    'focal@orga.example.org',
    grant('org_hq_focal_point', 'organization', 'ORGA'),
    'ORGA',
  );
  await person(
    'focal.b',
    'focal@orgb.example.org',
    grant('org_hq_focal_point', 'organization', 'ORGB'),
    'ORGB',
  );
  // Not told: personnel of ORGA, and the DO of another country.
  await person('staff.a', 'staff@orga.example.org', grant('personnel', 'organization', 'ORGA'), 'ORGA');
  await person('do.ken', 'do@ken.example.org', grant('designated_official', 'country', 'KEN'));
  await t.database.db
    .insertInto('personnel_headcounts')
    .values([
      { year: 2020, country_code: 'AFG', organization_id: f.orgA, headcount: 3 },
      { year: 2020, country_code: 'AFG', organization_id: f.orgB, headcount: 1 },
    ])
    .execute();
});
afterAll(async () => {
  mailer?.close();
  await sink?.close();
  await t.close();
});

describe('calendar reminders of local security budgets', () => {
  let budget: BudgetDetail;

  it('are queued 14 days before circulation, once, to the DO, the preparers and the focal points', async () => {
    budget = (
      await mgr.request({ method: 'POST', url: `${B}/budgets`, payload: { countryCode: 'AFG', year: 2020 } })
    ).json();
    expect(budget.id).toBeTruthy();
    expect(await sweepLocalBudgetReminders(t.database.db, '2019-09-16')).toBe(0);
    expect(await sweepLocalBudgetReminders(t.database.db, '2019-09-17')).toBe(1);
    expect(await sweepLocalBudgetReminders(t.database.db, '2019-09-18')).toBe(0);
    const [m] = await outbox();
    expect(m!.dedupe_key).toBe(`costshare.local:${budget.id}:circulate:due-soon`);
    expect(m!.payload).toMatchObject({
      milestone: 'circulate',
      state: 'due-soon',
      due: '2019-10-01',
      subject: 'Reminder: Afghanistan security budget 2020 is to be circulated in country by 2019-10-01',
    });
    expect((m!.recipients as { userId: string }[]).length).toBe(4);
  });

  it('are queued again once the date is missed, and reach the right mailboxes over SMTP', async () => {
    expect(await sweepLocalBudgetReminders(t.database.db, '2019-10-02')).toBe(1);
    expect(await sweepLocalBudgetReminders(t.database.db, '2019-10-03')).toBe(0);
    const report = await deliverDueEmail(t.database.db, mailer, { from: FROM });
    expect(report).toMatchObject({ delivered: 2, failed: 0, deadLettered: 0 });
    const told = [...new Set(sink.received.flatMap((m) => m.to))].sort();
    expect(told).toEqual([
      'do@afg.example.org',
      'focal@orga.example.org',
      'focal@orgb.example.org',
      'mgr@afg.example.org',
    ]);
    const [reminder, overdue] = sink.to('do@afg.example.org');
    expect(reminder!.subject).toContain('Reminder: Afghanistan security budget 2020');
    expect(overdue!.subject).toBe(
      'Overdue: Afghanistan security budget 2020 was to be circulated in country by 2019-10-01',
    );
    expect(overdue!.text).toContain('(1 days ago)');
    expect(overdue!.text).toContain('circulated by 1 October, billed 15 November, paid by 1 March');
  });

  it('remind each organization that still owes near and after 1 March, not those who paid', async () => {
    const tr = async (u: TestUser, payload: object) => {
      const res = await u.request({
        method: 'POST',
        url: `${B}/budgets/${budget.id}/transitions`,
        payload: { version: budget.version, ...payload },
      });
      expect(res.statusCode, res.body).toBe(200);
      budget = res.json();
    };
    const put = await mgr.request({
      method: 'PUT',
      url: `${B}/budgets/${budget.id}/lines`,
      payload: {
        version: budget.version,
        lines: [{ categoryCode: 'personnel', description: 'Guards', amountCents: 40_000, currency: 'USD' }],
      },
    });
    budget = put.json();
    await tr(mgr, { action: 'circulate' });
    await tr(dOfficial, {
      action: 'approve',
      approvedOn: '2019-10-20',
      smtMeetingRef: 'SMT 20 Oct 2019',
      smtMembers: ['DO', 'ORGA head', 'ORGB head'],
    });
    await tr(mgr, { action: 'bill' });
    const paid = await mgr.request({
      method: 'POST',
      url: `${B}/budgets/${budget.id}/payments`,
      payload: { organizationCode: 'ORGB', paidOn: '2020-01-15', amountCents: 10_000 },
    });
    expect(paid.statusCode, paid.body).toBe(201);
    const before = (await outbox()).length;
    expect(await sweepLocalBudgetReminders(t.database.db, '2020-02-10')).toBe(0);
    expect(await sweepLocalBudgetReminders(t.database.db, '2020-02-20')).toBe(1);
    expect(await sweepLocalBudgetReminders(t.database.db, '2020-03-02')).toBe(1);
    expect(await sweepLocalBudgetReminders(t.database.db, '2020-03-03')).toBe(0);
    const added = (await outbox()).slice(before);
    expect(added.map((m) => m.dedupe_key)).toEqual([
      `costshare.local:${budget.id}:pay:${f.orgA}:due-soon`,
      `costshare.local:${budget.id}:pay:${f.orgA}:missed`,
    ]);
    expect(added[1]!.payload).toMatchObject({ organizationCode: 'ORGA', outstandingCents: 30_000 });
    sink.received.length = 0;
    await deliverDueEmail(t.database.db, mailer, { from: FROM });
    expect([...new Set(sink.received.flatMap((m) => m.to))].sort()).toEqual([
      'do@afg.example.org',
      'focal@orga.example.org',
    ]);
    expect(sink.to('focal@orga.example.org')[1]!.text).toContain('ORGA still owes 300.00 USD.');
  });

  it('run from the scheduler, idempotently across runs', async () => {
    const late = await mgr.request({
      method: 'POST',
      url: `${B}/budgets`,
      payload: { countryCode: 'AFG', year: 2021 },
    });
    const id = late.json().id as string;
    for (let run = 0; run < 2; run++) {
      const stop = startScheduler(t.database.db, () => {});
      await stop();
    }
    const keys = (await outbox()).map((m) => m.dedupe_key).filter((k) => k?.includes(id));
    expect(keys).toEqual([`costshare.local:${id}:circulate:missed`, `costshare.local:${id}:bill:missed`]);
  });
});
