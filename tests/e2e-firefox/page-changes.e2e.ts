/**
 * Highlights on pages that change, in Firefox, as in tests/e2e/page-changes.e2e.ts for Chromium: the site
 * edits the article at the same address (a paragraph inserted above, a word changed inside the quote) or
 * removes the passage; the body arrives late; a print address names the article's as canonical; the page
 * navigates in place (pushState); the user deletes from the popup and undoes; the background (an event page
 * in Firefox) is stopped in the middle of highlighting.
 */
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { openPopupFor } from '../../scripts/firefox-harness.mjs';
import {
  answersEveryMessageWhileTheBackgroundStops,
  drawsAtOnceWhileTheBackgroundSleeps,
  type FlowDriver,
  followsInPageNavigation,
  givesOlderHighlightsARawPosition,
  losesNothingWhenTheBackgroundStops,
  takesTheMarkOffWhenTheWriteIsRefused,
} from '../e2e/page-change-flows';
import {
  articleCopies,
  editedVersion,
  lateBodyVersion,
  QUOTE,
  SOURCE,
  swapInPlace,
  withoutQuote,
} from '../e2e/sample-article';
import { ARTIFACTS, executablePath, firefoxSession } from './firefox';
import {
  highlightWithKey,
  openExtensionPage,
  texts,
  toolbarGone,
  toolbarOf,
  waitForHighlights,
} from './page-helpers';

const DRAWN_QUOTE = { color: 'yellow', text: QUOTE, startIn: 'quote-target' };

describe.skipIf(!executablePath)('pages that change (Firefox)', () => {
  const session = firefoxSession();
  /** Each test gets its own article URL, so their highlights never mix. */
  const copies = articleCopies(() => session.server);
  const serve = copies.serve;

  /** A tab showing a fresh copy of the article with the quote highlighted. */
  async function highlightedArticle(): Promise<{ url: string; page: Page }> {
    const url = serve(SOURCE);
    const page = await session.firefox.browser.newPage();
    await page.goto(url);
    await highlightWithKey(page, '[data-testid="quote-target"]');
    await waitForHighlights(page, 1);
    return { url, page };
  }

  it('lands on the right words after the site inserts a paragraph above and changes a word inside', async () => {
    const { url, page } = await highlightedArticle();
    const { html, edited } = editedVersion();
    serve(html, url);
    await page.reload();
    expect(await waitForHighlights(page, 1)).toEqual([{ ...DRAWN_QUOTE, text: edited }]);

    const popup = await openPopupFor(session.firefox, url);
    await popup.waitForSelector('li.highlight .changed', { timeout: 10_000 });
    expect(await texts(popup, 'li.highlight .changed')).toEqual([
      expect.stringContaining('Text changed since you highlighted it.'),
    ]);
    expect(await texts(popup, 'li.highlight .changed-now')).toEqual([
      expect.stringContaining('160 nghìn đồng'),
    ]);
    expect(await texts(popup, 'li.highlight .quote')).toEqual([QUOTE]);
    await popup.screenshot({ path: join(ARTIFACTS, 'popup-text-changed.png') });
    await popup.close();
    await page.close();
  });

  it('never lands on other words when the passage is deleted: the highlight is listed as not found, and kept', async () => {
    const { url, page } = await highlightedArticle();
    serve(withoutQuote(), url);
    await page.reload();
    await new Promise((done) => setTimeout(done, 1000));
    expect(await waitForHighlights(page, 0)).toEqual([]);

    const popup = await openPopupFor(session.firefox, url);
    await popup.waitForSelector('.orphans li.highlight', { timeout: 10_000 });
    expect(await texts(popup, '.orphans li.highlight .quote')).toEqual([QUOTE]);
    await popup.close();
    await page.close();
  });

  it('deletes from the popup, the page redraws, and undo brings it back', async () => {
    const { url, page } = await highlightedArticle();
    const popup = await openPopupFor(session.firefox, url);
    await popup.locator('button[aria-label="Delete this highlight"]').click();
    await popup.waitForSelector('[role="status"] ::-p-text(Highlight deleted.)');
    await waitForHighlights(page, 0);
    expect(await popup.$$('li.highlight')).toHaveLength(0);

    await popup.locator('[role="status"] button ::-p-text(Undo)').click();
    expect(await waitForHighlights(page, 1)).toEqual([DRAWN_QUOTE]);
    await popup.waitForSelector('li.highlight');
    await popup.close();
    await page.reload();
    await waitForHighlights(page, 1);
    await page.close();
  });

  it('draws a highlight when the article body arrives late, inserted by the page’s script', async () => {
    const { url, page } = await highlightedArticle();
    serve(lateBodyVersion(), url);
    await page.reload();
    await new Promise((done) => setTimeout(done, 700));
    expect(await waitForHighlights(page, 0)).toEqual([]);
    expect(await waitForHighlights(page, 1)).toEqual([DRAWN_QUOTE]);
    await page.close();
  });

  it('treats a print or mobile address that names its canonical one as the same article', async () => {
    const url = serve(SOURCE);
    // The same article at another address; its <head> names `url` as canonical.
    const print = copies.printPageOf(url);
    const page = await session.firefox.browser.newPage();
    await page.goto(print);
    await highlightWithKey(page, '[data-testid="quote-target"]');
    await waitForHighlights(page, 1);
    await page.goto(url);
    expect(await waitForHighlights(page, 1)).toEqual([DRAWN_QUOTE]);
    const popup = await openPopupFor(session.firefox, url);
    await popup.waitForSelector('li.highlight', { timeout: 10_000 });
    expect(await texts(popup, 'li.highlight .quote')).toEqual([QUOTE]);
    await popup.close();
    await page.close();
  });

  const driver: FlowDriver<Page> = {
    newPage: () => session.firefox.browser.newPage(),
    highlightWithKey,
    toolbarGone,
    waitForHighlights,
    swapInPlace: (page, html, url) => page.evaluate(swapInPlace, { html, url }),
    backgroundStopper: async () => () => session.firefox.stopBackground(),
    openExtensionPage: () => openExtensionPage(session.firefox, 'popup.html'),
    evaluate: (page, fn, arg) => page.evaluate(fn as never, arg as never) as never,
    toolbarAlerts: async (page) => (await toolbarOf(page)).alerts,
    async inExtension(fn, arg) {
      const page = await openExtensionPage(session.firefox, 'popup.html');
      try {
        return (await page.evaluate(fn as never, arg as never)) as never;
      } finally {
        await page.close();
      }
    },
  };

  it('follows in-page navigation: the old page’s highlights go, the new page’s come', () =>
    followsInPageNavigation(driver, serve));

  it('loses nothing when the background is stopped in the middle of highlighting', () =>
    losesNothingWhenTheBackgroundStops(driver, serve));

  it('draws the highlight on the key press while the background is stopped, and saves it', () =>
    drawsAtOnceWhileTheBackgroundSleeps(driver, serve));

  it('takes the mark off again and says why when the background refuses the write', () =>
    takesTheMarkOffWhenTheWriteIsRefused(driver, serve));

  it('gives a highlight saved without a raw position (older versions, the reader) one on the next visit', () =>
    givesOlderHighlightsARawPosition(driver, serve));

  it('answers every message, or fails it with an error the sender retries, while the background keeps stopping', () =>
    answersEveryMessageWhileTheBackgroundStops(driver));
});
