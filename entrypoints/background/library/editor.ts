/**
 * The highlight editor's request to close: it is an extension page framed in a web page (entrypoints/editor),
 * and only the content script of that page can remove the frame. The background relays it to that tab's content
 * script; the page itself hears nothing (see `editor.close` in utils/messaging/background-map.ts).
 */

import type { Handlers, SenderContext } from '@/utils/messaging/background-router';
import { RouteError } from '@/utils/messaging/router';
import type { TabAccess } from '../tab-access';

export function editorHandlers(
  tabs: TabAccess | undefined,
): Pick<Handlers, 'editor.close' | 'editor.preview'> {
  /** The content script of the page the editor is framed in; only the editor framed in a page may ask. */
  const pageOf = (sender: SenderContext) => {
    // Only an extension page framed in a tab's page: the editor. Not a content script, not the popup.
    if (sender.kind !== 'extension-page' || sender.tabId === undefined || !sender.frameId) {
      throw new RouteError('forbidden', 'only the editor framed in a page can do this');
    }
    if (!tabs) throw new RouteError('internal', 'no tabs here');
    return tabs.contentScript(sender.tabId);
  };
  return {
    'editor.close': async (_request, sender) => pageOf(sender).send('page.editorClosed', {}),
    'editor.preview': async (request, sender) => pageOf(sender).send('page.preview', request),
  };
}
