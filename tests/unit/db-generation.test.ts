/**
 * The library's generation: every committed write to highlights or articles moves it on, whatever opened the
 * transaction; writes elsewhere and failed transactions leave it. The saved search index trusts it instead of
 * counting every highlight on a cold start, so a write it misses would show stale search results.
 */
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ClipmarkDB, libraryGeneration } from '@/entrypoints/background/database';
import { fakeRecord } from '../support/factories';

const NAME = 'generation-test';
let db: ClipmarkDB;
beforeEach(() => {
  db = new ClipmarkDB(NAME);
});
afterEach(async () => {
  db.close();
  await Dexie.delete(NAME);
});

const id = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
const article = (url: string) => ({
  url,
  title: 't',
  site: 'example.com',
  meta: {},
  createdAt: 1,
  updatedAt: 1,
});

/** Runs `write` and tells whether the generation moved. */
async function moves(write: () => Promise<unknown>): Promise<boolean> {
  const before = await libraryGeneration(db);
  await write();
  return (await libraryGeneration(db)) !== before;
}

describe('libraryGeneration', () => {
  it('moves on with every kind of write to highlights and articles', async () => {
    expect(await libraryGeneration(db)).toBe(0);
    expect(await moves(() => db.highlights.add(fakeRecord(id(1), 'a')))).toBe(true);
    expect(await moves(() => db.highlights.put(fakeRecord(id(1), 'b')))).toBe(true);
    expect(await moves(() => db.highlights.update(id(1), { note: 'ghi chú' }))).toBe(true);
    expect(await moves(() => db.highlights.bulkPut([fakeRecord(id(2)), fakeRecord(id(3))]))).toBe(true);
    expect(await moves(() => db.highlights.where('id').equals(id(2)).modify({ color: 'blue' }))).toBe(true);
    expect(await moves(() => db.highlights.delete(id(2)))).toBe(true);
    expect(await moves(() => db.highlights.where('id').equals(id(3)).delete())).toBe(true);
    expect(await moves(() => db.articles.put(article('https://example.com/a')))).toBe(true);
    expect(await moves(() => db.articles.update('https://example.com/a', { title: 'new' }))).toBe(true);
    expect(await moves(() => db.highlights.clear())).toBe(true);
  });

  it('moves on for writes inside a transaction opened without the meta table', async () => {
    const write = () =>
      db.transaction('rw', db.highlights, db.trash, async () => {
        await db.highlights.add(fakeRecord(id(4)));
        await db.trash.put({ id: id(9), deletedAt: 1, highlight: fakeRecord(id(9)) } as never);
      });
    expect(await moves(write)).toBe(true);
  });

  it('is seen by another connection, as a restarted service worker would', async () => {
    await db.highlights.add(fakeRecord(id(5)));
    const other = new ClipmarkDB(NAME);
    expect(await libraryGeneration(other)).toBe(await libraryGeneration(db));
    await other.highlights.delete(id(5));
    expect(await libraryGeneration(db)).toBeGreaterThan(1);
    other.close();
  });

  it("tells this connection the generation each of its own writes committed, not others' nor failed ones", async () => {
    const seen: number[] = [];
    const spans: Array<[number, number]> = [];
    const stop = db.onGenerationCommitted((g, from) => {
      seen.push(g);
      spans.push([from, g]);
    });
    await db.highlights.add(fakeRecord(id(7)));
    await db.transaction('rw', db.highlights, db.articles, async () => {
      await db.highlights.put(fakeRecord(id(7), 'b'));
      await db.articles.put(article('https://example.com/b'));
    });
    await db
      .transaction('rw', db.highlights, async () => {
        await db.highlights.add(fakeRecord(id(8)));
        throw new Error('abort');
      })
      .catch(() => {});
    const other = new ClipmarkDB(NAME);
    await other.highlights.delete(id(7));
    other.close();
    // One report per committed transaction, with the generation it left; the other connection's write is not
    // reported here, so the stored generation is ahead of the last one seen.
    expect(seen).toEqual([1, 3]);
    // With where each started: (0, 1] and (1, 3] are this connection's, (3, 4] is not.
    expect(spans).toEqual([
      [0, 1],
      [1, 3],
    ]);
    expect(await libraryGeneration(db)).toBe(4);
    stop();
  });

  it('stays for writes to other tables and for transactions that fail', async () => {
    expect(await moves(() => db.tags.put({ key: 'htx', name: 'HTX', color: null, createdAt: 1 }))).toBe(
      false,
    );
    expect(await moves(() => db.settings.put({ key: 'autoClip', value: false }))).toBe(false);
    const failing = () =>
      db
        .transaction('rw', db.highlights, async () => {
          await db.highlights.add(fakeRecord(id(6)));
          throw new Error('abort');
        })
        .catch(() => {});
    expect(await moves(failing)).toBe(false);
    expect(await db.highlights.get(id(6))).toBeUndefined();
  });
});
