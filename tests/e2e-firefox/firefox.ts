/**
 * Finds Firefox for the Firefox end-to-end tests. Missing Firefox is loud: a skip locally, a failure when CI
 * is set (.ci/run installs firefox-esr).
 */
import { findFirefox } from '../../scripts/firefox-harness.mjs';

export const executablePath = findFirefox();

if (!executablePath) {
  const message =
    'Firefox was not found (set FIREFOX_PATH, or install it: `apt-get install -y firefox-esr`). ' +
    'The Firefox end-to-end tests cannot run.';
  if (process.env.CI) throw new Error(`${message} CI is set, so this is a failure.`);
  console.warn(`\n${'!'.repeat(100)}\n!! SKIPPING FIREFOX TESTS: ${message}\n${'!'.repeat(100)}\n`);
}
