/** What travels between Clipmark's contexts, in both directions (background-map.ts, tab-map.ts). Types only. */

/** What travels over `runtime.sendMessage` and `tabs.sendMessage`. */
export interface Envelope<K extends string = string, P = unknown> {
  clipmark: 1;
  type: K;
  payload: P;
  /**
   * A write's id, made once by the sender and sent again unchanged with each retry: the background answers a
   * retry with the first answer (see retry-safety.ts). Reads carry none.
   */
  requestId?: string;
}

/** Errors are values across contexts, never thrown through the channel. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: { code: ErrorCode; message: string } };
/** `conflict`: a save from a version of the record that is no longer the stored one (`highlight.update`). */
export type ErrorCode = 'forbidden' | 'invalid' | 'not-found' | 'conflict' | 'internal';
