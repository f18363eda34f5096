/**
 * Clipmark's full-text search over highlights: quotes, notes, tags and page titles, diacritic- and
 * case-insensitive (Vietnamese first), with filters and ranking. An in-memory index for the background;
 * `serialize()` gives a structured-clone-friendly value to keep in IndexedDB for a fast cold start.
 *
 *   const index = SearchIndex.build(docs);          // or SearchIndex.restore(saved)
 *   index.search('to chuc tag:"xây dựng" after:2026-01-01', { limit: 20 });
 */
import type { Article, Highlight } from '../schema';
import { buildPostings, restore, serialize } from './persist';
import { runSearch } from './run-search';
import { MAX_NUM, Store } from './store';
import type { SearchDoc, SearchOptions, SearchResult, SerializedIndex } from './types';

export { matchRanges } from './fold';
export type { ParsedQuery } from './query';
export type {
  SearchDoc,
  SearchField,
  SearchHit,
  SearchOptions,
  SearchResult,
  SerializedIndex,
} from './types';

/** Tombstones are dropped once they are this many and a quarter of the live docs. */
const COMPACT_MIN = 1000;

export class SearchIndex {
  private constructor(private store: Store) {}

  /** An empty index. */
  static create(): SearchIndex {
    return new SearchIndex(new Store());
  }

  /** Builds an index from all docs at once: postings are laid out in one pass instead of grown per doc. */
  static build(docs: Iterable<SearchDoc>): SearchIndex {
    const store = new Store();
    store.deferPostings = true;
    for (const doc of docs) store.add(doc);
    store.deferPostings = false;
    buildPostings(store);
    return new SearchIndex(store);
  }

  /** An index from `serialize()`'s output. Throws on an unknown format: rebuild from the database then. */
  static restore(data: SerializedIndex): SearchIndex {
    return new SearchIndex(restore(data));
  }

  /** Live highlights in the index. */
  get size(): number {
    return this.store.live;
  }

  has(id: string): boolean {
    return this.store.byId.has(id);
  }

  /** Adds a highlight, replacing one with the same id. */
  add(doc: SearchDoc): void {
    if (this.store.nDocs + 1 >= MAX_NUM || this.store.nArts + 1 >= MAX_NUM) this.compact();
    this.store.add(doc);
  }

  /** Same as `add`: the new text, tags, colour or title replace the old. */
  update(doc: SearchDoc): void {
    this.add(doc);
  }

  /** Removes a highlight; false if it was not indexed. */
  remove(id: string): boolean {
    const removed = this.store.remove(id);
    if (this.store.dead >= COMPACT_MIN && this.store.dead * 4 >= this.store.live) this.compact();
    return removed;
  }

  /** Runs a query (see `parseQuery` for the syntax). Never throws on user input. */
  search(query: string, options?: SearchOptions): SearchResult {
    return runSearch(this.store, query, options);
  }

  /** The live index as typed arrays and strings (no tombstones), for `restore`. */
  serialize(): SerializedIndex {
    return serialize(this.store);
  }

  /** Drops removed docs and re-packs postings. */
  compact(): void {
    this.store = restore(serialize(this.store));
  }
}

/** The search view of a stored highlight and its page (the page's `site` if it has one, else the URL's host). */
export function toSearchDoc(
  h: Pick<Highlight, 'id' | 'url' | 'quote' | 'note' | 'tags' | 'color' | 'createdAt'>,
  article: (Pick<Article, 'title'> & Partial<Pick<Article, 'site'>>) | undefined,
): SearchDoc {
  return {
    id: h.id,
    url: h.url,
    site: article?.site || hostOf(h.url),
    title: article?.title ?? '',
    quote: h.quote.exact,
    note: h.note,
    tags: h.tags,
    color: h.color,
    createdAt: h.createdAt,
  };
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return ''; // stored URLs are validated; an unparsable one just has no site
  }
}
