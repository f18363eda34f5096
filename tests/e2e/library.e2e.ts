/**
 * The library page as a user drives it in Chromium: search without accents, tag in bulk, filter by the tag,
 * export Markdown and a backup, and import the backup into a fresh profile; then a colleague's file that would
 * replace one highlight and delete the other, which waits for the user's confirmation of its preview, and
 * whose replaced versions can be put back.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { launchBrowser, loadFixtures, ROOT } from '../../scripts/browser-harness.mjs';
import { chromiumSession, executablePath } from './chromium';
import { highlightWithKey, waitForHighlights } from './page-helpers';

const fixture = loadFixtures().find((f) => f.slug === 'baonamdinh-article');
if (!fixture) throw new Error('fixture baonamdinh-article is missing');
const QUOTE = String(fixture.expected.quoteTarget);
const ARTIFACTS = join(ROOT, 'test-output');

/**
 * The files a page hands to the browser to save (Blob + `<a download>`), read back as they were handed over.
 * Headless Chromium does not report downloads started from extension pages, so the hand-over is observed.
 */
async function saved(
  page: Page,
  action: () => Promise<void>,
): Promise<{ filename: string; content: string }[]> {
  await page.evaluate(() => {
    const w = window as unknown as { __saved: Promise<{ filename: string; content: string }>[] };
    w.__saved = [];
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      if (this.download)
        w.__saved.push(
          fetch(this.href).then(async (r) => ({ filename: this.download, content: await r.text() })),
        );
    };
  });
  await action();
  await page.waitForFunction(() => (window as unknown as { __saved: unknown[] }).__saved.length > 0);
  return page.evaluate(() =>
    Promise.all((window as unknown as { __saved: Promise<{ filename: string; content: string }>[] }).__saved),
  );
}

/** Clicks `target` with the mouse, as a user does: moved over it, pressed and released (trusted events). */
async function clickWithMouse(page: Page, target: Locator): Promise<void> {
  await target.scrollIntoViewIfNeeded();
  const box = await target.boundingBox();
  if (!box) throw new Error('the button is not on the screen');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
  await page.mouse.down();
  await page.mouse.up();
}

interface SentHighlight {
  id: string;
  quote: { exact: string };
  note: string;
  updatedAt: number;
}

describe.skipIf(!executablePath)('the library page (Chromium)', () => {
  const session = chromiumSession();

  it('searches without accents, tags in bulk, filters, exports and re-imports', async () => {
    const page = await session.browser.context.newPage();
    await page.goto(fixture.url);
    await highlightWithKey(page, '[data-testid="quote-target"]');
    await highlightWithKey(page, '[data-testid="repeat-1"]', String(fixture.expected.repeatedPhrase));
    await waitForHighlights(page, 2);

    const library = await session.browser.context.newPage();
    await library.goto(`chrome-extension://${session.browser.extensionId}/library.html`);
    await expect.poll(() => library.locator('li.highlight').count()).toBe(2);

    // "tiet kiem" finds "tiết kiệm".
    await library.getByRole('searchbox').fill('tiet kiem');
    await expect.poll(() => library.locator('li.highlight .quote').allTextContents()).toEqual([QUOTE]);

    await library.getByRole('checkbox', { name: 'Select this highlight' }).check();
    await library.getByRole('textbox', { name: 'Tags to add to the selected highlights' }).fill('luận văn');
    await library.getByRole('button', { name: 'Add tags' }).click();
    await library.getByRole('searchbox').fill('');
    // The tag's chip among the filters (the highlight's own tag is a button too, and filters the same way).
    await library
      .locator('.filters')
      .getByRole('button', { name: /^luận văn/ })
      .click();
    await expect.poll(() => library.locator('li.highlight .quote').allTextContents()).toEqual([QUOTE]);
    await expect.poll(() => library.locator('li.highlight .tag').allTextContents()).toEqual(['luận văn']);
    await library.screenshot({ path: join(ARTIFACTS, 'library.png'), fullPage: true });

    // Markdown, a file per article with YAML front matter, as Obsidian and Logseq read it.
    await library.getByRole('combobox', { name: 'Export format' }).selectOption('markdown-files');
    const [markdownFile] = await saved(library, () =>
      library.getByRole('button', { name: 'Export these' }).click(),
    );
    const markdown = markdownFile?.content ?? '';
    expect(markdownFile?.filename).toMatch(/\.md$/);
    expect(markdown).toContain(QUOTE);
    expect(markdown).toMatch(/^---\n/);
    expect(markdown).toContain('  - "luận-văn"'); // Obsidian tags cannot hold spaces

    // A full backup, everything deleted, the backup imported: the library is back.
    await library
      .locator('.filters')
      .getByRole('button', { name: /^luận văn/ })
      .click(); // filter off
    await expect.poll(() => library.locator('li.highlight').count()).toBe(2);
    await library.getByRole('combobox', { name: 'Export format' }).selectOption('backup');
    const [backup] = await saved(library, () =>
      library.getByRole('button', { name: 'Export everything' }).click(),
    );
    const backupPath = join(ARTIFACTS, backup?.filename ?? 'backup.json');
    writeFileSync(backupPath, backup?.content ?? '');
    // A fresh browser profile, the backup imported: the library is back, and so are the highlights on the page.
    const other = await launchBrowser({
      executablePath: executablePath as string,
      port: session.server.port,
    });
    try {
      const library2 = await other.context.newPage();
      await library2.goto(`chrome-extension://${other.extensionId}/library.html`);
      await library2.getByText('Your library is empty').waitFor();
      await library2.locator('input[type="file"]').setInputFiles(backupPath);
      await library2.getByText('Imported: 2 new highlights, 0 updated, 0 already there.').waitFor();
      await expect.poll(() => library2.locator('li.highlight').count()).toBe(2);
      // Importing the same file again adds nothing.
      await library2.locator('input[type="file"]').setInputFiles(backupPath);
      await library2.getByText('Imported: 0 new highlights, 0 updated, 2 already there.').waitFor();
      const article = await other.context.newPage();
      await article.goto(fixture.url);
      expect((await waitForHighlights(article, 2)).map((h) => h.startIn).sort()).toEqual([
        'quote-target',
        'repeat-1',
      ]);
    } finally {
      await other.close();
    }

    // A colleague's version of the backup: a newer note on the tagged highlight, and the other one deleted
    // (the file's trash entry carries its own copy of it). Nothing changes before the user confirms.
    const sent = JSON.parse(backup?.content ?? '{}') as { highlights: SentHighlight[]; trash: unknown[] };
    const tagged = sent.highlights.find((h) => h.quote.exact === QUOTE) as SentHighlight;
    const untouched = sent.highlights.find((h) => h.id !== tagged.id) as SentHighlight;
    sent.highlights = [{ ...tagged, note: 'Ghi chú của đồng nghiệp', updatedAt: tagged.updatedAt + 60_000 }];
    sent.trash = [
      {
        id: untouched.id,
        deletedAt: untouched.updatedAt + 60_000,
        highlight: { ...untouched, note: 'bản của tệp' },
      },
    ];
    const colleaguePath = join(ARTIFACTS, 'colleague-backup.json');
    writeFileSync(colleaguePath, JSON.stringify(sent));
    const preview = library.getByRole('alertdialog', {
      name: 'Before importing: this file would change your library',
    });
    await library.locator('input[type="file"]').setInputFiles(colleaguePath);
    await preview.waitFor();
    expect(await preview.locator('#import-preview-lines li').allTextContents()).toEqual([
      '1 highlights would replace yours',
      '1 of your highlights would be moved to the trash',
    ]);
    await library.screenshot({ path: join(ARTIFACTS, 'library-import-preview.png'), fullPage: true });
    expect(await library.locator('li.highlight').count()).toBe(2);
    expect(await library.locator('li.highlight .note').count()).toBe(0);

    // Cancelled: nothing happened. Chosen again and confirmed: applied.
    await clickWithMouse(library, preview.getByRole('button', { name: 'Cancel' }));
    await library.getByText('Import cancelled: nothing was changed.').waitFor();
    expect(await library.locator('li.highlight').count()).toBe(2);
    await library.locator('input[type="file"]').setInputFiles(colleaguePath);
    await clickWithMouse(library, preview.getByRole('button', { name: 'Import and replace' }));
    await library
      .getByText(
        'Imported: 0 new highlights, 1 updated, 0 already there. 1 of your highlights moved to the trash.',
      )
      .waitFor();
    await expect.poll(() => library.locator('li.highlight .quote').allTextContents()).toEqual([QUOTE]);
    expect(await library.locator('li.highlight .note').allTextContents()).toEqual([
      'Ghi chú của đồng nghiệp',
    ]);

    // The user's versions are kept: the highlight the file deleted is put back, as the user had it.
    await clickWithMouse(
      library,
      library.locator('.import-done').getByRole('button', { name: 'Replaced by imports' }),
    );
    const kept = library.locator('section.replaced .replaced-item');
    await expect.poll(() => kept.count()).toBe(2);
    await library.screenshot({ path: join(ARTIFACTS, 'library-replaced.png'), fullPage: true });
    await clickWithMouse(
      library,
      kept.filter({ hasText: 'moved to the trash by an import' }).getByRole('button', { name: 'Put back' }),
    );
    await expect.poll(() => library.locator('li.highlight').count()).toBe(2);
    await expect.poll(() => kept.count()).toBe(1);
    expect(await library.locator('li.highlight .note').allTextContents()).toEqual([
      'Ghi chú của đồng nghiệp',
    ]);

    await library.close();
    await page.close();
  });
});
