/**
 * The sync outbox (entrypoints/background/sync/outbox.ts): every write to a synced table records, in the same
 * transaction, which record changed and what it was before the first write since the last sync — whoever
 * wrote it, however (put, update, modify, delete, clear) — and nothing for the sync's own writes.
 */
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ClipmarkDB } from '@/entrypoints/background/database';
import type { Highlight } from '@/utils/schema';
import { fakeExtraction, fakeRecord } from '../support/factories';

const NAME = 'outbox-test';
let db: ClipmarkDB;
beforeEach(async () => {
  db = new ClipmarkDB(NAME);
  await db.open();
  // As once a sync replica is set up (the engine's backfill switches it on); see the last tests for without.
  db.syncRecording = true;
});
afterEach(async () => {
  db.close();
  await Dexie.delete(NAME);
});

const id = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
const h = (i: number, extra: Partial<Highlight> = {}) =>
  ({ ...fakeRecord(id(i), 'lò sấy'), ...extra }) as Highlight;

describe('sync outbox', () => {
  it('keeps the record as it was before the first write, whatever writes follow', async () => {
    await db.highlights.add(h(1, { note: 'một' }));
    expect(await db.syncOutbox.get(`highlights:${id(1)}`)).toMatchObject({
      table: 'highlights',
      key: id(1),
      before: null,
    });
    await db.syncOutbox.clear(); // as after a run
    await db.highlights.update(id(1), { note: 'hai' });
    await db.highlights.where('id').equals(id(1)).modify({ note: 'ba' });
    const row = await db.syncOutbox.get(`highlights:${id(1)}`);
    expect((row?.before as Highlight | undefined)?.note).toBe('một');
    expect(await db.syncOutbox.count()).toBe(1);
  });

  it('keeps a saved copy as it was without its images (they are not synced)', async () => {
    const url = 'https://baonamdinh.vn/bai-viet';
    const image = { type: 'image/png' as const, data: 'iVBORw0KGgoAAAANSUhEUg==', bytes: 16 };
    const article = fakeExtraction(url, { html: '<p>Lúa</p><img src="https://img.example/a.png">' });
    await db.clippings.put({ url, savedAt: 1, article, images: { 'https://img.example/a.png': image } });
    await db.syncOutbox.clear(); // as after a run
    await db.clippings.put({ url, savedAt: 2, article });
    const before = (await db.syncOutbox.get(`clippings:${url}`))?.before as Record<string, unknown>;
    expect(before).toMatchObject({ url, savedAt: 1 });
    expect(before).not.toHaveProperty('images');
  });

  it('records deletes, moves to the trash, bulk writes and clear(), in the writing transaction', async () => {
    await db.highlights.bulkPut([h(1), h(2), h(3)]);
    await db.syncOutbox.clear();
    await db.transaction('rw', db.highlights, db.trash, async () => {
      const live = await db.highlights.get(id(1));
      await db.trash.put({ id: id(1), deletedAt: 5, highlight: live as Highlight });
      await db.highlights.delete(id(1));
    });
    expect((await db.syncOutbox.toArray()).map((r) => r.id).sort()).toEqual([
      `highlights:${id(1)}`,
      `trash:${id(1)}`,
    ]);
    await db.highlights.clear();
    expect((await db.syncOutbox.toArray()).map((r) => r.id).sort()).toEqual([
      `highlights:${id(1)}`,
      `highlights:${id(2)}`,
      `highlights:${id(3)}`,
      `trash:${id(1)}`,
    ]);
  });

  it('records nothing when the write fails, and nothing for the sync’s own transactions', async () => {
    await expect(
      db.transaction('rw', db.highlights, async () => {
        await db.highlights.add(h(4));
        throw new Error('nope');
      }),
    ).rejects.toThrow('nope');
    expect(await db.syncOutbox.count()).toBe(0);
    await db.transaction('rw', db.highlights, db.syncOutbox, async (tx) => {
      db.syncApplying.add(tx.idbtrans);
      await db.highlights.add(h(5));
    });
    expect(await db.highlights.get(id(5))).toBeDefined();
    expect(await db.syncOutbox.count()).toBe(0);
  });

  it('notes when a tag was added again after being removed since the last sync', async () => {
    await db.highlights.add(h(6, { tags: ['gạo'] }));
    await db.syncOutbox.clear();
    await db.highlights.update(id(6), { tags: [] });
    await db.highlights.update(id(6), { tags: ['Gạo', 'lúa'] });
    const row = await db.syncOutbox.get(`highlights:${id(6)}`);
    expect((row?.before as Highlight | undefined)?.tags).toEqual(['gạo']);
    expect(Object.keys(row?.tagAdds ?? {}).sort()).toEqual(['gao', 'lua']);
  });

  it('leaves tables that do not sync alone', async () => {
    await db.answers.put({ id: 'x', type: 't', sender: 's', at: 1, value: null });
    await db.meta.put({ key: 'generation', value: 9 });
    expect(await db.syncOutbox.count()).toBe(0);
  });

  it('records nothing while no sync replica is set up, and knows one is from the moment the database opens', async () => {
    db.syncRecording = false;
    await db.highlights.add(h(1));
    expect(await db.syncOutbox.count()).toBe(0);
    // A replica set up (its first run recorded everything): recording from the first query after opening.
    await db.syncState.put({ key: 'backfilled', value: true });
    db.close();
    db = new ClipmarkDB(NAME);
    await db.highlights.update(id(1), { note: 'sau khi mở' });
    expect(db.syncRecording).toBe(true);
    expect(await db.syncOutbox.count()).toBe(1);
  });

  it('drops rows left from before when the database opens without a replica', async () => {
    await db.highlights.add(h(1));
    expect(await db.syncOutbox.count()).toBe(1);
    db.close();
    db = new ClipmarkDB(NAME);
    expect(await db.syncOutbox.count()).toBe(0);
    expect(db.syncRecording).toBe(false);
    await db.highlights.update(id(1), { note: 'không ghi' });
    expect(await db.syncOutbox.count()).toBe(0);
  });
});
