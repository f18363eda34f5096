/**
 * A file cannot win a merge with a time from the future (issue 15, finding 5, the bounding part): a record
 * holding any time later than the import's clock plus one day is refused — not imported, named in the result
 * with its reason — and the rest of the file is imported as usual, idempotently.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importBackup, importWebAnnotations } from '@/entrypoints/background/export/import-file';
import { serializeBackup, toBackup } from '@/utils/export/backup';
import { MAX_AHEAD_MS } from '@/utils/export/import-records';
import { selectionToWebAnnotations } from '@/utils/export/web-annotation';
import type { Clipping, Highlight, TrashEntry } from '@/utils/schema';
import { tagKey } from '@/utils/tag-names';
import { createTestLibrary } from '../support/factories';
import { BAONAMDINH, dumpTables, GUARDIAN, id, sampleLibrary, seed, T0 } from '../support/library-fixtures';

/** The import's clock: a day after the sample library was made. */
const NOW = T0 + 86_400_000;
const now = () => NOW;
const LIMIT = NOW + MAX_AHEAD_MS;
/** Year 2090: what a hostile or broken file would claim. */
const FAR = Date.UTC(2090, 0, 1);

let lib: ReturnType<typeof createTestLibrary>;
beforeEach(async () => {
  lib = createTestLibrary();
  await seed(lib.db, sampleLibrary());
});
afterEach(async () => {
  await lib.close();
});

type File = ReturnType<typeof sampleLibrary>;
const backupOf = (file: File) => serializeBackup(toBackup(file, file.trash, T0, file.settings));
const zero = { articles: 0, highlights: 0, tags: 0, trash: 0, clippings: 0 };

describe('a backup with times from the future', () => {
  it('refuses each such record with its reason; the library’s copies stay; the rest is imported', async () => {
    const before = sampleLibrary();
    const h1 = before.highlights[0] as Highlight;
    const h2 = before.highlights[1] as Highlight;
    const file = sampleLibrary();
    // The finding's attacks: a far-future edit of a highlight, a title, a saved copy, and a deletion.
    file.highlights[0] = { ...h1, note: 'ghi đè từ tệp', updatedAt: FAR };
    file.articles[0] = {
      ...(file.articles[0] as File['articles'][number]),
      title: 'Tiêu đề giả',
      updatedAt: FAR,
    };
    const clipping = file.clippings[0] as Clipping;
    file.clippings[0] = { ...clipping, savedAt: FAR, article: { ...clipping.article, text: 'Bản giả' } };
    file.trash = [{ id: h2.id, deletedAt: FAR, highlight: h2 }];
    file.tags[0] = { ...(file.tags[0] as File['tags'][number]), color: 'pink', createdAt: FAR };
    // An honest edit in the same file, and a new highlight created in the future but edited now.
    const h3 = before.highlights[2] as Highlight;
    file.highlights[2] = { ...h3, note: 'sửa thật', updatedAt: h3.updatedAt + 1 };
    const born: Highlight = { ...h1, id: id(50), createdAt: FAR, updatedAt: NOW };
    file.highlights.push(born);

    const text = backupOf(file);
    const result = await importBackup(lib.db, text, { now });

    expect(result.refused).toEqual({ articles: 1, highlights: 2, tags: 1, trash: 1, clippings: 1 });
    // Paths as the file has the records (the backup sorts them).
    const written = JSON.parse(text) as Record<string, { id?: string; url?: string; key?: string }[]>;
    const at = (table: string, key: string) =>
      `${table}[${written[table]?.findIndex((r) => (r.id ?? r.url ?? r.key) === key)}]`;
    const paths = {
      h1: at('highlights', h1.id),
      born: at('highlights', born.id),
      trash: at('trash', h2.id),
      clipping: at('clippings', BAONAMDINH),
      article: at('articles', BAONAMDINH),
      tag: at('tags', tagKey('nông nghiệp')),
    };
    expect(result.refusedRecords.map((r) => r.path).sort()).toEqual(Object.values(paths).sort());
    const reason = (path: string) => result.refusedRecords.find((r) => r.path === path)?.reason;
    const iso = new Date(FAR).toISOString();
    const clock = new Date(NOW).toISOString();
    expect(reason(paths.h1)).toBe(
      `updatedAt is ${iso}, more than a day after this computer's clock (${clock}): a time in the future would win over every change made here, so this record was not imported`,
    );
    expect(reason(paths.born)).toMatch(/^createdAt is 2090-01-01T00:00:00.000Z, more than a day/);
    expect(reason(paths.trash)).toMatch(/^deletedAt is 2090/);
    expect(reason(paths.clipping)).toMatch(/^savedAt is 2090/);
    expect(reason(paths.article)).toMatch(/^updatedAt is 2090/);
    expect(reason(paths.tag)).toMatch(/^createdAt is 2090/);

    // Nothing of the user's was replaced or deleted.
    expect(await lib.db.highlights.get(h1.id)).toEqual(h1);
    expect(await lib.db.highlights.get(h2.id)).toEqual(h2);
    expect(await lib.db.trash.get(h2.id)).toBeUndefined();
    expect((await lib.db.articles.get(BAONAMDINH))?.title).toBe(before.articles[0]?.title);
    expect(await lib.db.clippings.get(BAONAMDINH)).toEqual(before.clippings[0]);
    expect(await lib.db.tags.get(tagKey('nông nghiệp'))).toEqual(before.tags[0]);
    expect(await lib.db.highlights.get(born.id)).toBeUndefined();
    // The honest edit went in.
    expect((await lib.db.highlights.get(h3.id))?.note).toBe('sửa thật');
    expect(result.updated.highlights).toBe(1);
  });

  it('importing the same file again refuses the same records and changes nothing', async () => {
    const file = sampleLibrary();
    file.highlights[0] = { ...(file.highlights[0] as Highlight), note: 'ghi đè', updatedAt: FAR };
    const text = backupOf(file);
    const first = await importBackup(lib.db, text, { now });
    const once = await dumpTables(lib.db);
    // A day later the clock has moved, and the far-future time is still refused.
    const again = await importBackup(lib.db, text, { now: () => NOW + MAX_AHEAD_MS });
    expect(again.refusedRecords).toHaveLength(1);
    expect(again.refused).toEqual(first.refused);
    expect(again.added).toEqual(zero);
    expect(again.updated).toEqual(zero);
    expect(await dumpTables(lib.db)).toEqual(once);
  });

  it('a time up to a day ahead (another computer’s clock) is accepted; one millisecond more is not', async () => {
    const h1 = sampleLibrary().highlights[0] as Highlight;
    const atLimit = { ...h1, note: 'đồng hồ nhanh', updatedAt: LIMIT };
    const ok = await importBackup(lib.db, backupOf({ ...sampleLibrary(), highlights: [atLimit] }), { now });
    expect(ok.refused).toEqual(zero);
    expect(ok.refusedRecords).toEqual([]);
    expect(ok.updated.highlights).toBe(1);

    const beyond = { ...h1, note: 'quá xa', updatedAt: LIMIT + 1 };
    const no = await importBackup(lib.db, backupOf({ ...sampleLibrary(), highlights: [beyond] }), { now });
    expect(no.refused.highlights).toBe(1);
    expect((await lib.db.highlights.get(h1.id))?.note).toBe('đồng hồ nhanh');
  });

  it('a trash entry whose highlight carries a future time is refused', async () => {
    const h2 = sampleLibrary().highlights[1] as Highlight;
    const entry: TrashEntry = { id: h2.id, deletedAt: NOW, highlight: { ...h2, updatedAt: FAR } };
    const result = await importBackup(lib.db, backupOf({ ...sampleLibrary(), trash: [entry] }), { now });
    expect(result.refusedRecords).toEqual([
      { path: 'trash[0]', reason: expect.stringMatching(/^highlight\.updatedAt is 2090/) },
    ]);
    expect(await lib.db.highlights.get(h2.id)).toEqual(h2);
  });

  it('lists the first 100 refused records and counts them all', async () => {
    const h1 = sampleLibrary().highlights[0] as Highlight;
    const many = Array.from({ length: 150 }, (_, i) => ({ ...h1, id: id(1000 + i), updatedAt: FAR }));
    const result = await importBackup(lib.db, backupOf({ ...sampleLibrary(), highlights: many }), { now });
    expect(result.refused.highlights).toBe(150);
    expect(result.refusedRecords).toHaveLength(100);
    expect(new Set(result.refusedRecords.map((r) => r.path)).size).toBe(100);
  });
});

describe('a W3C Web Annotation file with times from the future', () => {
  it('refuses the annotation and the embedded records, naming the file’s own fields', async () => {
    const file = sampleLibrary();
    file.highlights[0] = { ...(file.highlights[0] as Highlight), note: 'ghi đè', updatedAt: FAR };
    file.articles[2] = { ...(file.articles[2] as File['articles'][number]), title: 'Giả', updatedAt: FAR };
    const doc = JSON.parse(selectionToWebAnnotations(file));
    // An annotation from another tool, dated in the future by `created` alone.
    doc.first.items.push({
      id: 'https://hypothes.is/a/tuong-lai',
      type: 'Annotation',
      created: '2090-01-01T07:00:00+07:00',
      target: { source: GUARDIAN, selector: { type: 'TextQuoteSelector', exact: 'rice' } },
    });
    const result = await importWebAnnotations(lib.db, JSON.stringify(doc), { now });
    expect(result.refused).toEqual({ ...zero, articles: 1, highlights: 2 });
    const paths = Object.fromEntries(result.refusedRecords.map((r) => [r.path, r.reason]));
    // The sample's first highlight is first in the file's reading order.
    expect(paths['first.items[0]']).toMatch(/^modified is 2090-01-01T00:00:00.000Z, more than a day/);
    expect(paths['first.items[7]']).toMatch(/^created is 2090-01-01T00:00:00.000Z, more than a day/);
    expect(paths['clipmark:articles[2]']).toMatch(/^updatedAt is 2090/);
    expect(await lib.db.highlights.get(id(1))).toEqual(sampleLibrary().highlights[0]);
    expect((await lib.db.articles.get(GUARDIAN))?.title).toBe(sampleLibrary().articles[2]?.title);
    expect(await lib.db.highlights.count()).toBe(7);
  });
});
