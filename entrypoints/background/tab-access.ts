import type { PagePart } from '@/utils/messaging/background-map';
import type { TabClient } from '@/utils/messaging/sender';

/**
 * The browser's tabs, as far as the handlers need them: `browser.tabs` and `browser.scripting`, wired in index.ts,
 * and fakes in the tests.
 */
export interface TabAccess {
  /** The tab's current address, or undefined when there is no such tab. */
  urlOf(tabId: number): Promise<string | undefined>;
  /** Runs the extractor (entrypoints/extractor.ts) in the tab's top frame and returns what it returned. */
  extract(tabId: number): Promise<unknown>;
  /**
   * Runs `page-text.js` (entrypoints/page-text.ts) in the tab's top frame: `{url, text}`, the page's address and
   * its text as anchoring reads it — the evidence a canonical address needs (library/evidence.ts).
   */
  readPage(tabId: number): Promise<unknown>;
  /**
   * Runs a part of the content script — the page tools (`page-tools.js`, entrypoints/page-tools/) or its UI
   * (`page-ui.js`, entrypoints/page-ui/) — in the tab's top frame, beside the core that asked for it; what it
   * returned (whether it runs there).
   */
  loadTools(tabId: number, part: PagePart): Promise<unknown>;
  /** The content script of the tab's top frame (`TabMessageMap`). */
  contentScript(tabId: number): TabClient;
  /**
   * Opens `url` in tab `tabId`, or in a new background tab when none is given; the tab's id. (Optional: the fakes
   * of tests that open nothing leave it out.)
   */
  open?(url: string, tabId: number | undefined): Promise<number>;
}
