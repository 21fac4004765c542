import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type BrowserSession, openSession } from './session';
import { loginFor } from './target';

/**
 * The main screens over a field office's slow link (1 Mbit/s both ways, 300 ms latency, emulated
 * by Chromium from the first request on): sign in, then open each screen the way a user does, in
 * the app, and check it becomes usable — its heading and its primary control visible, its data
 * loaded, no error state. The time each took is printed; nothing is asserted about it (machines
 * differ), only that each becomes usable.
 */
const SLOW_LINK = {
  offline: false,
  latency: 300,
  downloadThroughput: 1_000_000 / 8,
  uploadThroughput: 1_000_000 / 8,
};
const PHONE = { width: 390, height: 844 };

let session: BrowserSession;
let page: Page;
const timings: string[] = [];

beforeAll(async () => {
  session = await openSession(PHONE);
  page = session.page;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', SLOW_LINK);
});
afterAll(async () => {
  console.log(`slow link (1 Mbit/s, 300 ms latency), time to usable:\n${timings.join('\n')}`);
  await session?.close();
});

/** Goes to an in-app path as a link click does (the app's router: history plus popstate). */
async function open(path: string) {
  await page.evaluate((to) => {
    window.history.pushState(null, '', to);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
}

/** Waits until the heading and every given control are visible and nothing is loading or failed. */
async function usable(what: string, started: number, heading: string, controls: Locator[]) {
  const main = page.getByRole('main');
  await main.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor({ timeout: 90_000 });
  for (const c of controls) await c.first().waitFor({ state: 'visible', timeout: 90_000 });
  await expect
    .poll(() => page.locator('.state-loading, [aria-busy="true"]').count(), { timeout: 90_000 })
    .toBe(0);
  const ms = Math.round(performance.now() - started);
  timings.push(`  ${what.padEnd(28)} ${(ms / 1000).toFixed(1)} s`);
  expect(await page.locator('.state-error').count(), `${what}: no error state`).toBe(0);
  expect(session.problems, what).toEqual([]);
}

async function screen(what: string, path: string, heading: string, controls: (main: Locator) => Locator[]) {
  const started = performance.now();
  await open(path);
  await usable(what, started, heading, controls(page.getByRole('main')));
}

test('sign in over the slow link: the first screen becomes usable', async () => {
  // As session.signIn, with waits long enough for the app shell to arrive over the slow link.
  const started = performance.now();
  const login = loginFor(session.target, 'security.unicef');
  await page.goto(session.target.url);
  await page.getByLabel('Username').waitFor({ timeout: 90_000 });
  timings.push(`  ${'sign-in form'.padEnd(28)} ${((performance.now() - started) / 1000).toFixed(1)} s`);
  await page.getByLabel('Username').fill(login.username);
  await page.getByLabel('Password').fill(login.password);
  const signedIn = performance.now();
  await page.getByRole('button', { name: 'Sign in' }).click();
  // On a phone the main navigation folds behind the Menu button.
  await page.getByRole('button', { name: 'Menu' }).waitFor({ timeout: 90_000 });
  await page.locator('.map-screen').waitFor({ timeout: 90_000 });
  timings.push(
    `  ${'first screen after sign-in'.padEnd(28)} ${((performance.now() - signedIn) / 1000).toFixed(1)} s`,
  );
  expect(await page.locator('.state-error').count()).toBe(0);
  expect(session.problems).toEqual([]);
});

test('travel advisories', async () => {
  await screen('advisories', '/advisories', 'Travel advisories', (m) => [
    m.getByLabel('Search'),
    m.getByRole('region', { name: 'Travel advisories' }),
  ]);
});

test('incidents list', async () => {
  await screen('incidents list', '/incidents', 'Incidents', (m) => [
    m.getByRole('link', { name: 'Record an incident' }),
    m.getByTestId('incidents-table'),
  ]);
});

test('new incident form', async () => {
  await screen('new incident form', '/incidents/new', 'Record an incident', (m) => [
    m.getByRole('button', { name: 'Record the incident' }),
  ]);
});

test('travel request form', async () => {
  await screen('travel request form', '/travel/new', 'Request travel clearance', (m) => [
    m.getByRole('button', { name: 'Request clearance' }),
  ]);
});

test('who is where', async () => {
  await screen('who is where', '/who', 'Who is where', (m) => [
    m.getByRole('button', { name: 'Show who is there' }),
  ]);
});

test('roll calls', async () => {
  await screen('roll calls', '/rollcalls', 'Roll calls', (m) => [
    m.getByRole('region', { name: 'Roll calls' }),
    m.getByTestId('rollcall-row').or(m.getByText('No roll calls yet.')),
  ]);
});

test('SRM dashboard', async () => {
  await screen('SRM dashboard', '/srm', 'Security risk management', (m) => [
    m.getByRole('link', { name: 'Search measures' }),
    m.getByLabel('Country'),
    // An organization's focal point may have no SRM in their scope: the table or its empty state.
    m.getByRole('region', { name: 'SRMs by residual risk' }).or(m.getByText('No SRM matches these filters.')),
  ]);
});

test('people', async () => {
  await screen('people', '/people', 'People', (m) => [
    m.getByLabel('Name or staff id'),
    m.getByRole('region', { name: 'People' }),
  ]);
});
