/**
 * Large texts across the message channel, the pages' side: a backup to import goes up in chunks, a large export
 * comes back in parts, each message within the limits of limits.ts. No zod, no Dexie: the library page and the
 * popup import this; the background's side is `entrypoints/background/export/uploads-and-parts.ts`.
 */
import type { ImportAnswer } from '../export/import-records';
import type { ExportedFile } from '../export/types';
import type { ExportRequest, ImportRequest } from './export-import-schemas';
import { MAX_CHUNK_CHARS, splitText } from './limits';
import type { BackgroundClient } from './sender';

export interface ImportTextOptions {
  kind: ImportRequest['kind'];
  /** The id `library.progress` is asked with while the import runs. */
  progressId?: string;
  /** Units per chunk (tests force small ones); never more than `MAX_CHUNK_CHARS`. */
  chunkChars?: number;
  /** Called after each chunk is received: chunks sent so far, of how many. */
  onChunk?: (sent: number, count: number) => void;
  /** The token of the preview the user confirmed (see `library.import`). */
  confirm?: string;
}

/**
 * Imports a file's text through the background: whole when it fits one message, otherwise in chunks
 * (`library.importChunk`, in order) and then `library.import {uploadId}`, which joins them and imports the
 * result in one transaction — or answers its preview, when it would replace or trash anything and `confirm`
 * is not that preview's token: then the same text is sent again with it. Throws `MessageError` as
 * the client does.
 */
export async function importText(
  background: BackgroundClient,
  text: string,
  { kind, progressId, chunkChars = MAX_CHUNK_CHARS, onChunk, confirm }: ImportTextOptions,
): Promise<ImportAnswer> {
  const size = Math.min(chunkChars, MAX_CHUNK_CHARS);
  const extra = { ...(progressId ? { progressId } : {}), ...(confirm ? { confirm } : {}) };
  if (text.length <= size) return background.send('library.import', { kind, text, ...extra });
  const chunks = splitText(text, size);
  const uploadId = crypto.randomUUID();
  for (let index = 0; index < chunks.length; index++) {
    await background.send('library.importChunk', {
      uploadId,
      index,
      count: chunks.length,
      chunk: chunks[index] as string,
    });
    onChunk?.(index + 1, chunks.length);
  }
  return background.send('library.import', { kind, uploadId, ...extra });
}

/** An exported file ready for a Blob: its text whole, or in the parts it came in (a Blob joins them). */
export interface ReceivedFile {
  filename: string;
  mimeType: string;
  content: string | string[];
}

/**
 * Runs an export through the background and fetches the parts of files too large for one answer
 * (`library.exportPart`), in order. The parts are kept apart: `new Blob(parts)` joins them without building
 * one string of the whole file.
 */
export async function exportFiles(
  background: BackgroundClient,
  request: ExportRequest,
): Promise<ReceivedFile[]> {
  const files: ExportedFile[] = await background.send('library.export', request);
  const out: ReceivedFile[] = [];
  for (const file of files) {
    if (!('parts' in file)) {
      out.push(file);
      continue;
    }
    const { exportId, file: index, count } = file.parts;
    const content: string[] = [];
    for (let part = 0; part < count; part++) {
      const answer = await background.send('library.exportPart', {
        exportId,
        file: index,
        index: part,
      });
      content.push(answer.content);
    }
    out.push({ filename: file.filename, mimeType: file.mimeType, content });
  }
  return out;
}
