/**
 * The address a page names for itself: `<link rel=canonical>`, else `og:url`, resolved against the page's
 * address — as extraction reads it (`utils/article/extract.ts`), so the content script and the background
 * agree on an article's key. Cheap: two selector lookups in a small `<head>`.
 */
export function canonicalOf(doc: Document): string | undefined {
  const link = doc.querySelector<HTMLLinkElement>('link[rel~="canonical" i][href]');
  const og = doc.querySelector<HTMLMetaElement>('meta[property="og:url" i][content]');
  const raw = link?.getAttribute('href') || og?.getAttribute('content');
  if (!raw) return undefined;
  try {
    const url = new URL(raw, doc.location?.href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** What the page named and what was used, for the page loaded before in the same document. */
export interface CanonicalChoice {
  url: string;
  /** What `<head>` said. */
  named: string | undefined;
  /** What was used as the canonical address. */
  used: string | undefined;
}

/**
 * The canonical address to use for the page at `url`, given the choice made for the page before it in the same
 * document. A single-page site that changes the address without updating `<head>` leaves the previous
 * article's canonical behind: when the address moved to another page and `<head>` still names the same
 * canonical, it is stale and the page's own address is used.
 */
export function chooseCanonical(
  previous: CanonicalChoice | null,
  url: string,
  named: string | undefined,
): CanonicalChoice {
  if (!named || !previous || named !== previous.named) return { url, named, used: named };
  // The same canonical as before: the same decision for the same address, stale for another.
  return { url, named, used: previous.url === url ? previous.used : undefined };
}
