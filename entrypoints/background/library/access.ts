/** Who may touch what: the rules every handler applies before reading or writing. */

import type { SenderContext } from '@/utils/messaging/background-router';
import { RouteError } from '@/utils/messaging/router';
import { articleKey, normalizeUrl } from '@/utils/url';
import type { PageEvidence } from './evidence';

/**
 * The article key a page URL asks for — its canonical address when the page names a usable one (see
 * `articleKey`) — or an `invalid` error.
 */
export function pageKey(url: string, canonical?: string): string {
  const key = articleKey(url, canonical);
  if (!key) throw new RouteError('invalid', `not a web page address: ${url}`);
  return key;
}

/**
 * A content script may only touch the records of the page in its own tab: keyed by that page's own address,
 * as the browser reports it (`sender.pageUrls`). Keys keep the origin (utils/url.ts), so `http:`, another port,
 * `m.` or `amp.` are other pages. A canonical address is never enough on its own: see `recordKey`.
 */
export function assertOwnPage(sender: SenderContext, key: string): void {
  if (sender.kind !== 'content') return;
  if (!sender.pageUrls.some((pageUrl) => normalizeUrl(pageUrl) === key)) {
    throw new RouteError('forbidden', 'a page can only read and write its own highlights');
  }
}

/**
 * The key a page's highlights go under. Extension pages are Clipmark's own: what they name. A content script
 * speaks for its page: its own address, or the canonical one the page names when the background found evidence
 * that the page is that article (`PageEvidence`); otherwise the canonical is ignored, not an error.
 */
export async function recordKey(
  sender: SenderContext,
  url: string,
  canonical: string | undefined,
  evidence: PageEvidence,
): Promise<string> {
  const named = pageKey(url, canonical);
  if (sender.kind !== 'content') return named;
  const own = pageKey(url);
  assertOwnPage(sender, own);
  return named !== own && (await evidence.allows(sender.tabId, url, named)) ? named : own;
}

/**
 * The keys a page's highlights are stored under: the article key (`recordKey`), and the page's own address when
 * it differs — highlights made before the page named its canonical address (or before Clipmark used it) are
 * there, and they are one article with the rest.
 */
export async function pageKeys(
  sender: SenderContext,
  url: string,
  canonical: string | undefined,
  evidence: PageEvidence,
): Promise<string[]> {
  const key = await recordKey(sender, url, canonical, evidence);
  const own = pageKey(url);
  return own === key ? [key] : [key, own];
}

/** Library-wide operations (tags, search, export) are for Clipmark's own pages, never a web page. */
export function assertExtensionPage(sender: SenderContext): void {
  if (sender.kind !== 'extension-page') {
    throw new RouteError('forbidden', 'only Clipmark pages may do this');
  }
}
