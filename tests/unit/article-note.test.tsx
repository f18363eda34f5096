/**
 * The note on a whole article: the background's messages (validation, who may touch which article, versions),
 * its search, the merge of two versions of an article, and the editor shared by the popup, library and reader
 * (typed text never dropped: drafts, conflicts).
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ArticleNote, type ArticleNoteApi } from '@/components/ArticleNote';
import { mergeArticle } from '@/entrypoints/background/export/merge-tables';
import { takeNoteDraft, writeNoteDraft } from '@/utils/article-note-drafts';
import { serializeBackup, toBackup } from '@/utils/export/backup';
import { parseBackup } from '@/utils/export/import-backup';
import type { ArticleNoteRecord } from '@/utils/messaging/background-map';
import { MessageError } from '@/utils/messaging/sender';
import type { Article } from '@/utils/schema';
import { searchArticleNotes } from '@/utils/search/article-notes';
import { contentSender, createTestLibrary, envelope, popupSender } from '../support/factories';

const URL_A = 'https://baonamdinh.vn/channel/5085/202611/hop-tac-xa-dong-tien-2561234/';
const KEY_A = 'https://baonamdinh.vn/channel/5085/202611/hop-tac-xa-dong-tien-2561234';

describe('article.getNote / article.setNote', () => {
  let lib: ReturnType<typeof createTestLibrary>;
  beforeEach(() => {
    lib = createTestLibrary();
  });
  afterEach(async () => {
    await lib.close();
  });
  const send = (type: string, payload: unknown, sender = popupSender) =>
    lib.route(envelope(type, payload), sender);

  it('saves a note as text, creating the article record, and moves its version on', async () => {
    const note = '<script>alert(1)</script> Đường 😀\n  indented';
    const saved = await send('article.setNote', { url: URL_A, note, version: null, title: 'Bài A' });
    expect(saved).toMatchObject({ ok: true, value: { url: KEY_A, note } });
    const article = await lib.db.articles.get(KEY_A);
    expect(article).toMatchObject({ title: 'Bài A', note, site: 'baonamdinh.vn' });
    expect(await send('article.getNote', { url: URL_A })).toMatchObject({
      ok: true,
      value: { note, noteUpdatedAt: article?.noteUpdatedAt },
    });
  });

  it('refuses a save from an older version with conflict, and keeps the stored note', async () => {
    const first = await send('article.setNote', { url: URL_A, note: 'one', version: null });
    const v1 = (first as { value: ArticleNoteRecord }).value.noteUpdatedAt;
    await send('article.setNote', { url: URL_A, note: 'two', version: v1 });
    const stale = await send('article.setNote', { url: URL_A, note: 'three', version: v1 });
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect((await lib.db.articles.get(KEY_A))?.note).toBe('two');
  });

  it('lets a content script touch only its own page’s note', async () => {
    const own = await send('article.setNote', { url: URL_A, note: 'mine' }, contentSender(URL_A));
    expect(own).toMatchObject({ ok: true });
    const other = await send(
      'article.getNote',
      { url: 'https://vnexpress.net/other-1.html' },
      contentSender(URL_A),
    );
    expect(other).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('validates the request: a note over 50,000 characters, a non-web address, unknown fields', async () => {
    for (const payload of [
      { url: URL_A, note: 'x'.repeat(50_001) },
      { url: 'javascript:alert(1)', note: 'x' },
      { url: URL_A, note: 'x', extra: 1 },
    ]) {
      expect(await send('article.setNote', payload)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    }
    expect(await lib.db.articles.count()).toBe(0);
  });

  it('is searched accent-free through library.search, and goes through a backup byte-stable', async () => {
    await send('article.setNote', { url: URL_A, note: 'Đổi mới hợp tác xã'.normalize('NFD') });
    const found = await send('library.search', { query: 'doi moi' });
    expect(found).toMatchObject({ ok: true, value: { notes: { total: 1, hits: [{ url: KEY_A }] } } });
    const articles = await lib.db.articles.toArray();
    const text = serializeBackup(toBackup({ articles, highlights: [], tags: [] }, [], 0));
    const back = await parseBackup(text);
    expect(back.records.articles).toEqual(articles);
    expect(serializeBackup(toBackup({ ...back.records, highlights: [], tags: [] }, [], 0))).toBe(text);
  });
});

describe('searchArticleNotes', () => {
  const article = (url: string, note: string, at = 1, title = ''): Article => ({
    url,
    site: new URL(url).hostname,
    title,
    meta: {},
    createdAt: 0,
    updatedAt: at,
    note,
    noteUpdatedAt: at,
  });
  const list = [
    article('https://a.vn/1', 'Đường làng đổi mới', 2),
    article('https://b.com/2', 'Nothing here', 3, 'Đổi mới'),
    article('https://c.vn/3', '', 4),
  ];
  it('folds case, accents and đ, matches a prefix while typing, and drops exclusions', () => {
    expect(searchArticleNotes(list, 'duong').hits.map((h) => h.url)).toEqual(['https://a.vn/1']);
    expect(searchArticleNotes(list, 'doi mo').hits.map((h) => h.url)).toEqual([
      'https://b.com/2',
      'https://a.vn/1',
    ]);
    expect(searchArticleNotes(list, 'doi -lang').hits.map((h) => h.url)).toEqual(['https://b.com/2']);
    expect(searchArticleNotes(list, '"lang doi"').total).toBe(1);
    expect(searchArticleNotes(list, 'site:a.vn').total).toBe(1);
    expect(searchArticleNotes(list, 'tag:x').total).toBe(0);
    expect(searchArticleNotes(list, '').total).toBe(2); // every note, none empty
  });
});

describe('merging two versions of an article', () => {
  const base: Article = {
    url: 'https://a.vn/1',
    site: 'a.vn',
    title: 'T',
    meta: {},
    createdAt: 0,
    updatedAt: 5,
  };
  it('keeps the note saved later, whichever record is newer', () => {
    const mine = { ...base, updatedAt: 10, title: 'Mine', note: 'old note', noteUpdatedAt: 2 };
    const theirs = { ...base, updatedAt: 5, note: 'new note', noteUpdatedAt: 4 };
    expect(mergeArticle(mine, theirs)).toMatchObject({ title: 'Mine', note: 'new note', noteUpdatedAt: 4 });
    expect(mergeArticle(theirs, { ...base, updatedAt: 20 })).toMatchObject({ note: 'new note' });
  });
});

describe('the article note editor', () => {
  let host: HTMLElement;
  let store: { note: string; noteUpdatedAt: number | null };
  let api: ArticleNoteApi;
  beforeEach(() => {
    localStorage.clear();
    store = { note: 'Saved note', noteUpdatedAt: 100 };
    api = {
      getNote: vi.fn(async (url) => ({ url, ...store })),
      setNote: vi.fn(async (url, note, version) => {
        if (version !== store.noteUpdatedAt) throw new MessageError('conflict', 'changed');
        store = { note, noteUpdatedAt: (store.noteUpdatedAt ?? 0) + 1 };
        return { url, ...store };
      }),
    };
    host = document.createElement('div');
    document.body.append(host);
  });
  afterEach(() => {
    render(null, host);
    host.remove();
  });
  const show = async () => {
    await act(async () => {
      render(<ArticleNote url={KEY_A} api={api} />, host);
    });
    await act(async () => {});
  };
  const click = async (selector: string) => {
    await act(async () => {
      (host.querySelector(selector) as HTMLButtonElement).click();
    });
    await act(async () => {});
  };
  const type = async (text: string) => {
    const box = host.querySelector('textarea') as HTMLTextAreaElement;
    await act(async () => {
      box.value = text;
      box.dispatchEvent(new Event('input', { bubbles: true }));
    });
  };

  it('shows the note as text and saves an edit', async () => {
    store.note = '<b>not bold</b>';
    await show();
    expect(host.querySelector('.article-note-text')?.textContent).toBe('<b>not bold</b>');
    expect(host.querySelector('b')).toBeNull();
    await click('.article-note-edit');
    await type('Ghi chú mới');
    await click('.article-note-actions .primary');
    expect(api.setNote).toHaveBeenCalledWith(KEY_A, 'Ghi chú mới', 100, undefined);
    expect(host.querySelector('.article-note-text')?.textContent).toBe('Ghi chú mới');
    expect(takeNoteDraft(localStorage, KEY_A, store)).toBeNull();
  });

  it('offers back text typed and never saved (the popup closed)', async () => {
    await show();
    await click('.article-note-edit');
    await type('typed, then the popup closed');
    render(null, host); // closed without saving
    await show();
    expect((host.querySelector('textarea') as HTMLTextAreaElement).value).toBe(
      'typed, then the popup closed',
    );
  });

  it('keeps the typed text when the note changed elsewhere, and shows the other version', async () => {
    await show();
    await click('.article-note-edit');
    await type('mine');
    store = { note: 'theirs', noteUpdatedAt: 200 };
    await click('.article-note-actions .primary');
    expect((host.querySelector('textarea') as HTMLTextAreaElement).value).toBe('mine');
    expect(host.querySelector('.article-note-theirs')?.textContent).toContain('theirs');
    // Saving again replaces theirs, knowingly (the version is now theirs).
    await click('.article-note-actions .primary');
    expect(store.note).toBe('mine');
  });

  it('drops a draft once a later save landed', () => {
    writeNoteDraft(localStorage, KEY_A, { text: 'old draft', base: 1, at: 50 });
    expect(takeNoteDraft(localStorage, KEY_A, { note: 'x', noteUpdatedAt: 60 })).toBeNull();
    writeNoteDraft(localStorage, KEY_A, { text: 'new draft', base: 1, at: 70 });
    expect(takeNoteDraft(localStorage, KEY_A, { note: 'x', noteUpdatedAt: 60 }, 80)?.text).toBe('new draft');
  });
});
