/**
 * The JSON backup: export → wipe → import gives back the same library; imports merge, are idempotent and
 * all-or-nothing; broken and hostile files are refused with an error naming the record and field.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ClipmarkDB } from '@/entrypoints/background/database';
import { importBackup } from '@/entrypoints/background/export/import-file';
import { exportBackup } from '@/entrypoints/background/export/select';
import {
  BACKUP_FORMAT,
  BACKUP_TABLES,
  DERIVED_TABLES,
  serializeBackup,
  toBackup,
} from '@/utils/export/backup';
import { importKindOf } from '@/utils/export/formats';
import { checkSize, ImportError, MAX_IMPORT_BYTES } from '@/utils/export/import-errors';
import type { Selection } from '@/utils/export/types';
import type { Clipping, SettingRow, TrashEntry } from '@/utils/schema';
import { tagKey } from '@/utils/tag-names';
import { contentSender, createTestLibrary, fakeDraft } from '../support/factories';
import {
  BAONAMDINH,
  dumpTables,
  GUARDIAN,
  generateLibrary,
  id,
  NO_META,
  SAMPLE_CLIPPING_TEXT,
  sampleClippings,
  sampleLibrary,
  seed,
  T0,
  VNEXPRESS,
} from '../support/library-fixtures';

let lib: ReturnType<typeof createTestLibrary>;
const others: ClipmarkDB[] = [];
beforeEach(() => {
  lib = createTestLibrary();
});
afterEach(async () => {
  await lib.close();
  await Promise.all(others.splice(0).map((db) => db.delete()));
});

function freshDb(): ClipmarkDB {
  const db = new ClipmarkDB(`import-${Math.random()}`);
  others.push(db);
  return db;
}

type Records = Selection & { trash: TrashEntry[]; settings?: SettingRow[] };
const backupOf = (records: Records = sampleLibrary(), exportedAt = T0) =>
  serializeBackup(toBackup(records, records.trash, exportedAt, records.settings));
const counts = (articles: number, highlights: number, tags: number, trash: number, clippings: number) => ({
  articles,
  highlights,
  tags,
  trash,
  clippings,
});

/** A library built both ways: sample records written directly, and records made by the real handlers. */
async function realisticLibrary() {
  await seed(lib.db, sampleLibrary());
  const made = await lib.call(
    'highlight.create',
    fakeDraft({ tags: ['Đảng', 'xây dựng'], note: 'Ghi chú "có ngoặc"\nvà dòng mới' }),
    contentSender(),
  );
  await lib.call('tag.setColor', { name: 'xây dựng', color: 'purple' });
  const gone = await lib.call(
    'highlight.create',
    fakeDraft({ position: { type: 'TextPositionSelector', start: 300, end: 310 } }),
    contentSender(),
  );
  await lib.call('highlight.delete', { id: gone.id }, contentSender());
  return made;
}

describe('export → wipe → import', () => {
  it('sends our backup to the backup importer and anything else to the W3C one', async () => {
    await realisticLibrary();
    expect(importKindOf(await exportBackup(lib.db, () => T0))).toBe('backup');
    const [file] = await lib.call('library.export', { scope: { kind: 'all' }, format: 'web-annotation' });
    const content = file && 'content' in file ? file.content : '';
    expect(content).toContain('"AnnotationCollection"');
    expect(importKindOf(content)).toBe('web-annotation');
    expect(importKindOf('{"format": "something-else"}')).toBe('web-annotation');
  });

  it('gives back exactly the same library, every table', async () => {
    await realisticLibrary();
    const before = await dumpTables(lib.db);
    expect(before.trash).toHaveLength(2);
    // Not vacuous: the saved article (Vietnamese text, HTML) and the setting the user changed are there.
    expect(before.clippings).toEqual(sampleClippings());
    expect(before.settings).toEqual([{ key: 'autoClip', value: false }]);
    const text = await exportBackup(lib.db, () => T0);

    const empty = freshDb();
    const result = await importBackup(empty, text);
    expect(await dumpTables(empty)).toEqual(before);
    expect((await empty.clippings.get(BAONAMDINH))?.article.text).toBe(SAMPLE_CLIPPING_TEXT);
    expect(result.added).toEqual({
      articles: before.articles?.length,
      highlights: before.highlights?.length,
      tags: before.tags?.length,
      trash: 2,
      clippings: 1,
    });

    // Same database, cleared.
    await Promise.all(lib.db.tables.map((t) => t.clear()));
    await importBackup(lib.db, text);
    expect(await dumpTables(lib.db)).toEqual(before);
  });

  it('holds every table of the database, or the table is declared derived', () => {
    const names = lib.db.tables.map((t) => t.name);
    expect(names.filter((n) => !DERIVED_TABLES.includes(n)).sort()).toEqual([...BACKUP_TABLES].sort());
  });

  it('writes a versioned file with every table, clippings and settings included', async () => {
    await seed(lib.db, sampleLibrary());
    const file = JSON.parse(await exportBackup(lib.db, () => T0));
    expect(file).toMatchObject({ format: BACKUP_FORMAT, version: 1, exportedAt: '2026-11-06T03:00:00.000Z' });
    expect(Object.keys(file)).toEqual([
      'format',
      'version',
      'exportedAt',
      'articles',
      'highlights',
      'tags',
      'trash',
      'clippings',
      'settings',
    ]);
    expect(file.clippings).toEqual(sampleClippings());
    expect(file.settings).toEqual([{ key: 'autoClip', value: false }]);
    expect(file.articles[0].meta.siteName).toBe('Báo Nam Định');
    expect(file.tags.find((t: { name: string }) => t.name === 'đọc sau').color).toBe('blue');
  });

  it('is deterministic: the same library gives the same bytes', async () => {
    const records = sampleLibrary();
    const shuffled = {
      ...records,
      highlights: [...records.highlights].reverse(),
      tags: [...records.tags].reverse(),
    };
    expect(backupOf(shuffled)).toBe(backupOf(records));
  });
});

describe('merging into a library', () => {
  it('re-importing the same file adds nothing', async () => {
    const text = backupOf();
    await importBackup(lib.db, text);
    const once = await dumpTables(lib.db);
    const again = await importBackup(lib.db, text);
    expect(again.added).toEqual(counts(0, 0, 0, 0, 0));
    expect(again.updated).toEqual(counts(0, 0, 0, 0, 0));
    expect(again.skipped).toEqual(counts(4, 7, 8, 1, 1));
    expect(await dumpTables(lib.db)).toEqual(once);
  });

  it('keeps whichever copy of a highlight was changed last', async () => {
    const records = sampleLibrary();
    await seed(lib.db, records);
    const h1 = records.highlights[0];
    const h2 = records.highlights[1];
    if (!h1 || !h2) throw new Error('sample');
    const file = sampleLibrary();
    file.highlights[0] = { ...h1, note: 'sửa sau, trong tệp', updatedAt: h1.updatedAt + 1 };
    file.highlights[1] = { ...h2, note: 'cũ hơn', updatedAt: h2.updatedAt - 1 };
    const result = await importBackup(lib.db, backupOf(file));
    expect((await lib.db.highlights.get(h1.id))?.note).toBe('sửa sau, trong tệp');
    expect((await lib.db.highlights.get(h2.id))?.note).toBe(h2.note);
    expect(result.updated.highlights).toBe(1);
    expect(result.skipped.highlights).toBe(6);
  });

  it('a deletion newer than the library’s copy moves the highlight to the trash, and the reverse', async () => {
    const records = sampleLibrary();
    await seed(lib.db, records);
    const h1 = records.highlights[0];
    if (!h1) throw new Error('sample');
    const file = sampleLibrary();
    file.highlights = file.highlights.slice(1);
    file.trash = [{ id: h1.id, deletedAt: h1.updatedAt + 10, highlight: h1 }];
    await importBackup(lib.db, backupOf(file));
    expect(await lib.db.highlights.get(h1.id)).toBeUndefined();
    expect((await lib.db.trash.get(h1.id))?.highlight).toEqual(h1);

    // The sample's trashed highlight, edited after its deletion elsewhere, comes back.
    const trashed = sampleLibrary().trash[0]?.highlight;
    if (!trashed) throw new Error('sample');
    const revived = { ...trashed, note: 'khôi phục', updatedAt: T0 + 200_000 };
    await importBackup(lib.db, backupOf({ ...sampleLibrary(), highlights: [revived], trash: [] }));
    expect((await lib.db.highlights.get(trashed.id))?.note).toBe('khôi phục');
    expect(await lib.db.trash.get(trashed.id)).toBeUndefined();
  });

  it('reconciles tags by folded name: the library’s spelling stays, a missing colour is taken', async () => {
    await lib.call('highlight.create', fakeDraft({ tags: ['Nông Nghiệp'] }), contentSender());
    const result = await importBackup(lib.db, backupOf());
    const tag = await lib.db.tags.get(tagKey('nông nghiệp'));
    expect(tag).toMatchObject({ name: 'Nông Nghiệp', color: 'green' });
    expect((await lib.db.highlights.get(id(1)))?.tags).toEqual(['Nông Nghiệp', 'HTX']);
    expect(result.updated.tags).toBe(1);
    expect(result.added.tags).toBe(7);
    // One tag, one spelling, across the library.
    const names = (await lib.db.highlights.toArray()).flatMap((h) => h.tags);
    expect(names.filter((n) => tagKey(n) === tagKey('nong nghiep'))).toEqual(Array(3).fill('Nông Nghiệp'));
  });

  it('creates tag records for tags only highlights carry, and articles for highlights without one', async () => {
    const file = sampleLibrary();
    file.tags = [];
    file.clippings = [];
    file.articles = file.articles.filter((a) => a.url !== BAONAMDINH);
    const result = await importBackup(lib.db, backupOf(file));
    expect(await lib.db.tags.get(tagKey('trích dẫn'))).toMatchObject({ name: 'trích dẫn', color: null });
    expect(await lib.db.articles.get(BAONAMDINH)).toMatchObject({
      site: 'baonamdinh.vn',
      title: '',
      meta: {},
    });
    expect(result.added.tags).toBe(7);
    expect(result.added.articles).toBe(4);
  });

  it('reports progress up to the total on a large file', async () => {
    const big = generateLibrary(3000, 150);
    const calls: [number, number][] = [];
    await importBackup(lib.db, backupOf(big), { onProgress: (done, total) => calls.push([done, total]) });
    const total = 2 * (3000 + 150 + big.tags.length);
    expect(calls.length).toBeGreaterThan(10);
    expect(calls.every(([, t]) => t === total)).toBe(true);
    // Strictly increasing: never backwards, never the same figure twice.
    expect(calls.every(([d], i) => i === 0 || d > (calls[i - 1]?.[0] ?? 0))).toBe(true);
    expect(calls.at(-1)).toEqual([total, total]);
    expect(await lib.db.highlights.count()).toBe(3000);
  });
});

describe('clippings and settings', () => {
  const sample = () => sampleClippings()[0] as Clipping;
  const withText = (c: Clipping, savedAt: number, text: string): Clipping => ({
    ...c,
    savedAt,
    article: { ...c.article, text },
  });

  it('a clipping saved later replaces the library’s; one saved earlier or at the same time is skipped', async () => {
    await seed(lib.db, sampleLibrary());
    const mine = sample();
    const newer = withText(mine, mine.savedAt + 1, 'Bản lưu mới hơn: giá lúa tăng 5%.');
    const result = await importBackup(lib.db, backupOf({ ...sampleLibrary(), clippings: [newer] }));
    expect(result.updated.clippings).toBe(1);
    expect(result.added.clippings).toBe(0);
    expect(await lib.db.clippings.get(BAONAMDINH)).toEqual(newer);

    for (const stale of [
      withText(mine, mine.savedAt - 1, 'Bản cũ hơn.'),
      withText(mine, newer.savedAt, 'Cùng lúc, khác chữ.'),
    ]) {
      const again = await importBackup(lib.db, backupOf({ ...sampleLibrary(), clippings: [stale] }));
      expect([again.added.clippings, again.updated.clippings, again.skipped.clippings]).toEqual([0, 0, 1]);
      expect(await lib.db.clippings.get(BAONAMDINH)).toEqual(newer);
    }
  });

  it('a clipping new to the library is added; within one file the newest copy of a page wins', async () => {
    const mine = sample();
    const guardian: Clipping = {
      url: GUARDIAN,
      savedAt: T0 + 130_000,
      article: { ...mine.article, url: GUARDIAN, title: 'Vietnam’s rice exports hit a record', lang: 'en' },
    };
    const file = {
      ...sampleLibrary(),
      clippings: [
        withText(mine, mine.savedAt + 9, 'mới'),
        mine,
        guardian,
        withText(mine, mine.savedAt + 8, 'giữa'),
      ],
    };
    const result = await importBackup(lib.db, backupOf(file));
    expect(result.added.clippings).toBe(2);
    expect((await lib.db.clippings.get(BAONAMDINH))?.article.text).toBe('mới');
    expect(await lib.db.clippings.get(GUARDIAN)).toEqual(guardian);
  });

  it('a clipping whose article is nowhere gets a stand-in from its own metadata', async () => {
    const mine = sample();
    const file = sampleLibrary();
    file.articles = file.articles.filter((a) => a.url !== BAONAMDINH);
    // A canonical address that is not http(s) is not kept, as when the clipping was saved.
    file.clippings = [{ ...mine, article: { ...mine.article, canonicalUrl: 'javascript:alert(1)' } }];
    const result = await importBackup(lib.db, backupOf(file));
    const firstHighlight = Math.min(
      ...file.highlights.filter((h) => h.url === BAONAMDINH).map((h) => h.createdAt),
    );
    expect(await lib.db.articles.get(BAONAMDINH)).toEqual({
      url: BAONAMDINH,
      site: 'baonamdinh.vn',
      title: mine.article.title,
      meta: {
        canonicalUrl: null,
        byline: 'Xuân Thu',
        siteName: 'Báo Nam Định',
        lang: 'vi',
        publishedAt: '2026-11-05T00:30:00+07:00',
        modifiedAt: null,
        lead: mine.article.lead,
        excerpt: null,
        mainImage: mine.article.mainImage,
        wordCount: mine.article.wordCount,
      },
      createdAt: firstHighlight,
      updatedAt: mine.savedAt,
    });
    expect(result.added.articles).toBe(4);

    // A page with no highlight anywhere: created when saved.
    const lone: Clipping = { ...mine, url: 'https://tuoitre.vn/bai-chi-luu-2026.htm', savedAt: T0 + 77 };
    await importBackup(lib.db, backupOf({ ...sampleLibrary(), clippings: [lone] }));
    expect(await lib.db.articles.get(lone.url)).toMatchObject({
      site: 'tuoitre.vn',
      title: mine.article.title,
      createdAt: T0 + 77,
      updatedAt: T0 + 77,
    });
  });

  it('an article the library has is not touched by a clipping of it', async () => {
    await seed(lib.db, { ...sampleLibrary(), clippings: [] });
    const before = await lib.db.articles.toArray();
    const result = await importBackup(lib.db, backupOf({ ...sampleLibrary(), articles: [] }));
    expect(result.added.clippings).toBe(1);
    expect(result.added.articles).toBe(0);
    expect(await lib.db.articles.toArray()).toEqual(before);
  });

  it('settings from the file apply only where the library has not set them', async () => {
    // Nothing set here: the file's choice is taken.
    await importBackup(lib.db, backupOf());
    expect(await lib.db.settings.toArray()).toEqual([{ key: 'autoClip', value: false }]);
    expect(await lib.call('settings.get', {})).toEqual({ autoClip: false, citationStyle: 'apa' });

    // Set here, even to the default: the library's choice stays.
    const other = freshDb();
    await other.settings.put({ key: 'autoClip', value: true });
    await importBackup(other, backupOf());
    expect(await other.settings.toArray()).toEqual([{ key: 'autoClip', value: true }]);
  });

  it('a setting this version does not know is left out; a file with no settings field imports', async () => {
    const file = JSON.parse(backupOf());
    file.settings.push(
      { key: 'readerFont', value: 'serif' },
      { key: '__proto__', value: { polluted: true } },
    );
    await importBackup(lib.db, JSON.stringify(file));
    expect(await lib.db.settings.toArray()).toEqual([{ key: 'autoClip', value: false }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();

    // A file written before settings were backed up.
    delete file.settings;
    const older = freshDb();
    const result = await importBackup(older, JSON.stringify(file));
    expect(await older.settings.count()).toBe(0);
    expect(result.added.highlights).toBe(7);
  });

  it('a partial backup carries its articles’ clippings and no settings', async () => {
    const records = sampleLibrary();
    const partial = toBackup(
      { ...records, highlights: records.highlights.slice(0, 1), clippings: records.clippings },
      [],
      T0,
    );
    expect(partial.clippings.map((c) => c.url)).toEqual([BAONAMDINH]);
    expect(partial.settings).toEqual([]);
    await importBackup(lib.db, serializeBackup(partial));
    expect(await lib.db.clippings.get(BAONAMDINH)).toEqual(records.clippings[0]);
    expect(await lib.db.settings.count()).toBe(0);
  });
});

describe('a bad file is refused and nothing is written', () => {
  beforeEach(() => seed(lib.db, generateLibrary(20, 3)));

  /** Imports `text` into the library and returns the error, checking every table is unchanged. */
  async function refused(text: string): Promise<ImportError> {
    const before = await dumpTables(lib.db);
    const error = await importBackup(lib.db, text).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ImportError);
    expect(await dumpTables(lib.db)).toEqual(before);
    return error as ImportError;
  }
  const edit = (change: (file: Record<string, unknown> & ReturnType<typeof toBackup>) => void) => {
    const file = JSON.parse(backupOf()) as Record<string, unknown> & ReturnType<typeof toBackup>;
    change(file);
    return JSON.stringify(file);
  };

  it('names the record and the field', async () => {
    const big = generateLibrary(20, 2);
    const file = JSON.parse(backupOf(big));
    file.highlights[12].quote.exact = '';
    const error = await refused(JSON.stringify(file));
    expect(error.code).toBe('invalid');
    expect(error.message).toContain(
      'highlights[12].quote.exact: Too small: expected string to have >=1 characters',
    );
    expect(error.message).toContain('Nothing was imported');
  });

  it('missing fields and wrong types, all listed', async () => {
    const error = await refused(
      edit((f) => {
        delete (f.highlights[1] as Partial<(typeof f.highlights)[1]>).quote;
        (f.highlights[2] as unknown as Record<string, unknown>).createdAt = 'hôm qua';
        (f.articles[0] as unknown as Record<string, unknown>).url = 'javascript:alert(1)';
        (f.tags[0] as unknown as Record<string, unknown>).color = 'đỏ';
      }),
    );
    expect(error.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^articles\[0\]\.url: /),
        expect.stringMatching(/^highlights\[1\]\.quote: .*expected object/),
        expect.stringMatching(/^highlights\[2\]\.createdAt: .*expected (int|number), received string/),
        expect.stringMatching(/^tags\[0\]\.color: /),
      ]),
    );
    expect(error.message).toMatch(/and 3 more problems/);
  });

  it('a table that is not a list, and a trash entry whose highlight has another id', async () => {
    expect((await refused(edit((f) => Object.assign(f, { highlights: {} })))).message).toMatch(
      /highlights: Invalid input: expected array/,
    );
    const error = await refused(
      edit((f) => {
        (f.trash[0] as { id: string }).id = id(99);
      }),
    );
    expect(error.message).toContain('trash[0].highlight.id: must be the same as trash[0].id');
  });

  it('not JSON, not a backup, a newer or unknown version', async () => {
    expect((await refused('{"format": "clipmark-backup", "version": 1, "articles": [')).code).toBe(
      'not-json',
    );
    expect((await refused('[1, 2, 3]')).code).toBe('wrong-format');
    const wa = '{"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationCollection"}';
    expect((await refused(wa)).message).toMatch(/not a Clipmark backup/);
    const newer = await refused(edit((f) => Object.assign(f, { version: 2 })));
    expect(newer.code).toBe('unsupported-version');
    expect(newer.message).toMatch(/newer Clipmark/);
    expect((await refused(edit((f) => Object.assign(f, { version: '1' })))).code).toBe('unsupported-version');
  });

  it('a 50 MB file with one bad record at its end: the record is named and nothing is written', async () => {
    const text = edit((f) => {
      const c = f.clippings[0] as Clipping;
      const body = `<p>${'Hợp tác xã đưa lò sấy lúa mới vào hoạt động. '.repeat(40_000)}</p>`; // ~2 MB
      f.clippings = Array.from({ length: 25 }, (_, i) => ({
        ...c,
        url: `https://baonamdinh.vn/bai-${i}-25612${i}`,
        article: { ...c.article, html: body },
      }));
      (f.clippings[24] as Clipping).url = 'javascript:alert(1)';
    });
    expect(new TextEncoder().encode(text).length).toBeGreaterThan(50 * 1024 * 1024);
    const error = await refused(text);
    expect(error.code).toBe('invalid');
    expect(error.problems).toEqual([expect.stringMatching(/^clippings\[24\]\.url: /)]);
  }, 60_000);

  it('a file over 500 MB is refused before it is parsed', async () => {
    // 'x'.repeat builds a rope: no 500 MB is allocated, and the check reads only the length.
    const pad = 'x'.repeat(501 * 1024 * 1024);
    const parse = vi.spyOn(JSON, 'parse');
    const error = await refused(`{"format":"clipmark-backup","version":1,"pad":"${pad}"}`);
    expect(error.code).toBe('too-large');
    expect(error.message).toMatch(/too large.*500 MB.*501 MB/);
    expect(parse).not.toHaveBeenCalled();
  });

  it('counts bytes, not characters: Vietnamese letters are 3 bytes of UTF-8 each', () => {
    expect(MAX_IMPORT_BYTES).toBe(500 * 1024 * 1024);
    const mb = 1024 * 1024;
    expect(() => checkSize('ệ'.repeat(mb), 2 * mb)).toThrow(/too large.*over 2 MB; it has 2 MB/);
    expect(() => checkSize('ệ'.repeat(mb), 3 * mb)).not.toThrow();
    expect(() => checkSize('e'.repeat(2 * mb), 2 * mb)).not.toThrow();
    // A surrogate pair is one 4-byte character.
    expect(() => checkSize('😀'.repeat(mb / 2), 2 * mb)).not.toThrow();
    expect(() => checkSize('😀'.repeat(mb / 2 + 1), 2 * mb)).toThrow(ImportError);
  });

  it('hostile clippings: a non-http address, wrong types, a missing text — each named', async () => {
    const error = await refused(
      edit((f) => {
        const c = f.clippings[0] as Clipping;
        f.clippings = [
          { ...c, url: 'javascript:alert(1)' },
          { ...c, url: VNEXPRESS, savedAt: 'hôm qua' },
          { ...c, url: GUARDIAN, article: { ...c.article, text: undefined } },
          { ...c, url: NO_META, article: { ...c.article, html: 42, wordCount: -1 } },
          { ...c, url: 'file:///etc/passwd' },
          c, // valid, and still not written
        ] as unknown as Clipping[];
      }),
    );
    expect(error.code).toBe('invalid');
    expect(error.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^clippings\[0\]\.url: /),
        expect.stringMatching(/^clippings\[1\]\.savedAt: .*expected (int|number), received string/),
        expect.stringMatching(/^clippings\[2\]\.article\.text: .*expected string, received undefined/),
        expect.stringMatching(/^clippings\[3\]\.article\.html: .*expected string, received number/),
        expect.stringMatching(/^clippings\[3\]\.article\.wordCount: /),
        expect.stringMatching(/^clippings\[4\]\.url: /),
      ]),
    );
    expect(error.problems.some((p) => p.startsWith('clippings[5]'))).toBe(false);
    expect(error.message).toMatch(
      /^This backup has an invalid record: clippings\[0\]\.url: .*Nothing was imported\.$/,
    );
    expect(await lib.db.clippings.count()).toBe(0);
  });

  it('clippings that is not a list; settings of the wrong type, without a value, or set twice', async () => {
    expect((await refused(edit((f) => Object.assign(f, { clippings: 'none' })))).message).toMatch(
      /clippings: Invalid input: expected array/,
    );
    const error = await refused(
      edit((f) => {
        f.settings = [
          { key: 'autoClip', value: 'có' },
          { key: 'autoClip' },
          { key: 'autoClip', value: true },
          { value: true },
        ] as unknown as SettingRow[];
      }),
    );
    expect(error.problems).toEqual([
      expect.stringMatching(/^settings\[0\]\.value: .*expected boolean, received string/),
      'settings[1].value: Invalid input: expected a value, received undefined',
      'settings[2].key: "autoClip" is already set by settings[0]',
      expect.stringMatching(/^settings\[3\]\.key: /),
    ]);
  });

  it('markup in notes is stored as the text it is', async () => {
    const file = sampleLibrary();
    await importBackup(lib.db, backupOf(file));
    expect((await lib.db.highlights.get(id(3)))?.note).toBe(file.highlights[2]?.note);
  });

  it('a failure at the last write (settings) rolls back the clippings and all the rest', async () => {
    const before = await dumpTables(lib.db);
    vi.spyOn(lib.db.settings, 'bulkPut').mockImplementation(() => {
      throw new Error('disk full');
    });
    await expect(importBackup(lib.db, backupOf())).rejects.toThrow('disk full');
    expect(await dumpTables(lib.db)).toEqual(before);
    expect(await lib.db.clippings.count()).toBe(0);
  });

  it('a failure while writing rolls back everything already written', async () => {
    const before = await dumpTables(lib.db);
    vi.spyOn(lib.db.trash, 'bulkPut').mockImplementation(() => {
      throw new Error('disk full');
    });
    await expect(importBackup(lib.db, backupOf())).rejects.toThrow('disk full');
    expect(await dumpTables(lib.db)).toEqual(before);
  });
});
