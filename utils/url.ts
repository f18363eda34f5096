/**
 * One key per article: the same page reached through a tracking link, a mobile or AMP variant, http or
 * https, with or without a trailing slash or a #fragment, normalises to the same string.
 */
/** Sub-domains that serve the same article as the bare domain. */
const VARIANT_PREFIX = /^(www|m|amp)\./;
const TRACKING_PARAM =
  /^(utm_.*|fbclid|gclid|dclid|msclkid|zarsrc|zaloapp|_ga|mc_cid|mc_eid|igshid|ref_src)$/i;

/** Returns the normalised form of an http(s) URL, or `null` for anything else (file:, chrome:, bad input). */
export function normalizeUrl(input: string): string | null {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.protocol = 'https:';
  url.hash = '';
  url.username = '';
  url.password = '';
  url.hostname = url.hostname.replace(VARIANT_PREFIX, '');
  if (url.port === '443' || url.port === '80') url.port = '';

  const kept = [...url.searchParams].filter(([key]) => !TRACKING_PARAM.test(key) && key !== 'amp');
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  url.search = new URLSearchParams(kept).toString();

  let path = url.pathname.replace(/\/amp\/?$/, '/').replace(/\/{2,}/g, '/');
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  url.pathname = path;
  return url.toString();
}

/**
 * The article key of a page: its `rel=canonical` address when the page names a usable one, else its own
 * address, normalised. A canonical is used only when it is on the same site (`m.`, `amp.`, `www.` aside — an
 * AMP or mobile page names its desktop twin) and does not send an article to the site's front page, a
 * common misconfiguration. Null when the page's address is not http(s).
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
  const key = normalizeUrl(target.href);
  if (!key || siteOf(key) !== siteOf(own)) return own;
  const root = (u: string) => new URL(u).pathname === '/' && new URL(u).search === '';
  if (root(key) && !root(own)) return own;
  return key;
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
