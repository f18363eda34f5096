/**
 * Pages that change after load: lazy-loaded bodies, infinite scroll, client rendering, in-place edits.
 * While some highlights are not drawn, or drawn ones may lose their text, a MutationObserver watches the page
 * and — debounced, so a burst of changes costs one retry — tries them again. Bound to `ctx`.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { isHighlightStyleElement } from '@/utils/highlighter';
import type { PageHighlights } from './page-highlights';

const DEBOUNCE_MS = 250;
/** A retry that finds nothing new waits longer next time, so a page that never shows the text costs little. */
const MAX_DELAY_MS = 8000;

export function watchLateContent(ctx: ContentScriptContext, doc: Document, page: PageHighlights) {
  let timer: number | undefined;
  let delay = DEBOUNCE_MS;
  const retry = () => {
    timer = undefined;
    const before = page.orphans.size;
    page.retryPending();
    const after = page.orphans.size;
    delay = after > 0 && after >= before ? Math.min(delay * 2, MAX_DELAY_MS) : DEBOUNCE_MS;
  };
  const observer = new MutationObserver((mutations) => {
    if (mutations.every(isOwnMutation)) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = ctx.setTimeout(retry, delay);
  });
  const start = () => {
    observer.disconnect();
    delay = DEBOUNCE_MS;
    if (page.anchored.size === 0 && !page.hasPending) return;
    observer.observe(doc.body, { childList: true, subtree: true, characterData: true });
  };
  ctx.onInvalidated(() => {
    observer.disconnect();
    if (timer !== undefined) clearTimeout(timer);
  });
  /** Call after each load or change of this page's highlights. */
  return { refresh: start };
}

/** Our own UI and style changes must not wake the observer. */
function isOwnMutation(mutation: MutationRecord): boolean {
  const target = mutation.target as Element;
  const element = target.nodeType === Node.ELEMENT_NODE ? target : target.parentElement;
  if (element?.closest('clipmark-toolbar, mark[data-clipmark-color]')) return true;
  if (element && isHighlightStyleElement(element)) return true;
  const nodes = [...mutation.addedNodes, ...mutation.removedNodes];
  return nodes.length > 0 && nodes.every(isOwnNode);
}

function isOwnNode(node: Node): boolean {
  if (node.nodeType !== Node.ELEMENT_NODE) return false;
  const element = node as Element;
  return (
    element.localName.startsWith('clipmark-') ||
    isHighlightStyleElement(element) ||
    element.hasAttribute('data-clipmark-color')
  );
}
