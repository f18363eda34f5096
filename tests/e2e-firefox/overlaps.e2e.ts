/**
 * Overlaps in Firefox, as tests/e2e/links-overlaps.e2e.ts checks them in Chromium: the words two highlights share
 * are drawn apart from both. (The selection from a link's words is Chromium's only: Firefox gives no pointer
 * movement before `dragstart`, so the drag's direction is unknown there and the link drag is left alone.)
 */
import { describe, expect, it } from 'vitest';
import { articleCopies, SOURCE } from '../e2e/sample-article';
import { executablePath, firefoxSession } from './firefox';
import { highlightWithKey } from './page-helpers';

describe.skipIf(!executablePath)('overlapping highlights (Firefox)', () => {
  const session = firefoxSession();
  const copies = articleCopies(() => session.server);

  it('draws the words two highlights share apart from both', async () => {
    const url = copies.serve(SOURCE);
    const page = await session.firefox.browser.newPage();
    await page.goto(url);
    await highlightWithKey(page, '[data-testid="quote-target"]', 'mỗi tấn lúa sấy tại lò mới');
    await highlightWithKey(page, '[data-testid="quote-target"]', 'lò mới giúp xã viên tiết kiệm');
    const shared = () =>
      page.evaluate(() => {
        // biome-ignore lint/suspicious/noExplicitAny: HighlightRegistry is missing from some DOM typings.
        const registry = (CSS as any).highlights as Map<string, Set<Range>>;
        const found: string[][] = [];
        for (const [name, highlight] of registry) {
          const element = [...highlight][0]?.startContainer.parentElement;
          if (element && getComputedStyle(element, `::highlight(${name})`).textDecorationLine === 'underline')
            found.push([...highlight].map((r) => r.toString()));
        }
        return found;
      });
    await expect.poll(shared, { timeout: 10_000 }).toEqual([['lò mới']]);
    await page.close();
  });
});
