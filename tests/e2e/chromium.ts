/**
 * Finds Chromium for the browser tests. Missing Chromium is loud: a skip locally, a failure when CI is set.
 */
import { findChromium } from '../../scripts/browser-harness.mjs';

export const executablePath = findChromium();

if (!executablePath) {
  const message =
    'Chromium was not found (set CHROMIUM_PATH, or install it: `apt-get install -y chromium`). ' +
    'The end-to-end tests cannot run.';
  if (process.env.CI) throw new Error(`${message} CI is set, so this is a failure.`);
  console.warn(`\n${'!'.repeat(100)}\n!! SKIPPING BROWSER TESTS: ${message}\n${'!'.repeat(100)}\n`);
}
