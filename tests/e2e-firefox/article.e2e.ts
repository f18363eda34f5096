/**
 * Article detection and extraction in Firefox, as in tests/e2e/article.e2e.ts for Chromium: the popup's card
 * says whether the page is an article and shows what the reader found (headline, paper, date as printed,
 * byline); a listing says it is not one and why; highlighting on an article stores its metadata. The reader is
 * injected from the background with `scripting.executeScript({ files: ['/extractor.js'] })`.
 */
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { loadFixtures } from '../../scripts/browser-harness.mjs';
import { openPopupFor } from '../../scripts/firefox-harness.mjs';
import { ARTICLE, EXPECTED_RECORD } from '../e2e/sample-article';
import { ARTIFACTS, executablePath, type Firefox, firefoxSession } from './firefox';
import {
  clickToolbar,
  dragSelect,
  storedArticles,
  texts,
  toolbarGone,
  waitForHighlights,
} from './page-helpers';

const CATEGORY = loadFixtures().find((f) => f.slug === 'baonamdinh-category');
if (!CATEGORY) throw new Error('fixture baonamdinh-category is missing');

/** A new tab showing `url`, and the popup about it. */
async function popupOn(firefox: Firefox, url: string): Promise<{ page: Page; popup: Page }> {
  const page = await firefox.browser.newPage();
  await page.goto(url);
  return { page, popup: await openPopupFor(firefox, url) };
}

/** The reasons the card gives, after opening "Why" as a user would. */
async function reasons(popup: Page): Promise<(string | null)[]> {
  await popup.locator('.card .why summary').click();
  return popup.$$eval('.card .why li', (items) => items.map((li) => li.getAttribute('data-reason')));
}

describe.skipIf(!executablePath)('article detection and extraction (Firefox)', () => {
  const session = firefoxSession();

  it('shows an article’s headline, paper, date as printed and byline in the popup', async () => {
    const { page, popup } = await popupOn(session.firefox, ARTICLE.url);
    await popup.waitForSelector('.card .byline', { timeout: 15_000 });
    const card = await popup.$eval('.card', (c) => ({
      kind: c.getAttribute('data-kind'),
      badge: c.querySelector('.badge')?.textContent,
      title: c.querySelector('h2')?.textContent,
      lang: c.querySelector('h2')?.getAttribute('lang'),
      facts: c.querySelector('.facts')?.textContent,
      byline: c.querySelector('.byline')?.textContent,
    }));
    expect(card).toEqual({
      kind: 'article',
      badge: 'Article',
      title: ARTICLE.expected.title,
      lang: 'vi',
      // "07:45 | 09/11/2026" on the page is 9 November, 07:45 in Vietnam's time.
      facts: `${ARTICLE.expected.siteName} · 9 Nov 2026, 07:45 (GMT+7)`,
      byline: `By ${ARTICLE.expected.byline}`,
    });
    expect(await reasons(popup)).toEqual(expect.arrayContaining(['url-article', 'dense-text']));
    await popup.screenshot({ path: join(ARTIFACTS, 'popup-article-card.png') });
    await popup.close();
    await page.close();
  });

  it('says a category page is not an article, and why', async () => {
    const { page, popup } = await popupOn(session.firefox, CATEGORY.url);
    await popup.waitForSelector('.card');
    expect(await popup.$eval('.card', (c) => c.getAttribute('data-kind'))).toBe('page');
    expect(await texts(popup, '.card .badge')).toEqual(['Not an article']);
    expect(await texts(popup, '.card h2')).toEqual([await page.title()]);
    expect(await reasons(popup)).toEqual(expect.arrayContaining(['teasers']));
    // Nothing was read or stored for a page the user only looked at.
    expect(await popup.$eval('.card', (c) => c.textContent)).not.toContain('Reading');
    expect(await storedArticles(session.firefox)).toEqual([]);
    await popup.screenshot({ path: join(ARTIFACTS, 'popup-not-article.png') });
    await popup.close();
    await page.close();
  });

  it('keeps the article’s metadata once the user highlights on it', async () => {
    const page = await session.firefox.browser.newPage();
    await page.goto(ARTICLE.url);
    await dragSelect(page, '[data-testid="quote-target"]');
    await clickToolbar(page, 'Highlight');
    await toolbarGone(page);
    await waitForHighlights(page, 1);
    await expect
      .poll(async () => (await storedArticles(session.firefox))[0]?.meta.wordCount, { timeout: 15_000 })
      .toBeGreaterThan(100);
    const [record] = await storedArticles(session.firefox);
    expect(record).toMatchObject(EXPECTED_RECORD);
    // Reading the article left the page as it was: the highlight is still drawn.
    expect(await waitForHighlights(page, 1)).toHaveLength(1);
    await page.close();
  });
});
