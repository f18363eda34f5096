/**
 * Watches the user's text selection (mouse and keyboard) and reports it; all listeners are bound to `ctx`.
 * Only the user's own input counts: events the page's script dispatches (`isTrusted` false) are ignored, so a
 * page cannot select text itself and press H for the user.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';

export interface SelectionHandlers {
  /** A non-empty selection of page text was made; `range` is a copy the page cannot change under us. */
  onSelect(range: Range, rect: DOMRect): void;
  /** The user clicked elsewhere or cleared the selection. */
  onDismiss(): void;
  /** True for events inside Clipmark's own UI, which must not count as page selection. */
  isOwnEvent(event: Event): boolean;
  /** A key pressed on the page while a selection is shown; return true if handled. */
  onKey(event: KeyboardEvent): boolean;
}

const SELECTION_KEYS = /^(Shift|Arrow|Home|End|PageUp|PageDown|a)$/;

export function watchSelection(ctx: ContentScriptContext, doc: Document, handlers: SelectionHandlers): void {
  const check = () => {
    const selection = doc.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) return handlers.onDismiss();
    const range = selection.getRangeAt(0);
    if (!range.toString().trim() || isEditable(range.commonAncestorContainer)) return handlers.onDismiss();
    handlers.onSelect(range.cloneRange(), range.getBoundingClientRect());
  };

  ctx.addEventListener(doc, 'mousedown', (event) => {
    if (event.isTrusted && !handlers.isOwnEvent(event)) handlers.onDismiss();
  });
  ctx.addEventListener(doc, 'mouseup', (event) => {
    // Let the browser finish updating the selection first.
    if (event.isTrusted && !handlers.isOwnEvent(event)) ctx.setTimeout(check, 0);
  });
  ctx.addEventListener(doc, 'keyup', (event) => {
    if (event.isTrusted && !handlers.isOwnEvent(event) && SELECTION_KEYS.test(event.key)) check();
  });
  ctx.addEventListener(
    doc,
    'keydown',
    (event) => {
      if (!event.isTrusted || handlers.isOwnEvent(event)) return;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (isEditable(event.target as Node | null)) return;
      if (handlers.onKey(event)) {
        event.preventDefault();
        event.stopPropagation();
      }
    },
    { capture: true },
  );
}

/** Text fields and contenteditable areas are the user's own typing, not article text. */
function isEditable(node: Node | null): boolean {
  const element = node && (node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement);
  if (!element) return false;
  return !!element.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]');
}
