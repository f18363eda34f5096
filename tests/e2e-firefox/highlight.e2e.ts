/**
 * The thin slice in Firefox, as in tests/e2e/highlight.e2e.ts for Chromium: select a sentence on a baonamdinh.vn
 * article, highlight it and give it tags and a note in the editor, highlight a repeated phrase with the `h` key,
 * reload, find both drawn again over exactly the same words, and find them in the popup with their tags. Firefox
 * ESR runs the Manifest V3 add-on built by `npm run build:firefox`, driven by puppeteer over WebDriver BiDi.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { loadFixtures, ROOT } from '../../scripts/browser-harness.mjs';
import { gotoExtensionPage, openPopupFor } from '../../scripts/firefox-harness.mjs';
import { articleCopies, SOURCE } from '../e2e/sample-article';
import { editsFromThePopup } from '../e2e/user-flows';
import { ARTIFACTS, executablePath, firefoxSession } from './firefox';
import {
  clickToolbar,
  dragSelect,
  editorFrameOf,
  fill,
  firefoxDriver,
  highlightWithKey,
  poll,
  registryNames,
  saveInEditor,
  toolbarReady,
  toolbarShown,
  waitForHighlights,
} from './page-helpers';

const fixture = loadFixtures().find((f) => f.slug === 'baonamdinh-article');
if (!fixture) throw new Error('fixture baonamdinh-article is missing');
const ARTICLE_URL = fixture.url;
const QUOTE = String(fixture.expected.quoteTarget);
const REPEATED = String(fixture.expected.repeatedPhrase);
const NOT_CONNECTED: string = JSON.parse(readFileSync(join(ROOT, 'public/_locales/en/messages.json'), 'utf8'))
  .pageNotConnected.message;

const NOTE = 'Số liệu tiết kiệm cho bài tổng kết.';

describe.skipIf(!executablePath)('highlight a passage on a news article (Firefox)', () => {
  const session = firefoxSession();
  // One counter for the whole file: each test gets an address of its own (a fresh `articleCopies` restarts it).
  const copies = articleCopies(() => session.server);

  it('installs the add-on with its host permission and serves the article at its real https address', async () => {
    // Manifest V3 host permissions are opt-in in Firefox; without them the content script never runs.
    const extensionPage = await session.firefox.browser.newPage();
    await gotoExtensionPage(extensionPage, `${session.firefox.origin}/popup.html`);
    const granted = await extensionPage.evaluate(() =>
      // @ts-expect-error `browser` exists in the add-on's pages.
      globalThis.browser.permissions.contains({ origins: ['http://*/*', 'https://*/*'] }),
    );
    expect(
      granted,
      'host permissions not granted at install (extensions.originControls.grantByDefault?)',
    ).toBe(true);
    await extensionPage.close();

    expect(ARTICLE_URL).toMatch(/^https:\/\/baonamdinh\.vn\/channel\/\d+\//);
    const page = await session.firefox.browser.newPage();
    const response = await page.goto(ARTICLE_URL);
    expect(response?.status()).toBe(200);
    expect(page.url()).toBe(ARTICLE_URL);
    await page.close();
  });

  it('highlights, tags and notes in the editor, survives a reload, and lists the highlights in the popup', async () => {
    const page = await session.firefox.browser.newPage();
    await page.goto(ARTICLE_URL);

    // 1. Select the sentence with the mouse; the toolbar appears in its shadow root.
    await dragSelect(page, '[data-testid="quote-target"]');
    expect((await page.evaluate(() => String(document.getSelection()))).trim()).toBe(QUOTE);
    const toolbar = await toolbarReady(page);
    expect(toolbar.buttons.filter((b) => b.primary).map((b) => b.text)).toEqual(['Highlight']);
    // The page can neither style nor read the toolbar: it lives in a closed shadow root.
    expect(await page.$eval('clipmark-toolbar', (host) => host.shadowRoot)).toBeNull();
    await page.screenshot({ path: join(ARTIFACTS, 'toolbar.png') });

    // "Tags" highlights and opens the editor, an extension page in an iframe the page cannot read.
    await clickToolbar(page, 'Tags');
    // The frame sits in a closed shadow root: found among the page's frames by address, never in the page's DOM.
    const frame = await poll(() => editorFrameOf(page));
    const pageView = await page.evaluate(() => ({
      frames: document.querySelectorAll('iframe').length,
      html: document.documentElement.outerHTML,
    }));
    expect(pageView.frames).toBe(0);
    // A moz-extension:// address is per-profile: a page that saw it could recognise the user.
    expect(pageView.html).not.toContain('moz-extension://');
    const tagField = await frame.waitForSelector('input[aria-label="Add tags"]');
    await tagField?.type('nông nghiệp, Nam Định');
    await tagField?.press('Enter');
    await (await frame.waitForSelector('textarea'))?.type(NOTE);
    await page.screenshot({ path: join(ARTIFACTS, 'editor.png') });
    await saveInEditor(frame);
    // The editor closes itself with a postMessage the content script checks against the moz-extension origin.
    await poll(async () => !(await editorFrameOf(page)));

    let drawn = await waitForHighlights(page, 1);
    expect(drawn).toEqual([{ color: 'yellow', text: QUOTE, startIn: 'quote-target' }]);
    // …and painted (drawnHighlights reads the colour from the paint), under a name that does not spell the product.
    expect((await registryNames(page)).join(' ')).not.toMatch(/clipmark/i);
    // Styled by a constructed sheet the content script adopted, not a <style> element in the page.
    expect(await page.evaluate(() => document.adoptedStyleSheets.length)).toBe(1);
    expect(await toolbarShown(page)).toBe(false);

    // 2. The second occurrence of a repeated phrase, with the keyboard: select, then press "h".
    await dragSelect(page, '[data-testid="repeat-2"]', REPEATED);
    await toolbarReady(page);
    await clickToolbar(page, 'Green');
    await page.keyboard.press('h');
    drawn = await waitForHighlights(page, 2);
    expect(drawn).toContainEqual({ color: 'green', text: REPEATED, startIn: 'repeat-2' });

    // 3. Reload: both come back over exactly the same words (the phrase in its second paragraph, not the first).
    await page.reload();
    drawn = await waitForHighlights(page, 2);
    expect(drawn).toHaveLength(2);
    expect(drawn).toContainEqual({ color: 'yellow', text: QUOTE, startIn: 'quote-target' });
    expect(drawn).toContainEqual({ color: 'green', text: REPEATED, startIn: 'repeat-2' });
    await page.$eval('[data-testid="quote-target"]', (el) => el.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: join(ARTIFACTS, 'article-after-reload.png') });

    // 4. The popup for this tab lists both, in reading order, the sentence with its tags.
    const popup = await openPopupFor(session.firefox, ARTICLE_URL);
    await popup.waitForFunction(() => document.querySelectorAll('li.highlight').length === 2, {
      timeout: 10_000,
    });
    const items = await listed(popup);
    expect(items).toEqual([
      { quote: QUOTE, tags: ['nông nghiệp', 'Nam Định'], note: NOTE },
      { quote: REPEATED, tags: [], note: null },
    ]);
    // The card shows the headline the article reader found, not the tab title with the paper's name.
    await popup.waitForFunction(
      (title) => document.querySelector('.card h2')?.textContent === title,
      { timeout: 15_000 },
      String(fixture.expected.title),
    );
    // The popup also reached the page's content script (tabs.sendMessage, which needs the host permission).
    expect(await popup.$eval('body', (b) => b.textContent)).not.toContain(NOT_CONNECTED);
    await popup.screenshot({ path: join(ARTIFACTS, 'popup.png') });
    await popup.close();
    await page.close();
  });

  it("reaches no host but the articles' own: neither Firefox nor the add-on sends anything elsewhere", () => {
    const articleHosts = new Set(loadFixtures().map((f) => `${new URL(f.url).hostname}:443`));
    expect([...session.firefox.tunnel.targets].filter((target) => !articleHosts.has(target))).toEqual([]);
  });

  it('edits a highlight from the popup: its editor opens over the page', () =>
    editsFromThePopup(
      firefoxDriver(() => session.firefox),
      copies.serve,
    ));

  it('lets the page hear nothing from the editor, so it never learns the per-profile moz-extension address', async () => {
    const page = await session.firefox.browser.newPage();
    await page.goto(copies.serve(SOURCE));
    await page.evaluate(() => {
      const heard: string[] = [];
      window.addEventListener('message', (e) => heard.push(`${e.origin} ${JSON.stringify(e.data)}`));
      Object.assign(window, { heard });
    });
    await highlightWithKey(page, '[data-testid="quote-target"]');
    const point = await page.$eval('[data-testid="quote-target"]', (el) => {
      const r = el.getBoundingClientRect();
      return { x: r.left + 40, y: r.top + 10 };
    });
    await page.mouse.click(point.x, point.y);
    const frame = await poll(() => editorFrameOf(page));
    await fill(frame, 'textarea', 'ghi chú riêng');
    await saveInEditor(frame);
    await poll(async () => !(await editorFrameOf(page)));
    expect(await page.evaluate(() => (window as unknown as { heard: string[] }).heard)).toEqual([]);
    await page.close();
  });

  it('never loses the note when a click beside the editor closes it: saved, or offered back (issue 20)', async () => {
    const url = copies.serve(SOURCE);
    const page = await session.firefox.browser.newPage();
    await page.goto(url);
    await highlightWithKey(page, '[data-testid="quote-target"]');
    await waitForHighlights(page, 1);
    const point = await page.$eval('[data-testid="quote-target"]', (el) => {
      const r = el.getBoundingClientRect();
      return { x: r.left + 40, y: r.top + 10 };
    });
    await page.mouse.click(point.x, point.y);
    const frame = await poll(() => editorFrameOf(page));
    const note = 'Bấm ra ngoài không làm mất ghi chú.';
    await fill(frame, 'textarea', note);
    // Beside the editor, on the paragraph above the highlight: the page removes the frame at once.
    await page.mouse.click(point.x, point.y - 40);
    await poll(async () => !(await editorFrameOf(page)));
    await new Promise((done) => setTimeout(done, 1000));
    const popup = await openPopupFor(session.firefox, url);
    await popup.waitForSelector('li.highlight');
    const saved = (await listed(popup))[0]?.note ?? null;
    await popup.close();
    // Firefox drops the save the removed frame sends as it goes (Chromium delivers it): the editor kept the
    // note as a draft, and the next editor on the highlight puts it back and says so.
    await page.bringToFront();
    await page.mouse.click(point.x, point.y);
    const again = await poll(() => editorFrameOf(page));
    await again.waitForSelector('textarea');
    await new Promise((done) => setTimeout(done, 600)); // a draft whose save was just sent is looked at twice
    const shown = await again.evaluate(() => ({
      note: document.querySelector('textarea')?.value,
      restored: !!document.querySelector('.restored'),
    }));
    expect(shown.note).toBe(note);
    expect(shown.restored).toBe(saved !== note);
    await page.screenshot({ path: join(ARTIFACTS, 'editor-click-outside-firefox.png') });
    if (shown.restored) {
      await saveInEditor(again);
      await poll(async () => !(await editorFrameOf(page)));
      const check = await openPopupFor(session.firefox, url);
      await check.waitForFunction(() => document.querySelector('li.highlight .note')?.textContent, {
        timeout: 10_000,
      });
      expect((await listed(check))[0]?.note).toBe(note);
      await check.close();
    }
    await page.close();
  });

  it('keeps the toolbar away from text the user types into page fields', async () => {
    const page = await session.firefox.browser.newPage();
    await page.goto(ARTICLE_URL);
    const field = await page.waitForSelector('textarea, input[type="text"]');
    await field?.type('hello');
    await field?.click({ count: 2 }); // selects the word with a real mouseup, as a user would
    await new Promise((done) => setTimeout(done, 300));
    expect(await toolbarShown(page)).toBe(false);
    // …while article text still gets it (so the check above is not passing for want of a content script).
    await dragSelect(page, '[data-testid="quote-target"]');
    await toolbarReady(page);
    await page.close();
  });
});

/** The popup's list: each highlight's quote, tags and note, in the order shown. */
function listed(popup: Page): Promise<{ quote: string | null; tags: string[]; note: string | null }[]> {
  return popup.$$eval('li.highlight', (items) =>
    items.map((li) => ({
      quote: li.querySelector('.quote')?.textContent ?? null,
      tags: [...li.querySelectorAll('.tag')].map((t) => t.textContent ?? ''),
      note: li.querySelector('.note')?.textContent ?? null,
    })),
  );
}
