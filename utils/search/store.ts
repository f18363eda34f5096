/**
 * The index's data: a term dictionary, a forward store (each highlight's tokens, in order, in one pool), and
 * postings built from it. The forward store is the source of truth: phrases are checked against it, and
 * postings are rebuilt from it after a restore or a compaction.
 */
import { HIGHLIGHT_COLORS, type HighlightColor } from '../colors';
import { exactToken, foldTag, foldToken, tokenStrings } from './fold';
import { ensure, Lists } from './lists';
import type { SearchDoc } from './types';

/**
 * Between two tags in the pool, so a phrase never spans tags: term id 0, reserved for it (as the empty string,
 * which is never a token), so the pool holds only non-negative ids and fits 16 bits while the dictionary does.
 */
export const SEP = 0;
const MAX_16 = 0xffff;
/** Posting entries pack `num << 10 | tf bits` into 32 bits. */
export const MAX_NUM = 1 << 22;
// tf bits of a field posting: quote count in bits 0-4, note count in 5-8, tag presence in bit 9.
export const tfQuote = (v: number): number => v & 31;
export const tfNote = (v: number): number => (v >>> 5) & 15;
export const tfTags = (v: number): number => (v >>> 9) & 1;

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

export class Store {
  // Dictionary: an exact token (NFC, lower-case, accents kept) maps to a folded term; postings are per folded term.
  exactIds = new Map<string, number>();
  exactTerms: string[] = [];
  foldOf = new Int32Array(1024);
  foldIds = new Map<string, number>();
  foldTerms: string[] = [];
  /** Per folded term: field postings (num = doc) and title postings (num = article, bits = title tf). */
  post = new Lists();
  tpost = new Lists();
  /** Per folded term: live docs holding it in a field, live articles holding it in the title (for idf, order). */
  df = new Int32Array(1024);
  tdf = new Int32Array(1024);

  // Docs (highlights), by doc number. Removed docs stay as tombstones (alive = 0) until compaction.
  nDocs = 0;
  /** Doc ids; after a restore, read through `id(d)`: they stay packed (see `packedIds`) until asked for. */
  ids: string[] = [];
  /** Restored docs' ids as 16 bytes each (lower-case UUIDs), turned into strings one by one when asked for. */
  packedIds?: Uint8Array;
  private idMap?: Map<string, number>;
  alive = new Uint8Array(1024);
  docArt = new Int32Array(1024);
  docColor = new Uint8Array(1024);
  docCreated = new Float64Array(1024);
  /** Pool offset of the doc's tokens, then quote, note and tag token counts. */
  docStart = new Int32Array(1024);
  docLens = new Int32Array(3 * 1024);
  /** Exact-token ids, doc after doc: 16-bit until the dictionary outgrows that, then 32-bit. */
  pool: Uint16Array | Int32Array = new Uint16Array(1 << 16);
  poolLen = 0;
  tagIds = new Map<string, number>();
  tagKeys: string[] = [];
  tagDocs = new Lists();

  // Articles (pages): title tokens shared by their highlights. Dead when no live doc points at them.
  nArts = 0;
  artByUrl = new Map<string, number>();
  artUrls: string[] = [];
  artHosts: string[] = [];
  artTitles: string[] = [];
  artStart = new Int32Array(256);
  artLen = new Int32Array(256);
  artCount = new Int32Array(256);
  artDocs: number[][] = [];
  titlePool = new Int32Array(1 << 12);
  titleLen = 0;

  /** While true, `add` skips postings; `buildPostings` lays them all out at once afterwards. */
  deferPostings = false;

  // Length sums over live docs and articles, for BM25 length normalisation.
  live = 0;
  dead = 0;
  liveArts = 0;
  sums = { quote: 0, note: 0, tags: 0, title: 0 };

  constructor() {
    this.exactIds.set('', SEP);
    this.exactTerms.push('');
    this.foldIds.set('', SEP);
    this.foldTerms.push('');
    this.post.push();
    this.tpost.push();
  }

  /** Doc number by id, built on first use: a restored index that only answers queries never needs it. */
  get byId(): Map<string, number> {
    if (!this.idMap) {
      this.idMap = new Map();
      for (let d = 0; d < this.nDocs; d++) if (this.alive[d]) this.idMap.set(this.id(d), d);
    }
    return this.idMap;
  }

  /** Doc `d`'s highlight id. */
  id(d: number): string {
    let id = this.ids[d];
    if (id === undefined && this.packedIds && 16 * d < this.packedIds.length) {
      const b = this.packedIds;
      const h = (i: number) => HEX[b[16 * d + i] as number] as string;
      id = this.ids[d] =
        `${h(0)}${h(1)}${h(2)}${h(3)}-${h(4)}${h(5)}-${h(6)}${h(7)}-` +
        `${h(8)}${h(9)}-${h(10)}${h(11)}${h(12)}${h(13)}${h(14)}${h(15)}`;
    }
    return id as string;
  }

  /** The exact-token id of a raw token, adding it (and its folded term) on first sight. */
  termId(exact: string): number {
    let id = this.exactIds.get(exact);
    if (id === undefined) {
      id = this.exactTerms.length;
      this.exactIds.set(exact, id);
      this.exactTerms.push(exact);
      if (id > MAX_16 && this.pool instanceof Uint16Array) this.pool = Int32Array.from(this.pool);
      this.foldOf = ensure(this.foldOf, id + 1);
      this.foldOf[id] = this.foldId(foldToken(exact));
    }
    return id;
  }

  foldId(folded: string): number {
    let id = this.foldIds.get(folded);
    if (id === undefined) {
      id = this.foldTerms.length;
      this.foldIds.set(folded, id);
      this.foldTerms.push(folded);
      this.post.push();
      this.df = ensure(this.df, id + 1);
      this.tdf = ensure(this.tdf, id + 1);
      this.tpost.push();
    }
    return id;
  }

  private tokens(text: string, out: number[]): void {
    for (const w of tokenStrings(exactToken(text))) out.push(this.termId(w));
  }

  add(doc: SearchDoc): void {
    if (this.byId.has(doc.id)) this.remove(doc.id);
    const a = this.article(doc.url, doc.site, doc.title);
    const quote: number[] = [];
    const note: number[] = [];
    const tags: number[] = [];
    this.tokens(doc.quote, quote);
    this.tokens(doc.note, note);
    for (const tag of doc.tags) {
      if (tags.length) tags.push(SEP);
      this.tokens(tag, tags);
    }
    const d = this.nDocs++;
    this.growDocs(this.nDocs);
    this.ids[d] = doc.id;
    this.byId.set(doc.id, d);
    this.alive[d] = 1;
    this.docArt[d] = a;
    this.docColor[d] = Math.max(0, HIGHLIGHT_COLORS.indexOf(doc.color as HighlightColor));
    this.docCreated[d] = doc.createdAt;
    this.docStart[d] = this.poolLen;
    this.docLens.set([quote.length, note.length, tags.length], 3 * d);
    this.pool = ensure(this.pool, this.poolLen + quote.length + note.length + tags.length);
    for (const list of [quote, note, tags]) {
      this.pool.set(list, this.poolLen);
      this.poolLen += list.length;
    }
    if (!this.deferPostings) {
      for (let j = 0, k = this.docTerms(d); j < k; j++) {
        const f = this.outTerms[j] as number;
        this.post.append(f, ((d << 10) | (this.outBits[j] as number)) >>> 0);
        this.df[f] = (this.df[f] as number) + 1;
      }
    }
    for (const key of new Set(doc.tags.map(foldTag))) this.tagDocs.append(this.tagId(key), d);
    this.live++;
    this.link(d, a);
  }

  remove(id: string): boolean {
    const d = this.byId.get(id);
    if (d === undefined) return false;
    this.byId.delete(id);
    this.alive[d] = 0;
    this.live--;
    this.dead++;
    this.unlink(d);
    for (let j = 0, k = this.docTerms(d); j < k; j++) {
      const f = this.outTerms[j] as number;
      this.df[f] = (this.df[f] as number) - 1;
    }
    return true;
  }

  // Scratch for docTerms/titleTerms: per folded term tf bits (kept all-zero between calls), and the output.
  private acc = new Uint32Array(1024);
  outTerms = new Int32Array(256);
  outBits = new Uint32Array(256);

  /** Fills `outTerms`/`outBits` with doc `d`'s distinct folded terms and their tf bits; returns how many. */
  docTerms(d: number): number {
    const start = this.docStart[d] as number;
    const q = start + (this.docLens[3 * d] as number);
    const n = q + (this.docLens[3 * d + 1] as number);
    const end = n + (this.docLens[3 * d + 2] as number);
    this.prepare(end - start);
    const { acc, outTerms, pool, foldOf } = this;
    let k = 0;
    // Three loops rather than one with a per-field step: this runs for every token on restore.
    for (let i = start; i < q; i++) {
      const f = foldOf[pool[i] as number] as number;
      const v = acc[f] as number;
      if (v === 0) outTerms[k++] = f;
      if ((v & 31) < 31) acc[f] = v + 1;
    }
    for (let i = q; i < n; i++) {
      const f = foldOf[pool[i] as number] as number;
      const v = acc[f] as number;
      if (v === 0) outTerms[k++] = f;
      if (((v >>> 5) & 15) < 15) acc[f] = v + 32;
    }
    for (let i = n; i < end; i++) {
      const e = pool[i] as number;
      if (e === SEP) continue;
      const f = foldOf[e] as number;
      const v = acc[f] as number;
      if (v === 0) outTerms[k++] = f;
      acc[f] = v | 512;
    }
    return this.flush(k);
  }

  /** Like `docTerms` for article `a`'s title; the bits are the title tf (max 1023). */
  titleTerms(a: number): number {
    const start = this.artStart[a] as number;
    const end = start + (this.artLen[a] as number);
    this.prepare(end - start);
    const { acc, outTerms, titlePool, foldOf } = this;
    let k = 0;
    for (let i = start; i < end; i++) {
      const f = foldOf[titlePool[i] as number] as number;
      const v = acc[f] as number;
      if (v === 0) outTerms[k++] = f;
      if (v < 1023) acc[f] = v + 1;
    }
    return this.flush(k);
  }

  private prepare(tokens: number): void {
    this.acc = ensure(this.acc, this.foldTerms.length);
    this.outTerms = ensure(this.outTerms, tokens);
    this.outBits = ensure(this.outBits, tokens);
  }

  /** Moves the accumulated bits of the k collected terms to `outBits`, leaving `acc` all-zero again. */
  private flush(k: number): number {
    const { acc, outTerms, outBits } = this;
    for (let j = 0; j < k; j++) {
      const f = outTerms[j] as number;
      outBits[j] = acc[f] as number;
      acc[f] = 0;
    }
    return k;
  }

  tagId(key: string): number {
    let k = this.tagIds.get(key);
    if (k === undefined) {
      k = this.tagKeys.push(key) - 1;
      this.tagIds.set(key, k);
      this.tagDocs.push();
    }
    return k;
  }

  /** The article for a URL; a changed title or host makes a new one and moves the live docs to it. */
  private article(url: string, host: string, title: string): number {
    const old = this.artByUrl.get(url);
    if (old !== undefined && this.artTitles[old] === title && this.artHosts[old] === host) return old;
    const tokens: number[] = [];
    this.tokens(title, tokens);
    const a = this.nArts++;
    this.growArts(this.nArts);
    this.artByUrl.set(url, a);
    this.artUrls[a] = url;
    this.artHosts[a] = host.toLowerCase();
    this.artTitles[a] = title;
    this.artDocs[a] = [];
    this.artStart[a] = this.titleLen;
    this.artLen[a] = tokens.length;
    this.titlePool = ensure(this.titlePool, this.titleLen + tokens.length);
    this.titlePool.set(tokens, this.titleLen);
    this.titleLen += tokens.length;
    if (!this.deferPostings) {
      for (let j = 0, k = this.titleTerms(a); j < k; j++) {
        this.tpost.append(this.outTerms[j] as number, ((a << 10) | (this.outBits[j] as number)) >>> 0);
      }
    }
    if (old !== undefined) {
      for (const d of this.artDocs[old] as number[]) {
        if (!this.alive[d]) continue;
        this.unlink(d);
        this.link(d, a);
      }
      this.artDocs[old] = [];
    }
    return a;
  }

  /** Counts doc `d` in article `a` and in the length sums. */
  link(d: number, a: number): void {
    this.docArt[d] = a;
    (this.artDocs[a] as number[]).push(d);
    this.sums.quote += this.docLens[3 * d] as number;
    this.sums.note += this.docLens[3 * d + 1] as number;
    this.sums.tags += this.docLens[3 * d + 2] as number;
    this.artCount[a] = (this.artCount[a] as number) + 1;
    if (this.artCount[a] === 1) {
      this.liveArts++;
      this.countTitle(a, 1);
      this.sums.title += this.artLen[a] as number;
    }
  }

  private unlink(d: number): void {
    this.sums.quote -= this.docLens[3 * d] as number;
    this.sums.note -= this.docLens[3 * d + 1] as number;
    this.sums.tags -= this.docLens[3 * d + 2] as number;
    const a = this.docArt[d] as number;
    this.artCount[a] = (this.artCount[a] as number) - 1;
    if (this.artCount[a] === 0) {
      this.liveArts--;
      this.countTitle(a, -1);
      this.sums.title -= this.artLen[a] as number;
    }
  }

  private countTitle(a: number, by: number): void {
    for (let j = 0, k = this.titleTerms(a); j < k; j++) {
      const f = this.outTerms[j] as number;
      this.tdf[f] = (this.tdf[f] as number) + by;
    }
  }

  growDocs(n: number): void {
    this.alive = ensure(this.alive, n);
    this.docArt = ensure(this.docArt, n);
    this.docColor = ensure(this.docColor, n);
    this.docCreated = ensure(this.docCreated, n);
    this.docStart = ensure(this.docStart, n);
    this.docLens = ensure(this.docLens, 3 * n);
  }

  growArts(n: number): void {
    this.artStart = ensure(this.artStart, n);
    this.artLen = ensure(this.artLen, n);
    this.artCount = ensure(this.artCount, n);
  }
}
