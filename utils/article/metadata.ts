/** What a page says about itself in `<head>`: meta tags, canonical link, language, JSON-LD. */
import { articleNode, type JsonLdNode, readJsonLd } from './jsonld';
import { type PageScan, tagged } from './scan';

const MAX_META = 300;

/** A page's self-description, read once and shared by detection and extraction. */
export interface PageMetadata {
  /** Meta tags by lower-cased `property`/`name`/`itemprop` (each of a space-separated list); first value wins. */
  meta: Map<string, string>;
  jsonLd: JsonLdNode[];
  article: JsonLdNode | undefined;
  canonical: string | null;
  lang: string | null;
}

/** Reads the page's metadata once; detection and extraction share the result. Pass `scan` if you have one. */
export function readMetadata(doc: Document, scan?: PageScan): PageMetadata {
  const meta = new Map<string, string>();
  const tags = scan ? tagged(scan, 'META') : doc.getElementsByTagName('meta');
  for (let i = 0; i < tags.length && i < MAX_META; i++) {
    const tag = tags[i] as Element;
    const value = tag.getAttribute('content')?.trim();
    if (!value) continue;
    const keys =
      tag.getAttribute('property') ??
      tag.getAttribute('name') ??
      tag.getAttribute('itemprop') ??
      tag.getAttribute('http-equiv') ??
      '';
    // RDFa allows several properties in one attribute: property="dc:creator twitter:site_name".
    for (const key of keys.toLowerCase().split(/\s+/)) if (key && !meta.has(key)) meta.set(key, value);
  }
  const jsonLd = readJsonLd(scan ? tagged(scan, 'SCRIPT') : doc.getElementsByTagName('script'));
  // The canonical link counts in <head> only (as search engines read it; a link in the body is not the page's
  // word about itself), as the content script reads it (utils/canonical.ts).
  let canonical: string | null = null;
  const links = scan ? tagged(scan, 'LINK') : (doc.head?.getElementsByTagName('link') ?? []);
  for (let i = 0; i < links.length && i < MAX_META; i++) {
    const link = links[i] as Element;
    if (link.parentElement !== doc.head && !doc.head?.contains(link)) continue;
    if (/(^|\s)canonical(\s|$)/i.test(link.getAttribute('rel') ?? '') && link.getAttribute('href')) {
      canonical = link.getAttribute('href');
      break;
    }
  }
  const lang =
    doc.documentElement?.getAttribute('lang') ??
    meta.get('content-language') ??
    meta.get('og:locale') ??
    meta.get('language') ??
    null;
  return { meta, jsonLd, article: articleNode(jsonLd), canonical, lang };
}

/** The first present meta value among `keys`. */
export function metaValue(meta: Map<string, string>, ...keys: string[]): string | null {
  for (const key of keys) {
    const value = meta.get(key);
    if (value) return value;
  }
  return null;
}

/** `vi-VN`, `vi_VN`, `VI` → `vi`; null for empty or malformed values. */
export function primaryLanguage(lang: string | null | undefined): string | null {
  const m = /^\s*([a-z]{2,3})(?:[-_][a-z0-9]+)*\s*$/i.exec(lang ?? '');
  return m ? (m[1] as string).toLowerCase() : null;
}

/** `href` resolved against `base`, only when the result is http(s). */
export function absoluteUrl(href: string | null | undefined, base: string): string | null {
  if (!href) return null;
  try {
    const url = new URL(href.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** Meta names that carry the publication time, in the order they are trusted. */
export const PUBLISHED_META = [
  'article:published_time',
  'datepublished',
  'pubdate',
  'publishdate',
  'dc.date.issued',
] as const;

/** Meta names that carry the time of the last update. */
export const MODIFIED_META = ['article:modified_time', 'og:updated_time', 'datemodified'] as const;
