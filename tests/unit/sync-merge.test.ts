/**
 * The sync merge rules (utils/sync/merge.ts) and the record ⇄ document mapping (utils/sync/local.ts), as pure
 * functions: every rule of issue 23's "Conflicts", each checked in every order of the versions.
 */
import { describe, expect, it } from 'vitest';
import type { Highlight } from '@/utils/schema';
import type {
  ArticleDoc,
  ClippingDoc,
  HighlightDoc,
  NoteVersion,
  SettingDoc,
  TagDoc,
  TagEntry,
} from '@/utils/sync/docs';
import {
  articleOf,
  freshHighlightDoc,
  localHighlightOf,
  tagOf,
  withLocalArticleEdits,
  withLocalHighlightEdits,
  withLocalTagEdits,
} from '@/utils/sync/local';
import {
  latest,
  mergeArticles,
  mergeClippings,
  mergeDocs,
  mergeHighlights,
  mergeNotes,
  mergeSettings,
  mergeTagRecords,
  mergeTags,
  tagPresent,
} from '@/utils/sync/merge';
import { fakeRecord } from '../support/factories';

const ID = '0a0a0a0a-0000-4000-8000-000000000001';

/** Every order of a list: a merge must not depend on which device's version came first. */
function orders<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [items.slice()];
  return items.flatMap((item, i) =>
    orders([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

/** The merge of `versions`, checked to be the same in every order. */
function mergedInEveryOrder<T, R>(versions: readonly T[], merge: (v: T[]) => R): R {
  const results = orders(versions).map(merge);
  for (const r of results) expect(r).toEqual(results[0]);
  return results[0] as R;
}

const highlight = (extra: Partial<Highlight> = {}): Highlight =>
  ({ ...fakeRecord(ID, 'lò sấy lúa'), createdAt: 100, updatedAt: 100, ...extra }) as Highlight;

const tag = (name: string, added: number | null, removed: number | null = null): TagEntry => ({
  name,
  added,
  removed,
});

describe('tags as a set', () => {
  it('a removal wins over an older addition', () => {
    const merged = mergedInEveryOrder([{ lua: tag('lúa', 10) }, { lua: tag('lúa', 10, 20) }], mergeTags);
    expect(tagPresent(merged.lua as TagEntry)).toBe(false);
  });

  it('an addition after the removal wins', () => {
    const merged = mergedInEveryOrder([{ lua: tag('lúa', 30) }, { lua: tag('lúa', 10, 20) }], mergeTags);
    expect(merged.lua).toEqual(tag('lúa', 30, 20));
    expect(tagPresent(merged.lua as TagEntry)).toBe(true);
  });

  it('a removal at the same time as the addition does not win (it is not older)', () => {
    expect(tagPresent(tag('lúa', 20, 20))).toBe(true);
  });

  it('tags added on different devices are all kept, each with the spelling of its latest addition', () => {
    const merged = mergedInEveryOrder(
      [
        { lua: tag('lúa', 10), htx: tag('htx', 5) },
        { gao: tag('gạo', 12), htx: tag('HTX', 15) },
      ],
      mergeTags,
    );
    expect(Object.keys(merged).sort()).toEqual(['gao', 'htx', 'lua']);
    expect(merged.htx?.name).toBe('HTX');
  });
});

describe('colour', () => {
  it('is the latest edit; at the same time the choice is the same whichever came first', () => {
    expect(
      latest([
        { value: 'green', at: 20 },
        { value: 'blue', at: 10 },
      ]).value,
    ).toBe('green');
    const tie = mergedInEveryOrder(
      [
        { value: 'green', at: 20 },
        { value: 'blue', at: 20 },
      ],
      latest,
    );
    expect(tie.value).toBe('green');
  });
});

const note = (text: string, at: number, from: number, alt: NoteVersion['alt'] = []): NoteVersion => ({
  text,
  at,
  from,
  alt,
});

describe('notes', () => {
  it('a note written over another supersedes it: no conflict', () => {
    const merged = mergedInEveryOrder([note('gốc', 10, 0), note('sửa', 20, 10)], mergeNotes);
    expect(merged).toEqual(note('sửa', 20, 10));
  });

  it('two notes written apart are both kept: the later is the note, the other waits in alt', () => {
    const merged = mergedInEveryOrder([note('của A', 20, 10), note('của B', 30, 10)], mergeNotes);
    expect(merged.text).toBe('của B');
    expect(merged.alt).toEqual([{ text: 'của A', at: 20 }]);
  });

  it('the same text written on both devices is no conflict', () => {
    const merged = mergedInEveryOrder([note('giống', 20, 10), note('giống', 25, 10)], mergeNotes);
    expect(merged).toMatchObject({ text: 'giống', at: 25, alt: [] });
  });

  it('three devices apart: one note and two alternatives, newest first', () => {
    const merged = mergedInEveryOrder([note('A', 20, 10), note('B', 30, 10), note('C', 25, 10)], mergeNotes);
    expect(merged.text).toBe('B');
    expect(merged.alt.map((a) => a.text)).toEqual(['C', 'A']);
  });

  it('a note written over the conflict (the user chose) resolves it everywhere', () => {
    const conflicted = note('của B', 30, 10, [{ text: 'của A', at: 20 }]);
    const chosen = note('của A, đã chọn', 40, 30);
    // The other device still holds the conflicted version, or even A's own old one.
    const merged = mergedInEveryOrder([conflicted, chosen, note('của A', 20, 10)], mergeNotes);
    expect(merged).toEqual(note('của A, đã chọn', 40, 30));
  });

  it('an alternative stays through further merges until someone writes over it', () => {
    const conflicted = note('của B', 30, 10, [{ text: 'của A', at: 20 }]);
    const merged = mergedInEveryOrder([conflicted, note('của B', 30, 10)], mergeNotes);
    expect(merged.alt).toEqual([{ text: 'của A', at: 20 }]);
  });
});

function doc(h: Highlight, state: HighlightDoc['state'] = { value: 'live', at: h.createdAt }): HighlightDoc {
  return { ...freshHighlightDoc(h.id, { state: 'live', highlight: h }, h.updatedAt), state };
}

describe('highlights: deletes and edits', () => {
  const base = doc(highlight());

  it('an edit made after a delete brings the highlight back, with the edit', () => {
    const deleted: HighlightDoc = { ...base, state: { value: 'trashed', at: 200 } };
    const edited = withLocalHighlightEdits(
      base,
      { state: 'live', highlight: highlight() },
      { state: 'live', highlight: highlight({ note: 'sửa sau', updatedAt: 300 }) },
      300,
      ID,
    );
    const merged = mergedInEveryOrder([deleted, edited], mergeHighlights);
    expect(merged.state.value).toBe('live');
    expect(localHighlightOf(merged)).toMatchObject({ state: 'live', highlight: { note: 'sửa sau' } });
  });

  it('a delete made after an edit stays, and the trash keeps the edit', () => {
    const deleted: HighlightDoc = { ...base, state: { value: 'trashed', at: 400 } };
    const edited = withLocalHighlightEdits(
      base,
      { state: 'live', highlight: highlight() },
      { state: 'live', highlight: highlight({ note: 'sửa trước', updatedAt: 300 }) },
      300,
      ID,
    );
    const merged = mergedInEveryOrder([deleted, edited], mergeHighlights);
    expect(localHighlightOf(merged)).toMatchObject({
      state: 'trashed',
      deletedAt: 400,
      highlight: { note: 'sửa trước' },
    });
  });

  it('gone (no longer in the library nor its trash) keeps no content, unless edited after', () => {
    const gone: HighlightDoc = { kind: 'highlight', id: ID, state: { value: 'gone', at: 400 }, body: null };
    expect(mergedInEveryOrder([gone, base], mergeHighlights)).toEqual(gone);
    const later = doc(highlight({ updatedAt: 500 }));
    expect(mergedInEveryOrder([gone, later], mergeHighlights).state).toEqual({ value: 'live', at: 500 });
  });

  it('merges every field by its rule at once, the same in every order', () => {
    const a = withLocalHighlightEdits(
      base,
      { state: 'live', highlight: highlight({ tags: ['nông nghiệp'] }) },
      { state: 'live', highlight: highlight({ tags: ['lúa'], note: 'A', updatedAt: 200 }) },
      200,
      ID,
    );
    const b = withLocalHighlightEdits(
      base,
      { state: 'live', highlight: highlight({ tags: ['nông nghiệp'] }) },
      {
        state: 'live',
        highlight: highlight({ tags: ['nông nghiệp'], color: 'blue', note: 'B', updatedAt: 300 }),
      },
      300,
      ID,
    );
    const merged = mergedInEveryOrder([a, b], mergeHighlights);
    const local = localHighlightOf(merged);
    expect(local).toMatchObject({ state: 'live', highlight: { tags: ['lúa'], color: 'blue', note: 'B' } });
    expect(merged.body?.note.alt).toEqual([{ text: 'A', at: 200 }]);
    expect(merged.body?.updatedAt).toBe(300);
  });
});

describe('articles, tag records, settings', () => {
  const article = (title: string, at: number, createdAt = at): ArticleDoc => ({
    kind: 'article',
    url: 'https://example.com/a',
    site: 'example.com',
    title: { value: title, at },
    meta: { value: { byline: title }, at },
    createdAt,
    updatedAt: at,
    state: { value: 'live', at: createdAt },
  });

  it('the same article saved on two devices is one record: first creation, latest title and facts', () => {
    const merged = mergedInEveryOrder([article('Tít A', 10), article('Tít B', 20)], mergeArticles);
    expect(articleOf(merged)).toEqual({
      url: 'https://example.com/a',
      site: 'example.com',
      title: 'Tít B',
      meta: { byline: 'Tít B' },
      createdAt: 10,
      updatedAt: 20,
    });
  });

  const tagDoc = (color: TagDoc['color'], state: TagDoc['state']): TagDoc => ({
    kind: 'tag',
    key: 'lua',
    name: { value: 'lúa', at: 1 },
    color,
    createdAt: 1,
    state,
  });

  it('a tag’s colour is the latest; a colour set after the tag was deleted elsewhere brings it back', () => {
    const merged = mergedInEveryOrder(
      [
        tagDoc({ value: 'green', at: 30 }, { value: 'live', at: 1 }),
        tagDoc({ value: null, at: 1 }, { value: 'gone', at: 20 }),
      ],
      mergeTagRecords,
    );
    expect(tagOf(merged)).toEqual({ key: 'lua', name: 'lúa', color: 'green', createdAt: 1 });
    const deletedLater = mergedInEveryOrder(
      [
        tagDoc({ value: 'green', at: 10 }, { value: 'live', at: 1 }),
        tagDoc({ value: null, at: 1 }, { value: 'gone', at: 20 }),
      ],
      mergeTagRecords,
    );
    expect(tagOf(deletedLater)).toBeNull();
  });

  it('a setting is the latest choice', () => {
    const s = (value: boolean, at: number): SettingDoc => ({
      kind: 'setting',
      key: 'autoClip',
      value: { value, at },
    });
    expect(mergedInEveryOrder([s(true, 0), s(false, 10)], mergeSettings).value.value).toBe(false);
  });

  const copy = (savedAt: number, digest: string | null, state: ClippingDoc['state']): ClippingDoc => ({
    kind: 'clipping',
    url: 'https://example.com/a',
    savedAt,
    digest,
    size: digest ? 10 : 0,
    state,
  });

  it('a saved copy is the latest saved; deleted after that save it stays deleted, saved again after it is back', () => {
    const a = copy(10, 'aaa', { value: 'live', at: 10 });
    const b = copy(20, 'bbb', { value: 'live', at: 20 });
    expect(mergedInEveryOrder([a, b], mergeClippings)).toEqual(b);
    const tie = mergedInEveryOrder([copy(20, 'aaa', { value: 'live', at: 20 }), b], mergeClippings);
    expect(tie.digest).toBe('bbb');
    const deleted = copy(20, null, { value: 'gone', at: 30 });
    expect(mergedInEveryOrder([b, deleted], mergeClippings).state.value).toBe('gone');
    const savedAgain = copy(40, 'ccc', { value: 'live', at: 40 });
    expect(mergedInEveryOrder([savedAgain, deleted], mergeClippings)).toEqual(savedAgain);
  });

  it('refuses to merge documents of different kinds', () => {
    const s: SettingDoc = { kind: 'setting', key: 'autoClip', value: { value: true, at: 1 } };
    expect(() => mergeDocs([s, article('x', 1)])).toThrow(/different kinds/);
  });
});

describe('records ⇄ documents', () => {
  it('gives back exactly the record a document was made from: live, trashed, gone, with and without raw position', () => {
    const h = highlight({
      tags: ['nông nghiệp', 'HTX', 'lúa'],
      note: 'ghi chú',
      rawPosition: { start: 5, end: 15 },
    });
    expect(localHighlightOf(freshHighlightDoc(ID, { state: 'live', highlight: h }, 1))).toEqual({
      state: 'live',
      highlight: h,
    });
    const plain = highlight();
    expect(
      localHighlightOf(freshHighlightDoc(ID, { state: 'trashed', highlight: plain, deletedAt: 900 }, 1)),
    ).toEqual({
      state: 'trashed',
      highlight: plain,
      deletedAt: 900,
    });
    expect(localHighlightOf(freshHighlightDoc(ID, { state: 'gone' }, 1))).toEqual({ state: 'gone' });
  });

  it('lays a local edit over the document as it stands: a change pulled meanwhile is kept, not reverted', () => {
    const start = highlight({ tags: ['lúa'] });
    // The document already has another device's colour change that this library has not applied yet.
    const current: HighlightDoc = { ...doc(start) };
    current.body = {
      ...(current.body as NonNullable<HighlightDoc['body']>),
      color: { value: 'purple', at: 150 },
    };
    const next = withLocalHighlightEdits(
      current,
      { state: 'live', highlight: start },
      { state: 'live', highlight: highlight({ tags: ['lúa', 'gạo'], updatedAt: 200 }) },
      200,
      ID,
    );
    expect(localHighlightOf(next)).toMatchObject({ highlight: { color: 'purple', tags: ['lúa', 'gạo'] } });
  });

  it('a note typed over the note the document holds resolves its alternatives; over an older one it is a conflict', () => {
    const start = highlight({ note: 'gốc' });
    const conflicted = doc(start);
    conflicted.body = {
      ...(conflicted.body as NonNullable<HighlightDoc['body']>),
      note: note('gốc', 100, 0, [{ text: 'khác', at: 90 }]),
    };
    const resolved = withLocalHighlightEdits(
      conflicted,
      { state: 'live', highlight: start },
      { state: 'live', highlight: highlight({ note: 'đã chọn', updatedAt: 200 }) },
      200,
      ID,
    );
    expect(resolved.body?.note).toEqual(note('đã chọn', 200, 100));
    const moved = doc(start);
    moved.body = {
      ...(moved.body as NonNullable<HighlightDoc['body']>),
      note: note('từ máy khác', 150, 100),
    };
    const concurrent = withLocalHighlightEdits(
      moved,
      { state: 'live', highlight: start },
      { state: 'live', highlight: highlight({ note: 'ở đây', updatedAt: 200 }) },
      200,
      ID,
    );
    expect(concurrent.body?.note).toMatchObject({ text: 'ở đây', alt: [{ text: 'từ máy khác', at: 150 }] });
  });

  it('a tag removed and added again since the last sync counts as added when it was added again', () => {
    const start = highlight({ tags: ['gạo'] });
    const next = withLocalHighlightEdits(
      doc(start),
      { state: 'live', highlight: start },
      { state: 'live', highlight: highlight({ tags: ['gạo'], updatedAt: 300 }) },
      300,
      ID,
      { gao: 250 },
    );
    expect(next.body?.tags.gao?.added).toBe(250);
  });

  it('an article’s own note syncs: stamped with when it was saved, the later one wins on merge', () => {
    const a = {
      url: 'https://example.com/a',
      site: 'example.com',
      title: 'T',
      meta: {},
      createdAt: 1,
      updatedAt: 1,
    };
    const noted = { ...a, note: 'Ghi chú', noteUpdatedAt: 7, updatedAt: 7 };
    const fresh = withLocalArticleEdits(null, null, noted, 8, a.url);
    expect(fresh.note).toEqual({ value: 'Ghi chú', at: 7 });
    expect(articleOf(fresh)).toEqual(noted);
    const edited = withLocalArticleEdits(
      fresh,
      noted,
      { ...noted, note: 'sửa', noteUpdatedAt: 12, updatedAt: 12 },
      12,
      a.url,
    );
    expect(edited.note).toEqual({ value: 'sửa', at: 12 });
    // Another device renamed the article later but wrote no note: both edits survive.
    const other = withLocalArticleEdits(null, null, { ...a, title: 'T3', updatedAt: 20 }, 20, a.url);
    const merged = mergedInEveryOrder([edited, other], mergeArticles);
    expect(articleOf(merged)).toMatchObject({ title: 'T3', note: 'sửa', noteUpdatedAt: 12 });
  });

  it('articles and tags: a local edit is stamped, a delete is gone, and each gives back its record', () => {
    const a = {
      url: 'https://example.com/a',
      site: 'example.com',
      title: 'T',
      meta: {},
      createdAt: 1,
      updatedAt: 1,
    };
    const fresh = withLocalArticleEdits(null, null, a, 5, a.url);
    expect(articleOf(fresh)).toEqual(a);
    const renamed = withLocalArticleEdits(fresh, a, { ...a, title: 'T2', updatedAt: 9 }, 9, a.url);
    expect(renamed.title).toEqual({ value: 'T2', at: 9 });
    expect(articleOf(withLocalArticleEdits(renamed, a, null, 10, a.url))).toBeNull();
    const t = { key: 'lua', name: 'lúa', color: null, createdAt: 1 };
    const tagFresh = withLocalTagEdits(null, null, t, 5, 'lua');
    expect(tagOf(tagFresh)).toEqual(t);
    expect(withLocalTagEdits(tagFresh, t, { ...t, color: 'green' }, 7, 'lua').color).toEqual({
      value: 'green',
      at: 7,
    });
    expect(tagOf(withLocalTagEdits(tagFresh, t, null, 8, 'lua'))).toBeNull();
  });
});
