/**
 * Highlights on pages that change, and the popup's view of them: the site edits the article (a paragraph
 * inserted above, a word changed inside the quote, a passage removed); the user deletes from the popup and
 * undoes; the service worker is stopped in the middle of highlighting.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/browser-harness.mjs';
import { chromiumSession, executablePath } from './chromium';
import {
  answersEveryMessageWhileTheBackgroundStops,
  drawsAtOnceWhileTheBackgroundSleeps,
  type FlowDriver,
  followsInPageNavigation,
  givesOlderHighlightsARawPosition,
  losesNothingWhenTheBackgroundStops,
  takesTheMarkOffWhenTheWriteIsRefused,
} from './page-change-flows';
import {
  highlightWithKey,
  openPopup,
  rawPageText,
  readStore,
  serviceWorkerStopper,
  tabIdOf,
  toolbarGone,
  toolbarOf,
  waitForHighlights,
} from './page-helpers';
import {
  articleCopies,
  editedVersion,
  lateBodyVersion,
  QUOTE,
  SOURCE,
  swapInPlace,
  withoutQuote,
} from './sample-article';

const ARTIFACTS = join(ROOT, 'test-output');

describe.skipIf(!executablePath)('pages that change (Chromium)', () => {
  const session = chromiumSession();
  /** Each test gets its own article URL, so their highlights never mix. */
  const copies = articleCopies(() => session.server);
  const serve = copies.serve;

  async function popupFor(page: Page) {
    return openPopup(
      session.browser.context,
      session.browser.extensionId,
      await tabIdOf(session.browser.worker, page.url()),
    );
  }

  /** A new copy of the article, open, its quote highlighted. */
  async function highlightedArticle() {
    const url = serve(SOURCE);
    const page = await session.browser.context.newPage();
    await page.goto(url);
    await highlightWithKey(page, '[data-testid="quote-target"]');
    await waitForHighlights(page, 1);
    return { url, page };
  }

  type Stored = { id: string; url: string; rawPosition?: { start: number; end: number } };
  /** The stored highlight of the page at `url` (each test has its own page, with one highlight). */
  async function storedOn(url: string): Promise<Stored | undefined> {
    const records = (await session.browser.worker.evaluate(readStore, 'highlights')) as Stored[];
    return records.find((r) => url.startsWith(r.url));
  }

  it('lands on the right words after the site inserts a paragraph above and changes a word inside', async () => {
    const { url, page } = await highlightedArticle();
    // Saved with where it was in the page's raw text, the hint that lets the next load check it there first.
    const saved = await storedOn(url);
    expect(saved?.rawPosition).toBeDefined();
    const raw = await page.evaluate(rawPageText);
    expect(raw.slice(saved?.rawPosition?.start, saved?.rawPosition?.end).replace(/\s+/g, ' ')).toBe(QUOTE);

    const { html: v2, edited } = editedVersion();
    serve(v2, url);
    await page.reload();
    const drawn = await waitForHighlights(page, 1);
    expect(drawn).toEqual([{ color: 'yellow', text: edited, startIn: 'quote-target' }]);

    const popup = await popupFor(page);
    const item = popup.locator('li.highlight');
    await expect.poll(() => item.count()).toBe(1);
    expect(await item.locator('.changed').textContent()).toContain('Text changed since you highlighted it.');
    expect(await item.locator('.changed-now').textContent()).toContain('160 nghìn đồng');
    expect(await item.locator('.quote').textContent()).toBe(QUOTE);
    await popup.screenshot({ path: join(ARTIFACTS, 'popup-text-changed.png') });
    await popup.close();
    await page.close();
  });

  it('gives a highlight saved without a raw position (older versions, the reader) one on the next visit', () =>
    givesOlderHighlightsARawPosition(driver, serve));

  it('never lands on other words when the passage is deleted: the highlight is listed as not found, and kept', async () => {
    const { url, page } = await highlightedArticle();

    serve(withoutQuote(), url);
    await page.reload();
    await page.waitForTimeout(1000);
    expect(await waitForHighlights(page, 0)).toEqual([]);

    const popup = await popupFor(page);
    const orphans = popup.locator('.orphans li.highlight');
    await expect.poll(() => orphans.count()).toBe(1);
    expect(await orphans.locator('.quote').textContent()).toBe(QUOTE);
    await popup.close();
    await page.close();
  });

  it('deletes from the popup, the page redraws, and undo brings it back', async () => {
    const { page } = await highlightedArticle();

    const popup = await popupFor(page);
    await popup.getByRole('button', { name: 'Delete this highlight' }).click();
    await popup.getByRole('status').getByText('Highlight deleted.').waitFor();
    await waitForHighlights(page, 0);
    expect(await popup.locator('li.highlight').count()).toBe(0);

    await popup.getByRole('button', { name: 'Undo' }).click();
    expect(await waitForHighlights(page, 1)).toEqual([
      { color: 'yellow', text: QUOTE, startIn: 'quote-target' },
    ]);
    await expect.poll(() => popup.locator('li.highlight').count()).toBe(1);
    await popup.close();
    await page.reload();
    await waitForHighlights(page, 1);
    await page.close();
  });

  it('draws a highlight when the article body arrives late, inserted by the page’s script', async () => {
    const { url, page } = await highlightedArticle();

    // Version 2: the body ships in a <template> and a script puts it in place 1.5 s after load.
    serve(lateBodyVersion(), url);
    await page.reload();
    await page.waitForTimeout(700);
    expect(await waitForHighlights(page, 0)).toEqual([]);
    expect(await waitForHighlights(page, 1)).toEqual([
      { color: 'yellow', text: QUOTE, startIn: 'quote-target' },
    ]);
    await page.close();
  });

  it('treats a print or mobile address that names its canonical one as the same article', async () => {
    const url = serve(SOURCE);
    // The same article at another address; its <head> names `url` as canonical.
    const print = copies.printPageOf(url);
    const page = await session.browser.context.newPage();
    await page.goto(print);
    await highlightWithKey(page, '[data-testid="quote-target"]');
    await waitForHighlights(page, 1);
    await page.goto(url);
    expect(await waitForHighlights(page, 1)).toEqual([
      { color: 'yellow', text: QUOTE, startIn: 'quote-target' },
    ]);
    const popup = await popupFor(page);
    await expect.poll(() => popup.locator('li.highlight').count()).toBe(1);
    await popup.close();
    await page.close();
  });

  const driver: FlowDriver<Page> = {
    newPage: () => session.browser.context.newPage(),
    highlightWithKey,
    toolbarGone,
    waitForHighlights,
    swapInPlace: (page, html, url) => page.evaluate(swapInPlace, { html, url }),
    backgroundStopper: (page) =>
      serviceWorkerStopper(session.browser.context, session.browser.extensionId, page),
    inExtension: (fn, arg) => session.browser.worker.evaluate(fn as never, arg as never) as never,
    async openExtensionPage() {
      const page = await session.browser.context.newPage();
      await page.goto(`chrome-extension://${session.browser.extensionId}/popup.html`);
      return page;
    },
    evaluate: (page, fn, arg) => page.evaluate(fn as never, arg as never) as never,
    toolbarAlerts: async (page) => (await toolbarOf(page)).alerts,
  };

  it('follows in-page navigation: the old page’s highlights go, the new page’s come', () =>
    followsInPageNavigation(driver, serve));

  it('loses nothing when the service worker is stopped in the middle of highlighting', () =>
    losesNothingWhenTheBackgroundStops(driver, serve));

  it('draws the highlight on the key press while the background is stopped, and saves it', () =>
    drawsAtOnceWhileTheBackgroundSleeps(driver, serve));

  it('takes the mark off again and says why when the background refuses the write', () =>
    takesTheMarkOffWhenTheWriteIsRefused(driver, serve));

  it('answers every message, or fails it with an error the sender retries, while the worker keeps stopping', () =>
    answersEveryMessageWhileTheBackgroundStops(driver));
});
