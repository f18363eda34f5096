/**
 * The Clipmark database. Opened only in the extension's origin (background, extension pages): in a content
 * script `indexedDB` is the web page's, visible to the site and wiped with its data.
 *
 * Schema changes add a `this.version(n + 1)` with an `.upgrade()`; old versions are never deleted.
 */
import Dexie, { type EntityTable, type Transaction } from 'dexie';
import type { Article, Clipping, Highlight, Settings, TagRecord, TrashEntry } from './schema';
import type { SerializedIndex } from './search';
import { canonicalTags } from './tags';
import { siteOf } from './url';

export class ClipmarkDB extends Dexie {
  articles!: EntityTable<Article, 'url'>;
  highlights!: EntityTable<Highlight, 'id'>;
  tags!: EntityTable<TagRecord, 'key'>;
  trash!: EntityTable<TrashEntry, 'id'>;
  /** The search index, saved whole for a fast start after the service worker was stopped. */
  searchIndex!: EntityTable<SavedSearchIndex, 'key'>;
  /** Saved copies of articles (text, HTML, metadata), one per article URL. */
  clippings!: EntityTable<Clipping, 'url'>;
  /** The user's settings, one row per setting. */
  settings!: EntityTable<SettingRow, 'key'>;

  constructor(name = 'clipmark') {
    super(name);
    // v1 (0.1.0): articles by URL; highlights with a multi-entry tag index.
    this.version(1).stores({
      articles: 'url, updatedAt',
      highlights: 'id, url, *tags, createdAt, updatedAt',
    });
    // v2: articles get `site` and `meta`; a tags table unique by folded name; a trash for undoable deletes.
    this.version(2)
      .stores({
        articles: 'url, site, updatedAt',
        highlights: 'id, url, *tags, color, createdAt, updatedAt',
        tags: 'key, name',
        trash: 'id, deletedAt',
      })
      .upgrade(upgradeToV2);
    // v3: a saved search index (derived data: safe to drop, rebuilt from the highlights when missing or stale).
    this.version(3).stores({ searchIndex: 'key' });
    // v4: clippings (saved article copies) and settings. New tables only: nothing to upgrade.
    this.version(4).stores({ clippings: 'url, savedAt', settings: 'key' });
  }
}

/** The search index as saved, with the fingerprint of the library it was built from. */
export interface SavedSearchIndex {
  key: 'main';
  fingerprint: string;
  data: SerializedIndex;
}

/** One setting as stored. */
export interface SettingRow<K extends keyof Settings = keyof Settings> {
  key: K;
  value: Settings[K];
}

async function upgradeToV2(tx: Transaction): Promise<void> {
  await tx
    .table('articles')
    .toCollection()
    .modify((article: Partial<Article> & { url: string }) => {
      article.site ??= siteOf(article.url);
      article.meta ??= {};
    });
  // Build the tag table from the tags already on highlights: first spelling wins, others are renamed to it.
  const known = new Map<string, string>();
  const now = Date.now();
  await tx
    .table('highlights')
    .toCollection()
    .modify((highlight: Highlight) => {
      highlight.tags = canonicalTags(highlight.tags, known);
    });
  await tx
    .table('tags')
    .bulkPut([...known].map(([key, name]): TagRecord => ({ key, name, color: null, createdAt: now })));
}
