/**
 * Finds Firefox for the Firefox end-to-end tests. Missing Firefox is loud: a skip locally, a failure when CI
 * is set (.ci/run installs firefox-esr).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { ROOT, startPageServer } from '../../scripts/browser-harness.mjs';
import { findFirefox, launchFirefox } from '../../scripts/firefox-harness.mjs';

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

export type PageServer = Awaited<ReturnType<typeof startPageServer>>;
export type Firefox = Awaited<ReturnType<typeof launchFirefox>>;

/**
 * One page server and one Firefox with the add-on for the tests of a `describe` block: started before the
 * first test, closed after the last. Read `session.server` and `session.firefox` inside the tests.
 */
export function firefoxSession(): { server: PageServer; firefox: Firefox } {
  const session = {} as { server: PageServer; firefox: Firefox };
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    session.server = await startPageServer();
    session.firefox = await launchFirefox({
      executablePath: executablePath as string,
      port: session.server.port,
    });
  });
  afterAll(async () => {
    await session.firefox?.close();
    await session.server?.close();
  });
  return session;
}
