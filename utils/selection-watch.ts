/**
 * The one selection watcher, for web pages (the content script) and the reader page: it reports the user's text
 * selection (mouse and keyboard) and, while the toolbar is shown, the shortcut keys H, N, T, C (web pages) and Esc. Only the
 * user's own input counts: events a script dispatches (`isTrusted` false) are ignored, so a page cannot select
 * text itself and press H for the user.
 *
 * The document is passed in, and every listener and timer is registered in `scope`: WXT's `ctx` in the content
 * script (they end with it), `listenerScope()` in a page (disposed with the effect that made it).
 */

/** What the editor opens on after a highlight: nothing (H), the note (N) or the tags (T). */
export type HighlightThen = 'note' | 'tags' | null;

export interface SelectionHandlers {
  /** A non-empty selection of text was made; `range` is a copy the page cannot change under us. */
  onSelect(range: Range, rect: DOMRect): void;
  /** The user clicked elsewhere, cleared the selection or pressed Esc on the toolbar. */
  onDismiss(): void;
  /** True for events inside Clipmark's own UI, which must not count as page selection or shortcuts. */
  isOwnEvent(event: Event): boolean;
  /** Whether the toolbar is shown: only then are H, N, T and Esc Clipmark's keys rather than the page's. */
  isShown(): boolean;
  /** H, N or T: highlight the selection, then open the editor on nothing, the note or the tags. */
  onHighlight(then: HighlightThen): void;
  /** C: copy the selection with its citation (web pages; absent where there is no Cite). */
  onCite?(): void;
}

/** Where listeners and timers live; WXT's `ContentScriptContext` is one. */
export interface ListenerScope {
  addEventListener<K extends keyof DocumentEventMap>(
    target: Document,
    type: K,
    listener: (event: DocumentEventMap[K]) => void,
    options?: AddEventListenerOptions,
  ): void;
  setTimeout(handler: () => void, timeout?: number): number;
}

/** Keys that can change a selection made with the keyboard (Shift+arrows, Ctrl+A…). */
export const SELECTION_KEYS = /^(Shift|Arrow(Left|Right|Up|Down)|Home|End|PageUp|PageDown|a|A)$/;
const SHORTCUTS: Record<string, HighlightThen> = { h: null, n: 'note', t: 'tags' };

/** The user's selection of page text, if there is one: not empty, not blank, not in a text field. */
export function selectedRange(doc: Document): Range | null {
  const selection = doc.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
  const range = selection.getRangeAt(0);
  if (!range.toString().trim() || isEditable(range.commonAncestorContainer)) return null;
  return range;
}

/** Starts watching; `check()` looks at the selection now, as after a selection the watcher did not see. */
export function watchSelection(
  scope: ListenerScope,
  doc: Document,
  handlers: SelectionHandlers,
): { check(): void } {
  const check = () => {
    const range = selectedRange(doc);
    if (!range) return handlers.onDismiss();
    handlers.onSelect(range.cloneRange(), range.getBoundingClientRect());
  };

  scope.addEventListener(doc, 'mousedown', (event) => {
    if (event.isTrusted && !handlers.isOwnEvent(event)) handlers.onDismiss();
  });
  scope.addEventListener(doc, 'mouseup', (event) => {
    // Let the browser finish updating the selection first.
    if (event.isTrusted && !handlers.isOwnEvent(event)) scope.setTimeout(check, 0);
  });
  scope.addEventListener(doc, 'keyup', (event) => {
    if (event.isTrusted && !handlers.isOwnEvent(event) && SELECTION_KEYS.test(event.key)) check();
  });
  // Captured, so that the page's own shortcuts on these keys do not run as well.
  scope.addEventListener(
    doc,
    'keydown',
    (event) => {
      if (!event.isTrusted || !handlers.isShown() || handlers.isOwnEvent(event)) return;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (isEditable(event.target as Node | null)) return;
      const key = event.key.toLowerCase();
      if (Object.hasOwn(SHORTCUTS, key)) handlers.onHighlight(SHORTCUTS[key] ?? null);
      else if (key === 'c' && handlers.onCite) handlers.onCite();
      else if (event.key === 'Escape') handlers.onDismiss();
      else return;
      event.preventDefault();
      event.stopPropagation();
    },
    { capture: true },
  );
  return { check };
}

/** A `ListenerScope` for an extension page: `dispose()` removes its listeners and clears its timers. */
export function listenerScope(): ListenerScope & { dispose(): void } {
  const controller = new AbortController();
  const timers = new Set<number>();
  return {
    addEventListener(target, type, listener, options) {
      target.addEventListener(type, listener, { ...options, signal: controller.signal });
    },
    setTimeout(handler, timeout) {
      const timer = window.setTimeout(() => {
        timers.delete(timer);
        handler();
      }, timeout);
      timers.add(timer);
      return timer;
    },
    dispose() {
      controller.abort();
      for (const timer of timers) window.clearTimeout(timer);
      timers.clear();
    },
  };
}

/** Text fields and contenteditable areas are the user's own typing, not article text. */
function isEditable(node: Node | null): boolean {
  const element = node && (node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement);
  if (!element) return false;
  return !!element.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]');
}
