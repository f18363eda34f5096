/**
 * A hostile page cannot act for the user (issue #15, finding 1): its script can select text, dispatch mouse and
 * key events, click whatever it can reach and forge WXT's "a newer content script started" event, and none of it
 * makes, opens or stops anything. Each test then does the same as a user, with the real mouse and keyboard, to
 * show Clipmark was listening all along.
 */
import { describe, expect, it } from 'vitest';
import { editorClosed, editorFrame } from '../../scripts/browser-harness.mjs';
import { chromiumSession, executablePath } from './chromium';
import {
  dragSelect,
  drawnHighlights,
  highlightWithKey,
  readStore,
  toolbarReady,
  toolbarShown,
  waitForHighlights,
} from './page-helpers';
import { articleCopies, SOURCE } from './sample-article';

/** Long enough for the content script to have acted on an event, were it going to. */
const SETTLE_MS = 800;

describe.skipIf(!executablePath)('a hostile page (Chromium)', () => {
  const session = chromiumSession();
  const copies = articleCopies(() => session.server);

  async function openArticle() {
    const url = copies.serve(SOURCE);
    const page = await session.browser.context.newPage();
    await page.goto(url);
    await waitForHighlights(page, 0);
    return { url, page };
  }

  async function storedHighlights(url: string): Promise<unknown[]> {
    const all = (await session.browser.worker.evaluate(readStore, 'highlights')) as { url: string }[];
    return all.filter((h) => url.startsWith(h.url));
  }

  it('runs with only the permissions Clipmark uses (no `storage`: nothing uses storage.*; `alarms`: sync; `sidePanel`: the side panel)', async () => {
    const granted = await session.browser.worker.evaluate(async () => {
      // @ts-expect-error `chrome` exists in the extension's service worker.
      const all = await globalThis.chrome.permissions.getAll();
      return { permissions: [...all.permissions].sort(), origins: [...all.origins].sort() };
    });
    expect(granted).toEqual({
      permissions: ['alarms', 'contextMenus', 'scripting', 'sidePanel', 'unlimitedStorage'],
      origins: ['http://*/*', 'https://*/*'],
    });
  });

  it('can request no file of Clipmark but the editor frame (the page tools and their styles are injected)', async () => {
    const manifest = (await session.browser.worker.evaluate(() =>
      // @ts-expect-error `chrome` exists in the extension's service worker.
      globalThis.chrome.runtime.getManifest(),
    )) as { web_accessible_resources?: { resources: string[]; use_dynamic_url?: boolean }[] };
    const exposed = manifest.web_accessible_resources ?? [];
    expect(exposed.flatMap((entry) => entry.resources)).toEqual(['editor.html']);
    expect(exposed.every((entry) => entry.use_dynamic_url)).toBe(true);
  });

  it('cannot select text and press H for the user', async () => {
    const { url, page } = await openArticle();
    await page.evaluate(() => {
      const target = document.querySelector('[data-testid="quote-target"]') as Element;
      const range = document.createRange();
      range.selectNodeContents(target);
      document.getSelection()?.removeAllRanges();
      document.getSelection()?.addRange(range);
      target.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, clientX: 10, clientY: 10 }));
      setTimeout(() => {
        for (const type of ['keydown', 'keyup'])
          document.body.dispatchEvent(new KeyboardEvent(type, { key: 'h', code: 'KeyH', bubbles: true }));
      }, 100);
    });
    await page.waitForTimeout(SETTLE_MS);
    expect(await toolbarShown(page)).toBe(false);
    expect(await drawnHighlights(page)).toEqual([]);
    expect(await storedHighlights(url)).toEqual([]);

    // The user does the same (a click first: a drag that starts on selected text would drag that text).
    await page.mouse.click(5, 5);
    await highlightWithKey(page, '[data-testid="quote-target"]');
    expect(await waitForHighlights(page, 1)).toHaveLength(1);
    expect(await storedHighlights(url)).toHaveLength(1);
    await page.close();
  });

  it('cannot press H, read the toolbar or click its buttons while the user’s selection shows it', async () => {
    const { url, page } = await openArticle();
    await dragSelect(page, '[data-testid="quote-target"]');
    const { x, y } = (await toolbarReady(page)).buttons.find((b) => b.primary)?.center ?? { x: 0, y: 0 };
    const seen = await page.evaluate(
      ({ x, y }) => {
        const host = document.querySelector('clipmark-toolbar');
        const hit = document.elementFromPoint(x, y);
        for (const type of ['keydown', 'keyup'])
          document.dispatchEvent(new KeyboardEvent(type, { key: 'h', code: 'KeyH', bubbles: true }));
        hit?.dispatchEvent(
          new MouseEvent('click', { bubbles: true, composed: true, clientX: x, clientY: y }),
        );
        (hit as HTMLElement | null)?.click();
        return {
          shadowRoot: host?.shadowRoot !== null,
          hit: hit?.localName,
          text: host?.textContent ?? '',
        };
      },
      { x, y },
    );
    // The page reaches the host element, never what is inside it.
    expect(seen).toEqual({ shadowRoot: false, hit: 'clipmark-toolbar', text: '' });
    await page.waitForTimeout(SETTLE_MS);
    expect(await drawnHighlights(page)).toEqual([]);
    expect(await storedHighlights(url)).toEqual([]);
    expect(await toolbarShown(page)).toBe(true);

    await page.keyboard.press('h');
    expect(await waitForHighlights(page, 1)).toHaveLength(1);
    await page.close();
  });

  it('cannot open the editor by clicking a highlight, nor close it with Escape or a mousedown', async () => {
    const { page } = await openArticle();
    await highlightWithKey(page, '[data-testid="quote-target"]');
    await waitForHighlights(page, 1);
    // A point on the highlighted words: the middle of the paragraph's tenth character.
    const point = await page.evaluate(() => {
      const text = document
        .createTreeWalker(
          document.querySelector('[data-testid="quote-target"]') as Element,
          NodeFilter.SHOW_TEXT,
        )
        .nextNode() as Text;
      const range = document.createRange();
      range.setStart(text, 10);
      range.setEnd(text, 11);
      const r = range.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    });
    await page.evaluate(({ x, y }) => {
      const hit = document.elementFromPoint(x, y);
      for (const type of ['mousedown', 'mouseup', 'click'])
        hit?.dispatchEvent(new MouseEvent(type, { bubbles: true, button: 0, clientX: x, clientY: y }));
    }, point);
    await page.waitForTimeout(SETTLE_MS);
    expect(page.frames().some((f) => f.url().includes('/editor.html'))).toBe(false);

    // The user's click opens it; the page's Escape and mousedown leave it open.
    await page.mouse.click(point.x, point.y);
    await editorFrame(page);
    await page.evaluate(() => {
      document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
      document.body.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, button: 0 }));
    });
    await page.waitForTimeout(SETTLE_MS);
    expect(page.frames().some((f) => f.url().includes('/editor.html'))).toBe(true);
    // The user's click elsewhere closes it.
    await page.mouse.click(5, 5);
    await editorClosed(page);
    await page.close();
  });

  it('hears nothing from Clipmark, from the page’s first script on: the editor closes through the extension', async () => {
    const page = await session.browser.context.newPage();
    // Listening before Clipmark's content script starts: WXT announced that start with a postMessage.
    await page.addInitScript(() => {
      const heard: string[] = [];
      window.addEventListener('message', (e) => heard.push(`${e.origin} ${JSON.stringify(e.data)}`));
      Object.assign(window, { heard });
    });
    await page.goto(copies.serve(SOURCE));
    await waitForHighlights(page, 0);
    await highlightWithKey(page, '[data-testid="quote-target"]');
    await page.locator('[data-testid="quote-target"]').click({ position: { x: 40, y: 10 } });
    const editor = await editorFrame(page);
    await editor.getByRole('textbox', { name: 'Note' }).fill('ghi chú riêng');
    await editor.getByRole('button', { name: 'Save' }).click();
    await editorClosed(page);
    expect(await page.evaluate(() => (window as unknown as { heard: string[] }).heard)).toEqual([]);
    await page.close();
  });

  it('cannot switch Clipmark off with a forged "newer content script started" event', async () => {
    const { url, page } = await openArticle();
    const name = `${session.browser.extensionId}:content:wxt:content-script-started`;
    await page.evaluate((eventName) => {
      const detail = { contentScriptName: 'content', messageId: 'forged' };
      document.dispatchEvent(new CustomEvent(eventName, { detail }));
      document.body.dispatchEvent(new CustomEvent(eventName, { detail, bubbles: true }));
    }, name);
    await highlightWithKey(page, '[data-testid="quote-target"]');
    expect(await waitForHighlights(page, 1)).toHaveLength(1);
    expect(await storedHighlights(url)).toHaveLength(1);
    await page.close();
  });

  it('finds no highlight names or styles of Clipmark until the user highlights, then none that name it', async () => {
    const page = await session.browser.context.newPage();
    // The page's strictest style policy: inline <style> is refused (Clipmark's styles are a constructed sheet).
    const strict = SOURCE.replace(
      /<head>/i,
      `<head><meta http-equiv="Content-Security-Policy" content="style-src 'none'">`,
    );
    await page.goto(copies.serve(strict));
    await page.waitForTimeout(SETTLE_MS);
    // What a page's script would probe: the registry, the sheets, and the paint of the names Clipmark once used.
    const probe = () =>
      page.evaluate(() => {
        const target = document.querySelector('[data-testid="quote-target"]') as Element;
        const paint = (name: string) => getComputedStyle(target, `::highlight(${name})`).backgroundColor;
        const unstyled = paint('never-registered');
        return {
          // biome-ignore lint/suspicious/noExplicitAny: HighlightRegistry is missing from some DOM typings.
          names: [...((CSS as any).highlights as Map<string, unknown>).keys()],
          sheets: document.adoptedStyleSheets.length,
          styleElements: document.querySelectorAll('style').length,
          probed: ['yellow', 'green', 'blue', 'pink', 'purple'].filter(
            (c) => paint(`clipmark-${c}`) !== unstyled,
          ),
        };
      });
    const styleElements = (strict.match(/<style[\s>]/gi) ?? []).length;
    expect(await probe()).toEqual({ names: [], sheets: 0, styleElements, probed: [] });

    await highlightWithKey(page, '[data-testid="quote-target"]');
    expect(await waitForHighlights(page, 1)).toEqual([
      expect.objectContaining({ color: 'yellow', startIn: 'quote-target' }),
    ]);
    const after = await probe();
    expect(after).toEqual({ names: [expect.any(String)], sheets: 1, styleElements, probed: [] });
    expect(after.names[0]).not.toMatch(/clipmark/i);
    await page.close();
  });
});
