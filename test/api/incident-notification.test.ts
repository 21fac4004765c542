import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '../../src/modules/incidents/incidents.schema';
import { deliverDueEmail } from '../../src/modules/notifications/delivery.service';
import { createSmtpMailer, type Mailer } from '../../src/modules/notifications/email';
import type { CreateGrant } from '../../src/modules/users/users.schema';
import { admin, createTestApp, type TestApp, type TestUser } from '../support/app';
import { seedTwoScopes } from '../support/fixtures';
import { type SmtpSink, startSmtpSink } from '../support/smtp';

const FROM = 'opensmin@security.example.org';
let t: TestApp;
let root: TestUser;
let reporter: TestUser;
let sink: SmtpSink;
let mailer: Mailer;

/** A user with grants and an e-mail address, set through the API as an administrator would. */
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

const country = (role: string, code: string): CreateGrant[] =>
  [{ role, scopeType: 'country', scopeId: code }] as CreateGrant[];
const organization = (role: string, code: string): CreateGrant[] =>
  [{ role, scopeType: 'organization', scopeId: code }] as CreateGrant[];

beforeAll(async () => {
  t = await createTestApp({ SMIN_PUBLIC_URL: 'https://smin.example.org' });
  root = await t.user('root', admin);
  await seedTwoScopes(root);
  sink = await startSmtpSink();
  mailer = createSmtpMailer({ smtpUrl: sink.url, from: FROM });

  // Concerned by an incident in Afghanistan affecting organization A:
  await person('do.afg', 'do@afg.example.org', country('designated_official', 'AFG'));
  reporter = await person('sa.afg', 'sa@afg.example.org', country('security_professional', 'AFG'));
  await person('focal.a', 'focal@orga.example.org', organization('org_security_focal_point', 'ORGA'), 'ORGA');
  // Not concerned: another country's DO and security office, another organization's focal point.
  await person('do.ken', 'do@ken.example.org', country('designated_official', 'KEN'));
  await person('sa.ken', 'sa@ken.example.org', country('security_professional', 'KEN'));
  await person('focal.b', 'focal@orgb.example.org', organization('org_security_focal_point', 'ORGB'), 'ORGB');

  for (const list of [
    // SA@ is the security office again, in other letters: one e-mail, not two.
    { name: 'AFG SMT', countryCode: 'AFG', addresses: ['smt@afg.example.org', 'SA@afg.example.org'] },
    { name: 'KEN SMT', countryCode: 'KEN', addresses: ['smt@ken.example.org'] },
  ]) {
    const res = await root.request({
      method: 'POST',
      url: '/api/incidents/distribution-lists',
      payload: list,
    });
    expect(res.statusCode, res.body).toBe(201);
  }
});
afterAll(async () => {
  mailer?.close();
  await sink?.close();
  await t?.close();
});

const EXPECTED = [
  'do@afg.example.org',
  'focal@orga.example.org',
  'manager@orga.example.org',
  'sa@afg.example.org',
  'smt@afg.example.org',
];

describe('an incident recorded through the API reaches everyone concerned by e-mail', () => {
  it('sends one e-mail to each expected address over SMTP, none to others, and none twice', async () => {
    const res = await reporter.request({
      method: 'POST',
      url: '/api/incidents',
      payload: {
        occurredAt: '2026-03-04T21:15:00+04:30',
        countryCode: 'AFG',
        stationCode: 'AFG-KBL',
        categoryCode: 'ROBBERY',
        title: 'Armed robbery of a staff member near the office',
        narrative: 'Two armed men took a phone and a wallet.',
        organizationCodes: ['ORGA'],
        personnel: [
          {
            organizationCode: 'ORGA',
            category: 'national',
            sex: 'female',
            outcome: 'robbed',
            personName: 'Ms Example',
            lineManagerEmail: 'manager@orga.example.org',
          },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const incident: Incident = res.json();

    const report = await deliverDueEmail(t.database.db, mailer, { from: FROM });
    expect(report).toMatchObject({ delivered: 1, sent: EXPECTED.length, failed: 0, deadLettered: 0 });

    expect(sink.received.flatMap((m) => m.to).sort()).toEqual(EXPECTED);
    for (const address of EXPECTED) {
      const [mail, ...more] = sink.to(address);
      expect(more, address).toEqual([]);
      expect(mail!.subject).toContain(incident.reference);
      expect(mail!.subject).toContain('Armed robbery of a staff member near the office');
      expect(mail!.text).toContain(`https://smin.example.org/incidents/${incident.id}`);
      // E-mail is not a need-to-know channel: the victim's name stays in the platform.
      expect(mail!.text).not.toContain('Ms Example');
    }
    expect(sink.to('do@afg.example.org')[0]!.text).toContain(
      'You receive this message as: Designated Official.',
    );
    expect(sink.to('manager@orga.example.org')[0]!.text).toContain(
      'You receive this message as: line manager.',
    );

    // The next runs (this server's scheduler, another server's, a cron) send nothing again.
    expect(await deliverDueEmail(t.database.db, mailer, { from: FROM })).toMatchObject({
      messages: 0,
      sent: 0,
    });
    expect(sink.received).toHaveLength(EXPECTED.length);

    const deliveries = await t.database.db
      .selectFrom('outbox_deliveries as d')
      .innerJoin('outbox as o', 'o.id', 'd.outbox_id')
      .select(['d.address', 'd.status'])
      .where('o.dedupe_key', '=', `incident.submitted:${incident.id}:1`)
      .orderBy('d.address')
      .execute();
    expect(deliveries).toEqual(EXPECTED.map((address) => ({ address, status: 'sent' })));
  });
});
