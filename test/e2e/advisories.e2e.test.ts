import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { z } from 'zod';
import type { Advisory, compareRow } from '../../src/modules/threats/threats.schema';
import { type BrowserSession, openSession } from './session';
import type { E2eTarget } from './target';

/**
 * Security levels in a real browser: a reader without special roles opens a travel advisory and
 * sees the highest level first and emphasised, with its CAP link; the compare map colours areas
 * by level; a country security adviser drafts an assessment in the editor, saves it, is told when
 * someone else saved first, and finds the draft in the area's history.
 */
let target: E2eTarget;
let page: Page;
let problems: string[];
let expectedStatuses: Set<number>;

// The API's own response types, so a change on the server breaks this test at compile time.
type AdvisoryRow = Advisory;
type CompareRow = z.infer<typeof compareRow>;

let session: BrowserSession;
beforeAll(async () => {
  session = await openSession();
  ({ target, page, problems, expectedStatuses } = session);
});

afterAll(() => session?.close());

const signIn = (username: string) => session.signIn(username);
const apiJson = <T>(path: string) => session.apiJson<T>(path);

test('a reader opens an advisory: the highest level comes first and is emphasised', async () => {
  await signIn('staff.unicef');
  const advisories = await apiJson<AdvisoryRow[]>('/api/advisories');
  expect(advisories.length).toBeGreaterThan(0);
  // Prefer one whose highest is not the first category in canonical order: that proves the order.
  const chosen = advisories.find((a) => a.highest.categories[0] !== 'armed_conflict') ?? advisories[0]!;

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Advisories' }).click();
  const list = page.getByRole('region', { name: 'Travel advisories' });
  await list.waitFor({ timeout: 15_000 });
  const overdue = advisories.find((a) => a.overdue);
  if (overdue) {
    const row = list.locator(`tr[data-advisory="${overdue.id}"]`);
    const days = overdue.daysOverdue;
    expect(await row.textContent()).toContain(`review overdue by ${days} ${days === 1 ? 'day' : 'days'}`);
  }
  // The compact strip in the list starts with the highest too.
  const strip = list.locator(`tr[data-advisory="${chosen.id}"] .level-strip li`);
  expect(await strip.first().getAttribute('data-category')).toBe(chosen.highest.categories[0]);
  expect(await strip.first().getAttribute('data-highest')).toBe('true');

  await list.locator(`a[href="/advisories/${chosen.id}"]`).click();
  const detail = page.getByTestId('advisory-detail');
  await detail.waitFor({ timeout: 15_000 });
  const rows = detail.locator('.level-list > li');
  expect(await rows.count()).toBe(4);
  const first = rows.first();
  expect(await first.getAttribute('data-category')).toBe(chosen.highest.categories[0]);
  expect(Number(await first.getAttribute('data-level'))).toBe(chosen.highest.level);
  expect(await first.getAttribute('data-highest')).toBe('true');
  // Every tied category is emphasised, none other.
  expect(await detail.locator('.level-list > li[data-highest="true"]').count()).toBe(
    chosen.highest.categories.length,
  );
  const shownOrder = await rows.evaluateAll((items) => items.map((i) => i.getAttribute('data-category')));
  expect(shownOrder).toEqual(chosen.levels.map((l) => l.category));
  const firstLabel = chosen.levels[0]!.label;
  const highestLine = (await page.getByTestId('highest-line').textContent()) ?? '';
  expect(highestLine).toContain('Highest:');
  expect(highestLine).toContain(firstLabel);
  expect(highestLine).toContain(`${chosen.highest.level} ${chosen.highest.name}`);

  const cap = page.getByRole('link', { name: 'CAP 1.2 (XML)' });
  expect(await cap.getAttribute('href')).toBe(`/api/advisories/${chosen.id}/cap.xml`);
  const xml = await page.request.get(`${target.url}/api/advisories/${chosen.id}/cap.xml`);
  expect(xml.status()).toBe(200);
  expect(await xml.text()).toContain('urn:oasis:names:tc:emergency:cap:1.2');
  expect(await page.getByRole('link', { name: /Atom feed/ }).getAttribute('href')).toBe(
    '/api/advisories/feed.atom',
  );
  await page.screenshot({ path: '/tmp/smin-advisory.png', fullPage: true });
  expect(problems).toEqual([]);
});

test('compare: the table lists every area highest first, the map colours them by level', async () => {
  const rows = await apiJson<CompareRow[]>('/api/threats/compare');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Compare' }).click();
  const table = page.getByTestId('compare-table');
  await table.waitFor({ timeout: 15_000 });
  expect(await table.locator('tbody tr').count()).toBe(rows.length);
  expect(await table.locator('tbody tr').first().getAttribute('data-area')).toBe(rows[0]?.areaCode);

  await page.getByLabel('Category').selectOption('terrorism');
  await page.getByLabel('Minimum level').selectOption('4');
  const csv = page.getByRole('link', { name: /Export CSV/ });
  await expect
    .poll(() => csv.getAttribute('href'))
    .toBe('/api/threats/compare.csv?category=terrorism&minLevel=4');
  await page.getByLabel('Minimum level').selectOption('');

  await page.getByRole('button', { name: 'Map' }).click();
  const map = page.locator('.compare-map');
  await page.locator('.compare-map[data-map-state="ready"]').waitFor({ timeout: 60_000 });
  expect(Number(await map.getAttribute('data-coloured-areas'))).toBeGreaterThan(0);
  const legend = (await page.getByTestId('scale-legend').textContent()) ?? '';
  expect(legend).toContain('Coloured by Terrorism');
  for (const name of ['1 Minimal', '3 Moderate', '6 Extreme']) expect(legend).toContain(name);
  await page.screenshot({ path: '/tmp/smin-compare.png' });
  expect(problems).toEqual([]);
});

test('a security adviser drafts and saves an assessment; it shows in the history as a draft', async () => {
  await signIn('sa.afg');
  // An AFG area with no unfinished version (a long-lived target may hold earlier drafts).
  const areas = await apiJson<{ code: string }[]>('/api/areas?country=AFG');
  let areaCode = '';
  for (const area of areas) {
    const versions = await apiJson<{ status: string }[]>(`/api/threats/areas/${area.code}/assessments`);
    if (!versions.some((v) => v.status === 'draft' || v.status === 'approved')) {
      areaCode = area.code;
      break;
    }
  }
  expect(areaCode).not.toBe('');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Assessments' }).click();
  // The adviser holds one country: it is chosen already.
  await expect.poll(() => page.getByLabel('Country', { exact: true }).inputValue()).toBe('AFG');
  await page.getByLabel('Area', { exact: true }).selectOption(areaCode);
  await page.getByRole('button', { name: 'New draft version' }).click();

  const tag = `E2E ${Date.now().toString(36)}`;
  await page.getByLabel('Summary').fill(`${tag}: draft from the browser test`);
  await page.getByLabel('Armed conflict level').selectOption('6');
  await page.getByLabel('Armed conflict: intent').fill('Armed groups intend to contest the main road.');
  await page.getByRole('button', { name: 'Create draft' }).click();

  const detail = page.getByTestId('assessment-detail');
  await detail.waitFor({ timeout: 15_000 });
  expect(await detail.getAttribute('data-status')).toBe('draft');
  const narrative = page.getByLabel('Armed conflict: narrative');
  await narrative.fill(`${tag}: saved through the editor.`);
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.getByTestId('saved').waitFor({ timeout: 15_000 });

  // Someone else saves first: the editor says so and keeps the user's text.
  const id = page.url().split('/').pop() ?? '';
  const current = await apiJson<{ version: number }>(`/api/threats/assessments/${id}`);
  const other = await page.request.patch(`${target.url}/api/threats/assessments/${id}`, {
    data: { version: current.version, summary: `${tag}: changed elsewhere` },
  });
  expect(other.status()).toBe(200);
  expectedStatuses.add(409);
  await narrative.fill(`${tag}: my unsaved words`);
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.getByTestId('version-conflict').waitFor({ timeout: 15_000 });
  expect(await page.getByTestId('version-conflict').textContent()).toContain('changed by someone else');
  expect(await narrative.inputValue()).toBe(`${tag}: my unsaved words`);
  expectedStatuses.delete(409);

  await page.getByRole('link', { name: 'History of this area' }).click();
  const history = page.getByTestId('assessment-history');
  await history.waitFor({ timeout: 15_000 });
  const newest = history.locator('tbody tr').first();
  expect(await newest.getAttribute('data-status')).toBe('draft');
  expect(await newest.textContent()).toContain('Draft');
  expect(await newest.textContent()).toContain(tag);
  expect(problems).toEqual([]);
});
