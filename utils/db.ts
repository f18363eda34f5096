/**
 * The Clipmark database. Opened only in the extension's origin (background, extension pages): in a content
 * script `indexedDB` is the web page's, visible to the site and wiped with its data.
 *
 * Schema changes add a `this.version(n + 1)` with an `.upgrade()`; old versions are never deleted.
 */
import Dexie, { type EntityTable } from 'dexie';
import type { Article, Highlight } from './schema';

export class ClipmarkDB extends Dexie {
  articles!: EntityTable<Article, 'url'>;
  highlights!: EntityTable<Highlight, 'id'>;

  constructor(name = 'clipmark') {
    super(name);
    this.version(1).stores({
      articles: 'url, updatedAt',
      highlights: 'id, url, *tags, createdAt, updatedAt',
    });
  }
}
