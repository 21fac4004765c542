import fs from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/**
 * Debian's Chromium, driven by playwright-core (no downloaded browsers). CHROMIUM_PATH overrides
 * the location; null means no browser is installed and the e2e tests cannot run.
 */
export function chromiumPath(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p): p is string => Boolean(p && fs.existsSync(p))) ?? null;
}

/**
 * Flags for a quiet, offline, headless run. `--disable-gpu` leaves WebGL to SwiftShader (software
 * rendering), which recent Chromium only allows with `--enable-unsafe-swiftshader`; MapLibre needs
 * WebGL, so without it the map cannot render in CI machines that have no GPU.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

export async function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath)
    throw new Error('Chromium is not installed (apt-get install chromium, or set CHROMIUM_PATH)');
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
}
