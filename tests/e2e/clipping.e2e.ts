/**
 * Clippings from the popup, as a user meets them in Chromium: save a copy of an article from the popup; after
 * highlighting (which saves a copy by itself) the site edits the article — the popup says so and lists
 * exactly the highlights the edit touched, the saved and the current text side by side.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchBrowser,
  loadFixtures,
  ROOT,
  relocatePage,
  startPageServer,
} from '../../scripts/browser-harness.mjs';
import { executablePath } from './chromium';
import { highlightWithKey, openPopup, tabIdOf, waitForHighlights } from './page-helpers';

const fixture = loadFixtures().find((f) => f.slug === 'baonamdinh-article');
if (!fixture) throw new Error('fixture baonamdinh-article is missing');
const SOURCE = readFileSync(join(fixture.dir, 'source.html'), 'utf8');
const QUOTE = String(fixture.expected.quoteTarget);
const REMOVED = 'Việc đầu tư được hợp tác xã thực hiện';
const KEPT = 'Lực lượng công an xã cũng giảm hẳn số lần';
const ARTIFACTS = join(ROOT, 'test-output');

/** Clipping keys saved in the extension's database, read in its service worker. */
function clippingUrls(worker: Worker): Promise<string[]> {
  return worker.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('clipmark');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('clippings').objectStore('clippings').getAllKeys();
          request.onsuccess = () => {
            resolve(request.result as string[]);
            open.result.close();
          };
          request.onerror = () => reject(request.error);
        };
      }),
  );
}

describe.skipIf(!executablePath)('clippings in the popup (Chromium)', () => {
  let server: Awaited<ReturnType<typeof startPageServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let n = 0;
  /** Each test gets its own article URL. */
  const serve = (html: string, url?: string) => {
    const at = url ?? fixture.url.replace(/-(\d+)\/$/, `-${8_000_000 + ++n}/`);
    server.setPage(at, relocatePage(html, fixture.url, at));
    return at;
  };
  const keyOf = (url: string) => url.replace(/\/$/, '');

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
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

  it('saves a copy of an article from the popup', async () => {
    const url = serve(SOURCE);
    const page = await browser.context.newPage();
    await page.goto(url);
    const popup = await popupFor(page);
    const save = popup.getByRole('button', { name: 'Save a copy of this article' });
    await save.click();
    await popup.getByRole('button', { name: 'Open saved copy' }).waitFor();
    expect(await popup.locator('.clipping').textContent()).toContain('Copy saved');
    expect(await clippingUrls(browser.worker)).toContain(keyOf(url));
    await popup.close();
    await page.close();
  });

  it('lists exactly the highlights an edit touched, saved and current text side by side', async () => {
    const url = serve(SOURCE);
    const page = await browser.context.newPage();
    await page.goto(url);
    await highlightWithKey(page, '[data-testid="quote-target"]');
    await highlightWithKey(page, '[data-testid="with-link"]', REMOVED);
    await highlightWithKey(page, '[data-testid="repeat-2"]', KEPT);
    await waitForHighlights(page, 3);
    // The first highlight saved a copy of the article by itself (the setting is on by default).
    await expect.poll(() => clippingUrls(browser.worker), { timeout: 15_000 }).toContain(keyOf(url));

    // The site edits the article: a figure changes inside the first quote, the second one's paragraph goes.
    const changed = QUOTE.replace('150 nghìn đồng', '160 nghìn đồng');
    const v2 = SOURCE.replace(QUOTE, changed).replace(
      /<p[^>]*data-testid="with-link"[^>]*>[\s\S]*?<\/p>/,
      '',
    );
    expect(v2).not.toContain(REMOVED);
    serve(v2, url);
    await page.reload();
    await waitForHighlights(page, 2);

    const popup = await popupFor(page);
    const edited = popup.locator('.edited');
    await edited.waitFor({ timeout: 15_000 });
    expect(await edited.locator('h3').textContent()).toBe('The article changed since you saved it');
    const rows = await edited.locator('.change').evaluateAll((items) =>
      items.map((li) => ({
        saved: li.querySelector('.saved')?.textContent,
        now: li.querySelector('.now')?.textContent,
      })),
    );
    expect(rows).toEqual(
      [
        { saved: REMOVED, now: 'No longer on the page' },
        { saved: QUOTE, now: changed },
      ].sort((a, b) => SOURCE.indexOf(a.saved) - SOURCE.indexOf(b.saved)),
    );
    await popup.screenshot({ path: join(ARTIFACTS, 'popup-edited-since-saved.png'), fullPage: true });
    await popup.close();
    await page.close();
  });
});
