// Debian's Chromium for the browser tests, driven by playwright-core (no browser download): where it is, whether the
// tests run (in CI they must: .ci/run installs it), and how it is started.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** `describe` when Chromium is there or in CI (never skipped silently there), `describe.skip` with a warning otherwise. */
export function describeSiChromium(quoi: string): jest.Describe {
  if (existsSync(CHROMIUM) || process.env.CI) return describe;
  console.warn(`${quoi} skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
  return describe.skip;
}

/** A headless Chromium, without the background services that slow a test machine down. */
export function lancerChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
