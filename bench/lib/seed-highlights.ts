/**
 * Saves highlights on a page the way Clipmark's context-menu item does: the text is selected in the page, then the
 * background asks the tab's content script to highlight the selection (`page.highlightSelection`).
 */
import type { BrowserContext, Page } from 'playwright-core';
import { tabIdOf } from '../../scripts/browser-harness.mjs';

type SendToTab = (tabId: number, message: unknown) => Promise<{ ok: boolean; value?: { id: string | null } }>;

/** Highlights drawn on the page (the Highlight API registry is shared with the page's world; the bench pages register none). */
export function drawnCount(page: Page): Promise<number> {
  return page.evaluate(() => {
    // biome-ignore lint/suspicious/noExplicitAny: HighlightRegistry is missing from some DOM typings.
    const registry = (CSS as any).highlights as Map<string, Set<Range>>;
    let total = 0;
    for (const h of registry.values()) total += h.size;
    return total;
  });
}

/** Highlights the first `count` sentences (≥ 20 characters, inside one text node) of the justified paragraphs. */
export async function seedHighlights(context: BrowserContext, page: Page, count: number): Promise<void> {
  const start = await drawnCount(page);
  for (let k = 0; k < count; k++) {
    const ok = await page.evaluate((skip) => {
      let seen = 0;
      for (const p of document.querySelectorAll('p[style*="justify"]')) {
        for (const node of p.childNodes) {
          if (node.nodeType !== Node.TEXT_NODE) continue;
          const text = (node as Text).data;
          for (const m of text.matchAll(/[^.!?”]{20,}[.!?]/g)) {
            if (seen++ < skip) continue;
            const from = (m.index ?? 0) + (m[0].length - m[0].trimStart().length);
            document.getSelection()?.setBaseAndExtent(node, from, node, (m.index ?? 0) + m[0].length);
            return true;
          }
        }
      }
      return false;
    }, k);
    if (!ok) throw new Error(`the page has fewer than ${count} sentences to highlight`);
    // The worker Chromium runs now (it may have been restarted since launch).
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const tabId = await tabIdOf(worker, page.url());
    const reply = await worker.evaluate((id) => {
      // `chrome` exists in the extension's service worker.
      const { tabs } = (globalThis as unknown as { chrome: { tabs: { sendMessage: SendToTab } } }).chrome;
      return tabs.sendMessage(id, { clipmark: 1, type: 'page.highlightSelection', payload: {} });
    }, tabId);
    if (!reply?.ok || !reply.value?.id) throw new Error(`highlighting failed: ${JSON.stringify(reply)}`);
    await page.waitForFunction(
      (n) => {
        // biome-ignore lint/suspicious/noExplicitAny: see drawnCount.
        const registry = (CSS as any).highlights as Map<string, Set<Range>>;
        let total = 0;
        for (const h of registry.values()) total += h.size;
        return total >= n;
      },
      start + k + 1,
    );
  }
}
