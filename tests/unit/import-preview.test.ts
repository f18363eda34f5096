/**
 * Issue 15, finding 5: a file never deletes or replaces the user's records without the user confirming a
 * preview, and what it replaced stays recoverable.
 *
 * `library.import` first runs the merge without writing (the same code, in the same transaction it would
 * write in): a file that only adds is applied at once; one that would replace or trash anything answers its
 * preview — counts per table, and the live highlights a file's trash entry would move to the trash — with a
 * token, the hash of the file and of that plan. The same file sent again with the token is applied only when
 * the plan is still the same; otherwise the answer is the new preview. A file's trash entry moves the user's
 * own highlight to the trash (note and tags restorable), never the file's copy of it; and every record of the
 * library an import replaced or trashed is kept in `replaced`, listed and put back with `replaced.list` and
 * `replaced.restore`.
 */

import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serializeBackup, toBackup } from '@/utils/export/backup';
import { Sha256, textDigest } from '@/utils/export/digest';
import type { ImportAnswer } from '@/utils/export/import-records';
import { importText } from '@/utils/messaging/chunked-files';
import { splitText } from '@/utils/messaging/limits';
import { backgroundClient } from '@/utils/messaging/sender';
import type { Clipping, Highlight } from '@/utils/schema';
import { createTestLibrary, popupSender } from '../support/factories';
import { BAONAMDINH, dumpTables, id, sampleLibrary, seed, T0 } from '../support/library-fixtures';

/** The import's clock: a day after the sample library was made. */
const NOW = T0 + 86_400_000;

type Library = ReturnType<typeof createTestLibrary>;
type File = ReturnType<typeof sampleLibrary>;
let lib: Library;
beforeEach(async () => {
  lib = createTestLibrary({ clock: NOW });
  await seed(lib.db, sampleLibrary());
});
afterEach(async () => {
  await lib.close();
});

const backupOf = (file: File) => serializeBackup(toBackup(file, file.trash, T0, file.settings));
const importFile = (text: string, confirm?: string): Promise<ImportAnswer> =>
  lib.call('library.import', { kind: 'backup', text, ...(confirm ? { confirm } : {}) });
/** The counts of an answer, without its status and token: what the preview said, or what was done. */
const countsOf = ({ added, updated, skipped, refused, refusedRecords, trashed, kept }: ImportAnswer) => ({
  added,
  updated,
  skipped,
  refused,
  refusedRecords,
  trashed,
  kept,
});
const zero = { articles: 0, highlights: 0, tags: 0, trash: 0, clippings: 0 };

const sample = sampleLibrary();
const [h1, h2, h3] = sample.highlights as [Highlight, Highlight, Highlight];
const clipping = sample.clippings[0] as Clipping;

/**
 * A colleague's file: newer notes on two of the user's highlights, a deletion of a third (carrying the file's
 * own copy of it, with another note), a new title for an article, a newer saved copy, and one new highlight.
 */
function colleaguesFile(): File {
  const file = sampleLibrary();
  file.highlights = [
    { ...h1, note: 'ghi chú của đồng nghiệp', tags: [], updatedAt: h1.updatedAt + 1_000 },
    { ...h2, note: 'đồng nghiệp sửa', updatedAt: h2.updatedAt + 1_000 },
    ...file.highlights.slice(3),
    { ...h1, id: id(60), note: 'đoạn mới' },
  ];
  file.trash.push({
    id: h3.id,
    deletedAt: h3.updatedAt + 1_000,
    highlight: { ...h3, note: 'bản của tệp', tags: ['giả'] },
  });
  const article = file.articles[0] as File['articles'][number];
  file.articles[0] = { ...article, title: 'Tiêu đề của đồng nghiệp', updatedAt: article.updatedAt + 1_000 };
  file.clippings[0] = {
    ...clipping,
    savedAt: clipping.savedAt + 1_000,
    article: { ...clipping.article, title: 'Bản lưu của đồng nghiệp', text: 'Bài đã bị sửa.' },
  };
  return file;
}

describe('library.import: a preview first, when the file would replace or delete', () => {
  it('answers what it would do, counted by the merge itself, and writes nothing', async () => {
    const before = await dumpTables(lib.db);
    const answer = await importFile(backupOf(colleaguesFile()));
    expect(answer.status).toBe('confirm');
    if (answer.status !== 'confirm') return;
    expect(answer.token).toMatch(/^[0-9a-f]{64}$/);
    expect(answer.changed).toBe(false);
    expect(answer.updated).toEqual({ ...zero, highlights: 2, articles: 1, clippings: 1 });
    // The file's trash entry for a live highlight: not a deletion, a move of the user's highlight.
    expect(answer.trashed).toBe(1);
    expect(answer.added).toEqual({ ...zero, highlights: 1 });
    // Two highlights, the one trashed, the article's title and details, the saved copy: kept to put back.
    expect(answer.kept).toBe(5);
    expect(await dumpTables(lib.db)).toEqual(before);
    expect(await lib.db.replaced.count()).toBe(0);
  });

  it('with the preview’s token, applies exactly what the preview said', async () => {
    const text = backupOf(colleaguesFile());
    const preview = await importFile(text);
    if (preview.status !== 'confirm') throw new Error('expected a preview');
    const applied = await importFile(text, preview.token);
    expect(applied.status).toBe('applied');
    expect(countsOf(applied)).toEqual(countsOf(preview));
    expect((await lib.db.highlights.get(h1.id))?.note).toBe('ghi chú của đồng nghiệp');
    expect(await lib.db.highlights.get(id(60))).toBeDefined();
    expect((await lib.db.articles.get(BAONAMDINH))?.title).toBe('Tiêu đề của đồng nghiệp');
    expect((await lib.db.clippings.get(BAONAMDINH))?.article.text).toBe('Bài đã bị sửa.');
    expect(await lib.db.replaced.count()).toBe(5);
    // Importing the same file again changes nothing, and asks nothing.
    const again = await importFile(text);
    expect(again.status).toBe('applied');
    expect(again.updated).toEqual(zero);
    expect(again.added).toEqual(zero);
    expect(again.trashed).toBe(0);
  });

  it('a file that only adds is applied at once, without a token', async () => {
    const empty = createTestLibrary({ clock: NOW });
    try {
      const answer: ImportAnswer = await empty.call('library.import', {
        kind: 'backup',
        text: backupOf(sampleLibrary()),
      });
      expect(answer.status).toBe('applied');
      expect(answer).not.toHaveProperty('token');
      expect(answer.updated).toEqual(zero);
      expect(answer.trashed).toBe(0);
      expect(answer.kept).toBe(0);
      expect(answer.added.highlights).toBe(sample.highlights.length);
    } finally {
      await empty.close();
    }
  });

  it('a token that is not this plan’s applies nothing and answers the preview again', async () => {
    const text = backupOf(colleaguesFile());
    const before = await dumpTables(lib.db);
    const answer = await importFile(text, 'f'.repeat(64));
    expect(answer).toMatchObject({ status: 'confirm', changed: true, trashed: 1 });
    expect(await dumpTables(lib.db)).toEqual(before);
    // Another file with the first file's token: refused too, though it would write the same keys.
    const preview = await importFile(text);
    if (preview.status !== 'confirm') throw new Error('expected a preview');
    const other = colleaguesFile();
    other.highlights[0] = { ...(other.highlights[0] as Highlight), note: 'một tệp khác' };
    const swapped = await importFile(backupOf(other), preview.token);
    expect(swapped).toMatchObject({ status: 'confirm', changed: true });
    expect(await dumpTables(lib.db)).toEqual(before);
  });

  it('when the library changed since the preview, the apply asks again with what it would do now', async () => {
    const text = backupOf(colleaguesFile());
    const preview = await importFile(text);
    if (preview.status !== 'confirm') throw new Error('expected a preview');
    // The user edits one of the highlights the file would replace: the file's version is now the older one.
    await lib.call('highlight.update', { id: h2.id, changes: { note: 'tôi vừa sửa' } }, popupSender);
    const again = await importFile(text, preview.token);
    expect(again).toMatchObject({ status: 'confirm', changed: true });
    expect(again.updated.highlights).toBe(1);
    expect((await lib.db.highlights.get(h1.id))?.note).toBe(h1.note);
    expect((await lib.db.highlights.get(h2.id))?.note).toBe('tôi vừa sửa');
    if (again.status !== 'confirm') return;
    const applied = await importFile(text, again.token);
    expect(applied.status).toBe('applied');
    expect((await lib.db.highlights.get(h2.id))?.note).toBe('tôi vừa sửa');
    expect((await lib.db.highlights.get(h1.id))?.note).toBe('ghi chú của đồng nghiệp');
  });

  it('the same counts are not enough: a change to what would be replaced asks again', async () => {
    const text = backupOf(colleaguesFile());
    const preview = await importFile(text);
    if (preview.status !== 'confirm') throw new Error('expected a preview');
    // Another connection (another tab of the library, an older copy of the worker) changes the note of a
    // highlight the file replaces, keeping its time: the plan counts the same, but would replace other words.
    await lib.db.highlights.update(h1.id, { note: 'sửa ở nơi khác' });
    const again = await importFile(text, preview.token);
    expect(again).toMatchObject({ status: 'confirm', changed: true });
    expect(countsOf(again)).toEqual(countsOf(preview));
    expect((await lib.db.highlights.get(h1.id))?.note).toBe('sửa ở nơi khác');
  });

  it('a file in chunks: previewed, then sent again with the token, applies what was previewed', async () => {
    const text = backupOf(colleaguesFile());
    const toBackground = (m: unknown) => lib.route(m, popupSender);
    const preview = await importText(backgroundClient({ sendMessage: toBackground }), text, {
      kind: 'backup',
      chunkChars: 2048,
    });
    expect(splitText(text, 2048).length).toBeGreaterThan(3);
    if (preview.status !== 'confirm') throw new Error('expected a preview');
    expect(await lib.db.replaced.count()).toBe(0);
    const applied = await importText(backgroundClient({ sendMessage: toBackground }), text, {
      kind: 'backup',
      chunkChars: 2048,
      confirm: preview.token,
    });
    expect(applied.status).toBe('applied');
    expect(countsOf(applied)).toEqual(countsOf(preview));
    expect(await lib.db.highlights.get(h3.id)).toBeUndefined();
  });
});

describe('a file’s trash entry for a live highlight', () => {
  /** The attack of the finding: a trash entry with the id of the user's highlight, and the file's copy in it. */
  const attack = () => {
    const file = sampleLibrary();
    file.highlights = [];
    file.trash = [
      {
        id: h1.id,
        deletedAt: h1.updatedAt + 1,
        highlight: { ...h1, note: 'bản của kẻ gửi tệp', tags: [] },
      },
    ];
    return backupOf(file);
  };

  it('deletes nothing without confirmation: the preview says it would move 1 of yours to the trash', async () => {
    const answer = await importFile(attack());
    expect(answer).toMatchObject({ status: 'confirm', trashed: 1, updated: zero, added: zero });
    expect(await lib.db.highlights.get(h1.id)).toEqual(h1);
    expect(await lib.db.trash.get(h1.id)).toBeUndefined();
  });

  it('confirmed, moves the user’s own version to the trash — note and tags come back with Restore', async () => {
    const text = attack();
    const preview = await importFile(text);
    if (preview.status !== 'confirm') throw new Error('expected a preview');
    const applied = await importFile(text, preview.token);
    expect(applied).toMatchObject({ status: 'applied', trashed: 1 });
    expect(await lib.db.highlights.get(h1.id)).toBeUndefined();
    // The trash holds what the user had, not the file's copy.
    expect((await lib.db.trash.get(h1.id))?.highlight).toEqual(h1);
    const restored = await lib.call('highlight.restore', { id: h1.id });
    expect(restored.note).toBe(h1.note);
    expect(restored.tags).toEqual(h1.tags);
    expect(await lib.db.highlights.get(h1.id)).toEqual(h1);
  });
});

describe('what a file replaced is kept, and can be put back', () => {
  async function importConfirmed(text: string) {
    const preview = await importFile(text);
    if (preview.status !== 'confirm') throw new Error('expected a preview');
    return importFile(text, preview.token);
  }

  it('lists the user’s versions, newest first, with what happened to each', async () => {
    await importConfirmed(backupOf(colleaguesFile()));
    const { total, items } = await lib.call('replaced.list', {});
    expect(total).toBe(5);
    const byKey = new Map(items.map((item) => [`${item.kind}:${item.key}`, item]));
    expect(byKey.get(`highlight:${h1.id}`)).toMatchObject({
      cause: 'import',
      change: 'replaced',
      url: BAONAMDINH,
      text: h1.quote.exact,
      note: h1.note,
      tags: h1.tags,
    });
    expect(byKey.get(`highlight:${h3.id}`)).toMatchObject({ change: 'trashed', note: h3.note });
    expect(byKey.get(`article:${BAONAMDINH}`)).toMatchObject({
      change: 'replaced',
      text: sample.articles[0]?.title,
    });
    expect(byKey.get(`clipping:${BAONAMDINH}`)).toMatchObject({
      change: 'replaced',
      text: clipping.article.title,
    });
  });

  it('putting a highlight back makes the user’s version current, and keeps the file’s in turn', async () => {
    await importConfirmed(backupOf(colleaguesFile()));
    const { items } = await lib.call('replaced.list', {});
    const mine = items.find((item) => item.key === h1.id) as (typeof items)[number];
    await lib.call('replaced.restore', { seq: mine.seq });
    expect(await lib.db.highlights.get(h1.id)).toEqual(h1);
    const after = await lib.call('replaced.list', {});
    expect(after.total).toBe(5);
    expect(after.items[0]).toMatchObject({
      key: h1.id,
      cause: 'put-back',
      change: 'replaced',
      note: 'ghi chú của đồng nghiệp',
    });
    // And back again: nothing is lost either way.
    await lib.call('replaced.restore', { seq: after.items[0]?.seq });
    expect((await lib.db.highlights.get(h1.id))?.note).toBe('ghi chú của đồng nghiệp');
  });

  it('putting back a highlight the file trashed restores it from the trash', async () => {
    await importConfirmed(backupOf(colleaguesFile()));
    const { items } = await lib.call('replaced.list', {});
    const trashed = items.find((item) => item.key === h3.id) as (typeof items)[number];
    await lib.call('replaced.restore', { seq: trashed.seq });
    expect(await lib.db.highlights.get(h3.id)).toEqual(h3);
    expect(await lib.db.trash.get(h3.id)).toBeUndefined();
    // Its trash copy was the user's own version: nothing new to keep.
    expect((await lib.call('replaced.list', {})).total).toBe(4);
  });

  it('the article’s title and details and the saved copy come back too', async () => {
    await importConfirmed(backupOf(colleaguesFile()));
    const { items } = await lib.call('replaced.list', {});
    for (const item of items.filter((i) => i.kind !== 'highlight')) {
      await lib.call('replaced.restore', { seq: item.seq });
    }
    expect(await lib.db.articles.get(BAONAMDINH)).toEqual(sample.articles[0]);
    expect(await lib.db.clippings.get(BAONAMDINH)).toEqual(clipping);
  });

  it('a version no longer kept is not-found', async () => {
    await expect(lib.call('replaced.restore', { seq: 999 })).rejects.toThrow(/^not-found: /);
  });
});

describe('digests', () => {
  it('Sha256 is SHA-256, whole or in pieces, for any text', () => {
    const texts = ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'Hợp tác xã 😀 𠀧'.repeat(41)];
    for (const text of texts) {
      const expected = createHash('sha256').update(text).digest('hex');
      expect(new Sha256().update(text).hex()).toBe(expected);
      const pieces = new Sha256();
      for (const piece of text.match(/.{1,7}/gsu) ?? []) pieces.update(piece);
      expect(pieces.hex()).toBe(expected);
    }
  });

  it('textDigest tells two texts apart, and gives one text the same digest every time', async () => {
    const text = `${'Hợp tác xã 😀 '.repeat(200_000)}x`;
    expect(await textDigest(text)).toBe(await textDigest(text));
    expect(await textDigest(text)).not.toBe(await textDigest(`${text}y`));
    expect(await textDigest(text)).toMatch(/^[0-9a-f]{64}$/);
  });
});
