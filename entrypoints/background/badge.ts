/**
 * The number on the toolbar icon: how many highlights the page in each tab has (issue #20). Set per tab when a
 * page's content script asks for its highlights (`highlight.listForPage`, at load and after every redraw), counted
 * again after a highlight is made there and after any write to the library (a delete in the library page, an
 * import, sync), cleared when the tab goes to another page. Only tabs whose page asked are known; after the worker
 * restarts the browser keeps the numbers shown, and each page's next question sets its own again.
 */
import { sameArticle } from '@/utils/url';

/** What shows a count on a tab's icon (`action.setBadgeText`); 0 shows nothing. */
export type ShowCount = (tabId: number, count: number) => void;

export interface PageBadge {
  /** A tab's page listed its highlights: `count` now, and how to count them again later. */
  listed(tabId: number, url: string, count: number, recount: () => Promise<number>): void;
  /** Counts one tab again (a highlight was made there). */
  recount(tabId: number): Promise<void>;
  /** Counts every known tab again, once, a moment after the last of several writes. */
  libraryChanged(): void;
  /** The tab shows `url` now (or closed: null): its number goes unless it is the same article. */
  navigated(tabId: number, url: string | null): void;
}

export function createPageBadge(
  show: ShowCount,
  later: (run: () => void, ms: number) => void = (run, ms) => {
    setTimeout(run, ms);
  },
): PageBadge {
  const tabs = new Map<number, { url: string; recount: () => Promise<number> }>();
  let scheduled = false;
  const recount = async (tabId: number) => {
    const entry = tabs.get(tabId);
    if (!entry) return;
    try {
      const count = await entry.recount();
      // Still the same page (no navigation while counting).
      if (tabs.get(tabId) === entry) show(tabId, count);
    } catch {
      // The page's answer failed (its tab closed, the address refused): its number stays until it navigates.
    }
  };
  return {
    listed(tabId, url, count, again) {
      tabs.set(tabId, { url, recount: again });
      show(tabId, count);
    },
    recount,
    libraryChanged() {
      if (scheduled || tabs.size === 0) return;
      scheduled = true;
      later(() => {
        scheduled = false;
        for (const tabId of tabs.keys()) recount(tabId).catch(() => {});
      }, 300);
    },
    navigated(tabId, url) {
      const entry = tabs.get(tabId);
      if (entry && url && sameArticle(entry.url, url)) return; // a #fragment or a tracking parameter
      tabs.delete(tabId);
      if (url !== null) show(tabId, 0);
    },
  };
}
