import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Station } from '../../src/modules/registry/registry.schema';
import { launchBrowser } from './browser';
import { type E2eTarget, startTarget } from './target';

/**
 * The web app in a real browser against a real server: sign in, the map draws duty stations,
 * a station opens its popup, and a CSV import reports created and rejected rows.
 */
let target: E2eTarget;
let browser: Browser;
let page: Page;
const problems: string[] = [];

// The API's own response type, so a change on the server breaks this test at compile time.
type StationRow = Station;

beforeAll(async () => {
  target = await startTarget();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  // Script errors and CSP violations ("Refused to load …") fail the suite. The 401 of the
  // session probe before sign-in is expected and is the only resource error tolerated.
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  // Field offices may be offline from the internet: nothing may be fetched from elsewhere.
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(target.url) && !/^(data|blob):/.test(url)) problems.push(`external request: ${url}`);
  });
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() !== 'error') return;
    if (text.includes('status of 401')) return;
    problems.push(`console: ${text}`);
  });
});

afterAll(async () => {
  await browser?.close();
  await target?.close();
});

const mapScreen = () => page.locator('.map-screen');

async function stationCount(): Promise<number> {
  await page.locator('[data-map-state="ready"]').waitFor({ timeout: 60_000 });
  return Number(((await page.getByTestId('station-count').textContent()) ?? '').replace(/\D/g, ''));
}

test('admin signs in and the map shows countries and duty stations', async () => {
  await page.goto(target.url);
  await page.getByLabel('Username').fill(target.logins.admin.username);
  await page.getByLabel('Password').fill(target.logins.admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();

  await expect.poll(() => page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(true);
  const count = await stationCount();
  expect(count).toBeGreaterThan(0);
  // MapLibre itself reports how many station circles it drew (queryRenderedFeatures).
  expect(Number(await mapScreen().getAttribute('data-drawn-stations'))).toBeGreaterThan(0);
  const canvas = await page.locator('canvas.maplibregl-canvas').boundingBox();
  expect(canvas?.width).toBeGreaterThan(600);
  expect(canvas?.height).toBeGreaterThan(400);
  await page.screenshot({ path: '/tmp/smin-map.png' });
  expect(problems).toEqual([]);
});

test('choosing a country and a station opens the station popup; clicking the circle does too', async () => {
  const countrySelect = page.getByLabel('Country', { exact: true });
  const withStations = await countrySelect
    .locator('option')
    .evaluateAll((options) =>
      options.map((o) => (o as HTMLOptionElement).value).filter((v, i) => v && i > 0),
    );
  const stationsByCountry = await page.request.get(`${target.url}/api/stations`);
  const rows = (await stationsByCountry.json()) as StationRow[];
  const first = rows.find((r) => withStations.includes(r.countryCode));
  expect(first).toBeDefined();
  if (!first) return;

  await countrySelect.selectOption(first.countryCode);
  await page.getByLabel('Duty station', { exact: true }).selectOption({ label: first.name });
  const popup = page.locator('.maplibregl-popup');
  await expect.poll(() => popup.textContent()).toContain(first.code);
  expect(await popup.textContent()).toContain(first.areaCode);

  // The map centred on the station: a click in the middle hits its circle.
  await page.locator('.maplibregl-popup-close-button').click();
  await page.waitForTimeout(1_000);
  const box = await page.locator('.map-canvas').boundingBox();
  if (!box) throw new Error('no map');
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await expect.poll(() => popup.textContent()).toContain(first.code);
});

test('importing stations creates the good rows and reports the bad one by line', async () => {
  const response = await page.request.get(`${target.url}/api/stations`);
  expect(response.ok()).toBe(true);
  const [existing] = (await response.json()) as StationRow[];
  if (!existing) throw new Error('the demo data has no stations');
  await page.goto(`${target.url}/?country=`);
  const before = await stationCount();

  // New codes each run, so the test also passes against a long-lived server.
  const tag = `E2E-${Date.now().toString(36).toUpperCase()}`;
  // Good rows reuse an existing station's position: it lies inside the area's country.
  const csv = [
    'code,name,area,lat,lon',
    `${tag}-A,E2E Alpha,${existing.areaCode},${existing.lat},${existing.lon}`,
    `${tag}-B,E2E Bravo,${existing.areaCode},${existing.lat},${existing.lon}`,
    `${tag}-C,E2E Bad latitude,${existing.areaCode},123,${existing.lon}`,
  ].join('\n');

  await page.getByRole('link', { name: 'Import' }).click();
  await page.getByLabel('What to import').selectOption('stations');
  await page
    .getByLabel('File', { exact: true })
    .setInputFiles({ name: 'stations.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Upload' }).click();

  const result = page.getByTestId('import-result');
  await expect.poll(() => result.textContent().catch(() => '')).toContain('2 created');
  expect(await result.textContent()).toContain('1 rejected');
  const rejected = result.getByRole('table').locator('tbody tr');
  expect(await rejected.count()).toBe(1);
  const cells = await rejected.first().locator('td').allInnerTexts();
  expect(cells[0]).toBe('4');
  expect(cells[1]).toBe('lat');
  expect(cells[2]?.length).toBeGreaterThan(3);

  // The map reflects the import (its cached layers were refreshed).
  await page.getByRole('link', { name: 'Map' }).click();
  await expect.poll(stationCount).toBe(before + 2);
  expect(problems).toEqual([]);
});
