import { afterAll, beforeAll, expect, test } from 'vitest';
import { type BrowserSession, openSession } from './session';

/**
 * The people and who-is-where screens open on the demo data without a script error: each shows its
 * heading and the data the API holds (a number or a name the test reads from the API itself).
 */
let session: BrowserSession;

beforeAll(async () => {
  session = await openSession();
});
afterAll(() => session?.close());

test('my profile shows the signed-in person, their dependant and training', async () => {
  const { page } = session;
  await session.signIn('staff.unicef');
  const me = await session.apiJson<{ givenName: string; familyName: string; dependants: unknown[] }>(
    '/api/people/me',
  );
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My profile' }).click();
  await expect.poll(() => page.getByText(me.familyName).first().isVisible(), { timeout: 15_000 }).toBe(true);
  await expect.poll(() => page.getByText(/BSAFE/).first().isVisible()).toBe(true);
  expect(session.problems).toEqual([]);
});

test('people, the training report and who-is-where open for an organization focal point', async () => {
  const { page } = session;
  await session.signIn('security.unicef');
  const people = await session.apiJson<{ items: { id: string; familyName: string }[] }>(
    '/api/people?limit=5',
  );
  expect(people.items.length).toBeGreaterThan(0);
  await page.goto(`${session.target.url}/people`);
  await expect
    .poll(() => page.getByText(people.items[0]!.familyName).first().isVisible(), { timeout: 15_000 })
    .toBe(true);
  await page.goto(`${session.target.url}/people/${people.items[0]!.id}`);
  await expect
    .poll(() => page.getByRole('heading', { name: new RegExp(people.items[0]!.familyName) }).isVisible(), {
      timeout: 15_000,
    })
    .toBe(true);
  await page.goto(`${session.target.url}/people/training`);
  const summary = page.getByTestId('training-summary');
  await expect
    .poll(() => summary.getByText('BSAFE', { exact: true }).isVisible(), { timeout: 15_000 })
    .toBe(true);
  const who = await session.apiJson<{ totals: { people: number } }>('/api/who?country=AFG');
  expect(who.totals.people).toBeGreaterThan(0);
  await page.goto(`${session.target.url}/who?country=AFG`);
  await expect
    .poll(() => page.getByRole('heading', { name: /who is where/i }).isVisible(), { timeout: 15_000 })
    .toBe(true);
  await expect
    .poll(() => page.getByText(who.totals.people.toLocaleString('en')).first().isVisible(), {
      timeout: 15_000,
    })
    .toBe(true);
  expect(session.problems).toEqual([]);
});
