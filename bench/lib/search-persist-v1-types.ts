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
