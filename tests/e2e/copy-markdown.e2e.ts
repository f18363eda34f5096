/**
 * The popup's "Copy as Markdown" in Chromium, as a user meets it: highlight a sentence of the sample article,
 * open the popup, click the button — the clipboard holds the page's note, ready for Obsidian: YAML front
 * matter with the article's facts, a citation line, the quote with its colour, time and a deep link that
 * opens the page at the passage.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { parseTextDirective } from '../../utils/export/deep-link';
import { chromiumSession, executablePath } from './chromium';
import { chromiumDriver, readStore } from './page-helpers';
import { ARTICLE, articleCopies, QUOTE, SOURCE } from './sample-article';

/**
 * What the clipboard holds, as a user gets it: pasted with Ctrl+V into a text box (reading the clipboard
 * from a script needs a permission the extension does not ask for, and automation cannot grant it to an
 * extension's origin).
 */
async function pasted(popup: Page): Promise<string> {
  await popup.evaluate(() => {
    const box = document.createElement('textarea');
    box.id = 'paste-here';
    document.body.append(box);
    box.focus();
  });
  await popup.keyboard.press('Control+V');
  return popup.evaluate(() => {
    const box = document.getElementById('paste-here') as HTMLTextAreaElement;
    box.remove();
    return box.value;
  });
}

describe.skipIf(!executablePath)('Copy as Markdown in the popup (Chromium)', () => {
  const session = chromiumSession();
  const d = chromiumDriver(() => session.browser);
  const serve = articleCopies(() => session.server).serve;

  it('copies this page’s note: front matter, citation line, the quote with a deep link', async () => {
    const url = serve(SOURCE);
    const page = await d.newPage();
    await page.goto(url);
    await d.highlightWithKey(page, '[data-testid="quote-target"]');
    await d.waitForHighlights(page, 1);
    // The highlight saved by the page's script says how many characters above U+FFFF precede it (none
    // here), so the W3C and Hypothesis exports can write its position in code points.
    const [stored] = (await session.browser.worker.evaluate(readStore, 'highlights')) as {
      position: { astralBefore?: number };
    }[];
    expect(stored?.position.astralBefore).toBe(0);
    const popup = await d.popupFor(url);
    await popup.bringToFront();
    // The article's facts are read just after the first highlight is saved: copy until they are there.
    let copied = '';
    await expect
      .poll(
        async () => {
          await d.clickButton(popup, 'Copy as Markdown');
          await d.waitFor(popup, '.copy-markdown [role="status"]');
          copied = await pasted(popup);
          return parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(copied)?.[1] ?? '{}')?.title;
        },
        { timeout: 20_000 },
      )
      .toBe(ARTICLE.expected.title);
    expect(await d.texts(popup, '.copy-markdown [role="status"]')).toEqual([
      'Copied: paste it into your notes.',
    ]);
    const front = parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(copied)?.[1] ?? '');
    expect(front).toMatchObject({
      site: ARTICLE.expected.siteName,
      url: expect.stringMatching(/^https:\/\//),
    });
    expect(copied).toContain(`\n# ${ARTICLE.expected.title}`);
    expect(copied).toMatch(/\n> .+/);
    expect(copied).toContain('Colour: yellow · Highlighted at: ');
    const link = /\[Open at the passage\]\(<([^>]+)>\)/.exec(copied)?.[1] ?? '';
    const directive = parseTextDirective(link);
    expect(QUOTE.replace(/\s+/g, ' ')).toContain(directive?.start);
    if (directive?.end) expect(QUOTE.replace(/\s+/g, ' ')).toContain(directive.end);
    await d.screenshot(popup, 'popup-copy-markdown.png');
    await popup.close();
    await page.close();

    // The deep link opens the article scrolled to the passage (Chromium's text fragments).
    const opened = await d.newPage();
    await opened.setViewportSize({ width: 800, height: 400 });
    await opened.goto(link);
    await expect
      .poll(() =>
        opened.evaluate(() => {
          const box = document.querySelector('[data-testid="quote-target"]')?.getBoundingClientRect();
          return !!box && window.scrollY > 0 && box.top >= 0 && box.top < window.innerHeight;
        }),
      )
      .toBe(true);
    await d.screenshot(opened, 'deep-link-opened.png');
    await opened.close();
  });
});
