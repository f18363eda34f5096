/**
 * Who and what to credit: the article's title without the site's name, the site's name, and the byline —
 * chosen among the body's author line, the adapter's author element, the line near the headline, JSON-LD or
 * meta authors, Readability's guess and, last, a source or editor credited near the headline ("来源：新华社"),
 * in that order. The site's own name is never a byline, unless the page
 * declares it as a person too (a personal blog named after its author).
 */
import { cleanByline, pickByline } from './byline';
import { bylineNearHeadline, sourceNearHeadline } from './byline-near';
import { nameOf } from './jsonld';
import { metaValue, type PageMetadata } from './metadata';
import type { NearHeadline } from './near-headline';
import { cleanText } from './text';
import { chooseTitle, looksLikePublication, siteNameFromTitle } from './title';
import type { SiteAdapter } from './types';

const AUTHOR_META = [
  'dc:creator',
  'dcterm:creator',
  'dc.creator',
  'dcterms.creator',
  'author',
  'article:author',
];

/** What the credits are chosen from. */
export interface CreditSources {
  doc: Document;
  meta: PageMetadata;
  adapter: SiteAdapter;
  host: string;
  /** The headline element's text, if one was found. */
  headline: string | null;
  near: NearHeadline | null;
  /** The author line taken from the body (its start or end). */
  bodyByline: string | null;
  /** The adapter's author element, read as a byline. */
  adapterByline: string | null;
  /** Readability's guesses. */
  guess: { title?: string | null; byline?: string | null; siteName?: string | null };
}

/** The article's title, site name and byline. */
export interface Credits {
  title: string;
  siteName: string | null;
  byline: string | null;
}

/** The author from JSON-LD or meta tags. */
function declaredAuthor(meta: PageMetadata): string | null {
  const author = cleanByline(nameOf(meta.article?.author) ?? metaValue(meta.meta, ...AUTHOR_META));
  return author && !/^https?:/i.test(author) ? author : null;
}

/** Names the page declares as people: JSON-LD authors of type Person, meta authors. */
function declaredPeople(meta: PageMetadata): string[] {
  const raw = meta.article?.author;
  const nodes = (Array.isArray(raw) ? raw : [raw]).filter(
    (a): a is Record<string, unknown> =>
      !!a && typeof a === 'object' && /person/i.test(String((a as Record<string, unknown>)['@type'])),
  );
  const names = nodes.map((a) => nameOf(a));
  return [...names, metaValue(meta.meta, ...AUTHOR_META)].filter((n): n is string => !!n);
}

/** Reads the credits; see the module comment. */
export function readCredits(s: CreditSources): Credits {
  const { meta, adapter, host } = s;
  const publisher = nameOf((meta.article?.publisher as unknown) ?? null);
  const ogSite = metaValue(meta.meta, 'og:site_name', 'application-name');
  const names: (string | null | undefined)[] = [publisher, ogSite, adapter.siteName, s.guess.siteName];
  const title = chooseTitle(s.headline, s.guess.title, [s.doc.title, metaValue(meta.meta, 'og:title')], {
    names,
    host,
  });
  // The publisher's own name (JSON-LD) reads better than og:site_name's domain-like variants; a page that
  // names itself nowhere else may still print its name around the headline in <title>.
  const declared = cleanText(publisher ?? ogSite ?? adapter.siteName ?? s.guess.siteName);
  const fromTitle = declared ? null : siteNameFromTitle(s.doc.title, title);
  // A name read from <title> only counts against bylines when it reads as a newspaper's ("Báo … điện tử").
  if (fromTitle && looksLikePublication(fromTitle)) names.push(fromTitle);
  const byline = pickByline(
    [
      s.bodyByline,
      s.adapterByline,
      s.near && bylineNearHeadline(s.near, names, host, adapter.vietnamese),
      declaredAuthor(meta),
      cleanByline(s.guess.byline),
      s.near && sourceNearHeadline(s.near, names, host),
    ],
    names,
    host,
    declaredPeople(meta),
  );
  return { title, siteName: declared || fromTitle || null, byline };
}
