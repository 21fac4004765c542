import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/db';
import { startSmsGateway as startGateway } from '../../../test/support/sms-gateway';
import { type SmtpSink, startSmtpSink } from '../../../test/support/smtp';
import type { Database } from '../../db/engine';
import { enqueueMessage } from '../threats/advisories.service';
import { deliverDueEmail } from './delivery.service';
import { createSmtpMailer, type Mailer } from './email';
import { createHttpSmsGateway } from './sms';

const FROM = 'OpenSMIN <opensmin@security.example.org>';
const TOKEN = 'test-gateway-token';

let database: Database;
let sink: SmtpSink;
let mailer: Mailer;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});
beforeEach(async () => {
  sink = await startSmtpSink();
  mailer = createSmtpMailer({ smtpUrl: sink.url, from: FROM });
});
afterEach(async () => {
  mailer.close();
  await sink.close();
});

describe('SMS through an HTTP gateway', () => {
  it('texts users who turned SMS on, retries a 503 with backoff like e-mail, and records each channel', async () => {
    const gateway = await startGateway([503]);
    try {
      const db = database.db;
      const user = await db
        .insertInto('users')
        .values({
          username: 'sms.user',
          display_name: 'SMS User',
          email: 'sms.user@ken.example.org',
          created_at: new Date(),
          updated_at: new Date(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('notification_preferences')
        .values({ user_id: user.id, sms_enabled: true, phone: '+254700000001' })
        .execute();
      await enqueueMessage(db, {
        topic: 'advisory.published',
        dedupeKey: 'sms-advisory-1',
        payload: {
          subject: 'Advisory: curfew in Nairobi',
          text: 'Curfew.',
          url: 'https://smin.example.org/a/1',
        },
        recipients: [{ userId: user.id }],
      });
      const sms = createHttpSmsGateway({ url: gateway.url, token: TOKEN });
      const start = new Date();
      expect(await deliverDueEmail(db, mailer, { from: FROM, sms, now: () => start })).toMatchObject({
        sent: 1,
        failed: 1,
        retrying: 1,
      });
      let row = await db.selectFrom('outbox').selectAll().executeTakeFirstOrThrow();
      expect(row.last_error).toContain('sms +254700000001: 503');
      expect(new Date(row.available_at).getTime()).toBeGreaterThan(start.getTime() + 50_000);

      const due = new Date(new Date(row.available_at).getTime() + 1000);
      expect(await deliverDueEmail(db, mailer, { from: FROM, sms, now: () => due })).toMatchObject({
        delivered: 1,
        sent: 1,
        failed: 0,
      });
      row = await db.selectFrom('outbox').selectAll().executeTakeFirstOrThrow();
      expect(row.delivered_at).not.toBeNull();

      expect(sink.to('sms.user@ken.example.org')).toHaveLength(1);
      expect(gateway.requests).toHaveLength(2);
      for (const r of gateway.requests) {
        expect(r.auth).toBe(`Bearer ${TOKEN}`);
        expect(r.body).toEqual({
          to: '+254700000001',
          text: 'Advisory: curfew in Nairobi https://smin.example.org/a/1',
        });
      }
      const deliveries = await db
        .selectFrom('outbox_deliveries')
        .select(['channel', 'address', 'status', 'attempts', 'last_error'])
        .orderBy('channel')
        .execute();
      expect(deliveries).toEqual([
        {
          channel: 'email',
          address: 'sms.user@ken.example.org',
          status: 'sent',
          attempts: 1,
          last_error: null,
        },
        { channel: 'sms', address: '+254700000001', status: 'sent', attempts: 2, last_error: null },
      ]);
      // Nothing is sent twice.
      expect(
        await deliverDueEmail(db, mailer, {
          from: FROM,
          sms,
          now: () => new Date(due.getTime() + 86_400_000),
        }),
      ).toMatchObject({ messages: 0 });
      expect(gateway.requests).toHaveLength(2);
    } finally {
      await gateway.close();
    }
  });

  it('gives up on a number the gateway refuses for good (4xx)', async () => {
    const gateway = await startGateway([400]);
    try {
      const sms = createHttpSmsGateway({ url: gateway.url, token: TOKEN });
      await expect(sms.send({ to: '+254700000002', text: 'x' })).rejects.toMatchObject({
        permanent: true,
        message: '400 {"error":"busy"}',
      });
      await expect(sms.send({ to: '+254700000002', text: 'x' })).resolves.toBeUndefined();
    } finally {
      await gateway.close();
    }
    await expect(
      createHttpSmsGateway({ url: gateway.url, token: null }).send({ to: '+1', text: 'x' }),
    ).rejects.toMatchObject({ permanent: false });
  });

  it('texts numbers a message names directly, gives up on malformed ones with the reason, and notes them without a gateway', async () => {
    const gateway = await startGateway();
    const db = database.db;
    try {
      await enqueueMessage(db, {
        topic: 'rollcall.ask',
        dedupeKey: 'sms-direct-1',
        payload: {
          subject: 'Roll call',
          text: 'Are you safe?',
          sms: 'RC-1 are you safe? Reply 1 SAFE or 2 HELP',
        },
        recipients: [
          { email: 'direct@ken.example.org', phone: '+254 700 000 003' },
          { phone: 'call me maybe' },
        ],
      });
      const sms = createHttpSmsGateway({ url: gateway.url, token: TOKEN });
      const r = await deliverDueEmail(db, mailer, { from: FROM, sms });
      // The malformed number is final: the message is dead, but the others were served.
      expect(r).toMatchObject({ sent: 2, deadLettered: 1 });
      expect(gateway.requests.map((q) => q.body)).toEqual([
        { to: '+254700000003', text: 'RC-1 are you safe? Reply 1 SAFE or 2 HELP' },
      ]);
      expect(gateway.requests[0]!.idempotencyKey).toMatch(/^\d+:\+254700000003$/);
      const rows = await db
        .selectFrom('outbox_deliveries')
        .select(['address', 'channel', 'status', 'last_error'])
        .where('channel', '=', 'sms')
        .where('outbox_id', '=', (eb) =>
          eb.selectFrom('outbox').select('id').where('dedupe_key', '=', 'sms-direct-1'),
        )
        .orderBy('address')
        .execute();
      expect(rows).toEqual([
        { address: '+254700000003', channel: 'sms', status: 'sent', last_error: null },
        { address: 'call me maybe', channel: 'sms', status: 'failed', last_error: 'invalid phone number' },
      ]);
      const dead = await db
        .selectFrom('outbox')
        .select('last_error')
        .where('dedupe_key', '=', 'sms-direct-1')
        .executeTakeFirstOrThrow();
      expect(dead.last_error).toContain('sms call me maybe: invalid phone number');

      // No gateway configured: the e-mail goes, and the message says who was not texted.
      await enqueueMessage(db, {
        topic: 'rollcall.ask',
        dedupeKey: 'sms-direct-2',
        payload: { subject: 'Roll call', text: 'Are you safe?' },
        recipients: [{ email: 'nogateway@ken.example.org', phone: '+254700000004' }],
      });
      expect(await deliverDueEmail(db, mailer, { from: FROM })).toMatchObject({ delivered: 1, sent: 1 });
      const note = await db
        .selectFrom('outbox')
        .select('last_error')
        .where('dedupe_key', '=', 'sms-direct-2')
        .executeTakeFirstOrThrow();
      expect(note.last_error).toContain('1 phone numbers not texted: no SMS gateway configured');
      expect(gateway.requests).toHaveLength(1);
    } finally {
      await gateway.close();
    }
  });
});
