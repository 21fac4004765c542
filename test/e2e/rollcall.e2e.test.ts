import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/demo/generator';
import { seedDemo } from '../../src/modules/demo/seed.service';
import type { Board } from '../../src/modules/rollcall/rollcall.schema';
import { buildApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import type { RollCallSummary } from '../../src/web/api/rollcall-types';
import { createTestDatabase } from '../support/db';
import { insertPerson } from '../support/who-fixtures';
import { launchBrowser } from './browser';

/**
 * A roll call from start to everyone accounted for. The scene: a new area of Afghanistan with one
 * duty station and four people there (one of them a dependant). The country's security adviser,
 * on a phone and a slow link, starts a roll call for the area on the form, is told how many will
 * be asked, and watches the live board at 0 %. Answers arrive while the board stays open (never reloaded): one
 * through the public one-tap page opened from the message's link in a second browser with no
 * session (need help, with a note and the phone's location), the others through the API. The
 * board follows by itself to 100 %, lists the person who needs help with whom to call; a decision
 * is logged and shown. Someone who may follow but not record is told so on the row they tried.
 * Once closed, the link's page says so; an unknown link says that too.
 *
 * This file runs its own server (as test/support/server.ts does) to read the message's link from
 * the outbox: the token itself is only stored hashed.
 */
type Database = Awaited<ReturnType<typeof createTestDatabase>>;

const PHONE = { width: 390, height: 844 };
/** 1 Mbit/s each way, 300 ms latency: a field office's link. */
const SLOW_LINK = { offline: false, latency: 300, downloadThroughput: 125_000, uploadThroughput: 125_000 };
const AREA = 'AFG-98';
const STATION = 'AFG-RCD';

let database: Database;
let app: Awaited<ReturnType<typeof buildApp>>;
let url: string;
let browser: Browser;
let page: Page;
let publicContext: BrowserContext | undefined;
const problems: string[] = [];
const expectedStatuses = new Set([401]);

function watch(p: Page, who: string) {
  p.on('pageerror', (error) => problems.push(`${who} pageerror: ${error.message}`));
  p.on('request', (request) => {
    const u = request.url();
    if (!u.startsWith(url) && !/^(data|blob):/.test(u)) problems.push(`${who} external request: ${u}`);
  });
  p.on('console', (message) => {
    const text = message.text();
    if (message.type() !== 'error') return;
    if ([...expectedStatuses].some((s) => text.includes(`status of ${s}`))) return;
    problems.push(`${who} console: ${text}`);
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.db, { seed: 1, scale: 'small' });
  const config = loadConfig({ LOG_LEVEL: 'silent', NODE_ENV: 'test' });
  app = await buildApp({ config, database, serveWeb: true });
  await app.listen({ port: 0, host: '127.0.0.1' });
  url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: PHONE });
  watch(page, 'board');
});

afterAll(async () => {
  await publicContext?.close();
  await browser?.close();
  await app?.close();
  await database?.close();
});

/** A field by its label; required fields print " *" after it. */
const field = (scope: Page | Locator, label: string) =>
  scope.getByLabel(new RegExp(`^${label.replace(/[()]/g, '\\$&')}( \\*)?$`));

async function signIn(username: string, on: Page = page, password = DEMO_PASSWORD) {
  await on.goto(url);
  const signOut = on.getByRole('button', { name: 'Sign out' });
  const form = on.getByLabel('Username');
  await expect.poll(async () => (await signOut.isVisible()) || (await form.isVisible())).toBe(true);
  if (await signOut.isVisible()) await signOut.click();
  await form.fill(username);
  await on.getByLabel('Password').fill(password);
  await on.getByRole('button', { name: 'Sign in' }).click();
  await on.getByRole('navigation', { name: 'Main', includeHidden: true }).waitFor({ state: 'attached' });
}

async function post(path: string, data: unknown): Promise<{ id: string }> {
  const response = await page.request.post(`${url}/api${path}`, { data });
  expect(response.status(), `${path}: ${await response.text()}`).toBeLessThan(300);
  return (await response.json()) as { id: string };
}

async function orgId(code: string): Promise<string> {
  const row = await database.db
    .selectFrom('organizations')
    .select('id')
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The value of the board's main progressbar, as assistive technology reads it. */
const accounted = () =>
  page
    .getByRole('region', { name: 'Accounted for' })
    .getByRole('progressbar', { name: 'Accounted for' })
    .getAttribute('aria-valuenow');

test('a roll call started on a phone follows the answers by itself to 100 %', async () => {
  // The scene, as the admin: a new area with one duty station, four people there.
  await signIn('admin');
  await post('/areas', { code: AREA, name: 'Roll call drill district', countryCode: 'AFG' });
  const station = await post('/stations', {
    code: STATION,
    name: 'Drill compound',
    areaCode: AREA,
    lat: 34.55,
    lon: 69.2,
  });
  const db = database.db;
  const [unicef, wfp] = [await orgId('UNICEF'), await orgId('WFP')];
  const ids = {
    amina: await insertPerson(db, { organizationId: unicef, stationId: station.id, name: 'Amina Rahimi' }),
    bilal: await insertPerson(db, {
      organizationId: wfp,
      stationId: station.id,
      name: 'Bilal Karimi',
      recruitment: 'local',
    }),
    chen: await insertPerson(db, { organizationId: unicef, stationId: station.id, name: 'Chen Wu' }),
  };
  const dara = await insertPerson(db, {
    organizationId: unicef,
    stationId: station.id,
    name: 'Dara Wu',
    kind: 'dependant',
    sponsorId: ids.chen,
  });
  const contacts: [string, string | null, string | null][] = [
    [ids.amina, 'amina.rahimi@example.org', '+93 700 100 200'],
    [ids.bilal, null, '+93 700 555 000'],
    [ids.chen, 'chen.wu@example.org', null],
  ];
  for (const [id, email, phone] of contacts)
    await db.updateTable('people').set({ email, phone }).where('id', '=', id).execute();
  // Someone who may follow every roll call (a desk officer) and start them in Kenya only: the board
  // offers them the buttons, and the server refuses to record an answer in Afghanistan.
  const outsider = { username: `desk.ken.${Date.now().toString(36)}`, password: 'e2e-desk-ken-Passw0rd!' };
  const created = await post('/users', { ...outsider, displayName: 'Desk Kenya', organizationCode: 'DSS' });
  await post(`/users/${created.id}/grants`, { role: 'desk_officer', scopeType: 'global', scopeId: null });
  await post(`/users/${created.id}/grants`, {
    role: 'security_professional',
    scopeType: 'country',
    scopeId: 'KEN',
  });

  // The security adviser starts the roll call on the form, on a phone and a slow link.
  await signIn('sa.afg');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', SLOW_LINK);
  await page.getByRole('button', { name: 'Menu' }).click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Roll calls' }).click();
  await page.getByRole('heading', { name: 'Roll calls', level: 1 }).waitFor();
  await page.getByRole('link', { name: 'Start roll call' }).click();
  const form = page.getByRole('form', { name: 'Start roll call' });
  await form.waitFor();
  const areaSelect = field(form, 'Area');
  await expect.poll(() => areaSelect.locator(`option[value="${AREA}"]`).count(), { timeout: 30_000 }).toBe(1);
  // Nothing chosen yet: the form says what is missing, before anything is sent.
  await form.getByRole('button', { name: 'Continue' }).click();
  expect(await areaSelect.getAttribute('aria-invalid')).toBe('true');
  await areaSelect.selectOption(AREA);
  await field(form, 'Title').fill('Gunfire near the drill compound');
  await field(form, 'Guidance').fill('Stay indoors, away from windows.');
  await field(form, 'Escalate after (minutes)').fill('15');
  await form.getByRole('button', { name: 'Continue' }).click();
  const asked = page.getByTestId('rollcall-asked');
  await expect
    .poll(() => asked.textContent(), { timeout: 30_000 })
    .toBe(
      '4 people in Roll call drill district will be asked whether they are safe (including 1 dependant, asked through their sponsors).',
    );
  await page.getByRole('button', { name: 'Start roll call now' }).click();

  // The live board, at 0 %.
  await page.waitForURL(/\/rollcalls\/[0-9a-f-]{36}\?/, { timeout: 30_000 });
  const rollCallId = /\/rollcalls\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? '';
  await page.getByRole('heading', { name: /Gunfire near the drill compound/, level: 1 }).waitFor();
  await page.getByText('Asked 4 people through 3 messages.').waitFor();
  expect(await accounted()).toBe('0');
  expect(await page.getByTestId('rollcall-percent').textContent()).toBe('0 %');
  expect(await page.getByTestId('count-pending').textContent()).toBe('4');
  const pending = page.getByRole('list', { name: 'Not accounted for' });
  expect(await pending.getByRole('listitem').count()).toBe(4);
  // Whom to call: Bilal himself, and for Dara her sponsor Chen (who has no phone: his e-mail).
  const bilalRow = pending.getByRole('listitem').filter({ hasText: 'Bilal Karimi' });
  expect(await bilalRow.getByRole('link', { name: /Call/ }).getAttribute('href')).toBe('tel:+93700555000');
  const daraRow = pending.getByRole('listitem').filter({ hasText: 'Dara Wu' });
  expect(await daraRow.getByRole('link', { name: 'chen.wu@example.org' }).count()).toBe(1);
  expect(await daraRow.getByText('through Chen Wu').count()).toBe(1);
  // A phone screen: no sideways scrolling, touch-sized buttons.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  expect(
    (await bilalRow.getByRole('button', { name: 'Mark safe' }).boundingBox())!.height,
  ).toBeGreaterThanOrEqual(44);
  // From here on the board is never reloaded: a marker on the window would not survive a reload.
  await page.evaluate(() => {
    (window as unknown as { boardMarker: string }).boardMarker = 'kept';
  });

  // Amina's message: its link, read from the outbox (only the token's hash is stored).
  const message = await db
    .selectFrom('outbox')
    .select(['payload'])
    .where('topic', '=', 'rollcall.ask')
    .where('dedupe_key', '=', `rollcall:${rollCallId}:${ids.amina}`)
    .executeTakeFirstOrThrow();
  const payload = (typeof message.payload === 'string' ? JSON.parse(message.payload) : message.payload) as {
    url: string;
  };
  const token = /\/r\/([A-Za-z0-9_-]{20,})$/.exec(payload.url)?.[1];
  expect(token, payload.url).toBeTruthy();

  // She opens it on her phone: no session, location shared.
  publicContext = await browser.newContext({
    viewport: PHONE,
    permissions: ['geolocation'],
    geolocation: { latitude: 34.5512, longitude: 69.2034 },
  });
  const phone = await publicContext.newPage();
  watch(phone, 'answer page');
  await phone.goto(`${url}/r/${token}`);
  await phone.getByRole('heading', { name: 'Gunfire near the drill compound', level: 1 }).waitFor({
    timeout: 30_000,
  });
  expect(await phone.getByText('Stay indoors, away from windows.').count()).toBe(1);
  expect(await phone.getByText('Roll call drill district', { exact: false }).count()).toBeGreaterThan(0);
  // Nothing of the signed-in app: no sign-in form, no navigation.
  expect(await phone.getByLabel('Username').count()).toBe(0);
  expect(await phone.getByRole('navigation').count()).toBe(0);
  const me = phone.getByRole('region', { name: 'Amina (you)' });
  await phone.getByLabel('Note (optional)').fill('Trapped on the second floor');
  await phone.getByLabel('Share my location with the answer').check();
  await me.getByRole('button', { name: 'Need help' }).click();
  await expect
    .poll(() => me.getByTestId('recorded-answer').textContent(), { timeout: 30_000 })
    .toMatch(/^Recorded: needs help at \d\d:\d\d:\d\d$/);

  // The board follows by itself: 25 %, and Amina first in the need-help list with her note.
  await expect.poll(accounted, { timeout: 20_000 }).toBe('25');
  const needHelp = page.getByRole('list', { name: 'Need help' });
  const amina = needHelp.getByRole('listitem').filter({ hasText: 'Amina Rahimi' });
  await amina.waitFor({ timeout: 20_000 });
  expect(await amina.getByTestId('rollcall-note').textContent()).toBe('“Trapped on the second floor”');
  expect(await amina.getByRole('link', { name: /34\.5512/ }).getAttribute('href')).toBe(
    'geo:34.5512,69.2034',
  );
  expect(await amina.getByRole('link', { name: /Call/ }).getAttribute('href')).toBe('tel:+93700100200');
  expect(await page.getByTestId('count-need-help').textContent()).toBe('1');

  // The others through the API (as the adviser): the board moves on, then reaches 100 %.
  const before = await page.getByTestId('rollcall-updated').textContent();
  const answer = async (personId: string) => {
    const res = await page.request.post(`${url}/api/rollcalls/${rollCallId}/people/${personId}/answer`, {
      data: { answer: 'safe' },
    });
    expect(res.status(), await res.text()).toBe(200);
  };
  await answer(ids.bilal);
  await expect.poll(accounted, { timeout: 20_000 }).toBe('50');
  expect(await page.getByTestId('rollcall-updated').textContent()).not.toBe(before);
  expect(await page.getByTestId('rollcall-updated').textContent()).toMatch(/^updated \d\d:\d\d:\d\d$/);
  await answer(ids.chen);
  await answer(dara);
  await expect.poll(accounted, { timeout: 20_000 }).toBe('100');
  expect(await page.getByTestId('rollcall-percent').textContent()).toBe('100 %');
  expect(await page.getByTestId('count-safe').textContent()).toBe('3');
  expect(await page.getByTestId('count-pending').textContent()).toBe('0');
  await page.getByText('Everyone has answered.').waitFor();
  // By organization, worst first: every organization's bar at 100 %.
  const byOrg = page.getByRole('region', { name: 'By organization' });
  expect(await byOrg.getByRole('progressbar').count()).toBe(2);
  for (const bar of await byOrg.getByRole('progressbar').all())
    expect(await bar.getAttribute('aria-valuenow')).toBe('100');
  expect(await page.evaluate(() => (window as unknown as { boardMarker?: string }).boardMarker)).toBe('kept');

  // A decision, logged and shown.
  const decision = 'Ambulance sent to the drill compound for Amina';
  await field(page, 'Decision').fill(decision);
  await page.getByRole('button', { name: 'Add to log' }).click();
  const log = page.getByRole('list', { name: 'Decision log entries' });
  await log.getByText(decision).waitFor({ timeout: 20_000 });
  const board = await (await page.request.get(`${url}/api/rollcalls/${rollCallId}`)).json();
  expect((board as Board).log.map((l) => l.text)).toContain(decision);

  // The desk officer follows the board but may not record an answer here: told so on the row.
  const deskContext = await browser.newContext({ viewport: PHONE });
  const desk = await deskContext.newPage();
  watch(desk, 'desk officer');
  await signIn(outsider.username, desk, outsider.password);
  await desk.goto(`${url}/rollcalls/${rollCallId}`);
  const aminaForDesk = desk
    .getByRole('list', { name: 'Need help' })
    .getByRole('listitem')
    .filter({ hasText: 'Amina Rahimi' });
  expectedStatuses.add(403);
  await aminaForDesk.getByRole('button', { name: 'Mark safe' }).click({ timeout: 30_000 });
  await expect
    .poll(() => aminaForDesk.getByRole('alert').textContent(), { timeout: 20_000 })
    .toContain('Only the security team there or the person’s warden can record an answer');
  expectedStatuses.delete(403);
  expect(await page.getByTestId('count-need-help').textContent()).toBe('1');
  await deskContext.close();

  // The list shows it at 100 %; closing it tells the link's page that answers are no longer taken.
  await page.getByRole('button', { name: 'Close roll call' }).click();
  await page.getByRole('button', { name: 'Yes, close the roll call' }).click();
  await page.getByText('Closed', { exact: true }).waitFor({ timeout: 20_000 });
  const list = await (await page.request.get(`${url}/api/rollcalls?status=closed`)).json();
  expect((list as RollCallSummary[]).find((r) => r.id === rollCallId)).toMatchObject({
    total: 4,
    accounted: 4,
  });
  await page.getByRole('link', { name: 'All roll calls' }).click();
  const row = page.getByTestId('rollcall-row').filter({ hasText: 'Gunfire near the drill compound' });
  expect(await row.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');

  await phone.reload();
  await phone.getByTestId('rollcall-closed').waitFor({ timeout: 30_000 });
  expect(await me.getByRole('button', { name: 'Need help' }).count()).toBe(0);
  expect(await me.getByTestId('recorded-answer').textContent()).toMatch(/^Recorded: needs help/);

  // An unknown link says so.
  expectedStatuses.add(404);
  await phone.goto(`${url}/r/AAAAAAAAAAAAAAAAAAAAAAAA`);
  await phone.getByRole('heading', { name: 'This link is not known' }).waitFor({ timeout: 30_000 });
  expectedStatuses.delete(404);

  expect(problems).toEqual([]);
});
