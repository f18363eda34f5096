/**
 * The side panel in Firefox (its sidebar: `sidebar_action`), as tests/e2e/side-panel.e2e.ts does it in Chromium.
 * Automation cannot open the sidebar, so the panel's page is opened in a window of its own, following the
 * article window's active tab (`sidepanel.html?window=<id>`): the page's highlights in reading order (made in
 * another order), an accent-free search, a click that scrolls the article to the passage, another tab and back.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/browser-harness.mjs';
import { gotoExtensionPage } from '../../scripts/firefox-harness.mjs';
import { articleCopies, otherArticle, QUOTE, SOURCE } from '../e2e/sample-article';
import { ARTIFACTS, executablePath, firefoxSession } from './firefox';
import { highlightWithKey, poll, texts, waitForHighlights } from './page-helpers';

const LONG = SOURCE.replace(
  /<p[^>]*data-testid="repeat-2"/,
  (p) => `<div style="height: 2400px" data-testid="gap"></div>${p}`,
);
const EMPTY_PAGE: string = JSON.parse(readFileSync(join(ROOT, 'public/_locales/en/messages.json'), 'utf8'))
  .emptyPage.message;
const FAR = 'lò hoạt động liên tục cả ngày lẫn đêm';
const NEAR = 'gần 320 ha lúa';

/** Whether the page shows `phrase` (in the first text of `selector`) in its viewport. */
function inView(page: Page, selector: string, phrase: string): Promise<boolean> {
  return page.evaluate(
    (sel, text) => {
      const node = (document.querySelector(sel) as HTMLElement).firstChild as Text;
      const start = node.data.indexOf(text);
      const range = document.createRange();
      range.setStart(node, start);
      range.setEnd(node, start + text.length);
      const rect = range.getBoundingClientRect();
      return rect.top >= 0 && rect.bottom <= innerHeight;
    },
    selector,
    phrase,
  );
}

describe.skipIf(!executablePath)('the side panel (Firefox)', () => {
  const session = firefoxSession();
  const copies = articleCopies(() => session.server);

  it('lists the page’s highlights in reading order, searches, shows a passage on the page, follows tabs', async () => {
    const { browser, origin } = session.firefox;
    const url = copies.serve(LONG);
    const page = await browser.newPage();
    await page.goto(url);
    await highlightWithKey(page, '[data-testid="repeat-2"]', FAR);
    await waitForHighlights(page, 1);
    await highlightWithKey(page, '[data-testid="quote-target"]');
    await waitForHighlights(page, 2);
    await highlightWithKey(page, '[data-testid="repeat-1"]', NEAR);
    await waitForHighlights(page, 3);

    // The panel in a window of its own, following the article's window.
    const helper = await browser.newPage();
    await gotoExtensionPage(helper, `${origin}/popup.html`);
    const windowId = await helper.evaluate(async (u) => {
      // @ts-expect-error `browser` exists in the add-on's pages.
      const api = globalThis.browser;
      const [tab] = await api.tabs.query({ url: u });
      const path = `/sidepanel.html?window=${tab.windowId}`;
      await api.windows.create({ url: api.runtime.getURL(path), type: 'popup', width: 380, height: 900 });
      return tab.windowId as number;
    }, url);
    const before = new Set([page, helper]);
    // Closing the helper tab makes the article the active tab of its window again.
    await helper.close();
    const panel = await poll(async () => {
      for (const p of await browser.pages()) {
        if (before.has(p)) continue;
        const href = await p.evaluate(() => location.href).catch(() => '');
        if (href.endsWith(`/sidepanel.html?window=${windowId}`)) return p;
      }
      return undefined;
    });
    const quotes = () => texts(panel, 'li.highlight .quote');
    await expect.poll(quotes, { timeout: 15_000 }).toEqual([NEAR, QUOTE, FAR]);
    await panel.screenshot({ path: join(ARTIFACTS, 'side-panel.png') });

    // Search without accents, with the keys.
    await panel.click('input[type="search"]');
    await panel.keyboard.type('ngay lan dem');
    await expect.poll(quotes, { timeout: 10_000 }).toEqual([FAR]);
    expect(await texts(panel, 'li.highlight mark')).toEqual(['ngày', 'lẫn', 'đêm']);

    // A click on it scrolls the article to the passage.
    await page.evaluate(() => window.scrollTo(0, 0));
    expect(await inView(page, '[data-testid="repeat-2"]', FAR)).toBe(false);
    await panel.click('li.highlight button.open');
    await expect.poll(() => inView(page, '[data-testid="repeat-2"]', FAR), { timeout: 10_000 }).toBe(true);

    // Another tab in the article's window, then back.
    const other = copies.serve(otherArticle());
    const tabs = await panel.evaluate(
      async (w, address, article) => {
        // @ts-expect-error `browser` exists in the add-on's pages.
        const api = globalThis.browser;
        const [tab] = await api.tabs.query({ url: article });
        const created = await api.tabs.create({ windowId: w, url: address, active: true });
        return { article: tab.id as number, other: created.id as number };
      },
      windowId,
      other,
      url,
    );
    await expect.poll(() => texts(panel, '.empty'), { timeout: 15_000 }).toEqual([EMPTY_PAGE]);
    await panel.evaluate(async (id) => {
      // @ts-expect-error see above.
      await globalThis.browser.tabs.update(id, { active: true });
    }, tabs.article);
    // The search typed is still there: this page's match again.
    await expect.poll(quotes, { timeout: 15_000 }).toEqual([FAR]);
    await panel.evaluate(async (id) => {
      // @ts-expect-error see above.
      await globalThis.browser.tabs.remove(id);
    }, tabs.other);
  });
});
