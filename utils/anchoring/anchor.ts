import type { Selector, TextPositionSelector, TextQuoteSelector } from '../selectors';
import { fuzzyBracketed, fuzzyInPlace, fuzzyMatch } from './fuzzy';
import { normalizeText } from './normalize';
import { buildTextIndex, type TextIndex } from './text-index';

/** Where selectors landed in the normalised text. `exactMatch` is false only for a fuzzy (approximate) match. */
export interface AnchorMatch {
  start: number;
  end: number;
  exactMatch: boolean;
}

/**
 * Weight of closeness to the old position when several exact occurrences compete. Context is scored in matched
 * characters, so at most half a character: position only breaks ties between equally good contexts.
 */
const POSITION_WEIGHT = 0.5;

function findSelector<T extends Selector['type']>(
  selectors: readonly Selector[],
  type: T,
): Extract<Selector, { type: T }> | undefined {
  return selectors.find((s): s is Extract<Selector, { type: T }> => s.type === type);
}

/** Number of characters that `text` and `other` share, read backwards from `text[end]` and `other`'s end. */
function sharedBefore(text: string, end: number, other: string): number {
  let n = 0;
  while (
    n < other.length &&
    n < end &&
    text.charCodeAt(end - 1 - n) === other.charCodeAt(other.length - 1 - n)
  )
    n++;
  return n;
}

/** Number of characters that `text` from `start` and `other` share, read forwards. */
function sharedAfter(text: string, start: number, other: string): number {
  let n = 0;
  while (n < other.length && start + n < text.length && text.charCodeAt(start + n) === other.charCodeAt(n))
    n++;
  return n;
}

/**
 * Characters of context matching at an occurrence of `exact` starting at `at`: the prefix read backwards, the
 * suffix forwards.
 */
export function contextAt(text: string, at: number, exact: string, prefix: string, suffix: string): number {
  return sharedBefore(text, at, prefix) + sharedAfter(text, at + exact.length, suffix);
}

/** True when the position selector is a usable range of `text`. */
function validPosition(pos: TextPositionSelector | undefined, length: number): pos is TextPositionSelector {
  return (
    pos !== undefined &&
    Number.isInteger(pos.start) &&
    Number.isInteger(pos.end) &&
    pos.start >= 0 &&
    pos.start < pos.end &&
    pos.end <= length
  );
}

/** Quote selector fields normalised like the index text, so a quote saved as NFD still matches. */
export function normalizeQuote(quote: TextQuoteSelector): { exact: string; prefix: string; suffix: string } {
  return {
    exact: normalizeText(quote.exact).trim(),
    prefix: normalizeText(quote.prefix ?? ''),
    suffix: normalizeText(quote.suffix ?? ''),
  };
}

/**
 * Half-width of the window searched first around the expected start (the old start moved by the caller's `shift`)
 * when the position selector no longer holds the quote.
 */
export const NEAR_WINDOW = 4096;

/**
 * Finds selectors in normalised text, without touching the DOM. Order:
 * 1. the position selector, if the text there equals the quote and its prefix and suffix match in full;
 * 2. every exact occurrence of the quote, the best by how much prefix and suffix match, then by closeness to the
 *    old position (so a position that holds the quote but not its context still wins if nothing fits better) —
 *    except that, with a `shift` hint, when an approximate match where the quote should be has the saved prefix
 *    and suffix intact on both sides (`fuzzyInPlace`), that edited passage is taken over any copy of the quote
 *    without its full context;
 * 3. an approximate match (`fuzzy.ts`): the quote ≥ 80% similar and its context alike; else, near the old
 *    position, the quote changed in its middle with its first and last words and its suffix intact
 *    (`fuzzyBracketed`); else null.
 * Step 1 checks context too because a stale position can land exactly on another copy of the quote (a paragraph
 * inserted above shifts the text by the distance between two copies). With no quote selector a valid position is
 * trusted as is.
 *
 * `shift` is a hint only: how far the text moved before this quote, e.g. `start - position.start` of the previous
 * highlight when re-anchoring a page's highlights in reading order (0 for the first). Without it, steps 2 and 3
 * search as they always did. With it, step 2 first looks at the occurrences within `NEAR_WINDOW` of
 * `oldStart + shift`; when one of them has its full context, the full scan could only prefer an occurrence closer
 * to the old position, so only the occurrences that close are ranked: the result is the full scan's, without
 * reading the whole text. Otherwise the whole text is scanned as without a hint. Step 3 searches around
 * `oldStart + shift` first as well.
 */
export function anchorInIndex(
  index: Pick<TextIndex, 'text'>,
  selectors: readonly Selector[],
  shift?: number,
): AnchorMatch | null {
  const { text } = index;
  const rawQuote = findSelector(selectors, 'TextQuoteSelector');
  const savedPosition = findSelector(selectors, 'TextPositionSelector');
  const position = validPosition(savedPosition, text.length) ? savedPosition : undefined;

  if (!rawQuote) return position ? { start: position.start, end: position.end, exactMatch: true } : null;
  const { exact, prefix, suffix } = normalizeQuote(rawQuote);
  if (!exact) return null;
  const fullContext = prefix.length + suffix.length;
  const context = (at: number) => contextAt(text, at, exact, prefix, suffix);

  // 1. The position selector, verified against the quote and its context.
  if (
    position &&
    text.slice(position.start, position.end) === exact &&
    context(position.start) === fullContext
  ) {
    return { start: position.start, end: position.end, exactMatch: true };
  }

  // 2. Exact occurrences, ranked by context, then by closeness to the old position.
  const oldStart = savedPosition && Number.isFinite(savedPosition.start) ? savedPosition.start : undefined;
  const score = (at: number) => {
    let s = context(at);
    if (oldStart !== undefined) {
      s += POSITION_WEIGHT * (1 - Math.min(1, Math.abs(at - oldStart) / Math.max(1, text.length)));
    }
    return s;
  };
  /** The best occurrence starting in [from, to], the first of equals (as the full scan ranks them), or -1. */
  const bestIn = (from: number, to: number): number => {
    let best = -1;
    let bestScore = -1;
    // Searched in a slice (O(1) in engines), so a search past the last occurrence stops at `to`, not the end.
    const end = Math.min(text.length, to + exact.length);
    const hay = from === 0 && end === text.length ? text : text.slice(from, end);
    for (let k = hay.indexOf(exact); k !== -1; k = hay.indexOf(exact, k + 1)) {
      const s = score(from + k);
      if (s > bestScore) {
        best = from + k;
        bestScore = s;
      }
    }
    return best;
  };
  const finish = (at: number): AnchorMatch => ({ start: at, end: at + exact.length, exactMatch: true });
  let best = -1;
  let noneNear = false;
  if (
    shift !== undefined &&
    Number.isFinite(shift) &&
    oldStart !== undefined &&
    oldStart >= 0 &&
    oldStart <= text.length
  ) {
    // 2a. Near the expected start. Every occurrence farther than `d` from the old start scores below one with
    // full context at distance `d` (context can only tie, closeness is strictly smaller), so ranking every
    // occurrence within `d` of the old start — the window, widened to cover that span — gives the full scan's pick.
    const expected = Math.min(text.length, Math.max(0, oldStart + Math.trunc(shift)));
    // Most often the quote is exactly where the hint says, with its context (text inserted or edited above it
    // moved it, as it moved the previous highlight): by the same argument, only occurrences at most that far
    // from the old start can rank above it, and they lie in a span much shorter than the window.
    if (text.startsWith(exact, expected) && context(expected) === fullContext) {
      const d = Math.abs(expected - oldStart);
      return finish(bestIn(Math.max(0, oldStart - d), oldStart + d));
    }
    const from = Math.max(0, expected - NEAR_WINDOW);
    const to = expected + NEAR_WINDOW;
    const near = bestIn(from, to);
    noneNear = near === -1;
    if (near !== -1 && context(near) === fullContext) {
      const d = Math.abs(near - oldStart);
      best =
        oldStart - d < from || oldStart + d > to
          ? bestIn(Math.max(0, Math.min(from, oldStart - d)), Math.max(to, oldStart + d))
          : near;
    }
  }
  // 2b. No copy with its full context near where it should be, but its saved prefix and suffix are there, intact,
  // around an approximate match: the passage was edited in place. That is stronger evidence than the same words
  // elsewhere with other context (a phrase the article repeats), weaker only than a copy with its full context.
  // With no copy near at all, it is taken at once, which saves reading the whole text for each edited quote.
  let inPlace: { start: number; end: number } | null = null;
  if (best === -1 && oldStart !== undefined && shift !== undefined) {
    inPlace = fuzzyInPlace(text, { exact, prefix, suffix }, oldStart, shift);
    if (inPlace && noneNear) return { ...inPlace, exactMatch: false };
  }
  // 2c. Otherwise every occurrence in the text.
  if (best === -1) best = bestIn(0, text.length);
  if (inPlace && (best === -1 || context(best) < fullContext)) return { ...inPlace, exactMatch: false };
  if (best !== -1) return finish(best);

  // 3. The passage was edited (or is gone): an approximate match, held to strict thresholds; else, near where
  // it should be, the quote grown in its middle between its intact first and last words and suffix.
  const fuzzy =
    fuzzyMatch(text, { exact, prefix, suffix }, oldStart, shift) ??
    (oldStart === undefined ? null : fuzzyBracketed(text, { exact, prefix, suffix }, oldStart, shift));
  return fuzzy ? { ...fuzzy, exactMatch: false } : null;
}

/**
 * A DOM Range over normalised offsets `[start, end)` of an index, or null if the index has no text. The end
 * stays in the node of the last character (see `TextIndex.toDom`). Throws RangeError for offsets past the text.
 */
export function rangeFromOffsets(index: TextIndex, start: number, end: number): Range | null {
  const from = index.toDom(start, 'start');
  const to = index.toDom(end, 'end');
  if (!from || !to) return null;
  const doc = index.root.ownerDocument ?? (index.root as Document);
  const range = doc.createRange();
  range.setStart(from.node, from.offset);
  range.setEnd(to.node, to.offset);
  return range;
}

/**
 * Finds where saved selectors point in `root` today and returns that as a DOM Range, or null if the text is
 * gone. Pass `index` to share one index across many highlights of an unchanged root (build a new one after the
 * DOM changes, e.g. after drawing highlights that split text nodes).
 */
export function anchor(
  root: Node,
  selectors: readonly Selector[],
  index: TextIndex = buildTextIndex(root),
): Range | null {
  const match = anchorInIndex(index, selectors);
  return match ? rangeFromOffsets(index, match.start, match.end) : null;
}
