/**
 * Issue 19: a Kindle "My Clippings.txt" imported from the library page. The preview says what would be added
 * and what is left out, and why; nothing is in the library until the user confirms; then each book shows with
 * its highlights and the note Kindle wrote at the end of one, marked as a book with no page to open. The
 * same file again changes nothing. An Omnivore highlight, with no raw position, is drawn on the live page; an
 * Omnivore export zip's saved copy shows in the reader with its highlight drawn.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loadFixtures, ROOT } from '../../scripts/browser-harness.mjs';
import { chromiumSession, executablePath } from './chromium';
import { waitForHighlights } from './page-helpers';

const fixture = loadFixtures().find((f) => f.slug === 'baonamdinh-article');
if (!fixture) throw new Error('fixture baonamdinh-article is missing');
const QUOTE = String(fixture.expected.quoteTarget);

const ARTIFACTS = join(ROOT, 'test-output');
const KINDLE = join(ROOT, 'tests', 'fixtures', 'imports', 'My Clippings.txt');

/** Clicks `target` with the mouse, as a user does (trusted events). */
async function clickWithMouse(page: Page, target: Locator): Promise<void> {
  await target.scrollIntoViewIfNeeded();
  const box = await target.boundingBox();
  if (!box) throw new Error('the button is not on the screen');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
  await page.mouse.down();
  await page.mouse.up();
}

describe.skipIf(!executablePath)('importing other tools’ files (Chromium)', () => {
  const session = chromiumSession();

  it('previews, waits for the confirmation, then shows the books with their highlights', async () => {
    const library = await session.browser.context.newPage();
    await library.goto(`chrome-extension://${session.browser.extensionId}/library.html`);
    await library.getByText('Your library is empty').waitFor();

    await library.locator('input[type="file"]').setInputFiles(KINDLE);
    const preview = library.getByRole('alertdialog', {
      name: 'Before importing: this is what the file would add',
    });
    await preview.waitFor();
    expect(await preview.locator('#import-preview-lines li').allTextContents()).toEqual([
      '4 highlights and 4 other records (articles, tags, saved copies) would be added',
    ]);
    const leftOut = preview.locator('.import-left-out li');
    await expect.poll(() => leftOut.count()).toBe(3);
    expect(await leftOut.allTextContents()).toContain(
      'line 11: a bookmark: it marks a place in the book, with no text to keep',
    );
    await library.screenshot({ path: join(ARTIFACTS, 'library-import-kindle-preview.png'), fullPage: true });
    // Nothing written while the user reads.
    expect(await library.locator('li.highlight').count()).toBe(0);

    await clickWithMouse(library, preview.getByRole('button', { name: 'Import', exact: true }));
    await library
      .getByText(
        'Imported: 4 new highlights, 0 updated, 0 already there. 3 parts of the file were left out. Nothing of yours was replaced or deleted.',
      )
      .waitFor();
    await expect.poll(() => library.locator('li.highlight').count()).toBe(4);
    const sapiens = library
      .locator('article.group')
      .filter({ hasText: 'Sapiens: A Brief History of Humankind' });
    expect(await sapiens.locator('.book-badge').textContent()).toBe(
      'Book: no web page to open or show its highlights on',
    );
    expect(await sapiens.locator('h3 a').count()).toBe(0); // no page to open
    expect(await sapiens.locator('.article-facts').textContent()).toContain('Harari, Yuval Noah');
    expect(await sapiens.locator('li.highlight .note').allTextContents()).toEqual([
      'Fictions = cooperation "at scale" 🤝',
    ]);
    // Hostile text stays text.
    const hostile = library.locator('article.group').filter({ hasText: 'Mallory' });
    expect(await hostile.locator('.book-title').textContent()).toBe('<script>alert(1)</script>');
    await library.screenshot({ path: join(ARTIFACTS, 'library-import-kindle-done.png'), fullPage: true });

    // Again: nothing new, the preview says so, and confirming changes nothing.
    await library.locator('input[type="file"]').setInputFiles(KINDLE);
    await preview.waitFor();
    expect(await preview.locator('#import-preview-lines li').allTextContents()).toEqual([
      '4 highlights are already in your library and stay as they are',
    ]);
    await clickWithMouse(library, preview.getByRole('button', { name: 'Import', exact: true }));
    await library
      .getByText('Imported: 0 new highlights, 0 updated, 4 already there.', { exact: false })
      .waitFor();
    await expect.poll(() => library.locator('li.highlight').count()).toBe(4);
  });

  it('Omnivore: a web highlight with no raw position anchors on the live page by its quote', async () => {
    const metadata = [
      {
        id: 'e2e-1',
        slug: 'baonamdinh',
        title: 'Hợp tác xã',
        url: `${fixture.url}?utm_source=omnivore`,
        labels: ['nông nghiệp'],
        savedAt: '2024-05-01T08:00:00.000Z',
        highlights: [
          {
            id: 'e2e-h1',
            type: 'HIGHLIGHT',
            quote: QUOTE,
            annotation: 'từ Omnivore',
            createdAt: '2024-05-01T09:00:00.000Z',
          },
        ],
      },
    ];
    const path = join(ARTIFACTS, 'metadata_0_to_1.json');
    writeFileSync(path, JSON.stringify(metadata));
    const library = await session.browser.context.newPage();
    await library.goto(`chrome-extension://${session.browser.extensionId}/library.html`);
    await library.locator('input[type="file"]').setInputFiles(path);
    const preview = library.getByRole('alertdialog', {
      name: 'Before importing: this is what the file would add',
    });
    await preview.waitFor();
    await clickWithMouse(library, preview.getByRole('button', { name: 'Import', exact: true }));
    await library.getByText('Imported: 1 new highlights', { exact: false }).waitFor();
    const page = await session.browser.context.newPage();
    await page.goto(fixture.url);
    const drawn = await waitForHighlights(page, 1);
    expect(drawn.map((h) => h.startIn)).toEqual(['quote-target']);
  });

  it('Omnivore’s export zip: previews the saved copy, imports it, and the reader shows it with the highlight drawn', async () => {
    const url = 'https://example.com/omnivore/hop-tac-xa-nong-nghiep';
    const quote = 'Hợp tác xã đã giúp nông dân bán lúa với giá cao hơn';
    const metadata = [
      {
        id: 'zip-1',
        slug: 'hop-tac-xa-18c1',
        title: 'Hợp tác xã nông nghiệp đổi mới',
        author: 'Trần Thị B',
        url,
        labels: ['nông nghiệp'],
        savedAt: '2024-05-01T08:00:00.000Z',
        updatedAt: '2024-05-01T08:00:00.000Z',
        publishedAt: '2024-04-30T00:00:00.000Z',
      },
      {
        id: 'zip-2',
        slug: 'unread-2f00',
        title: 'Never highlighted',
        url: 'https://example.com/omnivore/unread',
        labels: [],
        savedAt: '2024-05-02T08:00:00.000Z',
      },
    ];
    const html = `<div class="page"><h1>Hợp tác xã nông nghiệp đổi mới</h1>
      <p>Năm nay, ${quote} so với thương lái. Nhiều xã viên đã mua thêm máy gặt.</p>
      <script>document.title = 'pwned'</script>
      <p onclick="document.title='pwned'">Ban quản trị dự kiến mở rộng sang trồng rau sạch vào năm sau.</p></div>`;
    const zip = zipSync({
      'metadata_0_to_2.json': strToU8(JSON.stringify(metadata, null, 2)),
      'content/hop-tac-xa-18c1.html': strToU8(html),
      'content/unread-2f00.html': strToU8('<p>Never highlighted.</p>'),
      'highlights/hop-tac-xa-18c1.md': strToU8(`> ${quote} \n\n#hợp-tác\n\nĐọc lại phần này`),
    });
    const path = join(ARTIFACTS, 'omnivore-export.zip');
    writeFileSync(path, zip);

    const library = await session.browser.context.newPage();
    await library.goto(`chrome-extension://${session.browser.extensionId}/library.html`);
    await library.locator('input[type="file"]').setInputFiles(path);
    const preview = library.getByRole('alertdialog', {
      name: 'Before importing: this is what the file would add',
    });
    await preview.waitFor();
    const lines = await preview.locator('#import-preview-lines li').allTextContents();
    expect(lines[0]).toBe('1 saved copies of articles would be added (shown in the reader)');
    expect(await preview.locator('.import-left-out li').allTextContents()).toEqual([
      'metadata_0_to_2.json[1]: an item without highlights: Clipmark keeps the articles you highlighted',
    ]);
    await library.screenshot({
      path: join(ARTIFACTS, 'library-import-omnivore-zip-preview.png'),
      fullPage: true,
    });
    await clickWithMouse(library, preview.getByRole('button', { name: 'Import', exact: true }));
    await library.getByText('Imported: 1 new highlights', { exact: false }).waitFor();
    const group = library.locator('article.group').filter({ hasText: 'Hợp tác xã nông nghiệp đổi mới' });
    await expect
      .poll(() => group.locator('li.highlight .note').allTextContents(), { timeout: 10_000 })
      .toEqual(['Đọc lại phần này']);
    await library.screenshot({
      path: join(ARTIFACTS, 'library-import-omnivore-zip-done.png'),
      fullPage: true,
    });

    const reader = await session.browser.context.newPage();
    await reader.goto(
      `chrome-extension://${session.browser.extensionId}/reader.html?url=${encodeURIComponent(url)}`,
    );
    await reader.locator('h1').first().waitFor();
    const body = await reader.locator('.reader-body').textContent();
    expect(body).toContain('Nhiều xã viên đã mua thêm máy gặt.');
    expect(body).toContain('Ban quản trị dự kiến mở rộng sang trồng rau sạch');
    expect(await reader.locator('.reader-body script, .reader-body [onclick]').count()).toBe(0);
    const drawn = await waitForHighlights(reader, 1);
    expect(drawn.map((h) => h.text)).toEqual([quote]);
    expect(await reader.title()).not.toBe('pwned');
    await reader.screenshot({ path: join(ARTIFACTS, 'reader-omnivore-zip.png'), fullPage: true });
  });
});
