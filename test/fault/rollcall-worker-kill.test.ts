/**
 * Fault: delivery workers are killed (SIGKILL, no clean-up) in the middle of a 10,000-message roll
 * call, and others take over, two at a time at the end. Every message must reach its address, and
 * the server must see each Message-ID once, except for at most one in-flight message per lane of
 * each killed worker: a worker killed after the SMTP server accepted a message and before it
 * recorded that resends it later with the same Message-ID, which mail systems show once
 * (decision 0006).
 * PostgreSQL only: workers are separate processes sharing one database.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRollCall } from '../../src/modules/rollcall/rollcall.service';
import { SYSTEM_PRINCIPAL } from '../../src/server/auth/principal';
import { type CliTarget, createCliTarget } from '../cli/cli-support';
import { seedDrillArea } from '../support/drill-fixtures';
import { type SmtpSink, startSmtpSink } from '../support/smtp';

const PEOPLE = 10_000;
/** Messages a worker sends at once (deliverDueEmail's default). */
const LANES = 4;
const BIN = path.resolve(import.meta.dirname, '../../bin/smin');
let target: CliTarget;
let sink: SmtpSink;
let emails: string[] = [];

function worker(): { child: ChildProcess; done: Promise<number | null> } {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  const child = spawn(
    process.execPath,
    [BIN, ...target.args, 'notify', 'deliver', '--smtp-url', sink.url, '--lease-seconds', '3'],
    { env, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const done = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, done };
}

async function waitFor(cond: () => boolean, ms: number) {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function undelivered(): Promise<number> {
  const database = await target.open();
  try {
    const r = await database.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('topic', '=', 'rollcall.ask')
      .where('delivered_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  } finally {
    await database.close();
  }
}

beforeAll(async () => {
  target = await createCliTarget({ migrated: true });
  sink = await startSmtpSink();
  const database = await target.open();
  try {
    const drill = await seedDrillArea(database.db, { people: PEOPLE });
    emails = drill.emails;
    const started = await startRollCall(
      database.db,
      { principal: SYSTEM_PRINCIPAL, requestId: 'fault-test' },
      { area: drill.areaCode, title: 'Fault drill', guidance: '', escalateAfterMinutes: 60 },
      { publicUrl: 'https://smin.example.org' },
    );
    expect(started.contacts).toBe(PEOPLE);
  } finally {
    await database.close();
  }
}, 120_000);

afterAll(async () => {
  await sink?.close();
  await target?.dispose();
});

describe('a delivery worker killed mid-batch during a 10,000-message roll call', () => {
  it('loses nothing and sends nothing twice (by Message-ID); the rest is finished by two workers at once', async () => {
    let kills = 0;
    for (const at of [2_000, 6_000]) {
      const w = worker();
      await waitFor(() => sink.received.length >= at, 120_000);
      w.child.kill('SIGKILL');
      await w.done;
      kills++;
    }
    // Two workers at once until nothing is left: the killed workers' claims free up after the lease.
    for (let round = 0; round < 20 && (await undelivered()) > 0; round++) {
      const a = worker();
      const b = worker();
      expect([await a.done, await b.done]).toEqual([0, 0]);
      if ((await undelivered()) > 0) await new Promise((r) => setTimeout(r, 1_000));
    }
    expect(await undelivered()).toBe(0);

    const byAddress = new Map<string, Set<string>>();
    let copies = 0;
    for (const m of sink.received) {
      for (const to of m.to) {
        const ids = byAddress.get(to) ?? new Set<string>();
        ids.add(m.headers.get('message-id') ?? '');
        byAddress.set(to, ids);
        copies++;
      }
    }
    // Every address got its message, under one Message-ID.
    expect(byAddress.size).toBe(PEOPLE);
    for (const address of emails) expect(byAddress.get(address)?.size, address).toBe(1);
    const duplicates = copies - PEOPLE;
    console.log(
      `worker-kill fault: ${kills} kills, ${copies} SMTP deliveries for ${PEOPLE} messages (${duplicates} resent with the same Message-ID)`,
    );
    // A killed worker can have had one accepted, unrecorded message in each of its lanes.
    expect(duplicates).toBeLessThanOrEqual(kills * LANES);

    const database = await target.open();
    try {
      const sent = await database.db
        .selectFrom('outbox_deliveries')
        .select(['address', 'status'])
        .where('channel', '=', 'email')
        .execute();
      expect(sent).toHaveLength(PEOPLE);
      expect(sent.every((s) => s.status === 'sent')).toBe(true);
    } finally {
      await database.close();
    }
  }, 600_000);
});
