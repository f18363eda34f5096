import { join } from 'node:path';
import type { Worker } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loadFixtures, ROOT } from '../../scripts/browser-harness.mjs';
import { chromiumSession, executablePath } from './chromium';
import {
  clickToolbar,
  dragSelect,
  openPopup,
  readStore,
  type StoredArticle,
  tabIdOf,
  toolbarGone,
  waitForHighlights,
} from './page-helpers';
import { EXPECTED_RECORD } from './sample-article';

const fixtures = loadFixtures();
const fixture = (slug: string) => {
  const found = fixtures.find((f) => f.slug === slug);
  if (!found) throw new Error(`fixture ${slug} is missing`);
  return found;
};
const ARTICLE = fixture('baonamdinh-article');
const CATEGORY = fixture('baonamdinh-category');
const ARTIFACTS = join(ROOT, 'test-output');

/** The article records in the extension's database, read in the service worker (the extension's origin). */
const storedArticles = (worker: Worker) => worker.evaluate(readStore, 'articles') as Promise<StoredArticle[]>;

describe.skipIf(!executablePath)('article detection and extraction (Chromium)', () => {
  const session = chromiumSession();

  it('shows an article’s headline, paper, date as printed and byline in the popup', async () => {
    const page = await session.browser.context.newPage();
    await page.goto(ARTICLE.url);
    const popup = await openPopup(
      session.browser.context,
      session.browser.extensionId,
      await tabIdOf(session.browser.worker, ARTICLE.url),
    );
    const card = popup.locator('.card');
    await expect.poll(() => card.locator('.byline').count(), { timeout: 15_000 }).toBe(1);
    expect(await card.getAttribute('data-kind')).toBe('article');
    expect(await card.locator('.badge').textContent()).toBe('Article');
    expect(await card.locator('h2').textContent()).toBe(ARTICLE.expected.title);
    expect(await card.locator('h2').getAttribute('lang')).toBe('vi');
    // "07:45 | 09/11/2026" on the page is 9 November, 07:45 in Vietnam's time.
    expect(await card.locator('.facts').first().textContent()).toBe(
      `${ARTICLE.expected.siteName} · 9 Nov 2026, 07:45 (GMT+7)`,
    );
    expect(await card.locator('.byline').textContent()).toBe(`By ${ARTICLE.expected.byline}`);
    await card.locator('.why summary').click();
    const reasons = await card
      .locator('.why li')
      .evaluateAll((items) => items.map((li) => li.getAttribute('data-reason')));
    expect(reasons).toEqual(expect.arrayContaining(['url-article', 'dense-text']));
    await popup.screenshot({ path: join(ARTIFACTS, 'popup-article-card.png') });
    await popup.close();
    await page.close();
  });

  it('says a category page is not an article, and why', async () => {
    const page = await session.browser.context.newPage();
    await page.goto(CATEGORY.url);
    const popup = await openPopup(
      session.browser.context,
      session.browser.extensionId,
      await tabIdOf(session.browser.worker, CATEGORY.url),
    );
    const card = popup.locator('.card');
    await card.waitFor();
    expect(await card.getAttribute('data-kind')).toBe('page');
    expect(await card.locator('.badge').textContent()).toBe('Not an article');
    expect(await card.locator('h2').textContent()).toBe(await page.title());
    await card.locator('.why summary').click();
    const reasons = await card
      .locator('.why li')
      .evaluateAll((items) => items.map((li) => li.getAttribute('data-reason')));
    expect(reasons).toEqual(expect.arrayContaining(['teasers']));
    // Nothing was read or stored for a page the user only looked at.
    expect(await card.textContent()).not.toContain('Reading');
    expect(await storedArticles(session.browser.worker)).toEqual([]);
    await popup.screenshot({ path: join(ARTIFACTS, 'popup-not-article.png') });
    await popup.close();
    await page.close();
  });

  it('keeps the article’s metadata once the user highlights on it', async () => {
    const page = await session.browser.context.newPage();
    await page.goto(ARTICLE.url);
    await dragSelect(page, '[data-testid="quote-target"]');
    await clickToolbar(page, 'Highlight');
    await toolbarGone(page);
    await waitForHighlights(page, 1);
    await expect
      .poll(async () => (await storedArticles(session.browser.worker))[0]?.meta.wordCount, {
        timeout: 15_000,
      })
      .toBeGreaterThan(100);
    const [record] = await storedArticles(session.browser.worker);
    expect(record).toMatchObject(EXPECTED_RECORD);
    // Reading the article left the page as it was: the highlight is still drawn, nothing added to the DOM.
    expect(await waitForHighlights(page, 1)).toHaveLength(1);
    await page.close();
  });
});
