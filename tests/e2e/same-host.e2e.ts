/**
 * Pages on the same host do not reach each other's records (issue #15, finding 2). A page anyone can publish on
 * the article's own host names the article as its canonical address: it is not treated as that article — its
 * content script gets none of the article's highlights, and reading or saving it from the popup leaves the
 * article's title, byline and saved copy as they were. The article's print page, which has the article's text
 * (the background reads it in the tab), still is the article.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { relocatePage } from '../../scripts/browser-harness.mjs';
import { chromiumSession, executablePath } from './chromium';
import {
  highlightWithKey,
  openPopup,
  readStore,
  type StoredArticle,
  tabIdOf,
  waitForHighlights,
} from './page-helpers';
import {
  ARTICLE,
  articleCopies,
  EXPECTED_RECORD,
  OTHER_SENTENCE,
  otherArticle,
  QUOTE,
  SOURCE,
} from './sample-article';

interface Stored {
  id: string;
  url: string;
  note: string;
  tags: string[];
}
interface StoredClipping {
  url: string;
  savedAt: number;
  article: { url: string; title: string; byline: string | null; text: string };
}

const NOTE = 'Ghi chú riêng: hỏi lại giá sấy';
/** Long enough for the content script to have loaded the page's highlights. */
const SETTLE_MS = 1000;
const TAGS = ['riêng tư', 'HTX'];

describe.skipIf(!executablePath)('pages on the same host (Chromium)', () => {
  const session = chromiumSession();
  const copies = articleCopies(() => session.server);
  let n = 0;

  const store = async <T>(name: string) => (await session.browser.worker.evaluate(readStore, name)) as T[];
  const keyOf = (url: string) => url.replace(/\/$/, '');

  /** Sends a Clipmark message from an extension page (the popup about `tabId`), as the popup does. */
  async function fromPopup(popup: Page, type: string, payload: unknown): Promise<unknown> {
    const reply = (await popup.evaluate(
      ([type, payload]) =>
        // biome-ignore lint/suspicious/noExplicitAny: `chrome` exists on extension pages.
        (globalThis as any).chrome.runtime.sendMessage({
          clipmark: 1,
          type,
          payload,
          requestId: crypto.randomUUID(),
        }),
      [type, payload] as const,
    )) as { ok: boolean; value?: unknown; error?: unknown };
    if (!reply.ok) throw new Error(`${type}: ${JSON.stringify(reply.error)}`);
    return reply.value;
  }

  /** What the page's content script holds: the highlights it drew and those it did not find. */
  async function pageStatus(popup: Page, tabId: number) {
    const reply = (await popup.evaluate(
      (id) =>
        // biome-ignore lint/suspicious/noExplicitAny: `chrome` exists on extension pages.
        (globalThis as any).chrome.tabs.sendMessage(id, { clipmark: 1, type: 'page.status', payload: {} }),
      tabId,
    )) as { ok: boolean; value: { anchored: string[]; orphans: string[]; canonical?: string } };
    return reply.value;
  }

  /**
   * The article, highlighted by the user, with a note and tags on the highlight; its record read and its copy
   * saved after the first highlight.
   */
  async function highlightedArticle() {
    const url = copies.serve(SOURCE);
    const page = await session.browser.context.newPage();
    await page.goto(url);
    await highlightWithKey(page, '[data-testid="quote-target"]');
    await waitForHighlights(page, 1);
    await expect
      .poll(async () => (await store<StoredClipping>('clippings')).some((c) => c.url === keyOf(url)))
      .toBe(true);
    const [made] = (await store<Stored>('highlights')).filter((h) => h.url === keyOf(url));
    if (!made) throw new Error('the highlight was not stored');
    const popup = await openPopup(
      session.browser.context,
      session.browser.extensionId,
      await tabIdOf(session.browser.worker, url),
    );
    await fromPopup(popup, 'highlight.update', { id: made.id, changes: { note: NOTE, tags: TAGS } });
    await popup.close();
    await page.close();
    const article = (await store<StoredArticle>('articles')).find((a) => a.url === keyOf(url));
    const clipping = (await store<StoredClipping>('clippings')).find((c) => c.url === keyOf(url));
    expect(article).toMatchObject(EXPECTED_RECORD);
    return { url, id: made.id, article, clipping };
  }

  it('gives a page on the same host that names the article as canonical nothing of it, and lets it change nothing', async () => {
    const victim = await highlightedArticle();

    // Anyone's page on the article's host: most of the article's text, but not the passage the user
    // highlighted; its own headline and byline; its <head> names the article as canonical.
    const attacker = `https://baonamdinh.vn/user-content/${9_200_000 + ++n}/bai-viet`;
    const hostile = otherArticle()
      .replaceAll(String(EXPECTED_RECORD.title), 'Bài viết mạo danh về lò sấy')
      .replaceAll(String(EXPECTED_RECORD.meta.byline), 'Kẻ Mạo Danh');
    session.server.setPage(attacker, relocatePage(hostile, ARTICLE.url, victim.url));
    const page = await session.browser.context.newPage();
    await page.goto(attacker);
    await page.waitForTimeout(SETTLE_MS);
    const tabId = await tabIdOf(session.browser.worker, attacker);
    const popup = await openPopup(session.browser.context, session.browser.extensionId, tabId);
    // The content script loaded the page's highlights: none, not even as "not found"; nor does the popup list any.
    expect(await pageStatus(popup, tabId)).toMatchObject({ anchored: [], orphans: [] });
    await popup.locator('p.empty').waitFor();
    expect(await popup.locator('li.highlight').count()).toBe(0);
    expect(await popup.locator('body').textContent()).not.toContain(NOTE);

    // The user highlights there: the highlight is the page's own.
    await highlightWithKey(page, '[data-testid="quote-target"]');
    expect(await waitForHighlights(page, 1)).toEqual([
      { color: 'yellow', text: OTHER_SENTENCE, startIn: 'quote-target' },
    ]);
    await expect
      .poll(async () => (await store<StoredClipping>('clippings')).some((c) => c.url === attacker))
      .toBe(true);
    const mine = (await store<Stored>('highlights')).filter((h) => h.url === attacker);
    expect(mine).toHaveLength(1);

    // The popup reads the page and saves its copy: both go to the page's own address.
    const info = (await fromPopup(popup, 'article.extract', { tabId })) as { clipping: unknown };
    expect(info.clipping).toEqual({ savedAt: expect.any(Number), differs: false });
    expect(await fromPopup(popup, 'clipping.save', { tabId })).toMatchObject({ url: attacker });

    // The article's records are as they were.
    const highlights = (await store<Stored>('highlights')).filter((h) => h.url === keyOf(victim.url));
    expect(highlights).toEqual([expect.objectContaining({ id: victim.id, note: NOTE, tags: TAGS })]);
    expect((await store<StoredArticle>('articles')).find((a) => a.url === keyOf(victim.url))).toEqual(
      victim.article,
    );
    expect((await store<StoredClipping>('clippings')).find((c) => c.url === keyOf(victim.url))).toEqual(
      victim.clipping,
    );
    await popup.close();
    await page.close();
  });

  it('still treats the article’s print page, which has its text, as the article', async () => {
    const victim = await highlightedArticle();
    const print = copies.printPageOf(victim.url);
    const page = await session.browser.context.newPage();
    await page.goto(print);
    // The background read the page's text in the tab: the article's highlight is drawn there.
    expect(await waitForHighlights(page, 1)).toEqual([
      { color: 'yellow', text: QUOTE, startIn: 'quote-target' },
    ]);
    const tabId = await tabIdOf(session.browser.worker, print);
    const popup = await openPopup(session.browser.context, session.browser.extensionId, tabId);
    await expect.poll(() => popup.locator('li.highlight').count()).toBe(1);
    expect((await pageStatus(popup, tabId)).canonical).toBe(victim.url);
    // Saving the copy from the print page saves the article's.
    expect(await fromPopup(popup, 'clipping.save', { tabId })).toMatchObject({ url: keyOf(victim.url) });
    await popup.close();
    await page.close();
  });
});
