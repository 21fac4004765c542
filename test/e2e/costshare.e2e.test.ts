import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Period, PeriodDetail } from '../../src/web/costshare/api';
import { type BrowserSession, openSession } from './session';

/**
 * Jointly financed apportionment in a real browser, on the demo's 2026-2027 period: an
 * organization's HQ focal point opens the approved version, sees every organization's
 * amount, and (phone sized) opens the step-by-step explanation of another organization's figure; the manager
 * (admin) opens the current census and a scenario, and its explanation of an organization at the
 * minimum.
 */
let page: Page;
let session: BrowserSession;
let problems: string[];

beforeAll(async () => {
  session = await openSession();
  ({ page, problems } = session);
});
afterAll(() => session?.close());

async function openDemoPeriod(): Promise<PeriodDetail> {
  const periods = await session.apiJson<Period[]>('/api/costshare/periods');
  const demo = periods.find((p) => p.code === '2026-2027');
  expect(demo, 'the demo period').toBeDefined();
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Cost-sharing' }).click();
  await page.getByRole('link', { name: '2026-2027' }).click();
  await page.getByTestId('costshare-lines').waitFor({ timeout: 15_000 });
  return session.apiJson<PeriodDetail>(`/api/costshare/periods/${demo?.id}`);
}

test('an organization opens the explanation of an approved figure; every organization’s amount is shown', async () => {
  await session.signIn('focal.unicef');
  await page.setViewportSize({ width: 1280, height: 900 });
  const detail = await openDemoPeriod();
  // The figures on a phone: the table scrolls sideways inside its region.
  await page.setViewportSize({ width: 390, height: 844 });
  expect(detail.census).toBeNull();
  await expect.poll(() => page.getByRole('heading', { name: /Approved version 1/ }).isVisible()).toBe(true);
  // Transparent by design: other organizations' figures too; drafts are not offered.
  const lines = page.getByTestId('costshare-lines');
  for (const code of ['UNICEF', 'WFP', 'UNDP', 'UNV'])
    await lines.locator(`tr[data-organization="${code}"]`).waitFor();
  expect(await lines.locator('tr[data-organization="UNV"]').textContent()).toContain('counted in UNDP');
  expect(await page.getByRole('button', { name: 'Current census' }).count()).toBe(0);

  await page.getByRole('button', { name: 'Explain WFP' }).click();
  const panel = page.getByRole('region', { name: 'Explanation for WFP' });
  await panel.waitFor();
  const steps = panel.getByTestId('explanation-steps').locator('li');
  await expect.poll(() => steps.count()).toBeGreaterThanOrEqual(4);
  expect(await steps.first().textContent()).toMatch(/WFP's field headcount is \d+/);
  expect(await steps.last().textContent()).toMatch(/^WFP pays [\d,]+\.\d\d of 252,650,000\.00\.$/);
  expect(await panel.locator('[data-kind="rounding"]').count()).toBe(1);
  // The per-organization export links of the approved version.
  expect(await panel.getByRole('link', { name: 'WFP PDF' }).getAttribute('href')).toContain(
    '/versions/1/export.pdf?organization=WFP',
  );
  expect(problems).toEqual([]);
});

test('the manager explains a scenario’s figure where the minimum applies', async () => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await session.signIn('admin');
  const detail = await openDemoPeriod();
  const proposal = detail.scenarios?.find((s) => s.name.startsWith('Minimum'));
  expect(proposal).toBeDefined();
  await page.getByRole('button', { name: `Scenario: ${proposal?.name}` }).click();
  await page.getByRole('heading', { name: /not approved/ }).waitFor();
  const atMinimum = page
    .getByTestId('costshare-lines')
    .locator('tr', { has: page.locator('.badge') })
    .first();
  await atMinimum.waitFor();
  const code = await atMinimum.getAttribute('data-organization');
  await atMinimum.getByRole('button', { name: `Explain ${code}` }).click();
  const panel = page.getByRole('region', { name: `Explanation for ${code}` });
  await panel.locator('[data-kind="minimum"]').waitFor();
  expect(await panel.locator('[data-kind="minimum"]').textContent()).toContain(
    'pays the minimum of 5,000,000.00',
  );
  expect(problems).toEqual([]);
});
