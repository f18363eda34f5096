import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { editorClosed, editorFrame, loadFixtures, ROOT } from '../../scripts/browser-harness.mjs';
import { chromiumSession, executablePath } from './chromium';
import {
  chromiumDriver,
  clickToolbar,
  dragSelect,
  drawnHighlights,
  highlightWithKey,
  openPopup,
  registryNames,
  tabIdOf,
  toolbarReady,
  toolbarShown,
  waitForHighlights,
} from './page-helpers';
import { articleCopies, SOURCE } from './sample-article';
import { editsFromThePopup } from './user-flows';

const fixture = loadFixtures().find((f) => f.slug === 'baonamdinh-article');
if (!fixture) throw new Error('fixture baonamdinh-article is missing');
const ARTICLE_URL = fixture.url;
const QUOTE = String(fixture.expected.quoteTarget);
const REPEATED = String(fixture.expected.repeatedPhrase);
const ARTIFACTS = join(ROOT, 'test-output');

describe.skipIf(!executablePath)('highlight a passage on a news article (Chromium)', () => {
  const session = chromiumSession();
  /** Fresh copies of the article at their own addresses, one per test that needs a clean page. */
  const copies = articleCopies(() => session.server);

  it('serves the article at its real https address', async () => {
    expect(ARTICLE_URL).toMatch(/^https:\/\/baonamdinh\.vn\/channel\/\d+\//);
    const page = await session.browser.context.newPage();
    const response = await page.goto(ARTICLE_URL);
    expect(response?.status()).toBe(200);
    expect(page.url()).toBe(ARTICLE_URL);
    await page.close();
  });

  it('highlights, survives a reload, and lists the highlights with tags in the popup', async () => {
    const page = await session.browser.context.newPage();
    await page.goto(ARTICLE_URL);

    // 1. Select the sentence with the mouse; the toolbar appears in its shadow root.
    await dragSelect(page, '[data-testid="quote-target"]');
    expect((await page.evaluate(() => String(document.getSelection()))).trim()).toBe(QUOTE);
    await toolbarReady(page);
    // The page can neither style nor read the toolbar: it lives in a closed shadow root.
    expect(await page.evaluate(() => document.querySelector('clipmark-toolbar')?.shadowRoot)).toBeNull();
    await page.screenshot({ path: join(ARTIFACTS, 'toolbar.png') });

    // "Tags" highlights and opens the editor, an extension page in an iframe the page cannot read.
    await clickToolbar(page, 'Tags');
    const editor = await editorFrame(page);
    const tagField = editor.getByRole('textbox', { name: 'Add tags' });
    await tagField.waitFor();
    // The page sees neither the frame nor its address (in Firefox the address identifies the user).
    const pageView = await page.evaluate(() => ({
      frames: document.querySelectorAll('iframe').length,
      html: document.documentElement.outerHTML,
    }));
    expect(pageView.frames).toBe(0);
    expect(pageView.html).not.toContain('editor.html');
    expect(pageView.html).not.toContain('chrome-extension://');
    // The field the user asked for has the focus, ready to type.
    expect(await editor.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Add tags');
    await tagField.fill('nông nghiệp, Nam Định');
    await tagField.press('Enter');
    await editor.getByRole('textbox', { name: 'Note' }).fill('Số liệu tiết kiệm cho bài tổng kết.');
    await page.screenshot({ path: join(ARTIFACTS, 'editor.png') });
    await editor.getByRole('button', { name: 'Save' }).click();
    await editorClosed(page);

    let drawn = await waitForHighlights(page, 1);
    expect(drawn).toEqual([{ color: 'yellow', text: QUOTE, startIn: 'quote-target' }]);
    expect(await toolbarShown(page)).toBe(false);

    // 2. The second occurrence of a repeated phrase, with the keyboard: select, then press "h".
    await dragSelect(page, '[data-testid="repeat-2"]', REPEATED);
    await toolbarReady(page);
    await clickToolbar(page, 'Green');
    await page.keyboard.press('h');
    drawn = await waitForHighlights(page, 2);
    expect(drawn).toContainEqual({ color: 'green', text: REPEATED, startIn: 'repeat-2' });

    // 3. Reload: both come back over exactly the same words (the phrase in its second paragraph, not the first).
    const before = await registryNames(page);
    const stylesBefore = await page.evaluate(() => document.querySelectorAll('style').length);
    await page.reload();
    drawn = await waitForHighlights(page, 2);
    expect(drawn).toHaveLength(2);
    expect(drawn).toContainEqual({ color: 'yellow', text: QUOTE, startIn: 'quote-target' });
    expect(drawn).toContainEqual({ color: 'green', text: REPEATED, startIn: 'repeat-2' });
    // Styled (drawnHighlights reads each colour from the paint), with no <style> element added to the page, under
    // names that differ from the last load's and do not spell the product.
    const after = await registryNames(page);
    expect(after.some((name) => before.includes(name))).toBe(false);
    expect(after.join(' ')).not.toMatch(/clipmark/i);
    expect(await page.evaluate(() => document.querySelectorAll('style').length)).toBe(stylesBefore);
    await page.locator('[data-testid="quote-target"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'article-after-reload.png') });

    // 4. The popup for this tab lists both, in reading order, the sentence with its tags.
    const popup = await openPopup(
      session.browser.context,
      session.browser.extensionId,
      await tabIdOf(session.browser.worker, ARTICLE_URL),
    );
    const items = popup.locator('li.highlight');
    await expect.poll(() => items.count()).toBe(2);
    const first = items.nth(0);
    const firstQuote = await first.locator('.quote').textContent();
    const repeatedFirst = firstQuote === REPEATED;
    const sentence = repeatedFirst ? items.nth(1) : first;
    expect(await sentence.locator('.quote').textContent()).toBe(QUOTE);
    expect(await sentence.locator('.tag').allTextContents()).toEqual(['nông nghiệp', 'Nam Định']);
    expect(await sentence.locator('.note').textContent()).toBe('Số liệu tiết kiệm cho bài tổng kết.');
    // Reading order: the quote-target paragraph comes before repeat-2 in the article.
    expect(repeatedFirst).toBe(false);
    expect(await items.nth(1).locator('.quote').textContent()).toBe(REPEATED);
    // The card shows the headline the article reader found, not the tab title with the paper's name.
    await expect.poll(() => popup.locator('.card h2').textContent()).toBe(fixture.expected.title);
    await popup.screenshot({ path: join(ARTIFACTS, 'popup.png') });
    await popup.close();
    await page.close();
  });

  it('opens the editor when a highlight is clicked: recolour, then delete', async () => {
    const page = await session.browser.context.newPage();
    await page.goto(ARTICLE_URL);
    await waitForHighlights(page, 2);
    const target = page.locator('[data-testid="quote-target"]');
    await target.scrollIntoViewIfNeeded();
    await target.click({ position: { x: 40, y: 10 } });
    let editor = await editorFrame(page);
    const colourOnPage = async () =>
      (await drawnHighlights(page)).find((h) => h.startIn === 'quote-target')?.color;
    await editor.getByRole('button', { name: 'Pink' }).click();
    // Shown on the page at once, before it is saved (issue #22) …
    await expect.poll(colourOnPage).toBe('pink');
    await editor.getByRole('button', { name: 'Save' }).click();
    // … and still so once the page has redrawn from the library.
    await editorClosed(page);
    expect(await colourOnPage()).toBe('pink');

    await target.click({ position: { x: 40, y: 10 } });
    editor = await editorFrame(page);
    await editor.getByRole('button', { name: 'Delete' }).click();
    expect(await waitForHighlights(page, 1)).toEqual([
      { color: 'green', text: REPEATED, startIn: 'repeat-2' },
    ]);
    await page.reload();
    expect(await waitForHighlights(page, 1)).toHaveLength(1);
    await page.close();
  });

  it('highlights the selection when the context menu or keyboard command asks (tab message from Clipmark)', async () => {
    const page = await session.browser.context.newPage();
    await page.goto(ARTICLE_URL);
    await waitForHighlights(page, 1);
    await dragSelect(page, '[data-testid="repeat-1"]', REPEATED);
    // The background sends exactly this on a context-menu click or Alt+Shift+H; send it from a Clipmark page.
    const tabId = await tabIdOf(session.browser.worker, ARTICLE_URL);
    const sender = await openPopup(session.browser.context, session.browser.extensionId, tabId);
    const reply = await sender.evaluate(
      (id) =>
        // biome-ignore lint/suspicious/noExplicitAny: \`chrome\` exists on extension pages.
        (globalThis as any).chrome.tabs.sendMessage(id, {
          clipmark: 1,
          type: 'page.highlightSelection',
          payload: {},
        }),
      tabId,
    );
    expect(reply).toMatchObject({ ok: true, value: { id: expect.any(String) } });
    expect(await waitForHighlights(page, 2)).toContainEqual({
      color: 'yellow',
      text: REPEATED,
      startIn: 'repeat-1',
    });
    await sender.close();
    await page.close();
  });

  it('edits a highlight from the popup: its editor opens over the page', () =>
    editsFromThePopup(
      chromiumDriver(() => session.browser),
      copies.serve,
    ));

  it('opens the editor of a highlight over a link with Alt+click, without following the link', async () => {
    const page = await session.browser.context.newPage();
    const url = copies.serve(SOURCE);
    await page.goto(url);
    await highlightWithKey(page, '[data-testid="with-link"]', 'thực hiện theo hướng dẫn cơ giới hóa');
    await waitForHighlights(page, 1);
    // The page's own handlers, as a single-page site's router has on links.
    await page.evaluate(() => {
      const seen = { clicks: 0 };
      document.addEventListener('click', () => seen.clicks++);
      Object.assign(window, { seen });
    });
    const link = page.locator('[data-testid="with-link"] a');
    await link.click({ modifiers: ['Alt'], position: { x: 20, y: 8 } });
    await editorFrame(page);
    await page.waitForTimeout(500);
    expect(page.url()).toBe(url);
    expect(await page.evaluate(() => (window as unknown as { seen: { clicks: number } }).seen.clicks)).toBe(
      0,
    );
    // A plain click is the link's: it navigates, and opens no editor.
    await page.keyboard.press('Escape');
    await page.mouse.click(5, 5);
    await editorClosed(page);
    await Promise.all([page.waitForURL((u) => u.href !== url), link.click({ position: { x: 20, y: 8 } })]);
    await page.close();
  });

  it('highlights on an http: page too, which is not a secure context (no crypto.randomUUID there)', async () => {
    const url = 'http://tin.example.test/bai-viet/lo-say-lua-123.html';
    // Answered by playwright itself: the page server speaks https only.
    await session.browser.context.route(url, (route) =>
      route.fulfill({ contentType: 'text/html; charset=utf-8', body: SOURCE }),
    );
    const page = await session.browser.context.newPage();
    await page.goto(url);
    expect(await page.evaluate(() => [isSecureContext, typeof crypto.randomUUID])).toEqual([
      false,
      'undefined',
    ]);
    await highlightWithKey(page, '[data-testid="quote-target"]');
    expect(await waitForHighlights(page, 1)).toHaveLength(1);
    await page.reload();
    expect(await waitForHighlights(page, 1)).toHaveLength(1);
    await page.close();
  });

  it('keeps the toolbar away from text the user types into page fields', async () => {
    const page = await session.browser.context.newPage();
    await page.goto(ARTICLE_URL);
    const field = page.locator('textarea, input[type="text"]').first();
    await field.fill('hello');
    await field.dblclick(); // selects the word with a real mouseup, as a user would
    await page.waitForTimeout(300);
    expect(await toolbarShown(page)).toBe(false);
    await page.close();
  });
});
