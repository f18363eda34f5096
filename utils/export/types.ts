/**
 * Types shared by the exporters and importers. No runtime code.
 */
import type { Article, Highlight, TagRecord } from '../schema';

/**
 * What to export. The caller decides the scope — one page, the current search or filter, everything — and
 * passes the records; exporters never read the database, so each format is a pure function of this.
 */
export interface Selection {
  articles: Article[];
  highlights: Highlight[];
  /** Tag records of the tags in use (for their colours). Tags missing here are still exported by name. */
  tags: TagRecord[];
}

/**
 * A saved copy of an article's text (the `clippings` slot of the backup; no table stores them yet). The HTML
 * export marks highlights in `text` (blocks separated by a blank line, as `utils/article` extracts it); the
 * sanitised HTML body is not used, because the background has no DOM and its images would be remote loads.
 */
export interface Clipping {
  url: string;
  text: string;
}

/** One file to hand to the user: the UI turns it into a Blob and a download. */
export interface ExportFile {
  filename: string;
  mimeType: string;
  content: string;
}

/** Language of the labels an export writes (headers, headings); the records' own text is never translated. */
export type ExportLang = 'en' | 'vi';
