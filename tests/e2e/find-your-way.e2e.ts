/**
 * Issue 20, items 2, 3 and 8, with the real mouse and keys in Chromium, in English and in Vietnamese:
 * - the first-run page opens when Clipmark is installed; the options page sets the colour a highlight starts
 *   with; `?` over the toolbar lists the keys; the toolbar icon counts the page's highlights; the popup says in
 *   words why the page is an article;
 * - Alt+J / Alt+K go from highlight to highlight, Enter opens the one reached, Esc leaves it, not while typing;
 * - a search result and the library open the address the user visited (www. and the trailing slash kept: the
 *   key without them is not served here) at the passage, in the current tab; Ctrl-click opens a new tab.
 * Screenshots in test-output/ (*-vi.png in Vietnamese).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, Worker } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { editorClosed, editorFrame, ROOT, relocatePage } from '../../scripts/browser-harness.mjs';
import { chromiumClosedRoot } from '../../scripts/closed-root.mjs';
import { chromiumSession, executablePath } from './chromium';
import {
  dragSelect,
  openPopup,
  readStore,
  tabIdOf,
  toolbarGone,
  toolbarReady,
  waitForHighlights,
} from './page-helpers';
import { ARTICLE, OTHER_SENTENCE, otherArticle, QUOTE, SOURCE } from './sample-article';
import { say } from './user-flows';

const ARTIFACTS = join(ROOT, 'test-output');
const EN: Record<string, { message: string }> = JSON.parse(
  readFileSync(join(ROOT, 'public/_locales/en/messages.json'), 'utf8'),
);

/** The toolbar icon's number for a tab. */
function badgeOf(worker: Worker, tabId: number): Promise<string> {
  return worker.evaluate(
    // @ts-expect-error `chrome` exists in the extension's service worker.
    (id) => globalThis.chrome.action.getBadgeText({ tabId: id }) as Promise<string>,
    tabId,
  );
}

/** The texts of the highlights drawn in the focus style (the one the keys are at, or one just shown). */
function markedTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const texts: string[] = [];
    // biome-ignore lint/suspicious/noExplicitAny: HighlightRegistry is missing from some DOM typings.
    for (const [name, highlight] of (CSS as any).highlights as Map<string, Set<Range>>) {
      for (const range of highlight) {
        const start = range.startContainer;
        const element = start.nodeType === 1 ? (start as Element) : start.parentElement;
        if (
          element &&
          getComputedStyle(element, `::highlight(${name})`).backgroundColor === 'rgb(255, 183, 77)'
        )
          texts.push(range.toString());
      }
    }
    return texts;
  });
}

/** Whether the element is on screen now. */
function inView(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((s) => {
    const r = document.querySelector(s)?.getBoundingClientRect();
    return !!r && r.top >= 0 && r.bottom <= innerHeight;
  }, selector);
}

function describeFlows(lang: 'en' | 'vi') {
  const s = (key: string, ...values: string[]) =>
    lang === 'vi'
      ? say(key, ...values)
      : values.reduce((text, v, i) => text.replace(`$${i + 1}`, v), EN[key]?.message ?? key);
  const suffix = lang === 'vi' ? '-vi' : '';
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(ARTIFACTS, `${name}${suffix}.png`) });

  describe.skipIf(!executablePath)(`finding your way around Clipmark (Chromium, ${lang})`, () => {
    const session = chromiumSession({ lang });
    // The article as the user reaches it: with www. and a trailing slash. Its key drops both, and the key's
    // address is not served, as some sites do not answer it.
    const VISITED = `https://www.baonamdinh.vn/channel/5085/202611/tim-lai-doan-van-${lang === 'vi' ? 2 : 1}/`;
    const OTHER = `https://www.baonamdinh.vn/channel/5085/202611/bai-khac-${lang === 'vi' ? 2 : 1}/`;
    const serve = () => {
      session.server.setPage(VISITED, relocatePage(SOURCE, ARTICLE.url, VISITED));
      session.server.setPage(OTHER, relocatePage(otherArticle(), ARTICLE.url, OTHER));
    };

    it('opens the first-run page on install; the options page sets the starting colour; ? lists the keys; the icon counts', async () => {
      const { context, worker, extensionId } = session.browser;
      // Opened by the background at install (the harness saw it, and closed it so that it takes no focus).
      expect(session.browser.firstRunPage).toBe(`chrome-extension://${extensionId}/welcome.html`);
      const welcome = await context.newPage();
      await welcome.setViewportSize({ width: 1000, height: 1200 });
      await welcome.goto(session.browser.firstRunPage as string);
      await expect.poll(() => welcome.locator('h1').textContent()).toBe(s('welcomeTitle'));
      expect(await welcome.locator('.private h2').textContent()).toBe(s('welcomePrivateTitle'));
      expect(await welcome.locator('.shortcut').allTextContents()).toContain(`Alt+J${s('keyNext')}`);
      await shot(welcome, 'welcome');
      // Its Options button opens the options page.
      const opened = context.waitForEvent('page');
      await welcome.getByRole('button', { name: s('openOptions') }).click();
      const options = await opened;
      await options.waitForLoadState();
      expect(options.url()).toBe(`chrome-extension://${extensionId}/options.html`);
      await expect.poll(() => options.locator('h1').textContent()).toBe(s('optionsTitle'));
      await options.getByRole('radio', { name: s('color_green') }).waitFor();
      await expect.poll(() => options.getByRole('radio', { name: s('color_yellow') }).isChecked()).toBe(true);
      await options.getByText(s('color_green'), { exact: true }).click();
      await expect.poll(() => options.locator('[role="status"]').textContent()).toBe(s('optionsSaved'));
      const settings = (await worker.evaluate(readStore, 'settings')) as { key: string; value: unknown }[];
      expect(settings).toContainEqual({ key: 'defaultColor', value: 'green' });
      await shot(options, 'options');

      // On an article, the toolbar starts green; ? shows the keys under it, and hides them again.
      serve();
      const page = await context.newPage();
      await page.goto(VISITED);
      const tabId = await tabIdOf(worker, VISITED);
      await dragSelect(page, '[data-testid="quote-target"]');
      await toolbarReady(page);
      const inToolbar = chromiumClosedRoot(page, 'clipmark-toolbar');
      expect(
        await inToolbar((root) =>
          root.querySelector('.swatch[aria-pressed="true"]')?.getAttribute('aria-label'),
        ),
      ).toBe(s('color_green'));
      await page.keyboard.press('?');
      await expect
        .poll(() => inToolbar((root) => root.querySelector('.keys-panel')?.textContent ?? ''))
        .toContain(s('keyNext'));
      await shot(page, 'toolbar-keys');
      await page.keyboard.press('?');
      await expect.poll(() => inToolbar((root) => !!root.querySelector('.keys-panel'))).toBe(false);
      // The selection is still there: H highlights it, in green.
      await page.keyboard.press('h');
      await toolbarGone(page);
      expect((await waitForHighlights(page, 1)).map((h) => h.color)).toEqual(['green']);
      await expect.poll(() => badgeOf(worker, tabId)).toBe('1');
      // Its tooltip says what the number is.
      expect(
        await worker.evaluate(
          // @ts-expect-error `chrome` exists in the extension's service worker.
          (id) => globalThis.chrome.action.getTitle({ tabId: id }) as Promise<string>,
          tabId,
        ),
      ).toBe(s('badgeTitle', '1'));

      // The popup explains in words why this is an article (no score).
      const popup = await openPopup(context, extensionId, tabId);
      const why = popup.locator('details.why');
      await why.waitFor({ timeout: 15_000 });
      await why.locator('summary').click();
      expect(await why.locator('summary').textContent()).toBe(s('cardWhyArticle'));
      expect(await why.textContent()).not.toMatch(/\d/);
      expect(await why.locator('li').allTextContents()).toContain(s('reason_dense_text'));
      await shot(popup, 'popup-why');
      // ? in the popup lists the keys too.
      await popup.locator('h1').click();
      await popup.keyboard.press('?');
      await expect.poll(() => popup.locator('details.keys').getAttribute('open')).not.toBeNull();
      await shot(popup, 'popup-keys');
      await popup.close();
    });

    it('goes from highlight to highlight with Alt+J / Alt+K, opens one with Enter, leaves it with Esc', async () => {
      const { context, worker } = session.browser;
      const page = context.pages().find((p) => p.url() === VISITED) as Page;
      await page.bringToFront();
      const tabId = await tabIdOf(worker, VISITED);
      // A second highlight, above the first.
      await dragSelect(page, '[data-testid="repeat-1"]');
      await toolbarReady(page);
      await page.keyboard.press('h');
      await toolbarGone(page);
      const drawn = await waitForHighlights(page, 2);
      await expect.poll(() => badgeOf(worker, tabId)).toBe('2');
      const first = drawn.find((h) => h.startIn === 'repeat-1')?.text as string;
      expect(drawn.map((h) => h.text)).toContain(QUOTE);

      await page.evaluate(() => window.scrollTo(0, 0));
      // Nothing focused, nothing selected: where a reader is after reading.
      await page.evaluate(() => {
        document.getSelection()?.removeAllRanges();
        (document.activeElement as HTMLElement | null)?.blur();
      });
      await page.keyboard.press('Alt+KeyJ');
      await expect.poll(() => markedTexts(page)).toEqual([first]);
      await expect.poll(() => inView(page, '[data-testid="repeat-1"]')).toBe(true);
      // A screen reader hears which one: its place and how it starts (a live region in the closed toolbar root).
      const announced = () =>
        chromiumClosedRoot(
          page,
          'clipmark-toolbar',
        )((root) => root.querySelector('[role="status"]')?.textContent ?? '');
      await expect
        .poll(announced)
        .toBe(s('atHighlight', '1', '2', `${first.slice(0, first.lastIndexOf(' ', 80))}…`));
      await page.keyboard.press('Alt+KeyJ');
      await expect.poll(() => markedTexts(page)).toEqual([QUOTE]);
      await expect.poll(() => inView(page, '[data-testid="quote-target"]')).toBe(true);
      await expect.poll(announced).toContain(s('atHighlight', '2', '2', '').split('“')[0]);
      await shot(page, 'keys-at-highlight');
      // Round to the first and back.
      await page.keyboard.press('Alt+KeyJ');
      await expect.poll(() => markedTexts(page)).toEqual([first]);
      await page.keyboard.press('Alt+KeyK');
      await expect.poll(() => markedTexts(page)).toEqual([QUOTE]);
      // Still two highlights: the mark moved one, it added none.
      expect((await waitForHighlights(page, 2)).length).toBe(2);

      // Enter opens the editor of the one reached, with the focus in it.
      await page.keyboard.press('Enter');
      const editor = await editorFrame(page);
      await editor.locator('main.editor').waitFor();
      await expect
        .poll(() =>
          editor.evaluate(() => document.hasFocus() && !!document.activeElement?.closest('main.editor')),
        )
        .toBe(true);
      await page.keyboard.type('Ghi chú từ bàn phím');
      await shot(page, 'keys-enter-editor');
      await page.keyboard.press('Escape');
      await editorClosed(page);
      await expect
        .poll(async () =>
          ((await worker.evaluate(readStore, 'highlights')) as { quote: { exact: string }; note: string }[])
            .filter((h) => h.quote.exact === QUOTE)
            .map((h) => h.note),
        )
        .toEqual(['Ghi chú từ bàn phím']);

      // Esc leaves the highlight; typing in a field never moves.
      await page.keyboard.press('Alt+KeyJ');
      await expect.poll(() => markedTexts(page)).toHaveLength(1);
      await page.keyboard.press('Escape');
      await expect.poll(() => markedTexts(page)).toEqual([]);
      await page.evaluate(() => {
        const field = document.createElement('input');
        field.id = 'site-search';
        document.body.prepend(field);
      });
      await page.locator('#site-search').click();
      await page.keyboard.press('Alt+KeyJ');
      await page.waitForTimeout(300);
      expect(await markedTexts(page)).toEqual([]);
      // A page's script cannot press them for the user.
      await page.locator('#site-search').evaluate((f) => (f as HTMLElement).blur());
      await page.evaluate(() =>
        window.dispatchEvent(
          new KeyboardEvent('keydown', { key: 'j', code: 'KeyJ', altKey: true, bubbles: true }),
        ),
      );
      await page.waitForTimeout(300);
      expect(await markedTexts(page)).toEqual([]);
    });

    it('opens a search result at the passage of the address visited, in the same tab; Ctrl-click in a new one; the library too', async () => {
      const { context, worker, extensionId } = session.browser;
      const page = context.pages().find((p) => p.url() === VISITED) as Page;
      const tabId = await tabIdOf(worker, VISITED);
      // The tab goes on to another article: the icon's number goes.
      await page.goto(OTHER);
      await page.getByText(OTHER_SENTENCE).waitFor();
      await expect.poll(() => badgeOf(worker, tabId)).toBe('');

      const popup = await openPopup(context, extensionId, tabId);
      await popup.getByRole('searchbox').click();
      await popup.keyboard.type('tiet kiem 150');
      const result = popup.locator('a.quote.open').first();
      await result.waitFor();
      expect(await result.getAttribute('href')).toMatch(
        new RegExp(`^${VISITED.replace(/[.?]/g, '\\$&')}#:~:text=`),
      );
      // Ctrl-click: a new tab, the popup's tab stays where it is.
      const pagesBefore = context.pages().length;
      const newTab = context.waitForEvent('page');
      await result.click({ modifiers: ['Control'] });
      const opened = await newTab;
      await opened.waitForLoadState();
      expect(opened.url().startsWith(VISITED)).toBe(true);
      expect(context.pages().length).toBe(pagesBefore + 1);
      expect(page.url()).toBe(OTHER);
      await opened.close();

      // A plain click: this tab goes to the address visited and lands on the passage.
      const requestsBefore = session.server.requests.length;
      await result.click();
      await page.waitForURL((u) => u.href.startsWith(VISITED), { timeout: 15_000 });
      await page.bringToFront();
      // Scrolled to and flashed by Clipmark (an extension's navigation does not act on the text fragment).
      await expect.poll(() => markedTexts(page), { timeout: 10_000 }).toEqual([QUOTE]);
      await expect.poll(() => inView(page, '[data-testid="quote-target"]'), { timeout: 10_000 }).toBe(true);
      await shot(page, 'result-at-passage');
      expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(200);
      // The key's address (no www., no slash) was never asked for.
      const asked = session.server.requests.slice(requestsBefore);
      expect(asked.some((r) => r.startsWith(VISITED.replace('https://', '')))).toBe(true);
      expect(asked.some((r) => r.startsWith(VISITED.replace('https://www.', '').replace(/\/$/, '')))).toBe(
        false,
      );

      // The library: the article's link is the address visited, and the passage link opens it, in this tab.
      const library = await context.newPage();
      await library.goto(`chrome-extension://${extensionId}/library.html`);
      const group = library.locator('.group').first();
      await group.waitFor();
      expect(await group.locator('h3 a').first().getAttribute('href')).toBe(VISITED);
      await shot(library, 'library-passage-links');
      const passage = group
        .locator('li.highlight', { hasText: QUOTE.slice(0, 40) })
        .getByRole('link', { name: s('openPassage') });
      await passage.click();
      await library.waitForURL((u) => u.href.startsWith(VISITED), { timeout: 15_000 });
      await expect
        .poll(() => inView(library, '[data-testid="quote-target"]'), { timeout: 10_000 })
        .toBe(true);
      expect(await library.evaluate(() => window.scrollY)).toBeGreaterThan(200);
    });
  });
}

describeFlows('en');
describeFlows('vi');
