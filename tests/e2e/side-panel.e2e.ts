/**
 * The side panel (issue #20, item 4) in Chromium, in English and in Vietnamese. Automation cannot click
 * Chromium's side panel itself, so the panel's page (`sidepanel.html?window=<id>`) is opened in a window of its
 * own, beside the article's window, following that window's active tab as the real panel follows its own. Driven
 * with the mouse and keys: the page's highlights in reading order (made in another order), a search, a click and
 * Enter that scroll the page to the passage, a new highlight made on the page showing up, another tab and back;
 * and the popup’s button opening Chromium’s real side panel, whose list is read over the DevTools protocol.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { editorClosed, editorFrame, ROOT } from '../../scripts/browser-harness.mjs';
import { chromiumSession, executablePath } from './chromium';
import { highlightWithKey, openPopup, tabIdOf, waitForHighlights } from './page-helpers';
import { articleCopies, otherArticle, QUOTE, SOURCE } from './sample-article';

const ARTIFACTS = join(ROOT, 'test-output');
const VI: Record<string, { message: string }> = JSON.parse(
  readFileSync(join(ROOT, 'public/_locales/vi/messages.json'), 'utf8'),
);
const EN: Record<string, { message: string }> = JSON.parse(
  readFileSync(join(ROOT, 'public/_locales/en/messages.json'), 'utf8'),
);

/** The sample article with a tall gap above its last paragraph, so showing a passage there has to scroll. */
const LONG = SOURCE.replace(
  /<p[^>]*data-testid="repeat-2"/,
  (p) => `<div style="height: 2400px" data-testid="gap"></div>${p}`,
);
const FAR = 'lò hoạt động liên tục cả ngày lẫn đêm';
const NEAR = 'gần 320 ha lúa';
const MIDDLE = 'ba buổi họp xã viên';

/** Whether the page shows `phrase` (inside `selector`) in its viewport. */
function inView(page: Page, selector: string, phrase: string): Promise<boolean> {
  return page.evaluate(
    ([sel, text]) => {
      const el = document.querySelector(sel as string) as HTMLElement;
      const node = el.firstChild as Text;
      const start = node.data.indexOf(text as string);
      const range = document.createRange();
      range.setStart(node, start);
      range.setEnd(node, start + (text as string).length);
      const rect = range.getBoundingClientRect();
      return rect.top >= 0 && rect.bottom <= innerHeight;
    },
    [selector, phrase],
  );
}

/**
 * Evaluates `expression` in Chromium's real side panel, if one shows `sidepanel.html`: automation can neither
 * click nor list it as a page, but the DevTools protocol sees its target and can run script in it. Undefined
 * while there is no panel.
 */
async function inRealPanel(page: Page, expression: string): Promise<unknown> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as {
      targetInfos: { targetId: string; type: string; url: string }[];
    };
    const panel = targetInfos.find((t) => t.type === 'page' && t.url.endsWith('/sidepanel.html'));
    if (!panel) return undefined;
    const { sessionId } = (await cdp.send('Target.attachToTarget', {
      targetId: panel.targetId,
      flatten: false,
    })) as { sessionId: string };
    const answer = new Promise<unknown>((resolve) => {
      cdp.on('Target.receivedMessageFromTarget', (event: { sessionId: string; message: string }) => {
        const message = JSON.parse(event.message) as {
          id?: number;
          result?: { result?: { value?: unknown } };
        };
        if (event.sessionId === sessionId && message.id === 1) resolve(message.result?.result?.value);
      });
    });
    await cdp.send('Target.sendMessageToTarget', {
      sessionId,
      message: JSON.stringify({
        id: 1,
        method: 'Runtime.evaluate',
        params: { expression, returnByValue: true },
      }),
    });
    return await answer;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

for (const lang of ['en', 'vi'] as const) {
  const say = (key: string, ...values: string[]) =>
    values.reduce(
      (text, value, i) => text.replace(`$${i + 1}`, value),
      (lang === 'vi' ? VI : EN)[key]?.message ?? key,
    );

  describe.skipIf(!executablePath)(`the side panel (Chromium, ${lang})`, () => {
    const session = chromiumSession({ lang });
    const copies = articleCopies(() => session.server);

    it('lists the page’s highlights in reading order, searches, shows a passage on the page, follows tabs and changes', async () => {
      const { context, worker } = session.browser;
      const url = copies.serve(LONG);
      const page = await context.newPage();
      await page.goto(url);
      // Made out of reading order: the far passage first, the near one last.
      await highlightWithKey(page, '[data-testid="repeat-2"]', FAR);
      await waitForHighlights(page, 1);
      await highlightWithKey(page, '[data-testid="quote-target"]');
      await waitForHighlights(page, 2);
      await page.evaluate(() => window.scrollTo(0, 0));
      await highlightWithKey(page, '[data-testid="repeat-1"]', NEAR);
      await waitForHighlights(page, 3);

      // The panel, in its own window, following the article's window.
      const tabId = await tabIdOf(worker, url);
      const windowId = await worker.evaluate(
        // @ts-expect-error `chrome` exists in the extension's service worker.
        async (id) => (await globalThis.chrome.tabs.get(id)).windowId as number,
        tabId,
      );
      const [panel] = await Promise.all([
        context.waitForEvent('page'),
        worker.evaluate(async (path) => {
          // @ts-expect-error see above.
          const api = globalThis.chrome;
          await api.windows.create({
            url: api.runtime.getURL(path),
            type: 'popup',
            width: 380,
            height: 900,
          });
        }, `/sidepanel.html?window=${windowId}`),
      ]);
      if (!panel) throw new Error('the panel did not open');
      await panel.setViewportSize({ width: 380, height: 900 });
      const quotes = panel.locator('li.highlight .quote');
      await expect.poll(() => quotes.allTextContents(), { timeout: 15_000 }).toEqual([NEAR, QUOTE, FAR]);
      expect(await panel.locator('h2.page-title').textContent()).toBe(await page.title());
      expect(await panel.locator('.count').textContent()).toBe(say('highlightCount', '3'));
      await panel.screenshot({ path: join(ARTIFACTS, `side-panel-${lang}.png`) });

      // Search, typed without accents: this page's match, its words marked.
      await panel.getByRole('searchbox').click();
      await panel.keyboard.type('ngay lan dem');
      await expect.poll(() => quotes.allTextContents()).toEqual([FAR]);
      expect(await panel.locator('li.highlight mark').allTextContents()).toEqual(['ngày', 'lẫn', 'đêm']);
      await panel.screenshot({ path: join(ARTIFACTS, `side-panel-search-${lang}.png`) });

      // A click on the far passage scrolls the page to it.
      await page.evaluate(() => window.scrollTo(0, 0));
      expect(await inView(page, '[data-testid="repeat-2"]', FAR)).toBe(false);
      await quotes.first().click();
      await expect.poll(() => inView(page, '[data-testid="repeat-2"]', FAR), { timeout: 10_000 }).toBe(true);

      // The search emptied with the keys, all three are back; Tab to the first and Enter shows it.
      await panel.getByRole('searchbox').click();
      await panel.keyboard.press('Control+A');
      await panel.keyboard.press('Backspace');
      await expect.poll(() => quotes.allTextContents()).toEqual([NEAR, QUOTE, FAR]);
      expect(await inView(page, '[data-testid="repeat-1"]', NEAR)).toBe(false);
      for (let i = 0; i < 5; i++) {
        await panel.keyboard.press('Tab');
        if (await panel.evaluate(() => document.activeElement?.matches('li.highlight button.open'))) break;
      }
      expect(await panel.evaluate(() => document.activeElement?.textContent)).toBe(NEAR);
      await panel.keyboard.press('Enter');
      await expect.poll(() => inView(page, '[data-testid="repeat-1"]', NEAR), { timeout: 10_000 }).toBe(true);

      // A highlight made on the page appears in the panel, in its place (once the smooth scroll has ended).
      await page.waitForFunction(
        () =>
          new Promise((done) => {
            const y = scrollY;
            setTimeout(() => done(scrollY === y), 300);
          }),
      );
      await highlightWithKey(page, '[data-testid="with-link"]', MIDDLE);
      await waitForHighlights(page, 4);
      await expect
        .poll(() => quotes.allTextContents(), { timeout: 10_000 })
        .toEqual([NEAR, MIDDLE, QUOTE, FAR]);

      // Edit in the panel opens the editor over the page; the note and tag saved there show in the panel.
      await panel
        .locator('li.highlight', { hasText: QUOTE })
        .getByRole('button', { name: say('editHighlight') })
        .click();
      const editor = await editorFrame(page);
      await editor.locator('textarea').click();
      const note = lang === 'vi' ? 'Tiết kiệm 150 nghìn mỗi tấn.' : 'Saves 150 thousand a tonne.';
      await page.keyboard.type(note);
      await editor.locator('input.tags-field').click();
      await page.keyboard.type('lò sấy');
      await editor.getByRole('button', { name: say('save'), exact: true }).click();
      await editorClosed(page);
      const edited = panel.locator('li.highlight', { hasText: QUOTE });
      await expect.poll(() => edited.locator('.note').textContent(), { timeout: 10_000 }).toBe(note);
      expect(await edited.locator('.tags li').allTextContents()).toEqual(['lò sấy']);
      await panel.screenshot({ path: join(ARTIFACTS, `side-panel-note-${lang}.png`) });

      // The article's own note, written in the panel with the keys.
      await panel.getByRole('button', { name: say('articleNoteAdd') }).click();
      const articleNote = lang === 'vi' ? 'Đọc lại phần chi phí sấy.' : 'Read the drying costs again.';
      await panel.locator('.article-note textarea').focus();
      await panel.keyboard.type(articleNote);
      await panel.keyboard.press('Control+Enter');
      await expect.poll(() => panel.locator('.article-note .note').textContent()).toBe(articleNote);
      await panel.screenshot({ path: join(ARTIFACTS, `side-panel-article-note-${lang}.png`) });

      // Another tab in the article's window: the panel shows that page; back, and it shows this one again.
      const other = copies.serve(otherArticle());
      await worker.evaluate(
        // @ts-expect-error see above.
        async ([id, address]) => globalThis.chrome.tabs.create({ windowId: id, url: address, active: true }),
        [windowId, other] as const,
      );
      await expect
        .poll(() => panel.locator('.empty').first().textContent(), { timeout: 15_000 })
        .toBe(say('emptyPage'));
      expect(await quotes.count()).toBe(0);
      await worker.evaluate(
        // @ts-expect-error see above.
        async (id) => globalThis.chrome.tabs.update(id, { active: true }),
        tabId,
      );
      await expect
        .poll(() => quotes.allTextContents(), { timeout: 15_000 })
        .toEqual([NEAR, MIDDLE, QUOTE, FAR]);
      // The popup's button opens Chromium's own side panel beside the article, showing the same list there.
      const popup = await openPopup(context, session.browser.extensionId, tabId);
      await popup.getByRole('button', { name: say('openSidePanel') }).click();
      await page.bringToFront();
      await expect
        .poll(
          () =>
            inRealPanel(
              page,
              `[...document.querySelectorAll('li.highlight .quote')].map((q) => q.textContent)`,
            ),
          { timeout: 15_000 },
        )
        .toEqual([NEAR, MIDDLE, QUOTE, FAR]);
      await popup.close();

      await panel.emulateMedia({ colorScheme: 'dark' });
      await panel.screenshot({ path: join(ARTIFACTS, `side-panel-dark-${lang}.png`) });
    });
  });
}
