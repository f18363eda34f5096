/**
 * Anchoring: turning a user's selection into selectors that survive page changes, and selectors back into a
 * DOM Range. Pure functions over a root passed in (never the global `document`), so they run in the content
 * script, in tests (happy-dom) and on saved pages alike.
 */

/** Finds saved selectors in a root (position, then exact quote ranked by context) and returns a DOM Range. */
export { type AnchorMatch, anchor, anchorInIndex, rangeFromOffsets } from './anchor';
/** Describes a DOM Range as a quote selector and a position selector over the normalised text. */
export { CONTEXT_LENGTH, describe, describeOffsets } from './describe';
/** The normalised text of a root (NFC, collapsed whitespace, hidden content skipped) with offsets mapped to the DOM. */
export { buildTextIndex, type DomPosition, normalizeText, type TextIndex } from './text-index';
