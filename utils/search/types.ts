/** Types shared by the search index, its callers and its persisted form. */
import type { HighlightColor } from '../colors';
import type { ParsedQuery } from './query';

/** What the index knows of one highlight: its text, its page's title and site, and what filters need. */
export interface SearchDoc {
  id: string;
  /** Normalised page URL; highlights of one URL share one article (title indexed once). */
  url: string;
  /** The page's host, e.g. "www.baonamdinh.vn". */
  site: string;
  title: string;
  quote: string;
  note: string;
  tags: string[];
  color: HighlightColor;
  createdAt: number;
}

export type SearchField = 'title' | 'quote' | 'note' | 'tags';

export interface SearchOptions {
  /** Hits to return (default 50). */
  limit?: number;
  /** Hits to skip, for paging (default 0). */
  offset?: number;
  /** Match the last word as a prefix while the user types (default true). */
  prefix?: boolean;
}

export interface SearchHit {
  id: string;
  /** Higher is better; comparable only within one result. */
  score: number;
  createdAt: number;
  /** Per field, the folded index terms found there — what the UI marks with `matchRanges`. */
  matches: Partial<Record<SearchField, string[]>>;
}

export interface SearchResult {
  hits: SearchHit[];
  /** All highlights that matched, before `offset`/`limit`. */
  total: number;
  query: ParsedQuery;
}

/**
 * The index as plain typed arrays and strings: structured-clone friendly, so it is stored in IndexedDB as one
 * record and read back without JSON. Strings lists are joined with U+001F, which no token, id or URL contains.
 */
export interface SerializedIndex {
  version: 1;
  exactTerms: string;
  foldTerms: string;
  foldOf: Int32Array<ArrayBuffer>;
  ids: string;
  docArt: Int32Array<ArrayBuffer>;
  docColor: Uint8Array<ArrayBuffer>;
  docCreated: Float64Array<ArrayBuffer>;
  /** Per doc: quote, note and tags token counts; the tokens are consecutive in `pool`. */
  docLens: Int32Array<ArrayBuffer>;
  /** Exact-token ids, doc after doc; 16-bit while the dictionary fits. Id 0 separates tags. */
  pool: Uint16Array<ArrayBuffer> | Int32Array<ArrayBuffer>;
  tagKeys: string;
  /** Per tag key, the docs that carry it: `tagDocStart[k]..tagDocStart[k + 1]` in `tagDocs`. */
  tagDocStart: Int32Array<ArrayBuffer>;
  tagDocs: Uint32Array<ArrayBuffer>;
  /** Field postings per folded term: `post[postStart[f]..postStart[f + 1]]`, entries `doc << 10 | tf bits`. */
  post: Uint32Array<ArrayBuffer>;
  postStart: Int32Array<ArrayBuffer>;
  /** Title postings per folded term, entries `article << 10 | title tf`. */
  tpost: Uint32Array<ArrayBuffer>;
  tpostStart: Int32Array<ArrayBuffer>;
  artUrls: string;
  artHosts: string;
  artTitles: string;
  artLens: Int32Array<ArrayBuffer>;
  titlePool: Int32Array<ArrayBuffer>;
}
