/**
 * Types shared by the exporters and importers. No runtime code.
 */
import type { Article, Clipping, Highlight, TagRecord } from '../schema';

/** A saved copy of an article (`utils/schema.ts`): the HTML export and Markdown show its `article.text`. */
export type { Clipping } from '../schema';

/**
 * What to export. The caller decides the scope — one page, the current search or filter, everything — and
 * passes the records; exporters never read the database, so each format is a pure function of this.
 */
export interface Selection {
  articles: Article[];
  highlights: Highlight[];
  /** Tag records of the tags in use (for their colours). Tags missing here are still exported by name. */
  tags: TagRecord[];
  /**
   * Saved copies of the selection's articles (one per article URL, at most). Optional: a selection without
   * them exports the highlights alone. The exporters use `article.text` (plain text, blocks separated by a
   * blank line); the sanitised HTML body is not used, because the background has no DOM to re-check it and
   * its images would be remote loads.
   */
  clippings?: Clipping[];
}

/** One file to hand to the user: the UI turns it into a Blob and a download. */
export interface ExportFile {
  filename: string;
  mimeType: string;
  content: string;
}

/**
 * A file as `library.export` answers it: whole, or — when the answer would be too large for one message —
 * announced here and fetched with `library.exportPart {exportId, file, index}` for `index` 0 … count − 1
 * (see `utils/messaging/chunked-files.ts`).
 */
export type ExportedFile =
  | ExportFile
  | { filename: string; mimeType: string; parts: { exportId: string; file: number; count: number } };

/** Language of the labels an export writes (headers, headings); the records' own text is never translated. */
export type ExportLang = 'en' | 'vi';
