import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/db';
import { type SmtpSink, startSmtpSink } from '../../../test/support/smtp';
import type { Database } from '../../db/engine';
import { loadConfig } from '../../server/config';
import { startScheduler } from '../../server/scheduler';
import { enqueueMessage } from '../threats/advisories.service';

let database: Database;
let sink: SmtpSink;

beforeAll(async () => {
  database = await createTestDatabase();
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink?.close();
  await database?.close();
});

function collectLog() {
  const lines: string[] = [];
  const errors: unknown[] = [];
  return {
    lines,
    errors,
    log: (msg: string, err?: unknown) => {
      lines.push(msg);
      if (err) errors.push(err);
    },
  };
}

const enqueue = (key: string, emails: string[]) =>
  enqueueMessage(database.db, {
    topic: 'incident.submitted',
    dedupeKey: key,
    payload: { subject: key, text: 'x' },
    recipients: emails.map((email) => ({ email, reason: 'test' })),
  });

const queued = async () =>
  (
    await database.db
      .selectFrom('outbox')
      .select('id')
      .where('delivered_at', 'is', null)
      .where('dead_at', 'is', null)
      .execute()
  ).length;

describe('the scheduler with e-mail delivery', () => {
  it('says once that delivery is off without SMIN_SMTP_URL, and leaves messages queued', async () => {
    await enqueue('off-1', ['a@ken.example.org']);
    const { lines, log } = collectLog();
    const stop = startScheduler(database.db, log, loadConfig({}));
    await stop();
    expect(lines).toEqual(['e-mail delivery off: SMIN_SMTP_URL is not set; messages stay queued']);
    expect(await queued()).toBe(1);
    expect(sink.received).toHaveLength(0);
  });

  it('delivers on start and every few seconds, and stops cleanly however often it is restarted', async () => {
    const config = loadConfig({ SMIN_SMTP_URL: sink.url, SMIN_MAIL_FROM: 'ops@un.example.org' });
    const { lines, errors, log } = collectLog();
    for (let round = 0; round < 5; round++) {
      await enqueue(`on-${round}`, [`p${round}@ken.example.org`, `q${round}@ken.example.org`]);
      const stop = startScheduler(database.db, log, config);
      // Stop right away: the run already started must finish before stop resolves.
      await stop();
      expect(await queued(), `round ${round}`).toBe(0);
    }
    expect(errors).toEqual([]);
    expect(lines[0]).toBe(`e-mail delivery on: ${sink.url} as ops@un.example.org`);
    expect(lines).toContain('email.deliver: sent 3');
    // Five rounds: the first also sends the message queued while delivery was off.
    expect(sink.received).toHaveLength(11);
    expect(new Set(sink.received.map((m) => m.to[0])).size).toBe(11);
  });

  it('picks up a message queued while it runs', async () => {
    const config = loadConfig({ SMIN_SMTP_URL: sink.url });
    const { errors, log } = collectLog();
    const stop = startScheduler(database.db, log, config);
    try {
      await new Promise((r) => setTimeout(r, 200));
      await enqueue('later', ['late@ken.example.org']);
      const until = Date.now() + 15_000;
      while (sink.to('late@ken.example.org').length === 0 && Date.now() < until)
        await new Promise((r) => setTimeout(r, 100));
    } finally {
      await stop();
    }
    expect(sink.to('late@ken.example.org')).toHaveLength(1);
    expect(errors).toEqual([]);
  });
});
