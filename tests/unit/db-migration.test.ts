/**
 * A library written by an older Clipmark opens under the current code with every record intact.
 */
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { ClipmarkDB } from '@/entrypoints/background/database';
import { HighlightSchema } from '@/utils/schema';

const NAME = 'migration-test';

/** The v1 schema exactly as Clipmark 0.1.0 declared it. */
function openV1(): Dexie {
  const db = new Dexie(NAME);
  db.version(1).stores({
    articles: 'url, updatedAt',
    highlights: 'id, url, *tags, createdAt, updatedAt',
  });
  return db;
}

const URL_A = 'https://baonamdinh.vn/channel/5085/202611/lo-say-lua-2561234';
const URL_B = 'https://m.example.com/world/story-1';

function v1Highlight(i: number, url: string, tags: string[]) {
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    url,
    quote: { type: 'TextQuoteSelector', exact: `câu số ${i}`, prefix: 'trước ', suffix: ' sau' },
    position: { type: 'TextPositionSelector', start: i * 10, end: i * 10 + 8 },
    color: 'yellow',
    tags,
    note: i % 2 ? `ghi chú ${i}` : '',
    createdAt: 1_700_000_000_000 + i,
    updatedAt: 1_700_000_000_000 + i,
  };
}

afterEach(async () => {
  await Dexie.delete(NAME);
});

describe('v1 → current', () => {
  it('keeps every record and fills in what v2 added', async () => {
    const old = openV1();
    const highlights = Array.from({ length: 200 }, (_, i) =>
      v1Highlight(
        i + 1,
        i % 3 ? URL_A : URL_B,
        i % 4 === 0 ? ['Nông nghiệp', 'nong nghiep', 'HTX'] : ['htx'],
      ),
    );
    await old.table('articles').bulkAdd([
      { url: URL_A, title: 'Lò sấy lúa', createdAt: 1, updatedAt: 2 },
      { url: URL_B, title: 'A story', createdAt: 3, updatedAt: 4 },
    ]);
    await old.table('highlights').bulkAdd(highlights);
    old.close();

    const db = new ClipmarkDB(NAME);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(2);

    const after = await db.highlights.orderBy('createdAt').toArray();
    expect(after).toHaveLength(200);
    for (const [i, h] of after.entries()) {
      const before = highlights[i];
      // Everything but the tag spelling is untouched, and the record is valid under today's schema.
      expect({ ...h, tags: [] }).toEqual({ ...before, tags: [] });
      expect(HighlightSchema.safeParse(h).success).toBe(true);
    }
    // One spelling per tag: the first seen (in id order) wins for every highlight.
    expect(after[0]?.tags).toEqual(['Nông nghiệp', 'HTX']);
    expect(after[1]?.tags).toEqual(['HTX']);
    expect((await db.tags.toArray()).map((t) => t.name).sort()).toEqual(['HTX', 'Nông nghiệp']);

    expect(await db.articles.get(URL_A)).toMatchObject({
      title: 'Lò sấy lúa',
      site: 'baonamdinh.vn',
      meta: {},
    });
    expect(await db.articles.get(URL_B)).toMatchObject({ title: 'A story', site: 'example.com' });
    db.close();
  });
});

describe('v5 → v6 (the answer log)', () => {
  it('keeps the library as it was and adds an empty answers table', async () => {
    const old = new Dexie(NAME);
    old.version(5).stores({
      articles: 'url, site, updatedAt',
      highlights: 'id, url, *tags, color, createdAt, updatedAt',
      tags: 'key, name',
      trash: 'id, deletedAt',
      searchIndex: 'key',
      clippings: 'url, savedAt',
      settings: 'key',
      meta: 'key',
    });
    const highlight = { ...v1Highlight(1, URL_A, ['HTX']), color: 'yellow' };
    await old.table('highlights').add(highlight);
    await old.table('meta').put({ key: 'generation', value: 7 });
    old.close();

    const db = new ClipmarkDB(NAME);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(6);
    expect(await db.highlights.toArray()).toEqual([highlight]);
    expect(await db.meta.get('generation')).toEqual({ key: 'generation', value: 7 });
    expect(await db.answers.count()).toBe(0);
    db.close();
  });
});
