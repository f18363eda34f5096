/**
 * When an article was published and last updated, found without relying on class names, in this order of
 * trust: JSON-LD, `<meta>` tags (and what Readability read from them), a `<time datetime>` (or `itemprop=datePublished`) next to the headline, the
 * adapter's time line (a hint), then the printed dateline nearest the headline, before or after it, and last a
 * labelled time line closing the article ("[입력시간 : 2018-09-28 17:32]", "Đăng lúc …"). Never the
 * site header's "today", a teaser's or a comment's date: see near-headline.ts.
 *
 * Zones, when a value states none: Vietnamese pages are UTC+7 (the adapter's offset). Other pages: the offset
 * the page states in its other machine-readable dates, else the zone of the site's country (`.fr`, `fr_FR` →
 * Europe/Paris, summer time included), else UTC. Whatever the zone, the printed calendar day and clock time
 * are kept, so a citation's date is the one the page printed.
 */

import { PUBLISHED_LABEL, TODAY_LABEL, UPDATED_LABEL } from './date-words';
import { type DateOptions, parseDateline, parseIsoDate, parsePrintedDate } from './dates';
import { MODIFIED_META, metaValue, type PageMetadata, PUBLISHED_META, primaryLanguage } from './metadata';
import type { NearHeadline } from './near-headline';
import { cleanText } from './text';
import { countryZone } from './time-zones';
import type { SiteAdapter } from './types';

/** Meta names that carry the publication time, in the order they are trusted (detection's list first). */
const PUBLISHED_NAMES = [
  ...PUBLISHED_META,
  'og:article:published_time',
  'article.published',
  'published_time',
  'publish-date',
  'publish_date',
  'parsely-pub-date',
  'sailthru.date',
  'dcterms.issued',
  'dcterms.date',
  'dc.date',
  'date',
];
const MODIFIED_NAMES = [
  ...MODIFIED_META,
  'article.updated',
  'dcterms.modified',
  'dc.date.modified',
  'lastmod',
];

/** Publication and update times, ISO 8601 with an offset; null where the page does not say. */
export interface FoundDates {
  published: string | null;
  modified: string | null;
}

/** What `findDates` reads besides the document. */
export interface DateSources {
  meta: PageMetadata;
  /** What lies near the headline (null when no headline was found). */
  near: NearHeadline | null;
  /** The adapter's time line element, if its selector found one. */
  hint: Element | null;
  /** Readability's publication time, which it reads from metadata too (JSON-LD forms ours may miss). */
  guess?: string | null;
  /**
   * The last lines of the article's text, where some pages print their only time ("[입력시간 : 2018-09-28
   * 17:32]", "Đăng lúc 08:02 ngày 05/02/2020"): read last, and only a line with a publication or update label.
   */
  tail?: readonly string[];
  options: DateOptions;
}

const OFFSET = /(?:Z|[+-]\d{2}:?\d{2})$/i;

/** A machine-readable value: ISO 8601, else a printed form ("30/10/2023 11:25", RFC 2822). */
function machine(value: unknown, options: DateOptions): string | null {
  if (typeof value !== 'string' || !value.trim()) return null;
  return parseIsoDate(value, options) ?? parsePrintedDate(value.slice(0, 100), options);
}

/** The first offset the page states in a machine-readable date, e.g. "+02:00"; null when it states none. */
function statedOffset(meta: PageMetadata, near: NearHeadline | null): string | null {
  const values: unknown[] = [
    meta.article?.datePublished,
    meta.article?.dateModified,
    metaValue(meta.meta, ...PUBLISHED_NAMES),
    metaValue(meta.meta, ...MODIFIED_NAMES),
    ...(near?.times.map((el) => el.getAttribute('datetime') ?? el.getAttribute('content')) ?? []),
  ];
  for (const value of values) {
    const text = typeof value === 'string' ? value.trim() : '';
    if (!/^\d{4}-\d{2}-\d{2}T/.test(text) || !OFFSET.test(text)) continue;
    const iso = parseIsoDate(text);
    if (iso) return iso.slice(-6);
  }
  return null;
}

/**
 * How a page's zone-less dates are read (see the module comment): UTC+7 and day first on Vietnamese pages;
 * elsewhere the page's stated offset, its country's zone or UTC, and month first only in US English.
 */
export function pageDateOptions(
  adapter: SiteAdapter,
  url: URL,
  meta: PageMetadata,
  near: NearHeadline | null,
): DateOptions {
  if (adapter.vietnamese) return { defaultOffset: adapter.defaultOffset, dayFirst: true };
  const locale = metaValue(meta.meta, 'og:locale') ?? meta.lang;
  const zone = countryZone(url.hostname, locale);
  const region = /^[a-z]{2,3}[-_]([a-z]{2})\b/i.exec(locale ?? '')?.[1]?.toUpperCase();
  const usEnglish = primaryLanguage(locale) === 'en' && (region === 'US' || (!region && !zone));
  const offset = statedOffset(meta, near);
  return {
    defaultOffset: offset ?? adapter.defaultOffset,
    ...(zone && !offset ? { timeZone: zone } : {}),
    dayFirst: !usEnglish,
  };
}

/** True when a `<time>` (or itemprop element) gives the update time rather than the publication time. */
function isUpdate(el: Element): boolean {
  if (/datemodified/i.test(el.getAttribute('itemprop') ?? '')) return true;
  const before = cleanText(el.previousSibling?.textContent).slice(-30);
  return UPDATED_LABEL.test(before) || UPDATED_LABEL.test(cleanText(el.textContent));
}

/** Times from the `<time datetime>` elements near the headline. */
function fromTimes(near: NearHeadline | null, options: DateOptions): FoundDates {
  const found: FoundDates = { published: null, modified: null };
  for (const el of near?.times ?? []) {
    const value = machine(el.getAttribute('datetime') || el.getAttribute('content'), options);
    if (!value) continue;
    const key = isUpdate(el) ? 'modified' : 'published';
    found[key] ??= value;
  }
  return found;
}

/**
 * True when a line reads as a time line rather than a sentence that mentions a date ("Ngày 30/10/2023, tỉnh
 * đã tổ chức …", "Sáng 30-10-2023 các em đi học."): besides numbers, names and labels it has few lower-case
 * words, and it does not end as a sentence does.
 */
export function isDatelineLike(text: string): boolean {
  const nfc = text.normalize('NFC').trim();
  const lower = nfc.match(/(?<![\p{L}])\p{Ll}[\p{L}\p{M}]*/gu) ?? [];
  return lower.length <= 8 && !(lower.length >= 3 && /\p{L}[.!?…]$/u.test(nfc));
}

/** Times from the printed lines near the headline: the adapter's time line first, then the nearest line. */
function fromLines(sources: DateSources): FoundDates {
  const lines = sources.near?.lines ?? [];
  const hint = sources.hint;
  // The hint counts when it is one of the lines near the headline, or when there is no headline to be near.
  const useHint = !!hint && (!sources.near || lines.some((l) => l.el.contains(hint)));
  const texts = [
    ...(useHint ? [cleanText(hint?.textContent).slice(0, 200)] : []),
    ...lines.map((l) => l.text),
  ];
  for (const text of texts) {
    if (!text || TODAY_LABEL.test(text) || !isDatelineLike(text)) continue;
    const found = parseDateline(text, sources.options, UPDATED_LABEL);
    if (found.published) return found;
  }
  return { published: null, modified: null };
}

/** A labelled time line among the article's last lines (see `DateSources.tail`), the last one first. */
function fromTail(sources: DateSources): FoundDates {
  for (const line of [...(sources.tail ?? [])].reverse()) {
    const text = cleanText(line);
    if (text.length > 160 || !(PUBLISHED_LABEL.test(text) || UPDATED_LABEL.test(text))) continue;
    if (!isDatelineLike(text.replace(PUBLISHED_LABEL, '').replace(UPDATED_LABEL, ''))) continue;
    const found = parseDateline(text, sources.options, UPDATED_LABEL);
    if (found.published) return found;
  }
  return { published: null, modified: null };
}

/** Publication and update times of the page, in the order of trust of the module comment. */
export function findDates(sources: DateSources): FoundDates {
  const { meta, options } = sources;
  const declared: FoundDates = {
    published:
      machine(meta.article?.datePublished, options) ??
      machine(metaValue(meta.meta, ...PUBLISHED_NAMES), options) ??
      machine(sources.guess, options),
    modified:
      machine(meta.article?.dateModified, options) ??
      machine(metaValue(meta.meta, ...MODIFIED_NAMES), options),
  };
  if (declared.published && declared.modified) return declared;
  const times = fromTimes(sources.near, options);
  const published = declared.published ?? times.published;
  const modified = declared.modified ?? times.modified;
  if (published && modified) return { published, modified };
  const printed = fromLines(sources);
  if (published ?? printed.published) {
    return {
      published: published ?? printed.published,
      modified: modified ?? printed.modified,
    };
  }
  // Nothing near the headline: a labelled time line at the end of the article.
  const tail = fromTail(sources);
  return { published: tail.published, modified: modified ?? printed.modified ?? tail.modified };
}
