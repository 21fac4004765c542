import { execFileSync } from 'node:child_process';

/** Browser tests need the built web app; build it once per run when sources changed. */
export default function setup() {
  execFileSync('node', ['scripts/ensure-web-build.mjs'], { stdio: 'inherit' });
}
