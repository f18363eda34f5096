/**
 * Two editors on one highlight, in two tabs of the article (issue 15, finding 10): the second save does not
 * silently replace the first. The editor says the highlight changed elsewhere, keeps what was typed in the field,
 * shows the note saved in the other tab, and replaces it only when Save is pressed again.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { editorClosed, editorFrame, ROOT } from '../../scripts/browser-harness.mjs';
import { chromiumSession, executablePath } from './chromium';
import { chromiumDriver, highlightWithKey, waitForHighlights } from './page-helpers';
import { articleCopies, SOURCE } from './sample-article';

describe.skipIf(!executablePath)('two editors on one highlight (Chromium)', () => {
  const session = chromiumSession();
  const copies = articleCopies(() => session.server);

  it('refuses the stale save, keeps the typed note beside the other, and saves it when asked again', async () => {
    const url = copies.serve(SOURCE);
    const first = await session.browser.context.newPage();
    await first.goto(url);
    await highlightWithKey(first, '[data-testid="quote-target"]');
    await waitForHighlights(first, 1);
    const second = await session.browser.context.newPage();
    await second.goto(url);
    await waitForHighlights(second, 1);

    // Both tabs open the editor on the same highlight.
    const openEditor = async (page: typeof first) => {
      await page.bringToFront();
      const target = page.locator('[data-testid="quote-target"]');
      await target.scrollIntoViewIfNeeded();
      await target.click({ position: { x: 40, y: 10 } });
      const editor = await editorFrame(page);
      await editor.getByRole('textbox', { name: 'Note' }).waitFor();
      return editor;
    };
    const editorA = await openEditor(first);
    const editorB = await openEditor(second);

    // The second tab saves first.
    await editorB.getByRole('textbox', { name: 'Note' }).fill('Ghi chú từ thẻ thứ hai.');
    await editorB.getByRole('button', { name: 'Save' }).click();
    await editorClosed(second);

    // The first tab's save started from the older version: refused, the draft kept, the other note shown.
    await first.bringToFront();
    await editorA.getByRole('textbox', { name: 'Note' }).fill('Ghi chú từ thẻ thứ nhất.');
    await editorA.getByRole('button', { name: 'Save' }).click();
    const alert = editorA.locator('.conflict[role="alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/changed elsewhere/i);
    expect(await editorA.locator('.conflict-latest').textContent()).toContain('Ghi chú từ thẻ thứ hai.');
    expect(await editorA.getByRole('textbox', { name: 'Note' }).inputValue()).toBe(
      'Ghi chú từ thẻ thứ nhất.',
    );
    await first.screenshot({ path: join(ROOT, 'test-output', 'editor-conflict.png') });

    // Save again: the user has seen the other note and chose theirs.
    await editorA.getByRole('button', { name: 'Save', exact: true }).click();
    await editorClosed(first);
    const d = chromiumDriver(() => session.browser);
    const popup = await d.popupFor(url);
    await d.waitFor(popup, 'li.highlight .note');
    expect(await d.texts(popup, 'li.highlight .note')).toEqual(['Ghi chú từ thẻ thứ nhất.']);
    await popup.close();
    await second.close();
    await first.close();
  });
});
