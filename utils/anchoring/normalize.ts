/**
 * The normalisation anchoring measures text in, for strings and for a page's raw text with its offsets mapped
 * (text-index.ts builds a DOM subtree's on it).
 *
 * Selectors are measured over this text (see `utils/selectors.ts`), so a quote saved on one encoding of a page
 * (NFC "dựng sẵn", collapsed whitespace) anchors on another (NFD "tổ hợp", different line breaks).
 *
 * How it is built, in one pass over the raw text (all included text nodes joined, nothing added between them):
 * - whitespace runs (any `\s`, NBSP included, across node boundaries) become one space; leading ones are dropped;
 * - every other character belongs to a *cluster*: one code point plus the combining marks (and Hangul vowel/final
 *   jamo, which also compose) after it, even across node boundaries. Clusters are NFC-normalised one at a
 *   time, and every output code unit is mapped to its cluster's source range, so composition that changes
 *   length ("e" + U+0302 + U+0301 → "ế") still maps exactly.
 * The mapping: `map[k]` is the raw offset where the cluster (or whitespace run) of output code unit k starts,
 * and `map[text.length]` the raw length. Clusters partition the raw text, so a cluster ends where the next one
 * starts. The index keeps it as runs of constant `map[k] - k` (`OffsetMap`).
 */

// Per-BMP-code-unit facts, filled in lazily on first sight so the cost is paid per distinct character.
const KNOWN = 1;
const SPACE = 2;
/** Extends the preceding cluster: a combining mark, or a Hangul vowel/final jamo (these compose under NFC). */
const JOINS = 4;
/** Changes under NFC even alone (singletons such as U+212B ANGSTROM SIGN, CJK compatibility ideographs). */
const UNSTABLE = 8;
const facts = new Uint8Array(0x10000);
const SPACE_RE = /^\s$/u;
const MARK_RE = /^\p{M}$/u;

function isHangulJoiner(cp: number): boolean {
  return (cp >= 0x1160 && cp <= 0x11ff) || (cp >= 0xd7b0 && cp <= 0xd7ff);
}

function factsOf(c: number): number {
  let f = facts[c] ?? 0;
  if (f !== 0) return f;
  f = KNOWN;
  const s = String.fromCharCode(c);
  if (SPACE_RE.test(s)) f |= SPACE;
  // Nothing below U+0300 is a mark or changes under NFC; surrogates are handled as pairs by the callers.
  else if (c >= 0x300 && (c < 0xd800 || c > 0xdfff)) {
    if (MARK_RE.test(s) || isHangulJoiner(c)) f |= JOINS;
    if (s.normalize('NFC') !== s) f |= UNSTABLE;
  }
  facts[c] = f;
  return f;
}

/**
 * Length (1 or 2) of a code point at `i` that joins the preceding cluster, or 0 if it does not. Astral code
 * points join only if they are marks (the one astral non-mark that composes, Kirat Rai U+16D67, is not).
 */
function joinerLength(raw: string, i: number): number {
  const c = raw.charCodeAt(i);
  if (c < 0x300) return 0;
  if (c >= 0xd800 && c <= 0xdbff) {
    const cp = raw.codePointAt(i) ?? c;
    return cp > 0xffff && MARK_RE.test(String.fromCodePoint(cp)) ? 2 : 0;
  }
  return factsOf(c) & JOINS ? 1 : 0;
}

/**
 * Characters that NFC leaves alone, that never join a neighbour (no marks, no jamo) and that are not whitespace:
 * printable ASCII, Latin-1 and Latin Extended-A/B (U+00A1–U+024F), precomposed Latin Extended Additional
 * (U+1E00–U+1EFF, Vietnamese), typographic punctuation (U+2010–U+2027 dashes, quotes, ellipsis; U+2030–U+205E)
 * — checked exhaustively by a unit test. A run of them with single ASCII spaces between is already normal and
 * maps one to one, unless a combining mark follows its last character. Here: their ranges and the space, as a
 * regex class body (`isPlain` tests the same ranges without the space).
 */
const PLAIN_OR_SPACE = '\\x20-\\x7e\\xa1-\\u024f\\u1e00-\\u1eff\\u2010-\\u2027\\u2030-\\u205e';
/** Where a run of plain characters ends: a character neither plain nor a space, or a space more whitespace follows. */
const PLAIN_RUN_END = new RegExp(`[^${PLAIN_OR_SPACE}]| (?=\\s)`, 'g');

/** True for the plain characters (those `PLAIN_RUN_END` does not stop at, but the space). */
export function isPlain(c: number): boolean {
  return (
    (c >= 0x21 && c <= 0x7e) ||
    (c >= 0xa1 && c <= 0x24f) ||
    (c >= 0x1e00 && c <= 0x1eff) ||
    (c >= 0x2010 && c <= 0x2027) ||
    (c >= 0x2030 && c <= 0x205e)
  );
}

/** Something `normalizeText` may change: a character that is not plain (or a space), or two spaces in a row. */
const NOT_NORMAL = new RegExp(`[^${PLAIN_OR_SPACE}]| {2}`);

/** NFC + whitespace runs collapsed to one space: the normalisation of the index, for strings (quotes). */
export function normalizeText(s: string): string {
  // Plain characters and single spaces are already normal (see `isPlain`): most quotes, checked in one scan.
  if (!NOT_NORMAL.test(s)) return s;
  return s.normalize('NFC').replace(/\s+/gu, ' ');
}

/**
 * The mapping of a normalisation, kept as runs: `map[k] - k` is constant along text that maps one to one, so
 * only the output offsets where it changes are stored (`starts`, ascending, the first 0) with the new difference
 * (`deltas`). A page of a million characters has a few thousand runs (one per whitespace run between paragraphs,
 * per composed cluster…) instead of a million-entry array.
 */
export class OffsetMap {
  constructor(
    private readonly starts: Int32Array,
    private readonly deltas: Int32Array,
    /** Output length + 1: `at` is defined for 0..`size - 1` (the last is the text's end). */
    readonly size: number,
  ) {}

  /** Index of the run holding output offset k. */
  private runOf(k: number): number {
    const { starts } = this;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((starts[mid] as number) <= k) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** `map[k]`: the raw offset of output offset k (0 ≤ k < size). */
  at(k: number): number {
    return k + (this.deltas[this.runOf(k)] as number);
  }

  /** The first k with `map[k] >= p`, or `size - 1` when none (the map is non-decreasing). */
  firstAtLeast(p: number): number {
    const { starts, deltas, size } = this;
    const runs = starts.length;
    // The first run whose last entry reaches p; within a run the map rises by one per output offset.
    let lo = 0;
    let hi = runs;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const last = (mid + 1 < runs ? (starts[mid + 1] as number) : size) - 1;
      if (last + (deltas[mid] as number) >= p) hi = mid;
      else lo = mid + 1;
    }
    if (lo === runs) return size - 1;
    return Math.max(starts[lo] as number, p - (deltas[lo] as number));
  }

  /** How many runs the map is kept as. */
  get runs(): number {
    return this.starts.length;
  }

  /** The whole map as an array (tests). */
  toArray(): Int32Array {
    const map = new Int32Array(this.size);
    for (let k = 0; k < this.size; k++) map[k] = this.at(k);
    return map;
  }
}

/**
 * The normalisation of `raw` (see the top of this file) with its mapping as an `OffsetMap`. A run of plain
 * characters with single spaces between (`isPlain`) is already normal: one regex search finds where it ends,
 * and it costs one map entry at most, so a cold index of a long page costs little JavaScript per character;
 * everything else goes cluster by cluster. `fastPath: false` sends everything cluster by cluster (tests compare
 * the two).
 */
export function normalizeWithOffsets(raw: string, fastPath = true): { text: string; map: OffsetMap } {
  const n = raw.length;
  const starts: number[] = [];
  const deltas: number[] = [];
  let current = Number.NaN; // the difference of the run under way
  let out = 0; // output length so far
  const parts: string[] = []; // the output, as slices of raw plus replacements
  let copyFrom = 0; // start of the raw run not yet flushed to `parts` (copied unchanged)

  /** Maps the next `count` output code units one to one onto raw offsets from `from`. */
  const follow = (from: number, count: number) => {
    if (from - out !== current) {
      current = from - out;
      starts.push(out);
      deltas.push(current);
    }
    out += count;
  };
  /** Maps the next `count` output code units all to raw offset `from`. */
  const mapTo = (from: number, count: number) => {
    for (let k = 0; k < count; k++) follow(from, 1);
  };
  /** Outputs `s` in place of raw[from, to), every code unit mapped to `from`. */
  const replace = (s: string, from: number, to: number) => {
    if (copyFrom < from) parts.push(raw.slice(copyFrom, from));
    parts.push(s);
    copyFrom = to;
    mapTo(from, s.length);
  };

  let i = 0;
  while (i < n) {
    const c = raw.charCodeAt(i);
    if (fastPath && isPlain(c)) {
      // The run goes on to the first character that is not plain, or a space that another whitespace follows.
      PLAIN_RUN_END.lastIndex = i;
      let j = PLAIN_RUN_END.exec(raw)?.index ?? n;
      // The run's last character starts a cluster if a combining mark follows ("e" + U+0301): leave it to the
      // cluster code. (Marks are never plain, so only the last character can be affected.)
      if (j < n && joinerLength(raw, j) > 0) j--;
      if (j > i) {
        follow(i, j - i); // one to one: map[out + t] = i + t
        i = j;
        continue;
      }
    }
    const f = factsOf(c);
    if (f & SPACE) {
      let j = i + 1;
      while (j < n && factsOf(raw.charCodeAt(j)) & SPACE) j++;
      if (out === 0) {
        replace('', i, j); // leading whitespace of the whole text is dropped
      } else if (c === 0x20 && j === i + 1) {
        mapTo(i, 1); // a lone ASCII space is already normal: keep copying
      } else {
        replace(' ', i, j);
      }
      i = j;
      continue;
    }
    // The cluster: this code point plus every joining code point after it.
    let j = i + (c >= 0xd800 && c <= 0xdbff && (raw.codePointAt(i) ?? 0) > 0xffff ? 2 : 1);
    let len = j < n ? joinerLength(raw, j) : 0;
    while (len > 0) {
      j += len;
      len = j < n ? joinerLength(raw, j) : 0;
    }
    if (j === i + 1 && !(f & UNSTABLE)) {
      mapTo(i++, 1);
      continue;
    }
    const cluster = raw.slice(i, j);
    const nfc = cluster.normalize('NFC');
    if (nfc === cluster) mapTo(i, nfc.length);
    else replace(nfc, i, j);
    i = j;
  }
  if (copyFrom < n) parts.push(raw.slice(copyFrom));
  mapTo(n, 1);
  const text = parts.length === 1 ? (parts[0] as string) : parts.join('');
  return { text, map: new OffsetMap(Int32Array.from(starts), Int32Array.from(deltas), out) };
}

/** Normalises `raw` as described at the top of this file, with `map` as an array (tests). */
export function normalizeWithMap(raw: string, fastPath = true): { text: string; map: Int32Array } {
  const { text, map } = normalizeWithOffsets(raw, fastPath);
  return { text, map: map.toArray() };
}

/** A string of whitespace alone (what a whitespace run is in `normalizeWithOffsets`: `\s`). */
const WHITESPACE_ONLY = /^\s+$/;

/** Whether `data` is whitespace alone (it normalises to one space, or none at the start). */
export function isWhitespaceOnly(data: string): boolean {
  return (factsOf(data.charCodeAt(0)) & SPACE) !== 0 && WHITESPACE_ONLY.test(data);
}
