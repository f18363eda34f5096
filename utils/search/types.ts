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
 * The index as saved: strings and byte arrays, structured-clone friendly, stored in IndexedDB as one record.
 * Reading it back costs per byte, so numbers are varints (utils/search/varint.ts) and lists are gaps between
 * ascending numbers; string lists are joined with U+001F, which no token, id or URL contains. Postings stay
 * packed after a restore until a query needs them.
 */
export interface SerializedIndex {
  version: 2;
  nDocs: number;
  nArts: number;
  /** Exact tokens, commonest first (id 0, the tag separator, is the empty string), so most ids take one byte. */
  exactTerms: string;
  foldTerms: string;
  /** Per exact token, its folded term's id. */
  foldOf: Uint8Array<ArrayBuffer>;
  /** Highlight ids: 16 bytes each when every id is a lower-case UUID, else joined. */
  ids: Uint8Array<ArrayBuffer> | string;
  docArt: Uint8Array<ArrayBuffer>;
  docColor: Uint8Array<ArrayBuffer>;
  /** Creation times as differences from the previous doc's, or as they are when some is not an integer. */
  docCreated: Uint8Array<ArrayBuffer> | Float64Array<ArrayBuffer>;
  /** Per doc: quote, note and tags token counts; the tokens are consecutive in `pool`. */
  docLens: Uint8Array<ArrayBuffer>;
  /** Exact-token ids, doc after doc (`poolLen` of them). Id 0 separates tags. */
  pool: Uint8Array<ArrayBuffer>;
  poolLen: number;
  tagKeys: string;
  nTags: number;
  /** Per tag key, how many docs carry it; the docs in `tagDocs` (Lists.pack). */
  tagCounts: Uint8Array<ArrayBuffer>;
  tagDocs: Uint8Array<ArrayBuffer>;
  /** Per folded term, its field postings' length; the postings (`doc << 10 | tf bits`) in `post`. */
  postCounts: Uint8Array<ArrayBuffer>;
  post: Uint8Array<ArrayBuffer>;
  /** Title postings, entries `article << 10 | title tf`. */
  tpostCounts: Uint8Array<ArrayBuffer>;
  tpost: Uint8Array<ArrayBuffer>;
  artUrls: string;
  artHosts: string;
  artTitles: string;
  artLens: Uint8Array<ArrayBuffer>;
  /** Title tokens, article after article (`titleLen` of them). */
  titlePool: Uint8Array<ArrayBuffer>;
  titleLen: number;
}
