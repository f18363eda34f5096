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
   * Runs the page tools (`page-tools.js`, entrypoints/page-tools/) in the tab's top frame, beside the content
   * script's core that asked for them; what they returned (whether they run there).
   */
  loadTools(tabId: number): Promise<unknown>;
  /** The content script of the tab's top frame (`TabMessageMap`). */
  contentScript(tabId: number): TabClient;
}
