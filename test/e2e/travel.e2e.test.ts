import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Briefing, TravelRequest } from '../../src/modules/travel/travel.schema';
import { type BrowserSession, openSession } from './session';
import type { E2eTarget } from './target';

/**
 * Travel clearance from request to approval. The admin sets the scene through the API: a traveller
 * with a personal security profile and a valid BSAFE certificate, a manual clearance rule for one
 * area, and a security adviser for that country. The traveller files a request on the form (phone
 * sized) and is told it is pending, and why; the adviser clears it from the approvals queue with a
 * reason; the traveller then sees it cleared, with the briefing.
 */
let target: E2eTarget;
let page: Page;
let session: BrowserSession;

const COUNTRY = 'AFG';
const PHONE = { width: 390, height: 844 };

beforeAll(async () => {
  session = await openSession();
  ({ target, page } = session);
});

afterAll(() => session?.close());

/** A field by its label; required fields print " *" after it. */
const field = (scope: Page | Locator, label: string) =>
  scope.getByLabel(new RegExp(`^${label.replace(/[()]/g, '\\$&')}( \\*)?$`));

async function post(path: string, data: unknown, method: 'post' | 'put' = 'post'): Promise<{ id: string }> {
  const response = await page.request[method](`${target.url}/api${path}`, { data });
  expect(response.status(), `${path}: ${await response.text()}`).toBeLessThan(300);
  return (await response.json()) as { id: string };
}

async function createUser(username: string, organizationCode: string, grant: Record<string, string>) {
  const password = `e2e-${username}-Passw0rd!`;
  const { id } = await post('/users', { username, displayName: username, organizationCode, password });
  await post(`/users/${id}/grants`, grant);
  target.logins[username] = { username, password };
  return id;
}

/** A datetime-local value some days from now, at a given hour. */
function local(days: number, hour: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(hour)}:00`;
}

test('a traveller requests travel to a manual area, the adviser clears it, the traveller sees the briefing', async () => {
  const tag = Date.now().toString(36);

  // The scene, as the admin.
  await session.signIn('admin');
  const areas = await session.apiJson<{ code: string; name: string }[]>(`/api/areas?country=${COUNTRY}`);
  const area = areas[0];
  expect(area, `an area in ${COUNTRY}`).toBeDefined();
  const travellerName = `traveller.${tag}`;
  const userId = await createUser(travellerName, 'UNICEF', {
    role: 'personnel',
    scopeType: 'organization',
    scopeId: 'UNICEF',
  });
  const person = await post('/people', {
    organizationCode: 'UNICEF',
    externalId: `E2E-${tag}`,
    givenName: 'Tariq',
    familyName: `Traveller ${tag}`,
    recruitment: 'international',
    userId,
  });
  const lastYear = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
  await post(`/people/${person.id}/training`, { course: 'BSAFE', completedOn: lastYear });
  // The demo may already have a rule for the area: replacing it needs the version read.
  const rules = await session.apiJson<{ areaCode: string | null; version: number }[]>(
    `/api/travel/clearance-rules?country=${COUNTRY}`,
  );
  const existing = rules.find((r) => r.areaCode === area!.code);
  await post(
    '/travel/clearance-rules',
    {
      countryCode: COUNTRY,
      areaCode: area!.code,
      mode: 'manual',
      note: `E2E ${tag}: the DO controls numbers`,
      ...(existing ? { version: existing.version } : {}),
    },
    'put',
  );
  const adviser = `sa.e2e.${tag}`;
  await createUser(adviser, 'DSS', { role: 'security_professional', scopeType: 'country', scopeId: COUNTRY });

  // The traveller files the request on a phone.
  await session.signIn(travellerName);
  await page.setViewportSize(PHONE);
  await page.getByRole('button', { name: 'Menu' }).click();
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Travel', exact: true })
    .click();
  await page.getByRole('link', { name: 'Request travel' }).click();
  const form = page.getByTestId('travel-form');
  await form.waitFor({ timeout: 30_000 });
  const segment = form.getByTestId('segment-row').first();
  const country = field(segment, 'Country');
  await expect.poll(() => country.locator(`option[value="${COUNTRY}"]`).count(), { timeout: 30_000 }).toBe(1);
  await country.selectOption(COUNTRY);
  const areaSelect = field(segment, 'Area');
  await expect
    .poll(() => areaSelect.locator(`option[value="${area!.code}"]`).count(), { timeout: 30_000 })
    .toBe(1);
  await areaSelect.selectOption(area!.code);
  await field(segment, 'Arrives').fill(local(10, 9));
  await field(segment, 'Departs').fill(local(14, 17));
  const submit = form.getByRole('button', { name: 'Request clearance' });
  expect((await submit.boundingBox())!.height).toBeGreaterThanOrEqual(44);
  await field(form, 'Purpose').fill(`E2E ${tag}: programme monitoring visit`);
  await submit.click();

  const detail = page.getByTestId('travel-request');
  await detail.waitFor({ timeout: 30_000 });
  const requestId = (await detail.getAttribute('data-request')) ?? '';
  await expect.poll(() => detail.getByTestId('travel-status').textContent()).toBe('pending');
  const pending = await session.apiJson<TravelRequest>(`/api/travel/requests/${requestId}`);
  expect(pending.status).toBe('pending');
  expect(pending.reasons.length).toBeGreaterThan(0);
  const shownReasons = (await detail.getByTestId('travel-reasons').textContent()) ?? '';
  for (const reason of pending.reasons) expect(shownReasons).toContain(reason);

  // The adviser clears it from the queue, with a reason.
  await page.setViewportSize({ width: 1280, height: 900 });
  await session.signIn(adviser);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Travel approvals' })
    .click();
  const item = page.getByRole('article', { name: pending.reference });
  await item.waitFor({ timeout: 30_000 });
  await field(item, 'Reason').fill('Within the DO’s numbers for that week');
  await item.getByRole('button', { name: 'Clear', exact: true }).click();
  await item.waitFor({ state: 'detached', timeout: 30_000 });
  const cleared = await session.apiJson<TravelRequest>(`/api/travel/requests/${requestId}`);
  expect(cleared.status).toBe('cleared');
  expect(cleared.decision).toBe('manual');

  // The traveller sees it cleared, with the briefing.
  await session.signIn(travellerName);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Travel', exact: true })
    .click();
  await page.getByRole('link', { name: pending.reference }).click();
  await expect
    .poll(() => page.getByTestId('travel-request').getByTestId('travel-status').textContent(), {
      timeout: 30_000,
    })
    .toBe('cleared');
  const briefing = page.getByTestId('travel-briefing');
  await briefing.waitFor({ timeout: 30_000 });
  const expected = await session.apiJson<Briefing>(`/api/travel/requests/${requestId}/briefing`);
  const shown = (await briefing.textContent()) ?? '';
  for (const a of expected.areas) {
    expect(shown).toContain(a.areaName);
    if (a.advisory) expect(shown).toContain(a.advisory.headline);
    for (const r of a.requirements) expect(shown).toContain(r);
  }
  expect(session.problems).toEqual([]);
});
