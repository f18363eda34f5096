/** Who may touch what: the rules every handler applies before reading or writing. */
import { RouteError, type SenderContext } from '../router';
import { normalizeUrl } from '../url';

/** The normalised key of a page URL, or an `invalid` error. */
export function pageKey(url: string): string {
  const key = normalizeUrl(url);
  if (!key) throw new RouteError('invalid', `not a web page address: ${url}`);
  return key;
}

/** A content script may only touch records of the page in its own tab. */
export function assertOwnPage(sender: SenderContext, url: string): void {
  if (sender.kind === 'content' && !sender.pageUrls.some((pageUrl) => normalizeUrl(pageUrl) === url)) {
    throw new RouteError('forbidden', 'a page can only read and write its own highlights');
  }
}

/** Library-wide operations (tags, search, export) are for Clipmark's own pages, never a web page. */
export function assertExtensionPage(sender: SenderContext): void {
  if (sender.kind !== 'extension-page') {
    throw new RouteError('forbidden', 'only Clipmark pages may do this');
  }
}
