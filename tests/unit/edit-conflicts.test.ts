/**
 * Issue 15, finding 10: two open editors on one highlight. A save says which version of the highlight it
 * started from (its `updatedAt`); the background refuses a save whose version is no longer the stored one with
 * `conflict`, so the second editor cannot silently overwrite the first.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HighlightRecord } from '@/utils/messaging/background-map';
import { contentSender, createTestLibrary, envelope, fakeDraft, popupSender } from '../support/factories';

let lib: ReturnType<typeof createTestLibrary>;
let saved: HighlightRecord;
beforeEach(async () => {
  lib = createTestLibrary();
  const { id } = await lib.call('highlight.create', fakeDraft({ tags: ['htx'] }), contentSender());
  // What an editor opens with (an extension page: the whole record).
  saved = await lib.call('highlight.get', { id });
});
afterEach(async () => {
  await lib.close();
});

const update = (changes: object, version?: number) =>
  lib.route(envelope('highlight.update', { id: saved.id, changes, version }), popupSender);

describe('highlight.update with the version the editor started from', () => {
  it('accepts a save from the current version and moves the version on', async () => {
    const result = await update({ note: 'first editor' }, saved.updatedAt);
    expect(result).toMatchObject({ ok: true, value: { note: 'first editor' } });
    const next = (result as { value: HighlightRecord }).value;
    expect(next.updatedAt).toBeGreaterThan(saved.updatedAt);
    // The same editor saving again from what it got back is current too.
    expect(await update({ note: 'first editor, again' }, next.updatedAt)).toMatchObject({ ok: true });
  });

  it('refuses a stale save with `conflict`, and keeps the other editor’s note', async () => {
    // Both editors opened at `saved.updatedAt`; the first saves.
    expect(
      await update({ note: 'first editor', tags: ['htx'], color: 'yellow' }, saved.updatedAt),
    ).toMatchObject({ ok: true });
    const stale = await update({ note: 'second editor', tags: ['htx'], color: 'green' }, saved.updatedAt);
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(!stale.ok && stale.error.message).toMatch(/changed/i);
    expect(await lib.db.highlights.get(saved.id)).toMatchObject({ note: 'first editor', color: 'yellow' });
  });

  it('accepts the save again once it is made from the latest version (the user chose to replace it)', async () => {
    await update({ note: 'first editor' }, saved.updatedAt);
    const latest = await lib.call('highlight.get', { id: saved.id });
    expect(await update({ note: 'second editor' }, latest.updatedAt)).toMatchObject({
      ok: true,
      value: { note: 'second editor' },
    });
  });

  it('counts any change as a new version: a tag renamed or added from the library page', async () => {
    await lib.call('tag.rename', { from: 'htx', to: 'Hợp tác xã' });
    expect(await update({ note: 'x', tags: ['htx'] }, saved.updatedAt)).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    const latest = await lib.call('highlight.get', { id: saved.id });
    await lib.call('highlight.bulkTag', { ids: [saved.id], tags: ['lúa'] });
    expect(await update({ note: 'x' }, latest.updatedAt)).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect((await lib.db.highlights.get(saved.id))?.tags).toEqual(['Hợp tác xã', 'lúa']);
  });

  it('a stale save that changes nothing that differs is no conflict (nothing would be lost)', async () => {
    await update({ note: 'same words' }, saved.updatedAt);
    const result = await update({ note: 'same words', tags: ['htx'], color: 'yellow' }, saved.updatedAt);
    expect(result).toMatchObject({ ok: true, value: { note: 'same words' } });
  });

  it('the version moves on even when two saves fall in the same millisecond', async () => {
    // A library whose clock does not move: every write at the same time.
    const frozen = createTestLibrary({ tick: 0 });
    try {
      const { id } = await frozen.call('highlight.create', fakeDraft(), contentSender());
      const h = await frozen.call('highlight.get', { id });
      const first = await frozen.call('highlight.update', {
        id: h.id,
        changes: { note: 'a' },
        version: h.updatedAt,
      });
      expect(first.updatedAt).toBeGreaterThan(h.updatedAt);
      const stale = await frozen.route(
        envelope('highlight.update', { id: h.id, changes: { note: 'b' }, version: h.updatedAt }),
        popupSender,
      );
      expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } });
      const tagged = await frozen.call('highlight.bulkTag', { ids: [h.id], tags: ['x'] });
      expect(tagged.affected).toBe(1);
      expect((await frozen.db.highlights.get(h.id))?.updatedAt).toBeGreaterThan(first.updatedAt);
    } finally {
      await frozen.close();
    }
  });

  it('a save without a version (older pages) still replaces, as before', async () => {
    await update({ note: 'first editor' }, saved.updatedAt);
    expect(await update({ note: 'no version' })).toMatchObject({ ok: true, value: { note: 'no version' } });
  });

  it('a retried save whose answer was lost is not a conflict with itself', async () => {
    const message = {
      ...envelope('highlight.update', { id: saved.id, changes: { note: 'once' }, version: saved.updatedAt }),
      requestId: '7e570000-0000-4000-8000-00000000aaaa',
    };
    const first = await lib.route(message, popupSender);
    expect(first).toMatchObject({ ok: true });
    expect(await lib.route(message, popupSender)).toEqual(first);
  });

  it('refuses a version that is not a time', async () => {
    for (const version of [1.5, 8.64e15 + 1, '1'] as unknown as number[]) {
      expect(await update({ note: 'x' }, version)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    }
  });
});
