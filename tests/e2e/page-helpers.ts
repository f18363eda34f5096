/** Steps a user takes on a page, for the end-to-end tests. */
import type { BrowserContext, Page, Worker } from 'playwright-core';

/** Selects the text of `selector` (or `phrase` inside it) by dragging the mouse across it, as a user would. */
export async function dragSelect(page: Page, selector: string, phrase?: string): Promise<void> {
  const box = await page.evaluate(
    ({ selector, phrase }) => {
      const element = document.querySelector(selector);
      if (!element) throw new Error(`no ${selector}`);
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      const nodes: Text[] = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
      const full = nodes.map((n) => n.data).join('');
      const startAt = phrase ? full.indexOf(phrase) : full.search(/\S/);
      if (startAt < 0) throw new Error(`"${phrase}" not in ${selector}`);
      const endAt = phrase ? startAt + phrase.length : full.trimEnd().length;
      const locate = (offset: number) => {
        let rest = offset;
        for (const node of nodes) {
          if (rest < node.data.length) return { node, offset: rest };
          rest -= node.data.length;
        }
        throw new Error('offset out of range');
      };
      const charRect = (offset: number) => {
        const { node, offset: o } = locate(offset);
        const r = document.createRange();
        r.setStart(node, o);
        r.setEnd(node, o + 1);
        return r.getClientRects()[0] ?? r.getBoundingClientRect();
      };
      element.scrollIntoView({ block: 'center' });
      const first = charRect(startAt);
      const last = charRect(endAt - 1);
      return {
        x1: first.left + 1,
        y1: first.top + first.height / 2,
        x2: last.right - 1,
        y2: last.top + last.height / 2,
      };
    },
    { selector, phrase },
  );
  await page.mouse.move(box.x1, box.y1);
  await page.mouse.down();
  await page.mouse.move((box.x1 + box.x2) / 2, (box.y1 + box.y2) / 2, { steps: 5 });
  await page.mouse.move(box.x2, box.y2, { steps: 5 });
  await page.mouse.up();
}

export interface DrawnHighlight {
  color: string;
  text: string;
  /** data-testid of the closest marked ancestor of the range's start, if any. */
  startIn: string | null;
}

/**
 * The highlights drawn through the CSS Custom Highlight API, read from the page: the registry belongs to the
 * document, so the page's own world sees what the content script registered.
 */
export function drawnHighlights(page: Page): Promise<DrawnHighlight[]> {
  return page.evaluate(() => {
    const result: { color: string; text: string; startIn: string | null }[] = [];
    // biome-ignore lint/suspicious/noExplicitAny: HighlightRegistry is missing from some DOM typings.
    const registry = (CSS as any).highlights as Map<string, Set<Range>>;
    for (const [name, highlight] of registry) {
      if (!name.startsWith('clipmark-')) continue;
      for (const range of highlight) {
        const start = range.startContainer;
        const element = start.nodeType === 1 ? (start as Element) : start.parentElement;
        result.push({
          color: name.slice('clipmark-'.length),
          text: range.toString(),
          startIn: element?.closest('[data-testid]')?.getAttribute('data-testid') ?? null,
        });
      }
    }
    return result;
  });
}

/** Waits until `count` highlights are drawn on the page. */
export async function waitForHighlights(page: Page, count: number): Promise<DrawnHighlight[]> {
  await page.waitForFunction(
    (n) => {
      // biome-ignore lint/suspicious/noExplicitAny: see drawnHighlights.
      const registry = (CSS as any).highlights as Map<string, Set<Range>>;
      let total = 0;
      for (const [name, h] of registry) if (name.startsWith('clipmark-')) total += h.size;
      return total === n;
    },
    count,
    { timeout: 15_000 },
  );
  return drawnHighlights(page);
}

/** The browser's id for the tab showing `url`, asked of the extension's service worker. */
export async function tabIdOf(worker: Worker, url: string): Promise<number> {
  const id = await worker.evaluate(async (u) => {
    // biome-ignore lint/suspicious/noExplicitAny: `chrome` exists in the service worker.
    const tabs = await (globalThis as any).chrome.tabs.query({});
    return tabs.find((t: { url?: string; id?: number }) => t.url === u)?.id ?? null;
  }, url);
  if (typeof id !== 'number') throw new Error(`no tab shows ${url}`);
  return id;
}

/** Opens the popup as a page, about the tab `tabId` (the toolbar button can't be clicked headless). */
export async function openPopup(context: BrowserContext, extensionId: string, tabId: number): Promise<Page> {
  const popup = await context.newPage();
  await popup.setViewportSize({ width: 400, height: 600 });
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
  return popup;
}
