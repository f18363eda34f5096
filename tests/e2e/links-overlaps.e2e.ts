/**
 * Links and overlaps (issue #20, item 7) in Chromium, with the mouse: a selection that starts inside a link
 * (dragged sideways it selects, and the link is not followed; dragged up it is still a link drag), and two
 * highlights that overlap, their shared words drawn apart so both edges show. Screenshots in English and
 * Vietnamese (the toolbar's language).
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { editorClosed, editorFrame, ROOT } from '../../scripts/browser-harness.mjs';
import { chromiumSession, executablePath } from './chromium';
import { highlightWithKey, readStore, toolbarGone, toolbarReady } from './page-helpers';
import { articleCopies, SOURCE } from './sample-article';

const ARTIFACTS = join(ROOT, 'test-output');
const LINKED = 'cơ giới hóa khâu sau thu hoạch mà ngành nông nghiệp';

/** Viewport points of the first and last character of `phrase` inside `selector`. */
function phraseEnds(page: Page, selector: string, phrase: string) {
  return page.evaluate(
    ([sel, text]) => {
      const element = document.querySelector(sel as string) as HTMLElement;
      element.scrollIntoView({ block: 'center' });
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      const nodes: Text[] = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
      const full = nodes.map((n) => n.data).join('');
      const start = full.indexOf(text as string);
      const charRect = (offset: number) => {
        let rest = offset;
        for (const node of nodes) {
          if (rest < node.data.length) {
            const r = document.createRange();
            r.setStart(node, rest);
            r.setEnd(node, rest + 1);
            return r.getBoundingClientRect();
          }
          rest -= node.data.length;
        }
        throw new Error('offset out of range');
      };
      const first = charRect(start);
      const last = charRect(start + (text as string).length - 1);
      return {
        from: { x: first.left + 1, y: first.top + first.height / 2 },
        to: { x: last.right - 1, y: last.top + last.height / 2 },
      };
    },
    [selector, phrase] as const,
  );
}

/** The shared-words entry of the page's highlight registry: its texts and how it is painted. */
function overlapsDrawn(page: Page) {
  return page.evaluate(() => {
    // biome-ignore lint/suspicious/noExplicitAny: HighlightRegistry is missing from some DOM typings.
    const registry = (CSS as any).highlights as Map<string, Set<Range> & { priority: number }>;
    const result: { texts: string[]; background: string; decoration: string; priority: number }[] = [];
    for (const [name, highlight] of registry) {
      const first = [...highlight][0];
      const element = first?.startContainer.parentElement;
      if (!element) continue;
      const style = getComputedStyle(element, `::highlight(${name})`);
      if (!style.backgroundColor.startsWith('rgba(0, 0, 0')) continue;
      result.push({
        texts: [...highlight].map((r) => r.toString()),
        background: style.backgroundColor,
        decoration: style.textDecorationLine,
        priority: highlight.priority,
      });
    }
    return result;
  });
}

for (const lang of ['en', 'vi'] as const) {
  describe.skipIf(!executablePath)(`links and overlaps (Chromium, ${lang})`, () => {
    const session = chromiumSession({ lang });
    const copies = articleCopies(() => session.server);

    it('selects from inside a link when dragged sideways, without following it; dragged up, the link is dragged', async () => {
      const url = copies.serve(SOURCE);
      const page = await session.browser.context.newPage();
      await page.goto(url);
      await page.evaluate(() => {
        (window as unknown as { drags: boolean[] }).drags = [];
        document.addEventListener('dragstart', (e) =>
          (window as unknown as { drags: boolean[] }).drags.push(e.defaultPrevented),
        );
      });
      const { from, to } = await phraseEnds(page, '[data-testid="with-link"]', LINKED);
      expect(await page.evaluate(({ x, y }) => !!document.elementFromPoint(x, y)?.closest('a'), from)).toBe(
        true,
      );
      await page.mouse.move(from.x, from.y);
      await page.mouse.down();
      await page.mouse.move(from.x + 20, from.y, { steps: 4 });
      await page.mouse.move(to.x, to.y, { steps: 10 });
      await page.mouse.up();
      expect(await page.evaluate(() => document.getSelection()?.toString())).toBe(LINKED);
      await toolbarReady(page);
      await page.screenshot({ path: join(ARTIFACTS, `link-selection-${lang}.png`) });
      await page.keyboard.press('h');
      await toolbarGone(page);
      // Saved under the article's key (the address normalised), with the words selected.
      await expect
        .poll(async () =>
          (
            (await session.browser.worker.evaluate(readStore, 'highlights')) as { quote: { exact: string } }[]
          ).map((h) => h.quote.exact),
        )
        .toEqual([LINKED]);
      expect(page.url()).toBe(url);
      expect(await page.evaluate(() => (window as unknown as { drags: boolean[] }).drags)).toEqual([true]);

      // Pressed on the link and moved up: the browser's link drag, untouched (not cancelled, nothing selected).
      await page.evaluate(() => document.getSelection()?.removeAllRanges());
      await page.mouse.move(from.x + 30, from.y);
      await page.mouse.down();
      await page.mouse.move(from.x + 30, from.y - 40, { steps: 6 });
      await page.mouse.up();
      expect(await page.evaluate(() => (window as unknown as { drags: boolean[] }).drags)).toEqual([
        true,
        false,
      ]);
      expect(await page.evaluate(() => document.getSelection()?.toString() ?? '')).toBe('');
      expect(page.url()).toBe(url);
      await page.close();
    });

    it('draws the words two highlights share apart from both, so each one’s edges show; a click opens the innermost', async () => {
      const url = copies.serve(SOURCE);
      const page = await session.browser.context.newPage();
      await page.goto(url);
      await highlightWithKey(page, '[data-testid="quote-target"]', 'mỗi tấn lúa sấy tại lò mới');
      await highlightWithKey(page, '[data-testid="quote-target"]', 'lò mới giúp xã viên tiết kiệm');
      await expect
        .poll(() => overlapsDrawn(page), { timeout: 10_000 })
        .toEqual([
          { texts: ['lò mới'], background: 'rgba(0, 0, 0, 0.16)', decoration: 'underline', priority: 1 },
        ]);
      await page.evaluate(() => document.getSelection()?.removeAllRanges());
      await page
        .locator('[data-testid="quote-target"]')
        .screenshot({ path: join(ARTIFACTS, `overlap-${lang}.png`) });

      // A short highlight inside a longer one: a click on it opens its own editor, a click beside it the longer's.
      // The short one first: the longer one, drawn later, is on top, and still not the one a click there opens.
      await highlightWithKey(page, '[data-testid="repeat-1"]', '320 ha');
      await highlightWithKey(page, '[data-testid="repeat-1"]', 'gần 320 ha lúa nhưng trước đây');
      await page.evaluate(() => document.getSelection()?.removeAllRanges());
      for (const [phrase, quote] of [
        ['320', '320 ha'],
        ['trước', 'gần 320 ha lúa nhưng trước đây'],
      ] as const) {
        const { from } = await phraseEnds(page, '[data-testid="repeat-1"]', phrase);
        await page.mouse.click(from.x + 2, from.y);
        const editor = await editorFrame(page);
        await expect.poll(() => editor.locator('blockquote.quote').textContent()).toBe(quote);
        await page.keyboard.press('Escape');
        await editorClosed(page);
      }
      await page.close();
    });
  });
}
