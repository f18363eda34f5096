/**
 * Approximate quote matching, the last resort of `anchorInIndex` once no exact copy of the quote is left.
 *
 * Hypothesis' matcher (which this follows: Myers' algorithm, score 50·quote + 20·prefix + 20·suffix + 2·position)
 * is known to land on unrelated text and to be slow with many annotations. Here:
 * - the quote must be ≥ 80% similar *and* the weighted score must clear `MIN_SCORE`, which a look-alike sentence
 *   with unrelated context cannot reach (see the numbers below);
 * - context is compared aligned to the match (edit distance to the text right before/after it), not searched
 *   for anywhere nearby, so a prefix that merely shares letters scores low;
 * - the text near the old position is searched first — just around where the quote should start now (the old
 *   start moved by the caller's `shift`), then ±`NEAR` of the old start — and only if nothing there is good
 *   enough, the whole text;
 * - the whole text is searched in overlapping chunks: Myers reports only the lowest-error matches of a search,
 *   so one global search would let a closer look-alike elsewhere hide the edited passage itself.
 */
import search from 'approx-string-match';

export interface FuzzyQuote {
  exact: string;
  prefix: string;
  suffix: string;
}

/** Below this, the matched text is not the quote, whatever the context says. */
export const MIN_QUOTE_SIMILARITY = 0.8;
/**
 * Out of 92. One word changed with intact context scores ~88; a look-alike sentence (quote ≥ 0.8) with unrelated
 * context (edit-distance similarity ~0.2–0.35 on 32 characters) scores ≤ ~57, and ~65 even with one side similar.
 * 70 keeps both clear; it still accepts a small change to the quote plus one side of its context.
 */
export const MIN_SCORE = 70;
/** Characters searched on each side of the old position before searching everything. */
const NEAR = 2048;
/**
 * Slack on each side of the first, narrowest window (the quote's length on each side of where it should start,
 * plus this and the error budget): room for edits before the quote that the caller's shift does not know about.
 */
const CLOSE_MARGIN = 64;

/** Levenshtein distance, two rows; only used on context strings (≤ 64 characters). */
function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let row = new Array<number>(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const sub = (prev[j - 1] ?? 0) + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1);
      row[j] = Math.min(sub, (prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1);
    }
    [prev, row] = [row, prev];
  }
  return prev[b.length] ?? 0;
}

/** 0..1 similarity of a saved context string to the text actually next to a candidate. */
function contextSimilarity(saved: string, actual: string, atEdge: boolean): number {
  // An empty saved context means the quote touched the start/end of the text: no evidence unless that still holds.
  if (!saved) return atEdge ? 1 : 0.5;
  return 1 - editDistance(saved, actual) / Math.max(saved.length, actual.length);
}

interface Candidate {
  start: number;
  end: number;
  errors: number;
}

/** Myers search over text[from, to) in overlapping chunks, so each region reports its own best matches. */
function candidatesIn(
  text: string,
  pattern: string,
  maxErrors: number,
  from: number,
  to: number,
): Candidate[] {
  const overlap = pattern.length + maxErrors; // a match is never longer than this
  const chunk = Math.max(2048, 4 * overlap);
  const found = new Map<string, Candidate>();
  for (let at = from; at < to; at += chunk - overlap) {
    const end = Math.min(to, at + chunk);
    for (const m of search(text.slice(at, end), pattern, maxErrors)) {
      const c = { start: m.start + at, end: m.end + at, errors: m.errors };
      found.set(`${c.start}:${c.end}`, c);
    }
    if (end === to) break;
  }
  return [...found.values()];
}

/** The error budget of a quote: a quarter of its length, at most 32. */
const maxErrorsOf = (exact: string) => Math.min(32, Math.floor(exact.length / 4));

/** A candidate's start and end without the spaces at its ends, or null if nothing is left. */
function trimmed(text: string, { start, end }: Candidate): { start: number; end: number } | null {
  let s = start;
  let e = end;
  while (s < e && text.charCodeAt(s) === 0x20) s++;
  while (e > s && text.charCodeAt(e - 1) === 0x20) e--;
  return s < e ? { start: s, end: e } : null;
}

/** Picks the best-scoring candidate that passes both thresholds (see the numbers above), or null. */
function bestCandidate(
  text: string,
  quote: FuzzyQuote,
  candidates: Candidate[],
  hint?: number,
): Candidate | null {
  const { exact } = quote;
  const prefix = quote.prefix.slice(-64);
  const suffix = quote.suffix.slice(0, 64);
  let winner: Candidate | null = null;
  let winnerScore = -1;
  for (const c of candidates) {
    const quoteSimilarity = 1 - c.errors / exact.length;
    if (quoteSimilarity < MIN_QUOTE_SIMILARITY) continue;
    const before = text.slice(Math.max(0, c.start - prefix.length), c.start);
    const after = text.slice(c.end, c.end + suffix.length);
    const closeness = hint === undefined ? 1 : 1 - Math.min(1, Math.abs(c.start - hint) / text.length);
    const score =
      50 * quoteSimilarity +
      20 * contextSimilarity(prefix, before, c.start === 0) +
      20 * contextSimilarity(suffix, after, c.end === text.length) +
      2 * closeness;
    if (score >= MIN_SCORE && score > winnerScore) {
      winner = c;
      winnerScore = score;
    }
  }
  return winner;
}

/**
 * Where the quote should start now (`hint + shift`), ± its length and a margin: the first window `fuzzyMatch`
 * searches, a few hundred characters instead of the whole text.
 */
function closeWindow(text: string, exact: string, hint: number, shift: number): [number, number] {
  const expected = Math.min(text.length, Math.max(0, hint + Math.trunc(shift)));
  const slack = exact.length + maxErrorsOf(exact) + CLOSE_MARGIN;
  return [Math.max(0, expected - slack), Math.min(text.length, expected + 2 * slack)];
}

/** Context shorter than this on either side is too little evidence for `fuzzyInPlace`. */
const MIN_BRACKET = 16;

/** Levenshtein distance of `a` and `b` if it is at most `max`, else `max + 1`; only cells within `max` of the diagonal. */
export function boundedEditDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  // A common start and end never add to the distance: an edited quote leaves only the changed words.
  let head = 0;
  while (head < a.length && head < b.length && a.charCodeAt(head) === b.charCodeAt(head)) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a.charCodeAt(a.length - 1 - tail) === b.charCodeAt(b.length - 1 - tail)
  )
    tail++;
  if (head > 0 || tail > 0)
    return boundedEditDistance(a.slice(head, a.length - tail), b.slice(head, b.length - tail), max);
  const inf = max + 1;
  let prev = new Int32Array(b.length + 1).fill(inf);
  let row = new Int32Array(b.length + 1);
  for (let j = 0; j <= Math.min(b.length, max); j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const lo = Math.max(1, i - max);
    const hi = Math.min(b.length, i + max);
    // Only the band is computed; the cells just outside it, which the next row reads, are set to "too far".
    row[lo - 1] = lo === 1 && i <= max ? i : inf;
    if (hi < b.length) row[hi + 1] = inf;
    let best = row[lo - 1] as number;
    for (let j = lo; j <= hi; j++) {
      const sub = (prev[j - 1] as number) + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1);
      const v = Math.min(sub, (prev[j] as number) + 1, (row[j - 1] as number) + 1, inf);
      row[j] = v;
      if (v < best) best = v;
    }
    if (best > max) return inf;
    [prev, row] = [row, prev];
  }
  return Math.min(prev[b.length] as number, inf);
}

/**
 * The quote edited in place: in the close window (see `fuzzyMatch`), the saved prefix and suffix both found
 * intact, with between them a passage within the quote's error budget and similarity threshold. The passage is
 * exactly what lies between the two (spaces at its ends trimmed), the bracket nearest where the quote should
 * start winning. Null when a side has less than `MIN_BRACKET` characters of context, or nothing fits.
 * `anchorInIndex` takes such a match before looking for exact copies elsewhere: the context is stronger evidence.
 */
export function fuzzyInPlace(
  text: string,
  quote: FuzzyQuote,
  hint: number,
  shift: number,
): { start: number; end: number } | null {
  const { exact, prefix, suffix } = quote;
  const maxErrors = maxErrorsOf(exact);
  if (maxErrors === 0 || prefix.length < MIN_BRACKET || suffix.length < MIN_BRACKET) return null;
  if (!Number.isFinite(hint) || !Number.isFinite(shift)) return null;
  const [from, to] = closeWindow(text, exact, hint, shift);
  const expected = hint + Math.trunc(shift);
  let best: { start: number; end: number } | null = null;
  // Searched in slices (O(1) in engines), so a search past the last occurrence stops at the window's end.
  const hayFrom = Math.max(0, from - prefix.length);
  const hay = text.slice(hayFrom, to);
  for (let k = hay.indexOf(prefix); k !== -1; k = hay.indexOf(prefix, k + 1)) {
    const start = hayFrom + k + prefix.length;
    // The suffix where the passage would end: its length within the error budget of the quote's.
    const min = start + Math.max(0, exact.length - maxErrors);
    const s = text.slice(min, start + exact.length + maxErrors + suffix.length).indexOf(suffix);
    if (s === -1) continue;
    const passage = trimmed(text, { start, end: min + s, errors: 0 });
    if (!passage) continue;
    const errors = boundedEditDistance(text.slice(passage.start, passage.end), exact, maxErrors);
    if (errors > maxErrors || 1 - errors / exact.length < MIN_QUOTE_SIMILARITY) continue;
    if (!best || Math.abs(passage.start - expected) < Math.abs(best.start - expected)) best = passage;
  }
  return best;
}

/** Characters of the quote's start and end that `fuzzyBracketed` wants intact. */
const BRACKET_ENDS = 24;

/**
 * The quote grown or rewritten in its middle — beyond the error budget — while its first and last words, and the
 * start of its suffix, are still there as saved: near where the quote should start, the quote's last
 * `BRACKET_ENDS` characters followed by the saved suffix's first (at least `MIN_BRACKET`), and before them its
 * first `BRACKET_ENDS` characters, the passage between 0.6 and 1.6 times the quote's length and at least 60%
 * alike. The prefix is not needed (a paragraph inserted just before the quote replaces it), which is why both
 * ends of the quote and the suffix must be exact — or, when the quote's first words changed as well, the end of
 * the saved prefix (its last 32 characters, at least `MIN_BRACKET`) must be, and the passage starts right after
 * it. The candidate nearest where the quote should start wins.
 * Null for quotes shorter than three times `BRACKET_ENDS`, without a hint, or when nothing fits.
 */
export function fuzzyBracketed(
  text: string,
  quote: FuzzyQuote,
  hint: number,
  shift = 0,
): { start: number; end: number } | null {
  const { exact, suffix } = quote;
  if (exact.length < 3 * BRACKET_ENDS || suffix.length < MIN_BRACKET) return null;
  if (!Number.isFinite(hint) || !Number.isFinite(shift)) return null;
  const head = exact.slice(0, BRACKET_ENDS);
  const tail = quote.prefix.slice(-32).trimStart();
  const end = exact.slice(-BRACKET_ENDS) + suffix.slice(0, 32);
  const expected = Math.min(text.length, Math.max(0, hint + Math.trunc(shift)));
  const longest = Math.ceil(exact.length * 1.6);
  const from = Math.max(0, expected - NEAR);
  const hay = text.slice(from, Math.min(text.length, expected + NEAR + longest + end.length));
  let best: { start: number; end: number } | null = null;
  for (let k = hay.indexOf(end); k !== -1; k = hay.indexOf(end, k + 1)) {
    const stop = from + k + BRACKET_ENDS; // where the quote ends now
    const base = Math.max(0, stop - longest);
    const before = text.slice(base, stop - BRACKET_ENDS);
    // The head nearest the length the quote had: the passage that grew least.
    let start = -1;
    for (let h = before.indexOf(head); h !== -1; h = before.indexOf(head, h + 1)) {
      const at = base + h;
      if (start === -1 || Math.abs(stop - at - exact.length) < Math.abs(stop - start - exact.length))
        start = at;
    }
    // The quote's first words changed too: what is left of the prefix, its end intact, bounds the start.
    if (start === -1 && tail.length >= MIN_BRACKET) {
      const p = before.lastIndexOf(tail);
      if (p !== -1) {
        start = base + p + tail.length;
        while (start < stop && text.charCodeAt(start) === 0x20) start++;
      }
    }
    if (start === -1) continue;
    const length = stop - start;
    if (length < exact.length * 0.6 || length > longest) continue;
    const budget = Math.floor(exact.length * 0.4);
    const errors = boundedEditDistance(text.slice(start, stop), exact, budget);
    if (errors > budget) continue;
    if (!best || Math.abs(start - expected) < Math.abs(best.start - expected)) best = { start, end: stop };
  }
  return best;
}

/**
 * The best approximate match of `quote` in `text` that passes both thresholds, or null. `hint` is the old start
 * offset, if known; `shift`, if given, how far the text before the quote probably moved (see `anchorInIndex`):
 * then the text right around `hint + shift` is searched first. The match is trimmed of spaces at its ends.
 */
export function fuzzyMatch(
  text: string,
  quote: FuzzyQuote,
  hint?: number,
  shift?: number,
): { start: number; end: number } | null {
  const { exact } = quote;
  const maxErrors = maxErrorsOf(exact);
  if (maxErrors === 0 || text.length === 0) return null;
  const best = (candidates: Candidate[]) => bestCandidate(text, quote, candidates, hint);
  let match: Candidate | null = null;
  if (hint !== undefined && Number.isFinite(hint) && shift !== undefined && Number.isFinite(shift)) {
    const [from, to] = closeWindow(text, exact, hint, shift);
    match = best(candidatesIn(text, exact, maxErrors, from, to));
  }
  if (!match && hint !== undefined && Number.isFinite(hint)) {
    const from = Math.max(0, Math.min(text.length, hint) - NEAR);
    const to = Math.min(text.length, Math.max(0, hint) + exact.length + NEAR);
    match = best(candidatesIn(text, exact, maxErrors, from, to));
  }
  match ??= best(candidatesIn(text, exact, maxErrors, 0, text.length));
  return match && trimmed(text, match);
}
