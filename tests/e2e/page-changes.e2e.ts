/**
 * Highlights on pages that change, and the popup's view of them: the site edits the article (a paragraph
 * inserted above, a word changed inside the quote, a passage removed); the user deletes from the popup and
 * undoes; the service worker is stopped in the middle of highlighting.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchBrowser,
  loadFixtures,
  ROOT,
  relocatePage,
  startPageServer,
} from '../../scripts/browser-harness.mjs';
import { executablePath } from './chromium';
import {
  dragSelect,
  highlightWithKey,
  openPopup,
  serviceWorkerStopper,
  tabIdOf,
  toolbarGone,
  waitForHighlights,
} from './page-helpers';

const fixture = loadFixtures().find((f) => f.slug === 'baonamdinh-article');
if (!fixture) throw new Error('fixture baonamdinh-article is missing');
const SOURCE = readFileSync(join(fixture.dir, 'source.html'), 'utf8');
const QUOTE = String(fixture.expected.quoteTarget);
const ARTIFACTS = join(ROOT, 'test-output');

describe.skipIf(!executablePath)('pages that change (Chromium)', () => {
  let server: Awaited<ReturnType<typeof startPageServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let n = 0;
  /** Each test gets its own article URL, so their highlights never mix. */
  const serve = (html: string, url?: string) => {
    const at = url ?? fixture.url.replace(/-(\d+)\/$/, `-${9_000_000 + ++n}/`);
    server.setPage(at, relocatePage(html, fixture.url, at));
    return at;
  };

  beforeAll(async () => {
    server = await startPageServer();
    browser = await launchBrowser({ executablePath: executablePath as string, port: server.port });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function popupFor(page: Page) {
    return openPopup(browser.context, browser.extensionId, await tabIdOf(browser.worker, page.url()));
  }

  it('lands on the right words after the site inserts a paragraph above and changes a word inside', async () => {
    const url = serve(SOURCE);
    const page = await browser.context.newPage();
    await page.goto(url);
    await highlightWithKey(page, '[data-testid="quote-target"]');
    await waitForHighlights(page, 1);

    const edited = QUOTE.replace('150 nghìn đồng', '160 nghìn đồng');
    const v2 = SOURCE.replace(
      '<p style="text-align: justify;" data-testid="repeat-1">',
      '<p data-testid="inserted">Cập nhật lúc 10 giờ: hợp tác xã bổ sung số liệu mới về giá sấy.</p>\n<p style="text-align: justify;" data-testid="repeat-1">',
    ).replace(QUOTE, edited);
    expect(v2).not.toBe(SOURCE);
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

  it('never lands on other words when the passage is deleted: the highlight is listed as not found, and kept', async () => {
    const url = serve(SOURCE);
    const page = await browser.context.newPage();
    await page.goto(url);
    await highlightWithKey(page, '[data-testid="quote-target"]');
    await waitForHighlights(page, 1);

    serve(SOURCE.replace(QUOTE, ''), url);
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
    const url = serve(SOURCE);
    const page = await browser.context.newPage();
    await page.goto(url);
    await highlightWithKey(page, '[data-testid="quote-target"]');
    await waitForHighlights(page, 1);

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
    const url = serve(SOURCE);
    const page = await browser.context.newPage();
    await page.goto(url);
    await highlightWithKey(page, '[data-testid="quote-target"]');
    await waitForHighlights(page, 1);

    // Version 2: the body ships in a <template> and a script puts it in place 1.5 s after load.
    const start = SOURCE.indexOf('<p style="text-align: justify;" data-testid="repeat-1">');
    const end = SOURCE.indexOf('</p>', SOURCE.indexOf('data-testid="repeat-2"')) + 4;
    const body = SOURCE.slice(start, end);
    const late = `${SOURCE.slice(0, start)}<div id="late-body"></div><template id="late">${body}</template>
<script>setTimeout(() => { document.getElementById('late-body').replaceWith(document.getElementById('late').content); }, 1500);</script>${SOURCE.slice(end)}`;
    serve(late, url);
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
    // The same article at another address; its <head> names `url` as canonical (as print and AMP pages do).
    const print = `https://baonamdinh.vn/print/${9_100_000 + ++n}`;
    server.setPage(print, relocatePage(SOURCE, fixture.url, url));
    const page = await browser.context.newPage();
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

  it('follows in-page navigation: the old page’s highlights go, the new page’s come', async () => {
    const urlA = serve(SOURCE);
    const other = SOURCE.replace(QUOTE, 'Trang B có một câu riêng để tô sáng trong đoạn này.');
    const urlB = serve(other);
    const page = await browser.context.newPage();
    await page.goto(urlB);
    await highlightWithKey(page, '[data-testid="quote-target"]');
    await waitForHighlights(page, 1);
    await page.goto(urlA);
    await highlightWithKey(page, '[data-testid="repeat-1"]', String(fixture.expected.repeatedPhrase));
    expect(await waitForHighlights(page, 1)).toMatchObject([{ startIn: 'repeat-1' }]);

    // The site swaps the article in place and pushes B's address, as single-page sites do.
    await page.evaluate(
      ({ html, url }) => {
        const next = new DOMParser().parseFromString(html, 'text/html');
        document.body.replaceWith(document.adoptNode(next.body));
        history.pushState(null, '', url);
      },
      { html: other, url: urlB },
    );
    await expect
      .poll(async () => (await waitForHighlights(page, 1)).map((h) => [h.startIn, h.text]), {
        timeout: 10_000,
      })
      .toEqual([['quote-target', 'Trang B có một câu riêng để tô sáng trong đoạn này.']]);
    await page.close();
  });

  it('loses nothing when the service worker is stopped in the middle of highlighting', async () => {
    const url = serve(SOURCE);
    const page = await browser.context.newPage();
    await page.goto(url);
    await waitForHighlights(page, 0);
    const stopWorkers = await serviceWorkerStopper(browser.context, browser.extensionId, page);

    await stopWorkers();
    await highlightWithKey(page, '[data-testid="quote-target"]');
    await stopWorkers();
    await highlightWithKey(page, '[data-testid="repeat-1"]', String(fixture.expected.repeatedPhrase));
    // Stop it again the moment the third write leaves (a selection spanning into a link).
    await dragSelect(page, '[data-testid="with-link"]', 'thực hiện theo hướng dẫn cơ giới hóa');
    const button = page.locator('clipmark-toolbar').getByRole('button', { name: 'Highlight', exact: true });
    await button.waitFor({ state: 'visible' });
    await page.keyboard.press('h');
    await stopWorkers();
    await toolbarGone(page);
    await waitForHighlights(page, 3);

    await stopWorkers();
    await page.reload();
    const drawn = await waitForHighlights(page, 3);
    expect(drawn.map((h) => h.startIn).sort()).toEqual(['quote-target', 'repeat-1', 'with-link']);
    await page.close();
  });
});
