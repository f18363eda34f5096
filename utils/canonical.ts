/**
 * The address a page names for itself: `<link rel=canonical>` in `<head>`, else `og:url` there, resolved against
 * the page's address — as extraction reads it (`utils/article/metadata.ts`: the first canonical link in `<head>`
 * with an address), so the content script and the background agree on an article's key. Cheap on every page
 * (the content script's core asks it at load): only `<head>` is searched — never the whole document, which on a
 * page with neither would be walked twice.
 */
export function canonicalOf(doc: Document): string | undefined {
  const head = doc.head;
  if (!head) return undefined;
  const raw =
    canonicalLink(head) ||
    head.querySelector<HTMLMetaElement>('meta[property="og:url" i][content]')?.getAttribute('content');
  if (!raw) return undefined;
  try {
    const url = new URL(raw, doc.location?.href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function canonicalLink(head: HTMLHeadElement): string | null {
  const links = head.getElementsByTagName('link');
  // By item, not up to `length`: counting a live collection walks all of it first.
  for (let i = 0, link = links[0]; link; link = links[++i]) {
    if (!/(^|\s)canonical(\s|$)/i.test(link.getAttribute('rel') ?? '')) continue;
    const href = link.getAttribute('href');
    if (href) return href;
  }
  return null;
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
