/**
 * Clippings in Firefox, as in tests/e2e/clipping.e2e.ts and tests/e2e/reader.e2e.ts for Chromium (the flows are
 * shared, tests/e2e/user-flows.ts): save a copy from the popup; the popup's "edited since saved" view lists
 * exactly the highlights an edit touched; with the article gone (404) the reader page shows the saved copy and
 * its highlights, and a highlight made there is found again on the live page; the add-on's pages keep their
 * Content Security Policy in Firefox too. One Firefox for all four.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIREFOX_EXTENSION_DIR } from '../../scripts/firefox-harness.mjs';
import { type CspProbe, parseCsp, probeCsp, REQUIRED_CSP } from '../e2e/csp-probe';
import { articleCopies } from '../e2e/sample-article';
import {
  listsTheHighlightsAnEditTouched,
  readsTheSavedCopyOffline,
  savesACopyFromThePopup,
} from '../e2e/user-flows';
import { executablePath, firefoxSession } from './firefox';
import { firefoxDriver } from './page-helpers';

describe.skipIf(!executablePath)('clippings and the reader page (Firefox)', () => {
  const session = firefoxSession();
  const driver = firefoxDriver(() => session.firefox);
  /** Each popup test gets its own article URL; the reader test uses the article's own. */
  const serve = articleCopies(() => session.server).serve;

  it('saves a copy of an article from the popup', () => savesACopyFromThePopup(driver, serve));

  it('lists exactly the highlights an edit touched, saved and current text side by side', () =>
    listsTheHighlightsAnEditTouched(driver, serve));

  it('shows the saved copy offline with its highlights, and a highlight made there appears on the live page', () =>
    readsTheSavedCopyOffline(driver, session.server));

  // The harness installs a copy whose policy is Firefox's default instead of the manifest's, with `eval` added
  // for puppeteer (scripts/firefox-harness.mjs, `testCopy`): every other directive is in force, as here.
  it('refuses inline code, remote images and fetch() on its pages (Content Security Policy)', async () => {
    const built = JSON.parse(readFileSync(join(FIREFOX_EXTENSION_DIR, 'manifest.json'), 'utf8'));
    expect(parseCsp(built.content_security_policy?.extension_pages ?? '')).toMatchObject(REQUIRED_CSP);
    const tracker = 'tracker.clipmark.test';
    const before = session.server.requests.length;
    const probes: Record<string, CspProbe> = {};
    for (const path of ['popup.html', 'library.html', 'reader.html?url=https%3A%2F%2Fexample.org%2Fnone']) {
      const page = await driver.newPage();
      await driver.gotoExtensionPage(page, path);
      probes[path.replace(/\?.*/, '')] = await driver.evaluate(page, probeCsp, `https://${tracker}`);
      await page.close();
    }
    const refused = {
      inlineScriptRan: false,
      inlineStyleApplied: false,
      imageLoaded: false,
      fetchAnswered: false,
      violations: expect.arrayContaining(['connect-src', 'img-src', 'script-src-elem']),
    };
    expect(probes).toEqual({ 'popup.html': refused, 'library.html': refused, 'reader.html': refused });
    expect([...session.firefox.tunnel.targets].filter((t) => t.includes(tracker))).toEqual([]);
    expect(session.server.requests.slice(before)).toEqual([]);
  });
});
