/**
 * Flows that read the same in Chromium (playwright) and Firefox (puppeteer): clippings from the popup, the reader
 * page, Edit in the popup, the interface in Vietnamese. Each browser's tests pass a driver with their page steps
 * (`chromiumDriver` in ./page-helpers.ts, `firefoxDriver` in tests/e2e-firefox/page-helpers.ts), so each flow is
 * written once; page-change-flows.ts does the same for pages that change.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ROOT } from '../../scripts/browser-harness.mjs';
import type { ToolbarButton } from '../../scripts/closed-root.mjs';
import type { FlowPage } from './page-change-flows';
import type { DrawnHighlight } from './page-helpers';
import { ARTICLE, QUOTE, SOURCE } from './sample-article';

/** What playwright's and puppeteer's pages both have, beyond `FlowPage`. */
export interface UiPage extends FlowPage {
  goto(url: string): Promise<{ status(): number } | null>;
  url(): string;
  title(): Promise<string>;
  bringToFront(): Promise<void>;
}

/**
 * A browser's steps, for the shared flows. Selectors are CSS. The toolbar sits in a closed shadow root that
 * selectors cannot reach: each browser reaches it through its automation protocol (scripts/closed-root.mjs).
 */
export interface UiDriver<P extends UiPage> {
  /** The toolbar's buttons, once it is shown over a selection. */
  toolbarButtons(page: P): Promise<ToolbarButton[]>;
  /** Clicks the toolbar's button with this accessible name, with the mouse. */
  clickToolbar(page: P, name: string): Promise<void>;
  newPage(): Promise<P>;
  /** Shows the add-on's page `path` (`reader.html?url=…`, `library.html`) in `page`. */
  gotoExtensionPage(page: P, path: string): Promise<void>;
  /** The popup, as a page about the tab showing `url`. */
  popupFor(url: string): Promise<P>;
  /** The popup in a window of its own about the tab showing `url`, as the toolbar button opens it. */
  popupWindowFor(url: string): Promise<P>;
  /** Runs `fn` (self-contained) in the add-on's origin, where its database is. */
  inExtension<R>(fn: () => Promise<R>): Promise<R>;
  /** Runs `fn` (self-contained) in the page. */
  evaluate<A, R>(page: P, fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  dragSelect(page: P, selector: string, phrase?: string): Promise<void>;
  highlightWithKey(page: P, selector: string, phrase?: string): Promise<void>;
  toolbarGone(page: P): Promise<void>;
  waitForHighlights(page: P, count: number): Promise<DrawnHighlight[]>;
  /** Waits until `selector` is shown (or, with `hidden`, gone). */
  waitFor(page: P, selector: string, options?: { hidden?: boolean; timeout?: number }): Promise<void>;
  click(page: P, selector: string): Promise<void>;
  clickAt(page: P, x: number, y: number): Promise<void>;
  /** Clicks the button named `name` (its text or aria-label) inside `scope`. */
  clickButton(page: P, name: string, scope?: string): Promise<void>;
  /** Replaces what the text field holds with `text`, typed as a user would. */
  fill(page: P, selector: string, text: string): Promise<void>;
  press(page: P, key: string): Promise<void>;
  /** The text of every element matching `selector` (the page's DOM or, for the toolbar, its shadow root). */
  texts(page: P, selector: string): Promise<string[]>;
  /** In the highlight editor open over `page` (an iframe): writes the note, saves, waits until it closed. */
  noteInEditor(page: P, note: string, screenshot: string): Promise<void>;
  /** Saves a screenshot in the browser's artifacts folder; `dark` first switches the page to dark mode. */
  screenshot(page: P, name: string, options?: { fullPage?: boolean; dark?: boolean }): Promise<void>;
  /** Starts recording what `page` requests from anywhere but the add-on; the function returns it so far. */
  requests(page: P): () => string[];
}

/** Serves `html` at a new copy of the article's address, or at `url` (see `articleCopies`). */
export type Serve = (html: string, url?: string) => string;

/** The saved clippings (address, when), read in the add-on's origin (pass to `inExtension`). */
export function storedClippings(): Promise<{ url: string; savedAt: number }[]> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('clipmark');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('clippings')) {
        db.close();
        return resolve([]);
      }
      const request = db.transaction('clippings').objectStore('clippings').getAll();
      request.onsuccess = () => {
        resolve(
          request.result.map((c: { url: string; savedAt: number }) => ({ url: c.url, savedAt: c.savedAt })),
        );
        db.close();
      };
      request.onerror = () => reject(request.error);
    };
  });
}

const keyOf = (url: string) => url.replace(/\/$/, '');
const clippingUrls = async <P extends UiPage>(d: UiDriver<P>) =>
  (await d.inExtension(storedClippings)).map((c) => c.url);

/** Save a copy of an article from the popup. */
export async function savesACopyFromThePopup<P extends UiPage>(d: UiDriver<P>, serve: Serve): Promise<void> {
  const url = serve(SOURCE);
  const page = await d.newPage();
  await page.goto(url);
  const popup = await d.popupFor(url);
  await d.clickButton(popup, 'Save a copy of this article', '.clipping');
  await d.waitFor(popup, '.clipping button.link'); // "Open saved copy"
  expect(await d.texts(popup, '.clipping button.link')).toEqual(['Open saved copy']);
  expect((await d.texts(popup, '.clipping')).join('')).toContain('Copy saved');
  expect(await clippingUrls(d)).toContain(keyOf(url));
  await popup.close();
  await page.close();
}

const REMOVED = 'Việc đầu tư được hợp tác xã thực hiện';
const KEPT = 'Lực lượng công an xã cũng giảm hẳn số lần';

/**
 * After highlighting (which saves a copy by itself) the site edits the article: the popup says so and lists
 * exactly the highlights the edit touched, the saved and the current text side by side.
 */
export async function listsTheHighlightsAnEditTouched<P extends UiPage>(
  d: UiDriver<P>,
  serve: Serve,
): Promise<void> {
  const url = serve(SOURCE);
  const page = await d.newPage();
  await page.goto(url);
  await d.highlightWithKey(page, '[data-testid="quote-target"]');
  await d.highlightWithKey(page, '[data-testid="with-link"]', REMOVED);
  await d.highlightWithKey(page, '[data-testid="repeat-2"]', KEPT);
  await d.waitForHighlights(page, 3);
  // The first highlight saved a copy of the article by itself (the setting is on by default).
  await expect.poll(() => clippingUrls(d), { timeout: 15_000 }).toContain(keyOf(url));

  // The site edits the article: a figure changes inside the first quote, the second one's paragraph goes.
  const changed = QUOTE.replace('150 nghìn đồng', '160 nghìn đồng');
  const v2 = SOURCE.replace(QUOTE, changed).replace(/<p[^>]*data-testid="with-link"[^>]*>[\s\S]*?<\/p>/, '');
  expect(v2).not.toContain(REMOVED);
  serve(v2, url);
  await page.reload();
  await d.waitForHighlights(page, 2);

  const popup = await d.popupFor(url);
  await d.waitFor(popup, '.edited', { timeout: 15_000 });
  expect(await d.texts(popup, '.edited h3')).toEqual(['The article changed since you saved it']);
  const rows = await d.evaluate(
    popup,
    () =>
      [...document.querySelectorAll('.edited .change')].map((li) => ({
        saved: li.querySelector('.saved')?.textContent,
        now: li.querySelector('.now')?.textContent,
      })),
    undefined,
  );
  expect(rows).toEqual(
    [
      { saved: REMOVED, now: 'No longer on the page' },
      { saved: QUOTE, now: changed },
    ].sort((a, b) => SOURCE.indexOf(a.saved) - SOURCE.indexOf(b.saved)),
  );
  await d.screenshot(popup, 'popup-edited-since-saved.png', { fullPage: true });
  await popup.close();
  await page.close();
}

const READER_EXPECTED = ARTICLE.expected as { title: string; quoteTarget: string; bodyMustContain: string[] };
const NEW_PHRASE = 'Lò dùng nhiên liệu là trấu ép nên chi phí vận hành thấp';

/** The middle of the first line of `phrase` in `.reader-body` (run in the reader page). */
function pointInPhrase(phrase: string): { x: number; y: number } {
  const walker = document.createTreeWalker(
    document.querySelector('.reader-body') as Node,
    NodeFilter.SHOW_TEXT,
  );
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const at = (n as Text).data.indexOf(phrase);
    if (at < 0) continue;
    const range = document.createRange();
    range.setStart(n, at + 3);
    range.setEnd(n, at + 4);
    const r = range.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  }
  throw new Error('phrase not found');
}

/**
 * The reader page: highlight on the live article (the background keeps a clipping), take the page away (404),
 * read the saved copy with its highlight on the right words, highlight and tag there, and find that new
 * highlight on the live article once it is back. Uses the article's own address: run it once per browser.
 */
export async function readsTheSavedCopyOffline<P extends UiPage>(
  d: UiDriver<P>,
  server: { setPage(url: string, body: string | null): void },
): Promise<void> {
  const page = await d.newPage();
  await page.goto(ARTICLE.url);
  await d.highlightWithKey(page, '[data-testid="quote-target"]');
  await d.waitForHighlights(page, 1);
  // The first highlight on an article saves a clipping (autoClip is on by default).
  await expect.poll(() => clippingUrls(d), { timeout: 20_000 }).toContain(keyOf(ARTICLE.url));

  // The site takes the article down.
  server.setPage(ARTICLE.url, null);
  const gone = await d.newPage();
  expect((await gone.goto(ARTICLE.url))?.status()).toBe(404);
  await gone.close();

  const reader = await d.newPage();
  const requests = d.requests(reader);
  await d.gotoExtensionPage(reader, `reader.html?url=${encodeURIComponent(ARTICLE.url)}`);
  await d.waitFor(reader, 'h1');
  expect(await d.texts(reader, 'h1')).toEqual([READER_EXPECTED.title]);
  const body = (await d.texts(reader, '.reader-body')).join('');
  for (const sentence of READER_EXPECTED.bodyMustContain) expect(body).toContain(sentence);
  expect((await d.texts(reader, '.paper-line')).join('')).toContain('9 Nov 2026, 07:45 (GMT+7)');
  expect(
    await d.evaluate(reader, () => document.querySelector('a.original')?.getAttribute('rel'), undefined),
  ).toBe('noopener noreferrer');
  const [drawn] = await d.waitForHighlights(reader, 1);
  expect(drawn?.text).toBe(READER_EXPECTED.quoteTarget);
  expect(await d.texts(reader, '.reader-item .quote-text')).toEqual([READER_EXPECTED.quoteTarget]);
  await d.screenshot(reader, 'reader.png', { fullPage: true });

  // Highlight in the reader with the toolbar.
  await d.dragSelect(reader, '.reader-body', NEW_PHRASE);
  await d.clickButton(reader, 'Green', '.toolbar');
  await d.screenshot(reader, 'reader-toolbar.png');
  await d.click(reader, '.toolbar button.primary'); // Highlight
  await d.waitFor(reader, '.toolbar', { hidden: true });
  expect(await d.waitForHighlights(reader, 2)).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ color: 'green', text: NEW_PHRASE }),
      expect.objectContaining({ color: 'yellow', text: READER_EXPECTED.quoteTarget }),
    ]),
  );
  // Reading order in the list: the new passage comes first in the article.
  expect(await d.texts(reader, '.reader-item .quote-text')).toEqual([
    NEW_PHRASE,
    READER_EXPECTED.quoteTarget,
  ]);

  // Clicking a highlight opens the editor: tag it there.
  const point = await d.evaluate(reader, pointInPhrase, NEW_PHRASE);
  await d.clickAt(reader, point.x, point.y);
  await d.waitFor(reader, '.reader-dialog .quote');
  expect(await d.texts(reader, '.reader-dialog .quote')).toEqual([NEW_PHRASE]);
  await d.fill(reader, '.reader-dialog input.tags-field', 'chi phí');
  await d.press(reader, 'Enter');
  await d.screenshot(reader, 'reader-editor.png');
  await d.clickButton(reader, 'Save', '.reader-dialog');
  await d.waitFor(reader, '.reader-dialog', { hidden: true });
  expect(await d.texts(reader, '.reader-item .tag')).toEqual(['chi phí']);
  await d.screenshot(reader, 'reader-dark.png', { dark: true });
  // Nothing was fetched from the network for the saved copy.
  expect(requests()).toEqual([]);

  // The site puts the article back: the highlight made in the reader is drawn on the same words.
  server.setPage(ARTICLE.url, SOURCE);
  await page.bringToFront();
  await page.reload();
  expect(await d.waitForHighlights(page, 2)).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ color: 'green', text: NEW_PHRASE }),
      expect.objectContaining({ color: 'yellow', text: READER_EXPECTED.quoteTarget }),
    ]),
  );
  await d.screenshot(page, 'reader-live-after.png');
  await reader.close();
  await page.close();
}

/** Edit in the popup (a window of its own) opens the highlight's editor over the page; the note is saved. */
export async function editsFromThePopup<P extends UiPage>(d: UiDriver<P>, serve: Serve): Promise<void> {
  const url = serve(SOURCE);
  const page = await d.newPage();
  await page.goto(url);
  await d.highlightWithKey(page, '[data-testid="quote-target"]');
  await d.waitForHighlights(page, 1);
  const popup = await d.popupWindowFor(url);
  await d.waitFor(popup, 'li.highlight');
  const id = await d.evaluate(
    popup,
    () => document.querySelector('li.highlight')?.getAttribute('data-id'),
    undefined,
  );
  await d.clickButton(popup, 'Edit this highlight’s colour, tags and note on the page', 'li.highlight');
  const note = 'Sửa từ cửa sổ bật lên.';
  await d.noteInEditor(page, note, 'editor-from-popup.png');
  await popup.close();
  const again = await d.popupFor(url);
  await d.waitFor(again, `li.highlight[data-id="${id}"] .note`);
  expect(await d.texts(again, `li.highlight[data-id="${id}"] .note`)).toEqual([note]);
  await again.close();
  await page.close();
}

const VI: Record<string, { message: string }> = JSON.parse(
  readFileSync(join(ROOT, 'public/_locales/vi/messages.json'), 'utf8'),
);
/** A Vietnamese interface string, `$1`… replaced by `values`. */
export const say = (key: string, ...values: string[]): string =>
  values.reduce((text, value, i) => text.replace(`$${i + 1}`, value), VI[key]?.message ?? key);

/**
 * The interface in Vietnamese, in a browser that runs in Vietnamese: toolbar, popup (the article card with the
 * date day first) and library page, saved as screenshots (*-vi.png) beside the English ones.
 */
export async function showsTheInterfaceInVietnamese<P extends UiPage>(d: UiDriver<P>): Promise<void> {
  const page = await d.newPage();
  await page.goto(ARTICLE.url);
  await d.dragSelect(page, '[data-testid="quote-target"]');
  const buttons = await d.toolbarButtons(page);
  expect(buttons.filter((b) => b.primary).map((b) => b.text)).toEqual([say('highlight')]);
  await d.screenshot(page, 'toolbar-vi.png');
  await d.clickToolbar(page, say('highlight'));
  await d.toolbarGone(page);
  await d.waitForHighlights(page, 1);

  const popup = await d.popupFor(ARTICLE.url);
  await d.waitFor(popup, '.card .byline', { timeout: 15_000 });
  expect(await d.texts(popup, '.card .badge')).toEqual([say('cardArticle')]);
  // Day first, in the paper's own time zone: 07:45 on 9 November 2026.
  expect((await d.texts(popup, '.card .facts'))[0]).toBe(
    `${ARTICLE.expected.siteName} · 07:45, 09/11/2026 (GMT+7)`,
  );
  expect((await d.texts(popup, '.count'))[0]).toBe(say('highlightCount', '1'));
  expect(
    await d.evaluate(
      popup,
      () => document.querySelector('input[type="search"]')?.getAttribute('placeholder'),
      undefined,
    ),
  ).toBe(say('searchPlaceholder'));
  await d.screenshot(popup, 'popup-vi.png');

  const library = await d.newPage();
  await d.gotoExtensionPage(library, 'library.html');
  await d.waitFor(library, '.group');
  expect(await d.texts(library, 'h1')).toEqual([say('libraryTitle')]);
  expect(await library.title()).toBe(say('libraryTitle'));
  await d.screenshot(library, 'library-vi.png', { fullPage: true });
  await library.close();
  await popup.close();
  await page.close();
}
