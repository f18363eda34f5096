/**
 * Sync in Firefox, A → B (issue 23; the full set is tests/e2e/sync.e2e.ts in Chromium): two Firefox profiles
 * with the built add-on and pouchdb-server on 127.0.0.1 behind the harness's Basic-auth front. Set up through
 * the library's Sync section with clicks and keys; a highlight made on A with the `h` key is drawn on the live
 * page on B. Firefox's background is an event page, its host permissions can be withdrawn (the settings page
 * asks for the server's origin), and its pages keep their own `connect-src 'none'`.
 */
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPageServer } from '../../scripts/browser-harness.mjs';
import { launchFirefox } from '../../scripts/firefox-harness.mjs';
import { readStore } from '../e2e/page-helpers';
import { ARTICLE, QUOTE } from '../e2e/sample-article';
import { type RunningServer, startBasicAuthProxy, startPouchServer } from '../support/pouchdb-server';
import { ARTIFACTS, executablePath, type Firefox } from './firefox';
import { fill, highlightWithKey, openExtensionPage, waitForHighlights } from './page-helpers';

const USER = 'nhà nghiên cứu';
const PASSWORD = 'mật khẩu đúng';

/** Clicks the button named `name` (its text) in `page`. */
async function clickButton(page: Page, name: string): Promise<void> {
  const buttons = await page.$$('button');
  for (const button of buttons) {
    if ((await button.evaluate((b) => b.textContent)) === name) {
      await button.click();
      return;
    }
  }
  throw new Error(`no button "${name}"`);
}

/** Clicks a button of the Sync section and waits for the run it starts to be over; answers the state's text. */
async function syncBy(page: Page, name: string): Promise<string> {
  const before = await page.$eval('.sync-state', (e) => e.getAttribute('data-last-run'));
  await clickButton(page, name);
  await page.waitForFunction(
    (previous) => {
      const state = document.querySelector('.sync-state');
      return (
        state?.getAttribute('data-last-run') !== previous && state?.getAttribute('aria-busy') === 'false'
      );
    },
    { timeout: 60_000 },
    before,
  );
  return page.$eval('.sync-state', (e) => e.textContent ?? '');
}

async function configure(library: Page, server: string): Promise<string> {
  if (!(await library.$('.sync'))) await clickButton(library, 'Sync settings');
  await fill(library, 'input[name="server"]', server);
  await fill(library, 'input[name="database"]', 'clipmark');
  await fill(library, 'input[name="username"]', USER);
  await fill(library, 'input[name="password"]', PASSWORD);
  return syncBy(library, 'Save and sync');
}

describe.skipIf(!executablePath)('sync between two Firefox profiles (A → B)', () => {
  let pages: Awaited<ReturnType<typeof startPageServer>>;
  let couch: RunningServer;
  let front: RunningServer;
  let a: Firefox;
  let b: Firefox;

  beforeAll(async () => {
    pages = await startPageServer();
    couch = await startPouchServer();
    front = await startBasicAuthProxy(couch.url, USER, PASSWORD);
    a = await launchFirefox({ executablePath: executablePath as string, port: pages.port });
    b = await launchFirefox({ executablePath: executablePath as string, port: pages.port });
  }, 120_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await front?.stop();
    await couch?.stop();
    await pages?.close();
  });

  it('a highlight made on A is drawn on the live page on B', async () => {
    const libraryA = await openExtensionPage(a, 'library.html');
    expect(await configure(libraryA, front.url)).toMatch(/Last sync .+: sent \d+, received \d+\./);

    const page = await a.browser.newPage();
    await page.goto(ARTICLE.url);
    await highlightWithKey(page, '[data-testid="quote-target"]');
    await waitForHighlights(page, 1);
    await libraryA.bringToFront();
    expect(await syncBy(libraryA, 'Sync now')).toMatch(/sent [1-9]\d*/);
    await libraryA.screenshot({ path: join(ARTIFACTS, 'sync-section.png') });

    const libraryB = await openExtensionPage(b, 'library.html');
    expect(await configure(libraryB, front.url)).toMatch(/received [1-9]\d*/);
    const stored = (await libraryB.evaluate(readStore, 'highlights')) as { quote: { exact: string } }[];
    expect(stored.map((h) => h.quote.exact)).toEqual([QUOTE]);
    const onB = await b.browser.newPage();
    await onB.goto(ARTICLE.url);
    expect((await waitForHighlights(onB, 1)).map((h) => h.text)).toEqual([QUOTE]);
  }, 180_000);
});
