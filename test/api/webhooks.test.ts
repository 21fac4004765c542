import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as webhookRepo from '../../src/modules/notifications/webhook.repository';
import { deliverDueWebhooks, fanOutWebhooks } from '../../src/modules/notifications/webhook.service';
import { verifySignature } from '../../src/modules/notifications/webhook-rules';
import { enqueueMessage } from '../../src/modules/threats/advisories.service';
import { admin, createTestApp, type TestApp, type TestUser } from '../support/app';
import { seedTwoScopes } from '../support/fixtures';

/** What the receiver does for the Nth request to a path (the last entry repeats). */
type Behaviour = 'ok' | 'fail' | 'hang' | 'gone' | 'unavailable';

interface Received {
  path: string;
  eventId: string;
  topic: string;
  id: string;
  verified: boolean;
  body: Record<string, unknown>;
  answered: Behaviour;
}

/** A real HTTP receiver on 127.0.0.1 that checks every signature against the secret of its path. */
class Receiver {
  server!: Server;
  received: Received[] = [];
  secrets = new Map<string, string>();
  plans = new Map<string, Behaviour[]>();
  private counts = new Map<string, number>();
  delayMs = 0;

  async start() {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((ok) => this.server.listen(0, '127.0.0.1', ok));
  }
  url(path: string) {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
  }
  private async handle(req: IncomingMessage, res: import('node:http').ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const path = req.url ?? '/';
    const n = this.counts.get(path) ?? 0;
    this.counts.set(path, n + 1);
    const plan = this.plans.get(path) ?? ['ok'];
    const answered = plan[Math.min(n, plan.length - 1)]!;
    const body = JSON.parse(raw) as Record<string, unknown>;
    this.received.push({
      path,
      eventId: String(req.headers['x-smin-event-id']),
      topic: String(body.topic),
      id: String(body.id),
      verified: verifySignature(
        this.secrets.get(path) ?? '',
        raw,
        String(req.headers['x-smin-signature']),
        new Date(),
      ),
      body,
      answered,
    });
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    if (answered === 'hang') return; // never answers: the worker's timeout must end it
    const status = { ok: 200, fail: 500, gone: 410, unavailable: 503 }[answered];
    res.writeHead(status, { 'content-type': 'text/plain' }).end(answered);
  }
  at(path: string) {
    return this.received.filter((r) => r.path === path);
  }
  close() {
    this.server.closeAllConnections();
    return new Promise<void>((ok) => this.server.close(() => ok()));
  }
}

let t: TestApp;
let root: TestUser;
let saAfg: TestUser;
let saKen: TestUser;
let focalB: TestUser;
const rx = new Receiver();
const HOUR = 3_600_000;

beforeAll(async () => {
  await rx.start();
  t = await createTestApp();
  root = await t.user('root', admin);
  await seedTwoScopes(root);
  saAfg = await t.user('sa.afg', [{ role: 'security_professional', scopeType: 'country', scopeId: 'AFG' }]);
  saKen = await t.user('sa.ken', [{ role: 'security_professional', scopeType: 'country', scopeId: 'KEN' }]);
  focalB = await t.user(
    'focal.b',
    [{ role: 'org_security_focal_point', scopeType: 'organization', scopeId: 'ORGB' }],
    'ORGB',
  );
});
afterAll(async () => {
  await t?.close();
  await rx.close();
});

let seq = 0;
const enqueue = (topic: string, payload: Record<string, unknown>) =>
  enqueueMessage(t.database.db, {
    topic,
    dedupeKey: `webhook-test:${++seq}`,
    payload,
    recipients: [{ email: 'someone@orga.example.org', reason: 'not for webhooks' }],
  });

async function subscribe(user: TestUser, body: Record<string, unknown>) {
  const res = await user.request({ method: 'POST', url: '/api/webhooks', payload: body });
  expect(res.statusCode, res.body).toBe(201);
  const sub = res.json() as { id: string; secret: string; url: string; version: number };
  rx.secrets.set(new URL(sub.url).pathname, sub.secret);
  return sub;
}

const deliveries = async (user: TestUser, id: string, query = '') => {
  const res = await user.request({ url: `/api/webhooks/${id}/deliveries${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as {
    eventId: string;
    topic: string;
    status: string;
    attempts: number;
    reason: string | null;
    lastStatus: number | null;
  }[];
};

describe('webhook subscriptions', () => {
  it('are made by admins and security roles within their scope; the secret is shown once', async () => {
    const sub = await subscribe(saAfg, {
      name: 'AFG ops room',
      url: rx.url('/afg'),
      topics: ['incident.*'],
      countryCode: 'AFG',
    });
    expect(sub.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const read = await saAfg.request({ url: `/api/webhooks/${sub.id}` });
    expect(read.statusCode).toBe(200);
    expect(read.json()).not.toHaveProperty('secret');
    expect(read.body).not.toContain(sub.secret);
    expect((await saAfg.request({ url: '/api/webhooks' })).body).not.toContain(sub.secret);
    // Another country's security professional, an organization's focal point: no such subscription.
    expect((await saKen.request({ url: `/api/webhooks/${sub.id}` })).statusCode).toBe(404);
    expect((await focalB.request({ url: '/api/webhooks' })).json()).toEqual([]);
    // Scopes one may not manage.
    const other = await saAfg.request({
      method: 'POST',
      url: '/api/webhooks',
      payload: { name: 'x', url: rx.url('/x'), topics: ['*'], countryCode: 'KEN' },
    });
    expect(other.statusCode).toBe(403);
    const global = await saAfg.request({
      method: 'POST',
      url: '/api/webhooks',
      payload: { name: 'x', url: rx.url('/x'), topics: ['*'] },
    });
    expect(global.statusCode).toBe(403);
    const personnel = await t.user('staff', [
      { role: 'personnel', scopeType: 'organization', scopeId: 'ORGB' },
    ]);
    expect((await personnel.request({ url: '/api/webhooks' })).statusCode).toBe(403);
    const orgSub = await focalB.request({
      method: 'POST',
      url: '/api/webhooks',
      payload: { name: 'B', url: rx.url('/orgb'), topics: ['travel.*'], organizationCode: 'ORGB' },
    });
    expect(orgSub.statusCode, orgSub.body).toBe(201);
  });

  it('refuse bad input naming the field, writing nothing', async () => {
    const before = await t.database.db.selectFrom('webhook_subscriptions').select('id').execute();
    const bad = async (payload: Record<string, unknown>, field: string) => {
      const res = await root.request({ method: 'POST', url: '/api/webhooks', payload });
      expect(res.statusCode, res.body).toBe(400);
      expect(JSON.stringify(res.json().errors)).toContain(field);
    };
    const ok = { name: 'n', url: rx.url('/n'), topics: ['incident.*'] };
    await bad({ ...ok, url: 'ftp://example.org/hook' }, 'url');
    await bad({ ...ok, url: 'https://user:pw@example.org/hook' }, 'url');
    await bad({ ...ok, topics: ['Incident!'] }, 'topics');
    await bad({ ...ok, topics: [] }, 'topics');
    await bad({ ...ok, countryCode: 'XXX' }, 'countryCode');
    await bad({ ...ok, organizationCode: 'NOPE' }, 'organizationCode');
    await bad({ ...ok, countryCode: 'AFG', organizationCode: 'ORGA' }, 'countryCode');
    await bad({ ...ok, secret: 'mine' }, 'secret');
    expect(await t.database.db.selectFrom('webhook_subscriptions').select('id').execute()).toEqual(before);
  });
});

describe('the webhook worker', () => {
  it('POSTs matching messages made after the subscription, signed, retrying a 500 and a timeout', async () => {
    await enqueue('incident.submitted', { subject: 'before the subscription', countryCode: 'KEN' });
    const sub = await subscribe(saKen, {
      name: 'KEN',
      url: rx.url('/ken'),
      topics: ['incident.*', 'threat.level_raised'],
      countryCode: 'KEN',
    });
    rx.plans.set('/ken', ['fail', 'hang', 'ok']);
    await enqueue('incident.submitted', { subject: 'one', countryCode: 'KEN', incidentId: 'i-1' });
    await enqueue('incident.trip_alert', { subject: 'two', countryCode: 'KEN' });
    await enqueue('advisory.published', { countryCode: 'KEN' }); // topic not chosen
    await enqueue('incident.submitted', { subject: 'elsewhere', countryCode: 'AFG' }); // out of scope
    await enqueue('incident.submitted', { subject: 'no country' }); // names no country: global only

    let now = new Date();
    const run = (opts = {}) =>
      deliverDueWebhooks(t.database.db, { now: () => now, timeoutMs: 400, commitMarginS: 0, ...opts });
    const first = await run();
    // Two for this subscription; the message about AFG goes to the AFG subscription made earlier.
    expect(first).toMatchObject({ queued: 3, attempted: 3, delivered: 1, retrying: 2, dead: 0 });
    expect(rx.at('/afg').map((r) => r.body.payload)).toEqual([{ subject: 'elsewhere', countryCode: 'AFG' }]);
    let d = await deliveries(saKen, sub.id);
    expect(d.map((x) => [x.topic, x.status, x.attempts])).toEqual([
      ['incident.trip_alert', 'pending', 1],
      ['incident.submitted', 'pending', 1],
    ]);
    expect(d.find((x) => x.topic === 'incident.submitted')).toMatchObject({
      lastStatus: 500,
      reason: 'attempt 1 of 8: HTTP 500',
    });
    expect(d.find((x) => x.topic === 'incident.trip_alert')!.reason).toBe(
      'attempt 1 of 8: no answer within 400 ms',
    );
    // Not due yet: nothing is sent again before the backoff.
    expect(await run()).toMatchObject({ attempted: 0 });
    now = new Date(now.getTime() + HOUR);
    expect(await run()).toMatchObject({ attempted: 2, delivered: 2 });
    d = await deliveries(saKen, sub.id);
    expect(d.map((x) => [x.status, x.attempts, x.lastStatus, x.reason])).toEqual([
      ['delivered', 2, 200, null],
      ['delivered', 2, 200, null],
    ]);
    expect(await deliveries(saKen, sub.id, '?status=dead')).toEqual([]);

    const got = rx.at('/ken');
    expect(got).toHaveLength(4);
    expect(got.every((r) => r.verified)).toBe(true);
    expect(got.map((r) => r.answered)).toEqual(['fail', 'hang', 'ok', 'ok']);
    expect(new Set(got.map((r) => r.topic))).toEqual(new Set(['incident.submitted', 'incident.trip_alert']));
    for (const r of got) {
      expect(r.eventId).toBe(r.id);
      expect(Object.keys(r.body).sort()).toEqual(['createdAt', 'id', 'payload', 'topic']);
      expect(JSON.stringify(r.body)).not.toContain('someone@orga.example.org');
    }
    expect(got.find((r) => r.topic === 'incident.submitted')!.body.payload).toEqual({
      subject: 'one',
      countryCode: 'KEN',
      incidentId: 'i-1',
    });
    // Paging: one per page, newest first, then the older one, then the end.
    const p1 = await saKen.request({ url: `/api/webhooks/${sub.id}/deliveries?limit=1` });
    const next = p1.json().nextBefore as number;
    const p2 = await saKen.request({ url: `/api/webhooks/${sub.id}/deliveries?limit=1&before=${next}` });
    expect(p2.json().items).toHaveLength(1);
    expect(Number(p2.json().items[0].eventId)).toBeLessThan(next + 1);
    expect(p2.json().items[0].eventId).not.toBe(p1.json().items[0].eventId);
  });

  it('gives up with the reason: at once on a 4xx, after N attempts on 5xx', async () => {
    const gone = await subscribe(root, { name: 'gone', url: rx.url('/gone'), topics: ['measure.overdue'] });
    const down = await subscribe(root, { name: 'down', url: rx.url('/down'), topics: ['measure.*'] });
    rx.plans.set('/gone', ['gone']);
    rx.plans.set('/down', ['unavailable']);
    await enqueue('measure.overdue', { measureId: 'm-1', countryCode: 'AFG' });
    let now = new Date();
    const run = () =>
      deliverDueWebhooks(t.database.db, {
        now: () => now,
        commitMarginS: 0,
        maxAttempts: 3,
        timeoutMs: 2000,
      });
    await run();
    for (let i = 0; i < 3; i++) {
      now = new Date(now.getTime() + 24 * HOUR);
      await run();
    }
    expect(await deliveries(root, gone.id)).toMatchObject([
      { status: 'dead', attempts: 1, lastStatus: 410, reason: 'refused: HTTP 410' },
    ]);
    expect(await deliveries(root, down.id)).toMatchObject([
      { status: 'dead', attempts: 3, lastStatus: 503, reason: 'gave up after 3 attempts: HTTP 503' },
    ]);
    expect(rx.at('/gone')).toHaveLength(1);
    expect(rx.at('/down')).toHaveLength(3);
    // A paused subscription gets nothing until it is switched back on.
    const paused = await root.request({
      method: 'PATCH',
      url: `/api/webhooks/${down.id}`,
      payload: { active: false, version: down.version },
    });
    expect(paused.statusCode, paused.body).toBe(200);
    await enqueue('measure.overdue', { measureId: 'm-2' });
    await run();
    expect(rx.at('/down')).toHaveLength(3);
    const stale = await root.request({
      method: 'PATCH',
      url: `/api/webhooks/${down.id}`,
      payload: { active: true, version: down.version },
    });
    expect(stale.statusCode).toBe(409);
  });

  it('two workers running at once never deliver one event twice to a subscription', async () => {
    const a = await subscribe(root, { name: 'race a', url: rx.url('/race-a'), topics: ['race.*'] });
    const b = await subscribe(root, { name: 'race b', url: rx.url('/race-b'), topics: ['race.event'] });
    for (let i = 0; i < 30; i++) await enqueue('race.event', { n: i });
    rx.delayMs = 3;
    const opts = { commitMarginS: 0, batchSize: 4, timeoutMs: 5000 };
    const [r1, r2] = await Promise.all([
      deliverDueWebhooks(t.database.db, opts),
      deliverDueWebhooks(t.database.db, opts),
    ]);
    rx.delayMs = 0;
    expect(r1.delivered + r2.delivered).toBe(60);
    // Both took part (claims are disjoint, not one worker doing everything).
    expect(r1.attempted).toBeGreaterThan(0);
    expect(r2.attempted).toBeGreaterThan(0);
    for (const path of ['/race-a', '/race-b']) {
      const ids = rx.at(path).map((r) => r.eventId);
      expect(ids).toHaveLength(30);
      expect(new Set(ids).size).toBe(30);
      expect(rx.at(path).every((r) => r.verified)).toBe(true);
    }
    // Concurrent fan-outs add each (message, subscription) pair once.
    await Promise.all([fanOutWebhooks(t.database.db, 0), fanOutWebhooks(t.database.db, 0)]);
    const rows = await t.database.db
      .selectFrom('webhook_deliveries')
      .select('outbox_id')
      .where('subscription_id', 'in', [a.id, b.id])
      .execute();
    expect(rows).toHaveLength(60);
  });

  it('a worker that outlives its lease loses the delivery to the next claimant and writes nothing', async () => {
    const sub = await subscribe(root, { name: 'lease', url: rx.url('/lease'), topics: ['lease.event'] });
    await enqueue('lease.event', { n: 1 });
    await fanOutWebhooks(t.database.db, 0);
    const t0 = new Date(Date.now() + 1000);
    const claim = (at: Date, token: string) =>
      webhookRepo.claimDue(t.database.db, {
        now: at,
        leaseUntil: new Date(at.getTime() + 60_000),
        token,
        limit: 10,
      });
    const a = (await claim(t0, '00000000-0000-4000-8000-00000000000a')).filter(
      (d) => d.subscription_id === sub.id,
    );
    expect(a).toHaveLength(1);
    // Within the lease nobody else gets it; after it, the next worker does.
    expect(
      (await claim(new Date(t0.getTime() + 30_000), '00000000-0000-4000-8000-00000000000b')).length,
    ).toBe(0);
    const b = await claim(new Date(t0.getTime() + 61_000), '00000000-0000-4000-8000-00000000000b');
    expect(b.map((d) => [d.subscription_id, d.outbox_id, d.attempts])).toEqual([
      [sub.id, a[0]!.outbox_id, 2],
    ]);
    const done = { kind: 'delivered' as const, at: new Date(), status: 200 };
    expect(await webhookRepo.settle(t.database.db, a[0]!, '00000000-0000-4000-8000-00000000000a', done)).toBe(
      false,
    );
    expect(await webhookRepo.settle(t.database.db, b[0]!, '00000000-0000-4000-8000-00000000000b', done)).toBe(
      true,
    );
    expect(await deliveries(root, sub.id)).toMatchObject([{ status: 'delivered', attempts: 2 }]);
  });

  it('sends a signed test event on request, and a rotated secret replaces the old one at once', async () => {
    const sub = await subscribe(saAfg, {
      name: 'test me',
      url: rx.url('/test-me'),
      topics: ['incident.*'],
      countryCode: 'AFG',
    });
    const first = await saAfg.request({ method: 'POST', url: `/api/webhooks/${sub.id}/test` });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ ok: true, status: 200, reason: null });
    expect(rx.at('/test-me')[0]).toMatchObject({ verified: true, topic: 'webhook.test' });
    const rotated = await saAfg.request({
      method: 'POST',
      url: `/api/webhooks/${sub.id}/rotate-secret`,
      payload: { version: sub.version },
    });
    expect(rotated.statusCode, rotated.body).toBe(200);
    const secret = rotated.json().secret as string;
    expect(secret).not.toBe(sub.secret);
    expect(rotated.json().secretRotatedAt).not.toBeNull();
    await saAfg.request({ method: 'POST', url: `/api/webhooks/${sub.id}/test` });
    // Signed with the new secret, not the old one.
    expect(rx.at('/test-me')[1]!.verified).toBe(false);
    rx.secrets.set('/test-me', secret);
    await saAfg.request({ method: 'POST', url: `/api/webhooks/${sub.id}/test` });
    expect(rx.at('/test-me')[2]!.verified).toBe(true);
    // A receiver that is down is reported, not a 500.
    rx.plans.set('/test-me', ['unavailable']);
    const failing = await saAfg.request({ method: 'POST', url: `/api/webhooks/${sub.id}/test` });
    expect(failing.json()).toMatchObject({ ok: false, status: 503, reason: 'HTTP 503' });
    // Out of scope: no such subscription.
    expect((await saKen.request({ method: 'POST', url: `/api/webhooks/${sub.id}/test` })).statusCode).toBe(
      404,
    );
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', sub.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['webhook.create', 'webhook.rotate_secret', 'webhook.test']),
    );
    expect(JSON.stringify(audit)).not.toContain(secret);
    const del = await saAfg.request({
      method: 'DELETE',
      url: `/api/webhooks/${sub.id}?version=${rotated.json().version}`,
    });
    expect(del.statusCode).toBe(204);
    expect((await saAfg.request({ url: `/api/webhooks/${sub.id}` })).statusCode).toBe(404);
  });
});
