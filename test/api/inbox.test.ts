import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueMessage } from '../../src/modules/threats/advisories.service';
import { admin, createTestApp, type TestApp, type TestUser } from '../support/app';
import { seedTwoScopes } from '../support/fixtures';

let t: TestApp;
let root: TestUser;
let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  root = await t.user('root', admin);
  await seedTwoScopes(root);
  alice = await t.user('alice', [{ role: 'personnel', scopeType: 'organization', scopeId: 'ORGA' }], 'ORGA');
  bob = await t.user('bob', [{ role: 'personnel', scopeType: 'organization', scopeId: 'ORGB' }], 'ORGB');
  await t.database.db
    .updateTable('users')
    .set({ email: 'Alice@OrgA.example.org' })
    .where('id', '=', alice.id)
    .execute();
});
afterAll(() => t?.close());

let seq = 0;
const enqueue = (topic: string, payload: Record<string, unknown>, recipients: unknown[]) =>
  enqueueMessage(t.database.db, { topic, dedupeKey: `inbox-test:${++seq}`, payload, recipients });

type Page = {
  items: { id: number; topic: string; subject: string; summary: string; url: string | null; read: boolean }[];
  next: number | null;
  unread: number;
};
const inbox = async (user: TestUser, query = '') => {
  const res = await user.request({ url: `/api/me/notifications${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Page;
};

describe('the in-app inbox', () => {
  it('lists messages naming the user by id or by address, newest first, rendered as the e-mail is', async () => {
    await enqueue(
      'incident.trip_alert',
      {
        subject: '[OpenSMIN] Security alert: Armed robbery in Central',
        text: 'A security incident was reported where you are.\n\nStay where you are safe.',
        url: 'https://smin.example.org/incidents/1',
      },
      [{ email: 'alice@orga.example.org', personId: 'p1', reason: 'present in the area' }],
    );
    await enqueue('advisory.overdue', { advisoryId: 'a-1', countryCode: 'AFG', reviewBy: '2026-11-01' }, [
      { userId: alice.id },
    ]);
    await enqueue('incident.submitted', { subject: 'For Bob only', text: 'x' }, [
      { email: 'bob@orgb.example.org' },
      { userId: bob.id },
    ]);
    await enqueue('travel.decision', { subject: 'Both', text: 'y' }, [
      // Named by address only, in another case: still hers.
      { email: ' ALICE@orga.example.org', reason: 'traveller' },
      { userId: bob.id, reason: 'requester' },
    ]);
    const page = await inbox(alice);
    expect(page.items.map((i) => i.topic)).toEqual([
      'travel.decision',
      'advisory.overdue',
      'incident.trip_alert',
    ]);
    expect(page.unread).toBe(3);
    const alert = page.items[2]!;
    expect(alert.subject).toBe('[OpenSMIN] Security alert: Armed robbery in Central');
    expect(alert.summary).toContain(
      'A security incident was reported where you are. Stay where you are safe.',
    );
    expect(alert.summary).toContain('You receive this as: present in the area.');
    expect(alert.url).toBe('https://smin.example.org/incidents/1');
    // A data-only payload reads as the e-mail does: "key: value" lines under a topic subject.
    expect(page.items[1]).toMatchObject({ subject: 'OpenSMIN: advisory.overdue', url: null });
    expect(page.items[1]!.summary).toContain('reviewBy: 2026-11-01');
    expect((await inbox(bob)).items.map((i) => i.topic)).toEqual(['travel.decision', 'incident.submitted']);
    expect(page.items[0]!.summary).toContain('You receive this as: traveller.');
    // Nobody else's: root has no messages.
    expect(await inbox(root)).toMatchObject({ items: [], next: null, unread: 0 });
  });

  it('pages by keyset and keeps read state per user', async () => {
    const first = await inbox(alice, '?limit=2');
    expect(first.items).toHaveLength(2);
    expect(first.next).toBe(first.items[1]!.id);
    const second = await inbox(alice, `?limit=2&before=${first.next}`);
    expect(second.items.map((i) => i.topic)).toEqual(['incident.trip_alert']);
    expect(second.next).toBeNull();

    const shared = first.items[0]!; // travel.decision: Alice and Bob
    const read = await alice.request({ method: 'POST', url: `/api/me/notifications/${shared.id}/read` });
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toEqual({ unread: 2 });
    // Again: no change, no error.
    expect(
      (await alice.request({ method: 'POST', url: `/api/me/notifications/${shared.id}/read` })).json(),
    ).toEqual({
      unread: 2,
    });
    expect((await inbox(alice)).items.find((i) => i.id === shared.id)!.read).toBe(true);
    expect((await inbox(alice, '?unread=true')).items.map((i) => i.id)).not.toContain(shared.id);
    // Bob's copy stays unread.
    expect((await inbox(bob)).items.find((i) => i.id === shared.id)!.read).toBe(false);
    expect((await bob.request({ url: '/api/me/notifications/unread-count' })).json()).toEqual({ unread: 2 });
    const audited = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('action', '=', 'inbox.read')
      .execute();
    expect(audited).toEqual([{ action: 'inbox.read', entity_id: String(shared.id) }]);
  });

  it('refuses messages not addressed to the caller, bad ids and anonymous callers', async () => {
    const bobs = (await inbox(bob)).items.find((i) => i.topic === 'incident.submitted')!;
    const other = await alice.request({ method: 'POST', url: `/api/me/notifications/${bobs.id}/read` });
    expect(other.statusCode).toBe(404);
    const bad = await alice.request({ method: 'POST', url: '/api/me/notifications/abc/read' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('id');
    const badLimit = await alice.request({ url: '/api/me/notifications?limit=1000' });
    expect(badLimit.statusCode).toBe(400);
    expect(badLimit.body).toContain('limit');
    expect((await t.app.inject({ url: '/api/me/notifications' })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/me/notifications/unread-count' })).statusCode).toBe(401);
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/me/notifications/${bobs.id}/read` })).statusCode,
    ).toBe(401);
    expect((await inbox(bob)).items.find((i) => i.id === bobs.id)!.read).toBe(false);
  });
});
