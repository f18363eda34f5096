/** Tags across the library: one spelling per folded name; rename, merge and delete everywhere at once. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contentSender, createTestLibrary, fakeDraft } from '../support/factories';

let lib: ReturnType<typeof createTestLibrary>;
beforeEach(() => {
  lib = createTestLibrary();
});
afterEach(async () => {
  await lib.close();
});

const highlight = (tags: string[], start = 0) =>
  lib.call(
    'highlight.create',
    fakeDraft({ tags, position: { type: 'TextPositionSelector', start, end: start + 5 } }),
    contentSender(),
  );
const tagsOf = async () => (await lib.db.highlights.orderBy('createdAt').toArray()).map((h) => h.tags);

describe('one tag, one spelling', () => {
  it('stores a tag typed without accents or in another case under the spelling first used', async () => {
    await highlight(['Nông nghiệp']);
    const second = await highlight(['nong nghiep', 'NÔNG NGHIỆP'.normalize('NFD'), 'HTX']);
    // As stored (a content script's answer holds no tags: tests/unit/page-access.test.ts).
    expect((await lib.db.highlights.get(second.id))?.tags).toEqual(['Nông nghiệp', 'HTX']);
    expect(await lib.call('tag.list', {})).toEqual([
      { name: 'Nông nghiệp', color: null, count: 2 },
      { name: 'HTX', color: null, count: 1 },
    ]);
  });

  it('keeps the library spelling when a highlight is edited', async () => {
    await highlight(['Đảng']);
    const other = await highlight([]);
    const updated = await lib.call('highlight.update', { id: other.id, changes: { tags: ['dang', 'mới'] } });
    expect(updated.tags).toEqual(['Đảng', 'mới']);
  });
});

describe('rename, merge, delete', () => {
  it('renames a tag on every highlight in one go', async () => {
    await highlight(['lúa', 'HTX']);
    await highlight(['lua']);
    await highlight(['khác']);
    expect(await lib.call('tag.rename', { from: 'lúa', to: 'lúa gạo' })).toEqual({ affected: 2 });
    expect(await tagsOf()).toEqual([['lúa gạo', 'HTX'], ['lúa gạo'], ['khác']]);
    // Most used first, then by name.
    expect((await lib.call('tag.list', {})).map((t) => t.name)).toEqual(['lúa gạo', 'HTX', 'khác']);
  });

  it('renaming a tag to a new spelling of itself respells it everywhere', async () => {
    await highlight(['htx']);
    await lib.call('tag.rename', { from: 'htx', to: 'HTX' });
    expect(await tagsOf()).toEqual([['HTX']]);
  });

  it('renaming onto an existing tag merges, keeping that tag’s spelling and no duplicates', async () => {
    await highlight(['Nông nghiệp', 'agri']);
    await highlight(['agri']);
    expect(await lib.call('tag.rename', { from: 'agri', to: 'nong nghiep' })).toEqual({ affected: 2 });
    expect(await tagsOf()).toEqual([['Nông nghiệp'], ['Nông nghiệp']]);
    expect(await lib.call('tag.list', {})).toEqual([{ name: 'Nông nghiệp', color: null, count: 2 }]);
  });

  it('merges several tags into one', async () => {
    await highlight(['a', 'b']);
    await highlight(['c']);
    await highlight(['d']);
    expect(await lib.call('tag.merge', { from: ['a', 'b', 'c'], into: 'abc' })).toEqual({ affected: 2 });
    expect(await tagsOf()).toEqual([['abc'], ['abc'], ['d']]);
  });

  it('deletes a tag from every highlight but keeps the highlights', async () => {
    await highlight(['x', 'y']);
    await highlight(['x']);
    expect(await lib.call('tag.delete', { name: 'X' })).toEqual({ affected: 2 });
    expect(await tagsOf()).toEqual([['y'], []]);
    expect(await lib.db.highlights.count()).toBe(2);
  });

  it('keeps a tag colour through a rename', async () => {
    await highlight(['x']);
    await lib.call('tag.setColor', { name: 'x', color: 'pink' });
    await lib.call('tag.rename', { from: 'x', to: 'z' });
    expect(await lib.call('tag.list', {})).toEqual([{ name: 'z', color: 'pink', count: 1 }]);
  });

  it('reports a missing tag and changes nothing', async () => {
    await highlight(['x']);
    await expect(lib.call('tag.rename', { from: 'nope', to: 'z' })).rejects.toThrow(/not-found/);
    expect(await tagsOf()).toEqual([['x']]);
  });

  it('is for Clipmark pages only, never a web page', async () => {
    await highlight(['x']);
    await expect(lib.call('tag.delete', { name: 'x' }, contentSender())).rejects.toThrow(/forbidden/);
    await expect(lib.call('tag.list', {}, contentSender())).rejects.toThrow(/forbidden/);
  });
});

describe('bulk operations (library page)', () => {
  it('adds tags to many highlights in one go, in the library spelling', async () => {
    await highlight(['Nông nghiệp']);
    const a = await highlight([], 10);
    const b = await highlight(['x'], 20);
    expect(await lib.call('highlight.bulkTag', { ids: [a.id, b.id], tags: ['nong nghiep', 'mới'] })).toEqual({
      affected: 2,
    });
    expect(await tagsOf()).toEqual([['Nông nghiệp'], ['Nông nghiệp', 'mới'], ['x', 'Nông nghiệp', 'mới']]);
  });

  it('deletes many and restores them all', async () => {
    const a = await highlight(['x']);
    const b = await highlight(['y'], 10);
    const before = await lib.db.highlights.toArray();
    expect(await lib.call('highlight.bulkDelete', { ids: [a.id, b.id] })).toEqual({ affected: 2 });
    expect(await lib.db.highlights.count()).toBe(0);
    expect(await lib.call('highlight.bulkRestore', { ids: [a.id, b.id] })).toEqual({ affected: 2 });
    expect(await lib.db.highlights.toArray()).toEqual(before);
  });

  it('is for Clipmark pages only', async () => {
    const a = await highlight(['x']);
    await expect(lib.call('highlight.bulkDelete', { ids: [a.id] }, contentSender())).rejects.toThrow(
      /forbidden/,
    );
  });
});
