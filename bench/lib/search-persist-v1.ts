/**
 * The saved form v1 (Clipmark before the v2 form in utils/search/persist.ts), kept for bench/search-idb.ts to
 * time it beside v2 in one run. Not used by the extension.
 *
 * Serialize and restore the index: live docs only (so it also compacts), renumbered in order. Postings are
 * saved with the forward store: restoring them is a copy, rebuilding them is a pass over every token, which
 * measured slower than reading the extra bytes (docs/benchmarks.md, "Search").
 */
import type { Lists } from '../../utils/search/lists';
import { Store } from '../../utils/search/store';
import type { SerializedIndex } from './search-persist-v1-types';

const SEP = '\u001f';

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
    const a = s.docArt[d] as number;
    if (artNum[a] === -1) {
      artNum[a] = nArts++;
      titleLen += s.artLen[a] as number;
    }
  }
  const out: SerializedIndex = {
    version: 1,
    exactTerms: s.exactTerms.join(SEP),
    foldTerms: s.foldTerms.join(SEP),
    foldOf: s.foldOf.slice(0, s.exactTerms.length),
    ids: '',
    docArt: new Int32Array(nDocs),
    docColor: new Uint8Array(nDocs),
    docCreated: new Float64Array(nDocs),
    docLens: new Int32Array(3 * nDocs),
    pool: new Int32Array(0),
    tagKeys: s.tagKeys.join(SEP),
    tagDocStart: new Int32Array(s.tagKeys.length + 1),
    tagDocs: new Uint32Array(0),
    post: new Uint32Array(0),
    postStart: new Int32Array(0),
    tpost: new Uint32Array(0),
    tpostStart: new Int32Array(0),
    artUrls: '',
    artHosts: '',
    artTitles: '',
    artLens: new Int32Array(nArts),
    titlePool: new Int32Array(titleLen),
  };
  const pool = s.pool instanceof Uint16Array ? new Uint16Array(poolLen) : new Int32Array(poolLen);
  const ids: string[] = [];
  let p = 0;
  for (let d = 0; d < s.nDocs; d++) {
    const n = docNum[d] as number;
    if (n === -1) continue;
    ids.push(s.ids[d] as string);
    out.docArt[n] = artNum[s.docArt[d] as number] as number;
    out.docColor[n] = s.docColor[d] as number;
    out.docCreated[n] = s.docCreated[d] as number;
    out.docLens.set(s.docLens.subarray(3 * d, 3 * d + 3), 3 * n);
    const start = s.docStart[d] as number;
    pool.set(s.pool.subarray(start, start + docLen(s, d)), p);
    p += docLen(s, d);
  }
  out.ids = ids.join(SEP);
  out.pool = pool;
  const urls: string[] = new Array(nArts);
  const hosts: string[] = new Array(nArts);
  const titles: string[] = new Array(nArts);
  const artStart = new Int32Array(nArts);
  for (let a = 0; a < s.nArts; a++) {
    const n = artNum[a] as number;
    if (n === -1) continue;
    urls[n] = s.artUrls[a] as string;
    hosts[n] = s.artHosts[a] as string;
    titles[n] = s.artTitles[a] as string;
    out.artLens[n] = s.artLen[a] as number;
    artStart[n] = s.artStart[a] as number;
  }
  let t = 0;
  for (let n = 0; n < nArts; n++) {
    const start = artStart[n] as number;
    out.titlePool.set(s.titlePool.subarray(start, start + (out.artLens[n] as number)), t);
    t += out.artLens[n] as number;
  }
  [out.artUrls, out.artHosts, out.artTitles] = [urls.join(SEP), hosts.join(SEP), titles.join(SEP)];
  ({ start: out.tagDocStart, flat: out.tagDocs } = remap(s.tagDocs, docNum, 0));
  ({ start: out.postStart, flat: out.post } = remap(s.post, docNum, 10));
  ({ start: out.tpostStart, flat: out.tpost } = remap(s.tpost, artNum, 10));
  return out;
}

/**
 * Lists with their numbers renumbered by `map` (-1: dropped), as one flat array. Entries hold the number
 * shifted left by `shift` bits, the low bits (tf) kept as they are.
 */
function remap(
  lists: Lists,
  map: Int32Array,
  shift: number,
): { start: Int32Array<ArrayBuffer>; flat: Uint32Array<ArrayBuffer> } {
  const start = new Int32Array(lists.count + 1);
  const keep = (v: number) => (map[v >>> shift] as number) !== -1;
  for (let k = 0; k < lists.count; k++) {
    const list = lists.items[k] as Uint32Array;
    let n = 0;
    for (let i = 0; i < (lists.lens[k] as number); i++) if (keep(list[i] as number)) n++;
    start[k + 1] = (start[k] as number) + n;
  }
  const flat = new Uint32Array(start[lists.count] as number);
  const low = (1 << shift) - 1;
  for (let k = 0, o = 0; k < lists.count; k++) {
    const list = lists.items[k] as Uint32Array;
    for (let i = 0; i < (lists.lens[k] as number); i++) {
      const v = list[i] as number;
      const to = map[v >>> shift] as number;
      if (to !== -1) flat[o++] = ((to << shift) | (v & low)) >>> 0;
    }
  }
  return { start, flat };
}

function docLen(s: Store, d: number): number {
  return (s.docLens[3 * d] as number) + (s.docLens[3 * d + 1] as number) + (s.docLens[3 * d + 2] as number);
}

/** Rebuilds a store from its serialized form; throws on a form it does not know (the caller rebuilds from the DB). */
export function restore(data: SerializedIndex): Store {
  if (data?.version !== 1) throw new Error('unknown search index format');
  const s = new Store();
  s.exactTerms = split(data.exactTerms, data.foldOf.length);
  s.foldTerms = data.foldTerms.split(SEP); // never empty: id 0 is reserved
  s.foldOf = data.foldOf;
  s.exactTerms.forEach((t, i) => {
    s.exactIds.set(t, i);
  });
  s.foldTerms.forEach((t, i) => {
    s.foldIds.set(t, i);
  });
  s.tdf = new Int32Array(s.foldTerms.length); // counted as docs link to their articles below
  s.ids = split(data.ids, data.docArt.length);
  s.nDocs = s.ids.length;
  // The saved arrays are adopted, not copied (fresh memory is what a cold start pays for): the store only
  // appends past their end, which reallocates, so they are never written in place.
  s.alive = new Uint8Array(s.nDocs).fill(1);
  s.docStart = new Int32Array(s.nDocs);
  s.docArt = data.docArt;
  s.docColor = data.docColor;
  s.docCreated = data.docCreated;
  s.docLens = data.docLens;
  s.pool = data.pool;
  s.poolLen = s.pool.length;
  s.artUrls = split(data.artUrls, data.artLens.length);
  s.artHosts = split(data.artHosts, data.artLens.length);
  s.artTitles = split(data.artTitles, data.artLens.length);
  s.nArts = s.artUrls.length;
  s.growArts(s.nArts);
  s.artLen = data.artLens;
  s.titlePool = data.titlePool;
  s.titleLen = s.titlePool.length;
  for (let a = 0, t = 0; a < s.nArts; t += s.artLen[a++] as number) {
    s.artStart[a] = t;
    s.artDocs[a] = [];
    s.artByUrl.set(s.artUrls[a] as string, a);
  }
  for (let d = 0, p = 0; d < s.nDocs; d++) {
    s.docStart[d] = p;
    p += docLen(s, d);
    s.live++;
    s.link(d, s.docArt[d] as number);
  }
  s.tagKeys = split(data.tagKeys, data.tagDocStart.length - 1);
  s.tagKeys.forEach((k, i) => {
    s.tagIds.set(k, i);
  });
  s.tagDocs.setFlat(data.tagDocStart, data.tagDocs);
  s.post.setFlat(data.postStart, data.post);
  s.tpost.setFlat(data.tpostStart, data.tpost);
  s.df = new Int32Array(s.foldTerms.length);
  for (let f = 0; f < s.df.length; f++)
    s.df[f] = (data.postStart[f + 1] as number) - (data.postStart[f] as number);
  return s;
}

/** Splits a joined list of `n` strings ('' is both "no strings" and "one empty string", hence `n`). */
function split(s: string, n: number): string[] {
  return n === 0 ? [] : s.split(SEP);
}
