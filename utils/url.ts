/**
 * One key per page: the same page reached through a tracking link, with or without `www.`, a trailing slash, a
 * #fragment or an AMP suffix, normalises to the same string. The key keeps the page's origin — scheme, host and
 * port — because the key is also what a page may reach (entrypoints/background/library/access.ts): `http://host/a`,
 * `https://host:8443/a`, `https://m.host/a` and `https://amp.host/a` are other pages than `https://host/a`
 * (another origin, possibly someone else's: `m.github.io` is a user's site). `www.` alone is folded: it is the
 * host's own name for itself.
 */
/** The one sub-domain that names the same site as the bare domain. */
const WWW = /^www\./;
/** Sub-domains a site serves its own articles from, for grouping (`siteOf`), never for access. */
const VARIANT_PREFIX = /^(www|m|amp)\./;
const TRACKING_PARAM =
  /^(utm_.*|fbclid|gclid|dclid|msclkid|zarsrc|zaloapp|_ga|mc_cid|mc_eid|igshid|ref_src)$/i;

/** An http(s) address without what only identified the visit (#fragment, credentials); null otherwise. */
function visitOf(input: string): URL | null {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  url.username = '';
  url.password = '';
  return url;
}

/** Returns the normalised form of an http(s) URL, or `null` for anything else (file:, chrome:, bad input). */
export function normalizeUrl(input: string): string | null {
  // The scheme and a port other than the scheme's default (which the parser already dropped) stay.
  const url = visitOf(input);
  if (!url) return null;
  url.hostname = url.hostname.replace(WWW, '');

  const kept = [...url.searchParams].filter(([key]) => !TRACKING_PARAM.test(key) && key !== 'amp');
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  url.search = new URLSearchParams(kept).toString();

  let path = url.pathname.replace(/\/amp\/?$/, '/').replace(/\/{2,}/g, '/');
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  url.pathname = path;
  return url.toString();
}

/**
 * The address to open a page at: the address the user visited, as it was (`www.`, the path's trailing slash, the
 * order of its parameters kept — a key is an address the user may never have visited, and some sites do not
 * answer it), without what only identified the visit: the #fragment, credentials and tracking parameters.
 * Null for anything but http(s).
 */
export function visitedAddress(input: string): string | null {
  const url = visitOf(input);
  if (!url) return null;
  const params = [...url.searchParams];
  const kept = params.filter(([key]) => !TRACKING_PARAM.test(key));
  if (kept.length !== params.length) url.search = new URLSearchParams(kept).toString();
  return url.toString();
}

/**
 * The article key a page asks for: its `rel=canonical` address when the page names a usable one, else its own
 * address, normalised. A canonical is usable only on the page's own origin (scheme, host and port; `www.` aside)
 * and when it does not send an article to the site's front page, a common misconfiguration. Null when the page's
 * address is not http(s). Only a hint: the background lets a page use a canonical key other than its own only
 * with evidence that the page is that article (entrypoints/background/library/evidence.ts).
 */
export function articleKey(pageUrl: string, canonical?: string | null): string | null {
  const own = normalizeUrl(pageUrl);
  if (!own || !canonical) return own;
  let target: URL;
  try {
    target = new URL(canonical, pageUrl);
  } catch {
    return own;
  }
  // Many https sites still print an http: canonical for their own pages: read as the page's own https: address
  // (this keeps the key on the page's origin, never moves it to another).
  if (target.protocol === 'http:' && new URL(pageUrl).protocol === 'https:' && target.port === '') {
    target.protocol = 'https:';
  }
  const key = normalizeUrl(target.href);
  if (!key || originOf(key) !== originOf(own)) return own;
  const root = (u: string) => new URL(u).pathname === '/' && new URL(u).search === '';
  if (root(key) && !root(own)) return own;
  return key;
}

/** The origin of a URL as keys keep it (`www.` folded), e.g. `https://host:8443`; '' for bad input. */
export function originOf(url: string): string {
  const key = normalizeUrl(url);
  return key ? new URL(key).origin : '';
}

/** True when two URLs name the same article. */
export function sameArticle(a: string, b: string): boolean {
  const na = normalizeUrl(a);
  return na !== null && na === normalizeUrl(b);
}

/** The site of a URL for grouping and `site:` filters: host name without `www.`, `m.` or `amp.`. */
export function siteOf(url: string): string {
  try {
    return new URL(url).hostname.replace(VARIANT_PREFIX, '');
  } catch {
    return '';
  }
}

/**
 * Books (Kindle's "My Clippings.txt", Readwise's CSV) have no web address, so their article key is a synthetic
 * one: `book:` and 32 hex digits, a SHA-256 of the title and author (NFC, spaces collapsed, case folded), so the
 * same book from two files is one article and importing it again finds the same key. It can never be a page's:
 * `normalizeUrl` answers null for it (not http or https), the content script's messages only take http(s)
 * addresses (`PageUrlSchema`), and `access.ts` compares keys with the tab's normalised address, so no page can
 * reach a book's records. A book has no page to open or anchor on: the interface shows it as a book.
 */
export const BOOK_KEY = /^book:[0-9a-f]{32}$/;

/** True for a book's synthetic key (`bookKey`), which names no web page. */
export function isBookKey(key: string): boolean {
  return BOOK_KEY.test(key);
}
