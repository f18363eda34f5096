/**
 * The reader page in Chromium: highlight on the live article (the background keeps a clipping), take the page
 * away (404), read the saved copy with its highlight on the right words, highlight there, and find that new
 * highlight on the live article once it is back.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loadFixtures, ROOT, startPageServer } from '../../scripts/browser-harness.mjs';
import { executablePath } from './chromium';
import { dragSelect, highlightWithKey, waitForHighlights } from './page-helpers';

const ARTICLE = (() => {
  const found = loadFixtures().find((f) => f.slug === 'baonamdinh-article');
  if (!found) throw new Error('fixture baonamdinh-article is missing');
  return found;
})();
const EXPECTED = ARTICLE.expected as { title: string; quoteTarget: string; bodyMustContain: string[] };
const ARTIFACTS = join(ROOT, 'test-output');
const NEW_PHRASE = 'Lò dùng nhiên liệu là trấu ép nên chi phí vận hành thấp';

/** The saved clippings' addresses, read in the extension's origin (pass to the service worker's evaluate). */
function storedClippings(): Promise<{ url: string; savedAt: number }[]> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('clipmark');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('clippings')) {
        db.close();
        return resolve([]);
      }
      const request = db.transaction('clippings').objectStore('clippings').getAll();
      request.onsuccess = () => {
        resolve(
          request.result.map((c: { url: string; savedAt: number }) => ({ url: c.url, savedAt: c.savedAt })),
        );
        db.close();
      };
      request.onerror = () => reject(request.error);
    };
  });
}

describe.skipIf(!executablePath)('reader page (Chromium)', () => {
  let server: Awaited<ReturnType<typeof startPageServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startPageServer();
    browser = await launchBrowser({ executablePath: executablePath as string, port: server.port });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the saved copy offline with its highlights, and a highlight made there appears on the live page', async () => {
    const page = await browser.context.newPage();
    await page.goto(ARTICLE.url);
    await highlightWithKey(page, '[data-testid="quote-target"]');
    await waitForHighlights(page, 1);
    // The first highlight on an article saves a clipping (autoClip is on by default).
    await expect
      .poll(async () => (await browser.worker.evaluate(storedClippings)).length, { timeout: 20_000 })
      .toBe(1);

    // The site takes the article down.
    server.setPage(ARTICLE.url, null);
    const gone = await browser.context.newPage();
    const response = await gone.goto(ARTICLE.url);
    expect(response?.status()).toBe(404);
    await gone.close();

    const reader = await browser.context.newPage();
    const requests: string[] = [];
    reader.on('request', (request) => {
      if (!request.url().startsWith('chrome-extension://')) requests.push(request.url());
    });
    await reader.goto(
      `chrome-extension://${browser.extensionId}/reader.html?url=${encodeURIComponent(ARTICLE.url)}`,
    );
    await reader.locator('h1').waitFor();
    expect(await reader.locator('h1').textContent()).toBe(EXPECTED.title);
    const body = (await reader.locator('.reader-body').textContent()) ?? '';
    for (const sentence of EXPECTED.bodyMustContain) expect(body).toContain(sentence);
    expect(await reader.locator('.paper-line').textContent()).toContain('9 Nov 2026, 07:45 (GMT+7)');
    expect(await reader.locator('a.original').getAttribute('rel')).toBe('noopener noreferrer');
    const [drawn] = await waitForHighlights(reader, 1);
    expect(drawn?.text).toBe(EXPECTED.quoteTarget);
    expect(await reader.locator('.reader-item .quote-text').allTextContents()).toEqual([
      EXPECTED.quoteTarget,
    ]);
    await reader.screenshot({ path: join(ARTIFACTS, 'reader.png'), fullPage: true });

    // Highlight in the reader with the toolbar.
    await dragSelect(reader, '.reader-body', NEW_PHRASE);
    const toolbar = reader.getByRole('toolbar');
    await toolbar.getByRole('button', { name: 'Green' }).click();
    await reader.screenshot({ path: join(ARTIFACTS, 'reader-toolbar.png') });
    await toolbar.getByRole('button', { name: 'Highlight', exact: true }).click();
    await toolbar.waitFor({ state: 'hidden' });
    const both = await waitForHighlights(reader, 2);
    expect(both).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ color: 'green', text: NEW_PHRASE }),
        expect.objectContaining({ color: 'yellow', text: EXPECTED.quoteTarget }),
      ]),
    );
    // Reading order in the list: the new passage comes first in the article.
    expect(await reader.locator('.reader-item .quote-text').allTextContents()).toEqual([
      NEW_PHRASE,
      EXPECTED.quoteTarget,
    ]);

    // Clicking a highlight opens the editor: tag it there.
    const box = await reader.evaluate((phrase) => {
      const walker = document.createTreeWalker(
        document.querySelector('.reader-body') as Node,
        NodeFilter.SHOW_TEXT,
      );
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const at = (n as Text).data.indexOf(phrase);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(n, at + 3);
        range.setEnd(n, at + 4);
        const r = range.getBoundingClientRect();
        return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
      }
      throw new Error('phrase not found');
    }, NEW_PHRASE);
    await reader.mouse.click(box.x, box.y);
    const dialog = reader.getByRole('dialog', { name: 'Edit highlight' });
    await dialog.getByText(NEW_PHRASE).waitFor();
    await dialog.getByLabel('Add tags').fill('chi phí');
    await reader.keyboard.press('Enter');
    await reader.screenshot({ path: join(ARTIFACTS, 'reader-editor.png') });
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await reader.locator('.reader-item .tag').allTextContents()).toEqual(['chi phí']);

    await reader.emulateMedia({ colorScheme: 'dark' });
    await reader.screenshot({ path: join(ARTIFACTS, 'reader-dark.png') });
    // Nothing was fetched from the network for the saved copy.
    expect(requests).toEqual([]);

    // The site puts the article back: the highlight made in the reader is drawn on the same words.
    server.setPage(ARTICLE.url, readFileSync(join(ARTICLE.dir, 'source.html'), 'utf8'));
    await page.bringToFront();
    await page.reload();
    const live = await waitForHighlights(page, 2);
    expect(live).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ color: 'green', text: NEW_PHRASE }),
        expect.objectContaining({ color: 'yellow', text: EXPECTED.quoteTarget }),
      ]),
    );
    await page.screenshot({ path: join(ARTIFACTS, 'reader-live-after.png') });
    await reader.close();
    await page.close();
  });
});
