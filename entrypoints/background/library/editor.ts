/**
 * The highlight editor's request to close: it is an extension page framed in a web page (entrypoints/editor),
 * and only the content script of that page can remove the frame. The background relays it to that tab's content
 * script; the page itself hears nothing (see `editor.close` in utils/messaging/background-map.ts).
 */

import type { Handlers } from '@/utils/messaging/background-router';
import { RouteError } from '@/utils/messaging/router';
import type { TabAccess } from '../tab-access';

export function editorHandlers(tabs: TabAccess | undefined): Pick<Handlers, 'editor.close'> {
  return {
    async 'editor.close'(_request, sender) {
      // Only an extension page framed in a tab's page: the editor. Not a content script, not the popup.
      if (sender.kind !== 'extension-page' || sender.tabId === undefined || !sender.frameId) {
        throw new RouteError('forbidden', 'only the editor framed in a page can close itself');
      }
      if (!tabs) throw new RouteError('internal', 'no tabs here');
      return tabs.contentScript(sender.tabId).send('page.editorClosed', {});
    },
  };
}
