import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { z } from 'zod';
import type { libraryMeasure, SrmDetail as SrmDetailResponse } from '../../src/modules/srm/srm.schema';
import { type BrowserSession, openSession } from './session';
import type { E2eTarget } from './target';

/**
 * Security risk management in a real browser: the security adviser adds a risk through the form
 * (the inherent risk previewed from the SRM's matrix) and proposes two measures; the Designated
 * Official approves them, one after losing a race to another approval (409, reload). Approval
 * alone must not lower the residual risk; only the expected level may move.
 */
let target: E2eTarget;
let page: Page;
let problems: string[];
let expectedStatuses: Set<number>;

const RISKS = ['very_low', 'low', 'medium', 'high', 'very_high', 'unacceptable'];
// The API's own response types, so a change on the server breaks this test at compile time.
type SrmDetail = SrmDetailResponse;
type LibraryMeasure = z.infer<typeof libraryMeasure>;

let session: BrowserSession;
beforeAll(async () => {
  session = await openSession();
  ({ target, page, problems, expectedStatuses } = session);
});

afterAll(() => session?.close());

const signIn = (username: string) => session.signIn(username);
const apiJson = <T>(path: string) => session.apiJson<T>(path);

/** Risk management → the AFG-01 row of the dashboard → its SRM; returns the SRM's id. */
async function openAfg01(): Promise<string> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Risk management' }).click();
  const dashboard = page.getByTestId('srm-dashboard');
  await dashboard.waitFor({ timeout: 15_000 });
  await dashboard.locator('tr[data-area="AFG-01"] a').first().click();
  const detail = page.getByTestId('srm-detail');
  await detail.waitFor({ timeout: 15_000 });
  return (await detail.getAttribute('data-srm')) ?? '';
}

const riskIn = (srm: SrmDetail, tag: string) => srm.risks.find((r) => r.title.startsWith(tag));

/** The measure of a risk card with this title. */
const measureIn = (card: Locator, title: string) => card.getByTestId('measure').filter({ hasText: title });

test('SRM: the adviser adds a risk and measures; the DO approves them; residual risk does not drop', async () => {
  await signIn('sa.afg');
  const srmId = await openAfg01();
  expect(srmId).not.toBe('');
  const before = await apiJson<SrmDetail>(`/api/srm/${srmId}`);
  expect(before.areaCode).toBe('AFG-01');
  const library = await apiJson<LibraryMeasure[]>('/api/srm/library');
  const prevention = library.find((l) => l.kind === 'prevention')!;

  // The add-risk form previews the inherent risk from this SRM's matrix, live.
  const tag = `E2E ${Date.now().toString(36)}`;
  await page.getByRole('button', { name: 'Add risk' }).click();
  await page.getByLabel('Risk (undesirable event)').fill(`${tag} carjacking on the airport road`);
  await page.getByLabel('Category').selectOption('crime');
  const preview = page.getByTestId('inherent-preview');
  await page.getByLabel('Likelihood').selectOption('unlikely');
  await page.getByLabel('Impact').selectOption('minor');
  await expect.poll(() => preview.getAttribute('data-level')).toBe(before.matrix.unlikely!.minor);
  await page.getByLabel('Likelihood').selectOption('very_likely');
  await page.getByLabel('Impact').selectOption('severe');
  const inherent = before.matrix.very_likely!.severe!;
  await expect.poll(() => preview.getAttribute('data-level')).toBe(inherent);
  const label = (await preview.textContent()) ?? '';
  await page.getByRole('button', { name: 'Add risk' }).click();

  const card = page.getByTestId('risk').filter({ hasText: tag });
  await card.waitFor({ timeout: 15_000 });
  expect(await card.getAttribute('data-inherent')).toBe(inherent);
  expect(await card.getByTestId('inherent').textContent()).toContain(label);
  const added = riskIn(await apiJson<SrmDetail>(`/api/srm/${srmId}`), tag)!;
  expect(added.inherent.level).toBe(inherent);

  // A library measure (prevention) and one written for the place (mitigation).
  await card.getByRole('button', { name: 'Add measure' }).click();
  await card.getByLabel('Library measure').selectOption(prevention.code);
  await card.getByLabel('Steps it lowers the scale by').selectOption('1');
  await card.getByRole('button', { name: 'Propose measure' }).click();
  await measureIn(card, prevention.title).waitFor({ timeout: 15_000 });
  const custom = `${tag} armoured vehicles for airport runs`;
  await card.getByRole('button', { name: 'Add measure' }).click();
  await card.getByLabel('Written for this place').check();
  await card.getByLabel('Title').fill(custom);
  await card.getByLabel('Kind').selectOption('mitigation');
  await card.getByRole('button', { name: 'Propose measure' }).click();
  await measureIn(card, custom).waitFor({ timeout: 15_000 });
  for (const title of [prevention.title, custom])
    expect(await measureIn(card, title).getAttribute('data-status')).toBe('proposed');

  // The Designated Official approves both, the second after someone else approved it first.
  await signIn('do.afg');
  expect(await openAfg01()).toBe(srmId);
  const proposed = riskIn(await apiJson<SrmDetail>(`/api/srm/${srmId}`), tag)!;
  const other = proposed.measures.find((m) => m.title === custom)!;
  const elsewhere = await page.request.post(`${target.url}/api/srm/measures/${other.id}/approve`, {
    data: { version: other.version },
  });
  expect(elsewhere.status()).toBe(200);
  expectedStatuses.add(409);
  await measureIn(card, custom)
    .getByRole('button', { name: `Approve ${custom}` })
    .click();
  const conflict = measureIn(card, custom).getByTestId('version-conflict');
  await conflict.waitFor({ timeout: 15_000 });
  expect(await conflict.textContent()).toContain('changed by someone else');
  await conflict.getByRole('button', { name: 'Reload' }).click();
  await expect
    .poll(() => measureIn(card, custom).getByTestId('measure-status').textContent())
    .toBe('Approved');
  expectedStatuses.delete(409);

  await measureIn(card, prevention.title)
    .getByRole('button', { name: `Approve ${prevention.title}` })
    .click();
  await expect
    .poll(() => measureIn(card, prevention.title).getByTestId('measure-status').textContent())
    .toBe('Approved');

  // Approved is not implemented: residual stays at inherent; only the expected level may fall.
  const after = riskIn(await apiJson<SrmDetail>(`/api/srm/${srmId}`), tag)!;
  expect(after.measures.map((m) => m.status)).toEqual(['approved', 'approved']);
  expect(after.residual.level).toBe(after.inherent.level);
  expect(RISKS.indexOf(after.expected.level)).toBeLessThanOrEqual(RISKS.indexOf(after.residual.level));
  // very likely × severe, one step less likelihood and one less impact: likely × moderate.
  expect(after.expected.level).toBe(before.matrix.likely!.moderate);
  await expect.poll(() => card.getAttribute('data-expected')).toBe(after.expected.level);
  expect(await card.getAttribute('data-residual')).toBe(after.residual.level);
  expect(await card.getByTestId('residual').textContent()).toContain(after.residual.label);
  expect(await card.getByTestId('expected').textContent()).toContain(after.expected.label);
  // On the matrix the risk's dot stays in its inherent cell.
  const dot = page.locator(`[data-risk-marker="${after.id}"][data-kind="residual"]`);
  const cell = page.locator('.matrix-cell').filter({ has: dot });
  expect(await cell.getAttribute('data-likelihood')).toBe('very_likely');
  expect(await cell.getAttribute('data-impact')).toBe('severe');
  expect(await cell.getAttribute('data-level')).toBe(after.residual.level);

  const summary = page.getByRole('link', { name: /Summary for the SMT/ });
  expect(await summary.getAttribute('href')).toBe(`/api/srm/${srmId}/summary.pdf`);
  const pdf = await page.request.get(`${target.url}/api/srm/${srmId}/summary.pdf`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toContain('application/pdf');
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

  // From the top: a full-page shot taken while scrolled repeats the sticky top bar mid-page.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: '/tmp/smin-srm.png', fullPage: true });
  expect(problems).toEqual([]);
});

test('measures search: worldwide measures with cost and effectiveness, filtered by status', async () => {
  const all = await apiJson<{ id: string; status: string }[]>('/api/srm/measures?status=approved');
  await page.goto(`${target.url}/srm/measures?status=approved`);
  const table = page.getByTestId('measure-search');
  await table.waitFor({ timeout: 15_000 });
  await expect.poll(() => table.locator('tbody tr').count()).toBe(all.length);
  const head = (await table.locator('thead').textContent()) ?? '';
  for (const column of ['Cost', 'Effectiveness', 'Status']) expect(head).toContain(column);
  expect(await page.getByLabel('Status').inputValue()).toBe('approved');
  expect(problems).toEqual([]);
});
