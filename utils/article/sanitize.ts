/** DOMPurify bound to the page's own window, once per window. */
import createDOMPurify, { type DOMPurify, type WindowLike } from 'dompurify';
import { FETCHING_TAGS, guardFetches, sanitizeUntilStable } from '../inert-html';

const instances = new WeakMap<object, DOMPurify>();

// Markup that has no place in a stored article: styling, forms, frames, and whatever would load on display
// (utils/inert-html.ts; images keep their address, which the reader shows as a link).
const CONFIG = {
  RETURN_DOM: true as const,
  FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', ...FETCHING_TAGS],
  FORBID_ATTR: ['style', 'class', 'id', 'srcset', 'sizes', 'loading'],
  ALLOW_DATA_ATTR: false,
};

/**
 * A sanitised copy of `root` — a node, or HTML that DOMPurify parses in an inert document of its own — (the
 * element holding it, in a fresh inert document), or null if DOMPurify
 * refuses the tree. Sanitised until a pass removes nothing (`sanitizeUntilStable`), so the HTML stored is what
 * was checked. `view` is the page's window (`doc.defaultView`): DOMPurify needs one, and the content script
 * must not reach for a global. DOMPurify throwing rather than return a tree it cannot vouch for gives null: no
 * article beats an unsafe one.
 */
export function sanitize(root: Node | string, view: WindowLike): Element | null {
  let purify = instances.get(view);
  if (!purify) {
    purify = guardFetches(createDOMPurify(view));
    instances.set(view, purify);
  }
  return sanitizeUntilStable(purify, root, CONFIG);
}
