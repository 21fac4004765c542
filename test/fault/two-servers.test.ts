/**
 * Two app servers on one PostgreSQL database, both delivering e-mail to one SMTP server: a session
 * made on one is valid on the other; incidents written through both are each delivered once to each
 * address (by Message-ID); the overdue-advisory sweep that both schedulers run at start (and again
 * after a restart) queues one notice, not two.
 * PostgreSQL only (the fault project): several processes share the database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliTarget, createCliTarget } from '../cli/cli-support';
import { admin } from '../support/app';
import { seedTwoScopes } from '../support/fixtures';
import { type SmtpSink, startSmtpSink } from '../support/smtp';
import { call, fixtureApp, incidentBody, type ServerProcess, signIn, startServer } from './server-support';

const INCIDENTS = 20;
const SA_EMAIL = 'sa.afg@example.org';
const MANAGER = 'manager@orga.example.org';

let target: CliTarget;
let url: string;
let sink: SmtpSink;
let advisoryId: string;
const servers: ServerProcess[] = [];

beforeAll(async () => {
  target = await createCliTarget({ migrated: true });
  url = target.args[1] as string;
  sink = await startSmtpSink();
  const database = await target.open();
  try {
    const fx = await fixtureApp(database);
    const root = await fx.user('root', admin, null, 'root@example.org');
    await seedTwoScopes(root);
    const sa = await fx.user(
      'sa.afg',
      [{ role: 'security_professional', scopeType: 'country', scopeId: 'AFG' }],
      null,
      SA_EMAIL,
    );
    const draft = await sa.request({
      method: 'POST',
      url: '/api/advisories',
      payload: {
        countryCode: 'AFG',
        headline: 'Afghanistan: restrict movement',
        guidance: 'Essential travel only.',
        requiredClearance: 'automatic',
        contacts: [],
        effectiveDate: '2026-01-01',
        reviewBy: '2027-06-01',
        levels: { armed_conflict: 4, terrorism: 4, crime: 3, civil_unrest: 3 },
      },
    });
    expect(draft.statusCode, draft.body).toBe(201);
    advisoryId = draft.json().id;
    const approved = await root.request({
      method: 'POST',
      url: `/api/advisories/${advisoryId}/approve`,
      payload: { version: draft.json().version },
    });
    expect(approved.statusCode, approved.body).toBe(200);
    const published = await sa.request({
      method: 'POST',
      url: `/api/advisories/${advisoryId}/publish`,
      payload: { version: approved.json().version },
    });
    expect(published.statusCode, published.body).toBe(200);
    await fx.close();
    // Its review date passes: the next sweep of either server owes its owner one notice.
    await database.db
      .updateTable('travel_advisories')
      .set({ effective_date: '2020-01-01', review_by: '2020-01-02' })
      .where('id', '=', advisoryId)
      .execute();
    // The fixture's own notices (publication) are not under test: marked delivered.
    await database.db
      .updateTable('outbox')
      .set({ delivered_at: new Date() })
      .where('delivered_at', 'is', null)
      .execute();
  } finally {
    await database.close();
  }
}, 120_000);

afterAll(async () => {
  for (const s of servers) await s.kill9();
  await sink?.close();
  await target?.dispose();
});

async function outbox() {
  const database = await target.open();
  try {
    return await database.db
      .selectFrom('outbox')
      .select(['id', 'topic', 'dedupe_key', 'delivered_at'])
      .execute();
  } finally {
    await database.close();
  }
}

async function waitFor(cond: () => Promise<boolean>, ms: number, what: string) {
  const until = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('two app servers on one PostgreSQL database', () => {
  it('share sessions, deliver each message once, and sweep overdue work once', async () => {
    const env = { SMIN_SMTP_URL: sink.url, SMIN_MAIL_FROM: 'smin@example.org' };
    const [a, b] = await Promise.all([startServer({ url }, env), startServer({ url }, env)]);
    servers.push(a as ServerProcess, b as ServerProcess);
    if (!a || !b) throw new Error('servers did not start');

    // A session made on A is valid on B (sessions live in the database).
    const cookie = await signIn(a.url, 'root');
    for (const s of [a, b]) {
      const me = await call(s.url, cookie, 'GET', '/api/auth/me');
      expect(me.status).toBe(200);
      expect(me.json).toMatchObject({ username: 'root' });
    }

    // Incidents written through both servers at once.
    const written = await Promise.all(
      Array.from({ length: INCIDENTS }, async (_, i) => {
        const res = await call(i % 2 ? b.url : a.url, cookie, 'POST', '/api/incidents', incidentBody(i));
        expect(res.status, JSON.stringify(res.json)).toBe(201);
        return (res.json as { id: string; reference: string }).reference;
      }),
    );

    // Both schedulers ran the overdue sweep at start; restart B so that it sweeps once more.
    await b.stop();
    const b2 = await startServer({ url }, env);
    servers.push(b2);
    const me = await call(b2.url, cookie, 'GET', '/api/auth/me');
    expect(me.status).toBe(200);

    await waitFor(
      async () => (await outbox()).every((m) => m.delivered_at !== null),
      90_000,
      'every message to be delivered',
    );
    // One more delivery period on both servers: nothing is sent again.
    await new Promise((r) => setTimeout(r, 6_000));

    const rows = await outbox();
    const overdue = rows.filter((m) => m.topic === 'advisory.overdue');
    expect(overdue).toHaveLength(1);
    expect(rows.filter((m) => m.topic === 'incident.submitted')).toHaveLength(INCIDENTS);

    // Each address received each message exactly once, by Message-ID.
    const copies = new Map<string, number>();
    for (const m of sink.received) {
      const id = m.headers.get('message-id') ?? '';
      expect(id).not.toBe('');
      for (const to of m.to) copies.set(`${to} ${id}`, (copies.get(`${to} ${id}`) ?? 0) + 1);
    }
    const twice = [...copies].filter(([, n]) => n > 1);
    expect(twice).toEqual([]);
    for (const address of [MANAGER, SA_EMAIL]) {
      const subjects = sink.to(address).map((m) => m.subject);
      for (const reference of written) {
        expect(
          subjects.filter((s) => s.includes(`${reference} `)),
          `${address} ${reference}`,
        ).toHaveLength(1);
      }
    }
    // The overdue notice went to the advisory's owner once.
    const notices = sink.to(SA_EMAIL).filter((m) => !written.some((r) => m.subject.includes(`${r} `)));
    expect(notices).toHaveLength(1);
    console.log(
      `two-servers fault: ${sink.received.length} SMTP deliveries for ${rows.length} messages; overdue notices: ${overdue.length}`,
    );

    await a.stop();
    await b2.stop();
  }, 170_000);
});
