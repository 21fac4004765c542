import { afterAll, beforeAll, expect, test } from 'vitest';
import { type BrowserSession, openSession } from './session';

/**
 * The inbox on the demo: a demo login stationed where the demo raised a threat level finds the
 * level alert, opens it (which marks it read) and the unread count goes down.
 */
let session: BrowserSession;

beforeAll(async () => {
  session = await openSession();
});
afterAll(() => session?.close());

type Page = { items: { id: number; subject: string; read: boolean; topic: string }[]; unread: number };

test('a level alert waits in the inbox, opens and is then read', async () => {
  const { page } = session;
  await session.signIn('staff.unicef');
  const before = await session.apiJson<Page>('/api/me/notifications');
  const alert = before.items.find((i) => i.topic === 'threat.level_alert' && !i.read);
  expect(alert, JSON.stringify(before)).toBeDefined();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Inbox' }).click();
  await expect
    .poll(() => page.getByRole('heading', { name: `Inbox (${before.unread} unread)` }).isVisible(), {
      timeout: 15_000,
    })
    .toBe(true);
  await expect
    .poll(() => page.getByRole('link', { name: `Inbox, ${before.unread} unread` }).isVisible())
    .toBe(true);
  await page.getByRole('button', { name: alert!.subject }).click();
  await expect.poll(() => page.getByText('What to do:').first().isVisible()).toBe(true);
  await expect
    .poll(
      async () => (await session.apiJson<{ unread: number }>('/api/me/notifications/unread-count')).unread,
    )
    .toBe(before.unread - 1);
  await expect
    .poll(() => page.getByRole('heading', { name: `Inbox (${before.unread - 1} unread)` }).isVisible())
    .toBe(true);
  expect(session.problems).toEqual([]);
});
