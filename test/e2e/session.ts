import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { launchBrowser } from './browser';
import { type E2eTarget, loginFor, startTarget } from './target';

/**
 * One browser page against one running platform, shared by the tests of a file. Script errors,
 * CSP violations and any request leaving the app's own address are collected in `problems` (field
 * offices may be offline from the internet); console errors for `expectedStatuses` are tolerated.
 */
export interface BrowserSession {
  target: E2eTarget;
  browser: Browser;
  page: Page;
  problems: string[];
  expectedStatuses: Set<number>;
  /** Signs out whoever is signed in, then signs in as a demo user. */
  signIn(username: string): Promise<void>;
  /** GET as the signed-in user (the page's cookies); fails the test unless 200. */
  apiJson<T>(path: string): Promise<T>;
  close(): Promise<void>;
}

export async function openSession(viewport = { width: 1280, height: 900 }): Promise<BrowserSession> {
  const target = await startTarget();
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport });
  const problems: string[] = [];
  // 401: the session probe before sign-in.
  const expectedStatuses = new Set([401]);
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(target.url) && !/^(data|blob):/.test(url)) problems.push(`external request: ${url}`);
  });
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() !== 'error') return;
    if ([...expectedStatuses].some((s) => text.includes(`status of ${s}`))) return;
    problems.push(`console: ${text}`);
  });
  return {
    target,
    browser,
    page,
    problems,
    expectedStatuses,
    async signIn(username) {
      const login = loginFor(target, username);
      await page.goto(target.url);
      const signOut = page.getByRole('button', { name: 'Sign out' });
      const form = page.getByLabel('Username');
      await expect.poll(async () => (await signOut.isVisible()) || (await form.isVisible())).toBe(true);
      if (await signOut.isVisible()) await signOut.click();
      await form.fill(login.username);
      await page.getByLabel('Password').fill(login.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('navigation', { name: 'Main' }).waitFor({ timeout: 15_000 });
    },
    async apiJson<T>(path: string) {
      const response = await page.request.get(`${target.url}${path}`);
      expect(response.status(), path).toBe(200);
      return (await response.json()) as T;
    },
    async close() {
      await browser.close();
      await target.close();
    },
  };
}
