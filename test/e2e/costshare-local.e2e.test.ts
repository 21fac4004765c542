import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { BudgetDetail, BudgetSummary, OrganizationBill } from '../../src/web/costshare/local/api';
import { type BrowserSession, openSession } from './session';

/**
 * Local security budgets in a real browser on the demo: the Designated Official records the SMT's
 * approval of next year's budget; an organization's focal point (phone sized) reads its bill; the
 * country's cost-sharing manager sees the overdue payments and the double-charging check.
 */
let page: Page;
let session: BrowserSession;
let problems: string[];
const year = new Date().getUTCFullYear();
let country = '';

beforeAll(async () => {
  session = await openSession();
  ({ page, problems } = session);
});
afterAll(() => session?.close());

const openLocal = async () => {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Local security budgets' })
    .click();
  await page.getByRole('heading', { name: 'Local security budgets' }).waitFor();
};

test('the DO records the SMT’s approval of next year’s budget', async () => {
  await session.signIn('admin');
  const demo = await session.apiJson<BudgetSummary[]>(`/api/costshare/local/budgets?year=${year}`);
  expect(demo, 'the demo budget').toHaveLength(1);
  country = demo[0]!.countryCode;
  await session.signIn(`do.${country.toLowerCase()}`);
  await openLocal();
  await page.getByLabel('Budget year').fill(String(year + 1));
  const row = page.getByRole('region', { name: 'Country budgets' }).getByRole('link').first();
  await row.click();
  await page.getByRole('heading', { name: new RegExp(`security budget ${year + 1}`) }).waitFor();
  await expect
    .poll(() => page.getByText('Circulated in country', { exact: true }).first().isVisible())
    .toBe(true);
  // The shares name their headcount source; the check against jointly funded costs passes.
  expect(await page.getByRole('region', { name: 'Shares by headcount' }).textContent()).toMatch(
    /Source: (census|people)/,
  );
  expect(await page.getByRole('region', { name: 'Double-charging check' }).textContent()).toContain(
    'No line charges a cost already funded jointly',
  );
  await page.getByRole('button', { name: 'Record the SMT’s approval' }).click();
  await page.getByLabel('SMT meeting (date, minutes reference)').fill('SMT meeting, minutes item 2');
  await page
    .getByLabel('SMT members present (one per line)')
    .fill('Designated Official\nUNICEF Representative');
  await page.getByRole('button', { name: 'Record approval' }).click();
  await expect
    .poll(() => page.getByRole('region', { name: 'Calendar' }).textContent())
    .toContain('Approved by the SMT on');
  const budgets = await session.apiJson<BudgetSummary[]>(`/api/costshare/local/budgets?year=${year + 1}`);
  const detail = await session.apiJson<BudgetDetail>(`/api/costshare/local/budgets/${budgets[0]!.id}`);
  expect(detail.status).toBe('approved');
  expect(detail.approval?.smtMembers).toEqual(['Designated Official', 'UNICEF Representative']);
  expect(problems).toEqual([]);
});

test('an organization’s focal point reads its bill across countries on a phone', async () => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await session.signIn('focal.unicef');
  // Then on a phone: the table scrolls sideways inside its region.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${session.target.url}/costshare/local/bill`);
  await page.getByRole('heading', { name: 'Organization’s bill' }).waitFor();
  const bill = await session.apiJson<OrganizationBill>('/api/costshare/local/organizations/UNICEF/bill');
  const table = page.getByRole('region', { name: 'Shares by country' });
  await table.waitFor();
  expect(await table.locator('tbody tr').count()).toBe(bill.rows.length);
  expect(bill.rows.length).toBeGreaterThan(0);
  expect(await page.getByRole('link', { name: 'PDF' }).getAttribute('href')).toContain(
    '/api/costshare/local/export.pdf?organization=UNICEF',
  );
  await page.setViewportSize({ width: 1280, height: 900 });
  expect(problems).toEqual([]);
});

test('the country’s cost-sharing manager sees what is overdue', async () => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await session.signIn(`budget.${country.toLowerCase()}`);
  await openLocal();
  await page.getByRole('link', { name: 'Overdue payments' }).click();
  await page.getByRole('heading', { name: 'Overdue payments' }).waitFor();
  await page.getByLabel('As of').fill(`${year}-03-02`);
  const rows = page.getByRole('region', { name: 'Overdue shares' }).locator('tbody tr');
  await expect.poll(() => rows.count()).toBeGreaterThan(0);
  expect(await rows.first().textContent()).toContain(country);
  expect(problems).toEqual([]);
});
