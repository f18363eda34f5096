/**
 * Search through the background: the index follows every write, is saved, and after a restart is read back
 * whole — or rebuilt when the library changed behind it.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ClipmarkDB } from '@/entrypoints/background/database';
import { createSearchService } from '@/entrypoints/background/search-service';
import { SearchIndex } from '@/utils/search';
import {
  ARTICLE_URL,
  contentSender,
  createTestLibrary,
  fakeDraft,
  fakeExtraction,
} from '../support/factories';

let lib: ReturnType<typeof createTestLibrary>;
beforeEach(() => {
  lib = createTestLibrary();
});
afterEach(async () => {
  await lib.close();
});

const quote = (exact: string) => ({ type: 'TextQuoteSelector' as const, exact, prefix: '', suffix: '' });
const add = (exact: string, extra = {}) =>
  lib.call('highlight.create', fakeDraft({ quote: quote(exact), ...extra }), contentSender());
const find = async (query: string) =>
  (await lib.call('library.search', { query })).hits.map((h) => h.highlight.quote.exact);

describe('library.search', () => {
  it('finds Vietnamese text typed without accents, and follows edits, tag renames and deletes', async () => {
    const a = await add('Công tác tổ chức xây dựng Đảng', { tags: ['chính trị'] });
    await add('Giá lúa tăng mạnh trong vụ mùa');
    expect(await find('to chuc')).toEqual(['Công tác tổ chức xây dựng Đảng']);
    expect(await find('dang')).toEqual(['Công tác tổ chức xây dựng Đảng']);

    await lib.call('highlight.update', { id: a.id, changes: { note: 'cần trích dẫn trong luận văn' } });
    expect(await find('luan van')).toEqual(['Công tác tổ chức xây dựng Đảng']);

    await lib.call('tag.rename', { from: 'chính trị', to: 'Xây dựng Đảng' });
    expect(await find('tag:"xay dung dang"')).toEqual(['Công tác tổ chức xây dựng Đảng']);
    expect(await find('tag:"chinh tri"')).toEqual([]);

    await lib.call('highlight.delete', { id: a.id });
    expect(await find('to chuc')).toEqual([]);
    await lib.call('highlight.restore', { id: a.id });
    expect(await find('to chuc')).toEqual(['Công tác tổ chức xây dựng Đảng']);
  });

  it('returns each hit with its page, its facts and count, and whether a copy of the page is saved', async () => {
    await add('Giá lúa tăng');
    await add('Giá phân bón');
    const url = 'https://baonamdinh.vn/channel/5085/202611/hop-tac-xa-dong-tien-2561234';
    const { total, hits } = await lib.call('library.search', { query: 'tang' });
    expect(total).toBe(1);
    expect(hits[0]?.article).toEqual({
      url,
      // The address the page was highlighted at (with its trailing slash), for opening.
      openUrl: `${url}/`,
      title: fakeDraft().pageTitle,
      site: 'baonamdinh.vn',
      clipped: false,
      byline: null,
      publishedAt: null,
      createdAt: expect.any(Number),
      // Every highlight of the article, not only the one the query found.
      count: 2,
    });
    const article = { title: 'Giá lúa', text: 'Giá lúa tăng', html: '<p>Giá lúa tăng</p>' };
    await lib.db.clippings.put({ url, savedAt: 1, article: { ...fakeExtraction(url), ...article } });
    const again = await lib.call('library.search', { query: 'lua' });
    expect(again.hits[0]?.article.clipped).toBe(true);
  });

  it('is for Clipmark pages only', async () => {
    await expect(lib.call('library.search', { query: 'x' }, contentSender())).rejects.toThrow(/forbidden/);
  });
});

describe('after the service worker restarts', () => {
  it('reads the saved index back whole instead of rebuilding', async () => {
    await add('Công tác tổ chức');
    await add('Giá lúa');
    await lib.search.index();
    await lib.search.flush();
    expect(await lib.db.searchIndex.count()).toBe(1);

    const restore = vi.spyOn(SearchIndex, 'restore');
    const build = vi.spyOn(SearchIndex, 'build');
    const restarted = createSearchService(new ClipmarkDB(lib.db.name));
    const index = await restarted.index();
    expect(restore).toHaveBeenCalledTimes(1);
    expect(build).not.toHaveBeenCalled();
    expect(index.search('to chuc').hits).toHaveLength(1);
  });

  it("stays true through a page's highlight made before any search (the worker woke up for the page)", async () => {
    await add('Công tác tổ chức');
    await lib.search.index();
    await lib.search.flush();
    const restore = vi.spyOn(SearchIndex, 'restore');
    const build = vi.spyOn(SearchIndex, 'build');

    // The worker was stopped; it starts again for a page's new highlight, and nothing searches.
    const woken = createTestLibrary({ name: lib.db.name });
    const id = '11111111-1111-4111-8111-111111111111';
    await woken.call('highlight.create', fakeDraft({ id, quote: quote('Giá lúa tăng') }), contentSender());
    await woken.search.flush();
    expect(restore).toHaveBeenCalledTimes(1); // read back and caught up on that write, not rebuilt
    expect(build).not.toHaveBeenCalled();
    woken.db.close();

    // The next start finds the saved index true: read back whole, the new highlight in it.
    const index = await createSearchService(new ClipmarkDB(lib.db.name)).index();
    expect(restore).toHaveBeenCalledTimes(2);
    expect(build).not.toHaveBeenCalled();
    expect(index.search('gia lua').hits.map((h) => h.id)).toEqual([id]);
    expect(index.search('to chuc').hits).toHaveLength(1);
  });

  it('rebuilds when the library changed after the index was saved', async () => {
    await add('Công tác tổ chức');
    await lib.search.index();
    await lib.search.flush();
    // A write the saved index never saw (e.g. the worker was stopped before saving).
    const other = new ClipmarkDB(lib.db.name);
    const h = (await other.highlights.toArray())[0];
    if (!h) throw new Error('no highlight');
    await other.highlights.put({
      ...h,
      id: '00000000-0000-4000-8000-0000000000ff',
      quote: quote('Mùa nước nổi'),
    });

    const build = vi.spyOn(SearchIndex, 'build');
    const index = await createSearchService(new ClipmarkDB(lib.db.name)).index();
    expect(build).toHaveBeenCalledTimes(1);
    expect(index.search('mua nuoc noi').hits).toHaveLength(1);
  });

  it('rebuilds when a highlight was deleted behind the saved index', async () => {
    const a = await add('Công tác tổ chức');
    await add('Giá lúa');
    await lib.search.index();
    await lib.search.flush();
    // A delete leaves the newest `updatedAt` as it was: only the generation tells.
    await new ClipmarkDB(lib.db.name).highlights.delete(a.id);

    const build = vi.spyOn(SearchIndex, 'build');
    const index = await createSearchService(new ClipmarkDB(lib.db.name)).index();
    expect(build).toHaveBeenCalledTimes(1);
    expect(index.search('to chuc').hits).toHaveLength(0);
    expect(index.search('gia lua').hits).toHaveLength(1);
  });

  it('rebuilds, and saves anew, when the saved index is missing, of an older form, or damaged', async () => {
    await add('Công tác tổ chức');
    await add('Giá lúa');
    await lib.search.index();
    await lib.search.flush();
    const saved = await lib.db.searchIndex.get('main');
    if (!saved) throw new Error('not saved');
    const cases = {
      missing: undefined,
      older: { ...saved, data: { version: 1, exactTerms: '' } },
      damaged: { ...saved, data: { ...saved.data, pool: saved.data.pool.slice(0, -1) } },
      'not an index': { ...saved, data: 'garbage' },
    };
    for (const [name, record] of Object.entries(cases)) {
      await lib.db.searchIndex.clear();
      if (record) await lib.db.searchIndex.put(record as never);
      const build = vi.spyOn(SearchIndex, 'build');
      const restarted = createSearchService(new ClipmarkDB(lib.db.name));
      const index = await restarted.index();
      expect(build, name).toHaveBeenCalledTimes(1);
      expect(index.search('to chuc').hits, name).toHaveLength(1);
      await restarted.flush();
      const again = await lib.db.searchIndex.get('main');
      expect(again?.data.version, name).toBe(2);
      build.mockRestore();
    }
    // The index saved by the rebuild is read back without another rebuild.
    const build = vi.spyOn(SearchIndex, 'build');
    const index = await createSearchService(new ClipmarkDB(lib.db.name)).index();
    expect(build).not.toHaveBeenCalled();
    expect(index.search('gia lua').hits).toHaveLength(1);
  });

  it('never trusts a saved index that misses a write, whatever the order of writes and saves', async () => {
    // Writes through the background and straight to the database (another connection, as after a restart),
    // with saves started in between and not awaited: then a restarted worker must find every highlight.
    const other = new ClipmarkDB(lib.db.name);
    const words = [
      'lúa',
      'ngô',
      'khoai',
      'sắn',
      'mía',
      'chè',
      'cà phê',
      'hồ tiêu',
      'điều',
      'cao su',
      'dừa',
      'bưởi',
    ];
    const saves: Promise<void>[] = [];
    for (const [i, word] of words.entries()) {
      if (i % 3 === 2) {
        const h = (await other.highlights.toArray())[0];
        if (!h) throw new Error('no highlight');
        await other.highlights.put({
          ...h,
          id: `00000000-0000-4000-8000-0000000001${String(i).padStart(2, '0')}`,
          quote: quote(`Giá ${word}`),
        });
      } else {
        await add(`Giá ${word}`);
      }
      if (i === 0) await lib.search.index();
      saves.push(lib.search.flush());
    }
    await Promise.all(saves);
    const restarted = createSearchService(new ClipmarkDB(lib.db.name));
    const index = await restarted.index();
    for (const word of words) {
      expect(index.search(`"gia ${word}"`).hits.length, word).toBeGreaterThan(0);
    }
    other.close();
  });

  it('starts loading when the popup asks for its page, not when a web page does', async () => {
    await add('Công tác tổ chức');
    const warm = vi.spyOn(lib.search, 'warm');
    await lib.call('highlight.listForPage', { url: ARTICLE_URL }, contentSender());
    expect(warm).not.toHaveBeenCalled();
    const list = await lib.call('highlight.listForPage', { url: ARTICLE_URL });
    expect(list).toHaveLength(1);
    expect(warm).toHaveBeenCalledTimes(1);
    expect((await lib.search.index()).search('to chuc').hits).toHaveLength(1);
  });
});
