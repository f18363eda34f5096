/**
 * The content script comes in two parts (entrypoints/content/handoff.ts): a small core on every page, and the
 * page tools, which the core asks for when its page needs them. They are injected from here because a content
 * script cannot run an extension file itself without making it web-accessible — readable by every page.
 */
import type { Handlers } from '@/utils/messaging/background-router';
import { RouteError } from '@/utils/messaging/router';
import type { TabAccess } from './tab-access';

export function pageToolsHandlers(tabs: TabAccess | undefined): Pick<Handlers, 'page.loadTools'> {
  return {
    async 'page.loadTools'({ part }, sender) {
      // Only a content script, and only into its own page (the router accepts content scripts of top frames).
      if (sender.kind !== 'content')
        throw new RouteError('forbidden', 'only a content script loads its page tools');
      if (!tabs) throw new RouteError('internal', 'no tabs here');
      return { started: (await tabs.loadTools(sender.tabId, part)) === true };
    },
  };
}
