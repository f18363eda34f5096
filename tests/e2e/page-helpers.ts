/** Steps a user takes on a page, for the end-to-end tests. */
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import {
  dragSelect,
  editorClosed,
  editorFrame,
  openPopup,
  ROOT,
  tabIdOf,
} from '../../scripts/browser-harness.mjs';
import { chromiumClosedRoot, toolbarSteps } from '../../scripts/closed-root.mjs';
import { COLOR_SWATCHES } from '../../utils/colors';
import type { Chromium } from './chromium';
import type { UiDriver } from './user-flows';

export { dragSelect, openPopup, tabIdOf } from '../../scripts/browser-harness.mjs';

export interface DrawnHighlight {
  color: string;
  text: string;
  /** data-testid of the closest marked ancestor of the range's start, if any. */
  startIn: string | null;
}

/** Each colour's swatch as `getComputedStyle` reports it (`rgb(r, g, b)`), to tell a drawn highlight's colour. */
const SWATCH_RGB: Record<string, string> = Object.fromEntries(
  Object.entries(COLOR_SWATCHES).map(([color, hex]) => {
    const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
    return [`rgb(${r}, ${g}, ${b})`, color];
  }),
);

/**
 * The highlights drawn through the CSS Custom Highlight API, read from the page: the registry belongs to the
 * document, so the page's own world sees what the content script registered — under random names, so each
 * entry's colour is the background its `::highlight()` style paints (which also proves it is styled). An entry
 * with no Clipmark colour is reported as `unstyled:<name>`.
 */
export function drawnHighlights(page: Page): Promise<DrawnHighlight[]> {
  return page.evaluate((swatches) => {
    const result: { color: string; text: string; startIn: string | null }[] = [];
    // biome-ignore lint/suspicious/noExplicitAny: HighlightRegistry is missing from some DOM typings.
    const registry = (CSS as any).highlights as Map<string, Set<Range>>;
    for (const [name, highlight] of registry) {
      for (const range of highlight) {
        const start = range.startContainer;
        const element = start.nodeType === 1 ? (start as Element) : start.parentElement;
        const paint = element ? getComputedStyle(element, `::highlight(${name})`).backgroundColor : '';
        result.push({
          color: swatches[paint] ?? `unstyled:${name}`,
          text: range.toString(),
          startIn: element?.closest('[data-testid]')?.getAttribute('data-testid') ?? null,
        });
      }
    }
    return result;
  }, SWATCH_RGB);
}

/**
 * In the page: how many ranges its highlight registry holds (the test pages register none of their own). Pass
 * it to the page's `evaluate`.
 */
export function rangesInRegistry(): number {
  // biome-ignore lint/suspicious/noExplicitAny: HighlightRegistry is missing from some DOM typings.
  const registry = (CSS as any).highlights as Map<string, Set<Range>>;
  let total = 0;
  for (const h of registry.values()) total += h.size;
  return total;
}

/** The names in the page's highlight registry. */
export function registryNames(page: Page): Promise<string[]> {
  // biome-ignore lint/suspicious/noExplicitAny: see drawnHighlights.
  return page.evaluate(() => [...((CSS as any).highlights as Map<string, unknown>).keys()]);
}

/** Waits until `count` highlights are drawn on the page. */
export async function waitForHighlights(page: Page, count: number): Promise<DrawnHighlight[]> {
  await page.waitForFunction(
    (n) => {
      // biome-ignore lint/suspicious/noExplicitAny: see drawnHighlights.
      const registry = (CSS as any).highlights as Map<string, Set<Range>>;
      let total = 0;
      for (const h of registry.values()) total += h.size;
      return total === n;
    },
    count,
    { timeout: 15_000 },
  );
  return drawnHighlights(page);
}

/** An article record as the tests read it back from the extension's database. */
export interface StoredArticle {
  url: string;
  title: string;
  meta: Record<string, unknown>;
}

/**
 * Reads every record of one store of the extension's database (`'articles'`, `'highlights'`…). Pass it to
 * `evaluate` of a context in the extension's origin (Chromium's service worker, an extension page in Firefox),
 * with the store's name; it uses nothing from outside.
 */
export function readStore(store: string): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('clipmark');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const request = open.result.transaction(store).objectStore(store).getAll();
      request.onsuccess = () => {
        resolve(request.result);
        open.result.close();
      };
      request.onerror = () => reject(request.error);
    };
  });
}

/**
 * Removes one field of one record in the extension's database, with the raw IndexedDB API: a record as an older
 * version saved it. Pass it to `evaluate` of a context in the extension's origin with `[store, key, field]`.
 */
export function dropField([store, key, field]: [string, string, string]): Promise<void> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('clipmark');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction(store, 'readwrite');
      const objects = tx.objectStore(store);
      const request = objects.get(key);
      request.onsuccess = () => {
        const record = { ...request.result };
        delete record[field];
        objects.put(record);
      };
      tx.oncomplete = () => {
        open.result.close();
        resolve();
      };
      tx.onerror = () => reject(tx.error);
    };
  });
}

/**
 * The page's text as Clipmark's raw positions count it (`utils/anchoring/page-text.ts`): the body's text nodes
 * joined as they are, outside script, style and hidden elements. Written out again here, so the test checks the
 * content script's measure against an independent one. Pass it to the page's `evaluate`.
 */
export function rawPageText(): string {
  const skipped = (el: Element | null): boolean => {
    for (let e = el; e && e !== document.body; e = e.parentElement) {
      const name = e.localName;
      if (
        ['script', 'style', 'noscript', 'template', 'textarea'].includes(name) ||
        name.startsWith('clipmark-')
      )
        return true;
      if (e.hasAttribute('hidden') || e.getAttribute('aria-hidden')?.trim().toLowerCase() === 'true')
        return true;
    }
    return false;
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let text = '';
  for (let n = walker.nextNode(); n; n = walker.nextNode())
    if (!skipped(n.parentElement)) text += (n as Text).data;
  return text;
}

/**
 * The selection toolbar's steps (scripts/closed-root.mjs): its closed shadow root is reached through the
 * DevTools protocol, which selectors cannot do, and its buttons are clicked with the mouse.
 */
export const { toolbarOf, toolbarShown, toolbarReady, clickToolbar, toolbarGone } = toolbarSteps(
  (page: Page) => chromiumClosedRoot(page, 'clipmark-toolbar'),
);

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

/**
 * Stops the extension's service worker, as Chromium does after ~30 s idle, and waits until it has stopped.
 * Returns a function that stops it again. The DevTools session must belong to an extension page to see it.
 */
export async function serviceWorkerStopper(context: BrowserContext, extensionId: string, userPage: Page) {
  const extPage = await context.newPage();
  await extPage.goto(`chrome-extension://${extensionId}/popup.html`);
  // A background tab's timers are throttled to seconds; give the user's page the focus back.
  await userPage.bringToFront();
  const cdp = await context.newCDPSession(extPage);
  const status = new Map<string, string>();
  /** Versions seen stopped since the last request: a message may wake the worker again right after. */
  const stopped = new Set<string>();
  cdp.on('ServiceWorker.workerVersionUpdated', (event) => {
    for (const v of event.versions) {
      status.set(v.versionId, v.runningStatus);
      if (v.runningStatus === 'stopped') stopped.add(v.versionId);
    }
  });
  await cdp.send('ServiceWorker.enable');
  return async function stop(): Promise<void> {
    const deadline = Date.now() + 15_000;
    const live = () => [...status].filter(([, s]) => s === 'running' || s === 'starting').map(([id]) => id);
    // Already stopped (by the last call, with nothing woken since): done. Waiting for it to run again, as this
    // did, cost 15 s whenever nothing woke it, which made the test take 3 s or 20 s by chance.
    const asked = live();
    if (asked.length === 0) return;
    stopped.clear();
    for (const versionId of asked) await cdp.send('ServiceWorker.stopWorker', { versionId });
    while (!asked.every((id) => stopped.has(id)) && Date.now() < deadline) await extPage.waitForTimeout(20);
    if (!asked.every((id) => stopped.has(id))) throw new Error('the service worker did not stop');
  };
}

/** Chromium's steps for the shared flows (./user-flows.ts), on the browser `get()` gives once it has started. */
export function chromiumDriver(get: () => Chromium): UiDriver<Page> {
  const screenshots = join(ROOT, 'test-output');
  return {
    toolbarButtons: async (page) => (await toolbarOf(page)).buttons,
    clickToolbar,
    newPage: () => get().context.newPage(),
    async gotoExtensionPage(page, path) {
      await page.goto(`chrome-extension://${get().extensionId}/${path}`);
    },
    popupFor: async (url) => openPopup(get().context, get().extensionId, await tabIdOf(get().worker, url)),
    async popupWindowFor(url) {
      const { context, worker } = get();
      const tabId = await tabIdOf(worker, url);
      // A popup window, as the toolbar button's popup is: the article stays visible beside it (a background
      // tab would not lay out the editor's frame, and clicks would miss it).
      const [popup] = await Promise.all([
        context.waitForEvent('page'),
        worker.evaluate(async (id) => {
          // @ts-expect-error `chrome` exists in the extension's service worker.
          const api = globalThis.chrome;
          await api.windows.create({
            url: api.runtime.getURL(`/popup.html?tab=${id}`),
            type: 'popup',
            width: 400,
            height: 600,
          });
        }, tabId),
      ]);
      return popup;
    },
    inExtension: (fn) => get().worker.evaluate(fn),
    evaluate: (page, fn, arg) => page.evaluate(fn as never, arg as never) as never,
    dragSelect,
    highlightWithKey,
    toolbarGone,
    waitForHighlights,
    async waitFor(page, selector, { hidden = false, timeout } = {}) {
      await page
        .locator(selector)
        .first()
        .waitFor({ state: hidden ? 'hidden' : 'visible', timeout });
    },
    click: (page, selector) => page.locator(selector).click(),
    clickAt: (page, x, y) => page.mouse.click(x, y),
    clickButton: (page, name, scope) =>
      (scope ? page.locator(scope) : page).getByRole('button', { name, exact: true }).click(),
    fill: (page, selector, text) => page.locator(selector).fill(text),
    press: (page, key) => page.keyboard.press(key),
    texts: (page, selector) => page.locator(selector).allTextContents(),
    async noteInEditor(page, note, screenshot) {
      const editor = await editorFrame(page);
      await editor.getByRole('textbox', { name: 'Note' }).fill(note);
      await page.screenshot({ path: join(screenshots, screenshot) });
      await editor.getByRole('button', { name: 'Save' }).click();
      await editorClosed(page);
    },
    async screenshot(page, name, { fullPage = false, dark = false } = {}) {
      if (dark) await page.emulateMedia({ colorScheme: 'dark' });
      await page.screenshot({ path: join(screenshots, name), fullPage });
    },
    requests(page) {
      const seen: string[] = [];
      page.on('request', (request) => {
        if (!request.url().startsWith('chrome-extension://')) seen.push(request.url());
      });
      return () => [...seen];
    },
  };
}
