/** Steps a user takes on a page, for the end-to-end tests. */
import type { Page } from 'playwright-core';

export { dragSelect, openPopup, tabIdOf } from '../../scripts/browser-harness.mjs';

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
