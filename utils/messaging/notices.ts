/**
 * What the background tells the extension pages without being asked: only that the library changed (a highlight
 * made, edited, deleted, restored or imported anywhere), so an open side panel shows it. It carries no data: the
 * page asks for what it shows through the message map, as always. Sent with `runtime.sendMessage`, which reaches
 * the extension's own pages only — never a content script, so no web page hears it. Types and pure checks only.
 */

/** The one notice there is. */
export interface LibraryChangedNotice {
  clipmark: 1;
  notice: 'library.changed';
}

export const LIBRARY_CHANGED: LibraryChangedNotice = { clipmark: 1, notice: 'library.changed' };

/** The sender of a message as `runtime.onMessage` gives it, as far as the check needs it. */
export interface NoticeSender {
  id?: string;
  url?: string;
  tab?: unknown;
}

/**
 * Whether `message` is the background's library-changed notice: this extension, from its own origin and not
 * from a tab (a content script, or one of our pages shown in a tab, has a `tab`), and exactly the notice's shape.
 * Every other message a page's listener hears (other pages' requests to the background) is not.
 */
export function isLibraryChanged(
  message: unknown,
  sender: NoticeSender,
  self: { id: string; origin: string },
): boolean {
  if (sender.id !== self.id || sender.tab !== undefined) return false;
  if (!sender.url?.startsWith(self.origin)) return false;
  if (typeof message !== 'object' || message === null) return false;
  const m = message as Record<string, unknown>;
  return Object.keys(m).length === 2 && m.clipmark === 1 && m.notice === 'library.changed';
}
