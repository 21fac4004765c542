import type { CDPSession, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Incident } from '../../src/modules/incidents/incidents.schema';
import type { StatsRow } from '../../src/modules/incidents/stats.schema';
import { type BrowserSession, openSession } from './session';
import type { E2eTarget } from './target';

/**
 * Recording an incident the way a field office does: on a phone-sized screen, over a slow link
 * (1 Mbit/s each way, 300 ms latency, emulated with the Chrome DevTools Protocol before the form
 * is opened). A first submission with a date in the future comes back with the server's error next
 * to the date, nothing typed is lost (not even across a reload: the draft), the corrected report
 * is recorded with a personnel impact, corrected once with a reason, the correction shows in the
 * history, and the statistics count it.
 */
let target: E2eTarget;
let page: Page;
let problems: string[];
let expectedStatuses: Set<number>;
let session: BrowserSession;

// The API's own response types, so a change on the server breaks this test at compile time.
type IncidentResponse = Incident;
type StatsResponse = StatsRow[];

const SLOW_LINK = {
  offline: false,
  latency: 300,
  downloadThroughput: 1_000_000 / 8,
  uploadThroughput: 1_000_000 / 8,
};
const PHONE = { width: 390, height: 844 };

beforeAll(async () => {
  session = await openSession();
  ({ target, page, problems, expectedStatuses } = session);
});

afterAll(() => session?.close());

/** A field by its label; required fields print " *" after it. */
const field = (scope: Page | Locator, label: string) =>
  scope.getByLabel(new RegExp(`^${label.replace(/[()]/g, '\\$&')}( \\*)?$`));

/** The error a field announces (aria-describedby): its own line under it, not the summary. */
async function errorOf(input: Locator): Promise<string> {
  const ids = ((await input.getAttribute('aria-describedby')) ?? '').split(' ');
  const id = ids.find((i) => i.endsWith('-error'));
  return id ? ((await page.locator(`[id="${id}"]`).textContent()) ?? '') : '';
}

/** A reporter of their own: an organization security focal point (report, read, correct). */
async function createReporter(tag: string): Promise<string> {
  await session.signIn('admin');
  const username = `reporter.${tag}`;
  const password = `e2e-${tag}-Passw0rd!`;
  const created = await page.request.post(`${target.url}/api/users`, {
    data: { username, displayName: `Reporter ${tag}`, organizationCode: 'UNICEF', password },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const grant = await page.request.post(`${target.url}/api/users/${id}/grants`, {
    data: { role: 'org_security_focal_point', scopeType: 'organization', scopeId: 'UNICEF' },
  });
  expect(grant.status(), await grant.text()).toBe(201);
  target.logins[username] = { username, password };
  return username;
}

async function throttle(): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', SLOW_LINK);
  return cdp;
}

function inDays(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
}

test('a reporter on a phone and a slow link records, is told of a bad date, corrects, and sees it counted', async () => {
  const tag = Date.now().toString(36);
  const reporter = await createReporter(tag);
  await session.signIn(reporter);
  const year = new Date().getFullYear();
  const countIn = (rows: StatsResponse) => rows.find((r) => r.year === year)?.incidents ?? 0;
  const before = countIn(await session.apiJson<StatsResponse>(`/api/incidents/stats?by=year&country=AFG`));

  // The slow link first, then a phone-sized screen: the menu, then the form.
  const cdp = await throttle();
  await page.setViewportSize(PHONE);
  const opened = Date.now();
  await page.getByRole('button', { name: 'Menu' }).click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Record incident' }).click();
  const form = page.getByTestId('incident-form');
  await form.waitFor({ timeout: 30_000 });
  const category = field(form, 'Category');
  await expect
    .poll(() => category.locator('option[value="ROAD_CRASH"]').count(), { timeout: 30_000 })
    .toBe(1);
  console.log(`form ready on the slow link in ${Date.now() - opened} ms`);

  // One column on a phone, with touch-sized controls.
  const date = field(form, 'Date');
  const time = field(form, 'Time (local)');
  const [dateBox, timeBox] = [await date.boundingBox(), await time.boundingBox()];
  expect(timeBox!.y).toBeGreaterThan(dateBox!.y + dateBox!.height);
  expect(Math.abs(timeBox!.x - dateBox!.x)).toBeLessThan(2);
  const submit = form.getByRole('button', { name: 'Record the incident' });
  expect((await submit.boundingBox())!.height).toBeGreaterThanOrEqual(44);

  // Fill the form, with a date in the future.
  const title = `E2E ${tag} vehicle rolled over on the airport road`;
  const narrative = `E2E ${tag}: the driver swerved to avoid a cart; two passengers were hurt.`;
  await date.fill(inDays(5));
  await time.fill('14:30');
  await field(form, 'Country').selectOption('AFG');
  const station = field(form, 'Duty station');
  await expect.poll(() => station.locator('option').count(), { timeout: 30_000 }).toBeGreaterThan(1);
  await station.selectOption({ index: 1 });
  await category.selectOption('ROAD_CRASH');
  await field(form, 'Title').fill(title);
  await field(form, 'What happened').fill(narrative);
  await form.getByRole('button', { name: 'Add a group (by number)' }).click();
  const group = form.getByTestId('personnel-row').first();
  await field(group, 'Outcome').selectOption('injured');
  await field(group, 'Number of people').fill('2');
  await field(group, 'Personnel category').selectOption('national');
  await field(group, 'On duty').selectOption('yes');

  expectedStatuses.add(400);
  await submit.click();
  await expect.poll(() => date.getAttribute('aria-invalid'), { timeout: 30_000 }).toBe('true');
  expect(await errorOf(date)).toContain('cannot be in the future');
  // Nothing typed is lost.
  expect(await field(form, 'Title').inputValue()).toBe(title);
  expect(await field(form, 'What happened').inputValue()).toBe(narrative);
  expect(await field(group, 'Number of people').inputValue()).toBe('2');
  expect(await field(group, 'Outcome').inputValue()).toBe('injured');
  expectedStatuses.delete(400);

  // Not even a reload loses it: the draft comes back from this browser's storage.
  const reloaded = Date.now();
  await page.reload();
  await form.waitFor({ timeout: 30_000 });
  await page.getByText('Restored the entry you had not sent yet').waitFor({ timeout: 30_000 });
  console.log(`cold reload to the restored form on the slow link in ${Date.now() - reloaded} ms`);
  expect(await field(form, 'Title').inputValue()).toBe(title);
  expect(await field(form.getByTestId('personnel-row').first(), 'Number of people').inputValue()).toBe('2');

  // Today instead, and it is recorded.
  await date.fill(inDays(0));
  await time.fill('');
  await submit.click();
  const detail = page.getByTestId('incident-detail');
  await detail.waitFor({ timeout: 30_000 });
  await page.getByTestId('recorded').waitFor();
  const id = (await detail.getAttribute('data-incident')) ?? '';
  const recorded = await session.apiJson<IncidentResponse>(`/api/incidents/${id}`);
  expect(recorded.title).toBe(title);
  expect(recorded.totals).toMatchObject({ affected: 2, injured: 2 });
  expect(recorded.personnel).toHaveLength(1);
  expect(recorded.personnel[0]).toMatchObject({
    outcome: 'injured',
    count: 2,
    category: 'national',
    onDuty: true,
  });
  expect(recorded.organizations.map((o) => o.code)).toContain('UNICEF');
  expect(await page.getByTestId('incident-reference').textContent()).toBe(recorded.reference);
  expect(await page.getByTestId('incident-totals').textContent()).toBe('2 affected: 2 injured');
  const drafts = await page.evaluate(() =>
    Object.keys(window.localStorage).filter((k) => k.startsWith('opensmin:incident-draft')),
  );
  expect(drafts).toEqual([]);

  // Correct one field, with a reason. Someone else corrects first: the form says so, keeps what
  // was typed, and the page already shows their version; reloading starts again from it.
  await page.getByRole('button', { name: 'Correct' }).click();
  const correction = page.getByTestId('incident-form');
  await correction.waitFor();
  await field(correction, 'Weapon').fill('Vehicle');
  await field(correction, 'Reason for the correction').fill('The driver’s statement came in');
  const elsewhere = await page.request.patch(`${target.url}/api/incidents/${id}`, {
    data: { version: recorded.version, context: 'Return from a field visit', reason: 'Team leader’s note' },
  });
  expect(elsewhere.status(), await elsewhere.text()).toBe(200);
  expectedStatuses.add(409);
  await correction.getByRole('button', { name: 'Save the correction' }).click();
  const conflict = correction.getByTestId('version-conflict');
  await conflict.waitFor({ timeout: 30_000 });
  expect(await field(correction, 'Weapon').inputValue()).toBe('Vehicle');
  await expect
    .poll(() => page.locator('[data-field="context"]').first().textContent(), { timeout: 30_000 })
    .toBe('Return from a field visit');
  await conflict.getByRole('button', { name: 'Reload' }).click();
  await expect
    .poll(() => field(correction, 'Context').inputValue(), { timeout: 30_000 })
    .toBe('Return from a field visit');
  expect(await field(correction, 'Weapon').inputValue()).toBe('');
  expectedStatuses.delete(409);
  await field(correction, 'Weapon').fill('Vehicle');
  await field(correction, 'Reason for the correction').fill('The driver’s statement came in');
  await correction.getByRole('button', { name: 'Save the correction' }).click();
  await page.getByTestId('corrected').waitFor({ timeout: 30_000 });
  expect(await page.locator('[data-field="weapon"]').first().textContent()).toBe('Vehicle');
  const change = page.getByTestId('incident-history').locator('tr[data-field="weapon"]');
  await change.waitFor({ timeout: 30_000 });
  expect(await change.locator('.old-value').textContent()).toBe('—');
  expect(await change.locator('.new-value').textContent()).toBe('Vehicle');
  const history = (await page.getByTestId('incident-history').textContent()) ?? '';
  expect(history).toContain('The driver’s statement came in');
  expect(history).toContain(`Reporter ${tag}`);
  const revisions = await session.apiJson<{ number: number }[]>(`/api/incidents/${id}/history`);
  expect(revisions.map((r) => r.number).sort()).toEqual([1, 2, 3]);

  // The statistics count it: this year in Afghanistan, one more than before.
  await page.getByRole('button', { name: 'Menu' }).click();
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Incidents', exact: true })
    .click();
  await page
    .getByRole('navigation', { name: 'Incident screens' })
    .getByRole('link', { name: 'Statistics' })
    .click();
  await field(page, 'Country').selectOption('AFG');
  const stats = page.getByTestId('stats-table');
  await stats.waitFor({ timeout: 30_000 });
  const row = stats.locator(`tr[data-group="${year}"] td[data-measure="incidents"]`);
  await expect.poll(() => row.textContent(), { timeout: 30_000 }).toBe(String(before + 1));

  await cdp.detach();
  expect(problems).toEqual([]);
});
