/**
 * The background's side of large transfers (the page's side is `utils/messaging/chunked-files.ts`): uploads of a file to
 * import, received in chunks and joined for `library.import`; and exports too large for one answer, kept
 * until the page has fetched their parts. Both are held in memory only as long as needed: an upload until it
 * is imported, refused or idle for `ttlMs`; an export until every part was fetched or it is idle for
 * `ttlMs`; and at most `maxPending` of each (a new one drops the oldest).
 */

import { MAX_IMPORT_BYTES, tooLargeMessage } from '@/utils/export/import-errors';
import type { ExportedFile, ExportFile } from '@/utils/export/types';
import type { ExportPartRequest, ImportChunk } from '@/utils/messaging/export-import-schemas';
import { cutsCharacter, MAX_CHUNK_CHARS, sliceEnds } from '@/utils/messaging/limits';
import { RouteError } from '@/utils/messaging/router';

export interface TransferOptions {
  /** Units of text per export part, and at most that much inline in one answer (tests force small ones). */
  partChars?: number;
  /** Most units an upload may hold (a UTF-16 unit is at least one byte of the file). */
  maxUploadChars?: number;
  /** An upload or an export not touched for this long is dropped. */
  ttlMs?: number;
  maxPending?: number;
  now?: () => number;
  newId?: () => string;
}

const DEFAULTS = {
  partChars: MAX_CHUNK_CHARS,
  maxUploadChars: MAX_IMPORT_BYTES,
  ttlMs: 2 * 60_000,
  maxPending: 2,
};

/** Per file in an answer, room for its name, type and the JSON around them. */
const FILE_OVERHEAD = 1024;

interface Pending {
  touched: number;
}

/** A map of pending transfers that forgets the idle ones and keeps at most `max`. */
class PendingMap<T extends Pending> {
  private readonly items = new Map<string, T>();
  constructor(
    private readonly ttlMs: number,
    private readonly max: number,
    private readonly now: () => number,
  ) {}

  /** Drops what has been idle too long; called on every message that touches the map. */
  sweep(): void {
    const now = this.now();
    for (const [id, item] of this.items) if (now - item.touched > this.ttlMs) this.items.delete(id);
  }

  get(id: string): T | undefined {
    this.sweep();
    const item = this.items.get(id);
    if (item) item.touched = this.now();
    return item;
  }

  add(id: string, item: T): void {
    this.sweep();
    // Map order is insertion order: the first ones are the oldest.
    for (const old of this.items.keys()) {
      if (this.items.size < this.max) break;
      this.items.delete(old);
    }
    this.items.set(id, item);
  }

  delete(id: string): void {
    this.items.delete(id);
  }

  get size(): number {
    return this.items.size;
  }
}

interface Upload extends Pending {
  count: number;
  chunks: string[];
  chars: number;
}

const GONE =
  'This import is no longer waiting (it was idle too long, or the background restarted); import the file again.';

/**
 * Chunks of files on their way to `library.import {uploadId}`. Chunks must come in order (a repeat of the
 * last one replaces it: the sender retries when the background restarts); anything else drops the upload
 * with a clear error, and nothing is imported.
 */
export function createUploads(options: TransferOptions = {}) {
  const { maxUploadChars, ttlMs, maxPending } = { ...DEFAULTS, ...options };
  const uploads = new PendingMap<Upload>(ttlMs, maxPending, options.now ?? Date.now);

  function refuse(uploadId: string, message: string): never {
    uploads.delete(uploadId);
    throw new RouteError('invalid', `${message} Nothing was imported.`);
  }

  return {
    /** Takes one chunk; answers how many have arrived. */
    add({ uploadId, index, count, chunk }: ImportChunk): { received: number } {
      let upload = uploads.get(uploadId);
      if (!upload) {
        if (index !== 0) throw new RouteError('not-found', GONE);
        upload = { count, chunks: [], chars: 0, touched: (options.now ?? Date.now)() };
        uploads.add(uploadId, upload);
      }
      const { chunks } = upload;
      if (count !== upload.count) {
        refuse(uploadId, `Chunk ${index} says the file has ${count} chunks; chunk 0 said ${upload.count}.`);
      }
      const retry = index === chunks.length - 1;
      if (index !== chunks.length && !retry) {
        refuse(
          uploadId,
          `Chunk ${index} arrived when chunk ${chunks.length} was expected (chunks go in order).`,
        );
      }
      if (cutsCharacter(chunk)) refuse(uploadId, `Chunk ${index} starts or ends inside a character.`);
      const chars = upload.chars - (retry ? (chunks[index] as string).length : 0) + chunk.length;
      if (chars > maxUploadChars) refuse(uploadId, tooLargeMessage(maxUploadChars));
      upload.chars = chars;
      chunks[index] = chunk;
      return { received: chunks.length };
    },

    /** The joined text of a complete upload, which is forgotten: the import holds the only copy. */
    take(uploadId: string): string {
      const upload = uploads.get(uploadId);
      if (!upload) throw new RouteError('not-found', GONE);
      uploads.delete(uploadId);
      if (upload.chunks.length !== upload.count) {
        refuse(uploadId, `The file arrived incomplete (${upload.chunks.length} of ${upload.count} chunks).`);
      }
      try {
        return upload.chunks.join('');
      } catch (error) {
        // Longer than the engine's longest string (about 2^29 units): too large in any case.
        if (error instanceof RangeError) refuse(uploadId, tooLargeMessage(maxUploadChars));
        throw error;
      }
    },

    get pending() {
      return uploads.size;
    },
  };
}

interface HeldExport extends Pending {
  files: { content: string; ends: number[] }[];
  fetched: Set<string>;
  parts: number;
}

/**
 * Exports too large for one answer. `offer` answers with the files that fit one message (in order, up to
 * `partChars` units in all) and announces the others in parts; `part` hands out one part. An export is
 * forgotten once every part was fetched.
 */
export function createExportParts(options: TransferOptions = {}) {
  const { partChars, ttlMs, maxPending } = { ...DEFAULTS, ...options };
  const newId = options.newId ?? (() => crypto.randomUUID());
  const exports = new PendingMap<HeldExport>(ttlMs, maxPending, options.now ?? Date.now);

  return {
    offer(files: readonly ExportFile[]): ExportedFile[] {
      const exportId = newId();
      const held: HeldExport = { files: [], fetched: new Set(), parts: 0, touched: 0 };
      let inline = 0;
      const answer = files.map((file): ExportedFile => {
        const size = file.content.length + FILE_OVERHEAD;
        if (inline + size <= partChars) {
          inline += size;
          return file;
        }
        const ends = sliceEnds(file.content, partChars);
        held.files.push({ content: file.content, ends });
        held.parts += ends.length;
        const parts = { exportId, file: held.files.length - 1, count: ends.length };
        return { filename: file.filename, mimeType: file.mimeType, parts };
      });
      if (held.files.length) {
        held.touched = (options.now ?? Date.now)();
        exports.add(exportId, held);
      }
      return answer;
    },

    part({ exportId, file, index }: ExportPartRequest): { content: string } {
      const held = exports.get(exportId);
      if (!held) {
        throw new RouteError(
          'not-found',
          'This export is no longer available (it was idle too long, or the background restarted); export again.',
        );
      }
      const ends = held.files[file]?.ends;
      if (!ends || index >= ends.length) {
        throw new RouteError('invalid', `This export has no part ${index} of file ${file}.`);
      }
      const content = (held.files[file] as { content: string }).content.slice(
        ends[index - 1] ?? 0,
        ends[index],
      );
      held.fetched.add(`${file}:${index}`);
      if (held.fetched.size === held.parts) exports.delete(exportId);
      return { content };
    },

    get pending() {
      return exports.size;
    },
  };
}
