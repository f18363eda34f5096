/**
 * What the highlight editor keeps of an edit that may not have been saved: the fields as typed, the version they
 * started from, and when they were last typed. Kept in the editor page's own `localStorage` (the extension's
 * origin, which no web page can read; Chromium keys it by the top-level site the editor was opened on), written
 * synchronously as the user types, so nothing is lost when the page removes the editor's frame at once (a click
 * outside) and the last save, sent as the frame goes, does not arrive.
 *
 * A draft is offered back only when the highlight was not saved since it was last typed (`updatedAt < at`): a
 * save that did arrive — the usual case — moved `updatedAt` past it, and the draft is dropped unseen.
 */
import { HIGHLIGHT_COLORS, type HighlightColor } from './colors';
import { type EditedFields, sameEdit } from './highlight-edits';

const PREFIX = 'clipmark.draft.';
/** Drafts nobody came back to are forgotten after this long (they hold note text). */
export const DRAFT_MAX_AGE_MS = 30 * 24 * 3600_000;

export interface EditorDraft {
  /** The fields as the user left them (a pending tag already a tag). */
  fields: EditedFields;
  /** The version the edit started from: its fields and `updatedAt`. */
  base: EditedFields & { updatedAt: number };
  /** When it was last typed (ms). */
  at: number;
  /** A save of it was sent as the editor closed (it may still be on its way). */
  sent?: boolean;
}

/** How long a draft whose save was sent may still be waiting for that save to land. */
export const SAVE_IN_FLIGHT_MS = 3000;

/** Whether a draft's save was sent so recently that it may not have landed yet: look again shortly. */
export function mayStillLand(draft: EditorDraft, now = Date.now()): boolean {
  return !!draft.sent && now - draft.at < SAVE_IN_FLIGHT_MS;
}

/** The storage the editor's page has, or null where it is refused (storage disabled, a sandbox). */
export function draftStorage(win: { localStorage?: Storage }): Storage | null {
  try {
    return win.localStorage ?? null;
  } catch {
    return null;
  }
}

export function writeDraft(storage: Storage | null, id: string, draft: EditorDraft): void {
  try {
    storage?.setItem(PREFIX + id, JSON.stringify(draft));
  } catch {
    // Full or refused: the save itself still goes.
  }
}

export function dropDraft(storage: Storage | null, id: string): void {
  try {
    storage?.removeItem(PREFIX + id);
  } catch {}
}

/**
 * The draft to offer back for the highlight as loaded now, or null. Drops (from storage) one that was saved
 * since, equals what is saved, is too old, or is not a draft at all.
 */
export function takeDraft(
  storage: Storage | null,
  id: string,
  saved: EditedFields & { updatedAt: number },
  now = Date.now(),
): EditorDraft | null {
  let draft: EditorDraft | null = null;
  try {
    draft = parseDraft(storage?.getItem(PREFIX + id) ?? null);
  } catch {
    return null;
  }
  if (!draft) {
    dropDraft(storage, id);
    return null;
  }
  if (saved.updatedAt >= draft.at || now - draft.at > DRAFT_MAX_AGE_MS || sameEdit(draft.fields, saved)) {
    dropDraft(storage, id);
    return null;
  }
  return draft;
}

/** Forgets every draft older than `DRAFT_MAX_AGE_MS` (of highlights never opened again). */
export function pruneDrafts(storage: Storage | null, now = Date.now()): void {
  try {
    if (!storage) return;
    const old: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (!key?.startsWith(PREFIX)) continue;
      const draft = parseDraft(storage.getItem(key));
      if (!draft || now - draft.at > DRAFT_MAX_AGE_MS) old.push(key);
    }
    for (const key of old) storage.removeItem(key);
  } catch {}
}

const isFields = (v: unknown): v is EditedFields => {
  const f = v as Partial<EditedFields> | null;
  return (
    !!f &&
    HIGHLIGHT_COLORS.includes(f.color as HighlightColor) &&
    typeof f.note === 'string' &&
    Array.isArray(f.tags) &&
    f.tags.every((tag) => typeof tag === 'string')
  );
};

function parseDraft(text: string | null): EditorDraft | null {
  if (!text) return null;
  try {
    const v = JSON.parse(text) as Partial<EditorDraft>;
    if (!isFields(v.fields) || !isFields(v.base)) return null;
    if (typeof v.at !== 'number' || typeof v.base.updatedAt !== 'number') return null;
    return {
      fields: { color: v.fields.color, tags: v.fields.tags, note: v.fields.note },
      base: v.base as EditorDraft['base'],
      at: v.at,
      sent: v.sent === true,
    };
  } catch {
    return null;
  }
}
