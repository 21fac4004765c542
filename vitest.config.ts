import fs from 'node:fs';
import os from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Test projects: everything on PGlite; the database tests again on PostgreSQL when DATABASE_URL is
 * set; browser tests in Debian's Chromium. Each database test file gets a fresh migrated copy.
 */
/**
 * Browser tests need Debian's Chromium. Without it they are left out with a warning on a developer's
 * machine; CI installs Chromium and sets SMIN_REQUIRE_BROWSER, so there they always run (and fail
 * loudly if the browser is missing).
 */
const hasBrowser = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].some(
  (p) => p && fs.existsSync(p),
);
const runBrowser = hasBrowser || process.env.SMIN_REQUIRE_BROWSER === '1';
if (!runBrowser) {
  console.warn('\n*** Browser tests NOT run: Chromium is not installed (apt-get install chromium). ***\n');
}

const dbTests = ['src/**/*.db.test.ts', 'test/api/**/*.test.ts', 'test/cli/**/*.test.ts'];
/** Fault tests run separate worker processes against one database: PostgreSQL only. */
const faultTests = ['test/fault/**/*.test.ts'];
const postgres = process.env.DATABASE_URL
  ? [
      {
        extends: true as const,
        test: {
          name: 'postgres',
          include: [...dbTests, ...faultTests],
          env: { SMIN_TEST_ENGINE: 'postgres' },
          globalSetup: ['test/support/global-setup.ts'],
        },
      },
    ]
  : [];

const e2e = {
  extends: true as const,
  test: {
    name: 'e2e',
    // Browsers render the map in software: run them alone, after the other projects.
    sequence: { groupOrder: 1 },
    include: ['test/e2e/**/*.e2e.test.ts'],
    env: { SMIN_TEST_ENGINE: 'pglite' },
    globalSetup: ['test/support/global-setup.ts', 'test/support/web-build-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
};

export default defineConfig({
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Vitest leaves one core free by default, which on a 2-core CI machine means one test file at
    // a time; database tests wait on PostgreSQL, SMTP and child processes, so two keep both busy.
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    projects: [
      {
        extends: true as const,
        test: {
          name: 'pglite',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['test/e2e/**', ...faultTests, 'node_modules/**'],
          env: { SMIN_TEST_ENGINE: 'pglite' },
          globalSetup: ['test/support/global-setup.ts'],
        },
      },
      ...postgres,
      ...(runBrowser ? [e2e] : []),
    ],
  },
});
