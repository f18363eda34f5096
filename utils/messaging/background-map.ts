/**
 * The message map to the background: content script → background, extension pages → background (the other
 * direction is tab-map.ts). Types only — the content script imports this file, and zod stays out of its bundle.
 * The schemas that validate every request where it is received are in background-schemas.ts, checked against
 * this map by the compiler.
 */
import type { Article as ExtractedArticle } from '../article/types';
import type { CslItem } from '../citation/item';
import type { CitationStyle } from '../citation/styles';
import type { HighlightColor } from '../colors';
import type { ImportAnswer } from '../export/import-records';
import type { ExportedFile } from '../export/types';
import type { StoredImages } from '../reader/clipping-images';
import type { ArticleNoteHit } from '../search/article-notes';
import type { RawTextPosition, TextPositionSelector, TextQuoteSelector } from '../selectors';
import type { ExportPartRequest, ExportRequest, ImportChunk, ImportRequest } from './export-import-schemas';
import type { PagePreview } from './tab-map';

/** A highlight as the background returns it. */
export interface HighlightRecord {
  id: string;
  url: string;
  quote: TextQuoteSelector;
  position: TextPositionSelector;
  /** Where it was in the page's raw text when made on the page (absent for older ones and imports). */
  rawPosition?: RawTextPosition;
  color: HighlightColor;
  tags: string[];
  note: string;
  createdAt: number;
  updatedAt: number;
}

/**
 * A highlight as a content script receives it: what drawing needs — its id, its article's key, its selectors and
 * its colour. Its note, tags and times stay with Clipmark's own pages (the editor, an extension page framed over
 * the article, reads them itself with `highlight.get`): the page a content script runs in may be anyone's.
 */
export type DrawnHighlightRecord = Pick<
  HighlightRecord,
  'id' | 'url' | 'quote' | 'position' | 'rawPosition' | 'color'
>;

export interface HighlightChanges {
  color?: HighlightColor;
  tags?: string[];
  note?: string;
}

/** The parts of the content script the background injects on demand (entrypoints/content/handoff.ts). */
export type PagePart = 'tools' | 'ui' | 'detect' | 'tools+ui' | 'tools+detect' | 'cite';

export interface MessageMap {
  /** Save a new highlight on the sender's page; answers once it is written. */
  'highlight.create': {
    request: {
      /** A new UUID from the sender: retrying the same create returns the saved highlight (idempotent). */
      id?: string;
      url: string;
      /** The page's `rel=canonical` address, preferred as the article's key when usable (`articleKey`). */
      canonical?: string;
      pageTitle: string;
      quote: TextQuoteSelector;
      position: TextPositionSelector;
      rawPosition?: RawTextPosition;
      color: HighlightColor;
      tags: string[];
      note?: string;
    };
    response: HighlightRecord;
  };
  /** One highlight, for the editor. */
  'highlight.get': { request: { id: string }; response: HighlightRecord };
  /**
   * This page's highlights, in reading order. A content script gets those of its own address, and of the
   * canonical one it names only with evidence (entrypoints/background/library/evidence.ts).
   */
  'highlight.listForPage': { request: { url: string; canonical?: string }; response: HighlightRecord[] };
  /**
   * Saves where this page's highlights made before raw positions existed are in its raw text, measured when they
   * were found exactly: only ones without a raw position, only this page's. A hint for the next visits.
   */
  'highlight.setRawPositions': {
    request: { url: string; canonical?: string; positions: { id: string; rawPosition: RawTextPosition }[] };
    response: { updated: number };
  };
  /**
   * Changes a highlight. `version` is the `updatedAt` of the record the edit started from: when the highlight
   * changed since (another editor, the library page), the save is refused with `conflict` instead of silently
   * replacing that change. Without it the save replaces whatever is stored.
   */
  'highlight.update': {
    request: { id: string; changes: HighlightChanges; version?: number };
    response: HighlightRecord;
  };
  /** Moves a highlight to the trash; `highlight.restore` undoes it. */
  'highlight.delete': { request: { id: string }; response: { id: string } };
  'highlight.restore': { request: { id: string }; response: HighlightRecord };
  /** Full-text search over the whole library, ranked; filters in the query. Extension pages only. */
  'library.search': {
    /** `notes: false`: highlights only (a warm-up); otherwise the first page also searches the articles' notes. */
    request: { query: string; limit?: number; offset?: number; notes?: boolean };
    response: {
      total: number;
      hits: SearchHitRecord[];
      /** Articles whose own note matches (utils/search/article-notes.ts); with the first page only. */
      notes?: { total: number; hits: ArticleNoteHit[] };
    };
  };
  /** Adds tags to many highlights at once (one transaction). Extension pages only. */
  'highlight.bulkTag': { request: { ids: string[]; tags: string[] }; response: { affected: number } };
  /** Moves many highlights to the trash at once; `highlight.bulkRestore` undoes it. Extension pages only. */
  'highlight.bulkDelete': { request: { ids: string[] }; response: { affected: number } };
  'highlight.bulkRestore': { request: { ids: string[] }; response: { affected: number } };
  /**
   * Notes out, in the formats people use; one file, or one per article. Files too large for one answer are
   * announced with their parts, fetched with `library.exportPart` (chunked-files.ts). Extension pages only.
   */
  'library.export': { request: ExportRequest; response: ExportedFile[] };
  'library.exportPart': { request: ExportPartRequest; response: { content: string } };
  /**
   * A JSON backup or W3C Web Annotation file in: validated whole, then written in one transaction. Its text
   * comes whole, or as an upload sent before in chunks with `library.importChunk` (in order). A file that would
   * replace or trash anything of the library is answered with its preview (`status: 'confirm'`, nothing
   * written); sent again with that preview's token (`confirm`) it is applied, if it would still do exactly that.
   */
  'library.import': { request: ImportRequest; response: ImportAnswer };
  'library.importChunk': { request: ImportChunk; response: { received: number } };
  /** How far the import started with this `progressId` is; null when none is running. Extension pages only. */
  'library.progress': { request: { id: string }; response: { done: number; total: number } | null };
  /**
   * The user's versions of records imports replaced or moved to the trash, newest first (the background's
   * library/replaced.ts); `replaced.restore` puts one back, keeping the version it replaces in turn. Extension
   * pages only.
   */
  'replaced.list': {
    request: { limit?: number; offset?: number };
    response: { total: number; items: ReplacedSummary[] };
  };
  'replaced.restore': { request: { seq: number }; response: { seq: number } };
  /** Every tag with how many highlights carry it, most used first. Extension pages only. */
  'tag.list': { request: Record<string, never>; response: TagSummary[] };
  /** Renames a tag everywhere; renaming onto an existing tag merges the two. Extension pages only. */
  'tag.rename': { request: { from: string; to: string }; response: { affected: number } };
  'tag.merge': { request: { from: string[]; into: string }; response: { affected: number } };
  'tag.delete': { request: { name: string }; response: { affected: number } };
  'tag.setColor': { request: { name: string; color: HighlightColor | null }; response: TagSummary };
  /**
   * Reads the article in a tab (Readability, injected by the background) and, when the library already has a
   * record for that page, stores what was found. Extension pages only.
   */
  'article.extract': { request: { tabId: number }; response: ArticleInfo };
  /**
   * The user's note on an article as a whole (a "page note"): `url` is the article's key or a page address
   * (normalised). A content script may ask only about its own page's address. `noteUpdatedAt` is null when no
   * note was ever saved.
   */
  'article.getNote': { request: { url: string }; response: ArticleNoteRecord };
  /**
   * Saves the article's note (text; '' clears it), creating the article record when the library has none
   * (`title` names it then). `version` is the `noteUpdatedAt` the edit started from (null: none): when the note
   * changed since, the save is refused with `conflict`, and the editor keeps the typed text. A content script
   * may write only its own page's.
   */
  'article.setNote': {
    request: { url: string; note: string; version?: number | null; title?: string };
    response: ArticleNoteRecord;
  };
  /** Saves (or replaces) the clipping of the article in a tab: its text, HTML and metadata. Extension pages only. */
  'clipping.save': { request: { tabId: number }; response: ClippingSummary };
  /** The clipping of an article, for the reader page; `not-found` when none was saved. Extension pages only. */
  'clipping.get': { request: { url: string }; response: ClippingRecord };
  'clipping.delete': { request: { url: string }; response: { url: string } };
  'settings.get': { request: Record<string, never>; response: SettingsRecord };
  'settings.set': { request: Partial<SettingsRecord>; response: SettingsRecord };
  /** From a content script: the settings a page's toolbar needs (the default colour); nothing else. */
  'settings.forPage': { request: Record<string, never>; response: { defaultColor: HighlightColor } };
  /** Sync (issue 23): what is set (never the password or passphrase), what waits, the last run. Extension pages only. */
  'sync.status': { request: Record<string, never>; response: SyncStatus };
  /** Saves the sync settings (`config: null` turns sync off). Extension pages only. */
  'sync.configure': { request: SyncSettingsRequest; response: SyncStatus };
  /** Runs sync now (or waits for the run under way); its outcome is `lastRun`. Extension pages only. */
  'sync.now': { request: Record<string, never>; response: SyncStatus };
  /**
   * The notes kept beside a highlight's note when two devices wrote different ones, newest first (empty: no
   * conflict); saving a note resolves it. Extension pages only.
   */
  'sync.noteConflicts': {
    request: { id: string };
    response: { alternatives: { text: string; at: number }[] };
  };
  /**
   * Resolves a highlight's note conflict with the note the user chose (this device's, another's, or one written
   * from them), then runs sync. Extension pages only.
   */
  'sync.resolveNote': { request: { id: string; text: string }; response: SyncStatus };
  /**
   * From the highlight editor, an extension page framed in a web page: tell that tab's content script to close
   * it. Relayed by the background because a page's frame has no `tabs` API in Firefox, and a `postMessage` to
   * the page's window would be heard by the page, with the extension's address as its origin.
   */
  'editor.close': { request: Record<string, never>; response: { closed: boolean } };
  /**
   * From the highlight editor framed in a page: show a change it is saving on that page at once (a colour picked,
   * the highlight deleted), relayed to the tab's content script as `page.preview`. Changes nothing stored.
   */
  'editor.preview': { request: PagePreview; response: { shown: boolean } };
  /**
   * From a content script (entrypoints/content/handoff.ts): inject a part of it into its page, the sender's tab's
   * top frame — `tools` (`page-tools.js`: the page has highlights to draw, the user selected text, or an extension
   * page asks about it), `ui` (`page-ui.js`: the toolbar and editor frame, when the tools first need them),
   * `detect` (`page-detect.js`: article detection, when the popup asks), or the tools with one of the others at
   * once (a selection needs the toolbar; the popup, detection). Content scripts only. `started`: what was asked
   * for runs in the page now.
   */
  'page.loadTools': { request: { part: PagePart }; response: { started: boolean } };
  /**
   * "Copy with citation": the article's CSL item (utils/citation/item.ts) and the style the user chose. From an
   * extension page, for any article in the library; from a content script, for its own page only — read in the
   * tab when the library has no record of it yet (nothing is stored).
   */
  'citation.source': {
    request: { url: string; canonical?: string };
    response: { item: CslItem; style: CitationStyle };
  };
  /**
   * From a list (popup, library): open a highlight's passage — `url`, the address the user visited with a text
   * fragment — in tab `tabId` (by default the sender's own tab), or in a new tab (`newTab`); once the page there
   * has drawn highlight `id`, it scrolls to it and flashes it. Extension pages only.
   */
  'passage.open': {
    request: { url: string; id: string; tabId?: number; newTab: boolean };
    response: { tabId: number };
  };
}

/**
 * The messages a content script sends, with the answers it gets: the background answers a content script's
 * highlights as `DrawnHighlightRecord`s (entrypoints/background/handlers.ts strips the rest for `sender.kind === 'content'`).
 */
export interface ContentMessageMap {
  'highlight.listForPage': {
    request: MessageMap['highlight.listForPage']['request'];
    response: DrawnHighlightRecord[];
  };
  'highlight.create': { request: MessageMap['highlight.create']['request']; response: DrawnHighlightRecord };
  'highlight.setRawPositions': MessageMap['highlight.setRawPositions'];
  'page.loadTools': MessageMap['page.loadTools'];
  'citation.source': MessageMap['citation.source'];
  'settings.forPage': MessageMap['settings.forPage'];
}
export type ContentMessageType = keyof ContentMessageMap;
export type ContentRequestOf<K extends ContentMessageType> = ContentMessageMap[K]['request'];
export type ContentResponseOf<K extends ContentMessageType> = ContentMessageMap[K]['response'];

/** One kept version (`replaced.list`): what it was, and what replaced it when. */
export interface ReplacedSummary {
  seq: number;
  /** When it was replaced. */
  at: number;
  /** An imported file, or the user putting back another version. */
  cause: 'import' | 'put-back';
  /** `trashed`: a file's deletion moved the highlight to the trash. */
  change: 'replaced' | 'trashed';
  kind: 'highlight' | 'article' | 'clipping';
  /** The highlight's id, or the article's key. */
  key: string;
  /** The article's address. */
  url: string;
  /** The highlight's quote, or the article's or saved copy's title. */
  text: string;
  /** A highlight's note and tags, as they were. */
  note?: string;
  tags?: string[];
  /** The highlight was in the trash already. */
  deleted?: boolean;
}

export interface SettingsRecord {
  /** Save a clipping of the article with the first highlight on it (on by default). */
  autoClip: boolean;
  /** The style "Copy with citation" writes (APA by default). */
  citationStyle: CitationStyle;
  /** The colour a page's toolbar starts with (yellow by default). */
  defaultColor: HighlightColor;
}

/** A saved clipping: the article as it was when saved. `article.html` is sanitised; sanitise again to show. */
export interface ClippingRecord {
  /** The article's key (normalised URL), as on its highlights. */
  url: string;
  savedAt: number;
  article: ExtractedArticle;
  /** The article's images kept with the copy, by address (`utils/reader/clipping-images.ts`). */
  images?: StoredImages;
}

export interface ClippingSummary {
  url: string;
  savedAt: number;
  title: string;
}

/** What the popup's page card shows: the article's metadata, or why the page is not one. */
export interface ArticleInfo {
  /** The tab's address. */
  url: string;
  /** Null when Readability found no article body in the page. */
  article: ArticleSummary | null;
  /** The saved clipping of this page, if any, and whether the page's text now differs from it. */
  clipping: { savedAt: number; differs: boolean } | null;
}

/** The metadata of an extracted article (no body: that stays in the tab, or in a clipping). */
/** An article's note as the background answers it (`article.getNote`, `article.setNote`). */
export interface ArticleNoteRecord {
  /** The article's key. */
  url: string;
  note: string;
  noteUpdatedAt: number | null;
}

export type ArticleSummary = Omit<ExtractedArticle, 'url' | 'html' | 'text' | 'adapter'>;

export interface SearchHitRecord {
  highlight: HighlightRecord;
  /**
   * `clipped`: a clipping of the article is saved (the reader page can show it). `byline` and `publishedAt`
   * (ISO, in the paper's offset) as extraction read them, null when unknown; `createdAt`: when the article was
   * first highlighted; `count`: its highlights in the library (all of them, not only those the query found);
   * `openUrl`: the address to open it at, the one the user visited (`Article.visitedUrl`), else the key.
   */
  article: {
    url: string;
    openUrl: string;
    title: string;
    site: string;
    clipped: boolean;
    byline: string | null;
    /** The user's note on the whole article (absent or '' when none) and its version (`article.setNote`). */
    note?: string;
    noteUpdatedAt?: number | null;
    publishedAt: string | null;
    createdAt: number | null;
    count: number;
  };
  /** Per field, the folded words that matched, for marking them in the UI. */
  matches: Partial<Record<'title' | 'quote' | 'note' | 'tags', string[]>>;
}

export interface TagSummary {
  name: string;
  color: HighlightColor | null;
  count: number;
}

export type MessageType = keyof MessageMap;
export type RequestOf<K extends MessageType> = MessageMap[K]['request'];
export type ResponseOf<K extends MessageType> = MessageMap[K]['response'];

/**
 * The sync settings as a page sends them. `password` and `passphrase` left out keep the saved ones (a page is
 * never told them); an empty string removes one.
 */
export interface SyncSettingsRequest {
  config: {
    server: string;
    database: string;
    username?: string;
    password?: string;
    passphrase?: string;
  } | null;
}

/** What the library page and the popup may know of sync. */
export interface SyncStatus {
  configured: boolean;
  server: string | null;
  database: string | null;
  username: string | null;
  hasPassword: boolean;
  /** A passphrase is set: the server gets ciphertext only. */
  encrypted: boolean;
  /** Local writes not yet in a sync document. */
  pending: number;
  running: boolean;
  /** Highlights whose note has alternatives from another device, waiting for the user. */
  conflicts: number;
  /** Their ids (for the review list). */
  conflictIds: string[];
  lastRun: {
    at: number;
    ok: boolean;
    result?: { pushed: number; pulled: number; applied: number; merged: number; rejected: number };
    /** `code`: unauthorized, forbidden, missing, too-large, full, local-full, unreachable, server, stopped,
     * wrong-passphrase, passphrase-needed, not-encrypted, rekey (the page words the advice for each). */
    error?: { code: string; message: string };
  } | null;
}
