/**
 * Anchoring a page's saved highlights at page load without indexing the whole page when it is not needed.
 *
 * `readPageText` lists the text nodes the index reads (`collectTextNodes`) and where each starts when their data
 * is joined as it is: the *raw* text. It reads lengths only, never the text, so it costs a native walk. A
 * highlight saved with its `RawTextPosition` is then looked for in a short window of the page around where it
 * was (`anchorNear`), normalised on its own; the normalised index of the whole page (`PageText.index`) is built
 * only for the highlights not settled there. On an article of a million characters that index is most of the
 * cost of re-anchoring (reading and normalising every character), whatever the number of highlights.
 */
import type { RawTextPosition, TextPositionSelector, TextQuoteSelector } from '../selectors';
import { type AnchorMatch, anchorInIndex, contextAt, normalizeQuote } from './anchor';
import { fuzzyInPlace } from './fuzzy';
import { buildTextIndex, collectTextNodes, lastStartAt, type TextIndex } from './text-index';

export interface PageText {
  readonly root: Node;
  /** The indexed text nodes, in document order (what `buildTextIndex` reads). */
  readonly nodes: readonly Text[];
  /** `starts[k]`: the raw offset where `nodes[k]` starts; `starts[nodes.length]`: the raw length. */
  readonly starts: Int32Array;
  /** The normalised index of the whole root, built on the first call and kept. */
  index(): TextIndex;
  /** The raw offset of a boundary point in an indexed text node, or null for any other node. */
  rawOffset(node: Node, offset: number): number | null;
}

/** The raw text's layout under `root` (see the top of this file). A snapshot: read again after the DOM changes. */
export function readPageText(root: Node): PageText {
  const lengths: number[] = [];
  const nodes = collectTextNodes(root, lengths);
  const starts = new Int32Array(nodes.length + 1);
  let total = 0;
  for (let k = 0; k < nodes.length; k++) {
    starts[k] = total;
    total += lengths[k] as number;
  }
  starts[nodes.length] = total;
  let full: TextIndex | undefined;
  let numbers: Map<Node, number> | undefined;
  return {
    root,
    nodes,
    starts,
    index: () => {
      full ??= buildTextIndex(root, nodes);
      return full;
    },
    rawOffset(node, offset) {
      numbers ??= new Map(nodes.map((n, k) => [n, k]));
      const k = numbers.get(node);
      if (k === undefined) return null;
      return (starts[k] as number) + Math.max(0, Math.min(offset, (nodes[k] as Text).length));
    },
  };
}

/** The number of the last node starting at or before raw offset `p` (0 when none does). */
const nodeAt = (page: PageText, p: number): number => lastStartAt(page.starts, page.nodes.length, p);

/**
 * Where normalised offsets `[start, end)` of the whole page's index are in the raw text, to save beside the
 * selectors (`describe` gives those offsets). Undefined when they map to no text.
 */
export function rawPositionOf(page: PageText, start: number, end: number): RawTextPosition | undefined {
  const index = page.index();
  const from = index.toDom(start, 'start');
  const to = index.toDom(end, 'end');
  if (!from || !to) return undefined;
  const s = page.rawOffset(from.node, from.offset);
  const e = page.rawOffset(to.node, to.offset);
  return s !== null && e !== null && s < e ? { start: s, end: e } : undefined;
}

/** Raw characters read around where a highlight should be, on each side, beyond the highlight's own length. */
export const NEAR_RAW = 512;

/** Where a saved highlight is now: offsets in `index` — of a window of the page, or of the whole page. */
export interface PageMatch extends AnchorMatch {
  index: TextIndex;
}

/**
 * Looks for a highlight only around `raw.start + shift` in the raw text (`shift`: how far the text before it
 * moved, as `anchorInIndex` takes it), in a window of `reach` characters each side plus the highlight's length,
 * indexed on its own (tests shrink `reach` to put the window's edges everywhere) — after a first, tighter window
 * that only checks step 1. Settles only what the whole page's index would not contradict:
 * 1. the quote where expected, with its saved prefix and suffix in full;
 * 2. else the nearest copy in the window with its prefix and suffix in full (only a copy of 64 characters and
 *    more of text around it could compete, and being where the text moved to decides between those);
 * 3. else, if the window holds no copy at all, the quote edited in place: its prefix and suffix intact around an
 *    approximate match (`fuzzyInPlace`, as `anchorInIndex` step 2b takes it).
 * Anything else — a copy without its context, nothing there, a position past the text — returns null: the caller
 * looks in the whole page then. Only text that reads the same in the window as in the whole page counts, so the
 * window's first and last words (which may be cut, or may compose with a neighbour outside it) never match.
 */
export function anchorNear(
  page: PageText,
  quote: TextQuoteSelector,
  raw: RawTextPosition,
  shift = 0,
  reach = NEAR_RAW,
): (PageMatch & { rawStart: number }) | null {
  const count = page.nodes.length;
  const length = page.starts[count] as number;
  if (!Number.isInteger(raw.start) || !Number.isInteger(raw.end) || raw.start < 0 || raw.end <= raw.start)
    return null;
  const expected = raw.start + Math.trunc(Number.isFinite(shift) ? shift : 0);
  if (count === 0 || expected < 0 || expected >= length) return null;
  const { exact, prefix, suffix } = normalizeQuote(quote);
  if (!exact) return null;

  const span = raw.end - raw.start;
  const quoted = { exact, prefix, suffix };
  // Most highlights are exactly where expected: a window just wide enough for the quote and its context settles
  // those (step 1); the wide one is read only for the others.
  const close = Math.min(TIGHT_RAW, reach);
  const tight = windowOf(page, expected, expected - close, expected + span + close);
  if (tight.whole(quoted, tight.at)) return tight.found(tight.at, tight.at + exact.length, true);
  const w = windowOf(page, expected, expected - reach - span, expected + 2 * span + reach);
  const { text, at } = w;
  // 1. Where expected.
  if (w.whole(quoted, at)) return w.found(at, at + exact.length, true);
  // 2. The nearest copy with its context.
  let best = -1;
  let copies = 0;
  for (let k = text.indexOf(exact); k !== -1; k = text.indexOf(exact, k + 1)) {
    copies++;
    if (w.whole(quoted, k) && (best === -1 || Math.abs(k - at) < Math.abs(best - at))) best = k;
  }
  if (best !== -1) return w.found(best, best + exact.length, true);
  if (copies > 0) return null;
  // 3. Edited in place. The match is trimmed of a space at each end, so its context may reach one further.
  const edited = fuzzyInPlace(text, quoted, at, 0);
  if (!edited || !w.inside(quoted, edited.start - 1, edited.end + 1)) return null;
  return w.found(edited.start, edited.end, false);
}

/** Raw characters each side of the quote in the first, tight window: its context and some whitespace. */
const TIGHT_RAW = 128;

/**
 * What a character of a window costs against one of the whole page's index (a window's fixed costs spread over
 * its characters): about 3, measured in Chromium on the 1 MB benchmark page (`bench/anchoring.bench.ts`: 1,000
 * tight windows, ~430,000 characters, took longer than indexing the page's million).
 */
const WINDOW_COST = 3;

/**
 * The whole text nodes over raw offsets `[from, to]`, indexed on their own, with `at`: where raw offset `expected`
 * is in that index. Its text reads as the page's from just after its first space to its last space (or from or
 * to the page's own ends): before and after those, a word may be cut, or compose with a character outside.
 */
function windowOf(page: PageText, expected: number, from: number, to: number) {
  const count = page.nodes.length;
  const length = page.starts[count] as number;
  const first = nodeAt(page, Math.max(0, from));
  const last = nodeAt(page, Math.min(length - 1, to));
  const nodes = page.nodes.slice(first, last + 1);
  const index = buildTextIndex(page.root, nodes);
  const { text } = index;
  const here = nodeAt(page, expected);
  const at = index.fromDom(page.nodes[here] as Text, expected - (page.starts[here] as number));
  const firstSpace = text.indexOf(' ');
  const lo = first === 0 ? 0 : firstSpace === -1 ? text.length : firstSpace + 1;
  const hi = last === count - 1 ? text.length : Math.max(0, text.lastIndexOf(' '));
  type Quoted = { exact: string; prefix: string; suffix: string };
  /** True when `[start, end)` and the quote's context around it lie where the window reads as the page. */
  const inside = (q: Quoted, start: number, end: number) =>
    start - q.prefix.length >= lo && end + q.suffix.length <= hi;
  return {
    text,
    at,
    inside,
    /** The quote at `s`, with its saved prefix and suffix in full. */
    whole: (q: Quoted, s: number) =>
      text.startsWith(q.exact, s) &&
      inside(q, s, s + q.exact.length) &&
      contextAt(text, s, q.exact, q.prefix, q.suffix) === q.prefix.length + q.suffix.length,
    /** The match, with its raw start for the next highlight's shift. */
    found(start: number, end: number, exactMatch: boolean): (PageMatch & { rawStart: number }) | null {
      const point = index.toDom(start, 'start');
      if (!point) return null;
      const k = nodes.indexOf(point.node);
      return { start, end, exactMatch, index, rawStart: (page.starts[first + k] as number) + point.offset };
    },
  };
}

/** A saved highlight as anchoring needs it. */
export interface SavedAnchor {
  quote: TextQuoteSelector;
  position: TextPositionSelector;
  rawPosition?: RawTextPosition;
}

/**
 * Anchors a page's saved highlights, given in reading order: each near its raw position if it has one
 * (`anchorNear`), else in the whole page's index (`anchorInIndex`). Once that index exists (one highlight was not
 * settled near its raw position, or there are so many that their windows would cost more than it), the rest are
 * looked for in it too: with the hint of how far the text moved, each costs a probe there, less than a window.
 * Each highlight found tells the next how far the text moved (raw shifts between windows, normalised ones in the
 * index). Returns, per highlight, where it is now, or null when its text is not on the page.
 */
export function anchorAll(page: PageText, saved: readonly SavedAnchor[]): (PageMatch | null)[] {
  let rawShift = 0;
  let shift = 0;
  // So many highlights that their windows would cost more than indexing the whole page: index it at once.
  let windows = 0;
  for (const { rawPosition: r } of saved) if (r) windows += Math.max(0, r.end - r.start) + 2 * TIGHT_RAW;
  const length = page.starts[page.nodes.length] as number;
  let full: TextIndex | undefined = windows * WINDOW_COST > length ? page.index() : undefined;
  return saved.map(({ quote, position, rawPosition }) => {
    if (rawPosition && !full) {
      const near = anchorNear(page, quote, rawPosition, rawShift);
      if (near) {
        rawShift = near.rawStart - rawPosition.start;
        return near;
      }
    }
    full ??= page.index();
    const match = anchorInIndex(full, [quote, position], shift);
    if (!match) return null;
    shift = match.start - position.start;
    return { ...match, index: full };
  });
}
