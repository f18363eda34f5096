/**
 * The anchoring benchmark's work, on any Document: happy-dom in Node, and Chromium (bundled into the page by
 * `anchoring-chromium.ts`). Each runner does what its approach does at page load, and nothing else is timed.
 */
import { toRange } from 'dom-anchor-text-quote';
import {
  anchorAll,
  buildTextIndex,
  describe,
  normalizeText,
  rangeFromOffsets,
  rawPositionOf,
  readPageText,
  type SavedAnchor,
} from '../../utils/anchoring';
import { HIGHLIGHT_COLORS } from '../../utils/colors';
import { createHighlighter } from '../../utils/highlighter';
import type { Truth } from './article-page';

/** The peer's selector, over the raw `root.textContent` (what its `fromTextPosition` produces). */
export interface PeerQuote {
  exact: string;
  prefix: string;
  suffix: string;
}
export interface QuoteSet {
  /** As the content script saves them: quote, position and raw position. */
  ours: SavedAnchor[];
  peer: PeerQuote[];
}
export interface OursTiming {
  /** Reading the page's text nodes (`readPageText`). */
  index: number;
  /** `anchorAll`: each highlight checked where it was, the whole page indexed when one is not there. */
  anchor: number;
  ranges: number;
  draw: number;
  total: number;
  /** Quotes found only approximately (fuzzy). */
  approximate: number;
}
export interface Accuracy {
  n: number;
  right: number;
  /** Overlaps the right passage but with other boundaries. */
  partial: number;
  wrong: number;
  none: number;
}

const CONTEXT = 32; // what dom-anchor-text-quote saves on each side

/**
 * The quote set as the run should use it (in Node): with `LEGACY=1`, ours without raw positions, so it runs as for
 * highlights saved before they existed — on the whole page's index.
 */
export function asSaved(set: QuoteSet): QuoteSet {
  if (process.env.LEGACY !== '1') return set;
  return { ...set, ours: set.ours.map(({ quote, position }) => ({ quote, position })) };
}

const now = () => performance.now();

/** Boundary points, as a Range has them (`describe` and `TextIndex.fromDom` read nothing else). */
type Points = Pick<Range, 'startContainer' | 'startOffset' | 'endContainer' | 'endOffset'>;

/**
 * The ground truth of a quote as boundary points: offsets in the `t.p`-th `article p` element's text nodes. Not a
 * Range, because in happy-dom every Range boundary costs a walk over the document (see docs/benchmarks.md).
 */
export function truthPoints(doc: Document, t: Truth): Points {
  const p = doc.querySelectorAll('article p')[t.p];
  if (!p) throw new Error(`no paragraph ${t.p}`);
  const walker = doc.createTreeWalker(p, 4 /* SHOW_TEXT */);
  let start: [Text, number] | null = null;
  let at = 0;
  for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
    const end = at + n.data.length;
    if (!start && t.start < end) start = [n, t.start - at];
    if (start && t.end <= end) {
      return { startContainer: start[0], startOffset: start[1], endContainer: n, endOffset: t.end - at };
    }
    at = end;
  }
  throw new Error(`quote ${t.start}..${t.end} outside paragraph ${t.p}`);
}

/** Selectors for every quote, as each approach saves them at creation (not timed). */
export function makeSelectors(doc: Document, truth: Truth[]): QuoteSet {
  const root = doc.body;
  const page = readPageText(root);
  const index = page.index();
  const rawStart = new Map<Node, number>();
  const walker = doc.createTreeWalker(root, 4 /* SHOW_TEXT */);
  let total = 0;
  for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
    rawStart.set(n, total);
    total += n.data.length;
  }
  const raw = root.textContent ?? '';
  const ours: SavedAnchor[] = [];
  const peer: PeerQuote[] = [];
  for (const t of truth) {
    const range = truthPoints(doc, t);
    const described = describe(root, range as Range, index);
    if (!described) throw new Error(`empty quote in paragraph ${t.p}`);
    const [quote, position] = described;
    const rawPosition = rawPositionOf(page, position.start, position.end);
    ours.push(rawPosition ? { quote, position, rawPosition } : { quote, position });
    const s = (rawStart.get(range.startContainer) ?? 0) + range.startOffset;
    const e = (rawStart.get(range.endContainer) ?? 0) + range.endOffset;
    peer.push({
      exact: raw.slice(s, e),
      prefix: raw.slice(Math.max(0, s - CONTEXT), s),
      suffix: raw.slice(e, e + CONTEXT),
    });
  }
  return { ours, peer };
}

/**
 * Clipmark at page load (as `entrypoints/page-tools/page-highlights.ts`): the page's text nodes read, then
 * `anchorAll` (each highlight checked where it was; the whole page indexed only for those not there), then a
 * Range per match and drawing if asked. Phases are timed once each, not per quote, because Chromium's clock is
 * coarse (100 µs) outside cross-origin-isolated pages.
 */
export function runOurs(doc: Document, saved: SavedAnchor[], upTo: 'offsets' | 'ranges' | 'draw') {
  const t0 = now();
  const page = readPageText(doc.body);
  const t1 = now();
  const matches = anchorAll(page, saved);
  const t2 = now();
  const ranges =
    upTo === 'offsets' ? [] : matches.map((m) => (m ? rangeFromOffsets(m.index, m.start, m.end) : null));
  const t3 = now();
  if (upTo === 'draw') {
    const highlighter = createHighlighter(doc);
    ranges.forEach((r, i) => {
      if (r) highlighter.draw(`h${i}`, r, HIGHLIGHT_COLORS[i % HIGHLIGHT_COLORS.length] ?? 'yellow');
    });
  }
  const t4 = now();
  const approximate = matches.filter((m) => m && !m.exactMatch).length;
  const ms: OursTiming = {
    index: t1 - t0,
    anchor: t2 - t1,
    ranges: t3 - t2,
    draw: t4 - t3,
    total: t4 - t0,
    approximate,
  };
  return { ranges, ms };
}

/** dom-anchor-text-quote's `toRange(root, {exact, prefix, suffix})`, one call per quote, each timed. */
export function runPeer(doc: Document, quotes: PeerQuote[], draw: boolean) {
  const highlighter = draw ? createHighlighter(doc) : null;
  const perQuote: number[] = [];
  const ranges: (Range | null)[] = [];
  let errors = 0;
  for (const [i, q] of quotes.entries()) {
    const t0 = now();
    let range: Range | null = null;
    try {
      range = toRange(doc.body, q);
    } catch {
      errors++; // it throws on some misses instead of returning null; counted as null
    }
    if (range) highlighter?.draw(`p${i}`, range, 'yellow');
    perQuote.push(now() - t0);
    ranges.push(range);
  }
  return { ranges, perQuote, errors };
}

/** The floor: the page's text read once, every quote found with `indexOf`. No ranges. */
export function runFloor(doc: Document, quotes: PeerQuote[]) {
  const t0 = now();
  const text = doc.body.textContent ?? '';
  let found = 0;
  for (const q of quotes) if (text.indexOf(q.exact) !== -1) found++;
  return { found, ms: now() - t0 };
}

/**
 * Compares each Range with the truth: its normalised text, and its start as a normalised offset, must both equal the
 * truth's; a Range overlapping the truth otherwise is `partial`, elsewhere `wrong`.
 */
export function score(doc: Document, truth: Truth[], ranges: (Range | null)[]): Accuracy {
  const index = buildTextIndex(doc.body);
  const acc: Accuracy = { n: ranges.length, right: 0, partial: 0, wrong: 0, none: 0 };
  const span = (r: Points) => [
    index.fromDom(r.startContainer, r.startOffset),
    index.fromDom(r.endContainer, r.endOffset),
  ];
  ranges.forEach((range, i) => {
    if (!range) {
      acc.none++;
      return;
    }
    const [es = 0, ee = 0] = span(truthPoints(doc, truth[i] as Truth));
    const [as = 0, ae = 0] = span(range);
    const same = normalizeText(range.toString()).trim() === index.text.slice(es, ee).trim();
    if (same && as === es) acc.right++;
    else if (as < ee && ae > es) acc.partial++;
    else acc.wrong++;
  });
  return acc;
}
