import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type BrowserSession, openSession } from './session';

/**
 * The warden screens on the demo data, on a phone-sized screen: the DO's zones and coverage, a
 * zone's page, a new zone made through the form (its 422 shown at the field) with a warden, and the demo
 * staff member's own zone.
 */
let session: BrowserSession;

beforeAll(async () => {
  session = await openSession();
});
afterAll(() => session?.close());

const PHONE = { width: 390, height: 844 };
const field = (scope: Page | Locator, label: string) =>
  scope.getByLabel(new RegExp(`^${label.replace(/[()]/g, '\\$&')}( \\*)?$`));
/** Signed in on the desktop layout (the phone's menu hides the navigation), then used as a phone. */
const signInOnPhone = async (username: string) => {
  await session.page.setViewportSize({ width: 1280, height: 900 });
  await session.signIn(username);
  await session.page.setViewportSize(PHONE);
};
const noSidewaysScroll = async () =>
  expect(await session.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    PHONE.width + 1,
  );

interface ZoneList {
  items: { id: string; code: string; wardenCount: number }[];
}

test('the Designated Official sees the zones, the coverage and a zone with its members', async () => {
  const { page } = session;
  await signInOnPhone('do.afg');
  const zones = await session.apiJson<ZoneList>('/api/wardens/zones?country=AFG');
  expect(zones.items.length).toBeGreaterThan(1);
  const coverage = await session.apiJson<{ people: number; zonesWithoutWarden: { code: string }[] }>(
    '/api/wardens/coverage?country=AFG',
  );
  await page.goto(`${session.target.url}/wardens?country=AFG`);
  await expect
    .poll(() => page.getByTestId('zone-card').count(), { timeout: 15_000 })
    .toBe(zones.items.length);
  const panel = page.getByTestId('coverage');
  await expect.poll(() => panel.getByText(String(coverage.people), { exact: true }).isVisible()).toBe(true);
  expect(coverage.zonesWithoutWarden.length).toBeGreaterThan(0);
  await noSidewaysScroll();
  const first = zones.items[0]!;
  const members = await session.apiJson<{ total: number; items: { name: string }[] }>(
    `/api/wardens/zones/${first.id}/members?limit=5`,
  );
  await page
    .getByRole('link', { name: new RegExp(first.code) })
    .first()
    .click();
  await expect
    .poll(
      () => page.getByRole('heading', { name: new RegExp(`Members \\(${members.total}\\)`) }).isVisible(),
      {
        timeout: 15_000,
      },
    )
    .toBe(true);
  if (members.items[0])
    await expect.poll(() => page.getByText(members.items[0]!.name).first().isVisible()).toBe(true);
  expect(session.problems).toEqual([]);
});

test('a new zone is made through the form; a bad polygon is shown at its field', async () => {
  const { page } = session;
  session.expectedStatuses.add(422);
  await page.goto(`${session.target.url}/wardens?country=AFG`);
  await page.getByRole('button', { name: 'New zone' }).click();
  await field(page, 'Code').fill('AFG-E2E-1');
  await field(page, 'Name').fill('Browser test zone');
  await page
    .getByLabel('Polygon (GeoJSON, optional)')
    .fill('{"type":"Polygon","coordinates":[[[60,30],[61,30],[61,31]]]}');
  await page.getByRole('button', { name: 'Create zone' }).click();
  await expect
    .poll(() => page.getByText('a ring needs at least 4 positions').isVisible(), { timeout: 15_000 })
    .toBe(true);
  await page
    .getByLabel('Polygon (GeoJSON, optional)')
    .fill('{"type":"Polygon","coordinates":[[[60,30],[75,30],[75,39],[60,39],[60,30]]]}');
  await page.getByRole('button', { name: 'Create zone' }).click();
  await expect
    .poll(() => page.getByRole('heading', { name: 'AFG-E2E-1 · Browser test zone' }).isVisible(), {
      timeout: 15_000,
    })
    .toBe(true);
  await page.getByRole('button', { name: 'Appoint a warden' }).click();
  await field(page, 'Username').fill('staff.unicef');
  await page.getByRole('button', { name: 'Appoint', exact: true }).click();
  await expect
    .poll(
      () =>
        page
          .getByTestId('wardens')
          .getByText(/staff\.unicef\)/)
          .isVisible(),
      { timeout: 15_000 },
    )
    .toBe(true);
  await page.getByRole('button', { name: 'Change', exact: true }).click();
  await field(page, 'Name').fill('Browser test zone, renamed');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect
    .poll(() => page.getByRole('heading', { name: 'AFG-E2E-1 · Browser test zone, renamed' }).isVisible(), {
      timeout: 15_000,
    })
    .toBe(true);
  expect(session.problems).toEqual([]);
});

test('a warden sees their own zones and people on a phone', async () => {
  const { page } = session;
  await signInOnPhone('staff.unicef');
  const mine = await session.apiJson<{ zones: { zone: { code: string } }[] }>('/api/wardens/me');
  expect(mine.zones.length).toBeGreaterThan(0);
  await page.goto(`${session.target.url}/wardens/me`);
  await expect.poll(() => page.getByTestId('my-zone').count(), { timeout: 15_000 }).toBe(mine.zones.length);
  await expect.poll(() => page.getByText(mine.zones[0]!.zone.code).first().isVisible()).toBe(true);
  await noSidewaysScroll();
  expect(session.problems).toEqual([]);
});
