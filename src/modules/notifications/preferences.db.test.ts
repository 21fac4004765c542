import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, createTestApp, type TestApp, type TestUser } from '../../../test/support/app';
import { type SmtpSink, startSmtpSink } from '../../../test/support/smtp';
import { enqueueMessage } from '../threats/advisories.service';
import { deliverDueEmail } from './delivery.service';
import { createSmtpMailer } from './email';

const URL = '/api/me/notification-preferences';
const FROM = 'OpenSMIN <opensmin@security.example.org>';

let t: TestApp;
let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  alice = await t.user('alice.prefs', admin);
  bob = await t.user('bob.prefs', []);
});
afterAll(async () => {
  await t?.close();
});

const put = (u: TestUser, payload: Record<string, unknown>) =>
  u.request({ method: 'PUT', url: URL, payload });

describe('notification preferences of the signed-in user', () => {
  it('reads the defaults until saved, saves over the version read, and audits the change', async () => {
    const first = await bob.request({ method: 'GET', url: URL });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({
      emailEnabled: true,
      smsEnabled: false,
      phone: null,
      language: 'en',
      version: 0,
      updatedAt: null,
    });

    const saved = await put(bob, {
      emailEnabled: true,
      smsEnabled: true,
      phone: '+254700000001',
      language: 'fr',
      version: 0,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({
      smsEnabled: true,
      phone: '+254700000001',
      language: 'fr',
      version: 1,
    });
    expect((await bob.request({ method: 'GET', url: URL })).json()).toMatchObject({
      version: 1,
      language: 'fr',
    });

    // A stale version is refused; nothing changes.
    const stale = await put(bob, {
      emailEnabled: false,
      smsEnabled: false,
      phone: null,
      language: 'en',
      version: 0,
    });
    expect(stale.statusCode).toBe(409);
    const again = await put(bob, {
      emailEnabled: false,
      smsEnabled: false,
      phone: null,
      language: 'en',
      version: 1,
    });
    expect(again.json()).toMatchObject({ emailEnabled: false, phone: null, version: 2 });

    // Only the caller's own: another user still has the defaults.
    expect((await alice.request({ method: 'GET', url: URL })).json()).toMatchObject({
      version: 0,
      emailEnabled: true,
    });

    const entries = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'notification_preferences.update')
      .where('entity_id', '=', bob.id)
      .execute();
    expect(entries).toHaveLength(2);
  });

  it('refuses phone numbers not in E.164, SMS without a phone, odd languages and anonymous callers', async () => {
    const base = { emailEnabled: true, smsEnabled: false, phone: null, language: 'en', version: 0 };
    for (const bad of [
      { phone: '0700 000 000' },
      { phone: '+254 700 000 001' },
      { phone: '+0123456789' },
      { phone: '+12' },
      { smsEnabled: true, phone: null },
      { language: 'english' },
      { channel: 'pigeon' },
    ]) {
      const res = await put(alice, { ...base, ...bad });
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
    }
    expect((await alice.request({ method: 'GET', url: URL })).json()).toMatchObject({ version: 0 });
    expect((await t.app.inject({ method: 'GET', url: URL })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'PUT', url: URL, payload: base })).statusCode).toBe(401);
  });

  it('the e-mail worker skips users who turned e-mail off, recorded as given up', async () => {
    const sink: SmtpSink = await startSmtpSink();
    const mailer = createSmtpMailer({ smtpUrl: sink.url, from: FROM });
    try {
      const db = t.database.db;
      await db
        .updateTable('users')
        .set({ email: 'bob.prefs@ken.example.org' })
        .where('id', '=', bob.id)
        .execute();
      await db
        .updateTable('users')
        .set({ email: 'alice.prefs@ken.example.org' })
        .where('id', '=', alice.id)
        .execute();
      // bob turned e-mail off in the first test; alice has the defaults.
      await enqueueMessage(db, {
        topic: 'advisory.published',
        dedupeKey: 'prefs-advisory-1',
        payload: { subject: 'Advisory', text: 'Curfew.' },
        recipients: [{ userId: bob.id }, { userId: alice.id }],
      });
      await enqueueMessage(db, {
        topic: 'incident.submitted',
        dedupeKey: 'prefs-incident-1',
        payload: { subject: 'Incident', text: 'Robbery.' },
        recipients: [{ email: 'bob.prefs@ken.example.org', userId: bob.id, reason: 'line manager' }],
      });
      expect(await deliverDueEmail(db, mailer, { from: FROM })).toMatchObject({
        messages: 2,
        delivered: 2,
        deadLettered: 0,
        sent: 1,
      });
      expect(sink.to('alice.prefs@ken.example.org')).toHaveLength(1);
      expect(sink.to('bob.prefs@ken.example.org')).toHaveLength(0);
      const rows = await db
        .selectFrom('outbox_deliveries as d')
        .innerJoin('outbox as o', 'o.id', 'd.outbox_id')
        .select([
          'o.dedupe_key',
          'o.last_error',
          'd.address',
          'd.status',
          'd.last_error as reason',
          'd.given_up_at',
        ])
        .where('o.dedupe_key', 'like', 'prefs-%')
        .orderBy('o.dedupe_key')
        .orderBy('d.address')
        .execute();
      expect(rows.map((r) => [r.dedupe_key, r.address, r.status, r.reason, r.given_up_at !== null])).toEqual([
        ['prefs-advisory-1', 'alice.prefs@ken.example.org', 'sent', null, false],
        [
          'prefs-advisory-1',
          'bob.prefs@ken.example.org',
          'failed',
          'e-mail turned off by the recipient',
          true,
        ],
        [
          'prefs-incident-1',
          'bob.prefs@ken.example.org',
          'failed',
          'e-mail turned off by the recipient',
          true,
        ],
      ]);
      expect(rows[0]!.last_error).toBe('1 turned e-mail off');
      expect(rows[2]!.last_error).toBe('no e-mail recipients; 1 turned e-mail off');
    } finally {
      mailer.close();
      await sink.close();
    }
  });
});
