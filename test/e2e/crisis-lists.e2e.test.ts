import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { ListDetail, ListSummary } from '../../src/modules/crisis/lists.schema';
import { DEMO_FOCAL_ORGANIZATIONS } from '../../src/modules/demo/organizations-data';
import { type BrowserSession, openSession } from './session';

/**
 * An evacuation list on a phone: the country's security adviser makes one for Afghanistan on the
 * form (demo data), lands on the list with its totals, confirms a person, and the printable
 * manifest opens; the page never scrolls sideways. An organization's security focal point then sees
 * only their own people on it, without the controls.
 */
const PHONE = { width: 390, height: 844 };
let session: BrowserSession;
let page: Page;

beforeAll(async () => {
  session = await openSession();
  page = session.page;
  // The first load of the app can take longer than the sign-in's short poll on a busy machine.
  await page.goto(session.target.url);
  await page.getByLabel('Username').waitFor({ timeout: 30_000 });
});
afterAll(() => session?.close());

const field = (scope: Page | Locator, label: string) =>
  scope.getByLabel(new RegExp(`^${label.replace(/[()]/g, '\\$&')}( \\*)?$`));

const noSidewaysScroll = async () =>
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    PHONE.width + 1,
  );

test('the security adviser makes an evacuation list on a phone, confirms a person, prints the manifest', async () => {
  // Signed in on the desktop layout (the phone's menu hides the navigation), then used as a phone.
  await session.signIn('sa.afg');
  await page.setViewportSize(PHONE);
  // The demo's relocation drill is there, with one person moved.
  await page.goto(`${session.target.url}/crisis/lists`);
  await page.getByTestId('crisis-lists').getByText('Relocation drill', { exact: false }).first().waitFor();
  const index = await session.apiJson<ListSummary[]>('/api/crisis/lists?kind=relocation');
  expect(index.find((l) => l.title.startsWith('Relocation drill'))?.totals.byStatus.moved).toBe(1);
  await noSidewaysScroll();

  await page.goto(`${session.target.url}/crisis/lists/new`);
  await field(page, 'Kind').selectOption('evacuation');
  await field(page, 'Country').selectOption('AFG');
  await field(page, 'Destination').fill('Islamabad');
  await field(page, 'Destination country').selectOption('PAK');
  await noSidewaysScroll();
  await page.getByRole('button', { name: 'Make the list' }).click();
  await page.waitForURL(/\/crisis\/lists\/[0-9a-f-]{36}$/, { timeout: 20_000 });
  const id = page.url().split('/').pop() as string;
  const list = await session.apiJson<ListDetail>(`/api/crisis/lists/${id}`);
  expect(list.rows.length).toBeGreaterThan(0);
  expect(
    list.rows.every(
      (r) => r.recruitment === 'international' || r.kind === 'dependant' || r.rule === 'evacuation.targeted',
    ),
  ).toBe(true);
  const totals = page.getByTestId('crisis-totals');
  await expect.poll(() => totals.textContent()).toContain(`People${list.totals.people}`);
  await noSidewaysScroll();

  const first = list.rows[0]!;
  await page.getByLabel(`Status of ${first.name}`).selectOption('confirmed');
  await expect
    .poll(
      async () => (await session.apiJson<ListDetail>(`/api/crisis/lists/${id}`)).totals.byStatus.confirmed,
    )
    .toBe(1);

  const pdf = await page.request.get(`${session.target.url}/api/crisis/lists/${id}/export?format=pdf`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  await page.getByRole('button', { name: /Show people left out/ }).click();
  await expect
    .poll(() => page.getByTestId('crisis-people').locator('tbody tr').count())
    .toBe(list.rows.length + list.ineligible);

  // The organization's security focal point: own people only, no controls.
  const org = DEMO_FOCAL_ORGANIZATIONS.find((o) => list.rows.some((r) => r.organization === o));
  expect(org, 'a demo focal organization has people on the list').toBeDefined();
  await page.setViewportSize({ width: 1280, height: 900 });
  await session.signIn(`security.${org!.toLowerCase()}`);
  await page.setViewportSize(PHONE);
  await page.goto(`${session.target.url}/crisis/lists/${id}`);
  await page.getByTestId('crisis-people').waitFor();
  const seen = await session.apiJson<ListDetail>(`/api/crisis/lists/${id}`);
  expect(new Set(seen.rows.map((r) => r.organization))).toEqual(new Set([org]));
  expect(await page.getByRole('button', { name: 'Refresh from who-is-where' }).count()).toBe(0);
  expect(await page.getByLabel(/^Status of /).count()).toBe(0);
  await noSidewaysScroll();
  expect(session.problems).toEqual([]);
});
