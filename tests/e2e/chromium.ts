/**
 * Finds Chromium for the browser tests. Missing Chromium is loud: a skip locally, a failure when CI is set.
 */
import { join } from 'node:path';
import { findChromium, launchBrowser, ROOT } from '../../scripts/browser-harness.mjs';
import { browserSession } from './session';

export const executablePath = findChromium();

if (!executablePath) {
  const message =
    'Chromium was not found (set CHROMIUM_PATH, or install it: `apt-get install -y chromium`). ' +
    'The end-to-end tests cannot run.';
  if (process.env.CI) throw new Error(`${message} CI is set, so this is a failure.`);
  console.warn(`\n${'!'.repeat(100)}\n!! SKIPPING BROWSER TESTS: ${message}\n${'!'.repeat(100)}\n`);
}

export type Chromium = Awaited<ReturnType<typeof launchBrowser>>;

/**
 * One page server and one Chromium with the extension for the tests of a `describe` block (`browserSession`).
 * `lang: 'vi'` runs Chromium in Vietnamese; `trustServer`: the background's own requests accept the page
 * server's certificate (`launchBrowser`).
 */
export function chromiumSession({ lang, trustServer }: { lang?: 'en' | 'vi'; trustServer?: boolean } = {}) {
  return browserSession(join(ROOT, 'test-output'), (port) =>
    launchBrowser({ executablePath: executablePath as string, port, lang, trustServer }),
  );
}
