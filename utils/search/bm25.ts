/**
 * BM25F scoring of the docs that match every unit, over reusable per-store scratch buffers.
 */
import { FIELD_BITS } from './match';
import type { Store } from './store';
import { estimate, type Unit } from './units';

// BM25F: a word in the quote or the page title says more about a highlight than one of its tags, and more
// than its note, which is often about something else. Tags are short labels, so no length normalisation.
const W = { quote: 1, title: 1, tags: 0.6, note: 0.35 };
const B = { quote: 0.75, title: 0.5, note: 0.75 };
const K1 = 1.2;
// Field bits as module constants: read once, not through the import binding for every posting.
const { quote: QUOTE_BIT, note: NOTE_BIT, tags: TAGS_BIT, title: TITLE_BIT } = FIELD_BITS;

/** Per-store buffers reused across queries; `mark` holds generation stamps, so nothing is cleared per query. */
export interface Scratch {
  tf: Float64Array;
  score: Float64Array;
  /** Fields (FIELD_BITS) holding the current unit; fields holding every unit of the first phrase. */
  unitFields: Uint8Array;
  phraseFields: Uint8Array;
  mark: Int32Array;
  touched: Int32Array;
  gen: number;
}
const scratches = new WeakMap<Store, Scratch>();

export function scratch(s: Store): Scratch {
  let sc = scratches.get(s);
  if (!sc || sc.mark.length < s.nDocs || sc.gen > 2 ** 30) {
    const n = Math.max(1024, s.nDocs * 1.25);
    sc = {
      tf: new Float64Array(n),
      score: new Float64Array(n),
      unitFields: new Uint8Array(n),
      phraseFields: new Uint8Array(n),
      mark: new Int32Array(n),
      touched: new Int32Array(n),
      gen: 1,
    };
    scratches.set(s, sc);
  }
  return sc;
}

/** Candidates of a query without words: the rarest required tag's docs, or every live doc. Score 0. */
export function seedDocs(s: Store, tagged: ArrayLike<number> | undefined, sc: Scratch): Int32Array {
  let n = 0;
  const visit = (d: number) => {
    if (!s.alive[d]) return;
    sc.touched[n++] = d;
    sc.score[d] = 0;
  };
  if (tagged) for (let i = 0; i < tagged.length; i++) visit(tagged[i] as number);
  else for (let d = 0; d < s.nDocs; d++) visit(d);
  return sc.touched.subarray(0, n);
}

/**
 * Docs matching every unit, scored with BM25F into `sc.score`. Rarest unit first, so later units only visit
 * survivors: `mark[d] === base + i` means "matched units 0..i-1 of this query".
 */
export function intersect(s: Store, units: Unit[], sc: Scratch): Int32Array {
  const N = Math.max(1, s.live);
  const invQ = 1 / (s.sums.quote / N || 1);
  const invN = 1 / (s.sums.note / N || 1);
  const invT = 1 / (s.sums.title / Math.max(1, s.liveArts) || 1);
  const { alive, docLens, artCount, artLen, artDocs } = s;
  const { tf, score, mark, touched, unitFields, phraseFields } = sc;
  let firstPhraseUnit = true;
  const base = sc.gen;
  sc.gen += units.length + 1;
  const ordered = [...units].sort((a, b) => estimate(s, a) - estimate(s, b));
  let nt = 0;
  // Plain loops, no closures: this is the hot path (hundreds of thousands of postings for common words).
  for (let i = 0; i < ordered.length; i++) {
    const u = ordered[i] as Unit;
    const want = base + i; // the doc matched units 0..i-1
    const done = want + 1; // the doc matched this unit too
    let df = 0;
    nt = 0;
    for (let k = 0; k < u.ids.length; k++) {
      const f = u.ids[k] as number;
      const weight = u.weights[k] as number;
      const list = s.post.list(f);
      const len = s.post.lens[f] as number;
      df += s.df[f] as number;
      for (let j = 0; j < len; j++) {
        const v = list[j] as number;
        const d = v >>> 10;
        const m = mark[d] as number;
        if (m !== done && (i === 0 ? alive[d] !== 1 : m !== want)) continue;
        const tq = v & 31;
        const tn = (v >>> 5) & 15;
        let w = (v >>> 9) & 1 ? W.tags : 0;
        if (tq) w += (W.quote * tq) / (1 - B.quote + B.quote * (docLens[3 * d] as number) * invQ);
        if (tn) w += (W.note * tn) / (1 - B.note + B.note * (docLens[3 * d + 1] as number) * invN);
        w *= weight;
        const fields = (tq ? QUOTE_BIT : 0) | (tn ? NOTE_BIT : 0) | ((v >>> 9) & 1 ? TAGS_BIT : 0);
        if (m === done) {
          tf[d] = (tf[d] as number) + w;
          unitFields[d] = (unitFields[d] as number) | fields;
        } else {
          mark[d] = done;
          tf[d] = w;
          unitFields[d] = fields;
          touched[nt++] = d;
        }
      }
      const tlist = s.tpost.list(f);
      const tlen = s.tpost.lens[f] as number;
      for (let j = 0; j < tlen; j++) {
        const v = tlist[j] as number;
        const a = v >>> 10;
        const count = artCount[a] as number;
        if (!count) continue;
        df += count;
        const w = (weight * W.title * (v & 1023)) / (1 - B.title + B.title * (artLen[a] as number) * invT);
        const docs = artDocs[a] as number[];
        for (let x = 0; x < docs.length; x++) {
          const d = docs[x] as number;
          const m = mark[d] as number;
          if (m === done) {
            tf[d] = (tf[d] as number) + w;
            unitFields[d] = (unitFields[d] as number) | TITLE_BIT;
          } else if (i === 0 ? alive[d] === 1 : m === want) {
            mark[d] = done;
            tf[d] = w;
            unitFields[d] = TITLE_BIT;
            touched[nt++] = d;
          }
        }
      }
    }
    const n = Math.min(df, N);
    const idf = Math.log(1 + (N - n + 0.5) / (n + 0.5));
    for (let t = 0; t < nt; t++) {
      const d = touched[t] as number;
      const x = tf[d] as number;
      const part = (idf * x * (K1 + 1)) / (x + K1);
      score[d] = i === 0 ? part : (score[d] as number) + part;
      if (u.phrase)
        phraseFields[d] = firstPhraseUnit
          ? (unitFields[d] as number)
          : (phraseFields[d] as number) & (unitFields[d] as number);
    }
    if (u.phrase) firstPhraseUnit = false;
  }
  return touched.subarray(0, nt);
}
