/**
 * The typed text of an article's note not yet saved, kept in the extension page's own `localStorage` as the user
 * types (the popup closes on any click outside it, taking its state along): offered back the next time the
 * note is shown, unless the note was saved since it was typed. Like the highlight editor's drafts
 * (editor-drafts.ts), whose storage helpers it shares.
 */
import { DRAFT_MAX_AGE_MS, draftStorage } from './editor-drafts';

const PREFIX = 'clipmark.articleNote.';

export interface ArticleNoteDraft {
  text: string;
  /** The note's version the edit started from (`noteUpdatedAt`; null: none saved then). */
  base: number | null;
  /** When it was last typed (ms). */
  at: number;
}

export { draftStorage };

export function writeNoteDraft(storage: Storage | null, url: string, draft: ArticleNoteDraft): void {
  try {
    storage?.setItem(PREFIX + url, JSON.stringify(draft));
  } catch {
    // Full or refused: the save itself still goes.
  }
}

export function dropNoteDraft(storage: Storage | null, url: string): void {
  try {
    storage?.removeItem(PREFIX + url);
  } catch {}
}

/**
 * The draft to offer back for the note as saved now, or null; drops one that was saved since it was typed,
 * equals the saved note, is too old, or is not a draft.
 */
export function takeNoteDraft(
  storage: Storage | null,
  url: string,
  saved: { note: string; noteUpdatedAt: number | null },
  now = Date.now(),
): ArticleNoteDraft | null {
  let draft: ArticleNoteDraft | null = null;
  try {
    const v = JSON.parse(storage?.getItem(PREFIX + url) ?? 'null') as Partial<ArticleNoteDraft> | null;
    if (
      v &&
      typeof v.text === 'string' &&
      typeof v.at === 'number' &&
      (v.base === null || typeof v.base === 'number')
    ) {
      draft = { text: v.text, base: v.base, at: v.at };
    }
  } catch {}
  if (!draft) return null;
  if (
    (saved.noteUpdatedAt ?? Number.NEGATIVE_INFINITY) >= draft.at ||
    now - draft.at > DRAFT_MAX_AGE_MS ||
    draft.text === saved.note
  ) {
    dropNoteDraft(storage, url);
    return null;
  }
  return draft;
}
