/**
 * Finds Firefox for the Firefox end-to-end tests. Missing Firefox is loud: a skip locally, a failure when CI
 * is set (.ci/run installs firefox-esr).
 */
import { join } from 'node:path';
import { ROOT } from '../../scripts/browser-harness.mjs';
import { findFirefox, launchFirefox } from '../../scripts/firefox-harness.mjs';
import { browserSession, type PageServer } from '../e2e/session';

export const executablePath = findFirefox();

if (!executablePath) {
  const message =
    'Firefox was not found (set FIREFOX_PATH, or install it: `apt-get install -y firefox-esr`). ' +
    'The Firefox end-to-end tests cannot run.';
  if (process.env.CI) throw new Error(`${message} CI is set, so this is a failure.`);
  console.warn(`\n${'!'.repeat(100)}\n!! SKIPPING FIREFOX TESTS: ${message}\n${'!'.repeat(100)}\n`);
}

/** Where the Firefox tests put their screenshots and files. */
export const ARTIFACTS = join(ROOT, 'test-output/firefox');

export type Firefox = Awaited<ReturnType<typeof launchFirefox>>;

/**
 * One page server and one Firefox with the add-on for the tests of a `describe` block: started before the
 * first test, closed after the last. Read `session.server` and `session.firefox` inside the tests. `locale`
 * is the language Firefox runs in (`launchFirefox`), English unless asked.
 */
export function firefoxSession({ locale }: { locale?: string } = {}): {
  server: PageServer;
  firefox: Firefox;
} {
  const session = browserSession(ARTIFACTS, (port) =>
    launchFirefox({ executablePath: executablePath as string, port, locale }),
  );
  return {
    get server() {
      return session.server;
    },
    get firefox() {
      return session.browser;
    },
  };
}
