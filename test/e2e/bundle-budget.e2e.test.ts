import type { Response } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type BrowserSession, openSession } from './session';

/**
 * The first-load budget: the JS and CSS a browser downloads, compressed as the server sends it,
 * from opening the app with an empty cache through sign-in to the first screen (the map) ready,
 * stays within 250 KB — not counting the map chunk (MapLibre, its CSS and its worker), which only
 * the map needs and which loads after the app shell is usable.
 */
const BUDGET_BYTES = 250 * 1024;
/** The map chunk: the MapLibre bundle (use-map-*.js/.css) and MapLibre's worker. */
const MAP_CHUNK = /\/assets\/(use-map|maplibre[^/]*)-[\w-]+\.(m?js|css)$/;

let session: BrowserSession;
beforeAll(async () => {
  session = await openSession();
});
afterAll(() => session?.close());

interface Loaded {
  url: string;
  type: 'js' | 'css';
  bytes: number;
  encoding: string;
  map: boolean;
}

test('the JS and CSS of the first screen after sign-in, before the map chunk, stay within 250 KB compressed', async () => {
  const { page, target } = session;
  const pending: Promise<Loaded | null>[] = [];
  page.on('requestfinished', (request) => {
    pending.push(
      (async () => {
        const url = request.url();
        const path = new URL(url).pathname;
        const type = /\.m?js$/.test(path) ? 'js' : /\.css$/.test(path) ? 'css' : null;
        if (!type) return null;
        const response = (await request.response()) as Response;
        const sizes = await request.sizes();
        return {
          url: path,
          type,
          // The body as it crossed the wire (compressed), without headers.
          bytes: sizes.responseBodySize,
          encoding: (await response.allHeaders())['content-encoding'] ?? 'identity',
          map: MAP_CHUNK.test(path),
        };
      })(),
    );
  });

  // A fresh browser context: nothing cached. Open the app, sign in, wait for the first screen.
  await session.signIn('analyst');
  await page.locator('.map-screen').waitFor({ timeout: 60_000 });
  await page.waitForLoadState('networkidle');
  const loaded = (await Promise.all(pending)).filter((l): l is Loaded => l !== null);

  const counted = loaded.filter((l) => !l.map);
  const total = counted.reduce((s, l) => s + l.bytes, 0);
  const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
  console.log(
    [
      `first load (${target.url}) before the map chunk: ${kb(total)} of JS and CSS ` +
        `(${counted.length} files; budget ${kb(BUDGET_BYTES)})`,
      ...counted
        .sort((a, b) => b.bytes - a.bytes)
        .map((l) => `  ${kb(l.bytes).padStart(9)} ${l.encoding.padEnd(8)} ${l.url}`),
      `map chunk, not counted: ${loaded
        .filter((l) => l.map)
        .map((l) => `${l.url} ${kb(l.bytes)} ${l.encoding}`)
        .join(', ')}`,
    ].join('\n'),
  );

  // The measurement saw the app: its entry script, the vendor chunk and a stylesheet.
  expect(counted.some((l) => /\/assets\/index-[\w-]+\.js$/.test(l.url))).toBe(true);
  expect(counted.some((l) => /\/assets\/vendor-[\w-]+\.js$/.test(l.url))).toBe(true);
  expect(counted.some((l) => l.type === 'css')).toBe(true);
  // Everything of size came compressed, as the server serves it (brotli or gzip).
  for (const l of counted.filter((x) => x.bytes > 1024))
    expect(['br', 'gzip', 'zstd'], `${l.url} is sent compressed`).toContain(l.encoding);
  expect(total).toBeLessThanOrEqual(BUDGET_BYTES);
  expect(session.problems).toEqual([]);
});
