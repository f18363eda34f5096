/**
 * Every Clipmark page checked with axe-core in Chromium, as a screen-reader or keyboard user would meet it:
 * the popup (article card, highlights, saved copy), the editor, the library page, the reader, the first-run page,
 * the options page and the side panel, in light and dark colour schemes, in English and in Vietnamese. Serious and
 * critical findings fail the test.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { editorFrame, loadFixtures } from '../../scripts/browser-harness.mjs';
import { chromiumSession, executablePath } from './chromium';
import { highlightWithKey, openPopup, tabIdOf, waitForHighlights } from './page-helpers';
import { say } from './user-flows';

const fixture = loadFixtures().find((f) => f.slug === 'baonamdinh-article');
if (!fixture) throw new Error('fixture baonamdinh-article is missing');
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Finding {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** axe's serious and critical findings on the page (or frame) as it is now. */
async function audit(target: Pick<Page, 'evaluate'>): Promise<Finding[]> {
  // Evaluated, not added as a <script>: extension pages allow only their own scripts.
  await target.evaluate(AXE);
  return target.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is a global the evaluated source defines.
    const axe = (globalThis as any).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v: { impact: string | null }) => v.impact === 'serious' || v.impact === 'critical')
      .map((v: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.map((n) => n.target.join(' ')),
      }));
  });
}

/**
 * The controls of a page a keyboard user cannot reach with Tab: every visible, enabled control is tried in
 * order of the tab sequence; the answer names the ones focus never landed on.
 */
async function unreachableByTab(page: Page): Promise<string[]> {
  await page.bringToFront();
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    const reached = new Set<Element>();
    // A marker set on the page's window for this check.
    (window as unknown as { __reached: Set<Element> }).__reached = reached;
    document.addEventListener('focusin', (e) => reached.add(e.target as Element), true);
  });
  const count = await page.evaluate(
    () => document.querySelectorAll('button, input, select, textarea, a[href], summary').length,
  );
  for (let i = 0; i < count + 5; i++) await page.keyboard.press('Tab');
  return page.evaluate(() => {
    // biome-ignore lint/suspicious/noExplicitAny: see above.
    const reached = (window as any).__reached as Set<Element>;
    return (
      [...document.querySelectorAll<HTMLElement>('button, input, select, textarea, a[href], summary')]
        // A radio group is one Tab stop (the arrow keys move within it): reached when one of its radios was.
        .filter((el) => {
          if (!(el instanceof HTMLInputElement) || el.type !== 'radio' || !el.name) return true;
          return ![...reached].some(
            (r) => r instanceof HTMLInputElement && r.type === 'radio' && r.name === el.name,
          );
        })
        .filter((el) => el.offsetParent !== null && !(el as HTMLButtonElement).disabled && !reached.has(el))
        .map(
          (el) =>
            `${el.localName}${el.className ? `.${el.className}` : ''} "${(el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 30)}"`,
        )
    );
  });
}

for (const lang of ['en', 'vi'] as const) {
  const s = (key: string, en: string) => (lang === 'vi' ? say(key) : en);
  describe.skipIf(!executablePath)(`accessibility of Clipmark’s pages (Chromium, axe-core, ${lang})`, () => {
    const session = chromiumSession({ lang });

    it('has no serious findings on the popup, editor, library, reader, first-run, options and side panel pages, light and dark; every control is reachable by keyboard', async () => {
      const page = await session.browser.context.newPage();
      await page.goto(fixture.url);
      await highlightWithKey(page, '[data-testid="quote-target"]');
      await waitForHighlights(page, 1);
      const base = `chrome-extension://${session.browser.extensionId}`;
      const popup = await openPopup(
        session.browser.context,
        session.browser.extensionId,
        await tabIdOf(session.browser.worker, fixture.url),
      );
      await popup.locator('.card .byline').waitFor({ timeout: 15_000 });
      await popup
        .getByRole('button', { name: s('openClipping', 'Open saved copy') })
        .waitFor({ timeout: 15_000 });
      const library = await session.browser.context.newPage();
      // With its Sync section open (as the popup's sync line opens it), so that it is audited too.
      await library.goto(`${base}/library.html#sync`);
      await library.locator('.group').first().waitFor();
      await library.locator('.sync .sync-state').waitFor();
      const reader = await session.browser.context.newPage();
      await reader.goto(`${base}/reader.html?url=${encodeURIComponent(fixture.url)}`);
      await reader.locator('.reader-list li').first().waitFor();
      const welcome = await session.browser.context.newPage();
      await welcome.goto(`${base}/welcome.html`);
      await welcome.locator('.shortcut').first().waitFor();
      const options = await session.browser.context.newPage();
      await options.goto(`${base}/options.html`);
      await options.locator('input[type="radio"]:checked').waitFor();

      // The side panel, as a page about the article's tab (automation cannot open Chromium's panel itself).
      const panel = await session.browser.context.newPage();
      await panel.setViewportSize({ width: 380, height: 800 });
      await panel.goto(`${base}/sidepanel.html?tab=${await tabIdOf(session.browser.worker, fixture.url)}`);
      await panel.locator('li.highlight').first().waitFor();
      const findings: Record<string, Finding[]> = {};
      for (const scheme of ['light', 'dark'] as const) {
        for (const [name, target] of [
          ['popup', popup],
          ['library', library],
          ['reader', reader],
          ['welcome', welcome],
          ['options', options],
          ['side panel', panel],
        ] as const) {
          await target.emulateMedia({ colorScheme: scheme });
          findings[`${name} (${scheme})`] = await audit(target);
        }
        // The editor, over the article, as the click on a highlight opens it.
        await page.emulateMedia({ colorScheme: scheme });
        await page.bringToFront();
        const mark = page.locator('[data-testid="quote-target"]');
        await mark.scrollIntoViewIfNeeded();
        await mark.click({ position: { x: 40, y: 10 } });
        const editor = await editorFrame(page);
        await editor.getByRole('textbox', { name: s('noteLabel', 'Note') }).waitFor();
        findings[`editor (${scheme})`] = await audit(editor);
        await page.keyboard.press('Escape');
      }
      expect(findings).toEqual(Object.fromEntries(Object.keys(findings).map((k) => [k, []])));

      // Every control of the popup, the library and the reader is reachable with the Tab key.
      expect({
        popup: await unreachableByTab(popup),
        library: await unreachableByTab(library),
        reader: await unreachableByTab(reader),
        welcome: await unreachableByTab(welcome),
        options: await unreachableByTab(options),
        panel: await unreachableByTab(panel),
      }).toEqual({ popup: [], library: [], reader: [], welcome: [], options: [], panel: [] });
    });
  });
}
