/**
 * Anchoring: a selection becomes selectors that survive page edits and re-encodings, and selectors become a DOM
 * Range again. Pure functions over a root passed in (never the global `document`), so they run the same in the
 * content script, in happy-dom tests and on saved pages. All offsets are over the root's *normalised text*
 * (NFC, collapsed whitespace, hidden content skipped) — see `normalize.ts` and `text-index.ts`.
 */

export {
  /** Where selectors landed: normalised offsets, and whether the quote matched exactly or only approximately. */
  type AnchorMatch,
  /** Selectors → DOM Range under `root` (position, then quote by context, then fuzzy), or null if the text is gone. */
  anchor,
  /** The DOM-free core of `anchor`, on normalised text: what unit tests and batch re-anchoring call. */
  anchorInIndex,
  /** Normalised offsets → DOM Range, for callers that hold offsets (e.g. from `anchorInIndex`). */
  rangeFromOffsets,
} from './anchor';
export {
  /** Characters of prefix/suffix context saved with each quote (32, as Hypothesis). */
  CONTEXT_LENGTH,
  /** DOM Range → [quote selector, position selector], trimmed; null when the range holds no visible text. */
  describe,
  /** The DOM-free core of `describe`, on normalised offsets. */
  describeOffsets,
} from './describe';
export {
  /** The index's normalisation for plain strings (NFC + collapsed whitespace): compare quotes with it. */
  normalizeText,
} from './normalize';
export {
  /** Saved highlights → where they are now, each checked near its raw position before the whole page is indexed. */
  anchorAll,
  /** One highlight near its raw position, or null when only the whole page can tell (see `anchorAll`). */
  anchorNear,
  /** Raw characters read each side of where a highlight should be. */
  NEAR_RAW,
  type PageMatch,
  /** The text nodes and raw offsets of a root, read without reading their text; builds the full index on demand. */
  type PageText,
  /** Normalised offsets of the page's index → the raw position saved beside the selectors. */
  rawPositionOf,
  readPageText,
  type SavedAnchor,
} from './page-text';
export {
  /** Builds the normalised text of a root with offset mappings both ways; share one across many anchors. */
  buildTextIndex,
  /** A boundary point in an original text node, as `TextIndex.toDom` returns it. */
  type DomPosition,
  /** The normalised text of a root plus `toDom`/`fromDom` offset mappings. */
  type TextIndex,
} from './text-index';
