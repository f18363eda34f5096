/**
 * Saves highlights on a page the way Clipmark's context-menu item does: the text is selected in the page, then the
 * background asks the tab's content script to highlight the selection (`page.highlightSelection`).
 */
import type { BrowserContext, Page } from 'playwright-core';
import { tabIdOf } from '../../scripts/browser-harness.mjs';

type SendToTab = (tabId: number, message: unknown) => Promise<{ ok: boolean; value?: { id: string | null } }>;

/**
 * In the page: how many ranges are registered as CSS highlights (the registry is shared by the page's world and
 * the extensions' worlds; the bench pages register none of their own).
 */
function rangesDrawn(): number {
  // biome-ignore lint/suspicious/noExplicitAny: HighlightRegistry is missing from some DOM typings.
  const registry = (CSS as any).highlights as Map<string, Set<Range>>;
  let total = 0;
  for (const h of registry.values()) total += h.size;
  return total;
}

/** Highlights drawn on the page. */
export function drawnCount(page: Page): Promise<number> {
  return page.evaluate(rangesDrawn);
}

/** Until at least `n` highlights are drawn on the page (asked every 20 ms). */
export async function waitForDrawn(page: Page, n: number, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let drawn = await drawnCount(page); drawn < n; drawn = await drawnCount(page)) {
    if (Date.now() > deadline) throw new Error(`${drawn} of ${n} highlights drawn on ${page.url()}`);
    await page.waitForTimeout(20);
  }
}

/**
 * Highlights the first `count` sentences (≥ 20 characters, inside one text node) of the justified paragraphs;
 * returns their text.
 */
export async function seedHighlights(context: BrowserContext, page: Page, count: number): Promise<string[]> {
  const start = await drawnCount(page);
  const quotes: string[] = [];
  for (let k = 0; k < count; k++) {
    const quote = await page.evaluate((skip) => {
      let seen = 0;
      for (const p of document.querySelectorAll('p[style*="justify"]')) {
        for (const node of p.childNodes) {
          if (node.nodeType !== Node.TEXT_NODE) continue;
          const text = (node as Text).data;
          for (const m of text.matchAll(/[^.!?”]{20,}[.!?]/g)) {
            if (seen++ < skip) continue;
            const from = (m.index ?? 0) + (m[0].length - m[0].trimStart().length);
            document.getSelection()?.setBaseAndExtent(node, from, node, (m.index ?? 0) + m[0].length);
            return text.slice(from, (m.index ?? 0) + m[0].length);
          }
        }
      }
      return null;
    }, k);
    if (quote === null) throw new Error(`the page has fewer than ${count} sentences to highlight`);
    quotes.push(quote);
    // The worker Chromium runs now (it may have been restarted since launch).
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const tabId = await tabIdOf(worker, page.url());
    const reply = await worker.evaluate((id) => {
      // `chrome` exists in the extension's service worker.
      const { tabs } = (globalThis as unknown as { chrome: { tabs: { sendMessage: SendToTab } } }).chrome;
      return tabs.sendMessage(id, { clipmark: 1, type: 'page.highlightSelection', payload: {} });
    }, tabId);
    if (!reply?.ok || !reply.value?.id) throw new Error(`highlighting failed: ${JSON.stringify(reply)}`);
    await waitForDrawn(page, start + k + 1);
  }
  return quotes;
}
