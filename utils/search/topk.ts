/**
 * The k best docs by (score, newer first) in O(n log k), in typed arrays: sorting or even pushing every
 * candidate of a broad query ("của" is in most highlights) would cost more than scoring it.
 */
export class TopK {
  private readonly docs: Int32Array;
  private readonly scores: Float64Array;
  private n = 0;

  constructor(
    private readonly k: number,
    private readonly created: Float64Array,
  ) {
    this.docs = new Int32Array(k);
    this.scores = new Float64Array(k);
  }

  /** Ranks (score a, doc a) below (score b, doc b). */
  private below(sa: number, da: number, sb: number, db: number): boolean {
    return sa < sb || (sa === sb && (this.created[da] as number) < (this.created[db] as number));
  }

  offer(doc: number, score: number): void {
    const { docs, scores } = this;
    if (this.n < this.k) {
      // Sift up from the end: the root stays the worst kept.
      let i = this.n++;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!this.below(score, doc, scores[p] as number, docs[p] as number)) break;
        docs[i] = docs[p] as number;
        scores[i] = scores[p] as number;
        i = p;
      }
      docs[i] = doc;
      scores[i] = score;
      return;
    }
    if (this.k === 0 || !this.below(scores[0] as number, docs[0] as number, score, doc)) return;
    // Replace the root and sift down.
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= this.n) break;
      const r = c + 1;
      if (
        r < this.n &&
        this.below(scores[r] as number, docs[r] as number, scores[c] as number, docs[c] as number)
      )
        c = r;
      if (!this.below(scores[c] as number, docs[c] as number, score, doc)) break;
      docs[i] = docs[c] as number;
      scores[i] = scores[c] as number;
      i = c;
    }
    docs[i] = doc;
    scores[i] = score;
  }

  /** The kept docs, in no particular order. */
  take(): number[] {
    return Array.from(this.docs.subarray(0, this.n));
  }
}
