/**
 * Opening a highlight's passage from a list (the popup's search results, the library): the page at the address the
 * user visited with a text fragment, in the tab the list is about (or the list's own tab), or in a new tab when the
 * user asked for one. A text fragment is not acted on when an extension navigates a tab (Chromium scrolls to it
 * only after the user's own navigation), so the background also remembers which highlight the tab is going to,
 * and once that page has listed its highlights (`highlight.listForPage`, with this highlight among them) asks its
 * content script to scroll to it and flash it (`page.scrollTo`). Kept a minute, in memory: a worker stopped in
 * between only loses the scroll, and the text fragment is still in the address.
 */
import type { Handlers, SenderContext } from '@/utils/messaging/background-router';
import { RouteError } from '@/utils/messaging/router';
import type { TabAccess } from '../tab-access';
import { assertExtensionPage } from './access';

const PENDING_MS = 60_000;

export interface PassageOpener {
  handlers: Pick<Handlers, 'passage.open'>;
  /** A tab's page listed its highlights: if one was being opened there, scroll to it (after this answer). */
  listed(tabId: number, ids: readonly string[]): void;
}

export function passageOpener(tabs: TabAccess | undefined, now: () => number = Date.now): PassageOpener {
  const pending = new Map<number, { id: string; at: number }>();
  return {
    handlers: {
      async 'passage.open'({ url, id, tabId, newTab }, sender: SenderContext) {
        assertExtensionPage(sender);
        if (!tabs?.open) throw new RouteError('internal', 'no tabs here');
        const target = newTab ? undefined : (tabId ?? sender.tabId);
        const opened = await tabs.open(url, target);
        pending.set(opened, { id, at: now() });
        return { tabId: opened };
      },
    },
    listed(tabId, ids) {
      const wanted = pending.get(tabId);
      if (!wanted) return;
      if (now() - wanted.at > PENDING_MS) {
        pending.delete(tabId);
        return;
      }
      // Another page listed first (a redirect, the page before it): wait for the one holding the highlight.
      if (!ids.includes(wanted.id)) return;
      pending.delete(tabId);
      // After the answer: the page draws what it gets, and the tools answer this once they have.
      setTimeout(() => {
        tabs
          ?.contentScript(tabId)
          .send('page.scrollTo', { id: wanted.id })
          .catch(() => {});
      }, 0);
    },
  };
}
