/**
 * Where Clipmark puts what it shows next to a selection or a highlight, on web pages and in the reader alike:
 * left-aligned with it, below it (or above when there is no room below), always inside the window. Viewport
 * coordinates, for `position: fixed`.
 */

export interface Size {
  width: number;
  height: number;
}

/** Kept between Clipmark's boxes and the text, and the window's edges. */
const GAP = 8;

/**
 * The selection toolbar, for placing it: as wide as it can grow (its CSS `max-width`, on web pages and in the
 * reader; on web pages five buttons, Vietnamese ones the widest), so that its right end stays in the window in
 * every language; one row of buttons high.
 */
export const TOOLBAR_SIZE: Size = { width: 420, height: 40 };

/** The window's size without its scroll bars. */
export function viewportOf(doc: Document): Size {
  const view = doc.documentElement;
  return { width: view.clientWidth, height: view.clientHeight };
}

/** The top-left corner of a box of `size` next to `rect` (a selection's or a highlight's) in `view`. */
export function placeNear(
  rect: Pick<DOMRect, 'left' | 'top' | 'bottom'>,
  size: Size,
  view: Size,
): { x: number; y: number } {
  const x = Math.max(GAP, Math.min(rect.left, view.width - size.width - GAP));
  const below = rect.bottom + GAP;
  const y = below + size.height + GAP < view.height ? below : Math.max(GAP, rect.top - size.height - GAP);
  return { x, y };
}

/** The selection toolbar's top-left corner for a selection at `rect`. */
export function placeToolbar(rect: Pick<DOMRect, 'left' | 'top' | 'bottom'>, view: Size) {
  return placeNear(rect, TOOLBAR_SIZE, view);
}
