/** DOMPurify bound to the page's own window, once per window. */
import createDOMPurify, { type DOMPurify, type WindowLike } from 'dompurify';

const instances = new WeakMap<object, DOMPurify>();

// Markup that has no place in a stored article: styling, forms, frames, media that would load on display.
const CONFIG = {
  RETURN_DOM: true as const,
  FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'object', 'embed'],
  FORBID_ATTR: ['style', 'class', 'id', 'srcset', 'sizes', 'loading'],
  ALLOW_DATA_ATTR: false,
};

/**
 * A sanitised copy of `root` (the element holding it, in a fresh inert document), or null if DOMPurify
 * refuses the tree. `view` is the page's window (`doc.defaultView`): DOMPurify needs one, and the content
 * script must not reach for a global.
 */
export function sanitize(root: Node, view: WindowLike): Element | null {
  let purify = instances.get(view);
  if (!purify) {
    purify = createDOMPurify(view);
    instances.set(view, purify);
  }
  try {
    return purify.sanitize(root, CONFIG) ?? null;
  } catch {
    // DOMPurify throws rather than return a tree it cannot vouch for; no article beats an unsafe one.
    return null;
  }
}
