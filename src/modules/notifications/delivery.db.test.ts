import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/db';
import { type SmtpSink, startSmtpSink } from '../../../test/support/smtp';
import type { Database } from '../../db/engine';
import { enqueueMessage } from '../threats/advisories.service';
import { deliverDueEmail } from './delivery.service';
import { createSmtpMailer, type Mailer } from './email';
import { MAX_ATTEMPTS } from './rules';
import { outboxStatus } from './status.service';

const FROM = 'OpenSMIN <opensmin@security.example.org>';
const ADDRESSES = ['do@ken.example.org', 'sfp@unicef.example.org', 'lm@unicef.example.org'];

let database: Database;
let sink: SmtpSink;
let mailer: Mailer;
let seq = 0;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});
beforeEach(async () => {
  sink = await startSmtpSink();
  mailer = createSmtpMailer({ smtpUrl: sink.url, from: FROM });
  // Each test sees only its own messages: earlier ones are settled, or removed here.
  for (const table of ['outbox_deliveries', 'webhook_deliveries', 'inbox_reads', 'inbox_entries'] as const)
    await database.db.deleteFrom(table).execute();
  await database.db.deleteFrom('outbox').execute();
});
afterEach(async () => {
  mailer.close();
  await sink.close();
});

/** Queues one incident-style message as the incidents module will, through the public service. */
async function enqueue(addresses = ADDRESSES, subject = 'Incident KEN-2026-0001: armed robbery in Nairobi') {
  seq++;
  await enqueueMessage(database.db, {
    topic: 'incident.submitted',
    dedupeKey: `incident.submitted:test-${seq}:1`,
    payload: { subject, text: 'Two staff robbed at gunpoint.', url: 'https://smin.example.org/incidents/1' },
    recipients: addresses.map((email, i) => ({
      email,
      reason: ['Designated Official', 'focal point', 'line manager'][i % 3],
    })),
  });
  const row = await database.db
    .selectFrom('outbox')
    .selectAll()
    .where('dedupe_key', '=', `incident.submitted:test-${seq}:1`)
    .executeTakeFirstOrThrow();
  return row.id;
}

const outboxRow = (id: number) =>
  database.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const deliveries = (id: number) =>
  database.db
    .selectFrom('outbox_deliveries')
    .selectAll()
    .where('outbox_id', '=', id)
    .orderBy('address')
    .execute();
const deliver = (m: Mailer = mailer, now?: Date, parallel?: number) =>
  deliverDueEmail(database.db, m, { from: FROM, parallel, ...(now ? { now: () => now } : {}) });
const later = (d: Date, ms = 1000) => new Date(new Date(d).getTime() + ms);

describe('e-mail delivery of the outbox to a real SMTP server', () => {
  it('sends one e-mail per address, each exactly once, and nothing on the next run', async () => {
    const id = await enqueue();
    const report = await deliver();
    expect(report).toMatchObject({ messages: 1, delivered: 1, sent: 3, failed: 0, serverDown: null });

    for (const address of ADDRESSES) {
      const got = sink.to(address);
      expect(got, address).toHaveLength(1);
      // One SMTP transaction per address: no one sees the other recipients.
      expect(got[0]!.to).toEqual([address]);
      expect(got[0]!.headers.get('to')).toBe(address);
      expect(got[0]!.from).toBe('opensmin@security.example.org');
      expect(got[0]!.subject).toBe('Incident KEN-2026-0001: armed robbery in Nairobi');
      expect(got[0]!.text).toContain('Two staff robbed at gunpoint.');
      expect(got[0]!.text).toContain('Open in OpenSMIN: https://smin.example.org/incidents/1');
      expect(got[0]!.headers.get('auto-submitted')).toBe('auto-generated');
      expect(got[0]!.headers.get('message-id')).toMatch(
        new RegExp(`^<outbox\\.${id}\\.[0-9a-f]{16}@security\\.example\\.org>$`),
      );
    }
    expect(sink.to('do@ken.example.org')[0]!.text).toContain(
      'You receive this message as: Designated Official.',
    );

    const row = await outboxRow(id);
    expect(row.delivered_at).not.toBeNull();
    expect(row).toMatchObject({ attempts: 1, dead_at: null, last_error: null, claim_token: null });
    expect((await deliveries(id)).map((d) => [d.address, d.status, d.attempts])).toEqual(
      [...ADDRESSES].sort().map((a) => [a, 'sent', 1]),
    );

    expect(await deliver()).toMatchObject({ messages: 0, sent: 0 });
    expect(await deliver(mailer, later(new Date(), 48 * 3_600_000))).toMatchObject({ messages: 0, sent: 0 });
    expect(sink.received).toHaveLength(3);
  });

  it('keeps non-ASCII subjects and bodies intact', async () => {
    await enqueue(['a@ci.example.org'], 'Incident à Abidjan, Côte d’Ivoire: évacuation — 撤离');
    await deliver();
    expect(sink.received[0]!.subject).toBe('Incident à Abidjan, Côte d’Ivoire: évacuation — 撤离');
  });

  it('delivers the others when the server refuses one address, retries it with backoff, then dead-letters it', async () => {
    const bad = 'lm@unicef.example.org';
    sink.refuse(bad, 450, 'Mailbox temporarily unavailable');
    const id = await enqueue();
    const start = new Date();
    expect(await deliver(mailer, start)).toMatchObject({ sent: 2, failed: 1, retrying: 1, delivered: 0 });

    let row = await outboxRow(id);
    const waits: number[] = [new Date(row.available_at).getTime() - start.getTime()];
    // Not due before its retry time: a run now sends nothing.
    expect(await deliver(mailer, later(start))).toMatchObject({ messages: 0 });

    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
      const due = later(row.available_at);
      const r = await deliver(mailer, due);
      expect(r, `attempt ${attempt}`).toMatchObject({ messages: 1, sent: 0, failed: 1 });
      row = await outboxRow(id);
      if (attempt < MAX_ATTEMPTS) waits.push(new Date(row.available_at).getTime() - due.getTime());
    }
    // Exponential: each wait longer than the one before, the first about a minute.
    expect(waits[0]).toBeGreaterThan(50_000);
    expect(waits[0]).toBeLessThan(70_000);
    for (let i = 1; i < waits.length; i++) expect(waits[i]).toBeGreaterThan(waits[i - 1]!);

    expect(row.delivered_at).toBeNull();
    expect(row.dead_at).not.toBeNull();
    expect(row.attempts).toBe(MAX_ATTEMPTS);
    expect(row.last_error).toContain(`gave up after ${MAX_ATTEMPTS} attempts: 1 of 3 addresses`);
    expect(row.last_error).toContain(`${bad}: 450 Mailbox temporarily unavailable`);
    const d = (await deliveries(id)).find((x) => x.address === bad)!;
    expect(d).toMatchObject({
      status: 'failed',
      attempts: MAX_ATTEMPTS,
      last_error: '450 Mailbox temporarily unavailable',
    });
    expect(d.given_up_at).not.toBeNull();

    // The good addresses got it once; a dead letter is never claimed again.
    for (const a of ADDRESSES.filter((x) => x !== bad)) expect(sink.to(a)).toHaveLength(1);
    sink.accept(bad);
    expect(await deliver(mailer, later(start, 100 * 3_600_000))).toMatchObject({ messages: 0 });

    const status = await outboxStatus(database.db);
    expect(status.topics).toEqual([
      expect.objectContaining({ topic: 'incident.submitted', queued: 0, delivered: 0, deadLettered: 1 }),
    ]);
    expect(status.failedAddresses).toEqual([
      expect.objectContaining({ outboxId: id, address: bad, attempts: MAX_ATTEMPTS, givenUp: true }),
    ]);
    expect(status.deadLetters[0]!.reason).toContain('450 Mailbox temporarily unavailable');
  });

  it('gives up at once on an address refused for good (5xx) and on a malformed one', async () => {
    sink.refuse('gone@unicef.example.org', 550, 'No such user here');
    const id = await enqueue(['do@ken.example.org', 'gone@unicef.example.org', 'not-an-address']);
    expect(await deliver()).toMatchObject({ sent: 1, failed: 1, deadLettered: 1 });
    const row = await outboxRow(id);
    expect(row.dead_at).not.toBeNull();
    expect(row.last_error).toBe(
      'refused for good: 2 of 3 addresses: not-an-address: invalid address; gone@unicef.example.org: 550 No such user here',
    );
    expect(
      (await deliveries(id)).map((d) => [d.address, d.status, d.attempts, d.given_up_at !== null]),
    ).toEqual([
      ['do@ken.example.org', 'sent', 1, false],
      ['gone@unicef.example.org', 'failed', 1, true],
      ['not-an-address', 'failed', 0, true],
    ]);
  });

  it('loses nothing while the server is down and delivers once it is back', async () => {
    const first = await enqueue();
    const second = await enqueue(['other@ken.example.org']);
    await sink.stop();
    const start = new Date();
    // One message at a time, so that which address met the outage is certain.
    const down = await deliver(mailer, start, 1);
    expect(down.serverDown).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);
    expect(down).toMatchObject({ sent: 0, failed: 1, retrying: 2, delivered: 0 });
    const [a, b] = [await outboxRow(first), await outboxRow(second)];
    expect(a.last_error).toContain('do@ken.example.org: ');
    expect(a.last_error).toContain('2 not attempted');
    expect(b.last_error).toContain('1 not attempted');
    for (const r of [a, b])
      expect(new Date(r.available_at).getTime()).toBeGreaterThan(start.getTime() + 50_000);

    await sink.start();
    const back = await deliver(mailer, later(start, 3_600_000));
    expect(back).toMatchObject({ delivered: 2, sent: 4, serverDown: null });
    for (const addr of [...ADDRESSES, 'other@ken.example.org']) expect(sink.to(addr), addr).toHaveLength(1);
    expect((await outboxRow(first)).last_error).toBeNull();
    expect((await deliveries(first)).find((d) => d.address === 'do@ken.example.org')).toMatchObject({
      status: 'sent',
      attempts: 2,
      last_error: null,
    });
  });

  it('after a crash between the server accepting and the database write, resends only that address', async () => {
    const id = await enqueue();
    const real = mailer;
    // The worker "dies" right after the server accepted the second address: its run never ends.
    const dying: Mailer = {
      async send(e) {
        await real.send(e);
        if (e.to === ADDRESSES[1]) await new Promise(() => {});
      },
      close() {},
    };
    const start = new Date();
    void deliver(dying, start);
    await waitFor(() => sink.received.length === 2);
    // Another worker takes the message once the dead worker's lease has run out.
    expect(await deliver(mailer, later(start, 4 * 60_000))).toMatchObject({ messages: 0 });
    expect(await deliver(mailer, later(start, 6 * 60_000))).toMatchObject({ delivered: 1, sent: 2 });
    expect(sink.to(ADDRESSES[0]!)).toHaveLength(1);
    expect(sink.to(ADDRESSES[2]!)).toHaveLength(1);
    // At least once: the unrecorded address gets it twice, recognizably the same e-mail.
    const twice = sink.to(ADDRESSES[1]!);
    expect(twice).toHaveLength(2);
    expect(twice[1]!.headers.get('message-id')).toBe(twice[0]!.headers.get('message-id'));
    expect((await outboxRow(id)).attempts).toBe(2);
  });

  it('stops starting sends at half its lease and hands the rest back (a slow server)', async () => {
    const slow = await enqueue();
    const next = await enqueue(['next@ken.example.org']);
    let clock = Date.now();
    // Each e-mail takes the server 20 s: with a 60 s lease, the run stops sending after 30 s.
    const sluggish: Mailer = {
      async send(e) {
        await mailer.send(e);
        clock += 20_000;
      },
      close() {},
    };
    const r = await deliverDueEmail(database.db, sluggish, {
      from: FROM,
      leaseMs: 60_000,
      now: () => new Date(clock),
      // One message at a time: the clock advances per e-mail, as a slow server's would per lane.
      parallel: 1,
    });
    expect(r).toMatchObject({ messages: 1, sent: 2, retrying: 1 });
    expect((await outboxRow(slow)).last_error).toContain('1 not attempted: the run ran out of time');
    // The untouched message is due again at once, its attempt refunded.
    const n = await outboxRow(next);
    expect(n).toMatchObject({ attempts: 0, claim_token: null });
    expect(new Date(n.available_at).getTime()).toBeLessThanOrEqual(clock);

    expect(await deliver(mailer, later(new Date(clock), 3_600_000))).toMatchObject({ delivered: 2, sent: 2 });
    for (const a of [...ADDRESSES, 'next@ken.example.org']) expect(sink.to(a), a).toHaveLength(1);
  });

  it('marks a message without any recipient delivered, with a note', async () => {
    await enqueueMessage(database.db, {
      topic: 'advisory.published',
      dedupeKey: 'a1',
      payload: {},
      recipients: [],
    });
    expect(await deliver()).toMatchObject({ messages: 1, delivered: 1, sent: 0 });
    const row = await database.db
      .selectFrom('outbox')
      .select(['last_error', 'delivered_at'])
      .executeTakeFirstOrThrow();
    expect(row.last_error).toBe('no e-mail recipients');
    expect(row.delivered_at).not.toBeNull();
  });

  it("e-mails recipients named by user id only at the user's address, and gives up on those without one", async () => {
    seq++;
    const user = async (name: string, email: string | null, status: 'active' | 'disabled' = 'active') => {
      const r = await database.db
        .insertInto('users')
        .values({
          username: `notify-${name}-${seq}`,
          display_name: name,
          email,
          status,
          created_at: new Date(),
          updated_at: new Date(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return r.id;
    };
    const owner = await user('Owner', `Owner.${seq}@ken.example.org`);
    const reader = await user('Reader', `reader.${seq}@ken.example.org`);
    const noEmail = await user('NoEmail', null);
    const disabled = await user('Left', `left.${seq}@ken.example.org`, 'disabled');

    // A measure notice to one user: delivered to their address.
    await enqueueMessage(database.db, {
      topic: 'measure.overdue',
      dedupeKey: `measure.overdue:m${seq}:2026-01-01`,
      payload: { measureId: 'm1', title: 'Replace the perimeter lights' },
      recipients: [{ userId: owner }],
    });
    // An advisory to several: the one without an address and the disabled one are given up.
    await enqueueMessage(database.db, {
      topic: 'advisory.published',
      dedupeKey: `advisory.published:${seq}`,
      payload: { subject: 'Advisory: curfew in Nairobi', text: 'Curfew from 20:00.' },
      recipients: [{ userId: reader, reason: 'staff in Kenya' }, { userId: noEmail }, { userId: disabled }],
    });
    expect(await deliver()).toMatchObject({ messages: 2, delivered: 1, deadLettered: 1, sent: 2 });

    const got = sink.to(`owner.${seq}@ken.example.org`);
    expect(got).toHaveLength(1);
    expect(got[0]!.subject).toBe('OpenSMIN: measure.overdue');
    expect(got[0]!.text).toContain('title: Replace the perimeter lights');
    const advisory = sink.to(`reader.${seq}@ken.example.org`);
    expect(advisory).toHaveLength(1);
    expect(advisory[0]!.subject).toBe('Advisory: curfew in Nairobi');
    expect(advisory[0]!.text).toContain('You receive this message as: staff in Kenya.');
    expect(sink.to(`left.${seq}@ken.example.org`)).toHaveLength(0);
    expect(sink.received).toHaveLength(2);

    const rows = await database.db
      .selectFrom('outbox')
      .select(['id', 'topic', 'last_error', 'delivered_at', 'dead_at'])
      .orderBy('topic')
      .execute();
    expect(rows.map((r) => [r.topic, r.delivered_at !== null, r.dead_at !== null])).toEqual([
      ['advisory.published', false, true],
      ['measure.overdue', true, false],
    ]);
    expect(rows[1]!.last_error).toBeNull();
    expect(rows[0]!.last_error).toContain(`user:${noEmail}: no e-mail address`);
    expect(rows[0]!.last_error).toContain(`user:${disabled}: no active user account`);
    expect(
      (await deliveries(rows[0]!.id)).map((d) => [d.address, d.status, d.last_error, d.given_up_at !== null]),
    ).toEqual(
      [
        [`reader.${seq}@ken.example.org`, 'sent', null, false],
        [`user:${noEmail}`, 'failed', 'no e-mail address', true],
        [`user:${disabled}`, 'failed', 'no active user account', true],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    expect(await deliver()).toMatchObject({ messages: 0 });
  });

  it('sends several messages at once (four by default), each address once', async () => {
    for (let i = 0; i < 10; i++) await enqueue([`lane${i}@ken.example.org`]);
    let inFlight = 0;
    let most = 0;
    const counting: Mailer = {
      async send(e) {
        most = Math.max(most, ++inFlight);
        await new Promise((r) => setTimeout(r, 30));
        await mailer.send(e);
        inFlight--;
      },
      close() {},
    };
    expect(await deliver(counting)).toMatchObject({ delivered: 10, sent: 10 });
    expect(most).toBe(4);
    for (let i = 0; i < 10; i++) expect(sink.to(`lane${i}@ken.example.org`)).toHaveLength(1);
    await enqueue(['one@ken.example.org', 'two@ken.example.org']);
    most = 0;
    await deliverDueEmail(database.db, counting, { from: FROM, parallel: 1 });
    expect(most).toBe(1);
  });

  it('lets two workers share a backlog without sending anything twice', async () => {
    const n = 30;
    for (let i = 0; i < n; i++) await enqueue([`p${i}@ken.example.org`, `q${i}@ken.example.org`]);
    const other = createSmtpMailer({ smtpUrl: sink.url, from: FROM });
    try {
      const opts = { from: FROM, batchSize: 4 };
      const [r1, r2] = await Promise.all([
        deliverDueEmail(database.db, mailer, opts),
        deliverDueEmail(database.db, other, opts),
      ]);
      expect(r1.delivered + r2.delivered).toBe(n);
      expect(r1.lostClaims + r2.lostClaims).toBe(0);
    } finally {
      other.close();
    }
    expect(sink.received).toHaveLength(2 * n);
    expect(new Set(sink.received.map((m) => m.to[0])).size).toBe(2 * n);
  });
});

async function waitFor(check: () => boolean, timeoutMs = 5000) {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}
