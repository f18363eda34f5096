/**
 * The Chromium tests' page steps, used with puppeteer's Firefox pages. The shared helpers call only
 * `page.evaluate(fn, arg)` and `page.mouse.move/down/up`, which puppeteer's `Page`
 * has with the same signatures as playwright's, so they are reused rather than copied. Steps that go through
 * playwright's locators (role queries) have their puppeteer form here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page as PlaywrightPage } from 'playwright-core';
import type { ElementHandle, Frame, Page } from 'puppeteer-core';
import { expect } from 'vitest';
import { dragSelect as sharedDragSelect } from '../../scripts/browser-harness.mjs';
import { firefoxClosedRoot, toolbarSteps } from '../../scripts/closed-root.mjs';
import { gotoExtensionPage, openPopupFor, tabIdOf } from '../../scripts/firefox-harness.mjs';
import {
  type DrawnHighlight,
  readStore,
  type StoredArticle,
  drawnHighlights as sharedDrawnHighlights,
  registryNames as sharedRegistryNames,
} from '../e2e/page-helpers';
import type { UiDriver } from '../e2e/user-flows';
import { ARTIFACTS, type Firefox } from './firefox';

const shared = (page: Page) => page as unknown as PlaywrightPage;

/**
 * The selection toolbar's steps (scripts/closed-root.mjs): its closed shadow root is reached over WebDriver BiDi, which
 * selectors cannot do, and its buttons are clicked with the mouse.
 */
export const { toolbarOf, toolbarShown, toolbarReady, clickToolbar, toolbarGone } = toolbarSteps(
  (page: Page) => firefoxClosedRoot(page, 'clipmark-toolbar'),
);

/**
 * Selects the text of `selector` (or `phrase` inside it) by dragging the mouse across it, in the tab the user
 * sees: a page hidden behind a newer tab (the popup opened as a tab, say) is selected first, as a user clicks
 * its tab. In a hidden tab Firefox slows animation frames, which puppeteer's visible/hidden waits poll on.
 */
export async function dragSelect(page: Page, selector: string, phrase?: string): Promise<void> {
  if (await page.evaluate(() => document.visibilityState === 'hidden')) {
    await page.bringToFront();
    await page.waitForFunction(() => document.visibilityState === 'visible', { timeout: 5_000 });
  }
  return sharedDragSelect(shared(page), selector, phrase);
}

/** The highlights drawn through the CSS Custom Highlight API (the entries of `CSS.highlights`, by their paint). */
export function drawnHighlights(page: Page): Promise<DrawnHighlight[]> {
  return sharedDrawnHighlights(shared(page));
}

/** The names in the page's highlight registry. */
export const registryNames = (page: Page): Promise<string[]> => sharedRegistryNames(shared(page));

/** Waits until `count` highlights are drawn on the page. */
export async function waitForHighlights(page: Page, count: number): Promise<DrawnHighlight[]> {
  await expect.poll(async () => (await drawnHighlights(page)).length, { timeout: 15_000 }).toBe(count);
  return drawnHighlights(page);
}

/**
 * Selects text as a user would and highlights it with the `h` key; waits for the toolbar to close unless
 * `wait` is false.
 */
export async function highlightWithKey(
  page: Page,
  selector: string,
  phrase?: string,
  wait = true,
): Promise<void> {
  await dragSelect(page, selector, phrase);
  await toolbarReady(page);
  await page.keyboard.press('h');
  if (wait) await toolbarGone(page);
}

/** A file Firefox saved. */
export interface SavedFile {
  filename: string;
  content: string;
}

/**
 * The files Firefox downloads while `action` runs, read from its download folder once complete. Unlike
 * headless Chromium, headless Firefox really saves a download started from an extension page (a Blob and
 * `<a download>`), so this checks the file the user gets, name included.
 */
export async function downloaded(firefox: Firefox, action: () => Promise<void>): Promise<SavedFile[]> {
  const before = new Set(readdirSync(firefox.downloadDir));
  await action();
  // Firefox writes `<name>.part` and an empty `<name>` placeholder, then moves the data into place.
  const complete = () => {
    const names = readdirSync(firefox.downloadDir);
    const fresh = names.filter((name) => !before.has(name) && !name.endsWith('.part'));
    const done =
      fresh.length > 0 &&
      !names.some((name) => name.endsWith('.part')) &&
      fresh.every((name) => statSync(join(firefox.downloadDir, name)).size > 0);
    return done ? fresh : [];
  };
  await expect.poll(() => complete().length, { timeout: 10_000 }).toBeGreaterThan(0);
  return complete().map((filename) => ({
    filename,
    content: readFileSync(join(firefox.downloadDir, filename), 'utf8'),
  }));
}

/** Opens one of the add-on's pages (`popup.html`, `library.html`…) in a new tab. */
export async function openExtensionPage(firefox: Firefox, path: string): Promise<Page> {
  const page = await firefox.browser.newPage();
  await gotoExtensionPage(page, `${firefox.origin}/${path}`);
  return page;
}

/** The article records in the add-on's database, read from one of its pages (the add-on's origin). */
export async function storedArticles(firefox: Firefox): Promise<StoredArticle[]> {
  const page = await openExtensionPage(firefox, 'popup.html');
  try {
    return (await page.evaluate(readStore, 'articles')) as StoredArticle[];
  } finally {
    await page.close();
  }
}

/**
 * Replaces what a text field holds with `text`, typed as a user would: select all, Backspace, type. (puppeteer's
 * `locator.fill()` empties a field by assigning its value, with no input event, so a page never sees it cleared.)
 */
export async function fill(page: Page | Frame, selector: string, text: string): Promise<void> {
  const field = await page.waitForSelector(selector);
  if (!field) throw new Error(`no ${selector}`);
  await field.focus();
  // An empty field gets no Backspace: in a tag field it would take the last tag off.
  if (await field.evaluate((el) => (el as HTMLInputElement).value !== '')) {
    await field.evaluate((el) => (el as HTMLInputElement).select());
    await field.press('Backspace');
  }
  if (text) await field.type(text);
}

/** The text of every element matching `selector`, in document order. */
export function texts(page: Page, selector: string): Promise<string[]> {
  return page.$$eval(selector, (els) => els.map((e) => e.textContent ?? ''));
}

/** Polls `probe` until it gives something truthy (10 s at most). */
export async function poll<T>(
  probe: () => T | undefined | false | Promise<T | undefined | false>,
): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * The editor's frame, found by the address its document reports: over BiDi, puppeteer keeps `about:blank` as
 * the URL of a frame created inside a (closed) shadow root.
 */
export async function editorFrameOf(page: Page): Promise<Frame | undefined> {
  for (const frame of page.frames()) {
    if (frame === page.mainFrame()) continue;
    const href = await frame.evaluate(() => location.href).catch(() => '');
    if (href.includes('/editor.html')) return frame;
  }
  return undefined;
}

/**
 * Presses the editor's Save button. puppeteer cannot click inside the editor's frame in Firefox ESR 140 (a
 * locator waits for animation frames that never come there; an element click needs a newer WebDriver BiDi),
 * so the button is clicked from the page's side, as a keyboard user's Enter on it would.
 */
export async function saveInEditor(frame: Frame): Promise<void> {
  await frame.waitForSelector('button.primary');
  await frame.$eval('button.primary', (button) => (button as HTMLButtonElement).click());
}

/** Firefox's steps for the shared flows (tests/e2e/user-flows.ts), on the Firefox `get()` gives once started. */
export function firefoxDriver(get: () => Firefox): UiDriver<Page> {
  return {
    toolbarButtons: async (page) => (await toolbarOf(page)).buttons,
    clickToolbar,
    newPage: () => get().browser.newPage(),
    gotoExtensionPage: (page, path) => gotoExtensionPage(page, `${get().origin}/${path}`),
    popupFor: (url) => openPopupFor(get(), url),
    async popupWindowFor(url) {
      const firefox = get();
      const helper = await openExtensionPage(firefox, 'popup.html');
      const tabId = await tabIdOf(helper, url);
      const path = `/popup.html?tab=${tabId}`;
      const before = new Set(await firefox.browser.pages());
      await helper.evaluate(async (p) => {
        // @ts-expect-error `browser` exists in the add-on's pages.
        const api = globalThis.browser;
        await api.windows.create({ url: api.runtime.getURL(p), type: 'popup', width: 400, height: 600 });
      }, path);
      // Closing the helper tab selects the article's tab again, so the article is laid out beside the popup.
      await helper.close();
      // Found by the address its document reports: over BiDi, puppeteer keeps `about:blank` as the URL of a
      // moz-extension:// page it did not navigate itself.
      return poll(async () => {
        for (const page of await firefox.browser.pages()) {
          if (before.has(page)) continue;
          const href = await page.evaluate(() => location.href).catch(() => '');
          if (href.endsWith(path)) return page;
        }
        return undefined;
      });
    },
    async inExtension(fn) {
      const page = await openExtensionPage(get(), 'popup.html');
      try {
        return await page.evaluate(fn);
      } finally {
        await page.close();
      }
    },
    evaluate: (page, fn, arg) => page.evaluate(fn as never, arg as never) as never,
    dragSelect,
    highlightWithKey: (page, selector, phrase) => highlightWithKey(page, selector, phrase),
    toolbarGone,
    waitForHighlights,
    async waitFor(page, selector, { hidden = false, timeout } = {}) {
      await page.waitForSelector(selector, { visible: !hidden, hidden, timeout });
    },
    click: (page, selector) => page.locator(selector).click(),
    clickAt: (page, x, y) => page.mouse.click(x, y),
    async clickButton(page, name, scope = 'body') {
      // By text or aria-label: puppeteer's ARIA queries are not reliable over BiDi.
      const handle = await page.waitForFunction(
        (n: string, s: string) =>
          [...document.querySelectorAll(`${s} button`)].find(
            (b) => (b.getAttribute('aria-label') ?? b.textContent?.trim()) === n,
          ),
        { timeout: 10_000 },
        name,
        scope,
      );
      await (handle as ElementHandle<Element>).click();
    },
    fill,
    press: (page, key) => page.keyboard.press(key as never),
    texts,
    async noteInEditor(page, note, screenshot) {
      const frame = await poll(() => editorFrameOf(page));
      await fill(frame, 'textarea', note);
      await page.screenshot({ path: join(ARTIFACTS, screenshot) });
      await saveInEditor(frame);
      await poll(async () => !(await editorFrameOf(page)));
    },
    async screenshot(page, name, { fullPage = false, dark = false } = {}) {
      if (!dark) {
        await page.screenshot({ path: join(ARTIFACTS, name), fullPage });
        return;
      }
      await get().colorScheme('dark');
      try {
        await page.waitForFunction(() => matchMedia('(prefers-color-scheme: dark)').matches, {
          timeout: 5_000,
        });
        await page.screenshot({ path: join(ARTIFACTS, name), fullPage });
      } finally {
        await get().colorScheme(null);
      }
    },
    requests(page) {
      const seen: string[] = [];
      page.on('request', (request) => {
        if (!request.url().startsWith('moz-extension://')) seen.push(request.url());
      });
      return () => [...seen];
    },
  };
}
