/**
 * Sync between two computers (issue 23): two Chromium profiles with the built extension (devices A and B) and a
 * real CouchDB-protocol server on 127.0.0.1 (pouchdb-server, started here), behind a Basic-auth front so the
 * user name and password are really sent and checked (pouchdb-server itself fails on credentials). Everything
 * is set up through the library page's Sync section with clicks and keys. A highlight with tags and a note
 * made on A is drawn on the live page on B; a delete on A lands in B's trash; with a passphrase the server holds
 * none of the text; the worker stopped in the middle of a run, the next run completes with exactly one document
 * per record; the server down is a clear error while highlighting goes on.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  editorClosed,
  editorFrame,
  launchBrowser,
  ROOT,
  startPageServer,
} from '../../scripts/browser-harness.mjs';
import { serializeBackup, toBackup } from '../../utils/export/backup';
import { generateLibrary } from '../support/library-fixtures';
import { type RunningServer, startBasicAuthProxy, startPouchServer } from '../support/pouchdb-server';
import { type Chromium, executablePath } from './chromium';
import {
  clickToolbar,
  dragSelect,
  highlightWithKey,
  openPopup,
  readStore,
  serviceWorkerStopper,
  tabIdOf,
  toolbarReady,
  waitForHighlights,
} from './page-helpers';
import { ARTICLE, QUOTE } from './sample-article';

const ARTIFACTS = join(ROOT, 'test-output');
const USER = 'nhà nghiên cứu';
const PASSWORD = 'mật khẩu đúng';
const TAGS = ['nông nghiệp', 'Nam Định'];
const NOTE = 'Số liệu tiết kiệm cho bài tổng kết.';
const NOTE_A = 'Ghi chú viết trên máy A.';
const ARTICLE_NOTE = 'Bài này cần đọc lại trước buổi họp.';
const NOTE_B = 'Ghi chú viết trên máy B.';

interface Device {
  browser: Chromium;
  library: Page;
}

/** The extension's service worker now (a stopped one comes back as another handle). */
async function workerOf(context: BrowserContext) {
  return context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
}

/** A field of the Sync section emptied and typed into, as a user does. */
async function typeInto(page: Page, label: string, text: string) {
  const field = page.locator('.sync').getByLabel(label, { exact: true });
  await field.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Backspace');
  if (text) await page.keyboard.type(text);
}

/** Clicks a button of the Sync section and waits for the run it starts to be over; answers the state's text. */
async function syncBy(page: Page, button: string): Promise<string> {
  const state = page.locator('.sync-state');
  const before = await state.getAttribute('data-last-run');
  await page.locator('.sync').getByRole('button', { name: button, exact: true }).click();
  try {
    await expect
      .poll(
        async () =>
          (await state.getAttribute('data-last-run')) !== before &&
          (await state.getAttribute('aria-busy')) === 'false',
        { timeout: 60_000, interval: 100 },
      )
      .toBe(true);
  } catch (error) {
    await page.screenshot({ path: join(ARTIFACTS, 'sync-failed-wait.png'), fullPage: true });
    throw new Error(`no run ended: the Sync section says "${await page.locator('.sync').textContent()}"`, {
      cause: error,
    });
  }
  return (await state.textContent()) ?? '';
}

/** Opens the library's Sync section and saves these settings with clicks and keys; answers the state's text. */
async function configure(
  device: Device,
  settings: {
    server: string;
    database: string;
    user?: string;
    password?: string;
    passphrase?: string;
    removePassphrase?: boolean;
  },
): Promise<string> {
  const page = device.library;
  if ((await page.locator('.sync').count()) === 0)
    await page.getByRole('button', { name: 'Sync settings' }).click();
  await typeInto(page, 'Server address', settings.server);
  await typeInto(page, 'Database', settings.database);
  await typeInto(page, 'User name', settings.user ?? '');
  if (settings.password !== undefined) await typeInto(page, 'Password', settings.password);
  if (settings.passphrase !== undefined) await typeInto(page, 'Encryption passphrase', settings.passphrase);
  if (settings.removePassphrase) await page.getByLabel('Remove the saved encryption passphrase').check();
  return syncBy(page, 'Save and sync');
}

interface ServerDoc {
  id: string;
  doc: Record<string, unknown>;
}
async function serverDocs(server: string, database: string): Promise<ServerDoc[]> {
  const answer = await fetch(`${server}/${database}/_all_docs?include_docs=true&attachments=true`);
  if (!answer.ok) throw new Error(`${answer.status} from the server`);
  return ((await answer.json()) as { rows: ServerDoc[] }).rows;
}

describe.skipIf(!executablePath)(
  'sync between two Chromium profiles through a CouchDB-protocol server',
  () => {
    let pages: Awaited<ReturnType<typeof startPageServer>>;
    let couch: RunningServer;
    let front: RunningServer;
    let a: Device;
    let b: Device;
    const launch = async (): Promise<Device> => {
      const browser = await launchBrowser({ executablePath: executablePath as string, port: pages.port });
      const library = await browser.context.newPage();
      await library.goto(`chrome-extension://${browser.extensionId}/library.html`);
      return { browser, library };
    };

    beforeAll(async () => {
      pages = await startPageServer();
      couch = await startPouchServer();
      front = await startBasicAuthProxy(couch.url, USER, PASSWORD);
      a = await launch();
      b = await launch();
    }, 120_000);
    afterAll(async () => {
      await a?.browser.close();
      await b?.browser.close();
      await front?.stop();
      await couch?.stop();
      await pages?.close();
    });

    let highlightId = '';

    it('a highlight with tags and a note, and a note on the article, made on A reach B: drawn on the live page (user name and password sent)', async () => {
      // A wrong password: said so, with what to do; nothing reaches the server.
      let state = await configure(a, {
        server: front.url,
        database: 'clipmark',
        user: USER,
        password: 'sai',
      });
      expect(state).toContain('The server refused the user name or password. Check them, then save again.');
      expect((await fetch(`${couch.url}/clipmark`)).status).toBe(404);
      state = await configure(a, { server: front.url, database: 'clipmark', user: USER, password: PASSWORD });
      expect(state).toMatch(/Last sync .+: sent \d+, received \d+\./);
      expect(state).toContain('Not encrypted');

      // On A: select, "Tags", type the tags and a note in the editor, save.
      const page = await a.browser.context.newPage();
      await page.goto(ARTICLE.url);
      await dragSelect(page, '[data-testid="quote-target"]');
      await toolbarReady(page);
      await clickToolbar(page, 'Tags');
      const editor = await editorFrame(page);
      const tagField = editor.getByRole('textbox', { name: 'Add tags' });
      await tagField.fill(TAGS.join(', '));
      await tagField.press('Enter');
      await editor.getByRole('textbox', { name: 'Note' }).fill(NOTE);
      await editor.getByRole('button', { name: 'Save' }).click();
      await editorClosed(page);
      await waitForHighlights(page, 1);
      const [stored] = (await (await workerOf(a.browser.context)).evaluate(readStore, 'highlights')) as {
        id: string;
      }[];
      highlightId = stored?.id ?? '';
      expect(highlightId).not.toBe('');

      // And a note on the whole article, written in A's popup with the keyboard.
      const popupA = await openPopup(
        a.browser.context,
        a.browser.extensionId,
        await tabIdOf(await workerOf(a.browser.context), ARTICLE.url),
      );
      await popupA.getByRole('button', { name: 'Add a note on this article' }).click();
      await popupA.locator('.article-note textarea').focus();
      await popupA.keyboard.type(ARTICLE_NOTE);
      await popupA.keyboard.press('Control+Enter');
      await popupA.getByText('Note saved.').waitFor();
      await popupA.close();

      await a.library.bringToFront();
      state = await syncBy(a.library, 'Sync now');
      expect(state).toMatch(/Last sync .+: sent [1-9]\d*, received \d+\./);
      const onServer = await serverDocs(couch.url, 'clipmark');
      expect(onServer.map((r) => r.id)).toContain(`h:${highlightId}`);
      await a.library.locator('.sync').screenshot({ path: join(ARTIFACTS, 'sync-section.png') });

      // On B: the same settings, one run, and the article shows the highlight.
      state = await configure(b, { server: front.url, database: 'clipmark', user: USER, password: PASSWORD });
      expect(state).toMatch(/Last sync .+: sent \d+, received [1-9]\d*\./);
      const onB = await b.browser.context.newPage();
      await onB.goto(ARTICLE.url);
      expect(await waitForHighlights(onB, 1)).toEqual([
        { color: 'yellow', text: QUOTE, startIn: 'quote-target' },
      ]);
      const [copy] = (await (await workerOf(b.browser.context)).evaluate(readStore, 'highlights')) as {
        id: string;
        tags: string[];
        note: string;
      }[];
      expect(copy).toMatchObject({ id: highlightId, tags: TAGS, note: NOTE });
      await onB.screenshot({ path: join(ARTIFACTS, 'sync-drawn-on-b.png') });

      // B's popup says when it last synced.
      const popup = await openPopup(
        b.browser.context,
        b.browser.extensionId,
        await tabIdOf(await workerOf(b.browser.context), ARTICLE.url),
      );
      await expect.poll(() => popup.locator('.sync-line').textContent()).toMatch(/^Synced /);
      await expect.poll(() => popup.locator('.article-note-text').textContent()).toBe(ARTICLE_NOTE);
      await popup.screenshot({ path: join(ARTIFACTS, 'sync-popup.png') });
      await popup.close();
      await onB.close();
      await page.close();
    }, 180_000);

    it('notes written on both computers while apart are both kept, tags merged; the library’s Review keeps one, on both', async () => {
      const edit = async (device: Device, note: string, tag: string) => {
        const page = await device.browser.context.newPage();
        await page.goto(ARTICLE.url);
        await waitForHighlights(page, 1);
        const target = page.locator('[data-testid="quote-target"]');
        await target.scrollIntoViewIfNeeded();
        await target.click({ position: { x: 40, y: 10 } });
        const editor = await editorFrame(page);
        await editor.getByRole('textbox', { name: 'Note' }).fill(note);
        const tagField = editor.getByRole('textbox', { name: 'Add tags' });
        await tagField.fill(tag);
        await tagField.press('Enter');
        await editor.getByRole('button', { name: 'Save' }).click();
        await editorClosed(page);
        await page.close();
      };
      // B writes before it has received A's change: the two notes are both written over the same one.
      await edit(a, NOTE_A, 'máy A');
      await edit(b, NOTE_B, 'máy B');
      for (const device of [a, b, a]) {
        await device.library.bringToFront();
        await syncBy(device.library, 'Sync now');
      }
      for (const device of [a, b]) {
        await expect
          .poll(() => device.library.locator('.sync-conflicts').textContent())
          .toMatch(/Notes that differ between computers: 1/);
        const [stored] = (await (
          await workerOf(device.browser.context)
        ).evaluate(readStore, 'highlights')) as {
          tags: string[];
          note: string;
        }[];
        expect(stored?.tags).toEqual(expect.arrayContaining([...TAGS, 'máy A', 'máy B']));
        expect([NOTE_A, NOTE_B]).toContain(stored?.note);
      }
      // On A: Review, keep A's note.
      await a.library.bringToFront();
      await a.library.getByRole('button', { name: 'Review' }).click();
      const choices = a.library.locator('.conflict-choice');
      await expect.poll(() => choices.count()).toBe(2);
      await a.library.locator('.sync').screenshot({ path: join(ARTIFACTS, 'sync-conflict-review.png') });
      await choices.filter({ hasText: NOTE_A }).getByRole('button', { name: 'Keep this note' }).click();
      await expect.poll(() => a.library.locator('.sync-conflicts').count(), { timeout: 30_000 }).toBe(0);
      await b.library.bringToFront();
      await syncBy(b.library, 'Sync now');
      await expect.poll(() => b.library.locator('.sync-conflicts').count()).toBe(0);
      for (const device of [a, b]) {
        const [stored] = (await (
          await workerOf(device.browser.context)
        ).evaluate(readStore, 'highlights')) as {
          note: string;
        }[];
        expect(stored?.note).toBe(NOTE_A);
      }
    }, 180_000);

    it('a delete on A reaches B’s trash', async () => {
      await a.library.bringToFront();
      await a.library.reload();
      await a.library.getByRole('checkbox', { name: 'Select this highlight' }).first().click();
      await a.library.getByRole('button', { name: 'Delete selected' }).click();
      await expect.poll(() => a.library.getByRole('button', { name: 'Undo' }).count()).toBe(1);
      await a.library.getByRole('button', { name: 'Sync settings' }).click();
      expect(await syncBy(a.library, 'Sync now')).toMatch(/sent [1-9]/);

      await b.library.bringToFront();
      expect(await syncBy(b.library, 'Sync now')).toMatch(/received [1-9]/);
      const bWorker = await workerOf(b.browser.context);
      expect(await bWorker.evaluate(readStore, 'highlights')).toEqual([]);
      const trash = (await bWorker.evaluate(readStore, 'trash')) as {
        id: string;
        highlight: { note: string };
      }[];
      expect(trash).toMatchObject([{ id: highlightId, highlight: { note: NOTE_A } }]);
    }, 120_000);

    it('with a passphrase, the server holds none of the text; B without it is told to enter it', async () => {
      const secret = 'cụm mật khẩu dài';
      // Another database: A offers its whole library to it, sealed.
      const state = await configure(a, {
        server: front.url,
        database: 'clipmark-secret',
        user: USER,
        password: '',
        passphrase: secret,
      });
      expect(state).toContain('End-to-end encrypted');
      expect(state).toMatch(/Last sync .+: sent [1-9]\d*/);
      const raw = JSON.stringify(await serverDocs(couch.url, 'clipmark-secret'));
      expect(raw).toContain(`h:${highlightId}`);
      for (const plain of [
        QUOTE,
        NOTE,
        NOTE_A,
        ARTICLE_NOTE,
        ...TAGS,
        ARTICLE.url,
        'baonamdinh',
        String(ARTICLE.expected.title),
      ])
        expect(raw.includes(plain), plain).toBe(false);
      // Nor in any escaped form.
      expect(raw).not.toMatch(/n\\u00f4ng|Nam \\u0110/i);

      const refused = await configure(b, {
        server: front.url,
        database: 'clipmark-secret',
        user: USER,
        password: '',
      });
      expect(refused).toContain('This database is encrypted: enter its passphrase.');
      const opened = await configure(b, {
        server: front.url,
        database: 'clipmark-secret',
        user: USER,
        password: '',
        passphrase: secret,
      });
      expect(opened).toMatch(/Last sync .+: sent \d+, received \d+\./);
      const trash = (await (await workerOf(b.browser.context)).evaluate(readStore, 'trash')) as {
        id: string;
      }[];
      expect(trash.map((t) => t.id)).toEqual([highlightId]);
    }, 180_000);

    it('600 highlights: the worker stopped in the middle of a run, the next run completes, one document per record; then back from B, exactly', async () => {
      // 600 highlights imported on A (the library's import, a file chosen as a user does).
      const lib = generateLibrary(600, 40, 23);
      const file = join(ARTIFACTS, 'sync-600.json');
      writeFileSync(file, serializeBackup(toBackup({ ...lib, clippings: [] }, [], Date.UTC(2026, 11, 8))));
      await a.library.bringToFront();
      await a.library.locator('input[type="file"]').setInputFiles(file);
      // Its tag records include one A has (nông nghiệp): the import asks first.
      const confirm = a.library.getByRole('button', { name: /^Import( and replace)?$/ });
      await confirm.or(a.library.getByText('Imported:')).first().waitFor({ timeout: 60_000 });
      if ((await confirm.count()) > 0) await confirm.click();
      await a.library.getByText('Imported: 600 new highlights').waitFor({ timeout: 60_000 });

      if ((await a.library.locator('.sync').count()) === 0)
        await a.library.getByRole('button', { name: 'Sync settings' }).click();
      const database = 'clipmark-stop';
      await typeInto(a.library, 'Server address', front.url);
      await typeInto(a.library, 'Database', database);
      await a.library.getByLabel(/Remove the saved encryption passphrase/).check();
      const stop = await serviceWorkerStopper(a.browser.context, a.browser.extensionId, a.library);
      await a.library.locator('.sync').getByRole('button', { name: 'Save and sync' }).click();
      const onServer = async () => {
        const info = await fetch(`${couch.url}/${database}`);
        return info.ok ? ((await info.json()) as { doc_count: number }).doc_count : 0;
      };
      const reopen = async () => {
        // The page lost its answer with the worker; the user comes back and presses "Sync now".
        await a.library.reload();
        if ((await a.library.locator('.sync').count()) === 0)
          await a.library.getByRole('button', { name: 'Sync settings' }).click();
      };
      // Cut once while the run turns the library into documents (only the key record is on the server yet)…
      await expect.poll(onServer, { timeout: 60_000, interval: 20 }).toBe(1);
      await stop();
      const firstCut = await onServer();
      await reopen();
      // …and once in the middle of sending them.
      await a.library.locator('.sync').getByRole('button', { name: 'Sync now', exact: true }).click();
      await expect.poll(onServer, { timeout: 60_000, interval: 20 }).toBeGreaterThan(1);
      await stop();
      const secondCut = await onServer();
      console.log(`[sync e2e] worker stopped with ${firstCut}, then ${secondCut} documents on the server`);
      await reopen();
      const state = await syncBy(a.library, 'Sync now');
      expect(state).toMatch(/Last sync .+: sent \d+, received \d+\./);
      const aWorker = await workerOf(a.browser.context);
      const highlights = (await aWorker.evaluate(readStore, 'highlights')) as { id: string }[];
      const trash = (await aWorker.evaluate(readStore, 'trash')) as { id: string }[];
      const articles = (await aWorker.evaluate(readStore, 'articles')) as unknown[];
      const outbox = (await aWorker.evaluate(readStore, 'syncOutbox')) as unknown[];
      expect(highlights).toHaveLength(600);
      expect(outbox).toEqual([]);
      const docs = await serverDocs(couch.url, database);
      const count = (prefix: string) => docs.filter((d) => d.id.startsWith(prefix)).length;
      expect(firstCut).toBe(1);
      expect(secondCut).toBeGreaterThan(1);
      expect(secondCut).toBeLessThan(docs.length);
      expect(count('h:')).toBe(highlights.length + trash.length);
      expect(count('a:')).toBe(articles.length);
      const ids = docs.map((d) => d.id);
      expect(new Set(ids).size).toBe(ids.length);

      // B from that database: the same library, exactly.
      const bState = await configure(b, {
        server: front.url,
        database,
        user: USER,
        password: '',
        passphrase: '',
        removePassphrase: true,
      });
      expect(bState).toMatch(/Last sync .+: sent \d+, received [1-9]\d*\./);
      const bWorker = await workerOf(b.browser.context);
      const onB = (await bWorker.evaluate(readStore, 'highlights')) as { id: string }[];
      expect(onB.map((h) => h.id).sort()).toEqual(highlights.map((h) => h.id).sort());

      // And back: B deletes every highlight its library shows (the first page), A gets exactly that.
      await b.library.reload();
      await b.library.locator('li.highlight').first().waitFor();
      const shown = await b.library.locator('li.highlight').count();
      await b.library.getByRole('checkbox', { name: /Select all shown/ }).click();
      await b.library.getByRole('button', { name: 'Delete selected' }).click();
      await expect.poll(() => b.library.getByRole('button', { name: 'Undo' }).count()).toBe(1);
      await b.library.getByRole('button', { name: 'Sync settings' }).click();
      expect(await syncBy(b.library, 'Sync now')).toMatch(new RegExp(`sent ${shown},`));
      await a.library.bringToFront();
      expect(await syncBy(a.library, 'Sync now')).toMatch(new RegExp(`received ${shown}\\.`));
      const aAfter = await workerOf(a.browser.context);
      expect(await aAfter.evaluate(readStore, 'highlights')).toHaveLength(highlights.length - shown);
      expect(await aAfter.evaluate(readStore, 'trash')).toHaveLength(trash.length + shown);
    }, 240_000);

    it('the server down is a clear error, and highlighting goes on', async () => {
      await front.stop();
      await a.library.bringToFront();
      const state = await syncBy(a.library, 'Sync now');
      expect(state).toContain('The server could not be reached. Check the address');
      expect(state).toContain('Your highlights are saved on this computer meanwhile');
      await a.library.locator('.sync').screenshot({ path: join(ARTIFACTS, 'sync-server-down.png') });

      const page = await a.browser.context.newPage();
      await page.goto(ARTICLE.url);
      await highlightWithKey(page, '[data-testid="repeat-2"]', String(ARTICLE.expected.repeatedPhrase));
      await waitForHighlights(page, 1);
      const popup = await openPopup(
        a.browser.context,
        a.browser.extensionId,
        await tabIdOf(await workerOf(a.browser.context), ARTICLE.url),
      );
      await expect
        .poll(() => popup.locator('.sync-line').textContent())
        .toBe('Sync failed — see the library');
      await popup.screenshot({ path: join(ARTIFACTS, 'sync-popup-failed.png') });
      await popup.close();
      await page.close();
    }, 120_000);
  },
);
