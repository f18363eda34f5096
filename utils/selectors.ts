/**
 * W3C Web Annotation selectors (https://www.w3.org/TR/annotation-model/#selectors) as Clipmark stores them.
 *
 * Plain types, no runtime code: the content script imports this file and must stay small. The zod schemas
 * that validate these shapes on the way into the database live in `utils/schema.ts`.
 *
 * Both selectors are measured over the *normalised text* of the root (see `utils/anchoring/text-index.ts`):
 * Unicode NFC, whitespace runs collapsed to one space, script/style/hidden content skipped. That makes a
 * quote saved on precomposed text anchor on decomposed text and vice versa.
 */
export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  /** The highlighted text itself. */
  exact: string;
  /** Up to ~32 characters of text just before `exact`. */
  prefix: string;
  /** Up to ~32 characters of text just after `exact`. */
  suffix: string;
}

export interface TextPositionSelector {
  type: 'TextPositionSelector';
  /** Offset of the first character, in UTF-16 code units of the normalised text. */
  start: number;
  /** Offset just past the last character. */
  end: number;
  /**
   * Characters above U+FFFF (emoji and the like: two UTF-16 units, one code point each) in the normalised
   * text before `start`. The W3C model counts positions in code points (§4.2.5): with this, an export writes
   * `start - astralBefore`. Absent on highlights saved before it was measured and on imported ones whose file
   * did not say; such a position cannot be written in code points (docs/exports.md).
   */
  astralBefore?: number;
}

export type Selector = TextQuoteSelector | TextPositionSelector;

/**
 * Not a W3C selector, so not in the Web Annotation export (the JSON backup keeps it, as it keeps every field):
 * where the highlight was in the page's text as the DOM held it (the indexed text nodes' data joined, nothing
 * normalised; see `utils/anchoring/page-text.ts`). Costs nothing to measure at page load, so a highlight still
 * there is checked locally instead of indexing the whole page. A hint only: anchoring verifies the quote there,
 * and works without it (highlights saved before it existed, made in the reader, or imported from W3C files);
 * the content script saves it for those the first time it finds them exactly (`highlight.setRawPositions`).
 */
export interface RawTextPosition {
  start: number;
  end: number;
}
