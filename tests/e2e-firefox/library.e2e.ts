/**
 * The library page in Firefox, as in tests/e2e/library.e2e.ts for Chromium: search with and without accents,
 * tag in bulk, filter by the tag, export Markdown and a backup (read from Firefox's download folder),
 * and, after the add-on was uninstalled and installed again, import the backup.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { ARTICLE, QUOTE, REPEATED } from '../e2e/sample-article';
import { ARTIFACTS, executablePath, type Firefox, firefoxSession } from './firefox';
import {
  downloaded,
  fill,
  highlightWithKey,
  openExtensionPage,
  texts,
  waitForHighlights,
} from './page-helpers';

const SEARCH = 'input[type="search"]';
const TAG_CHIP = '.filters button.chip ::-p-text(luận văn)';

/** Waits until the library lists exactly `quotes` (in any order). */
async function listsQuotes(library: Page, quotes: string[]): Promise<void> {
  await expect
    .poll(async () => (await texts(library, 'li.highlight .quote')).sort(), { timeout: 10_000 })
    .toEqual([...quotes].sort());
}

/** Picks the export format and clicks `button`; returns the files Firefox saved. */
async function exportAs(firefox: Firefox, library: Page, format: string, button: string) {
  await library.select('select[aria-label="Export format"]', format);
  return downloaded(firefox, () => library.locator(`.export button ::-p-text(${button})`).click());
}

/** Chooses `path` in the import field, as a user picking the file would. */
async function importFile(library: Page, path: string): Promise<void> {
  const input = await library.waitForSelector('input[type="file"]');
  await input?.uploadFile(path);
}

describe.skipIf(!executablePath)('the library page (Firefox)', () => {
  const session = firefoxSession();

  it('searches with and without accents, tags in bulk, filters, exports and re-imports', async () => {
    const page = await session.firefox.browser.newPage();
    await page.goto(ARTICLE.url);
    await highlightWithKey(page, '[data-testid="quote-target"]');
    await highlightWithKey(page, '[data-testid="repeat-1"]', REPEATED);
    await waitForHighlights(page, 2);

    const library = await openExtensionPage(session.firefox, 'library.html');
    await expect.poll(async () => (await library.$$('li.highlight')).length).toBe(2);

    // "tiet kiem" finds "tiết kiệm", and so does "tiết kiệm" typed with its accents.
    await fill(library, SEARCH, 'tiet kiem');
    await listsQuotes(library, [QUOTE]);
    await fill(library, SEARCH, '');
    await listsQuotes(library, [QUOTE, REPEATED]);
    await fill(library, SEARCH, 'tiết kiệm');
    await listsQuotes(library, [QUOTE]);

    await library.locator('input[aria-label="Select this highlight"]').click();
    await fill(library, 'input[aria-label="Tags to add to the selected highlights"]', 'luận văn');
    await library.locator('.bulk button ::-p-text(Add tags)').click();
    await fill(library, SEARCH, '');
    await listsQuotes(library, [QUOTE, REPEATED]);
    await library.locator(TAG_CHIP).click();
    await listsQuotes(library, [QUOTE]);
    await expect.poll(() => texts(library, 'li.highlight .tag')).toEqual(['luận văn']);
    await library.screenshot({ path: join(ARTIFACTS, 'library.png'), fullPage: true });

    // Markdown, a file per article with YAML front matter, as Obsidian and Logseq read it.
    const [markdownFile] = await exportAs(session.firefox, library, 'markdown-files', 'Export these');
    const markdown = markdownFile?.content ?? '';
    expect(markdownFile?.filename).toMatch(/\.md$/);
    // Only the filtered highlight is quoted (the saved article text, if any, follows under its own heading).
    expect(markdown.split('\n').filter((line) => line.startsWith('> '))).toEqual([`> ${QUOTE}`]);
    expect(markdown).toMatch(/^---\n/);
    expect(markdown).toContain('  - "luận-văn"'); // Obsidian tags cannot hold spaces

    // A full backup of everything.
    await library.locator(TAG_CHIP).click(); // filter off
    await listsQuotes(library, [QUOTE, REPEATED]);
    const [backup] = await exportAs(session.firefox, library, 'backup', 'Export everything');
    const backupPath = join(ARTIFACTS, backup?.filename ?? 'backup.json');
    writeFileSync(backupPath, backup?.content ?? '');
    await library.close();
    await page.close();

    // Uninstalling deletes the library; the backup, imported into the new install, brings it back, and the
    // highlights on the page with it.
    await session.firefox.reinstall();
    const library2 = await openExtensionPage(session.firefox, 'library.html');
    await library2.waitForSelector('::-p-text(Your library is empty)');
    await importFile(library2, backupPath);
    await library2.waitForSelector('::-p-text(Imported: 2 new highlights, 0 updated, 0 already there.)');
    await listsQuotes(library2, [QUOTE, REPEATED]);
    // Importing the same file again adds nothing.
    await importFile(library2, backupPath);
    await library2.waitForSelector('::-p-text(Imported: 0 new highlights, 0 updated, 2 already there.)');
    const article = await session.firefox.browser.newPage();
    await article.goto(ARTICLE.url);
    expect((await waitForHighlights(article, 2)).map((h) => h.startIn).sort()).toEqual([
      'quote-target',
      'repeat-1',
    ]);
    await article.close();
    await library2.close();
  });
});
