/**
 * The size limits of one message, and how a text is cut to fit: shared by the pages (chunked-files.ts), the
 * schemas that check each chunk (export-import-schemas.ts) and the background's side of large transfers
 * (entrypoints/background/export/uploads-and-parts.ts). No imports: anything may use it.
 *
 * Why: Chromium refuses one extension message (request or answer) whose JSON is over 64 MiB ("Message
 * length exceeded maximum allowed length"). A JSON file sent as a string grows when escaped again (`"` → `\"`),
 * and a UTF-16 unit can take up to 6 bytes of that JSON (`\u001f`; a lone surrogate); 3 for Vietnamese
 * letters. So no message carries more than `MAX_CHUNK_CHARS` units of text: 8 Mi units ≤ 48 MiB in the worst
 * case, with room for the envelope.
 */
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
