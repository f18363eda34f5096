/**
 * Serialize and restore the index: live docs only (so it also compacts), renumbered in order. Postings are
 * saved with the forward store: restoring them is a copy, rebuilding them is a pass over every token, which
 * measured slower than reading the extra bytes (docs/benchmarks.md, "Search"). Bytes are what a cold start
 * pays for, so the saved form is varints (see `SerializedIndex`), and postings are unpacked term by term
 * when a query first needs them.
 */
import { inc } from './lists';
import { SEP as SEP_ID, Store } from './store';
import type { SerializedIndex } from './types';
import { ByteReader, ByteWriter, packUints, unpackUints } from './varint';

const SEP = '\u001f';
const MAX_16 = 0xffff;

export function serialize(s: Store): SerializedIndex {
  const docNum = new Int32Array(s.nDocs).fill(-1);
  const artNum = new Int32Array(s.nArts).fill(-1);
  let nDocs = 0;
  let nArts = 0;
  let poolLen = 0;
  let titleLen = 0;
  for (let d = 0; d < s.nDocs; d++) {
    if (!s.alive[d]) continue;
    docNum[d] = nDocs++;
    poolLen += docLen(s, d);
    artNum[s.docArt[d] as number] = 0;
  }
  // Articles keep their order (title postings must ascend), live ones only.
  for (let a = 0; a < s.nArts; a++) {
    if (artNum[a] === -1) continue;
    artNum[a] = nArts++;
    titleLen += s.artLen[a] as number;
  }
  // Live docs' and articles' tokens, in their new order.
  const pool = new Int32Array(poolLen);
  const ids: string[] = [];
  const docArt = new Int32Array(nDocs);
  const docColor = new Uint8Array(nDocs);
  const docCreated = new Float64Array(nDocs);
  const docLens = new Int32Array(3 * nDocs);
  for (let d = 0, p = 0; d < s.nDocs; d++) {
    const n = docNum[d] as number;
    if (n === -1) continue;
    ids.push(s.id(d));
    docArt[n] = artNum[s.docArt[d] as number] as number;
    docColor[n] = s.docColor[d] as number;
    docCreated[n] = s.docCreated[d] as number;
    docLens.set(s.docLens.subarray(3 * d, 3 * d + 3), 3 * n);
    const start = s.docStart[d] as number;
    pool.set(s.pool.subarray(start, start + docLen(s, d)), p);
    p += docLen(s, d);
  }
  const urls: string[] = new Array(nArts);
  const hosts: string[] = new Array(nArts);
  const titles: string[] = new Array(nArts);
  const artLens = new Int32Array(nArts);
  const artStart = new Int32Array(nArts);
  for (let a = 0; a < s.nArts; a++) {
    const n = artNum[a] as number;
    if (n === -1) continue;
    urls[n] = s.artUrls[a] as string;
    hosts[n] = s.artHosts[a] as string;
    titles[n] = s.artTitles[a] as string;
    artLens[n] = s.artLen[a] as number;
    artStart[n] = s.artStart[a] as number;
  }
  const titlePool = new Int32Array(titleLen);
  for (let n = 0, t = 0; n < nArts; n++) {
    const start = artStart[n] as number;
    titlePool.set(s.titlePool.subarray(start, start + (artLens[n] as number)), t);
    t += artLens[n] as number;
  }
  // Exact tokens renumbered commonest first: ids under 128 take one byte. The separator stays 0.
  const nExact = s.exactTerms.length;
  const uses = new Float64Array(nExact);
  for (let i = 0; i < poolLen; i++) inc(uses, pool[i] as number);
  for (let i = 0; i < titleLen; i++) inc(uses, titlePool[i] as number);
  uses[SEP_ID] = Infinity;
  const order = Array.from({ length: nExact }, (_, e) => e).sort(
    (a, b) => (uses[b] as number) - (uses[a] as number) || a - b,
  );
  const newId = new Int32Array(nExact);
  order.forEach((e, i) => {
    newId[e] = i;
  });
  for (let i = 0; i < poolLen; i++) pool[i] = newId[pool[i] as number] as number;
  for (let i = 0; i < titleLen; i++) titlePool[i] = newId[titlePool[i] as number] as number;
  const postCounts = new Int32Array(s.post.count);
  const tpostCounts = new Int32Array(s.tpost.count);
  const tagCounts = new Int32Array(s.tagDocs.count);
  return {
    version: 2,
    nDocs,
    nArts,
    exactTerms: order.map((e) => s.exactTerms[e] as string).join(SEP),
    foldTerms: s.foldTerms.join(SEP),
    foldOf: packUints(order.map((e) => s.foldOf[e] as number)),
    ids: packIds(ids),
    docArt: packUints(docArt),
    docColor,
    docCreated: packTimes(docCreated),
    docLens: packUints(docLens),
    pool: packUints(pool),
    poolLen,
    tagKeys: s.tagKeys.join(SEP),
    nTags: s.tagKeys.length,
    tagDocs: s.tagDocs.pack(docNum, 0, tagCounts),
    tagCounts: packUints(tagCounts),
    post: s.post.pack(docNum, 10, postCounts),
    postCounts: packUints(postCounts),
    tpost: s.tpost.pack(artNum, 10, tpostCounts),
    tpostCounts: packUints(tpostCounts),
    artUrls: urls.join(SEP),
    artHosts: hosts.join(SEP),
    artTitles: titles.join(SEP),
    artLens: packUints(artLens),
    titlePool: packUints(titlePool),
    titleLen,
  };
}

function docLen(s: Store, d: number): number {
  return (s.docLens[3 * d] as number) + (s.docLens[3 * d + 1] as number) + (s.docLens[3 * d + 2] as number);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Where the 16 bytes of a UUID's 32 hex digits sit in its 36 characters. */
const HEX_AT = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];

/** Ids as 16 bytes each when all are lower-case UUIDs (as Clipmark makes them): 16 bytes instead of 36. */
function packIds(ids: string[]): Uint8Array<ArrayBuffer> | string {
  if (!ids.every((id) => UUID.test(id))) return ids.join(SEP);
  const out = new Uint8Array(16 * ids.length);
  ids.forEach((id, d) => {
    for (let i = 0; i < 16; i++)
      out[16 * d + i] = Number.parseInt(id.slice(HEX_AT[i], (HEX_AT[i] as number) + 2), 16);
  });
  return out;
}

/** Times (ms) as varint differences from the previous one, unless one is not a safe integer. */
function packTimes(times: Float64Array<ArrayBuffer>): Uint8Array<ArrayBuffer> | Float64Array<ArrayBuffer> {
  if (!times.every((t) => Number.isSafeInteger(t))) return times;
  const w = new ByteWriter(3 * times.length + 16);
  let prev = 0;
  for (const t of times) {
    w.int(t - prev);
    prev = t;
  }
  return w.done();
}

function unpackTimes(data: Uint8Array | Float64Array, n: number): Float64Array<ArrayBuffer> {
  if (data instanceof Float64Array) {
    if (data.length !== n) throw new Error('corrupt search index');
    return data as Float64Array<ArrayBuffer>;
  }
  if (!(data instanceof Uint8Array)) throw new Error('corrupt search index');
  const out = new Float64Array(n);
  const r = new ByteReader(data);
  for (let d = 0, t = 0; d < n; d++) out[d] = t += r.int();
  r.end();
  return out;
}

/** Rebuilds a store from its serialized form; throws on a form it does not know or a damaged one (the caller
 * rebuilds from the database then). */
export function restore(data: SerializedIndex): Store {
  if (data?.version !== 2) throw new Error('unknown search index format');
  const bytes = (b: unknown): Uint8Array<ArrayBuffer> => {
    if (!(b instanceof Uint8Array)) throw new Error('corrupt search index');
    return b as Uint8Array<ArrayBuffer>;
  };
  const s = new Store();
  const { nDocs, nArts, nTags } = data;
  for (const n of [nDocs, nArts, nTags, data.poolLen, data.titleLen]) {
    if (!Number.isInteger(n) || n < 0) throw new Error('corrupt search index');
  }
  s.exactTerms = data.exactTerms.split(SEP); // never empty: id 0 is reserved
  s.foldTerms = data.foldTerms.split(SEP);
  const nExact = s.exactTerms.length;
  const nFold = s.foldTerms.length;
  s.foldOf = unpackUints(bytes(data.foldOf), new Int32Array(nExact));
  for (let e = 0; e < nExact; e++)
    if ((s.foldOf[e] as number) >= nFold) throw new Error('corrupt search index');
  s.exactTerms.forEach((t, i) => {
    s.exactIds.set(t, i);
  });
  s.foldTerms.forEach((t, i) => {
    s.foldIds.set(t, i);
  });
  s.tdf = new Int32Array(nFold); // counted as docs link to their articles below
  if (typeof data.ids === 'string') s.ids = split(data.ids, nDocs);
  else if (data.ids instanceof Uint8Array && data.ids.length === 16 * nDocs) s.packedIds = data.ids;
  else throw new Error('corrupt search index');
  s.nDocs = nDocs;
  s.alive = new Uint8Array(nDocs).fill(1);
  s.docStart = new Int32Array(nDocs);
  s.docArt = unpackUints(bytes(data.docArt), new Int32Array(nDocs), nArts);
  s.docColor = bytes(data.docColor);
  s.docCreated = unpackTimes(data.docCreated, nDocs);
  s.docLens = unpackUints(bytes(data.docLens), new Int32Array(3 * nDocs));
  const pool = nExact <= MAX_16 + 1 ? new Uint16Array(data.poolLen) : new Int32Array(data.poolLen);
  s.pool = unpackUints(bytes(data.pool), pool, nExact); // an id past the dictionary is corrupt
  s.poolLen = data.poolLen;
  s.artUrls = split(data.artUrls, nArts);
  s.artHosts = split(data.artHosts, nArts);
  s.artTitles = split(data.artTitles, nArts);
  s.nArts = nArts;
  s.growArts(nArts);
  s.artLen = unpackUints(bytes(data.artLens), new Int32Array(nArts));
  s.titlePool = unpackUints(bytes(data.titlePool), new Int32Array(data.titleLen), nExact);
  s.titleLen = data.titleLen;
  for (let a = 0, t = 0; a < nArts; t += s.artLen[a++] as number) {
    s.artStart[a] = t;
    s.artDocs[a] = [];
    s.artByUrl.set(s.artUrls[a] as string, a);
  }
  if (s.docColor.length !== nDocs) throw new Error('corrupt search index');
  let p = 0;
  for (let d = 0; d < nDocs; d++) {
    s.docStart[d] = p;
    p += docLen(s, d);
    s.live++;
    s.link(d, s.docArt[d] as number);
  }
  let t = 0;
  for (let a = 0; a < nArts; a++) t += s.artLen[a] as number;
  if (p !== s.poolLen || t !== s.titleLen) throw new Error('corrupt search index');
  s.tagKeys = split(data.tagKeys, data.nTags);
  s.tagKeys.forEach((k, i) => {
    s.tagIds.set(k, i);
  });
  s.tagDocs.setPacked(
    unpackUints(bytes(data.tagCounts), new Int32Array(s.tagKeys.length)),
    bytes(data.tagDocs),
    0,
    nDocs,
  );
  s.df = unpackUints(bytes(data.postCounts), new Int32Array(nFold));
  s.post.setPacked(s.df, bytes(data.post), 10, nDocs);
  s.tpost.setPacked(
    unpackUints(bytes(data.tpostCounts), new Int32Array(nFold)),
    bytes(data.tpost),
    10,
    nArts,
  );
  return s;
}

/** Builds all postings in one buffer per kind (two passes: count, then fill), which is what keeps them small. */
export function buildPostings(s: Store): void {
  const n = s.foldTerms.length;
  const fields = layout(n, s.nDocs, s.poolLen, (d) => (s.alive[d] ? s.docTerms(d) : 0), s);
  const titles = layout(n, s.nArts, s.titleLen, (a) => s.titleTerms(a), s);
  s.post.setFlat(fields.start, fields.flat);
  s.df = new Int32Array(n);
  for (let f = 0; f < n; f++) s.df[f] = (fields.start[f + 1] as number) - (fields.start[f] as number);
  s.tpost.setFlat(titles.start, titles.flat);
}

/**
 * Postings of `count` docs or articles as one flat array, `terms(i)` filling the store's out buffers. One pass
 * over the tokens into (term, entry) pairs, then a counting sort by term: the token pass is the costly part.
 */
function layout(n: number, count: number, tokens: number, terms: (i: number) => number, s: Store) {
  const start = new Int32Array(n + 1);
  const pairTerm = new Int32Array(tokens);
  const pairEntry = new Uint32Array(tokens);
  let m = 0;
  for (let i = 0; i < count; i++) {
    const k = terms(i);
    for (let j = 0; j < k; j++, m++) {
      const f = s.outTerms[j] as number;
      pairTerm[m] = f;
      pairEntry[m] = ((i << 10) | (s.outBits[j] as number)) >>> 0;
      inc(start, f + 1);
    }
  }
  for (let f = 0; f < n; f++) start[f + 1] = (start[f + 1] as number) + (start[f] as number);
  const flat = new Uint32Array(m);
  const fill = start.slice();
  for (let e = 0; e < m; e++) flat[inc(fill, pairTerm[e] as number)] = pairEntry[e] as number;
  return { start, flat };
}

/** Splits a joined list of `n` strings ('' is both "no strings" and "one empty string", hence `n`). */
function split(s: string, n: number): string[] {
  const list = n === 0 ? [] : s.split(SEP);
  if (list.length !== n) throw new Error('corrupt search index');
  return list;
}
