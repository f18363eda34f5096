/**
 * Importing a file in chunks (`library.importChunk` … then `library.import {uploadId}`): slices never cut a
 * character, the text is joined exactly, and a chunk out of order, missing, too large or cut inside a
 * character is refused with a clear error and nothing written. Partial uploads do not stay in memory.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUploads } from '@/entrypoints/background/export/uploads-and-parts';
import { importText } from '@/utils/messaging/chunked-files';
import { cutsCharacter, MAX_CHUNK_CHARS, sliceEnds, splitText } from '@/utils/messaging/limits';
import type { RouteError } from '@/utils/messaging/router';
import { backgroundClient, MessageError } from '@/utils/messaging/sender';
import { contentSender, createTestLibrary, envelope, popupSender } from '../support/factories';
import { dumpTables, generateLibrary, sampleLibrary, seed, T0 } from '../support/library-fixtures';

const VIETNAMESE =
  'Sáng 5/11, Hợp tác xã Đồng Tiến đưa lò sấy lúa mới vào hoạt động; ông Trần Văn Bình nói: "Bà con rất phấn khởi". ';
/** The same words with combining marks (NFD), and characters outside the BMP (surrogate pairs). */
const MIXED = `${VIETNAMESE}${VIETNAMESE.normalize('NFD')}𠀧𡨸 chữ Nôm 😀👍🏽 `;

describe('splitText', () => {
  it('joins back to exactly the text, at every slice size', () => {
    const text = MIXED.repeat(7);
    for (let max = 2; max <= 64; max++) {
      const slices = splitText(text, max);
      expect(slices.join('')).toBe(text);
      for (const slice of slices) {
        expect(slice.length).toBeLessThanOrEqual(max);
        expect(slice.length).toBeGreaterThan(0);
        expect(cutsCharacter(slice), JSON.stringify(slice)).toBe(false);
      }
    }
  });

  it('never cuts a surrogate pair, even when every boundary falls inside one', () => {
    const text = '😀'.repeat(1000); // every odd offset is inside a pair
    for (const max of [3, 5, 7, 101]) {
      const slices = splitText(text, max);
      expect(slices.every((s) => s.length % 2 === 0 && !cutsCharacter(s))).toBe(true);
      expect(slices.join('')).toBe(text);
      // A Blob encodes each part alone: whole characters only, or U+FFFD would appear.
      const bytes = Buffer.concat(slices.map((s) => Buffer.from(s, 'utf8')));
      expect(bytes.toString('utf8')).toBe(text);
    }
  });

  it('an empty text has no slices; a short one is one; the ends are where the slices stop', () => {
    expect(splitText('')).toEqual([]);
    expect(splitText(VIETNAMESE)).toEqual([VIETNAMESE]);
    expect(sliceEnds('ab😀cd', 3)).toEqual([2, 5, 6]);
    expect(() => sliceEnds('abc', 1)).toThrow(RangeError);
  });
});

describe('library.importChunk and library.import {uploadId}', () => {
  let lib: ReturnType<typeof createTestLibrary>;
  let source: ReturnType<typeof createTestLibrary>;
  const toBackground = (m: unknown) => lib.route(m, popupSender);
  beforeEach(() => {
    // On the fixtures' day: an import refuses records dated more than a day after the library's clock.
    lib = createTestLibrary({ clock: T0 });
    source = createTestLibrary({ clock: T0 });
  });
  afterEach(async () => {
    await lib.close();
    await source.close();
  });

  /** A backup of a sample library with long Vietnamese clippings (surrogate pairs and combining marks too). */
  async function backupText(): Promise<string> {
    const sample = sampleLibrary();
    const clipping = sample.clippings[0];
    if (!clipping) throw new Error('no sample clipping');
    clipping.article.text = MIXED.repeat(200);
    clipping.article.html = `<p>${MIXED.repeat(200)}</p>`;
    await seed(source.db, sample);
    const [file] = await source.call('library.export', { scope: { kind: 'all' }, format: 'backup' });
    if (!file || !('content' in file)) throw new Error('expected the backup whole');
    return file.content;
  }

  /** Sends chunks as given, returns the errors (null for a chunk taken). */
  async function sendChunks(uploadId: string, chunks: [index: number, count: number, chunk: string][]) {
    const out: (string | null)[] = [];
    for (const [index, count, chunk] of chunks) {
      const result = await lib.route(
        envelope('library.importChunk', { uploadId, index, count, chunk }),
        popupSender,
      );
      out.push(result.ok ? null : `${result.error.code}: ${result.error.message}`);
    }
    return out;
  }

  it('a file in many small chunks imports exactly as the whole file does', async () => {
    const text = await backupText();
    const sent: number[] = [];
    const result = await importText(backgroundClient({ sendMessage: toBackground }), text, {
      kind: 'backup',
      chunkChars: 4096,
      onChunk: (n) => sent.push(n),
    });
    expect(sent.length).toBeGreaterThan(10);
    expect(result.added.highlights).toBeGreaterThan(0);
    expect(result.added.clippings).toBe(1);
    expect(await dumpTables(lib.db)).toEqual(await dumpTables(source.db));
    const [clipping] = await lib.db.clippings.toArray();
    expect(clipping?.article.text).toBe(MIXED.repeat(200));
  });

  it('progress is reported for an upload’s import too', async () => {
    const text = await backupText();
    const progressId = crypto.randomUUID();
    const seen: unknown[] = [];
    const uploadId = crypto.randomUUID();
    const chunks = splitText(text, 4096);
    for (const [index, chunk] of chunks.entries()) {
      await lib.call('library.importChunk', { uploadId, index, count: chunks.length, chunk });
    }
    const running = lib.call('library.import', { kind: 'backup', uploadId, progressId });
    let finished = false;
    running.finally(() => {
      finished = true;
    });
    // Asked as the page does, until there is an answer: the import starts once the background has looked its
    // request id up in the answer log (a retry would be answered from there).
    while (!finished && !seen[0]) {
      seen[0] = await lib.call('library.progress', { id: progressId });
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    await running;
    expect(seen[0]).toMatchObject({ done: expect.any(Number), total: expect.any(Number) });
    expect(await lib.call('library.progress', { id: progressId })).toBeNull();
  });

  it('a chunk out of order is refused, the upload dropped, nothing written', async () => {
    const before = await dumpTables(lib.db);
    const text = await backupText();
    const [a, b, c] = splitText(text, Math.ceil(text.length / 3) + 1);
    const uploadId = crypto.randomUUID();
    expect(
      await sendChunks(uploadId, [
        [0, 3, a as string],
        [2, 3, c as string],
      ]),
    ).toEqual([
      null,
      expect.stringMatching(/^invalid: Chunk 2 arrived when chunk 1 was expected.*Nothing was imported/),
    ]);
    // The upload is gone: the rest of it, or an import of it, is refused.
    expect(await sendChunks(uploadId, [[1, 3, b as string]])).toEqual([
      expect.stringMatching(/^not-found: /),
    ]);
    await expect(lib.call('library.import', { kind: 'backup', uploadId })).rejects.toThrow(
      /not-found: This import is no longer waiting/,
    );
    expect(await dumpTables(lib.db)).toEqual(before);
  });

  it('a missing chunk: the import is refused, nothing written', async () => {
    const before = await dumpTables(lib.db);
    const text = await backupText();
    const chunks = splitText(text, Math.ceil(text.length / 3) + 1);
    const uploadId = crypto.randomUUID();
    expect(
      await sendChunks(uploadId, [
        [0, 3, chunks[0] as string],
        [1, 3, chunks[1] as string],
      ]),
    ).toEqual([null, null]);
    await expect(lib.call('library.import', { kind: 'backup', uploadId })).rejects.toThrow(
      /invalid: The file arrived incomplete \(2 of 3 chunks\)\. Nothing was imported\./,
    );
    expect(await dumpTables(lib.db)).toEqual(before);
  });

  it('a chunk over the size of one message is refused by the schema', async () => {
    const before = await dumpTables(lib.db);
    const uploadId = crypto.randomUUID();
    const errors = await sendChunks(uploadId, [[0, 2, 'x'.repeat(MAX_CHUNK_CHARS + 1)]]);
    expect(errors).toEqual([expect.stringMatching(/^invalid: library\.importChunk: chunk: Too big/)]);
    // The whole-text form has the same cap: a larger file must come in chunks.
    await expect(
      lib.call('library.import', { kind: 'backup', text: 'x'.repeat(MAX_CHUNK_CHARS + 1) }),
    ).rejects.toThrow(/invalid: library\.import: text: Too big/);
    expect(await dumpTables(lib.db)).toEqual(before);
  });

  it('chunks adding up to more than the limit are refused as too large, nothing written', async () => {
    await lib.close();
    lib = createTestLibrary({ transfer: { maxUploadChars: 10_000 } });
    const before = await dumpTables(lib.db);
    const uploadId = crypto.randomUUID();
    const errors = await sendChunks(uploadId, [
      [0, 3, 'x'.repeat(6000)],
      [1, 3, 'x'.repeat(6000)],
    ]);
    expect(errors).toEqual([null, expect.stringMatching(/^invalid: The file is too large to import/)]);
    expect(await dumpTables(lib.db)).toEqual(before);
  });

  it('a chunk cut inside a character, or a count that changes, is refused', async () => {
    const text = '😀'.repeat(10);
    expect(
      await sendChunks(crypto.randomUUID(), [
        [0, 2, text.slice(0, 5)],
        [1, 2, text.slice(5)],
      ]),
    ).toEqual([
      expect.stringMatching(/^invalid: Chunk 0 starts or ends inside a character/),
      expect.any(String),
    ]);
    expect(
      await sendChunks(crypto.randomUUID(), [
        [0, 2, 'ab'],
        [1, 3, 'cd'],
      ]),
    ).toEqual([null, expect.stringMatching(/^invalid: Chunk 1 says the file has 3 chunks; chunk 0 said 2/)]);
  });

  it('the last chunk sent again (a retry after a restart) replaces it', async () => {
    const text = await backupText();
    const chunks = splitText(text, Math.ceil(text.length / 2) + 1);
    const uploadId = crypto.randomUUID();
    const errors = await sendChunks(uploadId, [
      [0, 2, chunks[0] as string],
      [0, 2, chunks[0] as string],
      [1, 2, chunks[1] as string],
      [1, 2, chunks[1] as string],
    ]);
    expect(errors).toEqual([null, null, null, null]);
    await lib.call('library.import', { kind: 'backup', uploadId });
    expect(await dumpTables(lib.db)).toEqual(await dumpTables(source.db));
  });

  it('validates chunk requests, and answers Clipmark’s pages only', async () => {
    const uploadId = crypto.randomUUID();
    const bad = [
      { uploadId: 'x', index: 0, count: 1, chunk: '' },
      { uploadId, index: 1, count: 1, chunk: '' },
      { uploadId, index: -1, count: 1, chunk: '' },
      { uploadId, index: 0, count: 10_001, chunk: '' },
      { uploadId, index: 0, count: 1, chunk: 7 },
    ];
    for (const payload of bad) {
      const result = await lib.route(envelope('library.importChunk', payload), popupSender);
      expect(result, JSON.stringify(payload)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    }
    const both = await lib.route(
      envelope('library.import', { kind: 'backup', text: '{}', uploadId }),
      popupSender,
    );
    expect(both).toMatchObject({ ok: false, error: { code: 'invalid', message: /text or an uploadId/ } });
    const neither = await lib.route(envelope('library.import', { kind: 'backup' }), popupSender);
    expect(neither).toMatchObject({ ok: false, error: { code: 'invalid' } });
    const chunk = { uploadId, index: 0, count: 1, chunk: 'x' };
    expect(await lib.route(envelope('library.importChunk', chunk), contentSender())).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('a refused import through importText throws the background’s message', async () => {
    await seed(lib.db, generateLibrary(5, 2));
    const before = await dumpTables(lib.db);
    const text = `${(await backupText()).slice(0, -10)}`; // cut short: not JSON
    const error = await importText(backgroundClient({ sendMessage: toBackground }), text, {
      kind: 'backup',
      chunkChars: 4096,
    }).catch((e) => e);
    expect(error).toBeInstanceOf(MessageError);
    expect(error).toMatchObject({ code: 'invalid', message: expect.stringMatching(/not valid JSON/) });
    expect(await dumpTables(lib.db)).toEqual(before);
  });
});

describe('uploads in memory', () => {
  it('an upload idle longer than its lifetime is dropped', () => {
    let clock = 0;
    const uploads = createUploads({ ttlMs: 1000, now: () => clock });
    const uploadId = crypto.randomUUID();
    uploads.add({ uploadId, index: 0, count: 2, chunk: 'ab' });
    clock = 900;
    uploads.add({ uploadId, index: 1, count: 2, chunk: 'cd' }); // still there; touched again
    clock = 1800;
    expect(uploads.take(uploadId)).toBe('abcd');
    const other = crypto.randomUUID();
    uploads.add({ uploadId: other, index: 0, count: 2, chunk: 'ab' });
    clock = 3000;
    expect(() => uploads.add({ uploadId: other, index: 1, count: 2, chunk: 'cd' })).toThrow(
      expect.objectContaining({ code: 'not-found' }) as RouteError,
    );
    expect(uploads.pending).toBe(0);
  });

  it('at most two uploads wait at once: a third drops the oldest', () => {
    const uploads = createUploads();
    const ids = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    for (const uploadId of ids) uploads.add({ uploadId, index: 0, count: 2, chunk: 'ab' });
    expect(uploads.pending).toBe(2);
    expect(() => uploads.take(ids[0] as string)).toThrow(/no longer waiting/);
    uploads.add({ uploadId: ids[1] as string, index: 1, count: 2, chunk: 'cd' });
    expect(uploads.take(ids[1] as string)).toBe('abcd');
  });

  it('an upload taken for import is forgotten at once', () => {
    const uploads = createUploads();
    const uploadId = crypto.randomUUID();
    uploads.add({ uploadId, index: 0, count: 1, chunk: 'abc' });
    expect(uploads.take(uploadId)).toBe('abc');
    expect(uploads.pending).toBe(0);
  });
});
