import type { Selector, TextPositionSelector, TextQuoteSelector } from '../selectors';
import { fuzzyMatch } from './fuzzy';
import { buildTextIndex, normalizeText, type TextIndex } from './text-index';

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
function normalizeQuote(quote: TextQuoteSelector): { exact: string; prefix: string; suffix: string } {
  return {
    exact: normalizeText(quote.exact).trim(),
    prefix: normalizeText(quote.prefix ?? ''),
    suffix: normalizeText(quote.suffix ?? ''),
  };
}

/**
 * Finds selectors in normalised text, without touching the DOM. Order:
 * 1. the position selector, if the text there equals the quote and its prefix and suffix match in full;
 * 2. every exact occurrence of the quote, the best by how much prefix and suffix match, then by closeness to the
 *    old position (so a position that holds the quote but not its context still wins if nothing fits better);
 * 3. an approximate match (`fuzzy.ts`): the quote ≥ 80% similar and its context alike, else null.
 * Step 1 checks context too because a stale position can land exactly on another copy of the quote (a paragraph
 * inserted above shifts the text by the distance between two copies). With no quote selector a valid position is
 * trusted as is.
 */
export function anchorInIndex(
  index: Pick<TextIndex, 'text'>,
  selectors: readonly Selector[],
): AnchorMatch | null {
  const { text } = index;
  const rawQuote = findSelector(selectors, 'TextQuoteSelector');
  const rawPosition = findSelector(selectors, 'TextPositionSelector');
  const position = validPosition(rawPosition, text.length) ? rawPosition : undefined;

  if (!rawQuote) return position ? { start: position.start, end: position.end, exactMatch: true } : null;
  const { exact, prefix, suffix } = normalizeQuote(rawQuote);
  if (!exact) return null;
  /** Characters of context matching at an occurrence starting at `at`: prefix read backwards, suffix forwards. */
  const context = (at: number) =>
    sharedBefore(text, at, prefix) + sharedAfter(text, at + exact.length, suffix);

  // 1. The position selector, verified against the quote and its context.
  if (
    position &&
    text.slice(position.start, position.end) === exact &&
    context(position.start) === prefix.length + suffix.length
  ) {
    return { start: position.start, end: position.end, exactMatch: true };
  }

  // 2. Every exact occurrence, ranked by context, then by closeness to the old position.
  const oldStart = rawPosition && Number.isFinite(rawPosition.start) ? rawPosition.start : undefined;
  let best = -1;
  let bestScore = -1;
  for (let at = text.indexOf(exact); at !== -1; at = text.indexOf(exact, at + 1)) {
    let score = context(at);
    if (oldStart !== undefined) {
      score += POSITION_WEIGHT * (1 - Math.min(1, Math.abs(at - oldStart) / Math.max(1, text.length)));
    }
    if (score > bestScore) {
      best = at;
      bestScore = score;
    }
  }
  if (best !== -1) return { start: best, end: best + exact.length, exactMatch: true };

  // 3. The passage was edited (or is gone): an approximate match, held to strict thresholds.
  const fuzzy = fuzzyMatch(text, { exact, prefix, suffix }, oldStart);
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
