/**
 * `detectArticle(doc, url)`: is this page one article? Cheap enough to run on every page at idle — no
 * Readability parse, no styles or layout, bounded loops — and it says why, reason by reason.
 */
import { parseIsoDate, parseVietnameseDate } from './dates';
import { titleVariants } from './headline';
import { ARTICLE_TYPES, LISTING_TYPES } from './jsonld';
import { metaValue, type PageMetadata, PUBLISHED_META, readMetadata } from './metadata';
import { scanPage } from './scan';
import { adapterFor } from './sites';
import { type PageStructure, readStructure } from './structure';
import type { Detection, DetectionReason, ReasonId, SiteAdapter } from './types';
import { isReferenceUrl } from './url-shape';

/** Score from which a page counts as an article. */
export const ARTICLE_THRESHOLD = 40;

/** English wording of each reason, for logs and as the fallback text in the popup. */
export const REASON_TEXT: Record<ReasonId, string> = {
  'jsonld-article': 'structured data says it is an article',
  'jsonld-listing': 'structured data says it is a list of pages',
  'og-article': 'Open Graph type is "article"',
  'og-not-article': 'Open Graph type is not "article"',
  'published-time': 'has a publication time',
  dateline: 'shows a date under the title',
  'url-article': 'address looks like an article',
  'url-listing': 'address looks like a category, tag or search page',
  'url-home': 'address is the site’s front page',
  'url-reference': 'address looks like documentation or an encyclopedia',
  'main-heading': 'one main heading',
  'many-headings': 'many top-level headings',
  'dense-text': 'a block of continuous prose',
  'heading-over-prose': 'the main heading stands over that prose',
  'little-text': 'little continuous prose',
  teasers: 'many teaser headlines and little prose: a listing',
  author: 'names an author',
};

// Dates as English pages print them, for the dateline signal only ("March 5, 2015", "5 Mar 2015").
const ENGLISH_DATE =
  /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}\b|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+\d{4}\b/i;

// Dates as pages in any language print them, for the dateline signal only: day, month and year in figures
// ("05.11.2022", "2019年11月19日", "2026-12-05"), or a day, a month's name and a year ("6 ธันวาคม 2569",
// "19. November 2019", "4 mai 2015"); years of the common era or the Buddhist era (Thailand).
const ANY_DATE =
  /(?:^|[^\d])(?:\d{1,2}[./-]\d{1,2}[./-](?:19|20|25)\d{2}|(?:19|20|25)\d{2}(?:[./-]|\s?年\s?)\d{1,2}(?:[./-]|\s?月\s?)\d{1,2}|\d{1,2}\.?\s+[\p{L}\p{M}]{3,}\.?,?\s+(?:19|20|25)\d{2})(?!\d)/u;

/** What a caller may pass in to save work or to force an adapter. */
export interface DetectOptions {
  /** Metadata already read from this document, to avoid reading it twice. */
  metadata?: PageMetadata;
  adapter?: SiteAdapter;
}

/** Points for what the page's JSON-LD, Open Graph and meta tags declare. */
function declared(meta: PageMetadata, add: (id: ReasonId, points: number, detail?: string) => void): void {
  const types = meta.jsonLd.flatMap((n) => n.types);
  const articleType = types.find((t) => ARTICLE_TYPES.has(t));
  // Encyclopedias and tools label every page "Article"; the news and blog types say more.
  if (articleType) add('jsonld-article', articleType === 'Article' ? 25 : 35, articleType);
  else {
    const listing = types.find((t) => LISTING_TYPES.has(t));
    if (listing) add('jsonld-listing', -30, listing);
  }
  const ogType = meta.meta.get('og:type')?.toLowerCase();
  if (ogType === 'article' || ogType === 'blog' || ogType === 'news') add('og-article', 20, ogType);
  else if (ogType) add('og-not-article', ogType === 'website' ? -5 : -15, ogType);

  const published =
    metaValue(meta.meta, ...PUBLISHED_META) ??
    (typeof meta.article?.datePublished === 'string' ? meta.article.datePublished : null);
  if (published && parseIsoDate(published)) add('published-time', 15, published);

  const author =
    metaValue(meta.meta, 'author', 'article:author') ?? (meta.article?.author ? 'JSON-LD' : null);
  if (author) add('author', 5, author.slice(0, 60));
}

/** A visible date near the headline: the adapter's time line, a `<time>`, or a date-like short line. */
function dateline(adapter: SiteAdapter, structure: PageStructure): string | null {
  const isDate = (text: string) =>
    text.length <= 200 &&
    (ENGLISH_DATE.test(text) ||
      ANY_DATE.test(text) ||
      !!parseVietnameseDate(text, { defaultOffset: adapter.defaultOffset }));
  // The adapter's time line, looked for next to the headline only: a selector query over a whole large
  // page is the costliest thing detection could do, and a date far from any headline says little.
  const scope = structure.headingElement?.parentElement?.parentElement;
  if (adapter.selectors.time && scope) {
    let text = '';
    try {
      text = scope.querySelector(adapter.selectors.time)?.textContent?.trim() ?? '';
    } catch {
      // a selector the engine rejects is the adapter's bug; the generic signals still count
    }
    if (text && isDate(text)) return text.slice(0, 80);
  }
  if (structure.timeCount >= 1 && structure.timeCount <= 3) return '<time>';
  // The few short elements right after the headline, where bylines and dates sit.
  const heading = structure.headingElement;
  let el: Element | null | undefined =
    heading?.nextElementSibling ?? heading?.parentElement?.nextElementSibling;
  for (let i = 0; el && i < 6; i++, el = el.nextElementSibling) {
    const text = (el.textContent ?? '').slice(0, 300).trim();
    if (isDate(text)) return text.slice(0, 80);
  }
  // Blog engines sometimes put the date just above the headline.
  el = heading?.previousElementSibling ?? heading?.parentElement?.previousElementSibling;
  for (let i = 0; el && i < 2; i++, el = el.previousElementSibling) {
    const text = (el.textContent ?? '').slice(0, 300).trim();
    if (isDate(text)) return text.slice(0, 80);
  }
  return null;
}

/**
 * Whether the headline and the main prose share a near container, short of the body (an article's header and
 * body do; a listing's or a front page's headline and its largest text do not). Whatever the address or the
 * markup declare, and in every script: the shape of a page written to be read through.
 */
function headsTheProse(s: PageStructure): boolean {
  const heading = s.headingElement;
  if (!heading) return false;
  let box = s.mainElement;
  for (let level = 0; box && level < 4; level++, box = box.parentElement) {
    if (box.tagName === 'BODY') return false;
    if (box.contains(heading)) return true;
  }
  return false;
}

/** Points for the page's layout: one headline over dense prose, or many teasers over little. */
function layout(s: PageStructure, add: (id: ReasonId, points: number, detail?: string) => void): void {
  // h1s the body uses as section headings do not make the page a listing.
  const topLevel = s.h1Count - s.h1InProse;
  const headline = s.headingElement?.textContent?.replace(/\s+/g, ' ').trim() || s.h1Text || s.titleHeading;
  if ((topLevel >= 1 && topLevel <= 2) || (s.h1Count === 0 && s.titleHeading)) {
    add('main-heading', 10, headline.slice(0, 80));
  } else if (topLevel >= 4) add('many-headings', -10, `${s.h1Count} h1`);

  const prose = `${s.mainChars} chars in ${s.mainParagraphs} paragraphs`;
  if (s.mainChars >= 600 && headsTheProse(s)) add('heading-over-prose', 10);
  if (s.mainChars >= 1500) add('dense-text', 25, prose);
  else if (s.mainChars >= 600) add('dense-text', 15, prose);
  else if (s.mainChars >= 400) add('dense-text', 10, prose);
  else if (s.mainChars < 250) add('little-text', -25, prose);

  // A listing is many teaser headlines over little prose; an article's sidebar teasers sit beside a body.
  if (s.teasers >= 5 && s.mainChars < Math.min(1200, s.teasers * 100)) {
    add('teasers', -30, `${s.teasers} teasers; ${prose}`);
  }
}

/**
 * Decides whether `doc` (at `url`) is a single article, from what the page declares (JSON-LD, Open Graph,
 * publication time), its address (slug + id, date path, home, category, search) and its layout (one main
 * heading over dense paragraphs versus many teasers). Never throws; `reasons` list every signal counted.
 */
export function detectArticle(doc: Document, url: string, options: DetectOptions = {}): Detection {
  const reasons: DetectionReason[] = [];
  const add = (id: ReasonId, points: number, detail?: string) =>
    reasons.push(detail === undefined ? { id, points } : { id, points, detail });

  const scan = scanPage(doc);
  const meta = options.metadata ?? readMetadata(doc, scan);
  let parsed: URL | null = null;
  try {
    parsed = new URL(url);
  } catch {
    // An unparsable address only loses the URL signals.
  }
  const adapter = options.adapter ?? adapterFor(parsed ?? new URL('about:blank'), meta.lang);

  declared(meta, add);
  if (parsed) {
    const kind = adapter.urlKind(parsed);
    // Documentation and encyclopedias mark pages up as articles too, and are laid out as headline over prose:
    // their address outweighs all of that.
    if (isReferenceUrl(parsed)) add('url-reference', -60, parsed.hostname + parsed.pathname);
    else if (kind === 'article') add('url-article', 15, parsed.pathname);
    else if (kind === 'listing') add('url-listing', -25, parsed.pathname + parsed.search);
    else if (kind === 'home') add('url-home', -40, parsed.pathname);
  }
  const titles = titleVariants(
    [
      doc.title,
      metaValue(meta.meta, 'og:title', 'twitter:title'),
      typeof meta.article?.headline === 'string' ? meta.article.headline : null,
    ],
    parsed?.hostname ?? '',
  );
  const structure = readStructure(doc, scan, titles);
  if (!reasons.some((r) => r.id === 'published-time')) {
    const seen = dateline(adapter, structure);
    if (seen) add('dateline', 10, seen);
  }
  layout(structure, add);

  const score = reasons.reduce((sum, r) => sum + r.points, 0);
  return { isArticle: score >= ARTICLE_THRESHOLD, score, reasons };
}

/** One line per reason, e.g. "+35 structured data says it is an article (NewsArticle)". */
export function describeDetection(detection: Detection): string[] {
  return detection.reasons.map(
    (r) => `${r.points > 0 ? '+' : ''}${r.points} ${REASON_TEXT[r.id]}${r.detail ? ` (${r.detail})` : ''}`,
  );
}
