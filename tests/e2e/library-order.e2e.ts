/**
 * Issue 20, items 5 and 9, on the library page as a user drives it in Chromium, in English and in Vietnamese:
 * an article's highlights in reading order (and sorted on request), the article's date, author and count, the
 * site filter with part of the domain, select all and Enter in the bulk-tag field, a tag clicked on a highlight
 * filtering the list, the highlight-date fields typed day first in the interface's language, and the search
 * operators under their Vietnamese names. Screenshots: test-output/library-order*.png.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/browser-harness.mjs';
import { chromiumSession, executablePath } from './chromium';
import { highlightWithKey, waitForHighlights } from './page-helpers';
import { ARTICLE, articleCopies, QUOTE, REPEATED, SOURCE } from './sample-article';
import { say } from './user-flows';

const ARTIFACTS = join(ROOT, 'test-output');
const two = (n: number) => String(n).padStart(2, '0');
/** A day as the fields take it, day first. */
const dayFirst = (d: Date) => `${two(d.getDate())}/${two(d.getMonth() + 1)}/${d.getFullYear()}`;

function describeLibrary(lang: 'en' | 'vi') {
  const s = (key: string, en: string, ...values: string[]) => (lang === 'vi' ? say(key, ...values) : en);
  const suffix = lang === 'vi' ? '-vi' : '';

  describe.skipIf(!executablePath)(`the library's lists and filters (Chromium, ${lang})`, () => {
    const session = chromiumSession({ lang });
    const copies = articleCopies(() => session.server);
    const quotes = (library: Page) => library.locator('li.highlight .quote').allTextContents();

    it('lists an article in reading order with its facts, sorts, filters and tags in bulk', async () => {
      const url = copies.serve(SOURCE);
      const page = await session.browser.context.newPage();
      await page.goto(url);
      // Highlighted out of reading order: the middle passage first, then the first, then the last.
      await highlightWithKey(page, '[data-testid="quote-target"]');
      await highlightWithKey(page, '[data-testid="repeat-1"]', REPEATED);
      await highlightWithKey(page, '[data-testid="repeat-2"]', REPEATED);
      await waitForHighlights(page, 3);

      const library = await session.browser.context.newPage();
      const byline = String(ARTICLE.expected.byline);
      // The article's facts come from reading it after the first highlight: reload until they are there.
      await expect
        .poll(
          async () => {
            await library.goto(`chrome-extension://${session.browser.extensionId}/library.html`);
            await library.locator('li.highlight').first().waitFor();
            return library.locator('.article-facts').first().textContent();
          },
          { timeout: 20_000 },
        )
        .toContain(byline);
      const facts = (await library.locator('.article-facts').textContent()) ?? '';
      // Day first, in the paper's offset, as the popup's card shows it.
      expect(facts).toContain(lang === 'vi' ? '07:45, 09/11/2026 (GMT+7)' : '9 Nov 2026, 07:45 (GMT+7)');
      expect(facts).toContain(s('articleHighlightCount', 'Highlights: 3', '3'));

      // Reading order, as the popup and the reader list them (not newest first).
      expect(await quotes(library)).toEqual([REPEATED, QUOTE, REPEATED]);
      const order = library.getByRole('combobox', { name: s('orderLabel', 'Highlights within an article') });
      await order.selectOption('newest');
      await expect.poll(() => quotes(library)).toEqual([REPEATED, REPEATED, QUOTE]);
      await order.selectOption('reading');
      await expect.poll(() => quotes(library)).toEqual([REPEATED, QUOTE, REPEATED]);

      // Part of the domain finds the site; a piece inside a label does not.
      const site = library.getByRole('textbox', { name: s('siteLabel', 'Site'), exact: true });
      await site.fill('baonamdinh');
      await expect.poll(() => library.locator('li.highlight').count()).toBe(3);
      await site.fill('namdinh');
      await expect.poll(() => library.locator('li.highlight').count()).toBe(0);
      await site.fill('');
      await expect.poll(() => library.locator('li.highlight').count()).toBe(3);

      // Select all, type tags, press Enter: applied to all three.
      await library.getByRole('checkbox', { name: s('selectAllShown', 'Select all shown (3)', '3') }).check();
      await expect
        .poll(() => library.locator('.bulk').textContent())
        .toContain(s('selectedCount', 'Selected: 3', '3'));
      const bulk = library.getByRole('textbox', {
        name: s('bulkTagsLabel', 'Tags to add to the selected highlights'),
      });
      await bulk.click();
      await library.keyboard.type('luận văn');
      await library.keyboard.press('Enter');
      await expect
        .poll(() => library.locator('li.highlight button.tag').allTextContents())
        .toEqual(['luận văn', 'luận văn', 'luận văn']);
      expect(await bulk.inputValue()).toBe('');

      // A tag on a highlight filters by it.
      await library.locator('li.highlight button.tag').first().click();
      await expect
        .poll(() => library.locator('.filters .chip[aria-pressed="true"]').allTextContents())
        .toEqual([expect.stringContaining('luận văn')]);
      expect(await library.getByRole('searchbox').inputValue()).toBe('');
      await library.screenshot({ path: join(ARTIFACTS, `library-order${suffix}.png`), fullPage: true });
      await library.locator('li.highlight button.tag').first().click(); // filter off
      await expect.poll(() => library.locator('.filters .chip[aria-pressed="true"]').count()).toBe(0);

      // The highlight-date fields: day first, in the interface's words; a day that does not exist is refused.
      const from = library.getByRole('textbox', { name: s('afterLabel', 'From'), exact: true });
      const until = library.getByRole('textbox', { name: s('beforeLabel', 'Until (included)'), exact: true });
      expect(await from.getAttribute('placeholder')).toBe(lang === 'vi' ? 'nn/tt/nnnn' : 'dd/mm/yyyy');
      expect(await library.locator('fieldset.dates legend').textContent()).toBe(
        s('highlightDateLegend', 'Day highlighted (not published)'),
      );
      const today = new Date();
      const yesterday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1);
      await from.fill(dayFirst(today));
      await expect.poll(() => library.locator('li.highlight').count()).toBe(3);
      await until.fill(dayFirst(yesterday));
      await expect.poll(() => library.locator('li.highlight').count()).toBe(0);
      await until.fill('31/02/2026');
      await expect.poll(() => until.getAttribute('aria-invalid')).toBe('true');
      // Not a day: it filters nothing (not the last day that was typed there), and says so.
      await expect.poll(() => library.locator('li.highlight').count()).toBe(3);
      expect(await library.locator('.field-error').textContent()).toBe(
        s('dayFieldInvalid', 'Not a day: type it as dd/mm/yyyy', 'nn/tt/nnnn'),
      );
      await library.screenshot({ path: join(ARTIFACTS, `library-dates${suffix}.png`), fullPage: true });
      await until.fill('');
      await from.fill('');
      await expect.poll(() => library.locator('li.highlight').count()).toBe(3);

      // The search operators, also under their Vietnamese names, with or without the marks.
      const search = library.getByRole('searchbox');
      for (const query of [
        'tag:"luận văn" site:baonamdinh',
        'thẻ:"luận văn" trang:baonamdinh',
        'the:"luan van" mau:vang',
      ]) {
        await search.fill(query);
        await expect.poll(() => library.locator('li.highlight').count()).toBe(3);
      }
      await search.fill('màu:hồng');
      await expect.poll(() => library.locator('li.highlight').count()).toBe(0);
      await library.close();
      await page.close();
    });
  });
}

describeLibrary('en');
describeLibrary('vi');
