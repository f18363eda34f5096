/**
 * Files from other tools through `library.import` (issue 19): the first answer is always the preview — what
 * would be added, what is already there, what is left out and why — with nothing written; confirmed with its
 * token, the plan is applied whole; the same file again changes nothing; a file never replaces the user's own
 * newer edit, and replaces an older one only through a preview. A book's records are out of every page's reach.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportAnswer } from '@/utils/export/import-records';
import { isBookKey } from '@/utils/url';
import { contentSender, createTestLibrary } from '../support/factories';
import { FIXTURE_NOW, importFixture } from '../support/import-fixtures';
import { dumpTables } from '../support/library-fixtures';

type Library = ReturnType<typeof createTestLibrary>;
let lib: Library;
beforeEach(() => {
  lib = createTestLibrary({ clock: FIXTURE_NOW });
});
afterEach(async () => {
  await lib.close();
});

const send = (kind: string, text: string, confirm?: string): Promise<ImportAnswer> =>
  lib.call('library.import', { kind, text, ...(confirm ? { confirm } : {}) });

/** Sends a file, expects its preview, confirms it; returns both answers. */
async function importConfirmed(kind: string, text: string) {
  const preview = await send(kind, text);
  if (preview.status !== 'confirm') throw new Error('expected a preview');
  const applied = await send(kind, text, preview.token);
  return { preview, applied };
}

describe('importing another tool’s file', () => {
  it('Kindle: previews, writes nothing until confirmed, then adds the books and highlights', async () => {
    const text = importFixture('My Clippings.txt');
    const empty = await dumpTables(lib.db);
    const preview = await send('kindle', text);
    expect(preview.status).toBe('confirm');
    expect(preview).toMatchObject({
      added: { highlights: 4, articles: 4 },
      updated: { highlights: 0, articles: 0 },
      skipped: { highlights: 0 },
      leftOut: { count: 3 },
    });
    expect(preview.leftOut?.records.map((r) => r.path).sort()).toEqual(['line 11', 'line 31', 'line 36']);
    expect(await dumpTables(lib.db)).toEqual(empty);

    const applied = await send('kindle', text, preview.status === 'confirm' ? preview.token : undefined);
    expect(applied.status).toBe('applied');
    expect(applied).toMatchObject({ added: { highlights: 4, articles: 4 }, leftOut: { count: 3 }, kept: 0 });
    const highlights = await lib.db.highlights.toArray();
    expect(highlights).toHaveLength(4);
    expect(highlights.every((h) => isBookKey(h.url))).toBe(true);
    const found = await lib.call('library.search', { query: 'warfare' });
    expect(found.hits.map((h) => [h.article.title, h.article.byline])).toEqual([
      ['The Art of War (Penguin Classics)', 'Sun Tzu'],
    ]);
  });

  it('the same file twice changes nothing: everything already there, nothing written', async () => {
    const text = importFixture('readwise-export.csv');
    await importConfirmed('readwise', text);
    const before = await dumpTables(lib.db);
    const again = await send('readwise', text);
    expect(again).toMatchObject({
      status: 'confirm',
      added: { highlights: 0, articles: 0, tags: 0 },
      updated: { highlights: 0, articles: 0 },
      skipped: { highlights: 5, articles: 5 },
      leftOut: { count: 3 },
      refused: { highlights: 1 },
    });
    const applied = await send('readwise', text, again.status === 'confirm' ? again.token : undefined);
    expect(applied.status).toBe('applied');
    expect(await dumpTables(lib.db)).toEqual(before);
  });

  it('never replaces the user’s newer edit; a later note from Kindle replaces an older one only when confirmed', async () => {
    const base = [
      'Book (Author)',
      '- Your Highlight on Location 10-12 | Added on Sunday, 7 May 2023 10:01:02 PM',
      '',
      'A passage',
      '==========',
      '',
    ].join('\r\n');
    await importConfirmed('kindle', base);
    const [h] = await lib.db.highlights.toArray();
    if (!h) throw new Error('no highlight');

    // A Kindle note written later than the highlight: an update, shown in the preview first.
    const withNote = `${base}Book (Author)\r\n- Your Note on Location 12 | Added on Monday, 8 May 2023 8:00:00 AM\r\n\r\nMy Kindle note\r\n==========\r\n`;
    const preview = await send('kindle', withNote);
    expect(preview).toMatchObject({
      status: 'confirm',
      updated: { highlights: 1 },
      added: { highlights: 0 },
    });
    expect((await lib.db.highlights.get(h.id))?.note).toBe('');
    await send('kindle', withNote, preview.status === 'confirm' ? preview.token : undefined);
    expect((await lib.db.highlights.get(h.id))?.note).toBe('My Kindle note');
    expect(await lib.db.replaced.count()).toBe(1); // the version it replaced, to put back

    // The user edits it here (now, 2026): the file's 2023 note no longer wins.
    const version = (await lib.db.highlights.get(h.id))?.updatedAt;
    await lib.call('highlight.update', { id: h.id, changes: { note: 'Mine' }, version });
    const after = await send('kindle', withNote);
    expect(after).toMatchObject({ updated: { highlights: 0 }, skipped: { highlights: 1 } });
    await send('kindle', withNote, after.status === 'confirm' ? after.token : undefined);
    expect((await lib.db.highlights.get(h.id))?.note).toBe('Mine');
  });

  it('a token from another file or an older plan is not applied', async () => {
    const kindle = importFixture('My Clippings.txt');
    const preview = await send('kindle', kindle);
    const other = await send(
      'omnivore',
      importFixture('metadata_0_to_20.json'),
      preview.status === 'confirm' ? preview.token : undefined,
    );
    expect(other).toMatchObject({ status: 'confirm', changed: true });
    expect(await lib.db.highlights.count()).toBe(0);
  });

  it('no page can reach a book: a content script cannot name its key, and a page is never one', async () => {
    await importConfirmed('kindle', importFixture('My Clippings.txt'));
    const [book] = await lib.db.articles.toArray();
    if (!book) throw new Error('no book');
    await expect(lib.call('highlight.listForPage', { url: book.url }, contentSender())).rejects.toThrow(
      /invalid/,
    );
    const page = await lib.call(
      'highlight.listForPage',
      { url: 'https://baonamdinh.vn/' },
      contentSender('https://baonamdinh.vn/'),
    );
    expect(page).toEqual([]);
  });

  it('a W3C file is previewed when something of it is left out, and applied at once when it only adds', async () => {
    const plain = {
      type: 'Annotation',
      id: 'urn:x:2',
      created: '2024-03-01T10:00:00Z',
      target: { source: 'https://vnexpress.net/a', selector: { type: 'TextQuoteSelector', exact: 'x' } },
    };
    expect(await send('web-annotation', JSON.stringify(plain))).toMatchObject({ status: 'applied' });
    const reply = { ...plain, id: 'urn:x:3', motivation: 'replying', target: 'urn:x:2' };
    const withReply = JSON.stringify([plain, reply]);
    expect(await send('web-annotation', withReply)).toMatchObject({
      status: 'confirm',
      skipped: { highlights: 1 },
      leftOut: {
        count: 1,
        records: [{ path: '[1]', reason: 'a reply to another annotation: replies are not imported' }],
      },
    });
  });

  it('Omnivore and a W3C file with page notes and replies go through the same preview', async () => {
    const omnivore = await importConfirmed('omnivore', importFixture('metadata_0_to_20.json'));
    expect(omnivore.preview).toMatchObject({
      added: { highlights: 2, articles: 1, tags: 3 },
      leftOut: { count: 5 },
    });
    const w3c = await importConfirmed('web-annotation', importFixture('w3c-page-notes-replies.jsonld'));
    // The two page notes become the article's note; the reply is left out.
    expect(w3c.preview).toMatchObject({ added: { highlights: 2, articles: 1 }, leftOut: { count: 1 } });
    expect(w3c.applied.status).toBe('applied');
    expect(await lib.db.highlights.count()).toBe(4);
  });
});
