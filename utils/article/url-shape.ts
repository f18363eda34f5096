/** What an address's shape says about the page, before reading it. Site adapters refine these rules. */
import type { UrlKind } from './types';

const HOME = /^\/(?:(?:index|default|home|trang-chu)(?:\.\w{2,5})?)?\/?$/i;
// Folders that hold lists (English and Vietnamese CMS words).
const LISTING_SEGMENT =
  /^(?:category|categories|tag|tags|topic|topics|section|sections|search|archive|archives|author|authors|page|latest|chuyen-muc|danh-muc|chu-de|tu-khoa|tim-kiem|su-kien|tac-gia|trang)$/i;
const SEARCH_PARAM = /^(?:q|s|query|keyword|keywords|search|tu-khoa)$/i;
// A slug ending in a numeric id: "-2540155", "-4712345.html", "-20240221073000123.htm", "-post812345.html".
const SLUG_WITH_ID = /[a-z\u00c0-\uffff%][^/]*[-_](?:post|p|a|n|d)?\d{5,}(?:\.[a-z]{2,5})?$/i;
// A year/month[/day] folder followed by a slug: /2026/11/09/title or /2026/11/title.
const DATE_PATH = /\/(?:19|20)\d\d\/[01]?\d(?:\/[0-3]?\d)?\/[^/]*[a-z][^/]*/i;

function segments(url: URL): string[] {
  return url.pathname.split('/').filter(Boolean);
}

/** A path segment that reads like a headline: four or more words joined by dashes or underscores. */
export function isHeadlineSlug(segment: string): boolean {
  const words = segment
    .replace(/\.[a-z]{2,5}$/i, '')
    .split(/[-_]+/)
    .filter(Boolean);
  return words.length >= 4 && segment.length >= 20;
}

/** True when the address is a site's front page. */
export function isHomeUrl(url: URL): boolean {
  return HOME.test(url.pathname) && ![...url.searchParams.keys()].some((k) => SEARCH_PARAM.test(k));
}

/** True when the address says "list" (category, tag, search, archive or paged listing). */
export function isListingUrl(url: URL): boolean {
  if ([...url.searchParams.keys()].some((k) => SEARCH_PARAM.test(k))) return true;
  const parts = segments(url);
  const last = parts.at(-1) ?? '';
  if (parts.some((p) => LISTING_SEGMENT.test(p)) && !SLUG_WITH_ID.test(last) && !isHeadlineSlug(last)) {
    return true;
  }
  return /^(?:p|page|trang)-?\d+(?:\.\w+)?$/i.test(last);
}

/** True when the address ends like an article: slug + numeric id, a date path, or a headline slug. */
export function isArticleUrl(url: URL): boolean {
  const parts = segments(url);
  const last = parts.at(-1) ?? '';
  if (SLUG_WITH_ID.test(last) && /[a-z%]/i.test(last.replace(/\d+(?:\.\w+)?$/, ''))) return true;
  if (DATE_PATH.test(url.pathname)) return true;
  return parts.some(isHeadlineSlug);
}

// Documentation, manuals and encyclopedias: readable, but not articles.
const REFERENCE_HOST = /^(?:docs|doc|developer|developers|devdocs|wiki|manual|man|api)\./i;
const REFERENCE_SEGMENT =
  /^(?:docs?|documentation|manual|manuals|reference|handbook|wiki|man|spec|specs|api-docs)$/i;

/** True when the address is a documentation, manual or encyclopedia page (docs.*, /docs/, /wiki/). */
export function isReferenceUrl(url: URL): boolean {
  if (REFERENCE_HOST.test(url.hostname) || /(?:^|\.)wikipedia\.org$/i.test(url.hostname)) return true;
  return segments(url).some((s) => REFERENCE_SEGMENT.test(s));
}

/** The generic reading of an address: home, listing, article, or null when the shape says nothing. */
export function genericUrlKind(url: URL): UrlKind | null {
  if (isHomeUrl(url)) return 'home';
  if (isListingUrl(url)) return 'listing';
  if (isArticleUrl(url)) return 'article';
  return null;
}
