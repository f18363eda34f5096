/**
 * "Copy with citation" in Chromium, as a user meets it: select a passage of the sample article (not highlighted,
 * not in the library), press C on the toolbar — the clipboard holds the quotation, its APA citation, the reference
 * and the deep link, as text and as HTML; `page-cite.js` (citeproc) came into the page only then. Then highlight
 * it, choose MLA in the library's settings (the chooser in English and Vietnamese is screenshotted), and the
 * popup's Cite on the highlight copies it in MLA.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumClosedRoot } from '../../scripts/closed-root.mjs';
import { parseTextDirective } from '../../utils/export/deep-link';
import { chromiumSession, executablePath } from './chromium';
import { chromiumDriver, readStore, toolbarReady } from './page-helpers';
import { ARTICLE, articleCopies, SOURCE } from './sample-article';

const TITLE = String(ARTICLE.expected.title);
const SITE = String(ARTICLE.expected.siteName);
const BYLINE = String(ARTICLE.expected.byline); // "Thanh Bình": a pen name, cited as written
const PASSAGE = 'mỗi tấn lúa sấy tại lò mới giúp xã viên tiết kiệm khoảng 150 nghìn đồng';
const TARGET = '[data-testid="quote-target"]';

/**
 * What the clipboard holds, as a user gets it: pasted with Ctrl+V into a text box (plain text) and into an
 * editable area (HTML, as a word processor takes it).
 */
async function pasted(page: Page): Promise<{ text: string; html: string }> {
  const paste = async (tag: 'textarea' | 'div') => {
    await page.evaluate((tag) => {
      const box = document.createElement(tag);
      box.id = 'paste-here';
      if (tag === 'div') box.contentEditable = 'true';
      document.body.append(box);
      box.focus();
    }, tag);
    await page.keyboard.press('Control+V');
    return page.evaluate(() => {
      const box = document.getElementById('paste-here') as HTMLElement;
      box.remove();
      return box instanceof HTMLTextAreaElement ? box.value : box.innerHTML;
    });
  };
  return { text: await paste('textarea'), html: await paste('div') };
}

/** The toolbar's passing word or its error, once it says either. */
async function toolbarSays(page: Page): Promise<string> {
  const inRoot = chromiumClosedRoot(page, 'clipmark-toolbar');
  let said = '';
  await expect
    .poll(
      async () => {
        said = await inRoot((root) => {
          const alert = root.querySelector('[role="alert"]')?.textContent;
          const status = root.querySelector('.notice[role="status"]')?.textContent;
          return alert || status || '';
        });
        return said && said !== 'Copying with citation…';
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  return said;
}

const spanned = (link: string) => {
  const directive = parseTextDirective(link);
  return [directive?.start, directive?.end];
};

const scriptsIn = (page: Page) =>
  page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));

describe.skipIf(!executablePath)('Copy with citation (Chromium)', () => {
  const session = chromiumSession();
  const d = chromiumDriver(() => session.browser);
  const serve = articleCopies(() => session.server).serve;

  it('the toolbar’s C key copies a selection: quotation, APA citation, reference, deep link', async () => {
    const url = serve(SOURCE);
    const page = await d.newPage();
    await page.goto(url);
    await d.dragSelect(page, TARGET, PASSAGE);
    const toolbar = await toolbarReady(page);
    expect(toolbar.buttons.map((b) => b.name)).toContain('Cite');
    await page.keyboard.press('c');
    expect(await toolbarSays(page)).toBe('Copied with citation.');
    await d.screenshot(page, 'cite-toolbar.png');
    const { text, html } = await pasted(page);
    const [quoted = '', , reference = '', link = ''] = text.split('\n');
    expect(quoted).toBe(`“${PASSAGE}” (${BYLINE}, 2026)`);
    expect(reference).toMatch(
      new RegExp(
        `^${BYLINE}\\. \\(2026, November 9\\)\\. ${TITLE}\\. ${SITE}\\. https://baonamdinh\\.vn/\\S+$`,
      ),
    );
    // A passage of more than eight words: its first and last four (utils/export/deep-link.ts).
    expect(spanned(link)).toEqual(['mỗi tấn lúa sấy', 'khoảng 150 nghìn đồng']);
    expect(link.split('#')[0]).toBe(reference.split(' ').at(-1));
    expect(html).toContain(`<i>${SITE}</i>`);
    expect(html).toMatch(/<a href="https:\/\/baonamdinh\.vn\/[^"]*#:~:text=[^"]+">/);
    expect(html).toContain(`“${PASSAGE}” (${BYLINE}, 2026)`);
    // Nothing was kept: the page is not in the library (no highlight), its facts were read for the citation only.
    expect(await session.browser.worker.evaluate(readStore, 'articles')).toEqual([]);
    // citeproc was not fetched by the page (it is injected by the extension, not loaded as a resource).
    expect((await scriptsIn(page)).filter((name) => /page-cite|citeproc/.test(name))).toEqual([]);

    // The toolbar's Cite button, clicked with the mouse, copies the same (citeproc is in the page already).
    // Something else on the clipboard first (the browser's own copy: Clipmark leaves Ctrl+C alone).
    await d.dragSelect(page, TARGET, 'Theo tính toán');
    await toolbarReady(page);
    await page.keyboard.press('Control+C');
    expect((await pasted(page)).text).toBe('Theo tính toán');
    await d.dragSelect(page, TARGET, PASSAGE);
    await toolbarReady(page);
    await d.clickToolbar(page, 'Cite');
    expect(await toolbarSays(page)).toBe('Copied with citation.');
    expect((await pasted(page)).text).toBe(text);
    await page.close();
  });

  it('the chooser in the library sets the style; the popup’s Cite copies a highlight in it', async () => {
    const url = serve(SOURCE);
    const page = await d.newPage();
    await page.goto(url);
    await d.highlightWithKey(page, TARGET, PASSAGE);
    await d.waitForHighlights(page, 1);

    const library = await d.newPage();
    await d.gotoExtensionPage(library, 'library.html');
    const chooser = library.getByLabel('Citation style');
    await expect.poll(() => chooser.isEnabled()).toBe(true);
    expect(await chooser.inputValue()).toBe('apa');
    expect(await chooser.locator('option').allTextContents()).toEqual([
      'APA 7th edition',
      'Chicago 18th edition (author-date)',
      'MLA 9th edition',
    ]);
    await chooser.selectOption({ label: 'MLA 9th edition' });
    await expect
      .poll(async () => session.browser.worker.evaluate(readStore, 'settings'))
      .toContainEqual({ key: 'citationStyle', value: 'mla' });
    await chooser.scrollIntoViewIfNeeded();
    await d.screenshot(library, 'cite-chooser-en.png');
    await library.close();

    const popup = await d.popupFor(url);
    await popup.bringToFront();
    // The article's facts are read just after the first highlight is saved: copy until they are there.
    let copied = { text: '', html: '' };
    await expect
      .poll(
        async () => {
          await popup.getByRole('button', { name: 'Cite highlight' }).click();
          await expect
            .poll(async () => (await d.texts(popup, '[role="status"], [role="alert"]')).join(' '))
            .toMatch(/Copied with citation\.|Could not/);
          copied = await pasted(popup);
          return copied.text.split('\n')[2] ?? '';
        },
        { timeout: 30_000 },
      )
      .toMatch(
        new RegExp(`^${BYLINE}\\. “${TITLE}\\.” ${SITE}, 9 Nov\\. 2026, https://baonamdinh\\.vn/\\S+\\.$`),
      );
    expect(copied.text.split('\n')[0]).toBe(`“${PASSAGE}” (${BYLINE})`);
    expect(spanned(copied.text.split('\n')[3] ?? '')).toEqual(['mỗi tấn lúa sấy', 'khoảng 150 nghìn đồng']);
    expect(copied.html).toContain(`<i>${SITE}</i>`);
    await d.screenshot(popup, 'cite-popup.png');
    await popup.close();
    await page.close();
  });
});

describe.skipIf(!executablePath)('The citation style chooser in Vietnamese (Chromium)', () => {
  const session = chromiumSession({ lang: 'vi' });
  const d = chromiumDriver(() => session.browser);

  it('names the styles in Vietnamese', async () => {
    const library = await d.newPage();
    await d.gotoExtensionPage(library, 'library.html');
    const chooser = library.getByLabel('Kiểu trích dẫn');
    await expect.poll(() => chooser.isEnabled()).toBe(true);
    expect(await chooser.locator('option').allTextContents()).toEqual([
      'APA, ấn bản 7',
      'Chicago, ấn bản 18 (tác giả–năm)',
      'MLA, ấn bản 9',
    ]);
    await chooser.scrollIntoViewIfNeeded();
    await d.screenshot(library, 'cite-chooser-vi.png');
    await library.close();
  });
});
