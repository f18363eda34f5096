/**
 * What every format shares: one deterministic order, dates as the article states them (through one helper
 * that never throws), and safe file names.
 * Comparisons use code-unit order, not `localeCompare`, so the output is the same on every machine.
 */
import { type Article, type Highlight, MAX_TIME } from '../schema';
import { foldText } from '../search/fold';
import { isBookKey, siteOf } from '../url';
import type { Selection } from './types';

export interface ArticleGroup {
  article: Article;
  /** In reading order (position on the page, then creation). */
  highlights: Highlight[];
}

const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);

export function byReadingOrder(a: Highlight, b: Highlight): number {
  return a.position.start - b.position.start || a.createdAt - b.createdAt || cmp(a.id, b.id);
}

/**
 * Groups the selection by article: articles in the order they were first highlighted (then by URL), each
 * with its highlights in reading order. A highlight whose article is not in the selection gets a stand-in
 * built from its URL, so no highlight is ever dropped; articles without highlights are kept (citations).
 */
export function groupByArticle(selection: Selection): ArticleGroup[] {
  const groups = new Map<string, ArticleGroup>();
  for (const article of selection.articles) groups.set(article.url, { article, highlights: [] });
  for (const h of selection.highlights) {
    let group = groups.get(h.url);
    if (!group) {
      group = { article: standInArticle(h.url, h.createdAt), highlights: [] };
      groups.set(h.url, group);
    }
    group.highlights.push(h);
  }
  for (const group of groups.values()) group.highlights.sort(byReadingOrder);
  return [...groups.values()].sort(
    (a, b) => a.article.createdAt - b.article.createdAt || cmp(a.article.url, b.article.url),
  );
}

/** The article record a highlight implies when none is stored: its URL and site, nothing else known. */
export function standInArticle(url: string, time: number): Article {
  return { url, site: siteOf(url), title: '', meta: {}, createdAt: time, updatedAt: time };
}

/** The name to show for the site: the page's own ("Báo Nam Định"), else the host. */
export function siteName(article: Article): string {
  return article.meta.siteName?.trim() || article.site;
}

/** The address to cite and link: the page's canonical URL when it names one; none for a book (no address). */
export function citeUrl(article: Article): string {
  if (isBookKey(article.url)) return '';
  return article.meta.canonicalUrl || article.url;
}

const OFFSET = /([+-])(\d{2}):?(\d{2})$/;

/**
 * The UTC offset the article states for its own dates (Vietnamese sites: "+07:00"), or null when it states
 * none or states UTC. Our own timestamps are shown in it, so "highlighted at" reads in the paper's time.
 */
export function articleOffset(article: Article): string | null {
  const m = OFFSET.exec(article.meta.publishedAt ?? article.meta.modifiedAt ?? '');
  if (!m || (m[2] === '00' && m[3] === '00')) return null;
  return `${m[1]}${m[2]}:${m[3]}`;
}

function offsetMinutes(offset: string | null): number {
  const m = offset ? OFFSET.exec(offset) : null;
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

export { MAX_TIME };

/**
 * `ms` as a `Date`, or null when no format can write it: not a finite number, outside what a `Date` holds, or
 * outside the years 0000–9999. Four-digit years are what ISO 8601 writes without a prior agreement, and what
 * xsd:dateTime readers (our own importer among them), spreadsheets, biblatex and citeproc expect: year 275760
 * would come out as "+275760-09-13…", which they misread or refuse.
 *
 * Every date an export writes goes through here, so no export throws on a record the store holds: the schema
 * keeps times within the `Date` range (`TimestampSchema`), but a record stored by an older version may hold
 * any integer. A date this refuses is left out of the file (an empty cell, no `<time>`, no access date).
 */
function dateAt(ms: number): Date | null {
  if (typeof ms !== 'number' || !(Math.abs(ms) <= MAX_TIME)) return null;
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  return year >= 0 && year <= 9999 ? date : null;
}

/** UTC ISO 8601 to the millisecond ("2026-11-06T03:00:00.000Z"), or null (see `dateAt`). */
export function utcIso(ms: number): string | null {
  return dateAt(ms)?.toISOString() ?? null;
}

/**
 * ISO 8601 to the second, in `offset` ("2026-11-05T08:02:00+07:00") or in UTC with `Z` when null; null when
 * the time, shifted to the offset, is not one `dateAt` takes.
 */
export function isoAt(ms: number, offset: string | null): string | null {
  const shifted = dateAt(ms + offsetMinutes(offset) * 60_000);
  return shifted ? `${shifted.toISOString().slice(0, 19)}${offset ?? 'Z'}` : null;
}

/** One of our timestamps (highlighted at, accessed) for display, in the article's offset or UTC; null if none. */
export function displayTime(ms: number, article: Article): string | null {
  return isoAt(ms, articleOffset(article));
}

/** The publication time in the offset the article wrote it in, to the second; null when unknown. */
export function publishedIso(article: Article): string | null {
  const raw = article.meta.publishedAt;
  if (!raw) return null;
  return isoAt(Date.parse(raw), articleOffset(article));
}

export type DateParts = [year: number, month: number, day: number];

/** The publication date as the article's own calendar says (an 00:30 +07:00 story is dated that day). */
export function publishedParts(article: Article): DateParts | null {
  const iso = publishedIso(article);
  return iso ? dateParts(iso) : null;
}

/** The day a timestamp falls on in the article's offset (or UTC): access dates for citations; null if none. */
export function dayOf(ms: number, article: Article): DateParts | null {
  const iso = displayTime(ms, article);
  return iso ? dateParts(iso) : null;
}

function dateParts(iso: string): DateParts {
  return [Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10))];
}

export const pad2 = (n: number) => String(n).padStart(2, '0');

/** "Hợp tác xã Đồng Tiến: lò sấy mới!" → "hop-tac-xa-dong-tien-lo-say-moi": ASCII, lower case, short. */
export function slugify(text: string, max = 60): string {
  const slug = foldText(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= max) return slug;
  // Cut at a word boundary when one is not too far back.
  const cut = slug.slice(0, max);
  const dash = cut.lastIndexOf('-');
  return (dash > max / 2 ? cut.slice(0, dash) : cut).replace(/-+$/, '');
}

// Device names Windows refuses as file names, with any extension.
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/;

/**
 * File names for the groups, one each: the folded title (else the site, else "article"), made unique with
 * "-2", "-3"… in order. Names are lower-case ASCII, so no file system can see two of them as one.
 */
export function fileNames(groups: readonly ArticleGroup[], extension: string): string[] {
  const used = new Set<string>();
  return groups.map(({ article }) => {
    let base = slugify(article.title) || slugify(siteName(article)) || 'article';
    if (RESERVED.test(base)) base = `${base}-article`;
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base}-${n}`;
    used.add(name);
    return `${name}.${extension}`;
  });
}

/** Tags in first-use order over the highlights, without duplicates. */
export function tagsInUse(highlights: readonly Highlight[]): string[] {
  return [...new Set(highlights.flatMap((h) => h.tags))];
}
