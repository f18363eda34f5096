/** Who may touch what: the rules every handler applies before reading or writing. */
import { RouteError, type SenderContext } from '../router';
import { articleKey, normalizeUrl } from '../url';

/**
 * The article key of a page URL — its canonical address when the page names a usable one (see `articleKey`)
 * — or an `invalid` error.
 */
export function pageKey(url: string, canonical?: string): string {
  const key = articleKey(url, canonical);
  if (!key) throw new RouteError('invalid', `not a web page address: ${url}`);
  return key;
}

/**
 * A content script may only touch records of the page in its own tab: keyed by the tab's address, or by the
 * canonical address the page names — which `articleKey` accepts only on the page's own site.
 */
export function assertOwnPage(sender: SenderContext, key: string, canonical?: string): void {
  if (sender.kind !== 'content') return;
  const own = sender.pageUrls.some(
    (pageUrl) => normalizeUrl(pageUrl) === key || (!!canonical && articleKey(pageUrl, canonical) === key),
  );
  if (!own) throw new RouteError('forbidden', 'a page can only read and write its own highlights');
}

/**
 * The keys a page's highlights are stored under, once the sender may touch that page: the article key, and the
 * page's own address when it differs — highlights made before the page named its canonical address (or before
 * Clipmark used it) are there, and they are one article with the rest.
 */
export function pageKeys(sender: SenderContext, url: string, canonical?: string): string[] {
  const key = pageKey(url, canonical);
  assertOwnPage(sender, key, canonical);
  const own = pageKey(url);
  return own === key ? [key] : [key, own];
}

/** Library-wide operations (tags, search, export) are for Clipmark's own pages, never a web page. */
export function assertExtensionPage(sender: SenderContext): void {
  if (sender.kind !== 'extension-page') {
    throw new RouteError('forbidden', 'only Clipmark pages may do this');
  }
}
