/**
 * The article note's two messages (`article.getNote`, `article.setNote`), as every page that shows the note
 * sends them — popup, side panel, library, reader (components/ArticleNote.tsx).
 */
import type { ArticleNoteRecord } from './background-map';
import type { BackgroundClient } from './sender';

/** The background takes a title of at most this many characters (background-schemas.ts). */
const MAX_TITLE = 1000;

export function articleNoteClient(background: BackgroundClient): {
  getNote(url: string): Promise<ArticleNoteRecord>;
  setNote(url: string, note: string, version: number | null, title?: string): Promise<ArticleNoteRecord>;
} {
  return {
    getNote: (url) => background.send('article.getNote', { url }),
    setNote: (url, note, version, title) =>
      background.send('article.setNote', {
        url,
        note,
        version,
        // The tab's or page's title, for a record the note creates: cut, never refused for its length.
        ...(title ? { title: title.slice(0, MAX_TITLE) } : {}),
      }),
  };
}
