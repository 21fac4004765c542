import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueMessage } from '../../src/modules/threats/advisories.service';
import { type SmtpSink, startSmtpSink } from '../support/smtp';
import { type CliTarget, createCliTarget, hasStackTrace, smin } from './cli-support';

const SLOW = 90_000;
let target: CliTarget;
let sink: SmtpSink;

beforeAll(async () => {
  target = await createCliTarget({ migrated: true });
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink?.close();
  await target?.dispose();
});

async function enqueue(key: string, emails: string[]) {
  const database = await target.open();
  try {
    await enqueueMessage(database.db, {
      topic: 'incident.submitted',
      dedupeKey: key,
      payload: { subject: `Incident ${key}`, text: 'Body.' },
      recipients: emails.map((email) => ({ email, reason: 'test' })),
    });
  } finally {
    await database.close();
  }
}

describe('smin notify', () => {
  it(
    'delivers due e-mail once, then shows what was delivered, what waits and what was refused',
    async () => {
      const none = await smin([...target.args, 'notify', 'deliver']);
      expect(none.code).toBe(1);
      expect(none.stderr).toContain('no SMTP server: give --smtp-url or set SMIN_SMTP_URL');
      expect(hasStackTrace(none.stderr)).toBe(false);

      await enqueue('k1', ['a@ken.example.org', 'b@ken.example.org', 'gone@ken.example.org']);
      await enqueue('k2', ['busy@ken.example.org']);
      sink.refuse('gone@ken.example.org', 550, 'No such user');
      sink.refuse('busy@ken.example.org', 450, 'Mailbox busy');

      const deliver = [
        ...target.args,
        'notify',
        'deliver',
        '--smtp-url',
        sink.url,
        '--from',
        'ops@un.example.org',
      ];
      const first = await smin(deliver);
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      expect(first.stdout).toBe(
        '2 messages: 0 delivered, 1 to retry, 1 dead-lettered; 2 e-mails sent, 2 failed\n',
      );
      expect(sink.received.map((m) => m.to[0]).sort()).toEqual(['a@ken.example.org', 'b@ken.example.org']);
      expect(sink.received[0]!.from).toBe('ops@un.example.org');

      // Nothing is due again yet: a second run sends nothing.
      const again = await smin([...deliver, '--format', 'json']);
      expect(JSON.parse(again.stdout)).toMatchObject({ messages: 0, sent: 0 });
      expect(sink.received).toHaveLength(2);

      const status = await smin([...target.args, 'notify', 'status']);
      expect(status.code).toBe(0);
      const lines = status.stdout.split('\n');
      expect(lines).toContain('e-mail delivery: off here (SMIN_SMTP_URL is not set)');
      expect(lines.find((l) => l.startsWith('incident.submitted'))).toMatch(
        /^incident\.submitted\s+1\s+1\s+0\s+1 {2}oldest queued \d{4}-/,
      );
      expect(status.stdout).toMatch(
        /#\d+ incident\.submitted busy@ken\.example\.org \(1 attempts, retry at \d{4}-[^)]+\): 450 Mailbox busy/,
      );
      expect(status.stdout).toMatch(
        /#\d+ incident\.submitted gone@ken\.example\.org \(1 attempts, given up\): 550 No such user/,
      );
      expect(status.stdout).toMatch(
        /dead letters:\n {2}#\d+ incident\.submitted at .+: refused for good: 1 of 3 addresses: gone@ken\.example\.org: 550 No such user/,
      );

      const json = JSON.parse((await smin([...target.args, 'notify', 'status', '--format', 'json'])).stdout);
      expect(json.topics).toEqual([
        expect.objectContaining({
          topic: 'incident.submitted',
          queued: 1,
          retrying: 1,
          delivered: 0,
          deadLettered: 1,
        }),
      ]);
    },
    SLOW,
  );

  it(
    'fails with exit code 1 and keeps the messages when the SMTP server is down',
    async () => {
      await enqueue('k3', ['c@ken.example.org']);
      await sink.stop();
      try {
        const down = await smin([...target.args, 'notify', 'deliver', '--smtp-url', sink.url]);
        expect(down.code).toBe(1);
        expect(down.stderr).toMatch(/smtp:\/\/127\.0\.0\.1:\d+ unavailable: .*ECONNREFUSED/);
        expect(down.stderr).toContain(
          'the SMTP server was unavailable; the messages stay queued for a retry',
        );
        expect(hasStackTrace(down.stderr)).toBe(false);
      } finally {
        await sink.start();
      }
      const status = await smin([...target.args, 'notify', 'status', '--format', 'json']);
      expect(JSON.parse(status.stdout).topics[0]).toMatchObject({ queued: 2 });
    },
    SLOW,
  );
});
