/**
 * Issue 15, finding 9: a write that committed, then lost its answer (the worker stopped before answering), then
 * retried by the sender, gets the first answer — not "no such tag", "0 affected" or "import again". Every write
 * carries a request id (the sender makes one and reuses it on its retries); the background keeps the answers to
 * recent writes in the database, in the write's own transaction, so they survive a worker restart.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportResult } from '@/utils/export/import-records';
import { importText } from '@/utils/messaging/chunked-files';
import type { Result } from '@/utils/messaging/envelope';
import { splitText } from '@/utils/messaging/limits';
import type { MessageSenderLike } from '@/utils/messaging/router';
import { backgroundClient, sendMessage } from '@/utils/messaging/sender';
import { contentSender, createTestLibrary, fakeDraft, popupSender } from '../support/factories';
import { sampleLibrary, seed, T0 } from '../support/library-fixtures';

type Library = ReturnType<typeof createTestLibrary>;

let lib: Library;
beforeEach(() => {
  lib = createTestLibrary({ clock: T0 });
});
afterEach(async () => {
  await lib.close();
});

let ids = 0;
const requestId = () => `7e570000-0000-4000-8000-${String(++ids).padStart(12, '0')}`;
/** A write as the sender sends it: the envelope carries the request id, the same on every retry. */
const write = (type: string, payload: unknown, id = requestId()) => ({
  clipmark: 1,
  type,
  payload,
  requestId: id,
});

const highlight = (tags: string[], start = 0) =>
  lib.call(
    'highlight.create',
    fakeDraft({ tags, position: { type: 'TextPositionSelector', start, end: start + 5 } }),
    contentSender(),
  );

/**
 * The worker stops after the write committed, before its answer reached the sender: the library is started
 * again on the same database (a new connection, nothing kept in memory), as the browser does for the retry.
 */
async function restart(old: Library): Promise<Library> {
  await old.search.flush();
  old.db.close();
  return createTestLibrary({ name: old.db.name, clock: T0 + 60_000 });
}

/** Routes the same envelope twice: the first answer is lost, the second is what the sender sees. */
async function committedThenRetried(message: unknown, sender: MessageSenderLike = popupSender) {
  const first = await lib.route(message, sender);
  const retried = await lib.route(message, sender);
  return { first, retried };
}

describe('a retried write answers as the write did', () => {
  it('tag.rename: the retry reports the rename, not "no such tag"', async () => {
    await highlight(['htx']);
    await highlight(['htx', 'lúa'], 10);
    const { first, retried } = await committedThenRetried(
      write('tag.rename', { from: 'htx', to: 'Hợp tác xã' }),
    );
    expect(first).toEqual({ ok: true, value: { affected: 2 } });
    expect(retried).toEqual(first);
    expect((await lib.call('tag.list', {})).map((t) => t.name).sort()).toEqual(['Hợp tác xã', 'lúa']);
  });

  it('tag.rename onto another tag (a merge): the retry does not report the merged tag missing', async () => {
    await highlight(['htx']);
    await highlight(['Hợp tác xã'], 10);
    const { first, retried } = await committedThenRetried(
      write('tag.rename', { from: 'htx', to: 'hop tac xa' }),
    );
    expect(first).toEqual({ ok: true, value: { affected: 1 } });
    expect(retried).toEqual(first);
  });

  it('tag.delete: the retry reports the delete, not "no such tag"', async () => {
    await highlight(['htx', 'lúa']);
    const { first, retried } = await committedThenRetried(write('tag.delete', { name: 'htx' }));
    expect(first).toEqual({ ok: true, value: { affected: 1 } });
    expect(retried).toEqual(first);
    expect((await lib.db.highlights.toArray()).map((h) => h.tags)).toEqual([['lúa']]);
  });

  it('highlight.bulkDelete: the retry reports what was deleted, not 0', async () => {
    const a = await highlight([]);
    const b = await highlight([], 10);
    const { first, retried } = await committedThenRetried(
      write('highlight.bulkDelete', { ids: [a.id, b.id] }),
    );
    expect(first).toEqual({ ok: true, value: { affected: 2 } });
    expect(retried).toEqual(first);
    expect(await lib.db.highlights.count()).toBe(0);
    expect(await lib.db.trash.count()).toBe(2);
  });

  it('highlight.bulkRestore: the retry reports what was restored, not 0', async () => {
    const a = await highlight([]);
    const b = await highlight([], 10);
    await lib.call('highlight.bulkDelete', { ids: [a.id, b.id] });
    const { first, retried } = await committedThenRetried(
      write('highlight.bulkRestore', { ids: [a.id, b.id] }),
    );
    expect(first).toEqual({ ok: true, value: { affected: 2 } });
    expect(retried).toEqual(first);
    expect(await lib.db.highlights.count()).toBe(2);
    expect(await lib.db.trash.count()).toBe(0);
  });

  it('highlight.bulkTag and tag.merge: the retry reports the first count, and nothing is done twice', async () => {
    const a = await highlight(['a']);
    const b = await highlight(['b'], 10);
    const tagged = await committedThenRetried(write('highlight.bulkTag', { ids: [a.id, b.id], tags: ['x'] }));
    expect(tagged.first).toEqual({ ok: true, value: { affected: 2 } });
    expect(tagged.retried).toEqual(tagged.first);
    const merged = await committedThenRetried(write('tag.merge', { from: ['a', 'b'], into: 'c' }));
    expect(merged.first).toEqual({ ok: true, value: { affected: 2 } });
    expect(merged.retried).toEqual(merged.first);
  });

  it('a chunked library.import: the retry answers with the import, not "import the file again"', async () => {
    const text = await backupText();
    const uploadId = crypto.randomUUID();
    const chunks = splitText(text, 4096);
    expect(chunks.length).toBeGreaterThan(3);
    for (const [index, chunk] of chunks.entries()) {
      await lib.call('library.importChunk', { uploadId, index, count: chunks.length, chunk });
    }
    const { first, retried } = await committedThenRetried(
      write('library.import', { kind: 'backup', uploadId }),
    );
    expect(first.ok).toBe(true);
    expect((first as { value: ImportResult }).value.added.highlights).toBeGreaterThan(0);
    expect(retried).toEqual(first);
  });

  it('a whole-text library.import: the retry answers "added", not "skipped" (the import is not run twice)', async () => {
    const text = await backupText();
    const { first, retried } = await committedThenRetried(write('library.import', { kind: 'backup', text }));
    expect((first as { value: ImportResult }).value.added.highlights).toBeGreaterThan(0);
    expect(retried).toEqual(first);
  });

  it('writes that were already safe to repeat keep answering the same', async () => {
    const a = await highlight([]);
    const deleted = await committedThenRetried(write('highlight.delete', { id: a.id }));
    expect(deleted.retried).toEqual(deleted.first);
    const restored = await committedThenRetried(write('highlight.restore', { id: a.id }));
    expect(restored.first.ok).toBe(true);
    expect(restored.retried).toEqual(restored.first);
    const updated = await committedThenRetried(
      write('highlight.update', { id: a.id, changes: { note: 'ghi chú' } }),
    );
    expect(updated.retried).toEqual(updated.first);
    const set = await committedThenRetried(write('settings.set', { autoClip: false }));
    expect(set.retried).toEqual(set.first);
  });

  it('a create keeps its own id as its request id: retried, it returns the first write', async () => {
    const id = '11111111-1111-4111-8111-111111111111';
    const message = { clipmark: 1, type: 'highlight.create', payload: fakeDraft({ id }) };
    const { first, retried } = await committedThenRetried(message, contentSender());
    expect(first.ok).toBe(true);
    expect(retried).toEqual(first);
    expect(await lib.db.highlights.count()).toBe(1);
  });

  it('an error is not remembered (nothing was written): the retry runs again', async () => {
    const message = write('tag.rename', { from: 'none', to: 'x' });
    expect(await lib.route(message, popupSender)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    await highlight(['none']);
    expect(await lib.route(message, popupSender)).toEqual({ ok: true, value: { affected: 1 } });
  });

  it('a request id is the sender’s: another kind of request or another sender with it is refused', async () => {
    await highlight(['htx']);
    const id = requestId();
    expect((await lib.route(write('tag.rename', { from: 'htx', to: 'x' }, id), popupSender)).ok).toBe(true);
    expect(await lib.route(write('tag.delete', { name: 'x' }, id), popupSender)).toMatchObject({
      ok: false,
      error: { code: 'invalid' },
    });
    const a = await highlight([], 20);
    const fromPage = write('highlight.delete', { id: a.id }, id);
    expect(await lib.route(fromPage, contentSender())).toMatchObject({
      ok: false,
      error: { code: 'invalid' },
    });
    expect(await lib.db.highlights.get(a.id)).toBeDefined();
  });

  it('reads need no request id, and one given is ignored', async () => {
    await highlight(['htx']);
    const read = write('tag.list', {});
    const answer = await lib.route(read, popupSender);
    await highlight(['lúa'], 10);
    const again = await lib.route(read, popupSender);
    expect(answer.ok && again.ok).toBe(true);
    expect((again as { value: unknown[] }).value).toHaveLength(2);
    expect(await lib.db.answers.count()).toBe(0);
  });
});

describe('the answer is kept with the write', () => {
  it('a write whose answer cannot be kept is not done either (one transaction)', async () => {
    await highlight(['htx']);
    lib.db.answers.hook('creating', () => {
      throw new Error('disk full');
    });
    const result = await lib.route(write('tag.rename', { from: 'htx', to: 'Hợp tác xã' }), popupSender);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect((await lib.db.highlights.toArray()).map((h) => h.tags)).toEqual([['htx']]);
    expect((await lib.call('tag.list', {})).map((t) => t.name)).toEqual(['htx']);
  });

  it('a write rolled back with its answer never reaches the search index; later writes do', async () => {
    const a = await highlight(['htx']);
    await lib.call('library.search', { query: '' });
    const refuse = () => {
      throw new Error('disk full');
    };
    lib.db.answers.hook('creating', refuse);
    const failed = await lib.route(
      write('highlight.update', { id: a.id, changes: { note: 'ghi chú bị mất' } }),
      popupSender,
    );
    expect(failed).toMatchObject({ ok: false, error: { code: 'internal' } });
    await lib.search.flush();
    expect((await lib.call('library.search', { query: 'ghi chu' })).total).toBe(0);
    lib.db.answers.hook('creating').unsubscribe(refuse);
    await lib.call('highlight.update', { id: a.id, changes: { note: 'ghi chú còn đây' } });
    await lib.search.flush();
    expect((await lib.call('library.search', { query: 'con day' })).total).toBe(1);
  });

  it('so is a chunked import’s', async () => {
    const text = await backupText();
    lib.db.answers.hook('creating', () => {
      throw new Error('disk full');
    });
    const result = await importText(
      backgroundClient({ sendMessage: (m) => lib.route(m, popupSender) }),
      text,
      {
        kind: 'backup',
        chunkChars: 4096,
      },
    ).catch((error: Error) => error);
    expect(result).toBeInstanceOf(Error);
    expect(await lib.db.highlights.count()).toBe(0);
  });
});

describe('after the worker restarted between the write and its answer', () => {
  it('tag.rename, tag.delete, bulk delete and restore answer from the database', async () => {
    const a = await highlight(['htx', 'lúa']);
    const b = await highlight(['lúa'], 10);
    const messages = [
      write('tag.rename', { from: 'htx', to: 'Hợp tác xã' }),
      write('tag.delete', { name: 'lúa' }),
      write('highlight.bulkDelete', { ids: [a.id, b.id] }),
    ];
    const firsts: Result<unknown>[] = [];
    for (const message of messages) firsts.push(await lib.route(message, popupSender));
    expect(firsts).toEqual([
      { ok: true, value: { affected: 1 } },
      { ok: true, value: { affected: 2 } },
      { ok: true, value: { affected: 2 } },
    ]);

    lib = await restart(lib);
    for (const [i, message] of messages.entries()) {
      expect(await lib.route(message, popupSender)).toEqual(firsts[i]);
    }
    const restore = write('highlight.bulkRestore', { ids: [a.id, b.id] });
    const restored = await lib.route(restore, popupSender);
    expect(restored).toEqual({ ok: true, value: { affected: 2 } });
    lib = await restart(lib);
    expect(await lib.route(restore, popupSender)).toEqual(restored);
  });

  it('through the sender: the answer dropped, the worker restarted, the retry gets the first answer', async () => {
    await highlight(['htx']);
    await highlight(['htx'], 10);
    const sent: unknown[] = [];
    let dropped = false;
    const transport = async (message: unknown) => {
      sent.push(message);
      const answer = await lib.route(message, popupSender);
      if (!dropped) {
        dropped = true;
        lib = await restart(lib);
        throw new Error('Could not establish connection. Receiving end does not exist.');
      }
      return answer;
    };
    await expect(
      sendMessage(transport, 'tag.rename', { from: 'htx', to: 'Hợp tác xã' }, [1, 1]),
    ).resolves.toEqual({
      affected: 2,
    });
    expect(sent).toHaveLength(2);
    expect(sent[1]).toEqual(sent[0]);
    expect((sent[0] as { requestId?: string }).requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('a chunked import: the retry after a restart answers with the import (the upload is gone from memory)', async () => {
    const text = await backupText();
    let dropped = false;
    const transport = async (message: unknown) => {
      const answer = await lib.route(message, popupSender);
      if ((message as { type: string }).type === 'library.import' && !dropped) {
        dropped = true;
        lib = await restart(lib);
        // What Chromium says for a message whose worker stopped before it answered.
        throw new Error(
          'A listener indicated an asynchronous response by returning true, but the message channel closed before a response was received',
        );
      }
      return answer;
    };
    const result = await importText(backgroundClient({ sendMessage: transport }), text, {
      kind: 'backup',
      chunkChars: 4096,
    });
    expect(dropped).toBe(true);
    expect(result.added.highlights).toBeGreaterThan(0);
    expect(result.added.clippings).toBe(1);
  });
});

describe('the answer log stays small', () => {
  it('keeps the last answers only, and only for a few minutes', async () => {
    let time = 1_000_000;
    await lib.close();
    lib = createTestLibrary({ clock: T0, answers: { max: 3, ttlMs: 60_000, now: () => time } });
    await highlight(['a']);
    const messages = ['b', 'c', 'd', 'e'].map((to, i) =>
      write('tag.rename', { from: i === 0 ? 'a' : ['b', 'c', 'd'][i - 1], to }),
    );
    for (const message of messages) expect((await lib.route(message, popupSender)).ok).toBe(true);
    expect(await lib.db.answers.count()).toBe(3);
    // The oldest answer was dropped: its retry runs again (and finds no tag "a" now).
    expect(await lib.route(messages[0], popupSender)).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    // A recent one is still answered, until it is older than the limit.
    expect(await lib.route(messages[3], popupSender)).toEqual({ ok: true, value: { affected: 1 } });
    time += 60_001;
    expect(await lib.route(messages[3], popupSender)).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    await highlight(['f'], 10);
    expect((await lib.route(write('tag.delete', { name: 'f' }), popupSender)).ok).toBe(true);
    expect(await lib.db.answers.count()).toBe(1);
  });
});

/** A backup of the sample library, as text (clippings made long enough to need several chunks). */
async function backupText(): Promise<string> {
  const source = createTestLibrary({ clock: T0 });
  try {
    const sample = sampleLibrary();
    const clipping = sample.clippings[0];
    if (clipping)
      clipping.article.text = 'Hợp tác xã Đồng Tiến đưa lò sấy lúa mới vào hoạt động. '.repeat(300);
    await seed(source.db, sample);
    const [file] = await source.call('library.export', { scope: { kind: 'all' }, format: 'backup' });
    if (!file || !('content' in file)) throw new Error('expected the backup whole');
    return file.content;
  } finally {
    await source.close();
  }
}
