/**
 * Large texts across the message channel: a backup to import goes up in chunks, a large export comes back in
 * parts. No zod, no Dexie: the library page and the popup import this; the background's side is
 * `entrypoints/background/export/uploads-and-parts.ts`.
 *
 * Why: Chromium refuses one extension message (request or answer) whose JSON is over 64 MiB ("Message
 * length exceeded maximum allowed length"). A JSON file sent as a string grows when escaped again (`"` → `\"`),
 * and a UTF-16 unit can take up to 6 bytes of that JSON (`\u001f`; a lone surrogate); 3 for Vietnamese
 * letters. So no message carries more than `MAX_CHUNK_CHARS` units of text: 8 Mi units ≤ 48 MiB in the worst
 * case, with room for the envelope.
 */
import type { ImportAnswer } from '../export/import-records';
import type { ExportedFile } from '../export/types';
import type { ExportRequest } from './export-import-schemas';
import { type SendFn, sendMessage } from './sender';

/** Most UTF-16 units of text in one message: a chunk going up, a part coming back, a whole small file. */
export const MAX_CHUNK_CHARS = 8 * 1024 * 1024;
/** Most chunks in one upload (a 500 MiB file at full-size chunks is 63). */
export const MAX_UPLOAD_CHUNKS = 10_000;

const isHigh = (code: number) => code >= 0xd800 && code < 0xdc00;

/**
 * Where to cut `text` into slices of at most `max` UTF-16 units, never between the two halves of a surrogate
 * pair (a Blob or a message would turn each half into U+FFFD). Ends of the slices, the last one `text.length`.
 */
export function sliceEnds(text: string, max = MAX_CHUNK_CHARS): number[] {
  if (!Number.isInteger(max) || max < 2) throw new RangeError('slices must hold at least 2 units');
  const ends: number[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + max);
    if (end < text.length && isHigh(text.charCodeAt(end - 1))) end--;
    ends.push(end);
    start = end;
  }
  return ends;
}

/** `text` in slices of at most `max` units, whole characters each; `[]` for an empty text. */
export function splitText(text: string, max = MAX_CHUNK_CHARS): string[] {
  return sliceEnds(text, max).map((end, i, ends) => text.slice(ends[i - 1] ?? 0, end));
}

/** Whether a slice starts or ends with half a surrogate pair (a chunk cut inside a character). */
export function cutsCharacter(chunk: string): boolean {
  if (!chunk) return false;
  const first = chunk.charCodeAt(0);
  return (first >= 0xdc00 && first < 0xe000) || isHigh(chunk.charCodeAt(chunk.length - 1));
}

export interface ImportTextOptions {
  kind: 'backup' | 'web-annotation';
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
 * `sendMessage` does.
 */
export async function importText(
  transport: SendFn,
  text: string,
  { kind, progressId, chunkChars = MAX_CHUNK_CHARS, onChunk, confirm }: ImportTextOptions,
): Promise<ImportAnswer> {
  const size = Math.min(chunkChars, MAX_CHUNK_CHARS);
  const extra = { ...(progressId ? { progressId } : {}), ...(confirm ? { confirm } : {}) };
  if (text.length <= size) return sendMessage(transport, 'library.import', { kind, text, ...extra });
  const chunks = splitText(text, size);
  const uploadId = crypto.randomUUID();
  for (let index = 0; index < chunks.length; index++) {
    await sendMessage(transport, 'library.importChunk', {
      uploadId,
      index,
      count: chunks.length,
      chunk: chunks[index] as string,
    });
    onChunk?.(index + 1, chunks.length);
  }
  return sendMessage(transport, 'library.import', { kind, uploadId, ...extra });
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
export async function exportFiles(transport: SendFn, request: ExportRequest): Promise<ReceivedFile[]> {
  const files: ExportedFile[] = await sendMessage(transport, 'library.export', request);
  const out: ReceivedFile[] = [];
  for (const file of files) {
    if (!('parts' in file)) {
      out.push(file);
      continue;
    }
    const { exportId, file: index, count } = file.parts;
    const content: string[] = [];
    for (let part = 0; part < count; part++) {
      const answer = await sendMessage(transport, 'library.exportPart', {
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
