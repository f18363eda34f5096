/**
 * Sync documents: the library as it replicates (docs/sync.md). Each field a user edits carries
 * the time of its last edit, so two versions of a record can be merged field by field (`merge.ts`) without
 * losing what either side typed. Plain data, JSON all the way: this is what is encrypted and stored.
 */
import type { HighlightColor } from '../colors';
import type { Article, ArticleMeta, Highlight, SettingRow, TagRecord } from '../schema';
import type { RawTextPosition, TextPositionSelector, TextQuoteSelector } from '../selectors';

/** A value with the time (ms, the editing device's clock) it was last set. */
export interface Stamped<T> {
  value: T;
  at: number;
}

/**
 * Whether a record is in the library: `live`, in the trash (`trashed`, highlights only: the content is kept so
 * the other devices put it in their trash too), or `gone` (neither: no content kept).
 */
export type RecordState = 'live' | 'trashed' | 'gone';

/** One tag on a highlight: its spelling and the last time it was added and removed there (null: never). */
export interface TagEntry {
  name: string;
  added: number | null;
  removed: number | null;
}

/** A conflicting note kept beside the chosen one until the user decides. */
export interface NoteAlternative {
  text: string;
  at: number;
}

/**
 * A note and its history in brief: `at` when it was written, `from` the `at` of the note it was written over
 * (0: none known). A note whose `from` is at least another's `at` was written by someone who had seen that
 * other one, so it supersedes it; two notes neither of which supersedes the other are a conflict, and the
 * other texts wait in `alt`.
 */
export interface NoteVersion {
  text: string;
  at: number;
  from: number;
  alt: NoteAlternative[];
}

export interface HighlightBody {
  url: string;
  quote: TextQuoteSelector;
  position: TextPositionSelector;
  rawPosition?: RawTextPosition;
  /** When the url, quote or positions were last set. */
  anchorAt: number;
  createdAt: number;
  /** The record's `updatedAt` (its version for editors): the latest of the versions merged. */
  updatedAt: number;
  color: Stamped<HighlightColor>;
  /** By folded tag name (`tagKey`); present when added and not removed strictly later. */
  tags: Record<string, TagEntry>;
  /** The order of the tags as last arranged (folded names). */
  tagOrder: string[];
  note: NoteVersion;
}

export interface HighlightDoc {
  kind: 'highlight';
  id: string;
  /** For `trashed`, `at` is the trash entry's `deletedAt`. */
  state: Stamped<RecordState>;
  /** Null when `gone`. */
  body: HighlightBody | null;
}

export interface ArticleDoc {
  kind: 'article';
  url: string;
  site: string;
  title: Stamped<string>;
  meta: Stamped<ArticleMeta>;
  /**
   * The user's note on the whole article, stamped with its `noteUpdatedAt`; the later one wins. Absent when
   * none was ever written (and in documents from before article notes).
   */
  note?: Stamped<string>;
  createdAt: number;
  updatedAt: number;
  state: Stamped<RecordState>;
}

export interface TagDoc {
  kind: 'tag';
  key: string;
  name: Stamped<string>;
  color: Stamped<HighlightColor | null>;
  createdAt: number;
  state: Stamped<RecordState>;
}

export interface SettingDoc {
  kind: 'setting';
  key: SettingRow['key'];
  value: Stamped<unknown>;
}

/**
 * A saved copy. Its article (HTML, text, facts) is the document's attachment `clipping.json`, sealed like a
 * body when encrypted; the document says which copy it is.
 */
export interface ClippingDoc {
  kind: 'clipping';
  url: string;
  savedAt: number;
  /** Keyed hash of the attachment's JSON (`keyedId`): tells copies apart without reading them. */
  digest: string | null;
  /** The attachment's length in UTF-8 bytes. */
  size: number;
  state: Stamped<RecordState>;
}

export type SyncDoc = HighlightDoc | ArticleDoc | TagDoc | SettingDoc | ClippingDoc;
export type SyncKind = SyncDoc['kind'];

/** What the library holds for one highlight: live, in the trash (with when it was deleted), or neither. */
export type LocalHighlight =
  | { state: 'live'; highlight: Highlight }
  | { state: 'trashed'; highlight: Highlight; deletedAt: number }
  | { state: 'gone' };

export type LocalArticle = Article | null;
export type LocalTag = TagRecord | null;
