// Builds the web app when dist/web is missing or older than its sources, so `npm start` always
// serves the current UI without rebuilding on every start.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const index = path.resolve('dist/web/index.html');
const newestSource = (dir) =>
  fs.readdirSync(dir, { withFileTypes: true }).reduce((latest, e) => {
    const p = path.join(dir, e.name);
    return Math.max(latest, e.isDirectory() ? newestSource(p) : fs.statSync(p).mtimeMs);
  }, 0);

const builtAt = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
const sourcesAt = Math.max(
  newestSource(path.resolve('src/web')),
  fs.statSync(path.resolve('vite.config.ts')).mtimeMs,
);
if (builtAt < sourcesAt) {
  console.log('OpenSMIN: building the web app…');
  // Always a production build, even when started from a test runner that sets NODE_ENV=test.
  const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
