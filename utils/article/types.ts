/**
 * Types shared by article detection, extraction and the site adapters. No runtime code, so the content
 * script can import them for free.
 */

/** One piece of evidence behind a detection verdict; `points` is what it added to (or took from) the score. */
export interface DetectionReason {
  /** Stable id, usable as an i18n key suffix (see `REASON_TEXT` in detect.ts for the English wording). */
  id: ReasonId;
  points: number;
  /** What was seen, for debugging: a type name, a count, a path. Not translated. */
  detail?: string;
}

/** The signals detection counts; see `REASON_TEXT` in detect.ts. */
export type ReasonId =
  | 'jsonld-article'
  | 'jsonld-listing'
  | 'og-article'
  | 'og-not-article'
  | 'published-time'
  | 'dateline'
  | 'url-article'
  | 'url-listing'
  | 'url-home'
  | 'url-reference'
  | 'main-heading'
  | 'many-headings'
  | 'dense-text'
  | 'heading-over-prose'
  | 'little-text'
  | 'teasers'
  | 'author';

/** What `detectArticle` answers. `score` is the sum of the reasons' points; `isArticle` is `score >= 40`. */
export interface Detection {
  isArticle: boolean;
  score: number;
  reasons: DetectionReason[];
}

/** An extracted article. Text fields are NFC; dates are ISO 8601 with an offset (`2020-02-05T08:02:00+07:00`). */
export interface Article {
  /** The address the document was read from. */
  url: string;
  /** `<link rel=canonical>` (or `og:url`) resolved against `url`; null when the page names none. */
  canonicalUrl: string | null;
  title: string;
  /** Author name(s) or source agency, labels such as "Bài và ảnh:" or "By" stripped. */
  byline: string | null;
  siteName: string | null;
  /** Primary language subtag, lower case (`vi`, `en`). */
  lang: string | null;
  publishedAt: string | null;
  modifiedAt: string | null;
  /** The standfirst (Vietnamese *sapo*), also the first block of `html` and `text`. */
  lead: string | null;
  /** A short summary: the page's description, else the lead, else the start of the text. */
  excerpt: string | null;
  /** Absolute URL of the main image (og:image, JSON-LD image, or the first image of the body). */
  mainImage: string | null;
  wordCount: number;
  /** Body HTML, sanitised with DOMPurify: safe to insert into an extension page. */
  html: string;
  /** Body as plain text: blocks separated by a blank line, spaces collapsed, NFC. */
  text: string;
  /** Id of the site adapter that handled the page. */
  adapter: string;
}

/** The kind of page an address points to, judged from its shape alone. */
export type UrlKind = 'article' | 'listing' | 'home';

/** An address an adapter must recognise, with the kind of page it is (checked by test). */
export interface ExampleUrl {
  url: string;
  kind: UrlKind;
}

/**
 * What one site (or family of sites) needs beyond the generic rules: how to recognise its addresses, where
 * the parts of an article sit, and which boxes are never part of one. Selectors are hints; every field
 * falls back to the generic rules when they find nothing, so a renamed class degrades, not breaks.
 */
export interface SiteAdapter {
  id: string;
  /** Addresses this adapter must match and classify; enforced by tests/unit/article-sites.test.ts. */
  exampleUrls: readonly ExampleUrl[];
  matches(url: URL): boolean;
  /** The page kind the address shape says, or null when it says nothing. */
  urlKind(url: URL): UrlKind | null;
  /** Used when the page names no site. */
  siteName?: string;
  /** Offset for dates the page writes without one. */
  defaultOffset: string;
  /** Whether bylines, dates and leads follow Vietnamese conventions. */
  vietnamese: boolean;
  selectors: {
    /** The headline element. */
    title?: string;
    /** The element holding the publication time line. */
    time?: string;
    /** The standfirst / sapo. */
    lead?: string;
    /** An author element outside the body. */
    author?: string;
    /** Boxes removed before extraction: related news, share bars, comment forms, footers. */
    noise: readonly string[];
  };
}
