/**
 * Issue 20, items 1 and 3: the highlight editor never loses what was typed, and works from the keyboard. With the
 * real mouse and keys in Chromium: a click on a highlight gives the editor the focus (Esc works at once), Tab
 * stays inside it, Esc and a click outside save, a tag left typed in the tag field is saved, a save that fails
 * keeps the text and says so; in the popup, Undo takes the focus after Delete. Screenshots in test-output/.
 */
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { editorClosed, editorFrame, ROOT } from '../../scripts/browser-harness.mjs';
import { chromiumSession, executablePath } from './chromium';
import { highlightWithKey, openPopup, readStore, tabIdOf, waitForHighlights } from './page-helpers';
import { articleCopies, SOURCE } from './sample-article';
import { say } from './user-flows';

const ARTIFACTS = join(ROOT, 'test-output');

interface Stored {
  id: string;
  updatedAt: number;
  url: string;
  note: string;
  tags: string[];
}

/** Clicks the highlighted sentence as a user does and waits for its editor. */
async function openByClick(page: Page, open: Frame | null = null): Promise<Frame> {
  const target = page.locator('[data-testid="quote-target"]');
  await target.scrollIntoViewIfNeeded();
  await target.click({ position: { x: 40, y: 10 } });
  const editor = await editorFrame(page, open);
  await editor.locator('main.editor').waitFor();
  return editor;
}

/** What has the focus in the editor's page: the element's class or aria-label, or null when it has none. */
function focusIn(editor: Frame) {
  return editor.evaluate(() => {
    const active = document.activeElement;
    return {
      hasFocus: document.hasFocus(),
      inEditor: !!active?.closest('main.editor'),
      what: `${active?.localName}:${active?.getAttribute('aria-label') ?? active?.textContent ?? ''}`,
    };
  });
}

function describeEditor(lang: 'en' | 'vi') {
  const s = (key: string, en: string, ...values: string[]) => (lang === 'vi' ? say(key, ...values) : en);
  const suffix = lang === 'vi' ? '-vi' : '';
  describe.skipIf(!executablePath)(
    `the editor keeps typed work, by mouse and keys (Chromium, ${lang})`,
    () => {
      const session = chromiumSession({ lang });
      const copies = articleCopies(() => session.server);
      const records = async (url: string) =>
        ((await session.browser.worker.evaluate(readStore, 'highlights')) as Stored[]).filter(
          // Stored under the article's key: the address without its trailing slash.
          (h) => h.url === url.replace(/\/$/, ''),
        );

      it('gets the focus when a highlight is clicked, keeps Tab inside, and saves the note on Esc', async () => {
        const url = copies.serve(SOURCE);
        const page = await session.browser.context.newPage();
        await page.goto(url);
        await highlightWithKey(page, '[data-testid="quote-target"]');
        await waitForHighlights(page, 1);

        const editor = await openByClick(page);
        await expect.poll(() => focusIn(editor)).toMatchObject({ hasFocus: true, inEditor: true });
        // Tab goes round the editor's controls, never out into the article.
        const seen = new Set<string>();
        for (let i = 0; i < 20; i++) {
          await page.keyboard.press('Tab');
          const f = await focusIn(editor);
          expect(f).toMatchObject({ hasFocus: true, inEditor: true });
          seen.add(String(f.what));
        }
        expect(seen.size).toBeGreaterThan(5); // it went round the colours, tags, note and buttons
        // Shift+Tab from the first control goes to the last.
        await editor.locator('.swatch').first().focus();
        await page.keyboard.press('Shift+Tab');
        expect(await editor.evaluate(() => document.activeElement?.textContent)).toBe(s('save', 'Save'));

        // Type a note with the keyboard, then Escape: saved, not lost.
        await editor.locator('textarea').focus();
        const note = lang === 'vi' ? 'Ghi chú gõ rồi bấm Esc.' : 'A note typed, then Esc.';
        await page.keyboard.type(note);
        await page.screenshot({ path: join(ARTIFACTS, `editor-focus-note${suffix}.png`) });
        await page.keyboard.press('Escape');
        await editorClosed(page);
        await expect.poll(async () => (await records(url))[0]?.note).toBe(note);
        await page.close();
      });

      it('saves a tag left typed in the tag field, and the note when a click outside closes the editor', async () => {
        const url = copies.serve(SOURCE);
        const page = await session.browser.context.newPage();
        await page.goto(url);
        await highlightWithKey(page, '[data-testid="quote-target"]');
        await waitForHighlights(page, 1);

        // A tag typed and not turned into a chip (no Enter, no comma), then Save.
        let editor = await openByClick(page);
        await editor.locator('input.tags-field').click();
        await page.keyboard.type('Nam Định');
        await page.screenshot({ path: join(ARTIFACTS, `editor-pending-tag${suffix}.png`) });
        await editor.getByRole('button', { name: s('save', 'Save'), exact: true }).click();
        await editorClosed(page);
        await expect.poll(async () => (await records(url))[0]?.tags).toEqual(['Nam Định']);

        // A note typed, and the user clicks beside the editor, on the article.
        editor = await openByClick(page);
        await editor.locator('textarea').click();
        const note =
          lang === 'vi' ? 'Bấm ra ngoài không làm mất ghi chú.' : 'Clicking outside keeps this note.';
        await page.keyboard.type(note);
        await page.locator('h1').first().click();
        await editorClosed(page);
        await expect.poll(async () => (await records(url))[0]?.note, { timeout: 10_000 }).toBe(note);
        // Opened again, it shows the saved note and offers no draft.
        editor = await openByClick(page);
        expect(await editor.locator('textarea').inputValue()).toBe(note);
        expect(await editor.locator('.restored').count()).toBe(0);
        await page.keyboard.press('Escape');
        await editorClosed(page);
        await page.close();
      });

      it('keeps the text and says why when the save fails (the highlight was deleted elsewhere)', async () => {
        const url = copies.serve(SOURCE);
        const page = await session.browser.context.newPage();
        await page.goto(url);
        await highlightWithKey(page, '[data-testid="quote-target"]');
        await waitForHighlights(page, 1);
        const editor = await openByClick(page);
        await editor.locator('textarea').click();
        const note =
          lang === 'vi' ? 'Một đoạn dài không được mất.' : 'A long paragraph that must not be lost.';
        await page.keyboard.type(note);
        // Meanwhile the highlight is deleted elsewhere (the library, another window): the save cannot be made.
        const [record] = await records(url);
        const library = await session.browser.context.newPage();
        await library.goto(`chrome-extension://${session.browser.extensionId}/library.html`);
        await library.evaluate(
          (id) =>
            // biome-ignore lint/suspicious/noExplicitAny: `chrome` exists on extension pages.
            (globalThis as any).chrome.runtime.sendMessage({
              clipmark: 1,
              type: 'highlight.delete',
              payload: { id },
              requestId: crypto.randomUUID(),
            }),
          record?.id,
        );
        await library.close();
        await page.bringToFront();
        await editor.getByRole('button', { name: s('save', 'Save'), exact: true }).click();
        const alert = editor.locator('.error[role="alert"]');
        await alert.waitFor();
        expect(await alert.textContent()).toBe(
          s(
            'editorGone',
            'This highlight was deleted elsewhere (another window or the library), so this can no longer be saved on it. Your text is still here: copy it before closing.',
          ),
        );
        expect(await editor.locator('textarea').inputValue()).toBe(note);
        await page.screenshot({ path: join(ARTIFACTS, `editor-save-failed${suffix}.png`) });
        await page.keyboard.press('Escape'); // tries again, fails again: still open, still there
        await page.waitForTimeout(300);
        expect(await editor.locator('textarea').inputValue()).toBe(note);
        await page.close();
      });

      it('saves what was typed when the frame is removed at once, and offers back a draft that was not saved', async () => {
        const url = copies.serve(SOURCE);
        const page = await session.browser.context.newPage();
        await page.goto(url);
        await highlightWithKey(page, '[data-testid="quote-target"]');
        await waitForHighlights(page, 1);
        let editor = await openByClick(page);
        await editor.locator('textarea').click();
        const note = lang === 'vi' ? 'Bản nháp được giữ lại.' : 'The draft is kept.';
        await page.keyboard.type(note);
        // The frame goes at once, without a word from the editor (as on a click outside): the save is sent as
        // its page goes away, and arrives.
        await page.evaluate(() => {
          for (const el of document.querySelectorAll('clipmark-editor')) el.remove();
        });
        await editorClosed(page);
        await expect.poll(async () => (await records(url))[0]?.note).toBe(note);

        // A save that did not arrive (the draft newer than the record): the next editor offers it back.
        editor = await openByClick(page);
        expect(await editor.locator('.restored').count()).toBe(0);
        const [record] = await records(url);
        const lost = lang === 'vi' ? 'Đoạn gõ thêm mà chưa kịp lưu.' : 'More text that was never saved.';
        await editor.evaluate(
          ([id, base, text]) =>
            localStorage.setItem(
              `clipmark.draft.${id}`,
              JSON.stringify({ fields: { ...base, note: text }, base, at: Date.now() }),
            ),
          [
            record?.id,
            { color: 'yellow', tags: [], note, updatedAt: record?.updatedAt },
            `${note} ${lost}`,
          ] as const,
        );
        await page.evaluate(() => {
          for (const el of document.querySelectorAll('clipmark-editor')) el.remove();
        });
        await editorClosed(page);
        editor = await openByClick(page);
        await editor.locator('.restored').waitFor();
        expect(await editor.locator('textarea').inputValue()).toBe(`${note} ${lost}`);
        await page.screenshot({ path: join(ARTIFACTS, `editor-draft-restored${suffix}.png`) });
        await editor.getByRole('button', { name: s('save', 'Save'), exact: true }).click();
        await editorClosed(page);
        await expect.poll(async () => (await records(url))[0]?.note).toBe(`${note} ${lost}`);
        await page.close();
      });

      it('keeps the note when the same highlight is clicked again while its editor is open', async () => {
        const url = copies.serve(SOURCE);
        const page = await session.browser.context.newPage();
        await page.goto(url);
        await highlightWithKey(page, '[data-testid="quote-target"]');
        await waitForHighlights(page, 1);
        let editor = await openByClick(page);
        await editor.locator('textarea').click();
        const note = lang === 'vi' ? 'Bấm lại vào đoạn tô sáng.' : 'Clicked the highlight again.';
        await page.keyboard.type(note);
        // The click closes this editor (its note saved as it goes) and opens a new one on the same highlight.
        editor = await openByClick(page, editor);
        await expect.poll(() => editor.locator('textarea').inputValue()).toBe(note);
        expect(await editor.locator('.restored').count()).toBe(0);
        await expect.poll(async () => (await records(url))[0]?.note).toBe(note);
        await page.keyboard.press('Escape');
        await editorClosed(page);
        await page.close();
      });

      it('gives the focus back where it was when the editor closes (a link, Alt+clicked)', async () => {
        const url = copies.serve(SOURCE);
        const page = await session.browser.context.newPage();
        await page.goto(url);
        await highlightWithKey(page, '[data-testid="with-link"]', 'thực hiện theo hướng dẫn cơ giới hóa');
        await waitForHighlights(page, 1);
        const link = page.locator('[data-testid="with-link"] a');
        await link.click({ modifiers: ['Alt'], position: { x: 20, y: 8 } });
        const editor = await editorFrame(page);
        await editor.locator('main.editor').waitFor();
        await expect.poll(() => focusIn(editor)).toMatchObject({ hasFocus: true, inEditor: true });
        await page.keyboard.press('Tab');
        await page.keyboard.press('Escape');
        await editorClosed(page);
        expect(
          await page.evaluate(() => document.activeElement?.closest('[data-testid="with-link"]') !== null),
        ).toBe(true);
        expect(await page.evaluate(() => document.activeElement?.localName)).toBe('a');
        await page.close();
      });

      it('saves the note typed in the reader when a click outside closes its editor', async () => {
        const url = copies.serve(SOURCE);
        const page = await session.browser.context.newPage();
        await page.goto(url);
        await highlightWithKey(page, '[data-testid="quote-target"]');
        await waitForHighlights(page, 1);
        // The first highlight keeps a copy of the article; the reader shows it.
        const reader = await session.browser.context.newPage();
        await expect
          .poll(
            async () => {
              await reader.goto(
                `chrome-extension://${session.browser.extensionId}/reader.html?url=${encodeURIComponent(url)}`,
              );
              return reader.locator('.reader-item').count();
            },
            { timeout: 20_000 },
          )
          .toBe(1);
        await waitForHighlights(reader, 1);
        // From the list beside the article, with the keyboard: the editor opens with the focus.
        const item = reader.locator('.reader-item .item-edit').first();
        await item.focus();
        await reader.keyboard.press('Enter');
        await reader.locator('.reader-dialog main.editor').waitFor();
        await reader.locator('.reader-dialog textarea').click();
        const note = lang === 'vi' ? 'Ghi chú trong trang đọc.' : 'A note in the reader.';
        await reader.keyboard.type(note);
        await reader.mouse.click(5, 300);
        await reader.locator('.reader-dialog').waitFor({ state: 'hidden' });
        await expect.poll(async () => (await records(url))[0]?.note).toBe(note);
        await expect.poll(() => reader.locator('.reader-item .item-note').allTextContents()).toEqual([note]);
        await reader.screenshot({ path: join(ARTIFACTS, `reader-click-outside-saved${suffix}.png`) });
        await reader.close();
        await page.close();
      });

      it('suggests Alt+Shift+K for the popup, and Chromium registers it', async () => {
        const commands = await session.browser.worker.evaluate(
          // @ts-expect-error `chrome` exists in the extension's service worker.
          () => globalThis.chrome.commands.getAll(),
        );
        expect(commands).toContainEqual(
          expect.objectContaining({ name: '_execute_action', shortcut: 'Alt+Shift+K' }),
        );
        expect(commands).toContainEqual(
          expect.objectContaining({ name: 'highlight-selection', shortcut: 'Alt+Shift+H' }),
        );
      });

      it('gives Undo the focus after Delete in the popup', async () => {
        const url = copies.serve(SOURCE);
        const page = await session.browser.context.newPage();
        await page.goto(url);
        await highlightWithKey(page, '[data-testid="quote-target"]');
        await waitForHighlights(page, 1);
        const popup = await openPopup(
          session.browser.context,
          session.browser.extensionId,
          await tabIdOf(session.browser.worker, url),
        );
        await popup.locator('li.highlight').waitFor();
        await popup.locator('li.highlight button.delete').focus();
        await popup.keyboard.press('Enter');
        await popup.locator('.undo button').waitFor();
        await expect
          .poll(() => popup.evaluate(() => document.activeElement?.closest('.undo') !== null))
          .toBe(true);
        await popup.screenshot({ path: join(ARTIFACTS, `popup-undo-focus${suffix}.png`) });
        await popup.keyboard.press('Enter');
        await popup.locator('li.highlight').waitFor();
        expect(await records(url)).toHaveLength(1);
        await popup.close();
        await page.close();
      });
    },
  );
}

describeEditor('en');
describeEditor('vi');
